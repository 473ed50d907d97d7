// ownString (src/extract/own-string.ts): a word cut from a text, kept by a cache across documents, must not keep the
// text alive. Measured with settleHeap's full collections: 200 texts of 100,000 characters, one word of each kept.
import { describe, expect, it } from 'vitest'
import { ownString } from '../../src/extract/own-string.ts'
import { settleHeap } from '../../src/ingest/heap.ts'

async function heldBy(keep: (word: string) => string): Promise<{ bytes: number; words: string[] }> {
  await settleHeap()
  const before = process.memoryUsage().heapUsed
  const words: string[] = []
  for (let i = 0; i < 200; i++) {
    const text = `${'x'.repeat(50_000)} Nordvikstrand${i} ${'y'.repeat(50_000)}`
    words.push(keep(text.slice(50_001, 50_001 + `Nordvikstrand${i}`.length)))
  }
  await settleHeap()
  return { bytes: process.memoryUsage().heapUsed - before, words }
}

describe('ownString', () => {
  it('is equal to the word, and keeps none of the text it was cut from', async () => {
    const sliced = await heldBy((w) => w)
    const own = await heldBy(ownString)
    expect(own.words).toEqual(sliced.words)
    expect(own.words[7]).toBe('Nordvikstrand7')
    // 200 texts of ~100 KB held by their slices, against 200 short strings
    expect(sliced.bytes).toBeGreaterThan(10 * 2 ** 20)
    expect(own.bytes).toBeLessThan(1 * 2 ** 20)
  })

  it('returns a short word as it is (V8 copies those when it cuts them)', () => {
    const w = 'Oulu'
    expect(ownString(w)).toBe(w)
  })
})
