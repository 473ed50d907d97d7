// Planning a write of name groups (resolve.ts explains them): their records read from the graph or
// from this process's GroupCache, each group resolved (resolveGroup) and its records packed again
// (CompactGroup) before the next one is expanded, a group read from the graph as soon as its records
// are in (they come a group at a time), so a transaction holds one group's records as objects at a
// time; the groups this process knows to be big are read last, a chunk at a time (readLater); then the
// plan applied (the resolved nodes written, the facts moved).
import type { ManagedTransaction, QueryResult } from 'neo4j-driver'
import { applyChange, type ArticleFacts } from './aggregates.ts'
import { MOVE_FACTS, movedContribution, readFactsToMove, type MovedRelated } from './moves.ts'
import { applyDecisions } from './decisions.ts'
import { chunkByKnownRecords, CompactGroup, knownRecords, type GroupCache } from './group-cache.ts'
import { bigGroupOf, bigGroupRow, CLEAR_BIG_GROUPS, CLEAR_DIRTY, SET_BIG_GROUPS } from './deferred.ts'
import { decisionsFor, lockGroups, newGroupTokens, type GroupTokens } from './group-locks.ts'
import { countProfile, memProbe } from './write-profile-count.ts'
import { NAME_KEYS } from './name-keys.ts'
import { keyOf, recordKey, resolveGroup, type FormRecord, type GroupResolution, type ResolvedEntity, type StoredRecord } from './resolve.ts'

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Deletes the lock nodes of groups left with no record (their last article removed or changed), so a graph holds only groups in use. */
export const DROP_EMPTY_GROUPS = `
UNWIND $groups AS key
MATCH (g:NameGroup {key: key})
WHERE NOT EXISTS { MATCH (:Article)-[m:MENTIONS]->(:Entity) USING INDEX SEEK m:MENTIONS(group) WHERE m.group = key }
DELETE g`



/**
 * Every record of the groups, with the node it is on now. One lookup of the list in the group index,
 * not an UNWIND of the groups with a lookup each: for that form the planner, its statistics taken
 * while the graph was small, chose once to scan the whole index for every group (10,389,562 db hits
 * for the 7 calls of one PolNeAR train ingest, against 68,673 in an identical run planned otherwise).
 * At worst the list form scans the index once a call. No label on the ends (a MENTIONS joins an Article
 * to an Entity, nothing else): checking them cost two db hits a record, and a label let the planner
 * start some calls from a scan of every Article instead of the index. Grouped: the seek gives its rows in
 * the order of the index (no sort: EXPLAIN shows the order provided), so a reader knows a group's records
 * are all in when the next group's begin (readGroupRecords).
 */
export const GROUP_RECORDS = `
MATCH (a)-[m:MENTIONS]->(e) USING INDEX SEEK m:MENTIONS(group) WHERE m.group IN $groups
RETURN m.group AS group, a.id AS articleId, toString(a.publishedAt) AS date, m.form AS form, m.formName AS name,
       m.formType AS type, m.count AS count, coalesce(m.formAliases, []) AS aliases, e.id AS current
ORDER BY group`

/** Creates or updates the resolved nodes: type label, name, aliases (and their lowered keys, name-keys.ts), ids merged into them. */
export const SET_RESOLVED = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
WITH e, row
// most groups a batch touches resolve as before: nodes already right are not written again
WHERE e.aliasIds IS NULL OR coalesce(e.type, '') <> row.type OR coalesce(e.name, '') <> row.name
   OR coalesce(e.aliases, []) <> row.aliases OR coalesce(e.aliasIds, []) <> row.aliasIds
   OR e.nameKeys IS NULL
CALL (e, row) {
  WITH e, row WHERE e.type IS NULL OR e.type <> row.type
  REMOVE e:Person:Organisation:Place:Country
  SET e:$(row.type)
}
SET e.type = row.type, e.name = row.name, e.aliases = row.aliases, e.aliasIds = row.aliasIds,
    e.nameKeys = ${NAME_KEYS('row.name', 'row.aliases')}`

export interface Move {
  articleId: string
  form: string
  from: string
  to: string
}

/** What resolving some groups decided: the nodes to write, the stored facts to move, the new records' nodes. */
export interface GroupPlan {
  /** the resolved nodes of every group */
  rows: ResolvedEntity[]
  /** stored records whose node changed */
  moves: Move[]
  /** recordKey(added record) -> the node its facts are to be written on */
  target: Map<string, string>
  /** groups left with no record */
  empty: string[]
  /** the token the groups were given (LOCK_ROTATE_GROUPS) */
  token: string
  /** every record of each group once the plan is applied, on its new node, packed (for GroupCache) */
  records: Map<string, CompactGroup>
  /** groups resolved here that were marked dirty (deferred.ts): resolved in full now, their mark is removed */
  clean: string[]
  /** groups resolved here that kept a BigGroup (deferred.ts): removed if they are found small now */
  kept: string[]
}

export interface PlanOptions {
  /** records already held for some groups (from earlier transactions of this process) */
  cache?: GroupCache | null
  /**
   * articles whose records this transaction deleted before planning (rewritten or removed ones):
   * required with `cache`, since cached records are from before that deletion
   */
  deleted?: Iterable<string>
  /** the groups' tokens when the caller locked them with lockGroups(..., tokens); else they are given one here */
  tokens?: GroupTokens
  /**
   * whether to pack the records of a group found big (deferred.ts) for the GroupCache (default: every group's);
   * a bulk batch says no for the groups it only adds to: the next bulk batch defers such a group, which drops
   * its records from the cache (GroupCache.deferred), and at the doubling of a corpus' big groups their packed
   * records were the plan's largest term (~100 bytes a record, all of them at once)
   */
  packBig?: (group: string) => boolean
}

/** Known records (GroupCache.big) read in one statement for the big groups planGroups reads after the others; a bigger group is read alone. */
export const LATER_RECORDS = 20_000

/**
 * The groups of `groups` known to be big (GroupCache.big: a bulk ingest's deferred groups, all resolved again at
 * their doubling; else the BigGroup the graph keeps, for a group this process has not resolved), in chunks of at
 * most LATER_RECORDS known records, a bigger group alone:
 * planGroups reads, resolves and lets go of one chunk before it reads the next, so that a plan holds one big
 * group's records as objects at a time, not every big group of the corpus (issue 13: the doubling of a
 * 100,000-article corpus' big groups put ~1,000,000 records in one plan).
 */
function readLater(groups: string[], cache: GroupCache | null, kept: ReadonlyMap<string, number>): string[][] {
  return chunkByKnownRecords(groups, knownRecords(cache, kept), LATER_RECORDS, { bigOnly: true })
}

/**
 * Streams the groups' records (GROUP_RECORDS) into `push` as they arrive, so the driver's records of a
 * big group are never all held, and calls `complete` with each group once its records are all in (they
 * come a group at a time), so that the caller can resolve it and let its records go before the next
 * group's arrive; the strings a group repeats from article to article (forms, names, types, dates,
 * nodes, alias lists) are kept once. Returns how many records were read.
 */
export function readGroupRecords(
  tx: ManagedTransaction,
  groups: string[],
  push: (g: string, r: StoredRecord) => void,
  complete: (g: string) => void = () => {},
): Promise<number> {
  const strings = new Map<string, string>()
  const one = (x: string): string => strings.get(x) ?? (strings.set(x, x), x)
  const lists = new Map<string, string[]>()
  const list = (l: string[]): string[] => {
    const key = l.join('\u0000')
    return lists.get(key) ?? (lists.set(key, l.map(one)), lists.get(key)!)
  }
  let n = 0
  let last: string | null = null
  let failed: unknown = null
  const done = (g: string): void => {
    try {
      if (failed === null) complete(g)
    } catch (e) {
      failed = e
    }
  }
  return new Promise((resolve, reject) => {
    tx.run(GROUP_RECORDS, { groups }).subscribe({
      onNext: (r) => {
        n++
        const group = one(r.get('group') as string)
        if (group !== last) {
          if (last !== null) done(last)
          last = group
        }
        const form = one(r.get('form') as string)
        const name = r.get('name') as string | null
        const type = r.get('type') as string | null
        const date = r.get('date') as string | null
        push(group, {
          articleId: r.get('articleId') as string,
          form,
          name: name === null ? one(keyOf(form)) : one(name),
          type: type === null ? 'Person' : one(type),
          count: Number(r.get('count') ?? 1),
          aliases: list((r.get('aliases') as string[] | null) ?? []),
          date: date === null ? null : one(date),
          current: one(r.get('current') as string),
        })
      },
      onCompleted: () => {
        if (last !== null) done(last)
        if (failed === null) resolve(n)
        else reject(failed)
      },
      onError: reject,
    })
  })
}

/**
 * Resolves the groups from the records the graph holds now plus `added` (the records of articles
 * about to be written, whose facts are not in the graph yet), so that the new facts are written
 * straight onto their nodes and only the stored records whose node changed have to move.
 * Reads the records (and gives the groups a new token); call with the groups' locks held
 * (lockGroups) and after the old facts of rewritten articles are deleted.
 */
export async function planGroups(
  tx: ManagedTransaction,
  groups: Iterable<string>,
  added: (FormRecord & { group: string })[] = [],
  opts: PlanOptions = {},
): Promise<GroupPlan> {
  const asked = [...new Set(groups)].sort(cmp)
  const plan: GroupPlan = { rows: [], moves: [], target: new Map(), empty: [], token: '', records: new Map(), clean: [], kept: [] }
  if (!asked.length) return plan
  // curation decisions may link other groups to these: they are resolved (and locked) with them
  const tokens = opts.tokens ?? newGroupTokens()
  const { groups: list, decisions } = await decisionsFor(tx, asked, tokens)
  // every group resolved gets the transaction's token (those the caller locked without one, here)
  await lockGroups(tx, list, tokens)
  plan.token = tokens.token
  /** a record of the plan: stored (`current`, its node now) or added (current null) */
  type Rec = FormRecord & { current: string | null }
  /** a group's records: those held packed (`held`, from the GroupCache) or read, then those added */
  type Source = { held: CompactGroup | null; records: Rec[]; added: Rec[] }
  const byGroup = new Map<string, Source>()
  const source = (g: string): Source => byGroup.get(g) ?? byGroup.set(g, { held: null, records: [], added: [] }).get(g)!
  const push = (g: string, rec: Rec): void => void source(g).records.push(rec)
  // records held from this process's last write of a group whose token has not changed since
  const deleted = new Set(opts.deleted ?? [])
  const toRead: string[] = []
  const before = tokens.before
  for (const g of list) {
    const held = opts.cache?.entry(g, before.get(g) ?? null)
    if (!held) toRead.push(g)
    else if (held.hasArticleOutside(deleted)) source(g).held = held
  }
  // the groups known to be big (deferred.ts) are read after the others, a chunk at a time (readLater),
  // unless curation decisions are resolved with them (all groups together)
  const later = decisions.length ? [] : readLater(toRead, opts.cache ?? null, tokens.kept)
  const readLate = new Set(later.flat())
  // added records of groups not resolved here (a bulk ingest's deferred groups, deferred.ts) are placed by the caller
  const resolving = new Set(list)
  // built like readGroupRecords' and CompactGroup's records (the same properties in the same order), so that
  // resolveGroup meets one object shape: a spread made another, and V8 deoptimised it on meeting it
  const addedTo = new Map<string, Rec[]>()
  for (const { group, articleId, form, name, type, count, aliases, date } of added) {
    if (resolving.has(group)) (addedTo.get(group) ?? addedTo.set(group, []).get(group)!).push({ articleId, form, name, type, count, aliases, date, current: null })
  }
  /** gives the groups their added records (those read later: just before their chunk is read, as those read now before their read) */
  const addTo = (groups: Iterable<string>): void => {
    for (const g of groups) {
      const recs = addedTo.get(g)
      if (recs) source(g).added = recs
    }
  }
  addTo([...addedTo.keys()].filter((g) => !readLate.has(g)))
  plan.clean = list.filter((g) => tokens.dirty.has(g))
  plan.kept = list.filter((g) => tokens.kept.has(g))
  /** the group's records as objects: held ones expanded here, one group at a time, as before the deletion (a held group is not read), then the added ones */
  const expand = (s: Source): Rec[] => {
    const out: Rec[] = s.held ? (deleted.size ? s.held.records().filter((r) => !deleted.has(r.articleId)) : s.held.records()) : s.records
    for (const r of s.added) out.push(r)
    return out
  }
  /** what the plan does with the group's records once resolved; the records are then packed (for GroupCache) */
  const place = (g: string, records: Rec[], out: GroupResolution): void => {
    const after: StoredRecord[] = []
    for (const r of records) {
      const to = out.target.get(recordKey(r))!
      if (r.current === null) plan.target.set(recordKey(r), to)
      else if (to !== r.current) plan.moves.push({ articleId: r.articleId, form: r.form, from: r.current, to })
      after.push(to === r.current ? (r as StoredRecord) : { ...r, current: to })
    }
    const big = bigGroupOf(after)
    // a big group's records are left out of the GroupCache when the caller says it will not use them
    plan.records.set(g, big && opts.packBig && !opts.packBig(g) ? CompactGroup.summary(plan.token, big) : new CompactGroup(plan.token, after, big))
  }
  let resolvedRecords = 0
  /** the group's records expanded, resolved, packed and let go (without curation decisions) */
  const resolveOne = (g: string): void => {
    const s = byGroup.get(g)
    if (!s) return
    const records = expand(s)
    byGroup.delete(g)
    resolvedRecords += records.length
    const out = resolveGroup(g, records)
    plan.rows.push(...out.entities)
    place(g, records, out)
  }
  /**
   * Reads the groups' records; without curation decisions each group is resolved as soon as its records are
   * in, so that a plan holds one read group's records as objects at a time: a process that does not know yet
   * which groups are big (its first batch into a large graph) read them all at once before (issue 13: 2,176,900
   * records in one read, a live heap of 386 MB, at 100,000 articles)
   */
  const read = async (groups: string[]): Promise<void> => {
    const n = await readGroupRecords(tx, groups, push, decisions.length ? undefined : resolveOne)
    countProfile('records read', n)
    countProfile('groups read', groups.length)
    memProbe('plan: records read', { records: n, groups: groups.length })
  }
  const now = readLate.size ? toRead.filter((g) => !readLate.has(g)) : toRead
  if (now.length) await read(now)
  if (!decisions.length) {
    // then the groups held (GroupCache) or with added records only, one at a time
    for (const g of [...byGroup.keys()]) resolveOne(g)
    // then the big groups, each chunk read and resolved group by group before the next is read
    for (const chunk of later) {
      addTo(chunk)
      await read(chunk)
      for (const g of chunk) resolveOne(g)
    }
    if (later.length) memProbe('plan: big groups resolved', { groups: readLate.size })
  } else {
    // the one place curation decisions enter: applied to the groups' resolutions together
    const all = new Map([...byGroup].map(([g, s]) => [g, expand(s)]))
    byGroup.clear()
    const resolved = new Map<string, GroupResolution>()
    for (const [g, records] of all) resolved.set(g, resolveGroup(g, records))
    const curated = applyDecisions(all, resolved, decisions)
    plan.rows.push(...curated.entities)
    for (const [g, records] of all) {
      resolvedRecords += records.length
      place(g, records, curated)
    }
  }
  plan.empty = list.filter((g) => !plan.records.has(g))
  countProfile('records resolved', resolvedRecords)
  memProbe('plan: resolved', { records: resolvedRecords, moves: plan.moves.length })
  return plan
}

/** The articles whose stored facts the plan moves (their aggregate contributions change). */
export function movedArticles(plan: GroupPlan): string[] {
  return [...new Set(plan.moves.map((m) => m.articleId))]
}

/** The node a fact of `plan`'s moved articles is on after the moves: a fact of a moved (article, form) on the move's `from` is on its `to`. */
export function nodeAfterMoves(plan: GroupPlan): (articleId: string, form: string | null, node: string) => string {
  const to = new Map(plan.moves.map((m) => [recordKey(m), m]))
  return (articleId, form, node) => {
    const m = form === null ? undefined : to.get(recordKey({ articleId, form }))
    return m && m.from === node ? m.to : node
  }
}

/**
 * Writes what planGroups decided: the resolved nodes (created when new), the stored facts moved to
 * their new nodes, the lock nodes of emptied groups deleted. Returns the nodes facts left
 * (candidates for orphan cleanup), how many nodes were created and the RELATED the moves took
 * elsewhere. The aggregates are kept here for the articles of movedArticles(plan) (their facts read
 * and locked before the moves, moves.ts movedContribution) unless the caller passes `moved`:
 * those facts, read by it with readFactsToMove(tx, plan.moves) before,
 * and it keeps the aggregates itself (writeBatchTx, which does it once for the moves and its new
 * facts together).
 */
export async function applyPlan(tx: ManagedTransaction, plan: GroupPlan, opts: { moved?: ArticleFacts[] } = {}): Promise<{ vacated: string[]; created: number; related: MovedRelated[] }> {
  // AGGREGATES HOOK (aggregates.ts): the counts follow the facts the moves take to other nodes
  countProfile('resolved nodes sent', plan.rows.length)
  countProfile('facts moved', plan.moves.length)
  const facts = opts.moved ?? (plan.moves.length ? await readFactsToMove(tx, plan.moves) : [])
  const pending: Promise<QueryResult>[] = []
  // issued together, the statements are pipelined on the connection and run in order
  const resolved = plan.rows.length ? tx.run(SET_RESOLVED, { rows: plan.rows }) : null
  if (resolved) pending.push(resolved)
  const moved = plan.moves.length ? MOVE_FACTS.map((q) => tx.run(q, { moves: plan.moves })) : []
  pending.push(...moved)
  if (plan.empty.length) pending.push(tx.run(DROP_EMPTY_GROUPS, { groups: plan.empty }))
  if (plan.clean.length) pending.push(tx.run(CLEAR_DIRTY, { groups: plan.clean }))
  // what the full resolution found big, for a process that has not resolved the group yet (deferred.ts)
  const big = [...plan.records].flatMap(([g, e]) => (e.big ? [bigGroupRow(g, e.big)] : []))
  if (big.length) pending.push(tx.run(SET_BIG_GROUPS, { rows: big }))
  const small = plan.kept.filter((g) => !plan.records.get(g)?.big)
  if (small.length) pending.push(tx.run(CLEAR_BIG_GROUPS, { groups: small }))
  await Promise.all(pending)
  const created = resolved ? (await resolved).summary.counters.updates().nodesCreated : 0
  const related: MovedRelated[] = []
  for (const res of moved) for (const r of (await res).records) related.push(...(r.get('related') as MovedRelated[]))
  if (!opts.moved && plan.moves.length) {
    const { before, after } = movedContribution(facts, nodeAfterMoves(plan), related)
    await applyChange(tx, before, after)
  }
  return { vacated: [...new Set(plan.moves.map((m) => m.from))], created, related }
}

/**
 * Resolves the groups again from what the graph holds now, writes the nodes and moves the facts
 * whose record changed node. Returns the nodes facts left (candidates for orphan cleanup).
 * Call with the groups' locks held (lockGroups).
 */
export async function resolveGroups(tx: ManagedTransaction, groups: Iterable<string>): Promise<{ vacated: string[]; moves: number }> {
  const plan = await planGroups(tx, groups)
  const { vacated } = await applyPlan(tx, plan)
  return { vacated, moves: plan.moves.length }
}
