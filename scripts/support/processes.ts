// Child processes the benchmark and evaluation scripts share: the ingest command run against a given
// Neo4j (its --json summary read back), the API started on a free port, and a process's memory.
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../neo4j.ts'
import { INGEST_NODE_FLAGS } from '../../src/ingest/heap.ts'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SERVE = join(ROOT, 'src/cli/serve.ts')

export interface IngestRun<S> {
  code: number | null
  /** the last line of the command's --json output, parsed */
  summary: S
  /** seconds from spawn to exit */
  wallS: number
  /**
   * CPU seconds of each of the process's threads as last read (every 100 ms, so up to 0.1 s of the end is
   * missing), in the order Linux numbered them: the main thread first, then V8's platform threads
   * (compiler, collector), libuv's, and worker threads in the order they started. All are named `node`.
   */
  threads: number[]
}

/** CPU seconds (user + system) of each thread of `pid`, by thread id; empty once it has exited. */
export function tidCpuSeconds(pid: number): Map<number, number> {
  const out = new Map<number, number>()
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        out.set(Number(tid), (Number(f[11]) + Number(f[12])) / 100)
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    // the process ended
  }
  return out
}

/**
 * Runs `ingest <args> --json --no-progress` against `uri`, stderr passed through. Rejects when the
 * command prints no JSON summary (it crashed or refused its options); a run with failed articles
 * still resolves (exit 1 with a summary), so the caller decides what a failure means.
 */
export function runIngest<S = Record<string, unknown>>(uri: string, args: string[], opts: { root?: string; nodeArgs?: string[] } = {}): Promise<IngestRun<S>> {
  const t0 = performance.now()
  // root: another checkout (an older commit, to compare with this one), run with its own flags: none
  // before src/ingest/heap.ts, INGEST_NODE_FLAGS after
  const root = opts.root ?? ROOT
  const flags = root === ROOT || existsSync(join(root, 'src/ingest/heap.ts')) ? INGEST_NODE_FLAGS : []
  // its entry point: through tsx's require hook where the checkout has one (no loader thread), else --import tsx
  const boot = join(root, 'src/cli/ingest-boot.cjs')
  const entry = existsSync(boot) ? [boot] : ['--import', 'tsx', join(root, 'src/cli/ingest.ts')]
  return new Promise((resolve, reject) => {
    // nodeArgs: e.g. --cpu-prof (which NODE_OPTIONS does not allow), or --import of a tracing preload
    const child = spawn(process.execPath, [...flags, ...(opts.nodeArgs ?? []), ...entry, ...args, '--json', '--no-progress'], {
      cwd: root,
      env: { ...process.env, NEO4J_URI: uri },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    const threads = new Map<number, number>()
    const sample = setInterval(() => {
      if (child.pid !== undefined) for (const [tid, s] of tidCpuSeconds(child.pid)) threads.set(tid, s)
    }, 100)
    child.stdout.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', (code) => {
      clearInterval(sample)
      // INGEST_STDOUT=FILE keeps what the command printed (e.g. V8's --trace-opt --trace-deopt lines, --node-arg)
      if (process.env.INGEST_STDOUT) appendFileSync(process.env.INGEST_STDOUT, out)
      // the summary is the last line that is a JSON object (V8's traces may print after it)
      const last = out.trim().split('\n').findLast((l) => l.startsWith('{')) ?? ''
      try {
        resolve({ code, summary: JSON.parse(last) as S, wallS: (performance.now() - t0) / 1000, threads: [...threads].sort((a, b) => a[0] - b[0]).map(([, s]) => s) })
      } catch {
        reject(new Error(`ingest exited with ${code} and no summary: ${out.slice(0, 500)}`))
      }
    })
  })
}

/** Starts the API (`src/cli/serve.ts`) against `uri` on a free loopback port; resolves once /readyz answers 200. */
export async function startApi(
  uri: string,
  opts: { env?: Record<string, string>; timeoutMs?: number; stdout?: 'ignore' | 'pipe'; nodeArgs?: string[]; root?: string; port?: number } = {},
): Promise<{ child: ChildProcess; url: string }> {
  // port: a fixed one (a shared machine's allotted range; BENCH_API_PORT for the benches that take no option), else any free one
  const port = opts.port ?? (Number(process.env.BENCH_API_PORT) || (await freePort()))
  const timeoutMs = opts.timeoutMs ?? 120_000
  // nodeArgs: e.g. --cpu-prof (which NODE_OPTIONS does not allow) for a profile of the server alone
  // root: another checkout of the project (e.g. an older commit, to compare with this one)
  const root = opts.root ?? ROOT
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.root ? join(opts.root, 'src/cli/serve.ts') : SERVE], {
    cwd: root,
    env: { ...process.env, NEO4J_URI: uri, PORT: String(port), HOST: '127.0.0.1', ...opts.env },
    stdio: ['ignore', opts.stdout ?? 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
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
  throw new Error(`the API did not become ready within ${Math.round(timeoutMs / 1000)} s`)
}

/** A process's resident memory now and its peak (VmHWM), in bytes, from /proc. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
}

/**
 * The machine's idle CPU seconds so far, all cores summed (idle + iowait of /proc/stat's `cpu` line): the
 * difference over a run says whether the cores had time to spare, i.e. whether the run waited on a serial path
 * (idle > 0) or on CPU (idle ~ 0, every CPU second cut is wall time saved).
 */
export function machineIdleSeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
  return (Number(f[4]) + Number(f[5])) / 100 // USER_HZ
}

/**
 * CPU seconds (user + system) of each thread of process `pid` so far, summed by thread name with its numbers
 * dropped ("GC Thread#1" and "GC Thread#0" are "GC Thread#"; the kernel keeps 15 characters of a name): which
 * threads of a server did the work, e.g. the collector's or the JIT compiler's against the Bolt workers'.
 */
export function threadCpuSeconds(pid: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim().replace(/\d+/g, '')
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100)
    } catch {
      // the thread ended meanwhile
    }
  }
  return out
}

/**
 * CPU seconds (user + system) of process `pid` so far, all its threads, from /proc; and with
 * `pid` = 'children', those of this process's children that have exited and been waited for.
 */
export function cpuSeconds(pid: number | 'children'): number {
  const stat = readFileSync(`/proc/${pid === 'children' ? 'self' : pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // f[0] is field 3 (state)
  const ticks = pid === 'children' ? Number(f[13]) + Number(f[14]) : Number(f[11]) + Number(f[12])
  return ticks / 100 // USER_HZ: 100 on Linux
}

/** CPU milliseconds of the API, of Neo4j and of this process (the load generator: autocannon runs in it) */
export interface LoadCpu {
  api: number
  neo4j: number
  load: number
}

/** runs `run` (a load on the API) and returns its result with the CPU milliseconds each process used meanwhile */
export async function cpuDuring<T>(pids: { api: number; neo4j: number }, run: () => Promise<T>): Promise<{ result: T; cpuMs: LoadCpu }> {
  const [api0, neo0, own0] = [cpuSeconds(pids.api), cpuSeconds(pids.neo4j), process.cpuUsage()]
  const result = await run()
  const own = process.cpuUsage(own0)
  return { result, cpuMs: { api: (cpuSeconds(pids.api) - api0) * 1000, neo4j: (cpuSeconds(pids.neo4j) - neo0) * 1000, load: (own.user + own.system) / 1000 } }
}
