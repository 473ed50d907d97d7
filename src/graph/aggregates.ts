// Aggregates kept in the write transactions (issue 13), so that the common questions read a stored
// number instead of counting everything the graph holds about an entity:
//
// - on each entity: `articleCount` (distinct articles that MENTION it), `mentionCount` (the sum of the
//   `count` of its MENTIONS: how often the articles name it), `quoteCount` (distinct quotes it SAID),
//   `quotedAboutCount` (distinct quotes ABOUT it);
// - (s:Entity)-[:SPOKE_ABOUT {count}]->(x:Entity): the distinct quotes s SAID that are ABOUT x;
// - (x:Entity)-[:QUOTED_UNATTRIBUTED {speakerName, count}]->(x): the quotes ABOUT x that no entity SAID,
//   per speaker name as written ('' when there is none), as whoSaidWhatAbout groups them.
//   Both carry `rank`, whoSaidWhatAbout's sort key (pages.ts SPEAKER_RANK), set with the count.
// - (a:Entity)-[:RELATED_WEIGHT {weight}]->(b:Entity), a.id < b.id: per unordered pair of distinct
//   entities, the weight of the RELATED facts between them in either direction (a co_mention counts
//   1, a typed relation 2), with Entity.related's sort key of each end (pages.ts RELATED_RANK);
//   between two entities mentioned in many articles also `pair` and `coMentions`, the articles that
//   mention both (co-mentions.ts says which pairs, and how it stays exact).
//
// Every one of them is a sum over articles of what one article contributes, and what an article
// contributes depends only on its own MENTIONS, its own quotes' SAID/ABOUT relationships and the
// RELATED facts carrying its id. So a
// transaction that changes the facts of some articles (writing, deleting, or moving them between
// nodes in entity resolution) reads those articles' contributions before the change and after it,
// and adds the difference: exact, at a cost proportional to the articles changed, not to how much the
// graph holds about their entities. Moves (resolution) read less: only the part of an article's
// contribution a move can change, before the moves, and compute the part after (moves.ts). The articles are write-locked before their contribution is read,
// so two transactions changing one article's facts (e.g. two writers resolving two name groups of
// one article) apply their differences one after the other. The increments are `SET x = x + d` in
// one clause, which Neo4j runs under the node's write lock (no lost update between writers).
// Entities deleted as orphans take their counters and SPOKE_ABOUT/QUOTED_UNATTRIBUTED/RELATED_WEIGHT
// with them (an orphan has no facts left, so none of them is still counted anywhere else).
//
// The hooks (the only places that change MENTIONS, SAID, ABOUT or RELATED): remove.ts deleteFacts, write.ts
// writeBatchTx (after the new facts are written), resolve.ts applyPlan (around moves.ts MOVE_FACTS).
import type { Driver, ManagedTransaction } from 'neo4j-driver'
import { ADD_CO_MENTIONS, ARTICLE_COUNTS_OF, recountCoMentions, BOTH_BIG, CO_MENTION_COUNT, coMentionDifferences, CROSS_STORE_MIN, LOCK_RELATED_ENDS, mentionChanges, othersNeeded, pairDifferences, STORE_MIN, WEIGHT_PAIR } from './co-mentions.ts'
import { countProfile } from './write-profile-count.ts'
import { backfillOnce, RANK_OF, RELATED_PAIR, RELATED_RANK, SPOKE_RANK, UNATTRIBUTED_RANK } from './pages.ts'

/**
 * Write-locks each article (the ids come sorted: one order for every writer) and reads what it
 * contributes: the entities it mentions, per quote its speakers, subjects and
 * speaker name, and its RELATED facts (found by the index on articleId); each end as its node and the
 * name form it was written for (RELATED joins entities only: no label check on its ends). Read where
 * articles' facts are deleted (remove.ts deleteFacts, keepingAggregates); the moves of resolution read
 * only what they change (moves.ts ARTICLE_FACTS_TO_MOVE).
 */
export const ARTICLE_CONTRIBUTIONS = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
SET a._lock = true
REMOVE a._lock
WITH a
RETURN a.id AS id, [(a)-[m:MENTIONS]->(e:Entity) | {node: e.id, form: m.form, count: coalesce(m.count, 0)}] AS mentioned,
       [(a)<-[:IN]-(q:Quote) | {speakers: [(s:Entity)-[r:SAID]->(q) | {node: s.id, form: r.form}],
                                 about: [(q)-[r:ABOUT]->(x:Entity) | {node: x.id, form: r.form}],
                                 speakerName: coalesce(q.speakerName, '')}] AS quotes,
       COLLECT { MATCH (s)-[r:RELATED]->(t) USING INDEX SEEK r:RELATED(articleId) WHERE r.articleId = a.id
                 RETURN {source: {node: s.id, form: r.sourceForm}, target: {node: t.id, form: r.targetForm}, type: r.type} } AS related`

/**
 * Adds differences to the entity counters (rows sorted by id, so writers lock in one order; a row of
 * zeros only locks) and returns each one's articleCount after (co-mentions.ts: which are big).
 */
export const ADD_ENTITY_COUNTS = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.articleCount = coalesce(e.articleCount, 0) + row.articles,
    e.mentionCount = coalesce(e.mentionCount, 0) + row.mentions,
    e.quoteCount = coalesce(e.quoteCount, 0) + row.quotes,
    e.quotedAboutCount = coalesce(e.quotedAboutCount, 0) + row.about
RETURN e.id AS id, e.articleCount AS articles`

/**
 * The Cypher that binds `rel` to the `type` relationship from `from` to `to`, created when missing: one
 * look, not a MERGE (which looks again under its own locks), for callers that have write-locked both
 * ends earlier in the transaction (ADD_ENTITY_COUNTS).
 */
const FOUND_OR_CREATED = (from: string, type: string, to: string, rel: string) => `OPTIONAL MATCH (${from})-[found:${type}]->(${to})
CALL (${from}, ${to}, found) {
  WITH ${from}, ${to}, found WHERE found IS NULL
  CREATE (${from})-[${rel}:${type}]->(${to})
  RETURN ${rel}
  UNION ALL
  WITH found WHERE found IS NOT NULL
  RETURN found AS ${rel}
}`

/**
 * Adds differences to SPOKE_ABOUT counts and rewrites their `rank` (pages.ts: whoSaidWhatAbout's
 * order) from the new count; a count that falls to 0 deletes its relationship. Both ends are
 * write-locked before (ADD_ENTITY_COUNTS, in the same transaction: applyChange locks every end of a
 * changed pair), so the relationship is looked for once and created when missing: a MERGE of it
 * looked again under its own locks before creating, expanding the ends' relationships twice.
 */
export const ADD_SPOKE_ABOUT = `
UNWIND $rows AS row
MATCH (s:Entity {id: row.s})
MATCH (x:Entity {id: row.x})
${FOUND_OR_CREATED('s', 'SPOKE_ABOUT', 'x', 'r')}
WITH row, r, coalesce(r.count, 0) + row.n AS n
SET r.count = n, r.rank = ${RANK_OF('row.x', 'n', "'e:' + row.s")}
WITH r, n WHERE n <= 0
DELETE r`

/**
 * Adds differences to RELATED_WEIGHT weights (one relationship per pair, from the smaller id to the
 * larger) and rewrites both ranks (pages.ts RELATED_RANK); a weight that
 * falls to 0 deletes it (with its co-mention count). One between two big ends with no count yet
 * (created here, or an end crossed storeMin in this transaction) counts its co-mentions from the
 * graph, which holds this transaction's facts (co-mentions.ts). applyChange has write-locked both ends
 * (ADD_ENTITY_COUNTS), so the relationship is looked for once and created when missing (a MERGE
 * looked twice, as ADD_SPOKE_ABOUT says).
 */
export const ADD_RELATED_WEIGHT = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.a})
MATCH (b:Entity {id: row.b})
WITH row, CASE WHEN row.a < row.b THEN [a, b, row.a, row.b] ELSE [b, a, row.b, row.a] END AS ends
WITH row, ends[0] AS s, ends[1] AS t, ends[2] AS sId, ends[3] AS tId
${FOUND_OR_CREATED('s', 'RELATED_WEIGHT', 't', 'w')}
WITH s, t, w, sId, tId, coalesce(w.weight, 0) + row.n AS weight
SET w.weight = weight, w.rankFrom = ${RANK_OF('sId', 'weight', 'tId')}, w.rankTo = ${RANK_OF('tId', 'weight', 'sId')}
WITH s, t, w, weight
CALL (s, t, w, weight) {
  WITH * WHERE weight > 0 AND w.pair IS NULL AND ${BOTH_BIG('s', 't')}
  SET w.pair = ${WEIGHT_PAIR('s', 't')}, w.coMentions = ${CO_MENTION_COUNT('s', 't')}
}
WITH w, weight WHERE weight <= 0
DELETE w`

/**
 * Adds differences to QUOTED_UNATTRIBUTED counts (one self-loop per entity and speaker name) and
 * rewrites their `rank`; a count that falls to 0 deletes its loop. One row per entity, with its names
 * and differences as parallel lists. The entity is write-locked first (as any writer of its loops
 * does here; ADD_ENTITY_COUNTS has almost always locked it already in the same transaction), then its
 * loops are read once and the names it lacks are CREATEd: a MERGE per name expanded every loop of
 * the entity again for each name (an entity quoted about by hundreds of names as written: 162 db hits a
 * row over PolNeAR train, growing with the corpus).
 */
export const ADD_UNATTRIBUTED = `
UNWIND $rows AS row
MATCH (x:Entity {id: row.x})
SET x._lock = true
REMOVE x._lock
WITH x, row
CALL (x, row) {
  OPTIONAL MATCH (x)-[r:QUOTED_UNATTRIBUTED]->(x) WHERE r.speakerName IN row.names
  RETURN collect(r) AS found, collect(r.speakerName) AS foundNames
}
UNWIND range(0, size(row.names) - 1) AS i
WITH x, row.x AS xId, row.names[i] AS name, row.ns[i] AS n, [j IN range(0, size(foundNames) - 1) WHERE foundNames[j] = row.names[i] | found[j]] AS hit
CALL (x, name, hit) {
  WITH x, name, hit WHERE hit = []
  CREATE (x)-[r:QUOTED_UNATTRIBUTED {speakerName: name}]->(x)
  RETURN r
  UNION ALL
  WITH hit WHERE hit <> []
  RETURN hit[0] AS r
}
WITH r, xId, name, coalesce(r.count, 0) + n AS n
SET r.count = n, r.rank = ${RANK_OF('xId', 'n', "'n:' + name")}
WITH r, n WHERE n <= 0
DELETE r`

interface EntityDelta {
  articles: number
  mentions: number
  quotes: number
  about: number
}

/** The aggregates a set of articles contributes, keyed as they are stored. */
export interface Contribution {
  entities: Map<string, EntityDelta>
  /** `speaker\0subject` -> quotes */
  spoke: Map<string, number>
  /** `subject\0speakerName` -> quotes no entity said */
  unattributed: Map<string, number>
  /** `a\0b` (a < b) -> weight of the RELATED between them */
  related: Map<string, number>
  /** article id -> the distinct entities it mentions (co-mentions.ts: the pairs of big ones) */
  mentionSets: Map<string, string[]>
}

/** one RELATED fact of an article: its ends (node ids) and type */
export interface RelatedFact {
  source: string
  target: string
  type: string
}

/** what a RELATED counts in its pair's weight (Entity.related: 2 per typed relation, 1 per co_mention) */
export const relatedWeight = (type: string): number => (type === 'co_mention' ? 1 : 2)

const SEP = '\u0000'

function emptyContribution(): Contribution {
  return { entities: new Map(), spoke: new Map(), unattributed: new Map(), related: new Map(), mentionSets: new Map() }
}

function bump(c: Contribution, id: string, key: keyof EntityDelta, n: number): void {
  const d = c.entities.get(id) ?? c.entities.set(id, { articles: 0, mentions: 0, quotes: 0, about: 0 }).get(id)!
  d[key] += n
}

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n)
}

/**
 * One article's contribution, from what ARTICLE_CONTRIBUTIONS returns for it (pure). `counts`: the
 * `count` of each MENTIONS, parallel to `mentioned` (one entry per relationship, so two name forms on
 * one entity add both). A relation of an entity with itself (two forms resolved to one node) is no pair.
 * `article`: its id, under which the entities it mentions are kept (mentionSets, for the co-mentions;
 * with sign 1 only: the writers' contributions are of articles as they are before and after a change).
 */
export function contributionOf(into: Contribution, mentioned: string[], quotes: { speakers: string[]; about: string[]; speakerName: string }[], sign = 1, counts: number[] = [], related: RelatedFact[] = [], article?: string): Contribution {
  if (article !== undefined && sign === 1) into.mentionSets.set(article, [...new Set([...(into.mentionSets.get(article) ?? []), ...mentioned])])
  for (const r of related) {
    if (r.source === r.target) continue
    add(into.related, r.source < r.target ? r.source + SEP + r.target : r.target + SEP + r.source, sign * relatedWeight(r.type))
  }
  for (const e of new Set(mentioned)) bump(into, e, 'articles', sign)
  mentioned.forEach((e, i) => bump(into, e, 'mentions', sign * Number(counts[i] ?? 0)))
  for (const q of quotes) {
    const speakers = [...new Set(q.speakers)]
    const about = [...new Set(q.about)]
    for (const s of speakers) bump(into, s, 'quotes', sign)
    for (const x of about) {
      bump(into, x, 'about', sign)
      for (const s of speakers) add(into.spoke, s + SEP + x, sign)
      if (!speakers.length) add(into.unattributed, x + SEP + q.speakerName, sign)
    }
  }
  return into
}

/** One article's MENTIONS, SAID and ABOUT as ARTICLE_CONTRIBUTIONS reads them: node ids with the form each was written for. */
export interface ArticleFacts {
  id: string
  mentioned: { node: string; form: string | null; count: number }[]
  quotes: { speakers: { node: string; form: string | null }[]; about: { node: string; form: string | null }[]; speakerName: string }[]
  related: { source: { node: string; form: string | null }; target: { node: string; form: string | null }; type: string }[]
}

/** One article's facts as ArticleFacts holds them, from a row of ARTICLE_CONTRIBUTIONS (or of moves.ts ARTICLE_FACTS_TO_MOVE, its MENTIONS replaced). */
export function factsOf(r: { get: (key: string) => unknown; has: (key: string) => boolean }): ArticleFacts {
  type Fact = { node: string; form: string | null }
  return {
    id: r.get('id') as string,
    mentioned: r.has('mentioned') ? (r.get('mentioned') as (Fact & { count: unknown })[]).map((m) => ({ node: m.node, form: m.form ?? null, count: Number(m.count) })) : [],
    quotes: (r.get('quotes') as { speakers: Fact[]; about: Fact[]; speakerName: string }[]).map((q) => ({
      speakers: q.speakers.map((x) => ({ node: x.node, form: x.form ?? null })),
      about: q.about.map((x) => ({ node: x.node, form: x.form ?? null })),
      speakerName: q.speakerName,
    })),
    related: r.has('related')
      ? (r.get('related') as { source: Fact; target: Fact; type: string }[]).map((x) => ({
          source: { node: x.source.node, form: x.source.form ?? null },
          target: { node: x.target.node, form: x.target.form ?? null },
          type: x.type,
        }))
      : [],
  }
}

/**
 * Locks the articles and reads their facts (articles not in the graph have none). Call before
 * changing their facts; what they contribute is `contributionOfFacts`.
 */
export async function readArticleFacts(tx: ManagedTransaction, articleIds: Iterable<string>): Promise<ArticleFacts[]> {
  const ids = [...new Set(articleIds)].sort()
  if (!ids.length) return []
  // each article is write-locked (ids sorted: one order for every writer) before its facts are read
  return (await tx.run(ARTICLE_CONTRIBUTIONS, { ids })).records.map(factsOf)
}

/**
 * What the articles contribute, from their facts; `nodeOf(articleId, form, node)` gives the node a
 * fact is on after a move of its form (the node it was read on when the form did not move).
 */
export function contributionOfFacts(facts: ArticleFacts[], nodeOf: (articleId: string, form: string | null, node: string) => string = (_a, _f, n) => n): Contribution {
  const out = emptyContribution()
  for (const a of facts) {
    const node = (x: { node: string; form: string | null }): string => nodeOf(a.id, x.form, x.node)
    const quotes = a.quotes.map((q) => ({ speakers: q.speakers.map(node), about: q.about.map(node), speakerName: q.speakerName }))
    const related = a.related.map((r) => ({ source: node(r.source), target: node(r.target), type: r.type }))
    contributionOf(out, a.mentioned.map(node), quotes, 1, a.mentioned.map((m) => m.count), related, a.id)
  }
  return out
}

/**
 * Locks the articles and reads what they contribute now (articles not in the graph contribute
 * nothing). Call before changing their facts; `applyChange` after.
 */
export async function readContributions(tx: ManagedTransaction, articleIds: Iterable<string>): Promise<Contribution> {
  return contributionOfFacts(await readArticleFacts(tx, articleIds))
}

const byKey = <T>(a: [string, T], b: [string, T]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)

/**
 * Stores `after - before` (what the articles contribute after the change minus before it), and keeps
 * the co-mention counts of the pairs of big entities (co-mentions.ts: what is locked and in which order).
 */
export async function applyChange(tx: ManagedTransaction, before: Contribution | null, after: Contribution | null): Promise<void> {
  const diff = emptyContribution()
  for (const [c, sign] of [[after, 1], [before, -1]] as const) {
    if (!c) continue
    for (const [id, d] of c.entities) {
      bump(diff, id, 'articles', sign * d.articles)
      bump(diff, id, 'mentions', sign * d.mentions)
      bump(diff, id, 'quotes', sign * d.quotes)
      bump(diff, id, 'about', sign * d.about)
    }
    for (const [k, n] of c.spoke) add(diff.spoke, k, sign * n)
    for (const [k, n] of c.unattributed) add(diff.unattributed, k, sign * n)
    for (const [k, n] of c.related) add(diff.related, k, sign * n)
  }
  const related = [...diff.related].filter(([, n]) => n).sort(byKey)
  const changes = mentionChanges(before?.mentionSets, after?.mentionSets)
  // locked by ADD_ENTITY_COUNTS (zeros where nothing changes): both ends of every pair whose weight
  // changes, and every entity a changed article gains or loses (one end of each pair whose co-mentions change)
  const locks = new Set<string>()
  for (const [k] of related) for (const id of k.split(SEP)) locks.add(id)
  // both ends of every SPOKE_ABOUT that changes (ADD_SPOKE_ABOUT creates a missing one under these locks)
  for (const [k, n] of diff.spoke) if (n) for (const id of k.split(SEP)) locks.add(id)
  for (const c of changes) for (const id of [...c.added, ...c.removed]) locks.add(id)
  for (const id of locks) bump(diff, id, 'articles', 0)
  const entities = [...diff.entities].filter(([id, d]) => d.articles || d.mentions || d.quotes || d.about || locks.has(id)).sort(byKey)
  const spoke = [...diff.spoke].filter(([, n]) => n).sort(byKey)
  const unattributed = [...diff.unattributed].filter(([, n]) => n).sort(byKey)
  // issued together, the statements are pipelined on the connection and run in order
  // (each one's failure is also seen by the await of an earlier one: handled at once, reported by Promise.all)
  const pending: Promise<unknown>[] = []
  const issue = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => {})
    pending.push(p)
    return p
  }
  const counted = entities.length ? issue(tx.run(ADD_ENTITY_COUNTS, { rows: entities.map(([id, d]) => ({ id, ...d })) })) : null
  const storeMinRead = entities.length || related.length ? issue(tx.run(STORE_MIN)) : null
  if (spoke.length) {
    issue(tx.run(ADD_SPOKE_ABOUT, { rows: spoke.map(([k, n]) => ({ s: k.split(SEP)[0], x: k.split(SEP)[1], n })) }))
  }
  if (unattributed.length) {
    // one row per entity (the keys are sorted, so each entity's names are consecutive)
    const rows: { x: string; names: string[]; ns: number[] }[] = []
    for (const [k, n] of unattributed) {
      const x = k.slice(0, k.indexOf(SEP))
      if (rows.at(-1)?.x !== x) rows.push({ x, names: [], ns: [] })
      rows.at(-1)!.names.push(k.slice(k.indexOf(SEP) + 1))
      rows.at(-1)!.ns.push(n)
    }
    issue(tx.run(ADD_UNATTRIBUTED, { rows }))
  }
  // the locked entities' articleCounts after the change, and storeMin: which entities are big
  const articles = new Map<string, number>()
  for (const r of (await counted)?.records ?? []) articles.set(r.get('id') as string, Number(r.get('articles')))
  const sm = (await storeMinRead)?.records[0]?.get('storeMin')
  const storeMin = sm === null || sm === undefined ? null : Number(sm)
  const big = (id: string): boolean => storeMin !== null && (articles.get(id) ?? 0) >= storeMin
  const crossed = storeMin === null ? [] : entities.filter(([id, d]) => d.articles && big(id) !== (articles.get(id)! - d.articles >= storeMin)).map(([id]) => id)
  if (crossed.length) issue(tx.run(LOCK_RELATED_ENDS, { ids: crossed }))
  if (storeMin !== null && changes.length) {
    // the other ends, not locked here, of pairs with a big gained or lost entity (safe to read: co-mentions.ts)
    const others = othersNeeded(changes, big, (id) => articles.has(id))
    if (others.length) for (const r of (await issue(tx.run(ARTICLE_COUNTS_OF, { ids: others }))).records) articles.set(r.get('id') as string, Number(r.get('articles')))
    const pairs = [...pairDifferences(changes, big)].sort(byKey)
    countProfile('co-mention pairs looked up', pairs.length)
    if (pairs.length) issue(tx.run(ADD_CO_MENTIONS, { rows: pairs.map(([pair, n]) => ({ pair, n })) }))
  }
  if (related.length) issue(tx.run(ADD_RELATED_WEIGHT, { storeMin, rows: related.map(([k, n]) => ({ a: k.split(SEP)[0], b: k.split(SEP)[1], n })) }))
  if (crossed.length) {
    countProfile('entities crossing storeMin', crossed.length)
    issue(tx.run(CROSS_STORE_MIN, { storeMin, ids: crossed }))
  }
  await Promise.all(pending)
}

/** Runs `change` (which changes the facts of `articleIds`) and keeps the aggregates exact around it. */
export async function keepingAggregates<T>(tx: ManagedTransaction, articleIds: Iterable<string>, change: () => Promise<T>): Promise<T> {
  const ids = [...new Set(articleIds)]
  const before = await readContributions(tx, ids)
  const result = await change()
  await applyChange(tx, before, await readContributions(tx, ids))
  return result
}

// ---------------------------------------------------------------------------------------------
// Recount from the base facts: the definition the maintained aggregates must equal (tests), and
// the backfill of a graph written before they existed (migrate).

/** Each entity's counters as stored and as recounted from MENTIONS, SAID and ABOUT. */
export const RECOUNT_ENTITIES = `
MATCH (e:Entity)
RETURN e.id AS id,
       [coalesce(e.articleCount, 0), coalesce(e.mentionCount, 0), coalesce(e.quoteCount, 0), coalesce(e.quotedAboutCount, 0)] AS stored,
       [COUNT { MATCH (a:Article)-[:MENTIONS]->(e) RETURN DISTINCT a },
        reduce(t = 0, c IN COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) RETURN m.count } | t + coalesce(c, 0)),
        COUNT { MATCH (e)-[:SAID]->(q:Quote) RETURN DISTINCT q },
        COUNT { MATCH (q:Quote)-[:ABOUT]->(e) RETURN DISTINCT q }] AS recounted`

/** SPOKE_ABOUT as stored and as recounted (full outer join on the pair). */
export const RECOUNT_SPOKE_ABOUT = `
CALL () {
  MATCH (s:Entity)-[:SAID]->(q:Quote)-[:ABOUT]->(x:Entity)
  WITH s, x, count(DISTINCT q) AS n
  RETURN s.id AS s, x.id AS x, 0 AS stored, n AS recounted
  UNION ALL
  MATCH (s:Entity)-[r:SPOKE_ABOUT]->(x:Entity)
  RETURN s.id AS s, x.id AS x, r.count AS stored, 0 AS recounted
}
WITH s, x, sum(stored) AS stored, sum(recounted) AS recounted, count(*) AS rows
RETURN s, x, stored, recounted, rows`

/** QUOTED_UNATTRIBUTED as stored and as recounted. */
export const RECOUNT_UNATTRIBUTED = `
CALL () {
  MATCH (q:Quote)-[:ABOUT]->(x:Entity)
  WHERE NOT EXISTS { (:Entity)-[:SAID]->(q) }
  WITH x, coalesce(q.speakerName, '') AS name, count(DISTINCT q) AS n
  RETURN x.id AS x, name, 0 AS stored, n AS recounted
  UNION ALL
  MATCH (x:Entity)-[r:QUOTED_UNATTRIBUTED]->(y)
  RETURN x.id + CASE WHEN x = y THEN '' ELSE ' (not a self-loop)' END AS x, r.speakerName AS name, r.count AS stored, 0 AS recounted
}
WITH x, name, sum(stored) AS stored, sum(recounted) AS recounted, count(*) AS rows
RETURN x, name, stored, recounted, rows`

/** RELATED_WEIGHT as stored and as recounted from RELATED (full outer join on the pair, smaller id first). */
export const RECOUNT_RELATED_WEIGHT = `
CALL () {
  MATCH (s:Entity)-[r:RELATED]->(t:Entity) WHERE s <> t
  WITH CASE WHEN s.id < t.id THEN [s.id, t.id] ELSE [t.id, s.id] END AS ab, sum(CASE WHEN r.type = 'co_mention' THEN 1 ELSE 2 END) AS n
  RETURN ab[0] AS a, ab[1] AS b, 0 AS stored, n AS recounted
  UNION ALL
  MATCH (s:Entity)-[w:RELATED_WEIGHT]->(t:Entity)
  RETURN s.id + CASE WHEN s.id < t.id THEN '' ELSE ' (not from the smaller id)' END AS a, t.id AS b, w.weight AS stored, 0 AS recounted
}
WITH a, b, sum(stored) AS stored, sum(recounted) AS recounted, count(*) AS rows
RETURN a, b, stored, recounted, rows`

/**
 * Every aggregate that differs from its recount, as `kind key: stored s, recounted r` (empty when
 * all agree; a relationship stored twice for one pair is a difference too). Reads the whole graph.
 */
export async function aggregateDifferences(driver: Driver, database?: string): Promise<string[]> {
  const out: string[] = []
  const run = async (q: string) => (await driver.executeQuery(q, {}, { database })).records.map((r) => r.toObject())
  for (const r of await run(RECOUNT_ENTITIES)) {
    const stored = (r.stored as unknown[]).map(Number)
    const recounted = (r.recounted as unknown[]).map(Number)
    if (stored.join() !== recounted.join()) out.push(`entity ${r.id}: stored ${stored.join('/')}, recounted ${recounted.join('/')}`)
  }
  for (const r of await run(RECOUNT_SPOKE_ABOUT)) {
    const [stored, recounted, rows] = [Number(r.stored), Number(r.recounted), Number(r.rows)]
    if (stored !== recounted || rows > 2 || (stored > 0 && rows !== 2)) out.push(`SPOKE_ABOUT ${r.s} -> ${r.x}: stored ${stored}, recounted ${recounted} (${rows} rows)`)
  }
  for (const r of await run(RECOUNT_UNATTRIBUTED)) {
    const [stored, recounted, rows] = [Number(r.stored), Number(r.recounted), Number(r.rows)]
    if (stored !== recounted || rows > 2 || (stored > 0 && rows !== 2)) out.push(`QUOTED_UNATTRIBUTED ${r.x} "${r.name}": stored ${stored}, recounted ${recounted} (${rows} rows)`)
  }
  for (const r of await run(RECOUNT_RELATED_WEIGHT)) {
    const [stored, recounted, rows] = [Number(r.stored), Number(r.recounted), Number(r.rows)]
    if (stored !== recounted || rows > 2 || (stored > 0 && rows !== 2)) out.push(`RELATED_WEIGHT ${r.a} -- ${r.b}: stored ${stored}, recounted ${recounted} (${rows} rows)`)
  }
  out.push(...(await coMentionDifferences(driver, database)))
  return out.sort()
}

/** A graph written before the aggregates existed: an entity some article mentions with no counter. */
export const AGGREGATES_MISSING = `
MATCH (e:Entity) WHERE (e.articleCount IS NULL OR e.mentionCount IS NULL) AND EXISTS { (e)<-[:MENTIONS]-(:Article) }
WITH e LIMIT 1
RETURN count(e) > 0 AS missing`

/** Recounts every aggregate from the base facts (auto-commit, in batches). */
export const BACKFILL_ENTITY_COUNTS = `
MATCH (e:Entity)
CALL (e) {
  SET e.articleCount = COUNT { MATCH (a:Article)-[:MENTIONS]->(e) RETURN DISTINCT a },
      e.mentionCount = reduce(t = 0, c IN COLLECT { MATCH (:Article)-[m:MENTIONS]->(e) RETURN m.count } | t + coalesce(c, 0)),
      e.quoteCount = COUNT { MATCH (e)-[:SAID]->(q:Quote) RETURN DISTINCT q },
      e.quotedAboutCount = COUNT { MATCH (q:Quote)-[:ABOUT]->(e) RETURN DISTINCT q }
} IN TRANSACTIONS OF 1000 ROWS`
export const BACKFILL_DROP = `
MATCH ()-[r:SPOKE_ABOUT|QUOTED_UNATTRIBUTED]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`
export const BACKFILL_SPOKE_ABOUT = `
MATCH (s:Entity)
CALL (s) {
  MATCH (s)-[:SAID]->(q:Quote)-[:ABOUT]->(x:Entity)
  WITH x, count(DISTINCT q) AS n
  CREATE (s)-[r:SPOKE_ABOUT {count: n}]->(x)
  SET r.rank = ${SPOKE_RANK('s', 'r', 'x')}
} IN TRANSACTIONS OF 1000 ROWS`
export const BACKFILL_UNATTRIBUTED = `
MATCH (x:Entity)
CALL (x) {
  MATCH (q:Quote)-[:ABOUT]->(x)
  WHERE NOT EXISTS { (:Entity)-[:SAID]->(q) }
  WITH coalesce(q.speakerName, '') AS name, count(DISTINCT q) AS n
  CREATE (x)-[u:QUOTED_UNATTRIBUTED {speakerName: name, count: n}]->(x)
  SET u.rank = ${UNATTRIBUTED_RANK('u', 'x')}
} IN TRANSACTIONS OF 1000 ROWS`

/**
 * Fills in the aggregates of a graph written before they existed (run by migrate; nothing to do on
 * a graph written since). Run it with no writer at work: it recounts in many small transactions.
 * Returns whether it had anything to do.
 */
export async function backfillAggregates(driver: Driver, database?: string): Promise<boolean> {
  const missing = await driver.executeQuery(AGGREGATES_MISSING, {}, { database })
  if (!missing.records[0]?.get('missing')) return false
  const session = driver.session({ database })
  try {
    for (const q of [BACKFILL_ENTITY_COUNTS, BACKFILL_DROP, BACKFILL_SPOKE_ABOUT, BACKFILL_UNATTRIBUTED]) await session.run(q)
  } finally {
    await session.close()
  }
  return true
}

/** The pair aggregate of Entity.related from RELATED (migrate, once: backfillRelatedWeights). */
export const BACKFILL_RELATED_PAIR = `
MATCH (s:Entity)-[r:RELATED]->(t:Entity)
CALL (s, r, t) { SET r.pair = ${RELATED_PAIR('s', 'r', 't')} } IN TRANSACTIONS OF 5000 ROWS`
export const BACKFILL_RELATED_DROP = `
MATCH ()-[w:RELATED_WEIGHT]->()
CALL (w) { DELETE w } IN TRANSACTIONS OF 10000 ROWS`
export const BACKFILL_RELATED_WEIGHT = `
MATCH (s:Entity)
CALL (s) {
  MATCH (s)-[r:RELATED]-(t:Entity) WHERE s.id < t.id
  WITH s, t, sum(CASE WHEN r.type = 'co_mention' THEN 1 ELSE 2 END) AS n
  CREATE (s)-[w:RELATED_WEIGHT {weight: n}]->(t)
  SET w.rankFrom = ${RELATED_RANK('s', 'w', 't')}, w.rankTo = ${RELATED_RANK('t', 'w', 's')}
} IN TRANSACTIONS OF 1000 ROWS`

/**
 * Gives a store written before Entity.related's aggregate its RELATED_WEIGHT and every RELATED its
 * `pair` key, once per store (a `(:Migration {key: 'relatedWeights'})` node remembers it). Run with no
 * writer at work. Returns whether it had anything to do.
 */
export async function backfillRelatedWeights(driver: Driver, database?: string): Promise<boolean> {
  if (!(await backfillOnce(driver, 'relatedWeights', [BACKFILL_RELATED_PAIR, BACKFILL_RELATED_DROP, BACKFILL_RELATED_WEIGHT], database))) return false
  // the new RELATED_WEIGHTs of two big entities count their co-mentions (for the store's storeMin, if it has one)
  await recountCoMentions(driver, database)
  return true
}
