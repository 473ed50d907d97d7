// `npm run bench:request-cost`: what one API request costs in CPU (issue 13: the API's own cost per
// request), measured where a shared, loaded machine disturbs it least. PolNeAR train is ingested into a
// throwaway Neo4j (or one kept from an earlier run, --data-dir); then for each question of bench:scale
// the script prints the Cypher queries one request runs and their db hits (deterministic: the request is
// answered in this process with an executor that counts and PROFILEs), and, from /proc/<pid>/stat
// before and after a fixed number of requests (autocannon, response cache off), the CPU milliseconds per
// request of the API process, of the Neo4j process and of this one (the load generator: autocannon runs in it), with
// req/s and the load average beside them.
// CPU per request moves far less with the machine's load than req/s does.
//
// --tree DIR (repeatable) compares checkouts of the project (e.g. an older commit unpacked with
// `git archive <commit> | tar -x -C DIR` and this checkout's node_modules linked into it): each round
// starts each tree's API in turn, the order reversed every other round, and the medians are printed.
// --cpu-prof DIR profiles each API run (`node --cpu-prof`, a folder per tree and round) and prints, per
// question, where the API's samples of the measured requests went (scripts/support/cpu-profile.ts); the
// profiler adds to the CPU figures of that run, so profile in a run of its own. --api-node-arg passes a
// node flag to the API (e.g. a heap setting to try).
// Never part of `npm test`.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Command } from 'commander'
import neo4j, { type Driver } from 'neo4j-driver'
import { intOption, portOption } from '../src/cli/options.ts'
import { migrate } from '../src/graph/migrate.ts'
import { freePort, startNeo4j, type Neo4jInstance } from './neo4j.ts'
import { dbHitsPerRequest } from './support/db-hits.ts'
import { loadGraphql, median, stopChild } from './support/bench.ts'
import { ROOT, cpuDuring, memoryOf, runIngest, startApi } from './support/processes.ts'
import { formatSummary, summarise, type CpuProfile } from './support/cpu-profile.ts'
import { QUERIES, rows, targets } from './support/scale-queries.ts'
import { corpusDir, DEFAULT_CORPUS } from './support/shared.ts'

const DEFAULT_QUERIES = ['search', 'stats', 'personQuotes', 'articles', 'quotesBy', 'who', 'path', 'nested']
const say = (line: string) => process.stderr.write(`[bench:request-cost] ${line}\n`)

interface Run {
  apiMs: number
  neo4jMs: number
  /** this process's CPU per request: the load generator (autocannon runs in it) */
  loadMs: number
  rps: number
  /** median latency, ms (autocannon's) */
  p50: number
  wallRps: number
  errors: number
  load: number
  /** the API's peak RSS so far (VmHWM), MB */
  peakMb: number
}

interface Opts {
  corpus: string
  requests: number
  warmup: number
  connections: number
  rounds: number
  queries: string[]
  tree: string[]
  dataDir?: string
  cpuProf?: string
  apiNodeArg: string[]
  boltPort?: number
  httpPort?: number
  apiPort?: number
}

async function main(opts: Opts): Promise<void> {
  const tmp = opts.dataDir ? null : mkdtempSync(join(tmpdir(), 'bench-request-cost-'))
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : join(tmp!, 'neo4j')
  let instance: Neo4jInstance | null = null
  let driver: Driver | null = null
  try {
    say(`Neo4j in ${dataDir} ...`)
    instance = await startNeo4j({ dataDir, boltPort: opts.boltPort ?? (await freePort()), httpPort: opts.httpPort ?? (await freePort()), memory: 'auto', stopOnExit: !opts.dataDir, log: say })
    driver = neo4j.driver(instance.uri, { scheme: 'none', principal: '', credentials: '' })
    await migrate(driver)
    const [{ n }] = await rows(driver, 'MATCH (a:Article) RETURN count(a) AS n')
    if (Number(n) === 0) {
      say(`ingesting ${corpusDir(opts.corpus)} ...`)
      const { summary } = await runIngest<{ articles: Record<string, number>; seconds: number }>(instance.uri, [opts.corpus])
      say(`ingested: ${JSON.stringify(summary.articles)} in ${summary.seconds.toFixed(0)} s`)
    } else say(`the graph holds ${n} articles already: not ingesting`)
    const t = await targets(driver)
    const bodies = Object.fromEntries(Object.keys(QUERIES).map((k) => [k, JSON.stringify({ query: QUERIES[k].query, variables: QUERIES[k].vars(t) })]))
    const measured = Object.fromEntries(opts.queries.map((k) => [k, bodies[k]]))
    // the answer of every question of bench:scale, over HTTP, from each API started: they must not differ (trees, rounds)
    const answers = new Map<string, Set<string>>(Object.keys(QUERIES).map((k) => [k, new Set()]))
    say(`targets ${JSON.stringify(t)}`)

    // deterministic: Cypher queries and db hits per request, each tree's own API answering in this process
    const counts: Record<string, Awaited<ReturnType<typeof dbHitsPerRequest>>> = {}
    for (const tree of opts.tree) {
      const [server, config] = await Promise.all([
        import(pathToFileURL(join(tree, 'src/api/server.ts')).href),
        import(pathToFileURL(join(tree, 'src/config.ts')).href),
      ])
      counts[tree] = await dbHitsPerRequest(driver, measured, { createApp: server.createApp, loadConfig: config.loadConfig })
      say(`${tree}: queries and db hits per request ${JSON.stringify(counts[tree])}`)
    }

    const runs: Record<string, Record<string, Run[]>> = Object.fromEntries(opts.tree.map((tr) => [tr, Object.fromEntries(opts.queries.map((q) => [q, []]))]))
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 ? [...opts.tree].reverse() : opts.tree
      for (const tree of order) {
        // a folder per API run for its profile, and the window of each question's measured requests (monotonic µs, the profile's clock)
        const profDir = opts.cpuProf ? join(resolve(opts.cpuProf), `${opts.tree.indexOf(tree)}-round${round + 1}`) : null
        if (profDir) {
          rmSync(profDir, { recursive: true, force: true })
          mkdirSync(profDir, { recursive: true })
        }
        const windows: { q: string; fromUs: number; toUs: number }[] = []
        const nodeArgs = [...opts.apiNodeArg, ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=250'] : [])]
        const api = await startApi(instance.uri, { env: { RESPONSE_CACHE_MS: '0' }, root: tree, nodeArgs, port: opts.apiPort })
        try {
          for (const [q, body] of Object.entries(bodies)) {
            const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
            answers.get(q)!.add(`${res.status} ${await res.text()}`)
          }
          for (const q of opts.queries) {
            // warm-up: plans compiled, the JIT of both processes past the first answers
            await loadGraphql(api.url, bodies[q], opts.connections, 0, opts.warmup)
            const load = loadavg()[0]
            const [t0, h0] = [performance.now(), process.hrtime.bigint()]
            const { result: f, cpuMs } = await cpuDuring({ api: api.child.pid!, neo4j: instance.pid }, () => loadGraphql(api.url, bodies[q], opts.connections, 0, opts.requests))
            const [t1, h1] = [performance.now(), process.hrtime.bigint()]
            windows.push({ q, fromUs: Number(h0 / 1000n), toUs: Number(h1 / 1000n) })
            // autocannon ends a run of `amount` requests on its one-second tick, so the wall time of a short run is
            // rounded up to whole seconds: req/s is read from the mean latency instead (Little's law), the wall time kept as a check
            const peakMb = memoryOf(api.child.pid!).hwm / 2 ** 20
            const run = { apiMs: cpuMs.api / opts.requests, neo4jMs: cpuMs.neo4j / opts.requests, loadMs: cpuMs.load / opts.requests, rps: (opts.connections * 1000) / f.mean, p50: f.p50, wallRps: (opts.requests * 1000) / (t1 - t0), errors: f.errors, load, peakMb }
            runs[tree][q].push(run)
            say(`round ${round + 1} ${tree} ${q.padEnd(13)} API ${run.apiMs.toFixed(2)} ms/req  Neo4j ${run.neo4jMs.toFixed(2)} ms/req  load generator ${run.loadMs.toFixed(2)} ms/req  ${run.rps.toFixed(0)} req/s (wall clock ${run.wallRps.toFixed(0)})  API peak RSS ${peakMb.toFixed(0)} MB  load ${load.toFixed(1)}${f.errors ? `  ${f.errors} failed` : ''}`)
          }
        } finally {
          await stopChild(api.child)
        }
        if (profDir) {
          // the main thread's profile (CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile, thread 0)
          const file = readdirSync(profDir).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f))
          if (!file) say(`no profile in ${profDir}`)
          else {
            const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile
            for (const w of windows) {
              const text = `${tree} ${w.q} round ${round + 1}: ${formatSummary(summarise(profile, w.fromUs, w.toUs), opts.requests)}`
              writeFileSync(join(profDir, `${w.q}.txt`), `${text}\n`)
              process.stdout.write(`\n${text}\n`)
            }
          }
        }
      }
    }

    const head = ['query', 'tree', 'Cypher queries/request', 'db hits/request', 'API CPU ms/request', 'Neo4j CPU ms/request', 'load generator CPU ms/request', 'req/s (c / mean latency)', 'p50 ms', 'API peak RSS MB', 'load average']
    const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
    for (const q of opts.queries) {
      for (const tree of opts.tree) {
        const rs = runs[tree][q]
        const c = counts[tree][q]
        const m = (f: (r: Run) => number, d: number) => median(rs.map(f)).toFixed(d)
        const loads = rs.map((r) => r.load)
        const failed = rs.reduce((s, r) => s + r.errors, 0)
        lines.push(`| ${QUERIES[q].label} | ${tree === ROOT ? 'this checkout' : tree} | ${c.queries} | ${c.hits.toLocaleString('en-US')} | ${m((r) => r.apiMs, 2)} | ${m((r) => r.neo4jMs, 2)} | ${m((r) => r.loadMs, 2)} | ${m((r) => r.rps, 0)}${failed ? ` (${failed} failed)` : ''} | ${m((r) => r.p50, 1)} | ${Math.max(...rs.map((r) => r.peakMb)).toFixed(0)} | ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} |`)
      }
    }
    process.stdout.write(`\n${lines.join('\n')}\n\n`)
    const differ = [...answers].filter(([, texts]) => texts.size > 1).map(([q]) => q)
    process.stdout.write(
      differ.length === 0
        ? `answers: every question of bench:scale (${answers.size}) answered byte-identically by every API started (${opts.tree.length} tree(s) x ${opts.rounds} round(s)).\n`
        : `answers DIFFER for: ${differ.join(', ')}\n`,
    )
    process.stdout.write(
      `bench:request-cost: ${opts.requests} requests per figure at ${opts.connections} connections after ${opts.warmup} to warm up, response cache off; ` +
        `medians of ${opts.rounds} rounds (trees alternated); CPU from /proc/<pid>/stat of the API and Neo4j processes; targets ${JSON.stringify(t)}.\n`,
    )
  } finally {
    await driver?.close()
    if (!opts.dataDir) {
      await instance?.stop()
      rmSync(tmp!, { recursive: true, force: true })
    } else say(`kept: Neo4j ${instance?.uri} (pid ${instance?.pid}) in ${dataDir}; stop with npm run neo4j:stop -- -d ${dataDir}`)
  }
}

const raw = new Command()
  .name('bench:request-cost')
  .description("CPU per API request (the API's and Neo4j's) and Cypher queries per request, for the questions of bench:scale, PolNeAR train in a throwaway Neo4j, response cache off.")
  .option('--corpus <dir>', 'the texts to ingest when the graph is empty', DEFAULT_CORPUS)
  .option('--requests <n>', 'requests per figure', intOption(1), 2000)
  .option('--warmup <n>', 'requests before each figure, not counted', intOption(1), 300)
  .option('--connections <n>', 'connections of the load', intOption(1), 8)
  .option('--rounds <n>', 'rounds (each tree once per round); medians are printed', intOption(1), 3)
  .option('--queries <list>', `which questions, comma-separated (${Object.keys(QUERIES).join(', ')})`, DEFAULT_QUERIES.join(','))
  .option('--tree <dir>', 'a checkout of the project whose API to measure; repeat to compare (default: this one)', (v: string, acc: string[]) => [...acc, resolve(v)], [] as string[])
  .option('--cpu-prof <dir>', "profile the API (node --cpu-prof) into this folder and print where each question's samples went")
  .option('--api-node-arg <flag>', 'one more node flag for the API process (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--bolt-port <n>', "Neo4j's Bolt port when it starts it (default: any free one)", portOption)
  .option('--http-port <n>', "Neo4j's HTTP port when it starts it (default: any free one)", portOption)
  .option('--api-port <n>', "the API's port (default: any free one)", portOption)
  .option('--data-dir <dir>', 'keep the Neo4j and its graph here (reused by the next run with the same folder; stop it with npm run neo4j:stop -- -d DIR)')
  .parse()
  .opts<Omit<Opts, 'queries'> & { queries: string }>()

const queries = raw.queries.split(',').map((s) => s.trim())
const unknown = queries.filter((q) => !(q in QUERIES))
if (unknown.length) {
  console.error(`--queries: no question ${unknown.map((q) => `"${q}"`).join(', ')}; they are ${Object.keys(QUERIES).join(', ')}`)
  process.exit(1)
}
main({ ...raw, queries, tree: raw.tree.length ? raw.tree : [ROOT] }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
