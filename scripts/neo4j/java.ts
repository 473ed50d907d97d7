// Java and Maven: the JVM's version and flags, Neo4j's classpath resolved by Maven (cached), and
// the class-data archive that halves a start's CPU.
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { delimiter, join, relative, resolve } from 'node:path'
import { DEFAULT_DATA_DIR, LauncherError, MAIN_CLASS, POM_FILE, neo4jVersion } from './base.ts'

/** names the class archive the running JVM writes when it exits, until a clean stop publishes it */
export const PENDING_ARCHIVE_FILE = 'class-archive.pending'

export interface JavaInfo {
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

export function javaInfo(): JavaInfo {
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

export function jvmArgs(java: JavaInfo, heap: string, argFile: string, dataDir: string, extra: string[]): string[] {
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
export function writeClasspathArgFile(cacheDir: string, classpath: string): string {
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

// ---------------------------------------------------------------- class-data archive
// Loading Neo4j's ~15,000 classes from ~200 jars is most of a cold JVM's start. Java's dynamic CDS
// archive (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile) keeps them pre-parsed: the first
// instance of a classpath + JVM writes it when it stops cleanly, every later start maps it. It
// roughly halves the CPU a start needs. A stale or unusable archive is ignored by the JVM.

function archivePath(cacheDir: string, classpath: string, java: JavaInfo): string {
  const key = createHash('sha256').update(classpath).update('\0').update(java.versionText).digest('hex').slice(0, 16)
  return join(cacheDir, `classes-${key}.jsa`)
}

export function archiveFlags(dataDir: string, cacheDir: string, classpath: string, java: JavaInfo, write: boolean): string[] {
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
export function settleArchive(dataDir: string, clean: boolean): void {
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

