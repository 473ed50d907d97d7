// Integrity checks of the write side: the facts each stored article holds in the graph, counted per
// kind, to compare with what its extraction finds (factCounts in rows.ts). A writer claims its
// articles with these counts (CLAIM_ARTICLES) and rewrites an article whose facts were lost.
import type { Driver } from 'neo4j-driver'
import type { FactCounts } from './rows.ts'

/**
 * The facts an article `a` (whose id is `id`) holds in the graph, one count per kind of FactCounts.
 * Each is a degree or an index seek, cheap enough to read for every article a batch claims.
 */
const FACTS_OF_ARTICLE = `{
    mentions: COUNT { (a)-[:MENTIONS]->(:Entity) },
    quotes: COUNT { (a)<-[:IN]-(:Quote) },
    said: COUNT { (a)<-[:IN]-(:Quote)<-[:SAID]-(:Entity) },
    about: COUNT { (a)<-[:IN]-(:Quote)-[:ABOUT]->(:Entity) },
    relations: COUNT { ()-[:RELATED {articleId: id}]->() },
    roles: COUNT { ()-[:HOLDS_ROLE {articleId: id}]->() },
    wrote: COUNT { (:Entity)-[:WROTE]->(a) },
    places: COUNT { ()-[:IN_COUNTRY {articleId: id}]->() }
  }`

/**
 * Claims the batch's articles: MERGE creates the missing ones (their textHash is still null) and
 * takes the article's lock, so a second writer of the same article waits for the first to commit
 * and then finds its text hash stored. Ids come sorted, so writers lock them in the same order.
 * With the hash come the facts the graph holds for each stored article, and the hash of the facts its
 * extraction found when it was written (`factsHash`, rows.ts), so that an article whose text is unchanged
 * but whose facts are not those of its extraction (lost, or found otherwise by a newer extraction) is
 * rewritten, not skipped.
 */
export const CLAIM_ARTICLES = `
UNWIND $ids AS id
MERGE (a:Article {id: id})
RETURN a.id AS id, a.textHash AS textHash, a.factsHash AS factsHash,
  CASE WHEN a.textHash IS NULL THEN null ELSE ${FACTS_OF_ARTICLE} END AS facts`

/** The facts each stored article of `$ids` holds in the graph (the integrity checks compare them with extraction). */
export const STORED_FACTS = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, ${FACTS_OF_ARTICLE} AS facts`

/** The facts of each article of `ids` that the graph holds (articles not in the graph are left out). */
export async function storedFacts(driver: Driver, ids: string[], opts: { database?: string } = {}): Promise<Map<string, FactCounts>> {
  const res = await driver.executeQuery(STORED_FACTS, { ids }, { database: opts.database, routing: 'READ' })
  return new Map(res.records.map((r) => [r.get('id') as string, toFactCounts(r.get('facts'))]))
}

export function toFactCounts(m: Record<string, unknown>): FactCounts {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v)])) as unknown as FactCounts
}
