// `npx tsx scripts/bench-plan-cost.ts TEXTS.json [--corpus DIR] [--tree DIR] [--repeat N]`: what Neo4j spends
// PLANNING each statement an ingest sends, apart from running it. TEXTS.json is the list of distinct query
// texts one ingest sent (STATEMENT_COUNTER_TEXTS=FILE with bench:write-cost). In an empty throwaway Neo4j,
// then again after one ingest of the corpus (the tree's own ingest command), each statement is planned on a
// cleared query cache (`CALL db.clearQueryCaches()`, then `EXPLAIN <text>`: planned, not run), and the
// server's time to answer and its CPU seconds (/proc) are printed per statement, with the sum weighted by
// how often an ingest plans it: once per statement text (plan cache), again whenever statistics moved
// enough after dbms.cypher.min_replan_interval.
import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import neo4j from 'neo4j-driver'
import { freePort, startNeo4j } from './neo4j.ts'
import { migrate } from '../src/graph/migrate.ts'
import { cpuSeconds, runIngest } from './support/processes.ts'
import { DEFAULT_CORPUS } from './support/shared.ts'

const args = process.argv.slice(2)
const flag = (name: string, dflt?: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args.splice(i, 2)[1] : dflt
}
const corpus = flag('--corpus', DEFAULT_CORPUS)!
const tree = flag('--tree')
const repeat = Number(flag('--repeat', '3'))
const texts = (JSON.parse(readFileSync(args[0], 'utf8')) as { calls: number; text: string }[]).filter(
  (t) => !/^\s*(CREATE|DROP|CALL db\.|SHOW)/i.test(t.text) && !/IN TRANSACTIONS/i.test(t.text),
)
const tmp = mkdtempSync(join(tmpdir(), 'bench-plan-cost-'))
const instance = await startNeo4j({ dataDir: join(tmp, 'neo4j'), boltPort: await freePort(), httpPort: await freePort(), heap: '1g', pageCache: '512m', stopOnExit: true })
const driver = neo4j.driver(instance.uri, { scheme: 'none', principal: '', credentials: '' })
try {
  await migrate(driver)
  const same = new Map<string, boolean>()
  const name = (t: string) => t.trim().replace(/\s+/g, ' ').slice(0, 60)
  // each statement's plan (operators and their details) in the empty graph, to compare with the full one's
  const plans = new Map<string, string>()
  const planOf = (p: { operatorType: string; arguments?: Record<string, unknown>; children?: unknown[] }, depth = 0): string =>
    [`${'  '.repeat(depth)}${p.operatorType} ${String(p.arguments?.Details ?? '').replace(/\s+/g, ' ')}`, ...(p.children ?? []).map((c) => planOf(c as typeof p, depth + 1))].join('\n')
  const measure = async (label: string) => {
    const rows: { name: string; calls: number; ms: number; cpu: number; same?: boolean }[] = []
    for (const t of texts) {
      let best = { ms: Infinity, cpu: Infinity }
      for (let k = 0; k < repeat; k++) {
        await driver.executeQuery('CALL db.clearQueryCaches()')
        const c0 = cpuSeconds(instance.pid)
        const t0 = performance.now()
        const r = await driver.executeQuery(`EXPLAIN ${t.text}`, {}, { routing: 'WRITE' })
        const ms = performance.now() - t0
        const cpu = cpuSeconds(instance.pid) - c0
        const plan = planOf(r.summary.plan as Parameters<typeof planOf>[0])
        if (!plans.has(t.text)) plans.set(t.text, plan)
        else if (plans.get(t.text) !== plan) {
          same.set(t.text, false)
          if (process.env.PLAN_DIFF) console.log(`-- plan differs: ${name(t.text)}\n${plans.get(t.text)}\n-- now\n${plan}`)
        }
        if (ms < best.ms) best = { ms, cpu }
      }
      rows.push({ name: name(t.text), calls: t.calls, ...best, same: same.get(t.text) ?? true })
    }
    rows.sort((a, b) => b.ms - a.ms)
    const sum = rows.reduce((n, r) => n + r.ms, 0)
    const sumCpu = rows.reduce((n, r) => n + r.cpu, 0)
    console.log(`== ${label}: ${rows.length} statements, planning ${(sum / 1000).toFixed(2)} s (server CPU ${sumCpu.toFixed(2)} s) for one plan of each (min of ${repeat}, cleared cache)`)
    for (const r of rows) console.log(`${r.ms.toFixed(0).padStart(7)} ms ${r.cpu.toFixed(2).padStart(6)} s cpu ${String(r.calls).padStart(3)} calls  ${r.same ? 'same plan' : 'PLAN DIFFERS from the empty graph\'s'}  ${r.name}`)
  }
  await measure('empty graph')
  const run = await runIngest(instance.uri, [corpus], { root: tree })
  console.log(`ingested in ${run.wallS.toFixed(1)} s`)
  await measure('after one ingest of the corpus')
} finally {
  await driver.close()
  await instance.stop()
  rmSync(tmp, { recursive: true, force: true })
}
