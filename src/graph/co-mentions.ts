// Co-mention counts kept where counting them when read would be expensive (issue 13). Entity.related's
// `coMentions` is the number of articles that mention both ends of a pair. Counted when read (CO_MENTIONS
// in read-related.ts), it costs about 2 db hits per article of the end mentioned in fewer articles: cheap
// when that end is small, linear in the corpus for two big ones (Trump and Clinton). So the count is
// stored, exactly, on the RELATED_WEIGHT of a pair only when BOTH ends are "big": mentioned in at least
// `storeMin` articles (a setting, NEWSGRAPH_COMENTION_STORE_MIN, kept in the store: the marker
// `(:Migration {key: 'coMentions', storeMin})`, which every writer reads in its transaction, so that all
// writers keep the same pairs). Everywhere else the read counts, bounded by ~2 x storeMin db hits a pair.
//
// Invariant (aggregateDifferences checks it against a recount from MENTIONS): a RELATED_WEIGHT has
// `pair` (smaller id U+0001 larger id, indexed) and `coMentions` iff both ends have articleCount >=
// storeMin, and then `coMentions` is exact. An article names few big entities, so a writer looks up few
// pairs (ADD_CO_MENTIONS: one index seek each), not every pair of the ~28 entities an article names.
//
// How applyChange (aggregates.ts) keeps it, after locking (ADD_ENTITY_COUNTS, which returns the new
// articleCounts) every entity whose counters change, both ends of every pair whose weight changes, and
// every entity that some changed article gains or loses (one end at least of any pair whose co-mention
// count changes):
//  1. co-mentions: per changed article, the pairs it gains (entities it names after, at least one new)
//     and loses, among the entities big after the change, are added to the RELATED_WEIGHTs holding a
//     count (ADD_CO_MENTIONS; a pair whose end crosses down this transaction is dropped by 3 anyway);
//  2. a RELATED_WEIGHT it creates between two big ends counts its pair from the graph, which holds the
//     transaction's own facts (ADD_RELATED_WEIGHT, after 1: nothing added twice);
//  3. an entity whose articleCount crossed storeMin (up or down, by ingest, --remove, re-ingest or a
//     merge/split) gains or loses the counts of its RELATED_WEIGHTs (CROSS_STORE_MIN: counted from the
//     graph, or removed), after locking every other end of them (LOCK_RELATED_ENDS).
// Concurrent writers: a writer adding to pair (p, o) holds p's lock; one creating the pair's
// RELATED_WEIGHT holds both ends; one whose o crosses storeMin locks every other end of o's
// RELATED_WEIGHTs, p among them. So any two of them touching one pair take one common lock, and the
// second sees what the first committed (a count counted by the first includes nothing the second then
// adds: the second's facts were not committed yet). Crossings lock out of id order: a deadlock is
// possible, which Neo4j detects and executeWrite runs again (a transient error).
import type { Driver, ManagedTransaction } from 'neo4j-driver'
import { PAGE_PREFIX } from './pages.ts'

/** the default of NEWSGRAPH_COMENTION_STORE_MIN (docs/scale-history.md, "How it got here", says how it was chosen) */
export const DEFAULT_COMENTION_STORE_MIN = 1000

/** The setting: the articles an entity is mentioned in from which its pairs with other such entities keep their count. */
export function coMentionStoreMinSetting(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.NEWSGRAPH_COMENTION_STORE_MIN
  if (v === undefined || v.trim() === '') return DEFAULT_COMENTION_STORE_MIN
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new Error(`NEWSGRAPH_COMENTION_STORE_MIN must be a whole number >= 1, not ${JSON.stringify(v)}`)
  return n
}

/** the store's storeMin (null: none kept yet, e.g. a store not migrated since: nothing stored, every count read) */
export const STORE_MIN = `OPTIONAL MATCH (m:Migration {key: 'coMentions'}) RETURN m.storeMin AS storeMin`

/** reads the store's storeMin (in a transaction that writes co-mention counts) */
export async function readStoreMin(tx: ManagedTransaction): Promise<number | null> {
  const v = (await tx.run(STORE_MIN)).records[0]?.get('storeMin')
  return v === null || v === undefined ? null : Number(v)
}

/**
 * The Cypher of the number of articles that mention both entity nodes `a` and `b`, as the graph
 * holds it now: the articles of the one mentioned in fewer (its counter) are read from the page index
 * (pages.ts), and for each the other's MENTIONS of that article is looked up by its exact page key
 * (the same sort key, the other entity's id): about 2 db hits per article of the smaller side (the
 * index entry and the seek: both pages' prefixes are made once, before the scan; made from the nodes per
 * article, as before, they cost 2 more).
 * DISTINCT on the key: two name forms of one article may have resolved to one node (resolve.ts).
 * Its variables are prefixed `cm` (the expression is used inside other statements).
 */
export const CO_MENTION_COUNT = (a: string, b: string) => `COUNT {
    WITH CASE WHEN coalesce(${a}.articleCount, 0) <= coalesce(${b}.articleCount, 0) THEN [${a}, ${b}] ELSE [${b}, ${a}] END AS cmEnds
    WITH ${PAGE_PREFIX('cmEnds[0].id')} AS cmSmall, ${PAGE_PREFIX('cmEnds[1].id')} AS cmBig
    MATCH ()-[cmM:MENTIONS]->() USING INDEX SEEK cmM:MENTIONS(page) WHERE cmM.page STARTS WITH cmSmall
    WITH DISTINCT cmSmall, cmBig, cmM.page AS cmKey
    WITH cmBig + substring(cmKey, size(cmSmall)) AS cmOther
    WHERE EXISTS { MATCH ()-[cmN:MENTIONS]->() USING INDEX SEEK cmN:MENTIONS(page) WHERE cmN.page = cmOther }
    RETURN cmOther
  }`

/** the Cypher of a RELATED_WEIGHT's `pair` key, from its ends `s` (smaller id) and `t` */
export const WEIGHT_PAIR = (s: string, t: string) => `${s}.id + '\\u0001' + ${t}.id`
/** the same key in JS */
export const weightPair = (a: string, b: string): string => (a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`)

/** the Cypher of: both ends `s` and `t` are big (false when the store has no storeMin: $storeMin null) */
export const BOTH_BIG = (s: string, t: string) => `coalesce(coalesce(${s}.articleCount, 0) >= $storeMin AND coalesce(${t}.articleCount, 0) >= $storeMin, false)`

/** Adds co-mention differences to the pairs (`pair` key) whose RELATED_WEIGHT keeps a count: one index seek each. */
export const ADD_CO_MENTIONS = `
UNWIND $rows AS row
MATCH ()-[w:RELATED_WEIGHT]->() USING INDEX SEEK w:RELATED_WEIGHT(pair) WHERE w.pair = row.pair
SET w.coMentions = w.coMentions + toInteger(row.n)`

/** the articleCounts of entities not locked by the transaction (the other ends of pairs it changes; see the head) */
export const ARTICLE_COUNTS_OF = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, coalesce(e.articleCount, 0) AS articles`

/** Write-locks every other end of the RELATED_WEIGHTs of the entities (which crossed storeMin), in id order. */
export const LOCK_RELATED_ENDS = `
UNWIND $ids AS id
MATCH (:Entity {id: id})-[:RELATED_WEIGHT]-(o:Entity)
WITH DISTINCT o ORDER BY o.id
SET o._lock = true
REMOVE o._lock`

/**
 * The RELATED_WEIGHTs of entities that crossed storeMin: a pair with both ends big now and no count
 * counts it from the graph; one with a small end loses its count.
 */
export const CROSS_STORE_MIN = `
UNWIND $ids AS id
MATCH (:Entity {id: id})-[w:RELATED_WEIGHT]-(:Entity)
WITH DISTINCT w
WITH w, startNode(w) AS s, endNode(w) AS t
WITH w, s, t, ${BOTH_BIG('s', 't')} AS big
CALL (w, s, t, big) {
  WITH * WHERE big AND w.pair IS NULL
  SET w.pair = ${WEIGHT_PAIR('s', 't')}, w.coMentions = ${CO_MENTION_COUNT('s', 't')}
}
CALL (w, big) {
  WITH * WHERE NOT big AND w.pair IS NOT NULL
  REMOVE w.pair, w.coMentions
}`

/** One changed article: the entities it names before and after the change (distinct node ids). */
export interface MentionChange {
  before: string[]
  after: string[]
  added: string[]
  removed: string[]
}

/** The articles whose set of mentioned entities differs between `before` and `after` (article key -> entities). */
export function mentionChanges(before: Map<string, string[]> | undefined, after: Map<string, string[]> | undefined): MentionChange[] {
  const out: MentionChange[] = []
  for (const key of new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])])) {
    const b = before?.get(key) ?? []
    const a = after?.get(key) ?? []
    const bs = new Set(b)
    const as = new Set(a)
    const added = a.filter((x) => !bs.has(x))
    const removed = b.filter((x) => !as.has(x))
    if (added.length || removed.length) out.push({ before: b, after: a, added, removed })
  }
  return out
}

/** The entities whose articleCount `pairDifferences` needs besides those of the changed articles' gained/lost entities. */
export function othersNeeded(changes: MentionChange[], big: (id: string) => boolean, known: (id: string) => boolean): string[] {
  const out = new Set<string>()
  for (const c of changes) {
    for (const [focus, set] of [[c.added, c.after], [c.removed, c.before]] as const) {
      if (!focus.some(big)) continue
      for (const y of set) if (!known(y)) out.add(y)
    }
  }
  return [...out].sort()
}

/**
 * The co-mention difference of the changed articles on the pairs of two big entities (pure): per article,
 * +1 for each pair of entities it names after with one at least added, -1 for each it named before with
 * one at least removed (pairs of entities named before and after are unchanged). `pair key -> n`.
 */
export function pairDifferences(changes: MentionChange[], big: (id: string) => boolean): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of changes) {
    for (const [focus, set, sign] of [[c.added, c.after, 1], [c.removed, c.before, -1]] as const) {
      const inFocus = new Set(focus)
      const bigSet = [...new Set(set)].filter(big)
      for (const x of new Set(focus)) {
        if (!big(x)) continue
        for (const y of bigSet) {
          if (y === x || (inFocus.has(y) && y < x)) continue
          const k = weightPair(x, y)
          out.set(k, (out.get(k) ?? 0) + sign)
        }
      }
    }
  }
  for (const [k, n] of out) if (!n) out.delete(k)
  return out
}

// ---------------------------------------------------------------------------------------------
// Recount check (tests) and backfill (migrate)

/**
 * Each RELATED_WEIGHT's co-mention count and pair key as stored, whether both ends are big (by their
 * counters, themselves checked by RECOUNT_ENTITIES), and the articles mentioning both recounted by
 * traversal (not by the page keys the writers use).
 */
export const RECOUNT_CO_MENTIONS = `
OPTIONAL MATCH (m:Migration {key: 'coMentions'})
WITH m.storeMin AS storeMin
MATCH (s:Entity)-[w:RELATED_WEIGHT]->(t:Entity)
RETURN s.id AS a, t.id AS b, w.coMentions AS stored, w.pair AS pair, ${WEIGHT_PAIR('s', 't')} AS key,
       coalesce(coalesce(s.articleCount, 0) >= storeMin AND coalesce(t.articleCount, 0) >= storeMin, false) AS big,
       COUNT { MATCH (s)<-[:MENTIONS]-(x:Article)-[:MENTIONS]->(t) RETURN DISTINCT x } AS recounted`

/** The co-mention counts that break the invariant (see the head), as aggregateDifferences words them. */
export async function coMentionDifferences(driver: Driver, database?: string): Promise<string[]> {
  const out: string[] = []
  for (const r of (await driver.executeQuery(RECOUNT_CO_MENTIONS, {}, { database })).records.map((x) => x.toObject())) {
    const stored = r.stored === null ? null : Number(r.stored)
    const recounted = Number(r.recounted)
    const pair = `RELATED_WEIGHT ${r.a} -- ${r.b} coMentions`
    if (r.big && (stored !== recounted || r.pair !== r.key)) out.push(`${pair}: stored ${stored}, recounted ${recounted}${r.pair === r.key ? '' : `, pair key ${r.pair}`}`)
    if (!r.big && (stored !== null || r.pair !== null)) out.push(`${pair}: stored ${stored} with a small end (recounted ${recounted}), pair key ${r.pair}`)
  }
  return out
}

export const BACKFILL_CO_MENTIONS_DROP = `
MATCH ()-[w:RELATED_WEIGHT]->() WHERE w.pair IS NOT NULL OR w.coMentions IS NOT NULL
CALL (w) { REMOVE w.pair, w.coMentions } IN TRANSACTIONS OF 10000 ROWS`
export const BACKFILL_CO_MENTIONS = `
MATCH (s:Entity) WHERE s.articleCount >= $storeMin
CALL (s) {
  MATCH (s)-[w:RELATED_WEIGHT]->(t:Entity) WHERE t.articleCount >= $storeMin
  SET w.pair = ${WEIGHT_PAIR('s', 't')}, w.coMentions = ${CO_MENTION_COUNT('s', 't')}
} IN TRANSACTIONS OF 100 ROWS`
const MARK_STORE_MIN = `MERGE (m:Migration {key: 'coMentions'}) SET m.at = datetime(), m.storeMin = toInteger($storeMin)`

/** Drops every co-mention count and counts the big pairs again, for the store's storeMin (none kept: nothing). */
export async function recountCoMentions(driver: Driver, database?: string): Promise<void> {
  const now = (await driver.executeQuery(STORE_MIN, {}, { database })).records[0]?.get('storeMin')
  if (now !== null && now !== undefined) await backfillCoMentions(driver, { database, storeMin: Number(now), force: true })
}

/**
 * Makes the store keep the co-mention counts of the pairs of entities mentioned in at least `storeMin`
 * articles (migrate: the setting): nothing to do when it already does (unless `force`: the
 * RELATED_WEIGHTs were rebuilt), else every count is dropped and the big pairs counted from the graph.
 * Run with no writer at work (after the page keys and RELATED_WEIGHTs exist). Returns whether it did anything.
 */
export async function backfillCoMentions(driver: Driver, opts: { storeMin?: number; database?: string; force?: boolean } = {}): Promise<boolean> {
  const storeMin = opts.storeMin ?? coMentionStoreMinSetting()
  const now = (await driver.executeQuery(STORE_MIN, {}, { database: opts.database })).records[0]?.get('storeMin')
  if (!opts.force && now !== null && now !== undefined && Number(now) === storeMin) return false
  const session = driver.session({ database: opts.database })
  try {
    await session.run(BACKFILL_CO_MENTIONS_DROP)
    await session.run(BACKFILL_CO_MENTIONS, { storeMin })
  } finally {
    await session.close()
  }
  await driver.executeQuery(MARK_STORE_MIN, { storeMin }, { database: opts.database })
  return true
}
