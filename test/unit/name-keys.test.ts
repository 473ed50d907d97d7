// The keyword index's query for a name (src/graph/name-keys.ts): the lowered name as one quoted term, with
// nothing of Lucene's syntax left to act inside it, and none where the lookup must ask the phrase.
import { describe, expect, it } from 'vitest'
import { exactNameLuceneQuery, MAX_EXACT_CHARS, NAME_KEYS } from '../../src/graph/name-keys.ts'

describe('exactNameLuceneQuery', () => {
  it('is the lowered name, quoted, its quotes and backslashes escaped', () => {
    expect(exactNameLuceneQuery('Donald Trump', true)).toBe('"donald trump"')
    expect(exactNameLuceneQuery('AT&T/"x"\\', true)).toBe('"at&t/\\"x\\"\\\\"')
    expect(exactNameLuceneQuery('ΟΔΟΣ', true)).toBe('"οδος"')
    expect(exactNameLuceneQuery('a OR b* (c) -d~2', true)).toBe('"a or b* (c) -d~2"')
  })
  it('leaves to the phrase what it cannot cover: no word, empty, longer than any name', () => {
    expect(exactNameLuceneQuery('anything', false)).toBeNull()
    expect(exactNameLuceneQuery('', true)).toBeNull()
    expect(exactNameLuceneQuery('x'.repeat(MAX_EXACT_CHARS + 1), true)).toBeNull()
    expect(exactNameLuceneQuery('x'.repeat(MAX_EXACT_CHARS), true)).not.toBeNull()
  })
  it("keys an entity's name and every alias, lowered in Cypher", () => {
    expect(NAME_KEYS('e.name', 'e.aliases')).toBe('[nameKey IN [e.name] + coalesce(e.aliases, []) | toLower(nameKey)]')
  })
})
