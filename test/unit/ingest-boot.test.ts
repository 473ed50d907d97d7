// The ingest command's entry point (src/cli/ingest-boot.cjs, what `npm run ingest` and the benches run): the same
// command as `node --import tsx src/cli/ingest.ts`, without tsx's ESM loader thread (one V8 isolate fewer).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ARGS = ['--dry-run', '--no-progress', '--json', '--workers', '1', 'test/fixtures/ingest/articles']

/** runs the command, reading its thread count once its worker is up; its summary without the timings and memory */
function run(entry: string[]): Promise<{ summary: Record<string, unknown>; threads: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...ARGS], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    let threads = 0
    const sample = setInterval(() => {
      try {
        threads = Math.max(threads, Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0))
      } catch {
        // exited
      }
    }, 20)
    child.stdout.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', () => {
      clearInterval(sample)
      const { seconds: _s, extractMs: _e, writeMs: _w, peakRssMb: _p, ...summary } = JSON.parse(out.trim().split('\n').at(-1)!)
      resolve({ summary, threads })
    })
  })
}

describe('the ingest entry point', () => {
  it('runs the command as --import tsx does, with one thread fewer', async () => {
    const boot = await run(['src/cli/ingest-boot.cjs'])
    const esm = await run(['--import', 'tsx', 'src/cli/ingest.ts'])
    expect((boot.summary.articles as { extracted: number }).extracted).toBeGreaterThan(0)
    expect(boot.summary).toEqual(esm.summary)
    // /proc is Linux's; elsewhere the count stays 0 and says nothing
    if (esm.threads > 0) expect(boot.threads).toBeLessThan(esm.threads)
  }, 120_000)
})
