// The ingest command's entry point (src/cli/ingest-boot.cjs, what `npm run ingest` and the benches run): the same
// command as `node --import tsx src/cli/ingest.ts`, without tsx's ESM loader thread (one V8 isolate fewer).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ARGS = ['--dry-run', '--no-progress', '--json', 'test/fixtures/ingest/articles']

/** runs the command; its summary without the timings and memory */
function run(entry: string[], workers = 1): Promise<{ summary: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...ARGS, '--workers', String(workers)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', () => {
      const { seconds: _s, extractMs: _e, writeMs: _w, peakRssMb: _p, ...summary } = JSON.parse(out.trim().split('\n').at(-1)!)
      resolve({ summary })
    })
  })
}

describe('the ingest entry point', () => {
  // (the thread it saves is measured in docs/memory.md: a count sampled from /proc under a loaded test run missed peaks)
  it('runs the command as --import tsx does', async () => {
    const boot = await run(['src/cli/ingest-boot.cjs'])
    const esm = await run(['--import', 'tsx', 'src/cli/ingest.ts'])
    expect((boot.summary.articles as { extracted: number }).extracted).toBeGreaterThan(0)
    expect(boot.summary).toEqual(esm.summary)
  }, 120_000)

  // with no workers the extraction loads in the main thread: through the boot file that is CommonJS under tsx's
  // require hook, where a dynamic import() of a .ts file failed ("Unknown file extension")
  it('extracts in the main thread (--workers 0) as --import tsx does', async () => {
    const boot = await run(['src/cli/ingest-boot.cjs'], 0)
    const esm = await run(['--import', 'tsx', 'src/cli/ingest.ts'], 0)
    expect((boot.summary.articles as { extracted: number }).extracted).toBeGreaterThan(0)
    expect(boot.summary).toEqual(esm.summary)
  }, 120_000)
})
