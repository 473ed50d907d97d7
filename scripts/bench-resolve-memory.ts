// `node --expose-gc --import tsx scripts/bench-resolve-memory.ts [records] [old|lean]`: the live heap a full
// resolution of one big name group holds (issue 13, docs/memory.md), per record: the
// group's records built as the driver gives them (a Record each, fresh strings), read either as planGroups
// did before (`old`: every driver record held, each record its own strings) or as it does now (`lean`:
// one record at a time, the strings a group repeats kept once, resolve.ts readGroupRecords), then resolved
// (resolveGroup), their new nodes set, the BigGroup computed and the records packed into a GroupCache, as
// planGroups and GroupCache.remember do. A made-up "trump" group: four forms, 1.7 records an article.
import { Record as NRecord } from 'neo4j-driver'
import { resolveGroup, recordKey, type StoredRecord } from '../src/graph/resolve.ts'
import { CompactGroup, GroupCache } from '../src/graph/group-cache.ts'
import { bigGroupOf } from '../src/graph/deferred.ts'
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error("run with node --expose-gc")
const N = Number(process.argv[2] ?? 60000)
const mode = process.argv[3] ?? 'lean'
const fresh = (s: string) => Buffer.from(s).toString()
const FORMS = [['person:donald-trump', 'Donald Trump', 'Person', 'person:donald-trump'], ['person:trump', 'Trump', 'Person', 'person:donald-trump'], ['org:trump-organization', 'Trump Organization', 'Organisation', 'org:trump-organization'], ['person:ivanka-trump', 'Ivanka Trump', 'Person', 'person:ivanka-trump']]
const keys = ['group', 'articleId', 'date', 'form', 'name', 'type', 'count', 'aliases', 'current']
function raw(i: number): unknown[] {
  const f = FORMS[i % 7 < 3 ? 0 : i % 7 < 6 ? 1 : i % 14 === 6 ? 2 : 3]
  const art = Math.floor(i / 1.7)
  return [fresh('trump'), fresh('text:' + (art * 2654435761 % 2 ** 32).toString(16).padStart(8, '0') + 'a'.repeat(32)), fresh(`2016-${String(1 + (art % 12)).padStart(2, '0')}-${String(1 + (art % 28)).padStart(2, '0')}`), fresh(f[0]), fresh(f[1]), fresh(f[2]), 1 + (i % 3), [fresh('Mr. Trump')], fresh(f[3])]
}
gc()
const base = process.memoryUsage().heapUsed
const held: unknown[] = []
const records: StoredRecord[] = []
if (mode === 'old') {
  const res: NRecord[] = []
  for (let i = 0; i < N; i++) res.push(new NRecord(keys, raw(i)))
  held.push(res)
  for (const r of res) records.push({ articleId: r.get('articleId'), form: r.get('form'), name: r.get('name'), type: r.get('type'), count: Number(r.get('count')), aliases: r.get('aliases'), date: r.get('date'), current: r.get('current') })
} else {
  const strings = new Map<string, string>(); const one = (x: string) => strings.get(x) ?? (strings.set(x, x), x)
  const lists = new Map<string, string[]>(); const list = (l: string[]) => { const k = l.join('\0'); return lists.get(k) ?? (lists.set(k, l.map(one)), lists.get(k)!) }
  for (let i = 0; i < N; i++) { const r = new NRecord(keys, raw(i)); records.push({ articleId: r.get('articleId'), form: one(r.get('form')), name: one(r.get('name')), type: one(r.get('type')), count: Number(r.get('count')), aliases: list(r.get('aliases')), date: one(r.get('date')), current: one(r.get('current')) }) }
}
gc(); const read = process.memoryUsage().heapUsed - base
const res = resolveGroup('trump', records)
const after = records.map((r) => { const to = res.target.get(recordKey(r))!; return to === r.current ? r : { ...r, current: to } })
const big = bigGroupOf(after, 100)
const cache = new GroupCache()
cache.remember({ empty: [], token: 't', records: new Map([['trump', new CompactGroup('t', after)]]) })
gc(); const peak = process.memoryUsage().heapUsed - base
console.log(JSON.stringify({ mode, N, readMB: +(read / 2 ** 20).toFixed(1), readBytesPerRecord: Math.round(read / N), peakMB: +(peak / 2 ** 20).toFixed(1), peakBytesPerRecord: Math.round(peak / N), entities: res.entities.length, cache: cache.size, big: big?.size }))
held.push(res, after, cache, records)
