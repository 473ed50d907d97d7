// The local Neo4j: Neo4j Community resolved from Maven Central by scripts/neo4j/pom.xml and
// launched with `java` (no Docker, no download of our own). One data folder per instance holds
// conf/neo4j.conf (written here on every start), data/, logs/ and the pid file.
//
//   CLI:     npm run neo4j:start | neo4j:stop | neo4j:status   (tsx scripts/neo4j.ts --help)
//   library: startNeo4j({ dataDir, boltPort, httpPort }) -> { uri, pid, stop() }, stopNeo4j, neo4jStatus
//
//   parts:   neo4j/base.ts (constants), neo4j/java.ts (java, Maven, class archive),
//            neo4j/processes.ts (pids and ports), neo4j/config.ts (memory, neo4j.conf, logs)
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { DEFAULT_BOLT_PORT, DEFAULT_DATA_DIR, DEFAULT_HTTP_PORT, HOST, LauncherError, PID_FILE, neo4jVersion, sleep } from './neo4j/base.ts'
import { logTail, neo4jMemory, portsFromConf, writeConf } from './neo4j/config.ts'
import { archiveFlags, javaInfo, jvmArgs, PENDING_ARCHIVE_FILE, resolveClasspath, settleArchive, writeClasspathArgFile } from './neo4j/java.ts'
import { boltAnswers, commandLine, freePort, portFree, portOpen, runningPid, samePath, waitUntilGone } from './neo4j/processes.ts'
import { portOption } from '../src/cli/options.ts'

export { DEFAULT_BOLT_PORT, DEFAULT_DATA_DIR, DEFAULT_HTTP_PORT, LauncherError, POM_FILE, PROJECT_ROOT, neo4jVersion } from './neo4j/base.ts'
export { neo4jMemory, parseSize, type MemorySettings } from './neo4j/config.ts'
export { resolveClasspath } from './neo4j/java.ts'
export { freePort } from './neo4j/processes.ts'

/**
 * The ports of the local instance: the options where given, else NEO4J_BOLT_PORT / NEO4J_HTTP_PORT, else
 * 7687 / 7474. `neo4j:start`, `npm start` (serve's launcher call) and the demo all start through this.
 */
export function localPorts(options: { boltPort?: number; httpPort?: number } = {}, env: NodeJS.ProcessEnv = process.env): { boltPort: number; httpPort: number } {
  const fromEnv = (name: string, fallback: number): number => {
    const raw = env[name]?.trim()
    if (!raw) return fallback
    const port = Number(raw)
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new LauncherError(`${name} must be a TCP port (1-65535), got "${raw}"`)
    return port
  }
  return { boltPort: options.boltPort ?? fromEnv('NEO4J_BOLT_PORT', DEFAULT_BOLT_PORT), httpPort: options.httpPort ?? fromEnv('NEO4J_HTTP_PORT', DEFAULT_HTTP_PORT) }
}

/**
 * The ports of a throwaway instance (the evals', the benches'): NEO4J_BOLT_PORT / NEO4J_HTTP_PORT where set, checked
 * as localPorts checks them (a machine shared by several runs gives each its ports), else free ones the system picks.
 */
export async function throwawayPorts(env: NodeJS.ProcessEnv = process.env): Promise<{ boltPort: number; httpPort: number }> {
  const given = localPorts({}, env)
  return {
    boltPort: env.NEO4J_BOLT_PORT?.trim() ? given.boltPort : await freePort(),
    httpPort: env.NEO4J_HTTP_PORT?.trim() ? given.httpPort : await freePort(),
  }
}

/** the Bolt URI of the local instance on its port (localPorts) */
export function localBoltUri(env: NodeJS.ProcessEnv = process.env): string {
  return `bolt://${HOST}:${localPorts({}, env).boltPort}`
}

export interface StartOptions {
  /** instance folder (conf, data, logs, pid file); default ./.neo4j */
  dataDir?: string
  boltPort?: number
  httpPort?: number
  /** JVM heap (-Xms and -Xmx), e.g. '512m' */
  heap?: string
  /** server.memory.pagecache.size, e.g. '512m' */
  pageCache?: string
  /**
   * 'auto': heap and page cache not given here come from NEO4J_HEAP_SIZE / NEO4J_PAGECACHE_SIZE, else
   * from the machine's memory (neo4jMemory); the user-facing starts (neo4j:start, npm start, the demo)
   * use it. Unset: 512m each, for throwaway test and bench instances.
   */
  memory?: 'auto'
  /** where the Maven classpath is cached (keyed on the pom's hash); default ./.neo4j */
  cacheDir?: string
  /** how long to wait for Bolt to answer a query */
  timeoutMs?: number
  /** more JVM flags, before the main class */
  jvmArgs?: string[]
  /**
   * C1-only JIT (-XX:TieredStopAtLevel=1): starts in about half the CPU time, runs long queries
   * slower. Meant for throwaway test instances.
   */
  fastStart?: boolean
  /**
   * the class-data archive of Neo4j's classes: true (default) maps it, or writes it on the first
   * clean stop when there is none yet; 'use' only maps an existing one; false neither
   */
  classArchive?: boolean | 'use'
  /** kill the server when this Node process exits (for throwaway instances) */
  stopOnExit?: boolean
  /** more neo4j.conf lines (`key=value`), in place of the launcher's line of the same key; for benches */
  conf?: string[]
  /** progress lines; default: none */
  log?: (line: string) => void
}

export interface Neo4jInstance {
  uri: string
  httpUrl: string
  pid: number
  dataDir: string
  boltPort: number
  httpPort: number
  /** false when the instance was already running and start was a no-op */
  started: boolean
  stop(): Promise<void>
}

export interface Neo4jStatus {
  running: boolean
  pid: number | null
  dataDir: string
  boltPort: number
  httpPort: number
  uri: string
  httpUrl: string
}

// ---------------------------------------------------------------- start, stop, status

export function neo4jStatus(dataDirOption: string = DEFAULT_DATA_DIR): Neo4jStatus {
  const dataDir = resolve(dataDirOption)
  const { boltPort, httpPort } = portsFromConf(dataDir)
  const pid = runningPid(dataDir)
  return {
    running: pid !== null,
    pid,
    dataDir,
    boltPort,
    httpPort,
    uri: `bolt://${HOST}:${boltPort}`,
    httpUrl: `http://${HOST}:${httpPort}`,
  }
}

async function waitForBolt(uri: string, boltPort: number, pid: number, dataDir: string, timeoutMs: number, exited: () => number | null | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let why = 'no answer yet'
  while (Date.now() < deadline) {
    const code = exited()
    if (code !== undefined || commandLine(pid) === null) {
      throw new LauncherError(`Neo4j exited while starting${code !== undefined ? ` (exit code ${code})` : ''}; ${logTail(dataDir)}`)
    }
    if (await portOpen(boltPort)) {
      const answer = await boltAnswers(uri)
      if ('dataDir' in answer) {
        if (samePath(answer.dataDir, join(dataDir, 'data'))) return
        // two launches raced for the same ports and the other one bound them first
        throw new LauncherError(`Another Neo4j (data in ${answer.dataDir}) answers on ${uri}, so this one cannot listen there: stop it or choose other ports (--bolt-port/--http-port).`)
      }
      why = answer.error
    }
    await sleep(250)
  }
  throw new LauncherError(`Neo4j did not answer on ${uri} within ${Math.round(timeoutMs / 1000)} s (${why}); ${logTail(dataDir)}`)
}

/**
 * Start the Neo4j of dataDir and return once Bolt answers a query. A no-op (started: false) when
 * it already runs.
 */
export async function startNeo4j(options: StartOptions = {}): Promise<Neo4jInstance> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR)
  const cacheDir = resolve(options.cacheDir ?? DEFAULT_DATA_DIR)
  const timeoutMs = options.timeoutMs ?? 180_000
  const log = options.log ?? (() => {})

  const existing = runningPid(dataDir)
  if (existing !== null) {
    const status = neo4jStatus(dataDir)
    if ((options.boltPort && options.boltPort !== status.boltPort) || (options.httpPort && options.httpPort !== status.httpPort)) {
      log(`Neo4j already runs in ${dataDir} on ports ${status.boltPort}/${status.httpPort}; stop it to change ports.`)
    }
    await waitForBolt(status.uri, status.boltPort, existing, dataDir, timeoutMs, () => undefined)
    return instance(dataDir, existing, status.boltPort, status.httpPort, false, null)
  }
  rmSync(join(dataDir, PID_FILE), { force: true })

  const { boltPort, httpPort } = localPorts(options)
  for (const port of [boltPort, httpPort]) {
    if (!(await portFree(port))) {
      throw new LauncherError(`Port ${port} on ${HOST} is already in use, so Neo4j cannot start there: stop whatever holds it or choose other ports (--bolt-port/--http-port).`)
    }
  }
  const java = javaInfo()
  const classpath = resolveClasspath({ cacheDir, log })
  const argFile = writeClasspathArgFile(cacheDir, classpath)
  settleArchive(dataDir, false) // a pending archive of an instance that was killed
  const extraFlags = [
    ...(options.classArchive === false ? [] : archiveFlags(dataDir, cacheDir, classpath, java, options.classArchive !== 'use')),
    ...(options.fastStart ? ['-XX:TieredStopAtLevel=1'] : []),
    ...(options.jvmArgs ?? []),
  ]

  mkdirSync(join(dataDir, 'logs'), { recursive: true })
  let heap = options.heap ?? '512m'
  let pageCache = options.pageCache ?? '512m'
  if (options.memory === 'auto' && !(options.heap && options.pageCache)) {
    const auto = neo4jMemory()
    heap = options.heap ?? auto.heap
    pageCache = options.pageCache ?? auto.pageCache
    log(`Neo4j memory: heap ${heap}, page cache ${pageCache} (${auto.why})`)
  }
  writeConf(dataDir, boltPort, httpPort, pageCache, options.conf)
  const consoleFd = openSync(join(dataDir, 'logs', 'console.log'), 'a')
  const child = spawn('java', jvmArgs(java, heap, argFile, dataDir, extraFlags), {
    cwd: dataDir,
    detached: true, // its own process group: Ctrl-C in the terminal that started it does not stop it
    stdio: ['ignore', consoleFd, consoleFd],
  })
  closeSync(consoleFd)
  let exitCode: number | null | undefined
  child.on('exit', (code) => (exitCode = code))
  const spawnError = await new Promise<Error | null>((done) => {
    child.once('spawn', () => done(null))
    child.once('error', done)
  })
  if (spawnError || child.pid === undefined) throw new LauncherError(`Could not start java: ${spawnError?.message ?? 'no pid'}`)
  const pid = child.pid
  child.unref()
  writeFileSync(join(dataDir, PID_FILE), `${pid}\n`)

  const killOnExit = () => {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  if (options.stopOnExit) process.once('exit', killOnExit)

  const uri = `bolt://${HOST}:${boltPort}`
  log(`Starting Neo4j ${neo4jVersion()} (pid ${pid}), data in ${dataDir}...`)
  try {
    await waitForBolt(uri, boltPort, pid, dataDir, timeoutMs, () => exitCode)
  } catch (err) {
    await stopNeo4j(dataDir)
    process.removeListener('exit', killOnExit)
    throw err
  }
  return instance(dataDir, pid, boltPort, httpPort, true, options.stopOnExit ? killOnExit : null)
}

function instance(dataDir: string, pid: number, boltPort: number, httpPort: number, started: boolean, exitHook: (() => void) | null): Neo4jInstance {
  return {
    uri: `bolt://${HOST}:${boltPort}`,
    httpUrl: `http://${HOST}:${httpPort}`,
    pid,
    dataDir,
    boltPort,
    httpPort,
    started,
    async stop() {
      await stopNeo4j(dataDir)
      if (exitHook) process.removeListener('exit', exitHook)
    },
  }
}

/**
 * Stop the Neo4j of dataDir: SIGTERM (Neo4j checkpoints and shuts down cleanly), then SIGKILL if
 * it has not gone within timeoutMs. Returns the pid it stopped, or null when none ran.
 */
export async function stopNeo4j(dataDirOption: string = DEFAULT_DATA_DIR, timeoutMs = 120_000, log?: (line: string) => void): Promise<number | null> {
  const dataDir = resolve(dataDirOption)
  const pid = runningPid(dataDir)
  let clean = true
  if (pid !== null) {
    if (existsSync(join(dataDir, 'run', PENDING_ARCHIVE_FILE))) {
      log?.('Neo4j writes its class archive as it exits (once per classpath and JVM); later starts are faster.')
    }
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // gone between the check and the signal
    }
    if (!(await waitUntilGone(pid, timeoutMs))) {
      clean = false
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // gone just now
      }
      if (!(await waitUntilGone(pid, 10_000))) throw new LauncherError(`Neo4j (pid ${pid}) did not exit even after SIGKILL.`)
    }
  }
  settleArchive(dataDir, clean)
  rmSync(join(dataDir, PID_FILE), { force: true })
  return pid
}

// ---------------------------------------------------------------- CLI

function show(dir: string): string {
  const rel = relative(process.cwd(), dir)
  return rel && !rel.startsWith('..') ? rel : dir
}

async function main(argv: string[]): Promise<void> {
  // the settings npm start reads (NEO4J_HEAP_SIZE, NEO4J_PAGECACHE_SIZE, ports) also from .env; set ones win
  if (existsSync('.env') && typeof process.loadEnvFile === 'function') process.loadEnvFile('.env')
  const program = new Command()
    .name('neo4j')
    .description(`The project's local Neo4j Community ${neo4jVersion()} server: resolved by Maven, run with java, no Docker.`)
    .option('-d, --data-dir <dir>', 'instance folder (conf, data, logs)', DEFAULT_DATA_DIR)
    .option('--cache-dir <dir>', 'where the resolved classpath and class archive are cached', DEFAULT_DATA_DIR)
    .showHelpAfterError()

  program
    .command('start')
    .description('start Neo4j and return once Bolt answers a query (a no-op when it already runs)')
    .option('--bolt-port <port>', `Bolt port on 127.0.0.1 (default: NEO4J_BOLT_PORT, else ${DEFAULT_BOLT_PORT})`, portOption)
    .option('--http-port <port>', `HTTP port on 127.0.0.1, Neo4j Browser at /browser/ (default: NEO4J_HTTP_PORT, else ${DEFAULT_HTTP_PORT})`, portOption)
    .option('--timeout <seconds>', 'how long to wait for Bolt', (v) => Number(v), 180)
    .action(async (opts: { boltPort?: number; httpPort?: number; timeout: number }) => {
      const t0 = Date.now()
      const { dataDir, cacheDir } = program.opts<{ dataDir: string; cacheDir: string }>()
      const n = await startNeo4j({ memory: 'auto', dataDir, cacheDir, boltPort: opts.boltPort, httpPort: opts.httpPort, timeoutMs: opts.timeout * 1000, log: (l) => console.log(l) })
      const how = n.started ? `started in ${((Date.now() - t0) / 1000).toFixed(1)} s` : 'was already running'
      console.log(`Neo4j ${how} (pid ${n.pid}): Bolt ${n.uri}, Browser ${n.httpUrl}/browser/, data ${show(n.dataDir)}`)
    })

  program
    .command('stop')
    .description('stop Neo4j (SIGTERM, then SIGKILL if it hangs); no process is left behind')
    .action(async () => {
      const dataDir = program.opts<{ dataDir: string }>().dataDir
      const pid = await stopNeo4j(dataDir, undefined, (l) => console.log(l))
      console.log(pid === null ? `Neo4j was not running (data ${show(resolve(dataDir))}).` : `Neo4j stopped (pid ${pid}).`)
    })

  program
    .command('status')
    .description('print whether Neo4j runs, with pid, ports and data folder')
    .action(() => {
      const s = neo4jStatus(program.opts<{ dataDir: string }>().dataDir)
      console.log(
        s.running
          ? `running (pid ${s.pid}): Bolt ${s.uri}, HTTP ${s.httpUrl} (Browser ${s.httpUrl}/browser/), data ${show(s.dataDir)}`
          : `stopped: Bolt port ${s.boltPort}, HTTP port ${s.httpPort}, data ${show(s.dataDir)}`,
      )
    })

  await program.parseAsync(argv)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    if (process.env.DEBUG && err instanceof Error) console.error(err.stack)
    process.exit(1)
  })
}
