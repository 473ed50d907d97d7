import { appendFileSync } from "node:fs"
import { join } from "node:path"
import { getHeapSpaceStatistics, writeHeapSnapshot } from "node:v8"
// NEWSGRAPH_WRITE_PROFILE=1 or 2 (write-profile.ts): also sums deterministic counts of the write path
// (records resolved, resolved nodes sent to SET_RESOLVED, facts moved, groups deferred), printed to
// stderr at exit. Kept apart from write-profile.ts, which imports the statement modules, so that
// those modules can count without an import cycle.
const COUNTS = ['1', '2'].includes(process.env.NEWSGRAPH_WRITE_PROFILE ?? '') ? new Map<string, number>() : null
if (COUNTS) {
  process.on('exit', () => {
    process.stderr.write(`write counts: ${[...COUNTS].map(([k, n]) => `${k} ${n}`).join(', ')}\n`)
  })
}

/** Adds `n` to the count `name` (a no-op unless NEWSGRAPH_WRITE_PROFILE is set). */
export function countProfile(name: string, n: number): void {
  if (COUNTS) COUNTS.set(name, (COUNTS.get(name) ?? 0) + n)
}

/**
 * NEWSGRAPH_MEM_PROBE=FILE (with node --expose-gc): at each probe, a full GC and then the live heap, the
 * largest per label kept and printed to stderr at exit, and one JSON line per probe appended to FILE.
 * For measuring what the writer holds (issue 13); off, each probe is a null check.
 */
const PROBE_FILE = process.env.NEWSGRAPH_MEM_PROBE || null
const PROBES = PROBE_FILE ? new Map<string, { heap: number; rss: number; n: number }>() : null
if (PROBES) {
  process.on('exit', () => {
    // a process that never probed (bench:scale's own, which passes the setting on to its ingests) prints nothing
    if (PROBES.size) process.stderr.write(`mem probes (max live heap MB, rss MB, n): ${[...PROBES].map(([k, p]) => `${k} ${(p.heap / 2 ** 20).toFixed(1)}/${(p.rss / 2 ** 20).toFixed(0)}/${p.n}`).join(', ')}\n`)
  })
}

export function memProbe(label: string, extra: Record<string, number> = {}): void {
  if (!PROBES) return
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) gc()
  const m = process.memoryUsage()
  const p = PROBES.get(label) ?? PROBES.set(label, { heap: 0, rss: 0, n: 0 }).get(label)!
  p.heap = Math.max(p.heap, m.heapUsed)
  p.rss = Math.max(p.rss, m.rss)
  for (const [k, v] of Object.entries(extra)) {
    const key = `${label}:${k}`
    const q = PROBES.get(key) ?? PROBES.set(key, { heap: 0, rss: 0, n: 0 }).get(key)!
    q.heap = Math.max(q.heap, v * 2 ** 20)
    q.n++
  }
  p.n++
  maybeSnapshot(label, extra)
  // the used bytes of each of V8's spaces (old_space, large_object_space, code_space, new_space, ...), in MB
  const spaces = Object.fromEntries(getHeapSpaceStatistics().filter((x) => x.space_used_size > 2 ** 20).map((x) => [x.space_name, Math.round(x.space_used_size / 2 ** 20)]))
  appendFileSync(PROBE_FILE!, JSON.stringify({ pid: process.pid, t: Date.now(), label, heap: m.heapUsed, total: m.heapTotal, ext: m.external, ab: m.arrayBuffers, rss: m.rss, spaces, ...extra }) + '\n')
}

/**
 * NEWSGRAPH_HEAP_SNAPSHOT=DIR with NEWSGRAPH_HEAP_SNAPSHOT_AT=2000,5000 (articles written): a heap snapshot of the
 * main thread in DIR at the first `plan: resolved` probe (within a batch, the plan held) and the first `batch
 * written` probe (after settleHeap's collection) once that many articles are written. Needs NEWSGRAPH_MEM_PROBE.
 */
const SNAP_DIR = process.env.NEWSGRAPH_HEAP_SNAPSHOT || null
const SNAP_AT = (process.env.NEWSGRAPH_HEAP_SNAPSHOT_AT ?? '').split(',').filter(Boolean).map(Number)
let written = 0
const taken = new Set<string>()
/** NEWSGRAPH_HEAP_SNAPSHOT_OVER=MB: also one snapshot at the first `batch written` probe whose live heap is over MB (a batch that left more than the others) */
const SNAP_OVER = Number(process.env.NEWSGRAPH_HEAP_SNAPSHOT_OVER ?? '') * 2 ** 20
function maybeSnapshot(label: string, extra: Record<string, number>): void {
  if (!SNAP_DIR) return
  if (label === 'batch written') written = extra.written ?? written
  if (SNAP_OVER > 0 && label === 'batch written' && !taken.has('over') && process.memoryUsage().heapUsed > SNAP_OVER) {
    taken.add('over')
    writeHeapSnapshot(join(SNAP_DIR, `heap-over-${written}.heapsnapshot`))
  }
  const at = SNAP_AT.filter((n) => written >= n).pop()
  if (at === undefined || (label !== 'plan: resolved' && label !== 'batch written')) return
  const key = `${at}-${label === 'batch written' ? 'after' : 'within'}`
  if (taken.has(key)) return
  taken.add(key)
  writeHeapSnapshot(join(SNAP_DIR, `heap-${key}-${written}.heapsnapshot`))
}
