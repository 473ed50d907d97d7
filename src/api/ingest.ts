// ingestArticle's pipeline: the API's input -> the extraction input -> the same extract-and-write
// call as the CLI (src/ingest/pipeline.ts), then the stored counts read back from the graph.
import { GraphQLError } from 'graphql'
import type { Driver } from 'neo4j-driver'
import type { ArticleInput } from '../extract/types.ts'
import { ARTICLE_COUNTS } from '../graph/read.ts'
import type { ReadExecutor } from '../graph/read.ts'
import { ingestArticle } from '../ingest/pipeline.ts'
import type { IngestArticleInput, IngestFn } from './context.ts'

export function toArticleInput(input: IngestArticleInput): ArticleInput {
  return {
    text: input.text,
    bodyStart: 0,
    bodyEnd: input.text.length,
    meta: {
      title: input.title ?? null,
      publishedAt: input.publishedAt ?? null,
      authors: input.authors ?? [],
      dateline: input.dateline ?? null,
      publisher: input.publisher ?? null,
      url: input.url ?? null,
    },
  }
}

/**
 * A URL is stored in a range index, whose keys Neo4j limits to about 8 KB: a longer one failed in
 * the write with "Unexpected error." (issue 17, D14). Real URLs are far shorter.
 */
export const MAX_URL_LENGTH = 4096

/** the refusals of the pipeline that are the caller's to fix: their messages are safe to show */
const USER_FAULTS = [/^too large to write in one transaction\b/]

const refused = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })

export function createIngest(driver: Driver, db: ReadExecutor, database: string): IngestFn {
  return async (input) => {
    const source = input.source?.trim() || 'api'
    if (input.url && input.url.length > MAX_URL_LENGTH) {
      throw refused(`\`input.url\` is ${input.url.length} characters long; the limit is ${MAX_URL_LENGTH}`)
    }
    let outcome
    try {
      ;({ outcome } = await ingestArticle(driver, toArticleInput(input), source, { database }))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      if (USER_FAULTS.some((re) => re.test(message))) throw refused(`the article was not stored: ${message}`)
      throw err
    }
    const [row] = await db.run(ARTICLE_COUNTS, { id: outcome.id })
    return {
      articleId: outcome.id,
      status: outcome.status === 'failed' ? 'unchanged' : outcome.status,
      entities: (row?.entities as number) ?? 0,
      quotes: (row?.quotes as number) ?? 0,
      relations: (row?.relations as number) ?? 0,
    }
  }
}
