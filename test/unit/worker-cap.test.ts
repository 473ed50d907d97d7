// --workers is capped to what the machine can hold (cores and free memory), with a warning.
import { execFile } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { WORKER_MB, workerCap } from '../../src/ingest/pipeline.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('the worker cap', () => {
  it('D19: 32 workers on 2 cores are capped to 2, with the reason', () => {
    expect(workerCap(32, { cores: 2, freeMb: 24_000 })).toEqual({ workers: 2, why: '32 extraction workers capped to 2: this machine has 2 cores' })
  })

  it('D19: workers are capped by free memory too, and never below one', () => {
    const freeMb = 4 * WORKER_MB // half of it holds 2 workers
    expect(workerCap(8, { cores: 16, freeMb })).toEqual({ workers: 2, why: `8 extraction workers capped to 2: ${freeMb} MB of memory is free and each worker takes up to ${WORKER_MB} MB` })
    expect(workerCap(8, { cores: 16, freeMb: 10 }).workers).toBe(1)
  })

  it('D19: a request the machine holds stands, without a warning', () => {
    expect(workerCap(3, { cores: 4, freeMb: 24_000 })).toEqual({ workers: 3, why: null })
    expect(workerCap(0, { cores: 2, freeMb: 10 })).toEqual({ workers: 0, why: null })
  })

  it('D19: ingest --workers 32 warns and runs with no more workers than cores', async () => {
    const r = await new Promise<{ stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/ingest.ts', '--dry-run', '--no-progress', '--json', '--workers', '32', 'test/fixtures/ingest/articles'],
        { cwd: ROOT, timeout: 120_000 },
        (_, stdout, stderr) => resolve({ stdout, stderr }),
      ),
    )
    expect(r.stderr).toMatch(/^warning: 32 extraction workers capped to \d+: /m)
    const summary = JSON.parse(r.stdout)
    expect(summary.workers).toBeLessThanOrEqual(availableParallelism())
    expect(summary.articles.failed).toBe(0)
  }, 130_000)
})
