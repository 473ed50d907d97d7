// `npm run bench:ingest [-- --scale 10]`: the ingest command, end to end, on the 840 PolNeAR train
// texts, into an EMPTY throwaway Neo4j started here (temporary folder, free ports; stopped and
// deleted at the end: the user's data is never touched). Prints articles/s, tokens/s, the time
// split between extraction and writing, and the ingest process's peak memory.
//
//   --scale N      a corpus N times the size: the texts repeated, each copy with its own marker line
//                  (so its own id), written to a temporary folder
//   --runs N       runs (database emptied before each); medians are reported
//   --warmup N     untimed runs of the 840 texts first (default 4), printed: the server is measured warm
//   --workers N / --batch-size N   passed to the ingest command
//   --uri URI      use this Neo4j instead of a throwaway one (its data is DELETED first)
//   --bolt-port N  the throwaway Neo4j on ports N (Bolt) and N+1 (HTTP) instead of free ones the system picks
//   --fingerprint FILE   after the last run, write the graph's fingerprint there (scripts/support/fingerprint.ts):
//                  `diff` two such files to check that a change of the write path leaves the same graph
//   --tree DIR     run the ingest command of another checkout (e.g. an older commit) against this Neo4j
//   --neo4j-conf K=V     one more neo4j.conf line for the throwaway Neo4j (repeatable)
//   --heap SIZE    the throwaway Neo4j's heap (default 1g; the launcher gives a local Neo4j an eighth of the memory)
//   --jvm-arg FLAG       one more JVM flag for the throwaway Neo4j (repeatable): `--jvm-arg=-XX:StartFlightRecording=filename=F.jfr`
//                  profiles the server (Java Flight Recorder), `--jvm-arg=-Xlog:gc:file=F` logs its collections
//   --jfr FILE     record the throwaway Neo4j with Java Flight Recorder during the timed runs only (jcmd JFR.start
//                  before the first, JFR.dump after the last), to FILE: `jfr print --events jdk.ExecutionSample FILE`
//   --node-arg FLAG      one more node flag for the ingest process (repeatable): `--node-arg=--cpu-prof
//                  --node-arg=--cpu-prof-dir=DIR` profiles it and its worker (NODE_OPTIONS refuses --cpu-prof)
// Each run also prints the CPU seconds of the Neo4j server (throwaway only) and of the ingest process
// (worker threads included): much less sensitive to a loaded machine than the rate.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { Command } from 'commander'
import neo4j, { type Driver } from 'neo4j-driver'
import { freePort, startNeo4j, type Neo4jInstance } from './neo4j.ts'
import { intOption, portOption } from '../src/cli/options.ts'
import { migrate } from '../src/graph/migrate.ts'
import { cpuSeconds, machineIdleSeconds, runIngest as runCli, threadCpuSeconds } from './support/processes.ts'
import { graphFingerprint } from './support/fingerprint.ts'
import { corpusDir as existingDir, DEFAULT_CORPUS } from './support/shared.ts'

/** Deletes everything, in batches (CALL IN TRANSACTIONS needs an auto-commit transaction: session.run). */
const CLEAR = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS'
const COUNTS = 'MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS rels'

const runIngest = (uri: string, args: string[]) => runCli<CliSummary>(uri, args, { root: opts.tree, nodeArgs: opts.nodeArg })

interface Opts {
  scale: number
  runs: number
  workers?: number
  batchSize?: number
  uri?: string
  boltPort?: number
  corpus: string
  warmup: number
  fingerprint?: string
  tree?: string
  queryStats?: boolean
  neo4jConf: string[]
  jvmArg: string[]
  heap: string
  jfr?: string
  nodeArg: string[]
}

const opts = new Command()
  .name('bench-ingest')
  .option('--scale <n>', 'corpus size as a multiple of the 840 texts', intOption(1), 1)
  .option('--runs <n>', 'runs into an emptied database; medians reported', intOption(1), 1)
  .option('--workers <n>', 'extraction worker threads of the ingest command', intOption(0))
  .option('--batch-size <n>', 'articles per write transaction', intOption(1))
  .option('--uri <uri>', 'an existing Neo4j to use instead of a throwaway one (its data is deleted)')
  .option('--bolt-port <n>', "the throwaway Neo4j's Bolt port (its HTTP port the next one); default: free ports the system picks", portOption)
  .option('--fingerprint <file>', "write the graph's fingerprint there after the last run")
  .option('--corpus <dir>', 'the folder of texts', DEFAULT_CORPUS)
  .option('--query-stats', "per statement of each run, Neo4j's own compile (planning) and execution time (db.stats QUERIES)")
  .option('--tree <dir>', "another checkout whose ingest command to run (compare an older commit on the same server)")
  .option('--neo4j-conf <key=value>', 'one more neo4j.conf line for the throwaway Neo4j (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--jvm-arg <flag>', 'one more JVM flag for the throwaway Neo4j, e.g. -XX:StartFlightRecording=filename=F.jfr (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--heap <size>', "the throwaway Neo4j's heap", '1g')
  .option('--jfr <file>', 'record the throwaway Neo4j with Java Flight Recorder during the timed runs, to this file')
  .option('--node-arg <flag>', 'one more node flag for the ingest process, e.g. --cpu-prof (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--warmup <n>', 'untimed runs of the 840 texts first, so the server is measured warm (JIT, page cache) as a long-running database is; 0 measures a cold server', intOption(0), 4)
  .parse()
  .opts<Opts>()
try {
  existingDir(opts.corpus)
} catch (err) {
  console.error((err as Error).message)
  process.exit(2)
}

function say(line: string): void {
  process.stderr.write(line + '\n')
}

/** The corpus folder: the texts themselves at scale 1, else a temporary folder of marked copies. */
function corpusDir(scale: number, tmp: string): { dir: string; files: number } {
  const names = readdirSync(opts.corpus).filter((n) => !n.startsWith('.')).sort()
  if (scale === 1) return { dir: opts.corpus, files: names.length }
  const dir = join(tmp, `corpus-x${scale}`)
  mkdirSync(dir, { recursive: true })
  for (const name of names) {
    const text = readFileSync(join(opts.corpus, name), 'utf8')
    for (let k = 0; k < scale; k++) writeFileSync(join(dir, `${k}-${name}`), `${text}\n\n[bench copy ${k}]\n`)
  }
  return { dir, files: names.length * scale }
}

async function clear(driver: Driver): Promise<void> {
  const session = driver.session()
  try {
    await session.run(CLEAR)
  } finally {
    await session.close()
  }
}

interface CliSummary {
  inputs: number
  articles: { new: number; updated: number; unchanged: number; failed: number; extracted: number }
  counts: { entitiesCreated: number; quotes: number; relations: number; mentions: number }
  tokens: number
  seconds: number
  extractMs: number
  writeMs: number
  workers: number
  batchSize: number
  peakRssMb: number
}


/** Neo4j's query collector (db.stats): each statement's compile (planning) and execution time in the run, printed. */
async function queryStats(driver: Driver): Promise<void> {
  await driver.executeQuery("CALL db.stats.stop('QUERIES')")
  const { records } = await driver.executeQuery("CALL db.stats.retrieve('QUERIES') YIELD data RETURN data")
  const rows = records.map((r) => {
    const d = r.get('data') as { query: string; invocations: { elapsedCompileTimeInUs: unknown; elapsedExecutionTimeInUs: unknown }[] }
    const us = (k: 'elapsedCompileTimeInUs' | 'elapsedExecutionTimeInUs') => d.invocations.reduce((n, i) => n + Number(i[k] ?? 0), 0) / 1e6
    const planned = d.invocations.filter((i) => Number(i.elapsedCompileTimeInUs ?? 0) > 20_000).length
    return { query: d.query.trim().replace(/\s+/g, ' ').slice(0, 70), calls: d.invocations.length, planned, compile: us('elapsedCompileTimeInUs'), exec: us('elapsedExecutionTimeInUs') }
  })
  rows.sort((a, b) => b.compile + b.exec - a.compile - a.exec)
  const total = (k: 'compile' | 'exec') => rows.reduce((n, r) => n + r[k], 0)
  say(`query stats: compile ${total('compile').toFixed(2)} s, execution ${total('exec').toFixed(2)} s over ${rows.length} statements`)
  for (const r of rows) say(`  compile ${r.compile.toFixed(2).padStart(6)} s (${r.planned}/${r.calls} calls planned: > 20 ms)  execution ${r.exec.toFixed(2).padStart(6)} s  ${r.query}`)
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const tmp = mkdtempSync(join(tmpdir(), 'bench-ingest-'))
let instance: Neo4jInstance | null = null
let driver: Driver | null = null
try {
  let uri = opts.uri
  if (!uri) {
    say(`starting a throwaway Neo4j (heap ${opts.heap}, page cache 512m)...`)
    instance = await startNeo4j({
      dataDir: join(tmp, 'neo4j'),
      boltPort: opts.boltPort ?? (await freePort()),
      httpPort: opts.boltPort !== undefined ? opts.boltPort + 1 : await freePort(),
      heap: opts.heap,
      pageCache: '512m',
      stopOnExit: true,
      conf: opts.neo4jConf,
      jvmArgs: opts.jvmArg,
    })
    uri = instance.uri
  }
  driver = neo4j.driver(uri, { scheme: 'none', principal: '', credentials: '' })
  await migrate(driver)
  const { dir, files } = corpusDir(opts.scale, tmp)
  const extra = [
    ...(opts.workers !== undefined ? ['--workers', String(opts.workers)] : []),
    ...(opts.batchSize !== undefined ? ['--batch-size', String(opts.batchSize)] : []),
  ]
  say(`corpus: ${files} files in ${dir}`)

  // A fresh JVM runs Neo4j's write path interpreted and then compiles it while the first runs go on:
  // the first run into a cold server is about a third slower. Warm-up runs are printed, not counted.
  for (let w = 1; w <= opts.warmup; w++) {
    await clear(driver)
    const { summary: s } = await runIngest(uri, [opts.corpus, ...extra])
    const written = s.articles.new + s.articles.updated + s.articles.unchanged
    say(`warm-up ${w}: ${written} articles in ${s.seconds.toFixed(2)} s = ${(written / s.seconds).toFixed(1)} articles/s${w === 1 ? ' (cold server)' : ''}; not counted`)
  }

  const rows: { e2e: number; tokS: number; extractS: number; writeS: number; wallS: number; rss: number; dbCpu: number; nodeCpu: number; s: CliSummary }[] = []
  const serverCpu = () => (instance ? cpuSeconds(instance.pid) : NaN)
  // Java Flight Recorder on the server, the timed runs only (its default profile: a stack sample every 10-20 ms a thread)
  const jcmd = (...args: string[]) => execFileSync('jcmd', [String(instance!.pid), ...args], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (opts.jfr) {
    if (!instance) throw new Error('--jfr needs the throwaway Neo4j (no --uri)')
    jcmd('JFR.start', 'name=bench', 'settings=profile')
  }
  for (let run = 1; run <= opts.runs; run++) {
    await clear(driver)
    if (opts.queryStats) await driver.executeQuery("CALL db.stats.clear('QUERIES')").then(() => driver!.executeQuery("CALL db.stats.collect('QUERIES', {durationSeconds: -1, maxInvocations: 1000})"))
    const cpu0 = { db: serverCpu(), node: cpuSeconds('children'), idle: machineIdleSeconds(), threads: instance ? threadCpuSeconds(instance.pid) : null }
    const { summary: s, wallS, threads } = await runIngest(uri, [dir, ...extra])
    const dbCpu = serverCpu() - cpu0.db
    const nodeCpu = cpuSeconds('children') - cpu0.node
    const idle = machineIdleSeconds() - cpu0.idle
    if (cpu0.threads) {
      // Neo4j's CPU by thread (threads that ended during the run are not counted)
      const now = [...threadCpuSeconds(instance!.pid)].map(([t, s]) => [t, s - (cpu0.threads!.get(t) ?? 0)] as const).filter(([, s]) => s >= 0.1)
      say(`Neo4j CPU by thread: ${now.sort((a, b) => b[1] - a[1]).map(([t, s]) => `${t} ${s.toFixed(2)}`).join(', ')}`)
    }
    // the main thread first, then V8's platform threads, libuv's, the workers (processes.ts IngestRun.threads)
    say(`ingest CPU by thread (Linux order, main first): ${threads.filter((t) => t >= 0.05).map((t) => t.toFixed(2)).join(', ')}`)
    if (opts.queryStats) await queryStats(driver)
    const written = s.articles.new + s.articles.updated + s.articles.unchanged
    const row = { e2e: written / s.seconds, tokS: s.tokens / s.seconds, extractS: s.extractMs / 1000, writeS: s.writeMs / 1000, wallS, rss: s.peakRssMb, dbCpu, nodeCpu, s }
    rows.push(row)
    const c = (await driver.executeQuery(COUNTS)).records[0]
    say(
      `run ${run}: ${written} articles (${s.articles.failed} failed) in ${s.seconds.toFixed(2)} s = ${row.e2e.toFixed(1)} articles/s, ${Math.round(row.tokS)} tokens/s; ` +
        `extraction ${row.extractS.toFixed(2)} s summed over ${s.workers} worker(s), writes ${row.writeS.toFixed(2)} s in transactions of ${s.batchSize}; ` +
        `process ${wallS.toFixed(2)} s wall, peak RSS ${s.peakRssMb} MB; graph ${c.get('nodes')} nodes, ${c.get('rels')} relationships; ` +
        `CPU: Neo4j ${dbCpu.toFixed(2)} s, ingest process ${nodeCpu.toFixed(2)} s; machine idle ${idle.toFixed(2)} s of ${availableParallelism()} x ${wallS.toFixed(2)} s`,
    )
  }
  if (opts.jfr) {
    jcmd('JFR.dump', 'name=bench', `filename=${resolve(opts.jfr)}`)
    jcmd('JFR.stop', 'name=bench')
    say(`flight recording of the timed run(s): ${opts.jfr}`)
  }
  if (opts.fingerprint) {
    const lines = await graphFingerprint(driver)
    writeFileSync(opts.fingerprint, lines.join('\n') + '\n')
    say(`fingerprint: ${lines.length} lines in ${opts.fingerprint}`)
  }
  const s = rows[0].s
  const m = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f))
  const lines = [
    `bench:ingest  scale ${opts.scale} (${files} files, ${s.tokens} tokens), ${opts.runs} run(s), ${s.workers} extraction worker(s), batch ${s.batchSize}`,
    `end to end    ${m((r) => r.e2e).toFixed(1)} articles/s, ${Math.round(m((r) => r.tokS))} tokens/s (median; ingest's own clock, from its start to the last commit)`,
    `with startup  ${(files / m((r) => r.wallS)).toFixed(1)} articles/s over the process's whole life (${m((r) => r.wallS).toFixed(2)} s: node, tsx, workers, connect, migrate)`,
    `time split    extraction ${m((r) => r.extractS).toFixed(2)} s (summed over workers: ${(m((r) => r.extractS) / Math.max(1, s.workers)).toFixed(2)} s each), ` +
      `writing ${m((r) => r.writeS).toFixed(2)} s (main thread, in write transactions), total ${m((r) => r.s.seconds).toFixed(2)} s; they overlap`,
    `peak RSS      ${Math.max(...rows.map((r) => r.rss))} MB (ingest process, worker threads included)`,
    `CPU           Neo4j ${m((r) => r.dbCpu).toFixed(2)} s, ingest process ${m((r) => r.nodeCpu).toFixed(2)} s (median; user + system, the process's whole life for the ingest, the run for Neo4j)`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
} finally {
  await driver?.close()
  await instance?.stop()
  rmSync(tmp, { recursive: true, force: true })
}
