// The search eval's typos (scripts/eval/search.ts): a user's slip in the longest word, and where it falls.
import { describe, expect, it } from 'vitest'
import { twoTyposOf, typoKind, typoOf } from '../../scripts/eval/search.ts'
import { searchParams } from '../../src/graph/read.ts'

describe('the search eval', () => {
  it("drops the middle letter of a name's longest word of 4+ letters, and makes none without one", () => {
    expect(typoOf('Halvard Moen')).toBe('Halard Moen')
    expect(typoOf('Lena\u00a0Morrow')).toBe('Lena Morow')
    expect(typoOf('EU')).toBeNull()
  })
  it('drops the letters two before and two after the middle of the longest word of 8+ letters', () => {
    expect(twoTyposOf('Sigrid Halvorsensson')).toBe('Sigrid Halvrsesson')
    expect(twoTyposOf('Anna-Kaisa Moen')).toBe('Ann-Kasa Moen')
    expect(twoTyposOf('Halvard Moen')).toBeNull()
  })
  it('says whether the typo is in the name, an alias, or an alias word the name does not hold', () => {
    expect(typoKind('Halvard Moen', 'Halvard Moen', false)).toBe('name')
    expect(typoKind('Moen', 'Halvard Moen', true)).toBe('alias')
    expect(typoKind('Hal Moen', 'Halvard Moen', true)).toBe('alias word not in the name')
  })
  it("asks Lucene for ten times the hits plus twenty, at most 500, as the API's search does", () => {
    expect(searchParams('moen~1', 10).candidates.toNumber()).toBe(120)
    expect(searchParams('moen~1', 100).candidates.toNumber()).toBe(500)
  })
})
