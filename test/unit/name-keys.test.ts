// The keyword indexes' query for a name (src/graph/name-keys.ts): it must match every stored name or alias
// that the lookups' filter keeps (lowered, equal to the lowered name), so the lookups find what the phrase
// query found before.
import { describe, expect, it } from 'vitest'
import { caseGroup, exactNameLuceneQuery, fullCaseGroups, MAX_EXACT_CHARS } from '../../src/graph/name-keys.ts'

/** the query's expression as a JavaScript RegExp (the same syntax for what it makes: classes and escapes) */
const asRegExp = (q: string) => new RegExp(`^${q.slice(1, -1).replace(/\\(.)/gu, (_, c: string) => (/[A-Za-z0-9]/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`))}$`, 'u')

describe('exactNameLuceneQuery', () => {
  it('is a class of every case of each letter, the rest escaped', () => {
    expect(exactNameLuceneQuery('Donald Trump', true)).toBe('/[Dd][Oo][Nn][Aa][Ll][Dd]\\ [Tt][Rr][Uu][Mm][Pp]/')
    expect(exactNameLuceneQuery('AT&T/"x"\\', true)).toBe('/[Aa][Tt]\\&[Tt]\\/\\"[Xx]\\"\\\\/')
    expect(exactNameLuceneQuery('Jo 2', true)).toBe('/[Jj][Oo]\\ 2/')
  })
  it('matches every spelling whose lowercase is the name lowered, and not other names', () => {
    const cases: [string, string[], string[]][] = [
      ['Donald Trump', ['DONALD TRUMP', 'donald trump', 'DoNaLd TrUmP'], ['Donald Trump Jr.', 'Cheeto Donald Trump', 'Donald  Trump']],
      ['kelvin', ['\u212aELVIN', 'Kelvin'], ['kelvi']],
      ['ΟΔΟΣ', ['οδος', 'οδοσ', 'ΟΔΟΣ'], ['οδο']],
      ['straße', ['STRAẞE', 'Straße'], ['strasse']],
      ['a.b (c) [d] {e} +*?|~#@<>', ['A.B (C) [D] {E} +*?|~#@<>'], ['axb (c) [d] {e} +*?|~#@<>']],
    ]
    for (const [name, yes, no] of cases) {
      const re = asRegExp(exactNameLuceneQuery(name, true)!)
      for (const s of yes) expect(re.test(s), `${name} ~ ${s}`).toBe(true)
      for (const s of [name, ...yes]) expect(s.toLowerCase() === name.toLowerCase() || name === 'ΟΔΟΣ', `${s} lowers as ${name}`).toBe(true)
      for (const s of no) expect(re.test(s), `${name} !~ ${s}`).toBe(false)
    }
  })
  it('leaves to the phrase what it cannot cover: no word, U+0307 (İ lowered), longer than any name', () => {
    expect(exactNameLuceneQuery('anything', false)).toBeNull()
    expect(exactNameLuceneQuery('İstanbul', true)).toBeNull()
    expect(exactNameLuceneQuery('x'.repeat(MAX_EXACT_CHARS + 1), true)).toBeNull()
    expect(exactNameLuceneQuery('x'.repeat(MAX_EXACT_CHARS), true)).not.toBeNull()
  })
  it("caseGroup's table is every code point's case group on this Node (a scan of all of them)", () => {
    const full = fullCaseGroups()
    // no case mapping changes a code point past this: every other code point is its own group
    expect(full.highestCased).toBeLessThan(0x20000)
    const differ: string[] = []
    for (let cp = 0; cp <= full.highestCased; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      const ch = String.fromCodePoint(cp)
      if (ch.toLowerCase() !== ch) continue // a lowered name holds only code points that lower to themselves
      const want = full.group(cp)
      const got = caseGroup(cp)
      if (want.join() !== got.join()) differ.push(`U+${cp.toString(16)}: ${got.join()} against ${want.join()}`)
    }
    expect(differ).toEqual([])
  }, 120_000)
})
