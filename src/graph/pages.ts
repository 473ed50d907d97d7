// Index-backed "newest N" pages of an entity (issue 13): the articles mentioning it, the quotes it
// said, the quotes about it. Each MENTIONS, SAID and ABOUT relationship carries `page`, a key that
// names the entity the page belongs to and sorts the relationship's article or quote newest first:
//
//   <entity id> U+0001 <99999999 - yyyymmdd of publishedAt, 8 digits, or '~' when undated> ' ' <article or quote id>
//
// Ascending order of the part after the entity is exactly NEWEST in read.ts (`publishedAt IS NULL,
// publishedAt DESC, id`): a later date gives a smaller number, '~' sorts after every digit, and equal
// dates compare by id. A range index on the one property (schema/graph.cypher) answers
// `page STARTS WITH <id> U+0001` in that order, so `ORDER BY page LIMIT n` reads n entries instead of
// every relationship of the entity and a Top over them (checked with PROFILE: a
// RelationshipIndexSeekByRange with order, no Top). A composite index (entity, sort key) was tried
// first: with an equality on the entity the planner did not use its order and sorted all of them.
//
// The key is written with the fact (write.ts CREATE_FACTS) and rewritten when resolution moves the
// fact to another node (resolve.ts MOVE_FACTS; curation's merges and splits go through the same
// moves). Entity ids never change in place (a node of another type or head is another node), and an
// article's or quote's date changes only when its text does, which rewrites its facts. Stores written
// before the key existed get it from `npm run db:migrate` (backfillPageKeys).
import type { Driver } from 'neo4j-driver'

/** the Cypher of the part of the key after the entity, for a node `n` with publishedAt and id */
const SORT = (n: string) =>
  `CASE WHEN ${n}.publishedAt IS NULL THEN '~' ELSE right('0000000' + toString(99999999 - (${n}.publishedAt.year * 10000 + ${n}.publishedAt.month * 100 + ${n}.publishedAt.day)), 8) END + ' ' + ${n}.id`

/** the Cypher of the page key of a fact on entity node `e` about article or quote node `n` */
export const PAGE_KEY = (e: string, n: string) => `${e}.id + '\\u0001' + ${SORT(n)}`

/** the Cypher of the prefix of every key of the entity whose id is the expression `id` */
export const PAGE_PREFIX = (id: string) => `${id} + '\\u0001'`

/** The same key in JavaScript (tests): `date` YYYY-MM-DD or null. */
export function pageKey(entityId: string, date: string | null, id: string): string {
  const sort = date === null ? '~' : String(99999999 - Number(date.slice(0, 10).replace(/-/g, ''))).padStart(8, '0')
  return `${entityId}\u0001${sort} ${id}`
}

// ---------------------------------------------------------------------------------------------
// Backfill (migrate): a store written before the keys existed

/** a relationship of the three kinds with no key yet (the marker below says whether to look) */
export const PAGE_KEYS_DONE = `MATCH (m:Migration {key: 'pageKeys'}) RETURN count(m) > 0 AS done`
export const MARK_PAGE_KEYS_DONE = `MERGE (m:Migration {key: 'pageKeys'}) SET m.at = datetime()`
export const BACKFILL_MENTIONS_PAGE = `
MATCH (a:Article)-[r:MENTIONS]->(e:Entity) WHERE r.page IS NULL
CALL (a, r, e) { SET r.page = ${PAGE_KEY('e', 'a')} } IN TRANSACTIONS OF 5000 ROWS`
export const BACKFILL_SAID_PAGE = `
MATCH (e:Entity)-[r:SAID]->(q:Quote) WHERE r.page IS NULL
CALL (q, r, e) { SET r.page = ${PAGE_KEY('e', 'q')} } IN TRANSACTIONS OF 5000 ROWS`
export const BACKFILL_ABOUT_PAGE = `
MATCH (q:Quote)-[r:ABOUT]->(e:Entity) WHERE r.page IS NULL
CALL (q, r, e) { SET r.page = ${PAGE_KEY('e', 'q')} } IN TRANSACTIONS OF 5000 ROWS`

/**
 * Gives every MENTIONS, SAID and ABOUT relationship its page key, once per store (a `(:Migration
 * {key: 'pageKeys'})` node remembers it was done, so later starts read one node). Run with no writer
 * at work, like the aggregates' backfill. Returns whether it had anything to do.
 */
export async function backfillPageKeys(driver: Driver, database?: string): Promise<boolean> {
  const done = await driver.executeQuery(PAGE_KEYS_DONE, {}, { database })
  if (done.records[0]?.get('done')) return false
  const session = driver.session({ database })
  try {
    for (const q of [BACKFILL_MENTIONS_PAGE, BACKFILL_SAID_PAGE, BACKFILL_ABOUT_PAGE]) await session.run(q)
  } finally {
    await session.close()
  }
  await driver.executeQuery(MARK_PAGE_KEYS_DONE, {}, { database })
  return true
}

// ---------------------------------------------------------------------------------------------
// Check (tests): every key as written equals the key recomputed from the relationship's two ends

export const PAGE_KEY_DIFFERENCES = `
CALL () {
  MATCH (a:Article)-[r:MENTIONS]->(e:Entity) WHERE r.page IS NULL OR r.page <> ${PAGE_KEY('e', 'a')}
  RETURN 'MENTIONS ' + a.id + ' -> ' + e.id + ': ' + coalesce(r.page, 'no key') AS difference
  UNION ALL
  MATCH (e:Entity)-[r:SAID]->(q:Quote) WHERE r.page IS NULL OR r.page <> ${PAGE_KEY('e', 'q')}
  RETURN 'SAID ' + e.id + ' -> ' + q.id + ': ' + coalesce(r.page, 'no key') AS difference
  UNION ALL
  MATCH (q:Quote)-[r:ABOUT]->(e:Entity) WHERE r.page IS NULL OR r.page <> ${PAGE_KEY('e', 'q')}
  RETURN 'ABOUT ' + q.id + ' -> ' + e.id + ': ' + coalesce(r.page, 'no key') AS difference
}
RETURN difference ORDER BY difference LIMIT 50`

/** The MENTIONS, SAID and ABOUT relationships whose page key is missing or stale (empty when all agree). Reads the whole graph. */
export async function pageKeyDifferences(driver: Driver, database?: string): Promise<string[]> {
  const res = await driver.executeQuery(PAGE_KEY_DIFFERENCES, {}, { database })
  return res.records.map((r) => String(r.get('difference')).replace('\u0001', ' | '))
}
