// Readers: decoding, format detection, and what each format's reader makes of its input.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../../src/extract/read/decode.ts'
import { detectFormat, InputError, readInput, readInputSettled } from '../../src/extract/read/index.ts'
import { normaliseDate } from '../../src/extract/read/dates.ts'
import { articleId } from '../../src/extract/ids.ts'
import type { ArticleInput } from '../../src/extract/types.ts'

const FIX = 'test/fixtures/extract'
const fixture = (name: string) => readFileSync(`${FIX}/${name}`)

describe('decodeBytes', () => {
  it('strips a UTF-8 byte order mark', () => {
    expect(decodeBytes(Buffer.from('\uFEFFHello', 'utf8'), 'a.txt')).toBe('Hello')
  })
  it('reads UTF-16 LE and BE by their byte order marks', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zoë said “hi”', 'utf16le')])
    expect(decodeBytes(le, 'le.txt')).toBe('Zoë said “hi”')
    const be = Buffer.from(le)
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]]
    expect(decodeBytes(be, 'be.txt')).toBe('Zoë said “hi”')
  })
  it('refuses invalid UTF-8 with an error naming the file', () => {
    expect(() => decodeBytes(Buffer.from([0x48, 0x69, 0xc3, 0x28, 0x21]), 'bad.txt')).toThrow(/^bad\.txt: invalid UTF-8/)
  })
  it('refuses binary: NUL bytes, or mostly control characters', () => {
    expect(() => decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]), 'img.png')).toThrow(InputError)
    expect(() => decodeBytes(Buffer.from('\x01\x02\x03\x04abc\x05\x06\x07\x08', 'latin1'), 'ctl.dat')).toThrow(/^ctl\.dat: binary/)
  })
  it('keeps ordinary text with tabs and CRLF', () => {
    expect(decodeBytes(Buffer.from('a\tb\r\nc', 'utf8'), 'x')).toBe('a\tb\r\nc')
  })
})

describe('detectFormat', () => {
  it('goes by the extension where it is decisive', () => {
    expect(detectFormat('{"text":"x"}', 'a.json')).toBe('json')
    expect(detectFormat('{"text":"x"}\n{"text":"y"}', 'a.jsonl')).toBe('jsonl')
    expect(detectFormat('<p>x</p>', 'a.html')).toBe('html')
  })
  it('sniffs the content otherwise', () => {
    expect(detectFormat('  <!DOCTYPE html><html><body>x</body></html>', '-')).toBe('html')
    expect(detectFormat('{"text":"x"}\n{"text":"y"}\n', '-')).toBe('jsonl')
    expect(detectFormat('{\n  "text": "x"\n}\n', '-')).toBe('json')
    expect(detectFormat('[{"text":"x"}]', 'a.txt')).toBe('json')
    expect(detectFormat(' date 2024-10-29 A caption. AP\nA caption.', 'a.txt')).toBe('news')
    expect(detectFormat('Just some words.', 'notes')).toBe('plain')
  })
})

describe('the news-page format', () => {
  const [a] = readInput(fixture('news-article.txt'), 'news-article.txt')
  it('turns the header into metadata', () => {
    expect(a.meta).toMatchObject({
      title: 'Norway and Denmark agree to share ferry patrols, ministers say',
      publishedAt: '2025-03-14',
      authors: ['Ada Quill'],
      dateline: 'Oslo',
    })
  })
  it('keeps the header and the Updated line outside the body', () => {
    const body = a.text.slice(a.bodyStart, a.bodyEnd)
    expect(body.startsWith('Norway and Denmark will share patrols')).toBe(true)
    expect(body.endsWith('" he said.')).toBe(true)
    expect(body).not.toMatch(/Updated:|^News$|Lune Press|March 14, 2025\n/m)
  })
  it('gives the byline and dateline as spans into the whole text', () => {
    expect(a.metaSpans?.map((s) => [a.text.slice(s.start, s.end), s.type])).toEqual([
      ['Ada Quill', 'Person'],
      ['Oslo', 'Place'],
    ])
  })
})

describe('plain text', () => {
  it('is all body; a short first line alone is the title', () => {
    const [a] = readInput(fixture('plain-article.txt'), 'p.txt')
    expect(a.bodyStart).toBe(0)
    expect(a.bodyEnd).toBe(a.text.length)
    expect(a.meta.title).toBe('Council delays vote on river bridge')
  })
  it('gives no title to a one-line text', () => {
    expect(readInput('Words and more words', 'p.txt')[0].meta.title).toBeNull()
    expect(readInput('Words and more words.\n', 'p.txt')[0].meta.title).toBeNull()
  })
})

describe('JSON and JSON Lines', () => {
  it('reads an article object with its metadata; offsets index its text field', () => {
    const [a] = readInput(fixture('article.json'), 'article.json')
    expect(a.text.startsWith('Canada and Mexico signed')).toBe(true)
    expect(a.meta).toEqual({
      title: 'Canada and Mexico sign water pact',
      publishedAt: '2025-02-03',
      authors: ['Mira Solberg'],
      dateline: null,
      publisher: 'Example News',
      url: 'https://news.example.org/2025/02/03/water-pact',
    })
  })
  it('reads arrays and wrapped arrays', () => {
    expect(readInput('[{"text":"a"},{"body":"b"}]', 'x.json').map((a) => a.text)).toEqual(['a', 'b'])
    expect(readInput('{"articles":[{"content":"c"}]}', 'x.json').map((a) => a.text)).toEqual(['c'])
  })
  it('reads JSON Lines; a bad line is one error naming the file and line, the others still come out', () => {
    const all = readInputSettled(fixture('articles.jsonl'), 'articles.jsonl')
    expect(all).toHaveLength(4)
    const errors = all.filter((r) => r instanceof InputError).map((e) => e.message)
    expect(errors).toEqual([expect.stringMatching(/^articles\.jsonl line 2: no article text/), expect.stringMatching(/^articles\.jsonl line 3: invalid JSON/)])
    const ok = all.filter((r): r is ArticleInput => !(r instanceof InputError))
    expect(ok.map((a) => a.meta)).toEqual([
      { title: 'Port strike ends', publishedAt: '2025-01-15', authors: ['Lena Vos', 'Pieter Hals'], dateline: null, publisher: 'Harbour Daily', url: null },
      { title: 'Japan opens new rail line', publishedAt: '2025-01-17', authors: [], dateline: null, publisher: null, url: 'https://rail.example.com/nara' },
    ])
    expect(() => readInput(fixture('articles.jsonl'), 'articles.jsonl')).toThrow(/line 2/)
  })
  it('reports invalid JSON naming the file', () => {
    expect(readInputSettled('{"text": "unterminated', 'broken.json')[0]).toBeInstanceOf(InputError)
    expect(() => readInput('{"text": "unterminated', 'broken.json')).toThrow(/^broken\.json: invalid JSON/)
  })
})

describe('HTML', () => {
  const [a] = readInput(fixture('page.html'), 'page.html')
  it('takes the main text and drops scripts, styles and navigation', () => {
    expect(a.text).toContain('The government of Wales approved a wind farm')
    expect(a.text).toContain('"This will power half a million homes," said energy secretary Carys Morgan')
    expect(a.text).not.toMatch(/tracker|document\.write|font-family|Sport|All rights reserved/)
  })
  it('keeps paragraphs apart', () => {
    expect(a.text).toMatch(/fishing groups along the coast\.\n\n"This will power/)
  })
  it('reads title, date, author and canonical URL', () => {
    expect(a.meta).toMatchObject({
      title: 'Wind farm approved off Welsh coast',
      publishedAt: '2025-04-02',
      authors: ['Bryn Talfan'],
      url: 'https://gazette.example.net/wind-farm-approved',
    })
  })
})

describe('dates and ids', () => {
  it('normalises dates as written', () => {
    expect(normaliseDate('2024-10-29T23:30:00-05:00')).toBe('2024-10-29')
    expect(normaliseDate('October 29, 2024')).toBe('2024-10-29')
    expect(normaliseDate('Tuesday 29 October 2024')).toBe('2024-10-29')
    expect(normaliseDate(1730160000)).toBe('2024-10-29')
    expect(normaliseDate('not a date')).toBeNull()
  })
  it('derives the article id from the URL, else from the text', () => {
    expect(articleId('https://a.example/x', 'one')).toBe(articleId(' https://a.example/x ', 'two'))
    expect(articleId(null, 'one')).toMatch(/^text:[0-9a-f]{40}$/)
    expect(articleId(null, 'one')).not.toBe(articleId(null, 'two'))
    expect(articleId('https://a.example/x', 'one')).toBe('url:' + createHash('sha1').update('https://a.example/x').digest('hex'))
    expect(articleId(null, 'one')).toBe('text:' + createHash('sha1').update('one').digest('hex'))
  })
})

describe('empty inputs', () => {
  it('a blank input of any format is one empty article', () => {
    for (const name of ['e.txt', 'e.json', 'e.jsonl', 'e.html']) {
      const [a] = readInput(' \n', name)
      expect(a.text.trim()).toBe('')
      expect(a.meta.title).toBeNull()
    }
  })
  it('JSON with no articles in it is an error naming the file', () => {
    expect(() => readInput('[]', 'none.json')).toThrow(/^none\.json: no articles/)
    expect(() => readInput('42', 'num.json')).toThrow(/^num\.json: expected a JSON object/)
  })
})
