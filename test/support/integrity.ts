// The graph holds no partial article: integrity checks over the whole graph, each a query counting
// violations (all must be 0). Used by the bad-corpus, fault and concurrency tests.
import type { Driver } from 'neo4j-driver'
import { aggregateDifferences } from '../../src/graph/aggregates.ts'

/** Integrity of the whole graph: each query counts violations, all must be 0. */
export const INTEGRITY: Record<string, string> = {
  'articles without their text or hash (claimed, never written)': 'MATCH (a:Article) WHERE a.textHash IS NULL OR a.text IS NULL RETURN count(a) AS n',
  'quotes not IN exactly one article': 'MATCH (q:Quote) WHERE COUNT { (q)-[:IN]->(:Article) } <> 1 RETURN count(q) AS n',
  // quotes carry no articleId since 2026-12-02 (write.ts CREATE_FACTS): their id begins with their article's
  'quotes IN an article other than theirs': 'MATCH (q:Quote)-[:IN]->(a:Article) WHERE q.articleId <> a.id OR NOT q.id STARTS WITH a.id + "#q" RETURN count(q) AS n',
  // quotes are numbered q1..qN per article: a missing one shows as a highest number above the count
  'articles missing some of their quotes': `
    MATCH (q:Quote)-[:IN]->(a:Article)
    WITH a, count(q) AS n, max(toInteger(split(q.id, '#q')[-1])) AS highest
    WHERE highest <> n RETURN count(a) AS n`,
  'mentions whose offsets disagree with their count': 'MATCH (:Article)-[m:MENTIONS]->() WHERE size(m.starts) <> m.count OR size(m.ends) <> m.count RETURN count(m) AS n',
  'entities no article mentions (orphans)': `
    MATCH (e:Entity) WHERE NOT (e)<-[:MENTIONS]-(:Article) AND NOT (e)<-[:IN_COUNTRY]-(:Entity) AND NOT (e)-[:WROTE]->(:Article)
    RETURN count(e) AS n`,
  'facts whose article is not in the graph': `
    MATCH ()-[r:RELATED|HOLDS_ROLE|IN_COUNTRY]->() WHERE NOT EXISTS { MATCH (a:Article {id: r.articleId}) }
    RETURN count(r) AS n`,
  'SAID not from an entity to a quote, ABOUT not from a quote to an entity': `
    MATCH (x)-[r:SAID|ABOUT]->(y)
    WHERE (type(r) = 'SAID' AND NOT (x:Entity AND y:Quote)) OR (type(r) = 'ABOUT' AND NOT (x:Quote AND y:Entity))
    RETURN count(r) AS n`,
}

/** derived data kept by the writers (src/graph/aggregates.ts), compared with a recount of the base facts */
const AGGREGATES = 'aggregates that differ from a recount of MENTIONS, SAID and ABOUT'

export async function integrityViolations(d: Driver): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const [name, query] of Object.entries(INTEGRITY)) out[name] = Number((await d.executeQuery(query)).records[0].get('n'))
  out[AGGREGATES] = (await aggregateDifferences(d)).length
  return out
}
/** what integrityViolations returns for a sound graph */
export const NONE: Record<string, number> = { ...Object.fromEntries(Object.keys(INTEGRITY).map((k) => [k, 0])), [AGGREGATES]: 0 }

/**
 * The articles whose stored facts are not those a fresh extraction of their stored text finds:
 * `id (source): kind stored/expected, ...` for each, empty when all agree. The counts per kind
 * (mentions, quotes, SAID, ABOUT, relations, roles, WROTE, IN_COUNTRY) are read with the writer's
 * own STORED_FACTS query. The stored text is read again as the ingest read it: a news-format text
 * by the news reader, any other with its stored metadata (as JSON and the API give it). Articles
 * read from HTML are left out: their text is Readability's, and the byline spans the reader found
 * in the page are not stored.
 */
export const ARTICLES_TO_RECHECK = `
MATCH (a:Article) WHERE a.text IS NOT NULL AND NOT toLower(a.source) =~ '.*[.]x?html?'
RETURN a.id AS id, a.source AS source, a.text AS text, a.url AS url, a.title AS title, toString(a.publishedAt) AS publishedAt,
       a.authors AS authors, a.dateline AS dateline, a.publisher AS publisher
ORDER BY id`

export async function extractionMismatches(d: Driver): Promise<string[]> {
  const { prepareArticle } = await import('../../src/ingest/extract-step.ts')
  const { detectFormat, readInput } = await import('../../src/extract/index.ts')
  const { factCounts, factDifferences, storedFacts } = await import('../../src/graph/write.ts')
  const rows = (await d.executeQuery(ARTICLES_TO_RECHECK)).records.map((r) => r.toObject())
  const stored = await storedFacts(d, rows.map((r) => r.id as string))
  const out: string[] = []
  for (const r of rows) {
    const text = r.text as string
    const input =
      detectFormat(text, 'stored.txt') === 'news'
        ? readInput(text, 'stored.txt')[0]
        : {
            text,
            bodyStart: 0,
            bodyEnd: text.length,
            meta: { title: r.title, url: r.url, publishedAt: r.publishedAt, authors: r.authors ?? [], dateline: r.dateline, publisher: r.publisher },
          }
    const fresh = prepareArticle(input, r.source as string)
    const differences = factDifferences(stored.get(r.id as string)!, factCounts(fresh.rows))
    if (fresh.id !== r.id) differences.unshift(`a fresh extraction gives the id ${fresh.id}`)
    if (differences.length) out.push(`${r.id} (${r.source}): ${differences.join(', ')}`)
  }
  return out
}
