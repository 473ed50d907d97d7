// The extraction worker's heap cap holds when the process was started with the ingest's V8 flags (`npm run ingest`:
// INGEST_NODE_FLAGS, --max-old-space-size=1024), which win over a worker's resourceLimits: before, the cap was
// 1,036 MB there and a text too big for 64 MB went through a "capped" worker (src/ingest/heap.ts, sizeWorkerHeap).
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { INGEST_NODE_FLAGS } from '../../src/ingest/heap.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('the extraction worker heap under the ingest flags', () => {
  it('caps the worker (the big text runs out of its 64 MB and is rescued, uncapped), and loses nothing', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [...INGEST_NODE_FLAGS, '--import', 'tsx', 'test/support/pool-heap.ts', '64'], { cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    )
    const r = JSON.parse(out.trim().split('\n').pop()!) as { rescued: string[]; failed: number }
    expect(r.rescued.some((x) => x.startsWith('big.txt: it ran out of its 64 MB heap'))).toBe(true)
    expect(r.failed).toBe(0)
  }, 130_000)

  it('INGEST_NODE_FLAGS are the flags `npm run ingest` starts node with (package.json holds them for the command, heap.ts for the benches)', () => {
    const script = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.ingest
    expect(script.split(/\s+/).filter((a) => a.startsWith('--'))).toEqual(INGEST_NODE_FLAGS)
  })
})
