// Processes and ports: the server of a data folder by its pid file or command line, free and open
// ports, and whose Neo4j answers on a Bolt URI.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { connect as tcpConnect, createServer } from 'node:net'
import { join, resolve } from 'node:path'
import neo4j from 'neo4j-driver'
import { HOST, MAIN_CLASS, PID_FILE, sleep } from './base.ts'

/** answers once the default database is up, and tells whose server answered (its data folder) */
const READY_QUERY = "CALL dbms.listConfig('server.directories.data') YIELD name, value WHERE name = 'server.directories.data' RETURN value AS dataDir"
/** the local instance runs without authentication (the driver's typings lack auth.none()) */
const NO_AUTH = { scheme: 'none', principal: '', credentials: '' }


function readPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/** The process's command line, or null when it is gone (zombies have an empty one). */
export function commandLine(pid: number): string | null {
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
export function runningPid(dataDir: string): number | null {
  const pid = readPid(dataDir)
  if (pid !== null && serverOf(dataDir, pid)) return pid
  if (!existsSync('/proc/self')) return null
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && serverOf(dataDir, Number(entry))) return Number(entry)
  }
  return null
}


export async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (commandLine(pid) === null) return true
    await sleep(100)
  }
  return commandLine(pid) === null
}

export function portFree(port: number): Promise<boolean> {
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

export function portOpen(port: number): Promise<boolean> {
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
export async function boltAnswers(uri: string): Promise<{ dataDir: string } | { error: string }> {
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

export function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p)
    } catch {
      return resolve(p)
    }
  }
  return resolve(a) === resolve(b) || real(a) === real(b)
}

