// Load on the API that the benchmarks share (bench-api, bench-scale): autocannon POSTing one GraphQL
// body, medians over repeated runs, and stopping a child process (processes.ts starts them).
import type { ChildProcess } from 'node:child_process'
import autocannon from 'autocannon'

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
  /** mean latency, ms (with `connections`, Little's law gives the throughput of a run too short for its own clock) */
  mean: number
  errors: number
}

/** autocannon POSTing one GraphQL body to url/graphql, for `seconds` (or, with `amount`, that many requests) */
export async function loadGraphql(url: string, body: string, connections: number, seconds: number, amount?: number): Promise<Figures> {
  const result = await autocannon({
    ...(amount ? { amount } : {}),
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
    mean: result.latency.mean,
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
    mean: median(runs.map((r) => r.mean)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  }
}
