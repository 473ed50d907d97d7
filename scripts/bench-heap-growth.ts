// `node [--max-old-space-size=1024] --import tsx scripts/bench-heap-growth.ts [records]`: how far V8 lets the heap of
// a writer-like process outgrow its live data (issue 13, docs/memory.md). A GroupCache filled
// with 3,000 small groups (~43 MB by its estimate), then twelve full resolutions of one `records`-record group
// (default 60,000: "trump" at 100,000 bench:scale articles) as planGroups and GroupCache.remember do them; prints
// the peak heapTotal and RSS seen (no extraction worker here) and the heap used at the end.
import { resolveGroup, recordKey, type StoredRecord } from '../src/graph/resolve.ts'
import { CompactGroup, GroupCache } from '../src/graph/group-cache.ts'
import { bigGroupOf } from '../src/graph/deferred.ts'
const N = Number(process.argv[2] ?? 60000)
const fresh = (s: string) => Buffer.from(s).toString()
const FORMS = [['person:donald-trump', 'Donald Trump', 'Person'], ['person:trump', 'Trump', 'Person'], ['org:trump-organization', 'Trump Organization', 'Organisation'], ['person:ivanka-trump', 'Ivanka Trump', 'Person']]
function group(g: string, n: number, seed: number): StoredRecord[] {
  const out: StoredRecord[] = []
  for (let i = 0; i < n; i++) {
    const f = FORMS[i % 7 < 3 ? 0 : i % 7 < 6 ? 1 : i % 14 === 6 ? 2 : 3]
    const art = Math.floor(i / 1.7) + seed
    out.push({ articleId: fresh('text:' + (art * 2654435761 % 2 ** 32).toString(16).padStart(8, '0') + 'a'.repeat(32)), form: fresh(f[0].replace('trump', g)), name: fresh(f[1]), type: f[2], count: 1 + (i % 3), aliases: [fresh('Mr. X')], date: fresh(`2016-${String(1 + (art % 12)).padStart(2, '0')}-${String(1 + (art % 28)).padStart(2, '0')}`), current: fresh(f[0].replace('trump', g)) })
  }
  return out
}
const cache = new GroupCache()
let peakTotal = 0, peakRss = 0
const note = () => { const m = process.memoryUsage(); peakTotal = Math.max(peakTotal, m.heapTotal); peakRss = Math.max(peakRss, m.rss) }
for (let k = 0; k < 3000; k++) { const g = 'g' + k; cache.remember({ empty: [], token: 't', records: new Map([[g, new CompactGroup('t', group(g, 120, k * 1000))]]) }); if (k % 100 === 0) note() }
for (let round = 0; round < 12; round++) {
  const records = group('trump', N, round)
  const res = resolveGroup('trump', records)
  const after = records.map((r) => { const to = res.target.get(recordKey(r))!; return to === r.current ? r : { ...r, current: to } })
  bigGroupOf(after, 100)
  cache.remember({ empty: [], token: 't' + round, records: new Map([['trump', new CompactGroup('t' + round, after)]]) })
  note()
}
const m = process.memoryUsage()
console.log(JSON.stringify({ flags: process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || 'default', cache: { mb: +(cache.size.bytes / 2 ** 20).toFixed(1), groups: cache.size.groups }, peakHeapTotalMb: Math.round(peakTotal / 2 ** 20), peakRssMb: Math.round(peakRss / 2 ** 20), heapUsedEndMb: Math.round(m.heapUsed / 2 ** 20) }))
