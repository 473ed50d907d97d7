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
// fact to another node (moves.ts MOVE_FACTS; curation's merges and splits go through the same
// moves). Entity ids never change in place (a node of another type or head is another node), and an
// article's or quote's date changes only when its text does, which rewrites its facts. Stores written
// before the key existed get it from `npm run db:migrate` (backfillPageKeys).
import type { Driver } from 'neo4j-driver'

/** the Cypher of the part of the key after the entity, from the expressions of a date (or null) and an id */
export const SORT_OF = (date: string, id: string) =>
  `CASE WHEN ${date} IS NULL THEN '~' ELSE right('0000000' + toString(99999999 - (${date}.year * 10000 + ${date}.month * 100 + ${date}.day)), 8) END + ' ' + ${id}`

/** the Cypher of the part of the key after the entity, for a node `n` with publishedAt and id */
const SORT = (n: string) => SORT_OF(`${n}.publishedAt`, `${n}.id`)

/**
 * the Cypher of `newest` on Article node `a`: the sort key alone, so that the articles newest first
 * (Query.articles with no filter, the reading view's latest articles) are the first entries of its range
 * index, not a sort of every article. Written with the article's facts (write.ts CREATE_FACTS, as SORT_OF its date and id).
 */
export const ARTICLE_NEWEST = (a: string) => SORT(a)

/** the Cypher of the page key of a fact on entity node `e` about article or quote node `n` */
export const PAGE_KEY = (e: string, n: string) => PAGE_KEY_OF(`${e}.id`, SORT(n))

/**
 * the same key from expressions: the entity's id and the sort part (SORT_OF). The writers build it
 * from the values they send (write.ts CREATE_FACTS): no property of a node is read for it.
 */
export const PAGE_KEY_OF = (entityId: string, sort: string) => `${entityId} + '\\u0001' + ${sort}`

/** the Cypher of the prefix of every key of the entity whose id is the expression `id` */
export const PAGE_PREFIX = (id: string) => `${id} + '\\u0001'`

/** The same key in JavaScript (tests): `date` YYYY-MM-DD or null. */
export function pageKey(entityId: string, date: string | null, id: string): string {
  const sort = date === null ? '~' : String(99999999 - Number(date.slice(0, 10).replace(/-/g, ''))).padStart(8, '0')
  return `${entityId}\u0001${sort} ${id}`
}

// ---------------------------------------------------------------------------------------------
// One speaker's quotes about an entity, newest first (issue 13: whoSaidWhatAbout's quotes per speaker,
// Query.quotes and the quote loaders given both a speaker and a subject). Each ABOUT (q)->(x) carries
// `pairPage`, the page of the pair (x, q's speaker):
//
//   <x's id> U+0001 <'e:' + id of the entity that SAID q | 'n:' + q's speakerName as written, '' for none> U+0001 <sort part>
//
// with the sort part of `page` (SORT_OF: q's date and id, so ascending is NEWEST). A quote has one
// speaker entity at most (rows.ts); a quote no entity said is keyed by its speaker's name as written,
// as QUOTED_UNATTRIBUTED groups it ('e:' and 'n:' as in the ranks above). A range index on it
// (schema/graph.cypher about_pair_page) answers `pairPage STARTS WITH <x> U+0001 <speaker> U+0001` in
// that order: a speaker's newest n quotes about x are n index entries, however much either said or
// was quoted otherwise (before, one side's page was scanned and each quote checked for the other).
//
// Written with the ABOUT (write.ts CREATE_FACTS, from the speaker the same row writes SAID for) and
// rewritten by moves.ts MOVE_FACTS when either end moves: an ABOUT moved to another subject gets the
// new subject's id in front (as `page`), a SAID moved to another speaker rewrites the speaker part of
// every ABOUT of its quote (PAIR_PAGE_SPEAKER). A quote's speaker name, date and id change only with its
// article's text, which rewrites its facts. Stores written before it get it from `npm run db:migrate`
// (backfillPairPages).

/** the Cypher of the speaker part of a pair page: 'e:' + the speaker entity's id (an expression, null for none), else 'n:' + the name as written */
export const PAIR_SPEAKER = (speakerId: string, speakerName: string) =>
  `CASE WHEN ${speakerId} IS NULL THEN 'n:' + coalesce(${speakerName}, '') ELSE 'e:' + ${speakerId} END`

/** a pair page is a page (PAGE_KEY_OF) whose owner is the subject's id and the speaker part */
const PAIR_OWNER = (subjectId: string, speaker: string) => `${subjectId} + '\\u0001' + ${speaker}`

/** the Cypher of a pair page from expressions: the subject's id, the speaker part (PAIR_SPEAKER), the sort part (SORT_OF) */
export const PAIR_PAGE_OF = (subjectId: string, speaker: string, sort: string) => PAGE_KEY_OF(PAIR_OWNER(subjectId, speaker), sort)

/** the Cypher of the prefix of every pair page of a subject's id and a speaker part (PAIR_SPEAKER) */
export const PAIR_PREFIX = (subjectId: string, speaker: string) => PAGE_PREFIX(PAIR_OWNER(subjectId, speaker))

/** the Cypher of the pair page of ABOUT from quote node `q` to entity node `x`, from the base facts (q's SAID, its speakerName, date and id): the backfill and the check */
export const PAIR_PAGE = (x: string, q: string) =>
  PAIR_PAGE_OF(`${x}.id`, PAIR_SPEAKER(`head([(pairSpeaker:Entity)-[:SAID]->(${q}) | pairSpeaker.id])`, `${q}.speakerName`), SORT(q))

/** the Cypher of the pair page `key` with its speaker part replaced by `speaker` (a SAID moved: moves.ts) */
export const PAIR_PAGE_SPEAKER = (key: string, speaker: string) =>
  `split(${key}, '\\u0001')[0] + '\\u0001' + ${speaker} + '\\u0001' + split(${key}, '\\u0001')[-1]`

/** The same key in JavaScript (tests): `speaker` {id} of the entity that said it, or {name} as written; `date` YYYY-MM-DD or null. */
export function pairPage(subjectId: string, speaker: { id: string } | { name: string | null }, date: string | null, quoteId: string): string {
  const part = 'id' in speaker ? `e:${speaker.id}` : `n:${speaker.name ?? ''}`
  return pageKey(`${subjectId}\u0001${part}`, date, quoteId)
}

// ---------------------------------------------------------------------------------------------
// The speakers about an entity, most prolific first (whoSaidWhatAbout, read.ts). Each SPOKE_ABOUT
// (s)->(x) and QUOTED_UNATTRIBUTED (x)->(x) carries `rank`:
//
//   <x's id> U+0001 <count, descending (DESC below)> ' ' <'e:' + speaker id | 'n:' + speaker name as written>
//
// Ascending order is: count descending, then the speakers that are entities before the names no
// entity said, then by speaker id (entities) or name (the others). Ids, not names, break ties: an
// entity's name can change in resolution, which would rewrite the key of every SPOKE_ABOUT it has,
// while its id never changes in place. A range index per relationship type (schema/graph.cypher)
// answers `rank STARTS WITH <x's id> U+0001` in that order, so the top $first speakers are $first
// index entries per type, not a sort of every speaker of the entity. The writers set it where they
// set `count` (aggregates.ts ADD_SPOKE_ABOUT, ADD_UNATTRIBUTED and the backfill); stores written
// before it existed get it from `npm run db:migrate` (backfillSpeakerRanks).

// Numbers in keys (counts and weights in the ranks, offsets in RELATED's pair key) are written in an
// order-preserving form of their own length, not zero-padded to 10 digits (issue 12: the keys are
// every index entry the writers add, and the ranks are rewritten whenever a count moves):
//
//   ASC(n):  one letter for the number of digits ('b' 1 digit ... 'k' 10), then the digits: 7 -> 'b7',
//            42 -> 'c42', 1234 -> 'e1234'; ascending order of the keys is ascending order of n.
//   DESC(n): one letter for the number of digits, falling ('y' 1 digit ... 'p' 10), then each digit
//            d as 9 - d: 7 -> 'y2', 42 -> 'x57', 100 -> 'w899'; ascending order of the keys is
//            DESCENDING order of n (more digits sort first, and among as many, the larger first).
//
// Both are prefix-free (the letter says how many digits follow), so what comes after them in a key
// compares only between equal numbers, as with the fixed 10 digits before. n is a whole number >= 0
// below 10^10 (a count, a weight, a character offset); toInteger: the writers' increments travel from
// JavaScript as floats, so a stored count may be 2.0. (A count falling to 0 or below deletes its
// relationship in the same statement; its rank is then null and never read.)

/** the Cypher of ASC(n) */
export const ASC = (n: string) =>
  `substring('abcdefghijk', size(toString(toInteger(${n}))), 1) + toString(toInteger(${n}))`

/** the Cypher of DESC(n) */
export const DESC = (n: string) =>
  `substring('zyxwvutsrqp', size(toString(toInteger(${n}))), 1) + reduce(keyAcc = '', keyDigit IN split(toString(toInteger(${n})), '') | keyAcc + substring('9876543210', toInteger(keyDigit), 1))`

/** ASC in JavaScript (tests) */
export function ascKey(n: number): string {
  const s = String(Math.trunc(n))
  return 'abcdefghijk'[s.length] + s
}

/** DESC in JavaScript (tests) */
export function descKey(n: number): string {
  const s = String(Math.trunc(n))
  return 'zyxwvutsrqp'[s.length] + [...s].map((d) => String(9 - Number(d))).join('')
}

/**
 * the Cypher of the rank of a speaker about `x` said `count` times; `tiebreak` is 'e:' + id or 'n:' + name.
 */
export const SPEAKER_RANK = (x: string, count: string, tiebreak: string) => RANK_OF(`${x}.id`, count, tiebreak)

/** the same rank from expressions: the id of the entity it ranks under, the count, the tiebreak (no node read for them) */
export const RANK_OF = (id: string, count: string, tiebreak: string) => `${id} + '\\u0001' + ${DESC(count)} + ' ' + ${tiebreak}`
/** the rank of SPOKE_ABOUT `r` from `s` to `x` */
export const SPOKE_RANK = (s: string, r: string, x: string) => SPEAKER_RANK(x, `${r}.count`, `'e:' + ${s}.id`)
/** the rank of QUOTED_UNATTRIBUTED `u` on `x` */
export const UNATTRIBUTED_RANK = (u: string, x: string) => SPEAKER_RANK(x, `${u}.count`, `'n:' + ${u}.speakerName`)

// ---------------------------------------------------------------------------------------------
// The entities related to an entity, heaviest first (Entity.related, read.ts RELATED_ENTITIES). One
// RELATED_WEIGHT per unordered pair of entities with RELATED facts between them, from the smaller id
// to the larger (aggregates.ts keeps its `weight`), carries one rank per end:
//
//   rankFrom: <start's id> U+0001 <DESC(weight)> ' ' <end's id>
//   rankTo:   <end's id>   U+0001 <DESC(weight)> ' ' <start's id>
//
// Ascending order after the prefix is weight descending, then the other end's id (today's order). A
// range index on each (schema/graph.cypher) answers `STARTS WITH <id> U+0001` in that order, so the
// top $first of an entity are at most 2 x $first index entries, not a grouping of its every RELATED.
//
// The evidence shown for a pair (up to 5 RELATED between the two) is read the same way: each RELATED
// carries `pair`, a key that names the pair and sorts its relations typed ones first, then by article
// id, start, type and end:
//
//   <smaller id> U+0001 <larger id> U+0001 <'0' typed | '1' co_mention> <article id> U+0001 <ASC(start)> ' ' <type> ' ' <ASC(end)>
//
// set where the relation is created (write.ts CREATE_FACTS) and where resolution moves it to another
// node (moves.ts MOVE_FACTS).

/** the Cypher of the weight rank of RELATED_WEIGHT `w` read from end `x` towards end `y` */
export const RELATED_RANK = (x: string, w: string, y: string) => SPEAKER_RANK(x, `${w}.weight`, `${y}.id`)

/** the Cypher of the prefix of the `pair` key of every RELATED between the nodes `s` and `t` (either direction) */
export const RELATED_PAIR_PREFIX = (s: string, t: string) =>
  `CASE WHEN ${s}.id < ${t}.id THEN ${s}.id + '\\u0001' + ${t}.id ELSE ${t}.id + '\\u0001' + ${s}.id END + '\\u0001'`

/** the Cypher of the `pair` key of RELATED `r` from `s` to `t` */
export const RELATED_PAIR = (s: string, r: string, t: string) =>
  RELATED_PAIR_OF(`${s}.id`, `${t}.id`, { type: `${r}.type`, articleId: `${r}.articleId`, start: `${r}.start`, end: `${r}.end` })

/** the same key from expressions: the ids of the two ends and the relation's properties (write.ts CREATE_FACTS: its parameters) */
export const RELATED_PAIR_OF = (sId: string, tId: string, r: { type: string; articleId: string; start: string; end: string }) =>
  `CASE WHEN ${sId} < ${tId} THEN ${sId} + '\\u0001' + ${tId} ELSE ${tId} + '\\u0001' + ${sId} END + '\\u0001'` +
  ` + CASE WHEN ${r.type} = 'co_mention' THEN '1' ELSE '0' END + ${r.articleId} + '\\u0001'` +
  ` + ${ASC(r.start)} + ' ' + ${r.type} + ' ' + ${ASC(r.end)}`

// ---------------------------------------------------------------------------------------------
// Backfill (migrate): a store written before the keys existed

/** whether the backfill named $key ran on this store (a `(:Migration {key})` marker), and the marking */
export const MIGRATION_DONE = `MATCH (m:Migration {key: $key}) RETURN count(m) > 0 AS done`
export const MARK_MIGRATION_DONE = `MERGE (m:Migration {key: $key}) SET m.at = datetime()`
export const BACKFILL_MENTIONS_PAGE = `
MATCH (a:Article)-[r:MENTIONS]->(e:Entity) WHERE r.page IS NULL
CALL (a, r, e) { SET r.page = ${PAGE_KEY('e', 'a')} } IN TRANSACTIONS OF 5000 ROWS`
export const BACKFILL_SAID_PAGE = `
MATCH (e:Entity)-[r:SAID]->(q:Quote) WHERE r.page IS NULL
CALL (q, r, e) { SET r.page = ${PAGE_KEY('e', 'q')} } IN TRANSACTIONS OF 5000 ROWS`
export const BACKFILL_ABOUT_PAGE = `
MATCH (q:Quote)-[r:ABOUT]->(e:Entity) WHERE r.page IS NULL
CALL (q, r, e) { SET r.page = ${PAGE_KEY('e', 'q')} } IN TRANSACTIONS OF 5000 ROWS`

export const BACKFILL_ABOUT_PAIR_PAGE = `
MATCH (q:Quote)-[r:ABOUT]->(e:Entity) WHERE r.pairPage IS NULL
CALL (q, r, e) { SET r.pairPage = ${PAIR_PAGE('e', 'q')} } IN TRANSACTIONS OF 5000 ROWS`

export const BACKFILL_ARTICLE_NEWEST = `
MATCH (a:Article) WHERE a.newest IS NULL AND a.textHash IS NOT NULL
CALL (a) { SET a.newest = ${ARTICLE_NEWEST('a')} } IN TRANSACTIONS OF 5000 ROWS`

export const BACKFILL_SPOKE_RANK = `
MATCH (s:Entity)-[r:SPOKE_ABOUT]->(x:Entity) WHERE r.rank IS NULL
CALL (s, r, x) { SET r.rank = ${SPOKE_RANK('s', 'r', 'x')} } IN TRANSACTIONS OF 5000 ROWS`
export const BACKFILL_UNATTRIBUTED_RANK = `
MATCH (x:Entity)-[u:QUOTED_UNATTRIBUTED]->(x) WHERE u.rank IS NULL
CALL (u, x) { SET u.rank = ${UNATTRIBUTED_RANK('u', 'x')} } IN TRANSACTIONS OF 5000 ROWS`

/**
 * Gives every MENTIONS, SAID and ABOUT relationship its page key, once per store (a `(:Migration
 * {key: 'pageKeys'})` node remembers it was done, so later starts read one node). Run with no writer
 * at work, like the aggregates' backfill. Returns whether it had anything to do.
 */
export function backfillPageKeys(driver: Driver, database?: string): Promise<boolean> {
  return backfillOnce(driver, 'pageKeys', [BACKFILL_MENTIONS_PAGE, BACKFILL_SAID_PAGE, BACKFILL_ABOUT_PAGE], database)
}

/**
 * Gives every ABOUT its pair page (`pairPage`, the page of the pair subject, speaker), once per store (a
 * `(:Migration {key: 'pairPages'})` node remembers it). Run with no writer at work. Returns whether it had anything to do.
 */
export function backfillPairPages(driver: Driver, database?: string): Promise<boolean> {
  return backfillOnce(driver, 'pairPages', [BACKFILL_ABOUT_PAIR_PAGE], database)
}

/** Gives every written Article its `newest` key, once per store (`(:Migration {key: 'articleNewest'})`). */
export function backfillArticleNewest(driver: Driver, database?: string): Promise<boolean> {
  return backfillOnce(driver, 'articleNewest', [BACKFILL_ARTICLE_NEWEST], database)
}

/**
 * Gives every SPOKE_ABOUT and QUOTED_UNATTRIBUTED its `rank`, once per store (a `(:Migration {key:
 * 'speakerRanks'})` node remembers it). Run with no writer at work. Returns whether it had anything to do.
 */
export function backfillSpeakerRanks(driver: Driver, database?: string): Promise<boolean> {
  return backfillOnce(driver, 'speakerRanks', [BACKFILL_SPOKE_RANK, BACKFILL_UNATTRIBUTED_RANK], database)
}

// Rewritten once (a `(:Migration {key: 'compactKeys'})` node): a store whose ranks and pair keys were
// written with the numbers zero-padded to 10 digits gets them in ASC/DESC form. Unconditional SETs:
// a rank or pair key in the old form cannot be told from a new one by a cheap test, and a SET of an
// unchanged value writes nothing.
export const BACKFILL_COMPACT_SPOKE_RANK = BACKFILL_SPOKE_RANK.replace(' WHERE r.rank IS NULL', '')
export const BACKFILL_COMPACT_UNATTRIBUTED_RANK = BACKFILL_UNATTRIBUTED_RANK.replace(' WHERE u.rank IS NULL', '')
export const BACKFILL_COMPACT_RELATED_RANK = `
MATCH (s:Entity)-[w:RELATED_WEIGHT]->(t:Entity)
CALL (s, w, t) { SET w.rankFrom = ${RELATED_RANK('s', 'w', 't')}, w.rankTo = ${RELATED_RANK('t', 'w', 's')} } IN TRANSACTIONS OF 5000 ROWS`
export const BACKFILL_COMPACT_RELATED_PAIR = `
MATCH (s:Entity)-[r:RELATED]->(t:Entity)
CALL (s, r, t) { SET r.pair = ${RELATED_PAIR('s', 'r', 't')} } IN TRANSACTIONS OF 5000 ROWS`

/**
 * Rewrites every rank (SPOKE_ABOUT, QUOTED_UNATTRIBUTED, RELATED_WEIGHT) and every RELATED's pair key
 * in the compact number form (ASC/DESC above), once per store. Run with no writer at work, after the
 * backfills that create them. Returns whether it had anything to do.
 */
export function backfillCompactKeys(driver: Driver, database?: string): Promise<boolean> {
  return backfillOnce(driver, 'compactKeys', [BACKFILL_COMPACT_SPOKE_RANK, BACKFILL_COMPACT_UNATTRIBUTED_RANK, BACKFILL_COMPACT_RELATED_RANK, BACKFILL_COMPACT_RELATED_PAIR], database)
}

/** Runs the statements (each auto-commit, for CALL IN TRANSACTIONS) unless the store has the marker `key`, then marks it. */
export async function backfillOnce(driver: Driver, key: string, statements: string[], database?: string): Promise<boolean> {
  const done = await driver.executeQuery(MIGRATION_DONE, { key }, { database })
  if (done.records[0]?.get('done')) return false
  const session = driver.session({ database })
  try {
    for (const q of statements) await session.run(q)
  } finally {
    await session.close()
  }
  await driver.executeQuery(MARK_MIGRATION_DONE, { key }, { database })
  return true
}

// ---------------------------------------------------------------------------------------------
// Check (tests): every key as written equals the key recomputed from the relationship's two ends

export const PAGE_KEY_DIFFERENCES = `
CALL () {
  MATCH (a:Article) WHERE a.textHash IS NOT NULL AND (a.newest IS NULL OR a.newest <> ${ARTICLE_NEWEST('a')})
  RETURN 'Article ' + a.id + ': ' + coalesce(a.newest, 'no key') AS difference
  UNION ALL
  MATCH (a:Article)-[r:MENTIONS]->(e:Entity) WHERE r.page IS NULL OR r.page <> ${PAGE_KEY('e', 'a')}
  RETURN 'MENTIONS ' + a.id + ' -> ' + e.id + ': ' + coalesce(r.page, 'no key') AS difference
  UNION ALL
  MATCH (e:Entity)-[r:SAID]->(q:Quote) WHERE r.page IS NULL OR r.page <> ${PAGE_KEY('e', 'q')}
  RETURN 'SAID ' + e.id + ' -> ' + q.id + ': ' + coalesce(r.page, 'no key') AS difference
  UNION ALL
  MATCH (q:Quote)-[r:ABOUT]->(e:Entity) WHERE r.page IS NULL OR r.page <> ${PAGE_KEY('e', 'q')}
  RETURN 'ABOUT ' + q.id + ' -> ' + e.id + ': ' + coalesce(r.page, 'no key') AS difference
  UNION ALL
  // the pair page recomputed from the quote's SAID (its speaker now), its speaker's name, date and id
  MATCH (q:Quote)-[r:ABOUT]->(e:Entity) WHERE r.pairPage IS NULL OR r.pairPage <> ${PAIR_PAGE('e', 'q')}
  RETURN 'ABOUT pairPage ' + q.id + ' -> ' + e.id + ': ' + coalesce(r.pairPage, 'no key') AS difference
  UNION ALL
  // the speakers' ranks against the count recounted from SAID and ABOUT (aggregateDifferences in
  // aggregates.ts checks that each pair has its one relationship with that count)
  MATCH (s:Entity)-[:SAID]->(q:Quote)-[:ABOUT]->(x:Entity)
  WITH s, x, count(DISTINCT q) AS n
  MATCH (s)-[r:SPOKE_ABOUT]->(x) WHERE r.rank IS NULL OR r.rank <> ${SPEAKER_RANK('x', 'n', "'e:' + s.id")}
  RETURN 'SPOKE_ABOUT ' + s.id + ' -> ' + x.id + ': ' + coalesce(r.rank, 'no rank') AS difference
  UNION ALL
  MATCH (q:Quote)-[:ABOUT]->(x:Entity)
  WHERE NOT EXISTS { (:Entity)-[:SAID]->(q) }
  WITH x, coalesce(q.speakerName, '') AS name, count(DISTINCT q) AS n
  MATCH (x)-[u:QUOTED_UNATTRIBUTED {speakerName: name}]->(x) WHERE u.rank IS NULL OR u.rank <> ${SPEAKER_RANK('x', 'n', "'n:' + name")}
  RETURN 'QUOTED_UNATTRIBUTED ' + x.id + ' "' + name + '": ' + coalesce(u.rank, 'no rank') AS difference
  UNION ALL
  // Entity.related's ranks against the weight recounted from RELATED, and each RELATED's pair key
  MATCH (s:Entity)-[r:RELATED]-(t:Entity) WHERE s.id < t.id
  WITH s, t, sum(CASE WHEN r.type = 'co_mention' THEN 1 ELSE 2 END) AS n
  MATCH (s)-[w:RELATED_WEIGHT]->(t)
  WHERE w.rankFrom IS NULL OR w.rankFrom <> ${SPEAKER_RANK('s', 'n', 't.id')} OR w.rankTo IS NULL OR w.rankTo <> ${SPEAKER_RANK('t', 'n', 's.id')}
  RETURN 'RELATED_WEIGHT ' + s.id + ' -- ' + t.id + ': ' + coalesce(w.rankFrom, 'no rank') + ' / ' + coalesce(w.rankTo, 'no rank') AS difference
  UNION ALL
  MATCH (s:Entity)-[r:RELATED]->(t:Entity) WHERE r.pair IS NULL OR r.pair <> ${RELATED_PAIR('s', 'r', 't')}
  RETURN 'RELATED ' + s.id + ' -> ' + t.id + ' (' + r.articleId + '): ' + coalesce(r.pair, 'no key') AS difference
}
RETURN difference ORDER BY difference LIMIT 50`

/**
 * The MENTIONS, SAID and ABOUT relationships whose page key is missing or stale, the ABOUT whose pair
 * page is (recomputed from the quote's speaker entity or name, date and id), the RELATED whose
 * pair key is, and the SPOKE_ABOUT, QUOTED_UNATTRIBUTED and RELATED_WEIGHT whose ranks are not the
 * ones of their recounted count or weight (empty when all agree).
 * Reads the whole graph.
 */
export async function pageKeyDifferences(driver: Driver, database?: string): Promise<string[]> {
  const res = await driver.executeQuery(PAGE_KEY_DIFFERENCES, {}, { database })
  return res.records.map((r) => String(r.get('difference')).replaceAll('\u0001', ' | '))
}
