// The compact numbers in the sort keys (src/graph/pages.ts ASC and DESC): shorter than the 10
// zero-padded digits they replace, in the same order, and prefix-free (what follows them in a key
// compares only between equal numbers).
import { describe, expect, it } from 'vitest'
import { ascKey, descKey } from '../../src/graph/pages.ts'

const NUMBERS = [0, 1, 2, 9, 10, 11, 42, 99, 100, 101, 999, 1000, 4096, 65535, 99999, 100000, 123456789, 999999999, 1000000000, 9999999999]
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

describe('compact numbers in keys', () => {
  it('ASC sorts as the numbers ascending, DESC as the numbers descending', () => {
    const asc = [...NUMBERS].sort(() => Math.random() - 0.5).map(ascKey).sort(cmp)
    expect(asc).toEqual(NUMBERS.map(ascKey))
    const desc = [...NUMBERS].sort(() => Math.random() - 0.5).map(descKey).sort(cmp)
    expect(desc).toEqual([...NUMBERS].reverse().map(descKey))
    expect([ascKey(7), ascKey(42), ascKey(1234), descKey(7), descKey(42), descKey(100)]).toEqual(['b7', 'c42', 'e1234', 'y2', 'x57', 'w899'])
  })

  it('is prefix-free: a suffix after the number never reorders two different numbers', () => {
    for (const key of [ascKey, descKey]) {
      for (const a of NUMBERS) {
        for (const b of NUMBERS) {
          if (a === b) continue
          expect(cmp(key(a) + ' zzz', key(b) + ' ') , `${a} ${b}`).toBe(cmp(key(a), key(b)))
          expect(key(a).startsWith(key(b))).toBe(false)
        }
      }
    }
  })
})
