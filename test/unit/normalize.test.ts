// Invisible characters and look-alikes inside names (src/extract/normalize.ts, hooked into nlp.ts's analyse):
// the whole name is found, its quote attributed to it, and every offset still slices the text as read.
import { describe, expect, it } from 'vitest'
import { extractArticle } from '../../src/extract/index.ts'
import { normaliseForMatching } from '../../src/extract/normalize.ts'
import type { ArticleInput } from '../../src/extract/types.ts'

const input = (text: string): ArticleInput => ({ text, bodyStart: 0, bodyEnd: text.length, meta: { title: null, publishedAt: null, authors: [], dateline: null, publisher: null, url: null } })
const story = (name: string) => `Minister Ilsa ${name} visited Lindholm on Monday. "The harbour will stay open," Ilsa ${name} said.\n`

/** the people found, with the original text each mention's offsets slice, and the quote's speaker */
function people(text: string) {
  const a = extractArticle(input(text), 'test.txt')
  const ilsa = a.entities.filter((e) => e.name.startsWith('Ilsa'))
  return {
    names: ilsa.map((e) => `${e.type}: ${e.name}`),
    slices: ilsa.flatMap((e) => e.mentions.map((m) => text.slice(m.start, m.end))),
    speakers: a.quotes.map((q) => a.entities.find((e) => e.id === q.speakerId)?.name ?? null),
    quoteSlices: a.quotes.map((q) => text.slice(q.start, q.end)),
  }
}

describe('names with invisible characters and look-alikes', () => {
  const cases: [string, string][] = [
    ['a soft hyphen (&shy;)', 'Par\u00ADvenko'],
    ['a zero-width joiner', 'Par\u200Dvenko'],
    ['a zero-width space', 'Par\u200Bvenko'],
    ['a right-to-left override', 'Par\u202Evenko\u202C'],
    ['a Cyrillic Р for the Latin P', '\u0420arvenko'],
    ['a fullwidth Ｐ', '\uFF30arvenko'],
  ]
  for (const [what, name] of cases) {
    it(`D11: ${what} inside a name keeps the whole name, its quote and offsets into the original`, () => {
      const text = story(name)
      const got = people(text)
      expect(got.names).toEqual(['Person: Ilsa Parvenko'])
      expect(got.speakers).toEqual(['Ilsa Parvenko'])
      // the offsets index the text as read: each mention slices the name as written, invisible characters and all
      const written = `Ilsa ${name}`.replace(/\u202C$/, '')
      expect(got.slices).toEqual([written, written])
      expect(got.quoteSlices).toEqual(['The harbour will stay open'])
    })
  }

  it('D11: a word wholly in Cyrillic or Greek is left as it is; plain text is not copied', () => {
    expect(normaliseForMatching('Министр Сергей Орлов сказал')).toBeNull()
    expect(normaliseForMatching('Ο Νίκος είπε')).toBeNull()
    expect(normaliseForMatching('Plain text, nothing to do.')).toBeNull()
  })

  it('D11: the map sends every normalised unit back to the code point it came from', () => {
    const original = 'A\u00ADB\uFF23 \uD835\uDC00x\uFB01'
    const n = normaliseForMatching(original)!
    expect(n.text).toBe('ABC Axfi')
    expect(Array.from(n.start)).toEqual([0, 2, 3, 4, 5, 7, 8, 8, 9])
    expect(Array.from(n.end)).toEqual([1, 3, 4, 5, 7, 8, 9, 9])
  })
})
