// ingestArticle's pipeline: the API's input -> the extraction input -> the same extract-and-write
// call as the CLI (src/ingest/pipeline.ts), then the stored counts read back from the graph.
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

export function createIngest(driver: Driver, db: ReadExecutor, database: string): IngestFn {
  return async (input) => {
    const source = input.source?.trim() || 'api'
    const { outcome } = await ingestArticle(driver, toArticleInput(input), source, { database })
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
