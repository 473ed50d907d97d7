// The API's own CPU per request without Neo4j and without HTTP (issue 13): a checkout's API answers the
// bench:scale questions in this process through yoga.fetch, 8 at a time, from rows recorded once from a
// real Neo4j (each replayed row is a structuredClone of the recorded one), and the process's CPU time per
// request is printed: GraphQL parsing/validation (cached), the plugins, execution, the loaders and the JSON.
// Never part of npm test.
//
//   npx tsx scripts/bench-api-cpu.ts BOLT_URI CHECKOUT_DIR [queries, comma-separated] [requests]
import neo4j from 'neo4j-driver'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
const [uri, tree, which = 'personQuotes,stats,search,who,nested', nStr = '3000'] = process.argv.slice(2)
const server = await import(pathToFileURL(join(tree, 'src/api/server.ts')).href)
const config = await import(pathToFileURL(join(tree, 'src/config.ts')).href)
const read = await import(pathToFileURL(join(tree, 'src/graph/read.ts')).href)
const { QUERIES } = await import('./support/scale-queries.ts')
const driver = neo4j.driver(uri, { scheme: 'basic', principal: '', credentials: '' } as never)
const real = read.createReadExecutor(driver, { database: 'neo4j', timeoutMs: 10000 })
const recorded = new Map<string, unknown[]>()
let replay = false
const key = (q: string, p: unknown) => q + '\u0000' + JSON.stringify(p, (_k, v) => (neo4j.isInt(v) ? `i${v}` : v))
const executor = {
  roundTrips: 0,
  async run(q: string, p: Record<string, unknown> = {}) {
    const k = key(q, p)
    if (replay) { const r = recorded.get(k); if (!r) throw new Error('not recorded'); return structuredClone(r) }
    const rows = await real.run(q, p); recorded.set(k, structuredClone(rows)); return rows
  },
}
const t = { mostQuoted: 'Donald Trump', person: 'Donald Trump', person2: 'Hillary Clinton', typo: 'trmp' }
const { yoga } = server.createApp(config.loadConfig({}), driver, { executor, responseCacheTtlMs: 0, ingest: null })
const send = async (name: string) => {
  const q = QUERIES[name]
  const r = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query, variables: q.vars(t) }) })
  return r.text()
}
const n = Number(nStr)
for (const name of which.split(',')) {
  await send(name); replay = true
  for (let i = 0; i < 300; i++) await send(name)
  const c0 = process.cpuUsage()
  let next = 0
  await Promise.all(Array.from({ length: 8 }, async () => { while (next++ < n) await send(name) }))
  const c = process.cpuUsage(c0)
  console.log(name.padEnd(14), ((c.user + c.system) / 1000 / n).toFixed(3), 'ms CPU/request')
  replay = false
}
await driver.close()
