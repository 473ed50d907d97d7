// Where a V8 CPU profile (`node --cpu-prof`) of the API spent its samples, within a window of time (issue 13:
// the API's own CPU per request): the samples of the leaf frame grouped by what runs there (the Neo4j driver,
// graphql-js, yoga and its fetch adapter, Node's HTTP and sockets, our code, garbage collection), and the
// "inclusive" share of each group (samples with a frame of it anywhere on the stack: everything the driver
// did, whatever it called). A native frame without a script (a write system call, JSON.stringify) is counted
// to the group of the nearest frame above it that has one, and listed by its own name in the top functions.
//
// The profile's timestamps are microseconds of the monotonic clock, the clock of process.hrtime, so the
// window a benchmark measured in its own process selects the samples of those requests in the server's.
//
//   npx tsx scripts/support/cpu-profile.ts FILE.cpuprofile [FROM_US TO_US [REQUESTS]]
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** the group of a frame with a script; null for one without (natives, V8's pseudo-frames) */
function groupOf(f: CallFrame): string | null {
  const name = f.functionName
  if (!f.url) {
    if (name === '(garbage collector)') return 'GC'
    if (name === '(idle)') return 'idle'
    if (name === '(program)') return 'V8 and native (program)'
    if (name === '(root)') return 'root'
    return null
  }
  const url = f.url
  const nm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (nm) {
    const pkg = nm[1]
    if (pkg.startsWith('neo4j-driver')) return 'neo4j driver'
    if (pkg === 'graphql') return 'graphql-js'
    if (pkg === 'graphql-yoga' || pkg.startsWith('@graphql-yoga/') || pkg.startsWith('@envelop/') || pkg.startsWith('@graphql-tools/')) return 'yoga and envelop'
    if (pkg.startsWith('@whatwg-node/')) return 'whatwg-node (fetch adapter)'
    if (pkg.startsWith('@escape.tech/')) return 'GraphQL Armor'
    if (pkg === 'tsx' || pkg === 'esbuild') return 'tsx'
    return `package ${pkg}`
  }
  if (url.startsWith('node:')) {
    const mod = url.slice(5)
    if (/^internal\/(streams|webstreams)\//.test(mod) || mod === 'stream') return 'Node streams'
    if (/^(_http|http|internal\/http)/.test(mod)) return 'Node HTTP'
    if (/^(net|internal\/stream_base_commons|internal\/net|internal\/dns)/.test(mod)) return 'Node net (sockets)'
    if (/^internal\/process\/(task_queues|promises)|^internal\/timers|^timers/.test(mod)) return 'Node ticks and timers'
    if (/^(events|internal\/event_target|internal\/abort_controller)/.test(mod)) return 'Node events and AbortController'
    return 'Node other'
  }
  const src = /\/(src|scripts)\/(.*)$/.exec(url)
  if (src) return `ours: ${src[1]}/${src[2]}`
  return 'other scripts'
}

export interface Summary {
  /** sampled milliseconds in the window, idle excluded */
  busyMs: number
  /** of which per group, by the leaf frame (natives counted to the nearest script frame above) */
  self: Map<string, number>
  /** per group, samples with a frame of the group anywhere on the stack */
  inclusive: Map<string, number>
  /** per function (name and where), by the leaf frame */
  functions: Map<string, number>
  /** per function, samples with it anywhere on the stack (once per sample) */
  inclusiveFunctions: Map<string, number>
}

export function summarise(profile: CpuProfile, fromUs = -Infinity, toUs = Infinity): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const functions = new Map<string, number>()
  const inclusiveFunctions = new Map<string, number>()
  const label = (f: CallFrame) =>
    `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/(src|scripts)\//, '$1/')}:${f.lineNumber + 1}` : 'native'}`
  const stackLabels = new Map<number, Set<string>>()
  const labelsOf = (id: number): Set<string> => {
    let known = stackLabels.get(id)
    if (!known) {
      known = new Set()
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) known.add(label(byId.get(cur)!.callFrame))
      stackLabels.set(id, known)
    }
    return known
  }
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)
  // per node, cached: its leaf group and the groups on its stack
  const leafGroup = new Map<number, string>()
  const stackGroups = new Map<number, Set<string>>()
  const groupsOf = (id: number): { leaf: string; all: Set<string> } => {
    const known = leafGroup.get(id)
    if (known !== undefined) return { leaf: known, all: stackGroups.get(id)! }
    const all = new Set<string>()
    let leaf: string | null = null
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const g = groupOf(byId.get(cur)!.callFrame)
      if (g === null || g === 'root') continue
      if (leaf === null) leaf = g
      all.add(g)
    }
    const name = leaf ?? 'native (no script above)'
    leafGroup.set(id, name)
    stackGroups.set(id, all)
    return { leaf: name, all }
  }
  let t = profile.startTime
  let busy = 0
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]
    // a sample stands for the time until the next one
    const dt = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0
    if (t < fromUs || t > toUs || dt <= 0) continue
    const id = profile.samples[i]
    const { leaf, all } = groupsOf(id)
    if (leaf === 'idle') continue
    busy += dt
    add(self, leaf, dt)
    for (const g of all) add(inclusive, g, dt)
    add(functions, label(byId.get(id)!.callFrame), dt)
    for (const l of labelsOf(id)) add(inclusiveFunctions, l, dt)
  }
  const ms = (m: Map<string, number>) => new Map([...m].map(([k, v]) => [k, v / 1000]))
  return { busyMs: busy / 1000, self: ms(self), inclusive: ms(inclusive), functions: ms(functions), inclusiveFunctions: ms(inclusiveFunctions) }
}

/** the summary as text: per group, ms per request and share of the busy time; the top functions */
export function formatSummary(s: Summary, requests: number, top = 25): string {
  const per = (v: number) => (v / requests).toFixed(3)
  const pct = (v: number) => `${((100 * v) / s.busyMs).toFixed(1)}%`
  const rows = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${per(v).padStart(7)} ms/req ${pct(v).padStart(6)}  ${k}`)
  return [
    `sampled busy time ${s.busyMs.toFixed(0)} ms over ${requests} requests: ${per(s.busyMs)} ms/request`,
    'by group (leaf frame):',
    ...rows(s.self, 40),
    'by group, inclusive (a frame of it anywhere on the stack):',
    ...rows(s.inclusive, 40),
    `top ${top} functions (leaf frame):`,
    ...rows(s.functions, top),
    `top ${2 * top} functions, inclusive:`,
    ...rows(s.inclusiveFunctions, 2 * top),
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, from, to, requests] = process.argv.slice(2)
  if (!file) {
    console.error('usage: cpu-profile.ts FILE.cpuprofile [FROM_US TO_US [REQUESTS]]')
    process.exit(2)
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const s = summarise(profile, from ? Number(from) : -Infinity, to ? Number(to) : Infinity)
  console.log(formatSummary(s, requests ? Number(requests) : 1))
}
