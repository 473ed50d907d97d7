// One big JSON Lines input is extracted one article at a time, each batch handed on before the next
// articles are extracted, so memory does not grow with the number of articles in one file (D7). The
// articles are fictional and generated here; nothing big is committed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ingestInputs, type Progress } from '../../src/ingest/pipeline.ts'

const dir = mkdtempSync(join(tmpdir(), 'ingest-stream-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function bigJsonl(n: number): string {
  const towns = ['Lindholm', 'Skarvik', 'Osterby', 'Varnes']
  const people = ['Maren Ostvik', 'Henrik Dahle', 'Greta Holm', 'Nils Aaberg']
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      url: `https://news.example.org/brief/${i}`,
      title: `Brief ${i}`,
      text: `"Item ${i} for ${towns[i % 4]} is settled," ${people[i % 4]} said. The council of ${towns[(i + 1) % 4]} met ${people[(i + 2) % 4]} about the harbour.`,
    }),
  )
  const path = join(dir, 'big.jsonl')
  writeFileSync(path, lines.join('\n') + '\n')
  return path
}

describe('one big input', () => {
  it('D7: the articles of one JSON Lines file are handed on in batches while the rest are still extracted', async () => {
    const n = 600
    const path = bigJsonl(n)
    const t0 = performance.now()
    const reports: (Progress & { at: number })[] = []
    const summary = await ingestInputs(null, [{ path }], { dryRun: true, workers: 0, batchSize: 20, onProgress: (p) => reports.push({ ...p, at: performance.now() - t0 }) })
    const total = performance.now() - t0
    expect(summary.articles.extracted).toBe(n)
    // the first batch goes on after ~20 articles, long before the file's 600 are extracted
    const first = reports.find((r) => r.written > 0)!
    expect(first.inputsDone).toBe(0)
    expect(first.articles).toBeLessThan(n / 4)
    expect(first.at).toBeLessThan(total / 2)
    // at no point more than a few batches extracted and not yet handed on
    for (const r of reports) expect(r.articles - r.written).toBeLessThanOrEqual(20)
  }, 120_000)
})
