// src/extract/read/records.ts: a JSON array or JSON Lines input split into records as its chunks come in
// (issue 17, D7). Cut anywhere, the chunks give the records JSON.parse finds in the whole text, and the
// errors name the record (or the input, for the array's own faults).
import { describe, expect, it } from 'vitest'
import { InputError, readInputSettled } from '../../src/extract/read/index.ts'
import { decodeChunks, splitArray, splitLines, type Part } from '../../src/extract/read/records.ts'

/** the text cut into pieces of `size` characters */
const cut = (text: string, size: number): string[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size))
const records = (parts: Iterable<Part>) => [...parts].map((p) => (p.kind === 'record' ? JSON.parse(p.json) : p.kind === 'error' ? p.error.message : p.text))

const TRICKY = [
  { text: 'A "quoted, [bracketed] {braced}" word, said Ilse Varn.', n: 1 },
  { text: 'Escapes: \\" and \\\\ and \\u00e9 and a comma, then ], }.', list: [1, [2, { a: ']' }]] },
  'not an object',
  { text: '' },
  [],
]

describe('splitting one input as it is read', () => {
  it('D7: a JSON array cut at every size gives the elements JSON.parse finds in the whole', () => {
    const text = ' \n[ ' + TRICKY.map((r) => JSON.stringify(r, null, 1)).join(' ,\n') + ' ]\n '
    for (let size = 1; size <= 12; size++) expect(records(splitArray(cut(text, size), 'a.json'))).toEqual(TRICKY)
    expect(records(splitArray([text], 'a.json'))).toEqual(TRICKY)
  })

  it('D7: names each element, keeps JSON.parse\'s words for a bad one, and the array\'s own faults after the elements before them', () => {
    const named = (text: string) =>
      [...splitArray(cut(text, 3), 'a.json')].map((p) => (p.kind === 'record' ? p.where : p.kind === 'error' ? p.error.message : '?'))
    expect(named('[{"text":"a"},{"text":"b"}]')).toEqual(['a.json [0]', 'a.json [1]'])
    expect(named('[]')).toEqual(['a.json: no articles in this JSON input'])
    expect(named('[{"text":"a"}] x')).toEqual(['a.json [0]', 'a.json: invalid JSON: unexpected text after the closing ] of the array'])
    expect(named('[{"text":"a"},{"text":"b')).toEqual(['a.json [0]', 'a.json: invalid JSON: the input ends inside a string before the array is closed (in element [1])'])
    const settled = readInputSettled('[{"text": "Ok."}, 7, {"text": tru}, {"text": "Also."},]', 'b.json')
    expect(settled.map((s) => (s instanceof InputError ? s.message : s.text))).toEqual([
      'Ok.',
      'b.json [1]: expected a JSON object for an article',
      expect.stringMatching(/^b\.json \[2\]: invalid JSON: /),
      'Also.',
      expect.stringMatching(/^b\.json \[4\]: invalid JSON: /),
    ])
  })

  it('D7: JSON Lines cut anywhere keeps its line numbers; bytes cut inside a character decode whole', () => {
    const text = '{"text":"é one"}\n\n{"text":"two"}\r\n{"text":'
    for (let size = 1; size <= 5; size++) {
      const parts = [...splitLines(cut(text, size), 'c.jsonl')].map((p) => (p.kind === 'record' ? p.where : ''))
      expect(parts).toEqual(['c.jsonl line 1', 'c.jsonl line 3', 'c.jsonl line 4'])
    }
    const bytes = Buffer.from('\uFEFF[{"text":"Zoë — ☃ 𝄞"}]', 'utf8')
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b))
    expect([...decodeChunks(chunks, 'd.json')].join('')).toBe('[{"text":"Zoë — ☃ 𝄞"}]')
    expect(() => [...decodeChunks([Buffer.from('[{"text":"a'), Uint8Array.of(0xff, 0xfe, 0x41)], 'e.json')]).toThrow('e.json: invalid UTF-8')
  })
})
