// `npx tsx scripts/mem-probes.ts FILE [--over MB]`: a summary of the memory probes a bulk ingest wrote with
// NEWSGRAPH_MEM_PROBE=FILE (docs/memory.md), one block per ingest process in the file (bench:scale writes one
// process per step): per tenth of its batches, the largest heaps of the writer (main thread) and of the extraction
// worker, the largest RSS, the GroupCache and the largest plan; the batches after whose collections the writer's
// heap stayed over --over MB (default 100: the "episodes" of docs/memory.md); and the probe with the highest RSS,
// with the batch around it. Reads the file only (the probes are points in time: VmHWM can be a little higher).
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { Command } from 'commander'
import { positiveNumber } from '../src/cli/options.ts'

/** One line of a probe file (src/graph/write-profile-count.ts memProbe, src/ingest/worker.ts). */
export interface Probe {
  pid: number
  t: number
  label: string
  heap: number
  total: number
  rss: number
  written?: number
  records?: number
  cacheMb?: number
  tasks?: number
}

export interface ProcessSummary {
  pid: number
  batches: number
  tenths: { written: number; mainUsedMb: number; mainTotalMb: number; workerUsedMb: number; workerTotalMb: number; rssMb: number; cacheMb: number; planRecords: number }[]
  /** batches (articles written at their end) whose collections left the writer's heap over the bound, and that heap in MB */
  over: { written: number; mb: number }[]
  peak: { label: string; at: string; rssMb: number; mainUsedMb: number; mainTotalMb: number; writtenAfter: number | null; planRecords: number; cacheMb: number }
}

const MB = 2 ** 20
const mb = (bytes: number): number => Math.round(bytes / MB)
/** the largest f(p) of the probes, 0 for none */
const max = (xs: Probe[], f: (p: Probe) => number): number => xs.reduce((a, p) => Math.max(a, f(p)), 0)

/** The summary of each ingest process in `probes` (in file order), over `overMb`. */
export function summarize(probes: Probe[], overMb = 100): ProcessSummary[] {
  const pids = [...new Set(probes.map((p) => p.pid))]
  const out: ProcessSummary[] = []
  for (const pid of pids) {
    const all = probes.filter((p) => p.pid === pid)
    const main = all.filter((p) => p.label !== 'worker')
    const batchEnds = main.map((p, i) => [p, i] as const).filter(([p]) => p.label === 'batch written')
    if (!batchEnds.length) continue
    const tenths: ProcessSummary['tenths'] = []
    let from = 0
    for (let k = 1; k <= 10; k++) {
      const end = Math.ceil((batchEnds.length * k) / 10) - 1
      if (end < from) continue
      const last = batchEnds[end][0]
      const t0 = from === 0 ? all[0].t : batchEnds[from - 1][0].t
      const inTenth = all.filter((p) => p.t > t0 && p.t <= last.t)
      const m = inTenth.filter((p) => p.label !== 'worker')
      const w = inTenth.filter((p) => p.label === 'worker')
      tenths.push({
        written: last.written ?? 0,
        mainUsedMb: mb(max(m, (p) => p.heap)),
        mainTotalMb: mb(max(m, (p) => p.total)),
        workerUsedMb: mb(max(w, (p) => p.heap)),
        workerTotalMb: mb(max(w, (p) => p.total)),
        rssMb: mb(max(inTenth, (p) => p.rss)),
        cacheMb: Math.round(max(m, (p) => p.cacheMb ?? 0)),
        planRecords: max(m.filter((p) => p.label === 'plan: resolved'), (p) => p.records ?? 0),
      })
      from = end + 1
    }
    const over = batchEnds.filter(([p]) => p.heap > overMb * MB).map(([p]) => ({ written: p.written ?? 0, mb: mb(p.heap) }))
    const top = all.reduce((a, p) => (p.rss > a.rss ? p : a))
    // the batch the peak fell in: the main-thread probes after the batch end before it, up to the next batch end
    const after = batchEnds.find(([p]) => p.t >= top.t)
    const before = [...batchEnds].reverse().find(([p]) => p.t < top.t)
    const inBatch = main.filter((p) => p.t > (before?.[0].t ?? 0) && p.t <= (after?.[0].t ?? Infinity))
    const atTop = [...main].reverse().find((p) => p.t <= top.t) ?? top
    out.push({
      pid,
      batches: batchEnds.length,
      tenths,
      over,
      peak: {
        label: top.label,
        at: new Date(top.t).toISOString().slice(11, 19),
        rssMb: mb(top.rss),
        mainUsedMb: mb(atTop.heap),
        mainTotalMb: mb(atTop.total),
        writtenAfter: after?.[0].written ?? null,
        planRecords: max(inBatch.filter((p) => p.label === 'plan: resolved'), (p) => p.records ?? 0),
        cacheMb: Math.round(max(inBatch, (p) => p.cacheMb ?? 0)),
      },
    })
  }
  return out
}

/** The summaries as text, one block per process. */
export function render(summaries: ProcessSummary[], overMb: number): string {
  const lines: string[] = []
  for (const s of summaries) {
    lines.push(`process ${s.pid}: ${s.batches} batches`)
    lines.push('  written by | writer used / committed MB | worker used / committed MB | RSS MB | GroupCache MB | largest plan (records)')
    for (const t of s.tenths) {
      lines.push(`  ${String(t.written).padStart(10)} | ${`${t.mainUsedMb} / ${t.mainTotalMb}`.padStart(26)} | ${`${t.workerUsedMb} / ${t.workerTotalMb}`.padStart(26)} | ${String(t.rssMb).padStart(6)} | ${String(t.cacheMb).padStart(13)} | ${t.planRecords}`)
    }
    lines.push(`  batches whose collections left the writer over ${overMb} MB: ${s.over.length}${s.over.length ? ` (${s.over.map((o) => `${o.written}: ${o.mb}`).join(', ')})` : ''}`)
    const p = s.peak
    lines.push(
      `  highest RSS ${p.rssMb} MB at ${p.at} UTC (probe "${p.label}"), writer ${p.mainUsedMb} MB used / ${p.mainTotalMb} committed; ` +
        `its batch ended at ${p.writtenAfter ?? '(none after it)'} articles, largest plan ${p.planRecords} records, GroupCache ${p.cacheMb} MB`,
    )
  }
  return lines.join('\n')
}

function main(): void {
  const cmd = new Command()
    .name('mem-probes')
    .description('Summarize the memory probes of a bulk ingest (NEWSGRAPH_MEM_PROBE=FILE), one block per ingest process.')
    .argument('<file>', 'the probe file (JSON lines)')
    .option('--over <MB>', "the writer's heap after a batch's collections above which the batch is listed", positiveNumber, 100)
    .parse()
  const [file] = cmd.args
  const { over } = cmd.opts<{ over: number }>()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    console.error(`${file}: ${(e as Error).message}`)
    process.exit(2)
  }
  const probes: Probe[] = []
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    try {
      probes.push(JSON.parse(line) as Probe)
    } catch {
      console.error(`${file}:${i + 1}: not a JSON line; skipped`)
    }
  })
  const summaries = summarize(probes, over)
  if (!summaries.length) {
    console.error(`${file}: no "batch written" probe: not the probes of a bulk ingest`)
    process.exit(1)
  }
  console.log(render(summaries, over))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
