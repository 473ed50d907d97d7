// The write side of the graph: extracted articles -> Neo4j, following the graph model in README.md.
//
// One batch of articles is one managed transaction (`executeWrite`): it reads the stored text
// hashes of the batch, skips the articles whose text is unchanged, deletes the old facts of the
// articles whose text changed, writes every new fact with UNWIND + MERGE on unique ids, and deletes
// the entities those changes left with no article. Either all of it commits or none of it does, so
// a crash never leaves half an article, and rerunning a batch gives the same graph.
//
// The stages live beside it: rows.ts (extraction -> rows, pure), resolve.ts (which node each name
// form lands on), checks.ts (the facts an article holds), remove.ts (deleting facts, orphans and
// articles), retry.ts (races between writers). This module re-exports them.
import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver'
import { applyChange, contributionOf, type Contribution } from './aggregates.ts'
import { movedContribution, readFactsToMove } from './moves.ts'
import { CLAIM_ARTICLES, toFactCounts } from './checks.ts'
import { PAGE_KEY_OF, PAIR_PAGE_OF, PAIR_SPEAKER, RELATED_PAIR_OF, SORT_OF } from './pages.ts'
import { deleteFacts, deleteOrphans } from './remove.ts'
import { chunkByKnownRecords, GroupCache, knownRecords } from './group-cache.ts'
import { groupsOfArticles, lockGroups, newGroupTokens } from './group-locks.ts'
import { applyPlan, nodeAfterMoves, planGroups, type GroupPlan } from './plan.ts'
import { NAME_KEYS } from './name-keys.ts'
import { recordKey, TYPE_OF_PREFIX, type FormRecord } from './resolve.ts'
import { DIRTY_GROUPS, MARK_DIRTY, mayDefer, provisionalNode, readBigGroups, type BigGroup } from './deferred.ts'
import { countProfile, memProbe } from './write-profile-count.ts'
import { errorText, isConnectionError, writeWithRetries, type WriteOptions } from './retry.ts'
import { nameStatements, profiled, stopwatch } from './write-profile.ts'
import { keptPlans } from './plan-cache.ts'
import { factCounts, factDifferences, MAX_ARTICLE_ROWS, mergeEntities, rowCount, type LinkRow, type PreparedArticle, type Rows } from './rows.ts'

export * from './checks.ts'
export * from './remove.ts'
export * from './rows.ts'
export type { WriteOptions } from './retry.ts'

export type ArticleStatus = 'new' | 'updated' | 'unchanged' | 'failed'

export interface ArticleOutcome {
  id: string
  source: string
  status: ArticleStatus
  /** the reason, for failed articles */
  error?: string
  /**
   * for an article rewritten with the same text: the kinds of facts the graph held wrongly, as
   * `kind stored/expected` (facts lost to a failure or a concurrent writer before this was fixed)
   */
  repaired?: string[]
}

export interface WriteCounts {
  /** entity nodes created (entities already in the graph are merged, not counted) */
  entitiesCreated: number
  /** entity nodes deleted because no article mentions them any more */
  entitiesDeleted: number
  quotes: number
  relations: number
  mentions: number
  roles: number
}

export interface BatchResult {
  outcomes: ArticleOutcome[]
  counts: WriteCounts
}

export function emptyCounts(): WriteCounts {
  return { entitiesCreated: 0, entitiesDeleted: 0, quotes: 0, relations: 0, mentions: 0, roles: 0 }
}

export function addCounts(into: WriteCounts, more: WriteCounts): WriteCounts {
  for (const k of Object.keys(into) as (keyof WriteCounts)[]) into[k] += more[k]
  return into
}

// ---------------------------------------------------------------------------------------------
// Cypher: named, parameterised constants. Integers arrive from JavaScript as floats, so offsets
// and counts go through toInteger() to be stored as integers.

// The articles written below are new or have had their facts deleted in the same transaction,
// so every per-article node and relationship is CREATEd; only entities, shared between
// articles, are MERGEd.

/** the SET of Article `a`'s own properties from the expression `r` of its article row (CREATE_FACTS); its `newest` key is set with its facts */
const SET_ARTICLE = (r: string) => `
SET a.url = ${r}.url, a.title = ${r}.title, a.publishedAt = date(${r}.publishedAt), a.authors = ${r}.authors,
    a.dateline = ${r}.dateline, a.publisher = ${r}.publisher, a.source = ${r}.source,
    a.textHash = ${r}.textHash, a.factsHash = ${r}.factsHash, a.text = ${r}.text`

/**
 * Entities: created with Entity plus their type's label. Name, type and aliases of an entity the
 * articles mention are then derived from all its mentions by the resolution (resolve.ts).
 */
export const MERGE_ENTITIES = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:$(row.type), e.name = row.name, e.type = row.type, e.aliases = row.aliases, e.iso2 = row.iso2, e.iso3 = row.iso3,
    e.nameKeys = ${NAME_KEYS('row.name', 'row.aliases')}`

/**
 * Every per-article fact of the batch, one row per article. The article's entities (merged just
 * before) are sought once each, in the order of `row.nodes` (the node each of the forms in
 * `row.entities` resolved to, src/graph/resolve.ts), and every fact refers to them by
 * position: an article's ~100 relationships cost ~25 index seeks instead of ~200. A quote carries no
 * `articleId`: its IN relationship gives its article (read.ts QUOTE follows it), and a 45-character
 * copy on each of ~17 quotes an article cost a string record each in the store and the transaction log.
 * Each ABOUT carries its pair page (pages.ts PAIR_PAGE_OF) with the node of the quote's speaker (one at
 * most), or the speaker's name as written when no entity said it.
 */
export const CREATE_FACTS = `
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
${SET_ARTICLE('row.article')}
WITH row, a
CALL (row) {
  UNWIND range(0, size(row.nodes) - 1) AS i
  MATCH (e:Entity {id: row.nodes[toInteger(i)]})
  WITH i, e ORDER BY i
  RETURN collect(e) AS es
}
WITH row, a, es, ${SORT_OF('date(row.publishedAt)', 'row.id')} AS aSort
SET a.newest = aSort
WITH row, a, es, aSort
CALL (a, es, row, aSort) {
  UNWIND row.mentions AS m
  WITH a, es[toInteger(m.e)] AS e, m, aSort
  CREATE (a)-[:MENTIONS {count: toInteger(m.count), starts: [x IN m.starts | toInteger(x)],
      ends: [x IN m.ends | toInteger(x)], kinds: m.kinds, titles: m.titles, form: row.entities[toInteger(m.e)],
      group: m.group, formName: m.formName, formType: m.formType, formAliases: m.formAliases, page: ${PAGE_KEY_OF('row.nodes[toInteger(m.e)]', 'aSort')}}]->(e)
}
CALL (a, es, row) {
  UNWIND row.quotes AS r
  WITH a, es, row, r, ${SORT_OF('date(r.publishedAt)', 'r.id')} AS qSort,
       ${PAIR_SPEAKER('row.nodes[toInteger(head(r.speakers))]', 'r.speakerName')} AS qSpeaker
  CREATE (q:Quote {id: r.id, text: r.text, kind: r.kind, cue: r.cue, sentiment: r.sentiment,
      start: toInteger(r.start), end: toInteger(r.end), speakerName: r.speakerName,
      fragmentStarts: [x IN r.fragmentStarts | toInteger(x)], fragmentEnds: [x IN r.fragmentEnds | toInteger(x)],
      speakerStart: toInteger(r.speakerStart), speakerEnd: toInteger(r.speakerEnd),
      sentence: r.sentence, sentenceStart: toInteger(r.sentenceStart),
      sentenceEnd: toInteger(r.sentenceEnd), publishedAt: date(r.publishedAt)})
  CREATE (q)-[:IN]->(a)
  FOREACH (i IN r.speakers | FOREACH (e IN [es[toInteger(i)]] | CREATE (e)-[:SAID {form: row.entities[toInteger(i)], page: ${PAGE_KEY_OF('row.nodes[toInteger(i)]', 'qSort')}}]->(q)))
  FOREACH (i IN r.about | FOREACH (e IN [es[toInteger(i)]] | CREATE (q)-[:ABOUT {form: row.entities[toInteger(i)], page: ${PAGE_KEY_OF('row.nodes[toInteger(i)]', 'qSort')},
      pairPage: ${PAIR_PAGE_OF('row.nodes[toInteger(i)]', 'qSpeaker', 'qSort')}}]->(e)))
}
CALL (es, row) {
  UNWIND row.relations AS r
  WITH es[toInteger(r.s)] AS s, es[toInteger(r.t)] AS t, r
  CREATE (s)-[n:RELATED {type: r.type, articleId: row.id, evidence: r.evidence,
      start: toInteger(r.start), end: toInteger(r.end), sourceForm: row.entities[toInteger(r.s)], targetForm: row.entities[toInteger(r.t)],
      pair: ${RELATED_PAIR_OF('row.nodes[toInteger(r.s)]', 'row.nodes[toInteger(r.t)]', { type: 'r.type', articleId: 'row.id', start: 'r.start', end: 'r.end' })}}]->(t)
}
CALL (es, row) {
  UNWIND row.roles AS r
  WITH es[toInteger(r.p)] AS p, es[toInteger(r.o)] AS o, r
  CREATE (p)-[:HOLDS_ROLE {articleId: row.id, title: r.title, sourceForm: row.entities[toInteger(r.p)], targetForm: row.entities[toInteger(r.o)]}]->(o)
}
CALL (a, es, row) {
  UNWIND row.wrote AS i
  WITH a, es[toInteger(i)] AS p, row.entities[toInteger(i)] AS form
  CREATE (p)-[:WROTE {form: form}]->(a)
}
CALL (es, row) {
  UNWIND row.places AS r
  WITH es[toInteger(r.p)] AS p, es[toInteger(r.c)] AS c, row.entities[toInteger(r.p)] AS pf, row.entities[toInteger(r.c)] AS cf
  CREATE (p)-[:IN_COUNTRY {articleId: row.id, sourceForm: pf, targetForm: cf}]->(c)
}`

/** The CREATE_FACTS row of one article: its entity ids, and its facts referring to them by position. */
function factsRow(rows: Rows, nodeOf: (id: string) => string = (id) => id): Record<string, unknown> {
  const ids = rows.entities.map((e) => e.id)
  const at = new Map(ids.map((id, i) => [id, i]))
  const pos = (id: string): number => {
    const i = at.get(id)
    if (i === undefined) throw new Error(`a fact refers to ${id}, which is not among the article's entities`)
    return i
  }
  // quote id -> positions of its speakers / of the entities it is about
  const byQuote = (links: LinkRow[], quote: (l: LinkRow) => string, entity: (l: LinkRow) => string): Map<string, number[]> => {
    const out = new Map<string, number[]>()
    for (const l of links) {
      const list = out.get(quote(l))
      if (list) list.push(pos(entity(l)))
      else out.set(quote(l), [pos(entity(l))])
    }
    return out
  }
  const speakers = byQuote(rows.said, (l) => l.to, (l) => l.from)
  const about = byQuote(rows.about, (l) => l.from, (l) => l.to)
  return {
    id: rows.articles[0].id,
    publishedAt: rows.articles[0].publishedAt,
    article: rows.articles[0],
    entities: ids,
    nodes: ids.map(nodeOf),
    mentions: rows.mentions.map((m) => ({
      e: pos(m.entityId), count: m.count, starts: m.starts, ends: m.ends, kinds: m.kinds, titles: m.titles,
      group: m.group, formName: m.formName, formType: m.formType, formAliases: m.formAliases,
    })),
    quotes: rows.quotes.map(({ articleId: _, ...q }) => ({ ...q, speakers: speakers.get(q.id) ?? [], about: about.get(q.id) ?? [] })),
    relations: rows.relations.map((r) => ({ s: pos(r.sourceId), t: pos(r.targetId), type: r.type, evidence: r.evidence, start: r.start, end: r.end })),
    roles: rows.roles.map((r) => ({ p: pos(r.personId), o: pos(r.orgId), title: r.title })),
    wrote: rows.wrote.map((l) => pos(l.from)),
    places: rows.places.map((p) => ({ p: pos(p.placeId), c: pos(p.countryId) })),
  }
}

// ---------------------------------------------------------------------------------------------
// Transactions

nameStatements({ MERGE_ENTITIES, CREATE_FACTS })

/** The node each (article, form) is written on: the one its record resolved to (planGroups), else the form's own id. */
type NodeOf = (articleId: string, form: string) => string

function nodeFinder(target: Map<string, string>): NodeOf {
  return (articleId, form) => target.get(recordKey({ articleId, form })) ?? form
}

/**
 * Creates the nodes of the entities that are their own node and that no resolution gives (authors
 * or countries the article does not mention), with their type's label and ISO codes, as the
 * extraction gave them. Every node a resolution gives (`resolved`: forms that resolved to their own
 * id or into another) is created or written by applyPlan's SET_RESOLVED with its labels, type, name
 * and aliases, so it is merged here only for the ISO codes a country gets on creation (SET_RESOLVED
 * then sets the rest, as before). Run before applyPlan. Returns how many nodes it created.
 */
async function mergeOwnEntities(tx: ManagedTransaction, list: Rows[], nodeOf: NodeOf, resolved: Set<string>): Promise<number> {
  const mine = (r: Rows, e: Rows['entities'][number]): boolean => nodeOf(r.articles[0].id, e.id) === e.id && (!resolved.has(e.id) || e.iso2 != null || e.iso3 != null)
  const own = list.map((r) => ({ ...r, entities: r.entities.filter((e) => mine(r, e)) }))
  const rows = mergeEntities(own)
  if (!rows.length) return 0
  return (await tx.run(MERGE_ENTITIES, { rows })).summary.counters.updates().nodesCreated
}

/** Runs the queries that write `list`, one Rows per article (articles not in the graph, or whose old facts are gone), onto the nodes `nodeOf` gives. */
async function writeRows(tx: ManagedTransaction, list: Rows[], nodeOf: NodeOf): Promise<WriteCounts> {
  const counts = emptyCounts()
  const run = (query: string, params: unknown[]): Promise<QueryResult> | null => (params.length ? tx.run(query, { rows: params }) : null)
  // one statement: each row sets its article's properties (SET_ARTICLE) and creates its facts
  await run(CREATE_FACTS, list.map((r) => factsRow(r, (id) => nodeOf(r.articles[0].id, id))))
  for (const rows of list) {
    counts.quotes += rows.quotes.length
    counts.relations += rows.relations.length
    counts.mentions += rows.mentions.reduce((n, m) => n + m.count, 0)
    counts.roles += rows.roles.length
  }
  return counts
}

/**
 * What an article written by CREATE_FACTS contributes to the aggregates (aggregates.ts), from its
 * rows: the nodes of the entities it mentions with the count of each MENTIONS, and per quote the nodes of its speakers and subjects.
 * The same as ARTICLE_CONTRIBUTIONS would read back after the write.
 */
function writtenContribution(into: Contribution, rows: Rows, nodeOf: NodeOf): Contribution {
  const articleId = rows.articles[0].id
  const node = (form: string): string => nodeOf(articleId, form)
  const speakers = new Map<string, string[]>()
  const about = new Map<string, string[]>()
  for (const l of rows.said) (speakers.get(l.to) ?? speakers.set(l.to, []).get(l.to)!).push(node(l.from))
  for (const l of rows.about) (about.get(l.from) ?? about.set(l.from, []).get(l.from)!).push(node(l.to))
  const quotes = rows.quotes.map((q) => ({ speakers: speakers.get(q.id) ?? [], about: about.get(q.id) ?? [], speakerName: q.speakerName ?? '' }))
  const related = rows.relations.map((r) => ({ source: node(r.sourceId), target: node(r.targetId), type: r.type }))
  return contributionOf(into, rows.mentions.map((m) => node(m.entityId)), quotes, 1, rows.mentions.map((m) => m.count), related, articleId)
}

/** The resolution records of the articles to write: one per entity the article mentions (resolve.ts). */
function formRecords(list: Rows[]): (FormRecord & { group: string })[] {
  return list.flatMap((r) =>
    r.mentions.map((m) => ({
      articleId: m.articleId,
      form: m.entityId,
      name: m.formName,
      type: m.formType,
      count: m.count,
      aliases: m.formAliases,
      date: r.articles[0].publishedAt,
      group: m.group,
    })),
  )
}

/**
 * The transaction of one batch. Pure with respect to the outside (the driver may run it again
 * on a transient error): it decides new / updated / unchanged from what the graph holds now.
 */
export async function writeBatchTx(tx: ManagedTransaction, batch: PreparedArticle[]): Promise<BatchResult> {
  return (await batchTx(tx, batch, null, false)).result
}

/** Where a bulk batch placed the new records of the groups it deferred (deferred.ts): group -> (form -> node). */
type Deferred = Map<string, { records: number; forms: Map<string, string> }>

/**
 * writeBatchTx, reading the records of groups this process wrote last from `cache`; returns the plan
 * to remember once committed. `bulk` (ingestInputs): the big groups `cache` knows, or the graph keeps for a group this
 * process has not resolved yet (readBigGroups), are deferred (deferred.ts).
 */
async function batchTx(
  tx: ManagedTransaction,
  batch: PreparedArticle[],
  cache: GroupCache | null,
  bulk: boolean,
): Promise<{ result: BatchResult; plan: GroupPlan; deferred: Deferred; learned: Map<string, BigGroup> }> {
  // the same article twice in one batch: the last one wins, as if written one after the other
  const lap = stopwatch()
  const byId = new Map<string, PreparedArticle>()
  for (const p of batch) byId.set(p.id, p)
  const stored = await tx.run(CLAIM_ARTICLES, { ids: [...byId.keys()].sort() })
  const hashes = new Map<string, string>()
  /** stored articles with their text but not the facts its extraction finds, and what differs */
  const damaged = new Map<string, string[]>()
  for (const r of stored.records) {
    const id = r.get('id') as string
    if (r.get('textHash') === null) continue
    hashes.set(id, r.get('textHash') as string)
    const rows = byId.get(id)!.rows
    const differences = factDifferences(toFactCounts(r.get('facts')), factCounts(rows))
    // the same counts, other facts: the text was stored by another version of the extraction (no hash: written before it was kept)
    const storedFacts = r.get('factsHash') as string | null
    if (!differences.length && storedFacts !== null && storedFacts !== rows.articles[0].factsHash) differences.push('facts of another extraction')
    if (differences.length) damaged.set(id, differences)
  }

  const outcomes: ArticleOutcome[] = []
  const toWrite: PreparedArticle[] = []
  const replace: string[] = []
  const seen = new Set<string>()
  for (const p of batch) {
    const last = byId.get(p.id) === p
    const storedHash = hashes.get(p.id)
    // an article whose stored facts differ from its extraction is rewritten even when its text is the same
    const current = storedHash === p.textHash && !damaged.has(p.id)
    let status: ArticleStatus
    if (storedHash === undefined) status = seen.has(p.id) ? 'unchanged' : 'new'
    else status = current ? 'unchanged' : 'updated'
    if (seen.has(p.id) && !last) status = 'unchanged'
    const outcome: ArticleOutcome = { id: p.id, source: p.source, status }
    if (status === 'updated' && storedHash === p.textHash) outcome.repaired = damaged.get(p.id)
    outcomes.push(outcome)
    // the last copy is written whenever the graph does not hold its text and facts, even when an
    // earlier copy in this batch was the one counted as new (that copy is not written)
    if (last && !current) {
      toWrite.push(p)
      if (storedHash !== undefined) replace.push(p.id)
    }
    seen.add(p.id)
  }
  lap('claim articles')

  const counts = emptyCounts()
  // the name groups whose resolution the batch may change: locked before anything is written
  const groups = new Set(toWrite.flatMap((p) => p.rows.mentions.map((m) => m.group)))
  // locked and given the transaction's token in one write each (LOCK_ROTATE_GROUPS)
  const tokens = newGroupTokens()
  await lockGroups(tx, groups, tokens)
  const old = await groupsOfArticles(tx, replace)
  await lockGroups(tx, old.filter((g) => !groups.has(g)), tokens)
  for (const g of old) groups.add(g)
  lap('lock groups')
  const candidates = replace.length ? await deleteFacts(tx, replace) : []
  lap('delete old facts')
  // resolved with the batch's records first, so that its facts are written straight onto their nodes
  const list = toWrite.map((p) => p.rows)
  const added = formRecords(list)
  // the groups of the articles this batch rewrites
  const rewritten = new Set(old)
  // a bulk batch leaves the big groups it only adds records to for later (deferred.ts)
  const deferred: Deferred = new Map()
  // the big groups this process has not resolved yet, as the graph keeps them (a new process's first batches)
  let learned = new Map<string, BigGroup>()
  const bigOf = (g: string): BigGroup | undefined => cache?.big(g) ?? learned.get(g)
  if (bulk && cache) {
    const adding = new Map<string, number>()
    for (const r of added) adding.set(r.group, (adding.get(r.group) ?? 0) + 1)
    const unknown = [...adding.keys()].filter((g) => tokens.kept.has(g) && !rewritten.has(g) && !cache.big(g))
    if (unknown.length) learned = await readBigGroups(tx, unknown.sort())
    for (const [g, n] of adding) if (!rewritten.has(g) && mayDefer(bigOf(g), n)) deferred.set(g, { records: n, forms: new Map() })
  }
  // a bulk batch keeps a big group's records in the cache only for a rewritten article's group: the next bulk batch defers the others (packBig)
  const packBig = bulk ? (g: string): boolean => rewritten.has(g) : undefined
  const plan = await planGroups(tx, deferred.size ? [...groups].filter((g) => !deferred.has(g)) : groups, added, { cache, deleted: replace, tokens, packBig })
  lap('plan groups (read records, resolve)')
  // a deferred group a curation decision linked to a resolved one was resolved with it
  for (const g of plan.records.keys()) deferred.delete(g)
  const placed = new Map<string, { id: string; type: string; name: string; aliases: string[]; iso2: null; iso3: null }>()
  for (const r of added) {
    const d = deferred.get(r.group)
    if (!d) continue
    const big = bigOf(r.group)!
    const node = provisionalNode(big, r)
    plan.target.set(recordKey(r), node)
    if (!big.forms.has(r.form)) d.forms.set(r.form, node)
    // a node other than the form's own (mergeOwnEntities merges those) is there, or made here until the group is resolved
    if (node !== r.form && !placed.has(node)) placed.set(node, { id: node, type: TYPE_OF_PREFIX[node.slice(0, node.indexOf(':'))] ?? r.type, name: r.name, aliases: [], iso2: null, iso3: null })
  }
  if (deferred.size) {
    await tx.run(MARK_DIRTY, { groups: [...deferred.keys()].sort() })
    countProfile('records deferred', [...deferred.values()].reduce((n, d) => n + d.records, 0))
  }
  const nodeOf = nodeFinder(plan.target)
  const resolved = new Set(plan.rows.map((e) => e.id))
  const own = (await mergeOwnEntities(tx, list, nodeOf, resolved)) + (placed.size ? (await tx.run(MERGE_ENTITIES, { rows: [...placed.values()] })).summary.counters.updates().nodesCreated : 0)
  lap('merge own entities')
  // AGGREGATES HOOK (aggregates.ts): one pass for the stored facts the plan moves and the new facts
  // written. The articles to write hold no facts before (new, or emptied by deleteFacts above), and
  // what they contribute after is what this transaction writes: taken from their rows, not read back.
  // The moved articles' MENTIONS and the quotes the moves touch are read once, locked, before the
  // moves; after them, each fact of a moved (article, form) is on the move's target (MOVE_FACTS moves
  // exactly those), so their contribution after is computed, not read back either; their RELATED
  // weights change by the RELATED MOVE_FACTS returns (aggregates.ts movedContribution).
  const moved = await readFactsToMove(tx, plan.moves)
  lap('aggregates (read before)')
  // Issued together and run by Neo4j in this order: the plan's statements, CREATE_FACTS, then the aggregates'.
  // The contributions are worked out here while CREATE_FACTS runs (they need the RELATED the moves return, not
  // the facts written), and the aggregates' statements queue behind it: the main thread's work of the batch's
  // end no longer waits for Neo4j's, nor Neo4j for it (a failure of any is seen by the awaits below).
  const applying = applyPlan(tx, plan, { moved })
  const writing = toWrite.length ? writeRows(tx, list, nodeOf) : null
  writing?.catch(() => {})
  const { vacated, created, related } = await applying
  lap(`apply plan (SET_RESOLVED, MOVE_FACTS; CREATE_FACTS sent)`)
  const { before, after } = movedContribution(moved, nodeAfterMoves(plan), related)
  for (const rows of list) writtenContribution(after, rows, nodeOf)
  const changing = applyChange(tx, before, after)
  changing.catch(() => {})
  if (writing) addCounts(counts, await writing)
  lap('write facts (CREATE_FACTS; contributions worked out meanwhile)')
  await changing
  counts.entitiesCreated += own + created
  lap('aggregates (read after, add)')
  counts.entitiesDeleted = await deleteOrphans(tx, [...new Set([...candidates, ...vacated])])
  lap('delete orphans')
  return { result: { outcomes, counts }, plan, deferred, learned }
}

/** The group records each driver's writes keep between transactions, per database (GroupCache, group-cache.ts). */
const caches = new WeakMap<Driver, Map<string, GroupCache>>()

function cacheOf(driver: Driver, database: string | undefined): GroupCache {
  const byDb = caches.get(driver) ?? caches.set(driver, new Map()).get(driver)!
  const key = database ?? ''
  return byDb.get(key) ?? byDb.set(key, new GroupCache()).get(key)!
}

/** Writes one batch in one transaction, retrying when a concurrent writer created the same ids first or deleted an entity it links to. */
export async function writeBatch(driver: Driver, batch: PreparedArticle[], opts: WriteOptions = {}): Promise<BatchResult> {
  const cache = cacheOf(driver, opts.database)
  let lap = stopwatch()
  const { result, plan, deferred, learned } = await writeWithRetries(driver, opts, (tx) => {
    lap('begin')
    return batchTx(profiled(keptPlans(tx)), batch, cache, opts.bulk ?? false).finally(() => (lap = stopwatch()))
  })
  lap('commit')
  // only now that it is committed: the records it left are what the graph holds under its token
  cache.remember(plan)
  for (const [g, d] of deferred) {
    // a group deferred on what the graph keeps of it is known here from now on
    const big = learned.get(g)
    if (big) cache.learn(g, big)
    cache.deferred(g, d.records, d.forms)
  }
  memProbe('cache', { cacheRecords: cache.size.records, cacheMb: cache.size.bytes / 2 ** 20, cacheGroups: cache.size.groups })
  return result
}

/** Groups resolved in one transaction by repairDirtyGroups, and the records (as far as this process knows them) that end a transaction's share early. */
const REPAIR_GROUPS = 8
const REPAIR_RECORDS = 10_000

/** The dirty groups in transactions of at most REPAIR_GROUPS groups and, but for a single group, REPAIR_RECORDS known records: each transaction holds the records it resolves. */
function repairChunks(keys: string[], known: (group: string) => number | undefined): string[][] {
  return chunkByKnownRecords(keys, known, REPAIR_RECORDS, { maxGroups: REPAIR_GROUPS })
}

/**
 * Resolves in full every group marked dirty (deferred.ts: a bulk ingest's deferred groups, or those
 * a killed one left), a few groups a transaction, each under its lock; a group another writer
 * resolved meanwhile is skipped. Returns how many groups it resolved and how many facts it moved.
 */
export async function repairDirtyGroups(driver: Driver, opts: WriteOptions = {}): Promise<{ groups: number; moves: number }> {
  const cache = cacheOf(driver, opts.database)
  const listed = await driver.executeQuery(DIRTY_GROUPS, {}, { database: opts.database, routing: 'WRITE' })
  const keys = listed.records.map((r) => r.get('key') as string)
  // the sizes the graph keeps, for the groups this process has not resolved (a killed run's marks)
  const kept = new Map(listed.records.filter((r) => r.get('size') !== null).map((r) => [r.get('key') as string, neo4j.integer.toNumber(r.get('size'))]))
  const done = { groups: 0, moves: 0 }
  for (const chunk of repairChunks(keys, knownRecords(cache, kept))) {
    const plan = await writeWithRetries(driver, opts, async (t) => {
      const tx = keptPlans(t)
      const tokens = newGroupTokens()
      await lockGroups(tx, chunk, tokens)
      const still = chunk.filter((g) => tokens.dirty.has(g))
      if (!still.length) return null
      const plan = await planGroups(tx, still, [], { cache, tokens })
      const { vacated } = await applyPlan(tx, plan)
      await deleteOrphans(tx, vacated)
      return plan
    })
    if (!plan) continue
    cache.remember(plan)
    done.groups += plan.records.size
    done.moves += plan.moves.length
  }
  return done
}

/**
 * Writes a batch; when the batch fails for a reason other than the connection, writes its
 * articles one by one so one bad article fails alone and the others are still written.
 */
export async function writeBatchIsolated(driver: Driver, batch: PreparedArticle[], opts: WriteOptions = {}): Promise<BatchResult> {
  const tooBig = batch.filter((p) => (p.size ?? rowCount(p.rows)) > MAX_ARTICLE_ROWS)
  if (tooBig.length) {
    const rest = await (tooBig.length < batch.length ? writeBatchIsolated(driver, batch.filter((p) => !tooBig.includes(p)), opts) : null)
    const refused: ArticleOutcome[] = tooBig.map((p) => ({
      id: p.id,
      source: p.source,
      status: 'failed',
      error: `too large to write in one transaction: ${p.size ?? rowCount(p.rows)} facts (the limit is ${MAX_ARTICLE_ROWS}); split the input into smaller articles`,
    }))
    return { outcomes: [...(rest?.outcomes ?? []), ...refused], counts: rest?.counts ?? emptyCounts() }
  }
  try {
    return await writeBatch(driver, batch, opts)
  } catch (err) {
    if (isConnectionError(err)) throw err
    if (batch.length === 1) {
      return { outcomes: [{ id: batch[0].id, source: batch[0].source, status: 'failed', error: errorText(err) }], counts: emptyCounts() }
    }
  }
  const result: BatchResult = { outcomes: [], counts: emptyCounts() }
  for (const one of batch) {
    const r = await writeBatchIsolated(driver, [one], opts)
    result.outcomes.push(...r.outcomes)
    addCounts(result.counts, r.counts)
  }
  return result
}
