// Configuration: heap and page cache from settings or the machine, neo4j.conf written on every
// start, and the server's logs read back when it fails.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { totalmem } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, HOST, LauncherError } from './base.ts'


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

export function portsFromConf(dataDir: string): { boltPort: number; httpPort: number } {
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

export function writeConf(dataDir: string, boltPort: number, httpPort: number, pageCache: string, extra: string[] = []): void {
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

/** Why the server failed, from its logs: the first error line if there is one, else the last lines. */
export function logTail(dataDir: string): string {
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

