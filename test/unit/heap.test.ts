import { afterEach, describe, expect, it, vi } from 'vitest'
import { SETTLE_FREED_BYTES, SETTLE_MORE, settleHeap } from '../../src/ingest/heap.ts'

describe('settleHeap', () => {
  afterEach(() => void vi.unstubAllEnvs())
  it('runs a full collection: objects that survived the young generation and were then dropped leave the heap', async () => {
    const fill = (): number => {
      const held: { i: number; s: string }[] = []
      for (let i = 0; i < 1_000_000; i++) held.push({ i, s: `record ${i}` })
      expect(held).toHaveLength(1_000_000)
      return process.memoryUsage().heapUsed
    }
    // held only while fill runs
    const withThem = fill()
    await settleHeap()
    const after = process.memoryUsage().heapUsed
    // a million small objects and their strings are some 60 MB; a young-generation collection alone keeps them (they are old by now)
    expect(withThem - after).toBeGreaterThan(30 * 2 ** 20)
  })
  it('collects again after a pause what the first collection could only mark for release (a finaliser run as a task)', async () => {
    const withMode = async (mode: string | undefined): Promise<number> => {
      vi.stubEnv('NEWSGRAPH_SETTLE_HEAP', mode)
      // 20,000 small objects, each with a held value of ~1 KB that the registry keeps until its callback has run
      const registry = new FinalizationRegistry<string[]>(() => {})
      const fill = (): void => {
        for (let i = 0; i < 20_000; i++) registry.register({ i }, Array.from({ length: 8 }, (_, k) => `held ${i} ${k} ${'x'.repeat(100)}`))
      }
      fill()
      await settleHeap()
      const before = process.memoryUsage().heapUsed
      // what is left: whatever the next task-run and collection free
      await new Promise((r) => setTimeout(r, 20))
      await settleHeap()
      return before - process.memoryUsage().heapUsed
    }
    // one collection alone leaves the held values (~20 MB) for a later one to free; two with a pause leave nothing of them
    expect(await withMode('1')).toBeGreaterThan(10 * 2 ** 20)
    expect(await withMode(undefined)).toBeLessThan(2 * 2 ** 20)
  })
  it('collects once more right after the second while a collection frees SETTLE_FREED_BYTES or more, at most SETTLE_MORE times', async () => {
    const MB = 2 ** 20
    /** a heap of 200 MB whose collections free the given MB in turn (then nothing): how many collections settleHeap ran */
    const run = async (frees: number[], mode?: string): Promise<number> => {
      vi.stubEnv('NEWSGRAPH_SETTLE_HEAP', mode)
      let heap = 200 * MB
      let calls = 0
      await settleHeap(() => void (heap -= (frees[calls++] ?? 0) * MB), () => heap)
      return calls
    }
    const little = SETTLE_FREED_BYTES / MB / 2
    // the third frees what the second left (as in bench:scale's 100,000 step), the fourth little: four in all
    expect(await run([30, 5, 45, little])).toBe(4)
    // the third frees little: three
    expect(await run([30, 5, little, 40])).toBe(3)
    // every one frees much: two, then SETTLE_MORE
    expect(await run([30, 30, 30, 30, 30, 30, 30])).toBe(2 + SETTLE_MORE)
    expect(await run([30, 5, 45], '2')).toBe(2)
    expect(await run([30, 5, 45], '1')).toBe(1)
    expect(await run([30, 5, 45], '0')).toBe(0)
  })
})
