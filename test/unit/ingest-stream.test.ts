// One big JSON Lines or JSON array input is read in chunks and extracted one article at a time (in the main
// thread, or a few records a task in the workers), each batch handed on before the next articles are
// extracted, so memory does not grow with the number of articles in one file (D7). The articles are
// fictional and generated here; nothing big is committed.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ingestInputs, RECORDS_PER_TASK, type Progress } from '../../src/ingest/pipeline.ts'
import { createExtractPool, type ExtractPool } from '../../src/ingest/pool.ts'

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
    const reports: Progress[] = []
    const summary = await ingestInputs(null, [{ path }], { dryRun: true, workers: 0, batchSize: 20, onProgress: (p) => reports.push({ ...p }) })
    expect(summary.articles.extracted).toBe(n)
    // the first batch goes on after ~20 articles, long before the file's 600 are extracted (counted, not
    // timed: the first articles also pay for loading the language model, so a clock would say little)
    const first = reports.find((r) => r.written > 0)!
    expect(first.inputsDone).toBe(0)
    expect(first.articles).toBeLessThan(n / 4)
    // and batches keep going on while the file is still being read
    expect(reports.filter((r) => r.written > 0 && r.articles < n).length).toBeGreaterThan(10)
    // at no point more than a few batches extracted and not yet handed on
    for (const r of reports) expect(r.articles - r.written).toBeLessThanOrEqual(20)
  }, 120_000)
})

/**
 * A JSON array of `n` records, each a short fictional article and `pad` characters of a field that is not its
 * text; written a record at a time, so that making it leaves no garbage the size of the file behind.
 */
function bigJsonArray(name: string, n: number, pad: number, bad: Record<number, string> = {}): { path: string; bytes: number } {
  const filler = 'x'.repeat(pad)
  const path = join(dir, name)
  const fd = openSync(path, 'w')
  let bytes = writeSync(fd, '[\n')
  for (let i = 0; i < n; i++) {
    const record =
      bad[i] ??
      JSON.stringify({
        url: `https://news.example.org/harbour/${i}`,
        title: `Harbour note ${i}`,
        text: `"The quay at Skarvik opens on day ${i}," harbour master Maren Ostvik said.`,
        raw_html: filler,
      })
    bytes += writeSync(fd, (i ? ',\n' : '') + record)
  }
  bytes += writeSync(fd, '\n]\n')
  closeSync(fd)
  return { path, bytes }
}

const held = (): number => {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

describe('one big JSON array', () => {
  it('D7: its first article comes out after a chunk of the file is read, not after the whole file is read and parsed', async () => {
    const { extractOutcomes } = await import('../../src/ingest/extract-step.ts')
    const { path, bytes } = bigJsonArray('big.json', 800, 100_000)
    // the models load on the first extraction: not counted
    const small = bigJsonArray('small.json', 2, 10)
    expect([...extractOutcomes(small.path)].every((o) => o.ok)).toBe(true)
    const base = held()
    const outcomes = extractOutcomes(path)
    const first = outcomes.next()
    const grown = held() - base
    outcomes.return(undefined)
    expect(first.value).toMatchObject({ ok: true, article: { source: `${path} [0]` } })
    // reading it whole held the file's bytes, its text and its parsed records (3 times its 80 MB at least)
    expect(bytes).toBeGreaterThan(80_000_000)
    expect(grown).toBeLessThan(bytes / 4)
  }, 120_000)

  it('D7: through the workers it goes a few records a task, never more than a few tasks ahead of the writer, with the per-record errors', async () => {
    const n = 400
    const { path } = bigJsonArray('workers.json', n, 10, { 3: '7', 5: '{"text": tru}' })
    const real = await createExtractPool(1)
    let largestReply = 0
    let tasks = 0
    let dispatched = 0
    let written = 0
    let mostAhead = 0
    const pool: ExtractPool = {
      size: real.size,
      async run(p, data, records) {
        tasks++
        dispatched += records?.length ?? 0
        mostAhead = Math.max(mostAhead, dispatched - written)
        const r = await real.run(p, data, records)
        largestReply = Math.max(largestReply, r.outcomes.length)
        return r
      },
      close: () => real.close(),
    }
    const failures: string[] = []
    try {
      const summary = await ingestInputs(null, [{ path }], {
        dryRun: true,
        workers: 1,
        batchSize: 20,
        pool: Promise.resolve(pool),
        onFailure: (f) => failures.push(f.error),
        onProgress: (p) => (written = p.written),
      })
      expect(summary.articles.extracted).toBe(n - 2)
      expect(summary.extracted.quotes).toBe(n - 2)
    } finally {
      await real.close()
    }
    expect(failures).toEqual([`${path} [3]: expected a JSON object for an article`, expect.stringMatching(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\[5\\]: invalid JSON: `))])
    // a whole file in one reply held all its articles at once
    expect(largestReply).toBeLessThanOrEqual(RECORDS_PER_TASK)
    expect(tasks).toBeGreaterThanOrEqual(n / RECORDS_PER_TASK)
    // the reader waits for the workers and the writer: at most 2 tasks in flight and a batch being filled
    expect(mostAhead).toBeLessThanOrEqual(2 * RECORDS_PER_TASK + 20 + RECORDS_PER_TASK)
  }, 180_000)
})
