// The write locks of name groups (resolve.ts explains them), their version tokens (GroupCache,
// group-cache.ts), and the groups a write has to lock: those of the articles it rewrites and those
// curation decisions link to them. resolve.ts re-exports all of it.
import { randomUUID } from 'node:crypto'
import neo4j, { type ManagedTransaction } from 'neo4j-driver'
import type { Decision } from './decisions.ts'

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Takes the write lock of each name group (sorted keys, so writers lock them in the same order). */
export const LOCK_GROUPS = `
UNWIND $groups AS key
MERGE (g:NameGroup {key: key})
SET g.locked = true`

/** The name groups an article's records belong to (before its facts are deleted). */
export const GROUPS_OF_ARTICLES = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->()
WHERE m.group IS NOT NULL
RETURN DISTINCT m.group AS group`

/**
 * Takes the write lock of each name group (sorted keys) and gives it a new version token, returning
 * the one it had: a write that holds a group's records in memory (GroupCache) may use them only
 * while the token is the one it set. Every transaction that changes a group's records resolves it
 * again (planGroups), which runs this, so a token left unchanged means records left unchanged.
 * One write per group: the SET reads the property it writes (`tokens`: the new token, then the one
 * before it), and Neo4j takes the node's write lock before it evaluates such a SET (a "direct
 * dependency", as for `SET n.x = n.x + 1`), so the token read is the one the last writer committed,
 * read with the lock held.
 */
export const LOCK_ROTATE_GROUPS = `
UNWIND $groups AS key
MERGE (g:NameGroup {key: key})
SET g.tokens = [$token] + coalesce(g.tokens[0..1], [])
RETURN key, g.tokens[1] AS before, g.dirty AS dirty, g.bigSize AS kept`

/** The token a transaction gives the groups it locks, and the token each had before (LOCK_ROTATE_GROUPS). */
export interface GroupTokens {
  token: string
  before: Map<string, string | null>
  /** the groups locked that a bulk ingest left to resolve later (`dirty`, deferred.ts) */
  dirty: Set<string>
  /** the groups locked that keep a BigGroup (`bigSize`, deferred.ts), and its size at their last full resolution */
  kept: Map<string, number>
}

export function newGroupTokens(): GroupTokens {
  return { token: randomUUID(), before: new Map(), dirty: new Set(), kept: new Map() }
}

/**
 * Locks the groups (sorted, so writers lock them in the same order). With `tokens`, also gives each
 * group not yet in `tokens.before` the transaction's token and records the one it had, in the same
 * write (LOCK_ROTATE_GROUPS), and which are dirty or keep a BigGroup (deferred.ts).
 */
export async function lockGroups(tx: ManagedTransaction, groups: Iterable<string>, tokens?: GroupTokens): Promise<void> {
  const list = [...new Set(groups)].filter((g) => !tokens?.before.has(g)).sort(cmp)
  if (!list.length) return
  if (!tokens) {
    await tx.run(LOCK_GROUPS, { groups: list })
    return
  }
  const res = await tx.run(LOCK_ROTATE_GROUPS, { groups: list, token: tokens.token })
  for (const r of res.records) {
    tokens.before.set(r.get('key') as string, (r.get('before') as string | null) ?? null)
    if (r.get('dirty') === true) tokens.dirty.add(r.get('key') as string)
    const kept = r.get('kept')
    if (kept !== null) tokens.kept.set(r.get('key') as string, neo4j.integer.toNumber(kept))
  }
}

export async function groupsOfArticles(tx: ManagedTransaction, ids: string[]): Promise<string[]> {
  if (!ids.length) return []
  const res = await tx.run(GROUPS_OF_ARTICLES, { ids })
  return res.records.map((r) => r.get('group') as string)
}

/** The curation decisions on any of the groups (decisions.ts). */
export const DECISIONS_OF_GROUPS = `
MATCH (d:Decision)
WHERE any(g IN d.groups WHERE g IN $groups)
RETURN d.id AS id, d.seq AS seq, d.kind AS kind, d.a AS a, d.b AS b, d.name AS name, d.groups AS groups`

/**
 * The decisions on the groups, and the groups grown by those the decisions link them to (a merge
 * across two name groups resolves both together), locked like the others. Call with `groups` locked.
 */
export async function decisionsFor(tx: ManagedTransaction, groups: string[], tokens?: GroupTokens): Promise<{ groups: string[]; decisions: Decision[] }> {
  const all = new Set(groups)
  const found = new Map<string, Decision>()
  for (let next = groups; next.length; ) {
    const res = await tx.run(DECISIONS_OF_GROUPS, { groups: next })
    const more = new Set<string>()
    for (const r of res.records) {
      const d = { id: r.get('id'), seq: Number(r.get('seq')), kind: r.get('kind'), a: r.get('a'), b: r.get('b'), name: r.get('name'), groups: r.get('groups') } as Decision
      found.set(d.id, d)
      for (const g of d.groups) if (!all.has(g)) more.add(g)
    }
    next = [...more].sort(cmp)
    for (const g of next) all.add(g)
    await lockGroups(tx, next, tokens)
  }
  return { groups: [...all].sort(cmp), decisions: [...found.values()] }
}
