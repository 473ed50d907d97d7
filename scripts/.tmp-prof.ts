import { readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs'
import neo4j from 'neo4j-driver'
import { startApi } from './support/processes.ts'
import { loadGraphql, stopChild } from './support/bench.ts'
import { QUERIES, targets } from './support/scale-queries.ts'
const [uri, tree, q, n] = process.argv.slice(2)
const dir = `/tmp/apicost-prof-${q}-${tree.split('-').pop()}`
rmSync(dir, { recursive: true, force: true }); mkdirSync(dir)
const driver = neo4j.driver(uri, { scheme: 'none', principal: '', credentials: '' })
const t = await targets(driver)
await driver.close()
const body = JSON.stringify({ query: QUERIES[q].query, variables: QUERIES[q].vars(t) })
const api = await startApi(uri, { env: { RESPONSE_CACHE_MS: '0' }, root: tree, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] })
await loadGraphql(api.url, body, 8, 0, 200)
await loadGraphql(api.url, body, 8, 0, Number(n))
await stopChild(api.child)
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!
const prof = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as { nodes: { id: number; callFrame: { url: string; functionName: string }; children?: number[] }[]; samples: number[]; timeDeltas: number[] }
const byId = new Map(prof.nodes.map((nd) => [nd.id, nd]))
const self = new Map<number, number>()
prof.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (prof.timeDeltas[i] ?? 0)))
const bucket = (url: string, fn: string) => {
  if (fn === '(idle)') return 'idle'
  if (fn === '(garbage collector)') return 'GC'
  if (fn === '(program)') return 'program'
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (m) return m[1]
  if (url.includes('/src/')) return 'src/' + url.split('/src/')[1]
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0]
  return url ? 'other' : `native ${fn}`
}
const sums = new Map<string, number>()
let busy = 0
for (const [id, us] of self) {
  const nd = byId.get(id)!
  const b = bucket(nd.callFrame.url, nd.callFrame.functionName)
  sums.set(b, (sums.get(b) ?? 0) + us)
  if (b !== 'idle') busy += us
}
console.log(`${q} ${tree}: busy ${(busy / 1000).toFixed(0)} ms for ${n} requests`)
for (const [b, us] of [...sums].filter(([b]) => b !== 'idle').sort((a, b2) => b2[1] - a[1]).slice(0, 14)) console.log(`  ${b.padEnd(40)} ${(100 * us / busy).toFixed(1)}%`)
