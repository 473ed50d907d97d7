import { describe, expect, it } from 'vitest'
import { settleHeap } from '../../src/ingest/heap.ts'

describe('settleHeap', () => {
  it('runs a full collection: objects that survived the young generation and were then dropped leave the heap', () => {
    const fill = (): number => {
      const held: { i: number; s: string }[] = []
      for (let i = 0; i < 1_000_000; i++) held.push({ i, s: `record ${i}` })
      expect(held).toHaveLength(1_000_000)
      return process.memoryUsage().heapUsed
    }
    // held only while fill runs
    const withThem = fill()
    settleHeap()
    const after = process.memoryUsage().heapUsed
    // a million small objects and their strings are some 60 MB; a young-generation collection alone keeps them (they are old by now)
    expect(withThem - after).toBeGreaterThan(30 * 2 ** 20)
  })
})
