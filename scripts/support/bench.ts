// Pieces the benchmark scripts share (bench-ingest, bench-api, soak, bench-scale): running the
// ingest command as a child process and reading its JSON summary, starting the API as `npm start`
// does, loading it with autocannon, and reading a process's memory from /proc.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { freePort } from '../neo4j.ts'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const INGEST_CLI = join(ROOT, 'src/cli/ingest.ts')
const SERVE_CLI = join(ROOT, 'src/cli/serve.ts')

/** what `npm run ingest -- --json` prints last */
export interface CliSummary {
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

/** The ingest command in a child process against `uri`; resolves with its summary and the wall time. */
export function runIngestCli(uri: string, args: string[]): Promise<{ summary: CliSummary; wallS: number }> {
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', INGEST_CLI, ...args, '--json', '--no-progress'], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: uri },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.on('exit', (code) => {
      const wallS = (performance.now() - t0) / 1000
      try {
        resolve({ summary: JSON.parse(out.trim().split('\n').pop() ?? ''), wallS })
      } catch {
        reject(new Error(`ingest exited with ${code} and no summary: ${out.slice(0, 500)}`))
      }
    })
  })
}

/**
 * The API as `npm start` runs it (src/cli/serve.ts, its own settings), on a free port, against `uri`;
 * `env` adds settings (e.g. RESPONSE_CACHE_MS). Resolves once /readyz answers 200.
 */
export async function startApi(uri: string, env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort()
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', SERVE_CLI], {
    cwd: ROOT,
    env: { ...process.env, ...env, NEO4J_URI: uri, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  child.stdout!.resume() // its log lines are not needed; never let the pipe fill
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited while starting (code ${child.exitCode})`)
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return { child, url }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGTERM')
  throw new Error('the API did not become ready within 90 s')
}

/** SIGTERM, and resolve once the process is gone */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export interface Figures {
  rps: number
  p50: number
  p99: number
  errors: number
}

/** autocannon POSTing one GraphQL body to url/graphql */
export async function loadGraphql(url: string, body: string, connections: number, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** the median of each figure over repeated runs (the machine is shared: single runs are noisy) */
export function medianFigures(runs: Figures[]): Figures {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  }
}

/** a process's memory from /proc: `VmRSS` (now) or `VmHWM` (its peak so far), in bytes; 0 when gone */
export function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : 0
  } catch {
    return 0
  }
}
