// Bad input through the extract command (a child process): each input gives a valid, possibly empty, result
// or exactly one clear error line naming the file; the good inputs still come out; nothing hangs; the exit
// status is non-zero when any input failed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, describe, expect, it } from 'vitest'
import { analyseText } from '../../src/extract/chunked.ts'
import { outputLines, runExtractCli } from '../fixtures/run-extract-cli.ts'

const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync('schema/extraction.schema.json', 'utf8')))

const dir = mkdtempSync(join(tmpdir(), 'extract-bad-input-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, data: string | Uint8Array): string {
  const path = join(dir, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, data)
  return path
}

const GOOD = 'Mayor Orla Fenwick opened the new library in Brindle on Monday. "Books are for everyone," she said.\n'
const BINARY = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0xff, 0x00, 0x7f])
const INVALID_UTF8 = Buffer.concat([Buffer.from('The council met on Tuesday and '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(' agreed.\n')])

/** the articles printed by a run, each checked against the schema */
function articles(stdout: string) {
  return outputLines(stdout).map((line) => {
    const o = JSON.parse(line)
    expect(validate(o) ? [] : validate.errors).toEqual([])
    return o
  })
}

describe('bad input', () => {
  it('an empty file gives an empty result', async () => {
    const path = file('empty.txt', '')
    const r = await runExtractCli([path, file('blank.txt', '\n  \n\t\n')])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = articles(r.stdout)
    expect(out).toHaveLength(2)
    for (const o of out) expect([o.entities, o.quotes, o.roles, o.relations]).toEqual([[], [], [], []])
  })

  it('a binary file is one error line naming it', async () => {
    const path = file('image.png', BINARY)
    const r = await runExtractCli([path])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(outputLines(r.stderr)).toEqual([`error: ${path}: binary file (contains NUL bytes), not text`])
  })

  it('invalid UTF-8 is one error line naming the file', async () => {
    const path = file('latin.txt', INVALID_UTF8)
    const r = await runExtractCli([path])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(outputLines(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^error: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid UTF-8`))])
  })

  it('unbalanced quotation marks still give a valid result', async () => {
    const text =
      'Minister Tove Marheim said the plan was “a start. She did not say more.\n\n' +
      'Karsten Lund replied: ” which was odd, and then "he left" the room " without a word.\n\n' +
      '“We will see,” Lund said. “And then\n'
    const path = file('unbalanced.txt', text)
    const r = await runExtractCli([path])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const [o] = articles(r.stdout)
    for (const q of o.quotes) expect(text.slice(q.start, q.end)).toBe(q.text)
    expect(o.entities.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['Tove Marheim', 'Karsten Lund']))
  })

  it('text with no sentence punctuation gives a valid result with sentences of bounded length', async () => {
    const words = ['the', 'council', 'of', 'Brindle', 'and', 'Mayor', 'Orla', 'Fenwick', 'talked', 'about', 'the', 'river', 'bridge', 'again']
    const text = Array.from({ length: 6000 }, (_, i) => words[i % words.length]).join(' ')
    const doc = analyseText(text)
    expect(doc.sentences.length).toBeGreaterThan(1)
    for (const s of doc.sentences) expect(s.lastToken - s.firstToken + 1).toBeLessThanOrEqual(250)
    const r = await runExtractCli([file('no-punctuation.txt', text)])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const [o] = articles(r.stdout)
    expect(o.entities.length).toBeGreaterThan(0)
  })

  it('a 20 MB file comes out without hanging', async () => {
    const people = ['Orla Fenwick', 'Idris Pell', 'Tove Marheim', 'Karsten Lund', 'Rowan Achebe', 'Mira Solberg', 'Bryn Talfan']
    const places = ['Brindle', 'Tarnmouth', 'Oslo', 'Ottawa', 'Norway', 'Canada', 'Denmark', 'Japan']
    const verbs = ['visited', 'left', 'praised', 'criticised', 'flew to']
    const parts: string[] = []
    let size = 0
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const who = people[i % people.length]
      const where = places[(i * 3) % places.length]
      const p =
        `${who} ${verbs[i % verbs.length]} ${where} on day ${i} of the talks, officials said. ` +
        `"We are making progress, slowly," ${who.split(' ')[1]} told reporters after meeting ${people[(i + 2) % people.length]}.\n\n`
      parts.push(p)
      size += p.length
    }
    const path = file('huge.txt', parts.join(''))
    const r = await runExtractCli([path], { timeoutMs: 590_000 })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = articles(r.stdout)
    expect(out).toHaveLength(1)
    expect(out[0].entities.filter((e: { type: string }) => e.type === 'Person').map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(people))
    expect(out[0].quotes.length).toBeGreaterThan(parts.length / 2)
    console.log(`20 MB input: ${Math.round(r.ms / 1000)} s, ${out[0].quotes.length} quotes`)
  }, 600_000)

  it('a folder mixing good and bad files: the good ones come out, one error line per bad one, exit 1', async () => {
    const mixed = join(dir, 'mixed')
    file('mixed/a-good.txt', GOOD)
    file('mixed/nested/b-good.json', JSON.stringify({ title: 'Library opens', text: GOOD, url: 'https://example.org/library' }))
    file('mixed/nested/deeper/c-image.png', BINARY)
    file('mixed/d-latin.txt', INVALID_UTF8)
    file('mixed/e-empty.txt', '')
    file('mixed/f-broken.json', '{"title": "cut off", "text": "The mayor')
    file('mixed/.hidden.txt', GOOD)
    const r = await runExtractCli([mixed])
    expect(r.code).toBe(1)
    expect(articles(r.stdout).map((o) => o.source)).toEqual([join(mixed, 'a-good.txt'), join(mixed, 'e-empty.txt'), join(mixed, 'nested/b-good.json')])
    expect(outputLines(r.stderr)).toEqual([
      `error: ${join(mixed, 'd-latin.txt')}: invalid UTF-8: the file is not valid text in that encoding`,
      expect.stringMatching(new RegExp(`^error: ${join(mixed, 'f-broken.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid JSON`)),
      `error: ${join(mixed, 'nested/deeper/c-image.png')}: binary file (contains NUL bytes), not text`,
    ])
  })
})
