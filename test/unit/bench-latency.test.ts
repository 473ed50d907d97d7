// The benchmarks' latency figures (scripts/support/bench.ts): p50 and p99 from every answer's own time, not
// autocannon's whole-millisecond histogram, so that growth between 1-4 ms answers reads as it is.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fmtMs, loadGraphql, percentile } from '../../scripts/support/bench.ts'

describe('percentile', () => {
  it('is the nearest-rank value of the sorted list', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(percentile(xs, 0.5)).toBe(5)
    expect(percentile(xs, 0.99)).toBe(10)
    expect(percentile(xs, 0)).toBe(1)
    expect(percentile([2.5], 0.5)).toBe(2.5)
  })
})

describe('fmtMs', () => {
  it('keeps one decimal below 100 ms and whole milliseconds above', () => {
    expect(fmtMs(2.94)).toBe('2.9')
    expect(fmtMs(0.25)).toBe('0.3')
    expect(fmtMs(261.4)).toBe('261')
  })
})

describe('loadGraphql', () => {
  let server: Server
  let url: string
  let served = 0
  beforeAll(async () => {
    // answers after ~1.5 ms of busy work: a latency between whole milliseconds
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        const until = performance.now() + 1.5
        while (performance.now() < until);
        served++
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('takes p50 and p99 from the answers themselves, in fractional milliseconds', async () => {
    const f = await loadGraphql(url, '{"query":"{ stats { articles } }"}', 1, 0, 200)
    expect(served).toBeGreaterThanOrEqual(200)
    expect(f.errors).toBe(0)
    expect(f.p50).toBeGreaterThanOrEqual(1.5)
    expect(Number.isInteger(f.p50)).toBe(false)
    expect(f.p99).toBeGreaterThanOrEqual(f.p50)
  })
})
