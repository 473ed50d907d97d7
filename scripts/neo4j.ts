// The local Neo4j: Neo4j Community resolved from Maven Central by scripts/neo4j/pom.xml and
// launched with `java` (no Docker, no download of our own). One data folder per instance holds
// conf/neo4j.conf (written here on every start), data/, logs/ and the pid file.
//
//   CLI:     npm run neo4j:start | neo4j:stop | neo4j:status   (tsx scripts/neo4j.ts --help)
//   library: startNeo4j({ dataDir, boltPort, httpPort }) -> { uri, pid, stop() }, stopNeo4j, neo4jStatus
import { spawn, spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { connect as tcpConnect, createServer } from 'node:net'
import { totalmem } from 'node:os'
import { delimiter, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, InvalidArgumentError } from 'commander'
import neo4j from 'neo4j-driver'

const HERE = dirname(fileURLToPath(import.meta.url))
export const PROJECT_ROOT = resolve(HERE, '..')
export const POM_FILE = join(HERE, 'neo4j', 'pom.xml')
/** the default instance's folder, and where the resolved classpath is cached for every instance */
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, '.neo4j')
export const DEFAULT_BOLT_PORT = 7687
export const DEFAULT_HTTP_PORT = 7474
const MAIN_CLASS = 'org.neo4j.server.CommunityEntryPoint'
const HOST = '127.0.0.1'
const PID_FILE = 'neo4j.pid'
/** names the class archive the running JVM writes when it exits, until a clean stop publishes it */
const PENDING_ARCHIVE_FILE = 'class-archive.pending'
/** answers once the default database is up, and tells whose server answered (its data folder) */
const READY_QUERY = "CALL dbms.listConfig('server.directories.data') YIELD name, value WHERE name = 'server.directories.data' RETURN value AS dataDir"
/** the local instance runs without authentication (the driver's typings lack auth.none()) */
const NO_AUTH = { scheme: 'none', principal: '', credentials: '' }

/** A failure the user can act on, said in one sentence (the CLI prints only the message). */
export class LauncherError extends Error {
  override name = 'LauncherError'
}

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

export function neo4jVersion(): string {
  return /<neo4j\.version>([^<]+)</.exec(readFileSync(POM_FILE, 'utf8'))?.[1] ?? 'unknown'
}

// ---------------------------------------------------------------- tools: java and mvn

interface JavaInfo {
  major: number
  /** the whole `java -version` text: a class archive is only valid for the JVM that wrote it */
  versionText: string
  /** the JVM knows --enable-native-access */
  nativeAccess: boolean
}

const JAVA_MISSING =
  'The local Neo4j needs Java 17 or newer, but `java` is not on PATH: install a JDK 17 (e.g. `apt-get install openjdk-17-jdk-headless`) or set NEO4J_URI to a Neo4j you run yourself.'
const MVN_MISSING =
  'The local Neo4j is fetched by Maven on first use, but `mvn` is not on PATH: install Maven 3 (e.g. `apt-get install maven`) or set NEO4J_URI to a Neo4j you run yourself.'

function javaInfo(): JavaInfo {
  // one JVM launch in the common case: probe the optional flag and read the version from it
  const probe = spawnSync('java', ['--enable-native-access=ALL-UNNAMED', '-version'], { encoding: 'utf8' })
  if (probe.error) throw new LauncherError(JAVA_MISSING)
  let out = probe.stderr + probe.stdout
  const nativeAccess = probe.status === 0
  if (!nativeAccess) {
    const plain = spawnSync('java', ['-version'], { encoding: 'utf8' })
    if (plain.error) throw new LauncherError(JAVA_MISSING)
    out = plain.stderr + plain.stdout
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out)
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0
  if (major < 17) {
    throw new LauncherError(`Neo4j ${neo4jVersion()} needs Java 17 or newer, but \`java\` on PATH is ${m ? `version ${major}` : 'of unknown version'}.`)
  }
  return { major, nativeAccess, versionText: out.trim() }
}

function pomHash(): string {
  return createHash('sha256').update(readFileSync(POM_FILE)).digest('hex').slice(0, 16)
}

function lastLines(text: string, n = 5): string {
  return text.trim().split('\n').slice(-n).join(' | ')
}

/**
 * The server's classpath. Cached in cacheDir keyed on the pom's hash, and used without any Maven
 * call while every jar it names still exists; otherwise Maven resolves it (downloading on first use).
 */
export function resolveClasspath(options: { cacheDir?: string; log?: (line: string) => void } = {}): string {
  const cacheDir = resolve(options.cacheDir ?? DEFAULT_DATA_DIR)
  const cacheFile = join(cacheDir, `classpath-${pomHash()}.txt`)
  if (existsSync(cacheFile)) {
    const cached = readFileSync(cacheFile, 'utf8').trim()
    if (cached && cached.split(delimiter).every((jar) => existsSync(jar))) return cached
  }
  mkdirSync(cacheDir, { recursive: true })
  options.log?.(`Resolving Neo4j ${neo4jVersion()} with Maven (the first run downloads about 160 MB)...`)
  const tmp = `${cacheFile}.${process.pid}.tmp`
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', POM_FILE, 'dependency:build-classpath', `-Dmdep.outputFile=${tmp}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
  )
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new LauncherError(MVN_MISSING)
  if (result.error || result.status !== 0 || !existsSync(tmp)) {
    rmSync(tmp, { force: true })
    const why = result.error?.message ?? lastLines(`${result.stdout}\n${result.stderr}`)
    throw new LauncherError(`Maven could not resolve Neo4j from ${relative(process.cwd(), POM_FILE)} (exit ${result.status}): ${why}`)
  }
  renameSync(tmp, cacheFile) // atomic, so concurrent first runs do not read half a file
  return readFileSync(cacheFile, 'utf8').trim()
}

// ---------------------------------------------------------------- processes and ports

function readPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/** The process's command line, or null when it is gone (zombies have an empty one). */
function commandLine(pid: number): string | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return raw ? raw.split('\0').join(' ') : null
  } catch {
    if (existsSync('/proc/self')) return null
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' }) // no /proc: macOS
    return ps.status === 0 && ps.stdout.trim() ? ps.stdout.trim() : null
  }
}

function serverOf(dataDir: string, pid: number): boolean {
  const cmd = commandLine(pid)
  return cmd !== null && cmd.includes(MAIN_CLASS) && cmd.includes(`--home-dir=${dataDir} `)
}

/**
 * The pid of the Neo4j server of this data folder, when it runs: the pid file's, or (pid file
 * lost) the process whose command line names this folder.
 */
function runningPid(dataDir: string): number | null {
  const pid = readPid(dataDir)
  if (pid !== null && serverOf(dataDir, pid)) return pid
  if (!existsSync('/proc/self')) return null
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && serverOf(dataDir, Number(entry))) return Number(entry)
  }
  return null
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (commandLine(pid) === null) return true
    await sleep(100)
  }
  return commandLine(pid) === null
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer()
    server.once('error', () => done(false))
    server.listen(port, HOST, () => server.close(() => done(true)))
  })
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, HOST, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => done(port))
    })
  })
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = tcpConnect({ port, host: HOST })
    socket.setTimeout(1000)
    socket.once('connect', () => {
      socket.destroy()
      done(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      done(false)
    })
    socket.once('error', () => done(false))
  })
}

/** The data folder of the Neo4j that answers on uri, or why none answered. */
async function boltAnswers(uri: string): Promise<{ dataDir: string } | { error: string }> {
  // ours runs without authentication: a server that asks for it is someone else's
  const driver = neo4j.driver(uri, NO_AUTH, { connectionTimeout: 3000, maxConnectionPoolSize: 1 })
  try {
    const { records } = await driver.executeQuery(READY_QUERY, {}, { database: 'neo4j' })
    return { dataDir: String(records[0]?.get('dataDir') ?? '') }
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('Neo.ClientError.Security.')) return { dataDir: '(unknown: it requires authentication)' }
    return { error: err instanceof Error ? err.message : String(err) }
  } finally {
    await driver.close()
  }
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p)
    } catch {
      return resolve(p)
    }
  }
  return resolve(a) === resolve(b) || real(a) === real(b)
}

// ---------------------------------------------------------------- configuration

const MB = 1024 * 1024
const SIZE = /^(\d+)([kmg])$/i

/** '512m' -> bytes; null when it is not a size */
export function parseSize(text: string): number | null {
  const m = SIZE.exec(text.trim())
  if (!m) return null
  return Number(m[1]) * { k: 1024, m: MB, g: 1024 * MB }[m[2].toLowerCase() as 'k' | 'm' | 'g']
}

const toSize = (bytes: number) => (bytes % (1024 * MB) === 0 ? `${bytes / (1024 * MB)}g` : `${Math.round(bytes / MB)}m`)
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

export interface MemorySettings {
  heap: string
  pageCache: string
  /** where they came from, for a log line */
  why: string
}

/**
 * Heap and page cache of the local instance: NEO4J_HEAP_SIZE and NEO4J_PAGECACHE_SIZE (e.g. 4g, 512m)
 * when set, else from the machine's memory: an eighth for the heap (512 MB to 8 GB) and a quarter for
 * the page cache (512 MB to 32 GB), leaving the rest to the API, the ingest and the OS on a machine that
 * runs all of them. The page cache is filled as the store is read, so a small store never takes it all.
 * For a large corpus give the page cache the size of the store (about 100 KB per article: 10g for 100k).
 */
export function neo4jMemory(env: NodeJS.ProcessEnv = process.env, totalBytes: number = totalmem()): MemorySettings {
  const read = (name: string): string | null => {
    const raw = env[name]?.trim()
    if (!raw) return null
    const bytes = parseSize(raw)
    if (bytes === null || bytes < 64 * MB) throw new LauncherError(`${name} must be a size of at least 64m, like 512m or 4g; got "${raw}"`)
    return raw.toLowerCase()
  }
  const heapSet = read('NEO4J_HEAP_SIZE')
  const cacheSet = read('NEO4J_PAGECACHE_SIZE')
  const round = (bytes: number) => Math.floor(bytes / (256 * MB)) * 256 * MB
  const heap = heapSet ?? toSize(clamp(round(totalBytes / 8), 512 * MB, 8192 * MB))
  const pageCache = cacheSet ?? toSize(clamp(round(totalBytes / 4), 512 * MB, 32768 * MB))
  const machine = `${Math.round(totalBytes / 1024 / MB)} GB of memory`
  const why =
    heapSet && cacheSet
      ? 'NEO4J_HEAP_SIZE and NEO4J_PAGECACHE_SIZE'
      : `${heapSet ? 'heap from NEO4J_HEAP_SIZE' : 'heap an eighth'} and ${cacheSet ? 'page cache from NEO4J_PAGECACHE_SIZE' : 'page cache a quarter'} of ${machine}`
  return { heap, pageCache, why }
}

function portsFromConf(dataDir: string): { boltPort: number; httpPort: number } {
  let conf = ''
  try {
    conf = readFileSync(join(dataDir, 'conf', 'neo4j.conf'), 'utf8')
  } catch {
    // never started: the defaults
  }
  const port = (key: string, fallback: number) => Number(new RegExp(`^${key}=.*:(\\d+)$`, 'm').exec(conf)?.[1] ?? fallback)
  return {
    boltPort: port('server\\.bolt\\.listen_address', DEFAULT_BOLT_PORT),
    httpPort: port('server\\.http\\.listen_address', DEFAULT_HTTP_PORT),
  }
}

function writeConf(dataDir: string, boltPort: number, httpPort: number, pageCache: string, extra: string[] = []): void {
  const lines = [
    '# Written by scripts/neo4j.ts on every start: edits here are overwritten.',
    `server.directories.data=${join(dataDir, 'data')}`,
    `server.directories.logs=${join(dataDir, 'logs')}`,
    `server.directories.run=${join(dataDir, 'run')}`,
    `server.directories.import=${join(dataDir, 'import')}`,
    `server.memory.pagecache.size=${pageCache}`,
    'dbms.usage_report.enabled=false',
    // loopback only, so no authentication; code that talks to other instances sends NEO4J_USER/PASSWORD
    'dbms.security.auth_enabled=false',
    `server.default_listen_address=${HOST}`,
    `server.default_advertised_address=${HOST}`,
    `server.bolt.listen_address=${HOST}:${boltPort}`,
    `server.bolt.advertised_address=${HOST}:${boltPort}`,
    `server.http.listen_address=${HOST}:${httpPort}`,
    `server.http.advertised_address=${HOST}:${httpPort}`,
    'server.https.enabled=false',
    // a few MB of transaction log instead of 2 x 256 MB preallocated per instance
    'db.tx_log.preallocate=false',
    // A statement's plan is kept at least a minute (Neo4j's default: 10 s) before statistics that moved
    // may replan it. During a bulk ingest the statistics move all the time, and the write statements
    // (CREATE_FACTS, MOVE_FACTS) take 0.5-2 s each to plan: replanned every 10 s they cost a quarter of
    // the writes (bench:ingest, docs/performance.md "Where the write time goes").
    'dbms.cypher.min_replan_interval=60s',
    // Netty's default quiet periods make every stop take 10 s longer
    'internal.dbms.bolt.netty_server_shutdown_quiet_period=0',
  ]
  // Neo4j refuses a key given twice: an extra line replaces the launcher's line of its key
  const keyOf = (line: string) => line.split('=')[0].trim()
  const overridden = new Set(extra.map(keyOf))
  lines.splice(0, lines.length, ...lines.filter((l) => l.startsWith('#') || !overridden.has(keyOf(l))), ...extra)
  mkdirSync(join(dataDir, 'conf'), { recursive: true })
  writeFileSync(join(dataDir, 'conf', 'neo4j.conf'), `${lines.join('\n')}\n`)
}

function jvmArgs(java: JavaInfo, heap: string, argFile: string, dataDir: string, extra: string[]): string[] {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    // The throughput collector: this is a single-user local database with a small heap, where G1's
    // concurrent work cost ingestion about 13% of Neo4j's CPU (bench:ingest, docs/performance.md).
    // A collector given in `extra` (jvmArgs) replaces it.
    ...(extra.some((f) => /^-XX:\+Use\w+GC$/.test(f)) ? [] : ['-XX:+UseParallelGC']),
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    ...(java.nativeAccess ? ['--enable-native-access=ALL-UNNAMED'] : []),
    ...extra,
    `@${argFile}`, // -cp with ~200 jars, kept out of the process list
    MAIN_CLASS,
    `--home-dir=${dataDir}`,
    `--config-dir=${join(dataDir, 'conf')}`,
  ]
}

/** A java @argfile holding -cp; quotes and backslashes escaped as the launcher expects. */
function writeClasspathArgFile(cacheDir: string, classpath: string): string {
  const file = join(cacheDir, `classpath-${pomHash()}.args`)
  const quoted = classpath.replace(/\\/g, '\\\\').replace(/"/g, '\\"')
  const content = `-cp "${quoted}"\n`
  if (!existsSync(file) || readFileSync(file, 'utf8') !== content) {
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, content)
    renameSync(tmp, file)
  }
  return file
}

/** Why the server failed, from its logs: the first error line if there is one, else the last lines. */
function logTail(dataDir: string): string {
  for (const name of ['logs/console.log', 'logs/neo4j.log']) {
    try {
      const lines = readFileSync(join(dataDir, name), 'utf8').split('\n').filter((l) => l.trim() && !/^\s+at /.test(l))
      const error = lines.find((l) => /Exception|ERROR|Error:/.test(l))
      if (error || lines.length) return `${name}: ${error ?? lines.slice(-5).join(' | ')}`
    } catch {
      // not written yet
    }
  }
  return 'no log written'
}

// ---------------------------------------------------------------- class-data archive
// Loading Neo4j's ~15,000 classes from ~200 jars is most of a cold JVM's start. Java's dynamic CDS
// archive (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile) keeps them pre-parsed: the first
// instance of a classpath + JVM writes it when it stops cleanly, every later start maps it. It
// roughly halves the CPU a start needs. A stale or unusable archive is ignored by the JVM.

function archivePath(cacheDir: string, classpath: string, java: JavaInfo): string {
  const key = createHash('sha256').update(classpath).update('\0').update(java.versionText).digest('hex').slice(0, 16)
  return join(cacheDir, `classes-${key}.jsa`)
}

function archiveFlags(dataDir: string, cacheDir: string, classpath: string, java: JavaInfo, write: boolean): string[] {
  const archive = archivePath(cacheDir, classpath, java)
  dropAbandonedArchives(cacheDir)
  if (existsSync(archive)) return [`-XX:SharedArchiveFile=${archive}`]
  if (!write) return []
  // written under a name of its own, so concurrent first instances never share a half-written file
  const pending = `${archive}.${randomBytes(4).toString('hex')}.tmp`
  mkdirSync(join(dataDir, 'run'), { recursive: true })
  writeFileSync(join(dataDir, 'run', PENDING_ARCHIVE_FILE), JSON.stringify({ pending, archive }))
  return [`-XX:ArchiveClassesAtExit=${pending}`]
}

/** Partial archives of killed instances whose data folder is gone (older than an hour). */
function dropAbandonedArchives(cacheDir: string): void {
  for (const name of readdirSync(cacheDir)) {
    const file = join(cacheDir, name)
    if (/^classes-.*\.jsa\..*\.tmp$/.test(name) && Date.now() - statSync(file).mtimeMs > 3_600_000) rmSync(file, { force: true })
  }
}

/** After the JVM is gone: publish the archive it wrote on a clean exit, or drop a partial one. */
function settleArchive(dataDir: string, clean: boolean): void {
  const marker = join(dataDir, 'run', PENDING_ARCHIVE_FILE)
  let entry: { pending: string; archive: string }
  try {
    entry = JSON.parse(readFileSync(marker, 'utf8'))
  } catch {
    return
  }
  rmSync(marker, { force: true })
  if (clean && existsSync(entry.pending)) renameSync(entry.pending, entry.archive)
  else rmSync(entry.pending, { force: true })
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

function portOption(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError('a TCP port (1-65535) is expected.')
  return port
}

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
