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
  /** the 2xx answers the run counted */
  answered: number
}

/**
 * autocannon POSTing one GraphQL body to url/graphql, for `seconds` (or, with `amount`, that many requests).
 * p50 and p99 are taken from every 2xx answer's own time (fractional ms): autocannon's histogram keeps whole
 * milliseconds, too coarse for questions answered in 1-4 ms (a growth of 2 -> 4 ms reads 2.00x either way).
 */
export async function loadGraphql(url: string, body: string, connections: number, seconds: number, amount?: number): Promise<Figures> {
  const times: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        ...(amount ? { amount } : {}),
        url: `${url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections,
        duration: seconds,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    )
    run.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) times.push(ms)
    })
  })
  times.sort((a, b) => a - b)
  return {
    rps: result.requests.average,
    p50: times.length ? percentile(times, 0.5) : result.latency.p50,
    p99: times.length ? percentile(times, 0.99) : result.latency.p99,
    mean: result.latency.mean,
    errors: result.errors + result.timeouts + result.non2xx,
    answered: times.length,
  }
}

/** the nearest-rank percentile of sorted values */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]
}

/** a latency for a table: one decimal below 100 ms, whole milliseconds above */
export function fmtMs(ms: number): string {
  return ms < 100 ? ms.toFixed(1) : ms.toFixed(0)
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
    answered: median(runs.map((r) => r.answered)),
  }
}
