// Deferred resolution of big name groups in a bulk ingest (resolve.ts explains name groups).
//
// Resolving a group is a pure function of all its records, so a group that every batch touches
// ("trump", "clinton", "united states") costs each batch what the corpus holds about it, and a bulk
// ingest grows with the square of the corpus. In a bulk ingest (ingestInputs), a group this process
// has resolved in full and found to hold at least deferRecords() records is not resolved again by
// each batch: the batch's new records are placed provisionally (each form on the node the form's
// records were on at the group's last full resolution, a new form on its own id), and the group is
// marked `dirty` on its (:NameGroup) node in the same transaction. A dirty group is resolved in full
// (planGroups, which removes the mark in the same transaction) by:
//   - the first batch after the group has doubled since its last full resolution (so the work of a
//     run stays linear in its records and the provisional placement never drifts far),
//   - any write that touches it otherwise (ingestArticle, --remove, curation, a rewritten article),
//   - repairDirtyGroups (write.ts), which a bulk ingest runs at its start (a killed run's marks)
//     and at its end, and ingestArticle and --remove after their write; a group this process knows
//     is big is resolved alone in its transaction (a full resolution holds the group's records:
//     ~300 bytes each, streamed from the graph, plan.ts readGroupRecords).
// A full resolution also keeps the group's BigGroup (its size and the node of each form) on its
// (:NameGroup) node (`bigSize`, `bigForms`, `bigNodes`; removed when the group is found small), so
// that a new process, whose GroupCache knows nothing yet, defers a big group from its first batch
// (readBigGroups) instead of resolving in full every big group that batch touches: on a 100,000-article
// graph that first batch read ~2 million records (docs/memory.md). It only decides what a bulk batch
// defers; the group is marked dirty and resolved in full as above.
// Full resolution moves every fact whose record resolves elsewhere (MOVE_FACTS, aggregates kept),
// so once no group is dirty the graph is the one resolving every batch in full gives: the same
// nodes, names, aliases, relationships and aggregates. Between batches of a bulk ingest, readers
// may see a big group's newest mentions on a provisional node, and its nodes' names and aliases as
// of its last full resolution.
import neo4j, { type ManagedTransaction } from 'neo4j-driver'
import type { FormRecord, StoredRecord } from './resolve.ts'

/** Records a group needs before a bulk ingest defers its resolution (NEWSGRAPH_DEFER_RECORDS; 0 never defers). */
export function deferRecords(): number {
  const v = process.env.NEWSGRAPH_DEFER_RECORDS
  const n = v === undefined || v === '' ? 100 : Number(v)
  return Number.isFinite(n) && n >= 0 ? n : 100
}

/** Marks the groups as holding records not resolved yet. */
export const MARK_DIRTY = `
UNWIND $groups AS key
MATCH (g:NameGroup {key: key})
SET g.dirty = true`

/** Removes the mark of groups just resolved in full (planGroups; run with their locks held). */
export const CLEAR_DIRTY = `
UNWIND $groups AS key
MATCH (g:NameGroup {key: key})
REMOVE g.dirty`

/** The groups marked dirty, and the size of the BigGroup each keeps. */
export const DIRTY_GROUPS = `
MATCH (g:NameGroup) WHERE g.dirty = true
RETURN g.key AS key, g.bigSize AS size ORDER BY key`

/** What a process knows of a big group since it last resolved it in full. */
export interface BigGroup {
  /** records at the last full resolution */
  size: number
  /** records placed provisionally since */
  pending: number
  /** form -> the node most of its records were on (provisional placement of new records) */
  forms: Map<string, string>
}

/** The BigGroup of a group just resolved in full, or null when it is too small to defer. */
export function bigGroupOf(records: StoredRecord[], threshold = deferRecords()): BigGroup | null {
  if (threshold <= 0 || records.length < threshold) return null
  const votes = new Map<string, Map<string, number>>()
  for (const r of records) {
    const v = votes.get(r.form) ?? votes.set(r.form, new Map()).get(r.form)!
    v.set(r.current, (v.get(r.current) ?? 0) + 1)
  }
  const forms = new Map<string, string>()
  for (const [form, v] of votes) forms.set(form, [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0][0])
  return { size: records.length, pending: 0, forms }
}

/** A group whose new records a bulk batch may place provisionally: known big, and not yet doubled since its last full resolution. */
export function mayDefer(big: BigGroup | undefined, adding: number): boolean {
  return !!big && big.pending + adding < big.size
}

/** The provisional node of a new record of a deferred group. */
export function provisionalNode(big: BigGroup, r: FormRecord): string {
  return big.forms.get(r.form) ?? r.form
}

/** Keeps the BigGroup of groups just resolved in full on their NameGroup nodes (applyPlan; run with their locks held). */
export const SET_BIG_GROUPS = `
UNWIND $rows AS row
MATCH (g:NameGroup {key: row.key})
SET g.bigSize = row.size, g.bigForms = row.forms, g.bigNodes = row.nodes`

/** Removes the BigGroup of groups just resolved in full and found small (applyPlan). */
export const CLEAR_BIG_GROUPS = `
UNWIND $groups AS key
MATCH (g:NameGroup {key: key}) WHERE g.bigSize IS NOT NULL
REMOVE g.bigSize, g.bigForms, g.bigNodes`

/** The BigGroups the graph keeps of the groups (readBigGroups). */
export const BIG_GROUPS = `
UNWIND $groups AS key
MATCH (g:NameGroup {key: key}) WHERE g.bigSize IS NOT NULL
RETURN key, g.bigSize AS size, g.bigForms AS forms, g.bigNodes AS nodes`

/** A BigGroup as SET_BIG_GROUPS keeps it: the forms and their nodes as two lists in the same order. */
export function bigGroupRow(key: string, big: BigGroup): { key: string; size: ReturnType<typeof neo4j.int>; forms: string[]; nodes: string[] } {
  return { key, size: neo4j.int(big.size), forms: [...big.forms.keys()], nodes: [...big.forms.values()] }
}

/**
 * The BigGroups the graph keeps of `groups` (as of each one's last full resolution, by any process), those
 * big enough for this process to defer (deferRecords); read with the groups' locks held.
 */
export async function readBigGroups(tx: ManagedTransaction, groups: string[], threshold = deferRecords()): Promise<Map<string, BigGroup>> {
  const out = new Map<string, BigGroup>()
  if (threshold <= 0 || !groups.length) return out
  const res = await tx.run(BIG_GROUPS, { groups })
  for (const r of res.records) {
    const size = neo4j.integer.toNumber(r.get('size'))
    if (size < threshold) continue
    const forms = r.get('forms') as string[]
    const nodes = r.get('nodes') as string[]
    out.set(r.get('key') as string, { size, pending: 0, forms: new Map(forms.map((f, i) => [f, nodes[i]])) })
  }
  return out
}
