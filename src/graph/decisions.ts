// Curation decisions applied to entity resolution (a pure function, no I/O).
//
// People correct resolution with four kinds of decision, stored in the graph as (:Decision) nodes
// (src/graph/curation.ts) and applied every time the name groups they touch are resolved
// (resolveGroups in resolve.ts), so they survive re-ingestion and removal of articles and apply to
// articles ingested later. A decision names entities by *refs*: an entity id or a form id (the
// extraction's id of a name form, e.g. `person:s-valdane`, the ids listed in an entity's
// `aliasIds`). A ref finds, among the nodes resolution made, the node with that id, else the node
// holding the most articles' records of that form.
//
// Applied in this order, each kind in the order the decisions were made (their `seq`):
// 1. split F: every record of the form F leaves the node resolution put it on, for a node of its
//    own whose id is F (a form resolution joined to another, or that a merge pulled in).
// 2. distinct A B: when A and B find the same node, the one that is not the node's id (of two, the
//    one with fewer articles there) leaves with the records of its form, as a split would.
// 3. merge A B: the nodes A and B find become one (across name groups and types), unless a
//    distinct decision keeps their nodes apart. The merged node keeps the id and type of its part
//    with the most articles (ties: the smallest id); name and aliases come from all its records.
// 4. rename A "Name": the node A finds shows that name; its computed name becomes an alias.
import { entityOf, recordKey, TYPE_OF_PREFIX } from './resolve.ts'
import type { FormRecord, GroupResolution, ResolvedEntity } from './resolve.ts'

export type DecisionKind = 'merge' | 'distinct' | 'split' | 'rename'

export interface Decision {
  id: string
  /** the order decisions were made in (a counter in the graph) */
  seq: number
  kind: DecisionKind
  a: string
  /** the other ref of merge and distinct */
  b: string | null
  /** the name of rename */
  name: string | null
  /** the name groups the refs belong to: resolving any of them resolves all (refGroups) */
  groups: string[]
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Every name group the records of a ref may be filed under (groupKey in resolve.ts, for any type):
 * a country alone, a one-word key by itself, a multi-word key under its surname and as a whole.
 */
export function refGroups(ref: string): string[] {
  if (ref.startsWith('country:')) return [ref]
  const i = ref.indexOf(':')
  const key = i >= 0 ? ref.slice(i + 1) : ref
  const words = key.split('-').filter(Boolean)
  if (!words.length) return [ref]
  if (words.length === 1) return [words[0]]
  return [words[words.length - 1], `k:${key}`]
}

interface Node {
  type: string
  records: FormRecord[]
}

const articles = (records: FormRecord[]): number => new Set(records.map((r) => r.articleId)).size

/**
 * Applies the decisions to the resolution of a set of name groups (`byGroup` their records, `resolved`
 * each group's resolveGroup result) and returns the resolution of them all. Pure: the result depends
 * only on the records and the decisions, not on their order.
 */
export function applyDecisions(byGroup: Map<string, FormRecord[]>, resolved: Map<string, GroupResolution>, decisions: Decision[]): GroupResolution {
  const nodes = new Map<string, Node>()
  const nodeOf = (id: string, type: string): Node => nodes.get(id) ?? nodes.set(id, { type, records: [] }).get(id)!
  for (const [g, records] of byGroup) {
    const res = resolved.get(g)!
    const types = new Map(res.entities.map((e) => [e.id, e.type]))
    for (const r of records) {
      const id = res.target.get(recordKey(r))!
      nodeOf(id, types.get(id)!).records.push(r)
    }
  }
  const live = (): [string, Node][] => [...nodes].filter(([, n]) => n.records.length > 0)
  /** the node a ref finds: the one with that id, else the one holding the most articles of that form */
  const find = (ref: string): string | null => {
    if (nodes.get(ref)?.records.length) return ref
    let best: string | null = null
    let bestN = 0
    for (const [id, n] of live()) {
      const k = articles(n.records.filter((r) => r.form === ref))
      if (k > bestN || (k === bestN && k > 0 && best !== null && id < best)) {
        best = id
        bestN = k
      }
    }
    return best
  }
  /** moves the records of form `form` on node `from` (every node when null) to a node of their own */
  const detach = (form: string, from: string | null): void => {
    for (const [id, n] of [...nodes]) {
      if (id === form || (from !== null && id !== from)) continue
      const leaving = n.records.filter((r) => r.form === form)
      if (!leaving.length) continue
      n.records = n.records.filter((r) => r.form !== form)
      const prefix = form.slice(0, Math.max(0, form.indexOf(':')))
      nodeOf(form, TYPE_OF_PREFIX[prefix] ?? leaving[0].type).records.push(...leaving)
    }
  }
  const bySeq = [...decisions].sort((x, y) => x.seq - y.seq)
  const of = (kind: DecisionKind) => bySeq.filter((d) => d.kind === kind)

  for (const d of of('split')) detach(d.a, null)

  const distinct = of('distinct')
  for (const d of distinct) {
    const na = find(d.a)
    if (!na || na !== find(d.b!)) continue
    const node = nodes.get(na)!
    const leaving = [d.a, d.b!]
      .filter((ref) => ref !== na && node.records.some((r) => r.form === ref))
      .sort((x, y) => articles(node.records.filter((r) => r.form === x)) - articles(node.records.filter((r) => r.form === y)) || cmp(y, x))
    if (leaving.length) detach(leaving[0], na)
  }

  // merges: union-find over the nodes, refusing a union that would join two nodes kept distinct
  const parent = new Map<string, string>()
  const root = (id: string): string => {
    while (parent.has(id)) id = parent.get(id)!
    return id
  }
  const apart = distinct.map((d) => [find(d.a), find(d.b!)] as const).filter((p): p is readonly [string, string] => p[0] !== null && p[1] !== null)
  for (const d of of('merge')) {
    const a = find(d.a)
    const b = find(d.b!)
    if (!a || !b) continue
    const ra = root(a)
    const rb = root(b)
    if (ra === rb) continue
    if (apart.some(([x, y]) => (root(x) === ra && root(y) === rb) || (root(x) === rb && root(y) === ra))) continue
    parent.set(rb, ra)
  }
  const components = new Map<string, string[]>()
  for (const [id] of live()) (components.get(root(id)) ?? components.set(root(id), []).get(root(id))!).push(id)
  const merged = new Map<string, Node>()
  for (const members of components.values()) {
    const head = [...members].sort((x, y) => articles(nodes.get(y)!.records) - articles(nodes.get(x)!.records) || cmp(x, y))[0]
    merged.set(head, { type: nodes.get(head)!.type, records: members.flatMap((m) => nodes.get(m)!.records) })
  }
  nodes.clear()
  for (const [id, n] of merged) nodes.set(id, n)

  const names = new Map<string, string>()
  for (const d of of('rename')) {
    const id = find(d.a)
    if (id) names.set(id, d.name!)
  }

  const target = new Map<string, string>()
  const entities: ResolvedEntity[] = []
  for (const [id, n] of [...nodes].sort((x, y) => cmp(x[0], y[0]))) {
    if (!n.records.length) continue
    for (const r of n.records) target.set(recordKey(r), id)
    entities.push(entityOf(id, n.type, n.records, names.get(id)))
  }
  return { target, entities }
}
