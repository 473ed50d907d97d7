// scripts/mem-probes.ts: the summary of a bulk ingest's memory probes (NEWSGRAPH_MEM_PROBE), on made-up probes.
import { describe, expect, it } from 'vitest'
import { render, summarize, type Probe } from '../../scripts/mem-probes.ts'

const MB = 2 ** 20

/** one ingest process: per batch a worker probe, a plan, the cache probe (before the collections) and the batch end */
function run(pid: number, afterMb: number[], t0 = 1_000_000): Probe[] {
  const out: Probe[] = []
  let t = t0
  afterMb.forEach((after, i) => {
    out.push({ pid, t: ++t, label: 'worker', heap: 60 * MB, total: 90 * MB, rss: 300 * MB, tasks: (i + 1) * 250 })
    out.push({ pid, t: ++t, label: 'plan: resolved', heap: (after + 20) * MB, total: (after + 40) * MB, rss: 320 * MB, records: 1000 * (i + 1) })
    out.push({ pid, t: ++t, label: 'cache', heap: (after + 30) * MB, total: (after + 40) * MB, rss: (330 + i) * MB, cacheMb: 10 + i })
    out.push({ pid, t: ++t, label: 'batch written', heap: after * MB, total: (after + 10) * MB, rss: 310 * MB, written: (i + 1) * 250 })
  })
  return out
}

describe('mem-probes summarize', () => {
  it('lists the batches whose collections left the writer over the bound, and finds the highest RSS with its batch', () => {
    const probes = [...run(1, [60, 70, 120, 150, 65, 62, 61, 63, 64, 66]), ...run(2, [40, 41], 2_000_000)]
    const [a, b] = summarize(probes, 100)
    expect(a.pid).toBe(1)
    expect(a.batches).toBe(10)
    expect(a.over).toEqual([{ written: 750, mb: 120 }, { written: 1000, mb: 150 }])
    expect(a.tenths).toHaveLength(10)
    expect(a.tenths[3]).toMatchObject({ written: 1000, mainUsedMb: 180, workerUsedMb: 60, cacheMb: 13, planRecords: 4000 })
    // the highest RSS is the last batch's cache probe (330 + 9 MB)
    expect(a.peak).toMatchObject({ label: 'cache', rssMb: 339, mainUsedMb: 96, writtenAfter: 2500, planRecords: 10000, cacheMb: 19 })
    expect(b.batches).toBe(2)
    expect(b.over).toEqual([])
    const text = render([a, b], 100)
    expect(text).toContain('batches whose collections left the writer over 100 MB: 2 (750: 120, 1000: 150)')
    expect(text).toContain('process 2: 2 batches')
  })

  it('skips a process with no batch written (a dry run, or the probes of something else)', () => {
    expect(summarize(run(3, []).concat([{ pid: 3, t: 1, label: 'worker', heap: MB, total: MB, rss: MB }]))).toEqual([])
  })
})
