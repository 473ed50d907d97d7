// src/ingest/pool.ts: extraction worker threads with a capped heap. An input too big for the cap
// kills its worker; the pool replaces the worker and extracts the tasks it held again, each in a
// worker of its own without the cap, so no input is lost to the cap.
import { afterAll, describe, expect, it } from 'vitest'
import { createExtractPool, type ExtractPool } from '../../src/ingest/pool.ts'
import type { InputResult } from '../../src/ingest/extract-step.ts'

const STORY =
  'Tarnmouth harbour reopened on Tuesday after a week of repairs. "The quay is safe again," harbour master Orla Fenwick told reporters. ' +
  'Idris Pell, who chairs the Brindle Fishing Cooperative, said the closure had cost its members dearly.\n\n' +
  '"We lost a week of landings and nobody has told us who will pay," Pell said.\n\n'

const quotes = (r: InputResult): number => r.outcomes.reduce((n, o) => n + (o.ok ? o.article.rows.quotes.length : 0), 0)
const errors = (r: InputResult): string[] => r.outcomes.flatMap((o) => (o.ok ? [] : [o.error]))

describe('the extraction pool', () => {
  let pool: ExtractPool | null = null
  afterAll(() => pool?.close())

  it('extracts an input that outgrows the heap cap in a worker of its own, and loses none of the others', async () => {
    const rescued: string[] = []
    // 64 MB holds the models and an ordinary article; a 4 MB text does not fit beside them
    pool = await createExtractPool(1, { heapMb: 64, onRescue: (path, why) => rescued.push(`${path}: ${why}`) })
    const big = STORY.repeat(Math.ceil(4_000_000 / STORY.length))
    const [before, huge, after] = await Promise.all([pool.run('before.txt', STORY), pool.run('big.txt', big), pool.run('after.txt', STORY)])
    expect(rescued.some((r) => r.startsWith('big.txt: it ran out of its 64 MB heap'))).toBe(true)
    for (const r of [before, huge, after]) expect(errors(r)).toEqual([])
    expect(quotes(before)).toBeGreaterThan(1)
    expect(quotes(after)).toBe(quotes(before))
    expect(quotes(huge)).toBe(quotes(before) * Math.ceil(4_000_000 / STORY.length))
    // the replacement worker, capped again, takes the next inputs
    const next = await pool.run('next.txt', STORY)
    expect(quotes(next)).toBe(quotes(before))
  }, 60_000)

  it('refuses to start, with the reason, when a worker cannot load its models', async () => {
    await expect(createExtractPool(2, { heapMb: 8 })).rejects.toThrow(/extraction worker exited with code \d+ while starting: it ran out of its 8 MB heap/)
  })
})
