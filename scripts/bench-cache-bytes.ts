// `node --expose-gc --import tsx scripts/bench-cache-bytes.ts [records] [--tree DIR]`: what the GroupCache
// (src/graph/group-cache.ts) holds per record, real and by its own estimate (issue 13, docs/memory.md). Small
// name groups as a bulk ingest leaves them in the cache: `records` records over groups of 1 to 13 records
// (7 on average), each record of its own article (`url:` and a sha1, as extraction makes ids), its strings fresh
// copies as the driver gives them, one or two forms a group. The records are packed and remembered as
// GroupCache.remember does after a commit; the figure is the live heap plus ArrayBuffers after a full collection,
// before and after, divided by the records. `--tree DIR` measures another checkout's group-cache.ts.
import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import { liveHeapBytes } from './support/live-heap.ts'

const args = process.argv.slice(2)
const at = args.indexOf('--tree')
const tree = at >= 0 ? resolve(args.splice(at, 2)[1]) : join(import.meta.dirname, '..')
const N = Number(args[0] ?? 100_000)
const { CompactGroup, GroupCache } = (await import(join(tree, 'src/graph/group-cache.ts'))) as typeof import('../src/graph/group-cache.ts')

const fresh = (s: string): string => Buffer.from(s).toString()
const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex')
const used = (): number => liveHeapBytes({ arrayBuffers: true })

const before = used()
const cache = new GroupCache(Infinity)
let made = 0
for (let g = 0; made < N; g++) {
  const size = Math.min(N - made, 1 + (g % 13))
  const last = `Surname${g}`
  const records = Array.from({ length: size }, (_, i) => {
    const full = i % 3 === 0
    return {
      articleId: fresh(`url:${sha1(`https://example.com/${made + i}`)}`),
      form: fresh(full ? `person:first${g}-${last.toLowerCase()}` : `person:${last.toLowerCase()}`),
      name: fresh(full ? `First${g} ${last}` : last),
      type: fresh('Person'),
      count: 1 + (i % 3),
      aliases: full ? [fresh(last)] : [],
      date: fresh(`2016-${String(1 + (g % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`),
      current: fresh(`person:first${g}-${last.toLowerCase()}`),
    }
  })
  made += size
  cache.remember({ empty: [], token: 't', records: new Map([[`g${g}`, new CompactGroup('t', records)]]) })
}
const real = used() - before
const size = cache.size
console.log(
  `${tree}: ${size.records} records in ${size.groups} groups; real ${(real / 2 ** 20).toFixed(1)} MB (${Math.round(real / size.records)} bytes a record), ` +
    `estimate ${(size.bytes / 2 ** 20).toFixed(1)} MB (${Math.round(size.bytes / size.records)} bytes a record)`,
)
