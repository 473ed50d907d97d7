// An article's extraction is a function of its text alone: not of the articles the process read before it.
// wink-nlp's cache learns the words it reads, and its tokeniser keeps a known word whole ("Quill’s" after
// a text that had it before a full stop), which changed the POS tags around it and so the relations.
// Each test reads its texts in one order, then in the other, in this one process, and compares per text.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractArticle, readInput } from '../../src/extract/index.ts'
import { its, wink, winkReader, type WinkReader } from '../../src/extract/nlp.ts'
import { externalData } from '../support/external.ts'

const POLNEAR = externalData('corpora/polnear/train/text', import.meta.filename)

function extract(text: string, source: string): string {
  const [input] = readInput(Buffer.from(text), source)
  return JSON.stringify(extractArticle(input, source))
}

/** each text's result, read first in the order given, then in the reverse order (results in the given order) */
function bothOrders<T>(texts: string[], read: (text: string, i: number) => T): { forward: T[]; reverse: T[] } {
  const forward = texts.map(read)
  const reverse = texts.map((_, k) => texts.length - 1 - k).map((i) => read(texts[i], i)).reverse()
  return { forward, reverse }
}

// fictional people; the words must not occur in another test of this file, which shares its process
const WIN = 'Ada Quill’s narrow win in Florida stunned Bo Lane, the governor of Ohio.'
const TEACHER = 'The Florida seat was always Quill’s.\n\nAda Quill said so on Monday.'
const OTHERS = [
  'Cy Marrow’s early lead in Nevada worried Di Fenn. Marrow’s aides were calm.',
  'It was Marrow’s. Fenn’s campaign in Nevada never said why.',
]

describe('extraction does not depend on what the process extracted before', () => {
  it('gives each fictional article the same result before and after the others taught wink its words', () => {
    const texts = [WIN, ...OTHERS, TEACHER]
    const { forward, reverse } = bothOrders(texts, (t, i) => extract(t, `a${i}.txt`))
    for (let i = 0; i < texts.length; i++) expect(reverse[i], texts[i]).toBe(forward[i])
    // the case the texts were written for: "’s" split, so no verb stands between Ada Quill and Florida
    const relation = (JSON.parse(reverse[0]) as { relations: { type: string; sourceId: string; targetId: string }[] }).relations
      .find((r) => r.sourceId === 'person:ada-quill' && r.targetId === 'place:florida')
    expect(relation?.type).toBe('co_mention')
  })

  it('reads the same tokens, tags and sentiment after its reader replaced its wink instance', () => {
    // a limit of 0 learnt words: a new instance after every text with a word outside wink's lexicon
    const fresh = winkReader(0)
    const read = (reader: WinkReader) => (text: string) =>
      reader.read(text, (d) => JSON.stringify([d.tokens().out(), d.tokens().out(its.pos), d.sentences().out(its.sentiment)]))
    const texts = [WIN, TEACHER, ...OTHERS, WIN]
    expect(texts.map(read(fresh))).toEqual(texts.map(read(wink)))
    expect(fresh.instances()).toBeGreaterThan(2)
  })
})

describe.skipIf(!POLNEAR.present)('PolNeAR train texts', () => {
  it('extracts each of a slice the same in either order', () => {
    // first the four articles whose relations differed between `extract` over the 840 texts in name order
    // and in reverse (at 8a290da), then the texts that teach wink "Trump’s" whole (it before punctuation),
    // then every 60th text
    const files = readdirSync(POLNEAR.path).filter((f) => f.endsWith('.txt')).sort()
    const all = files.map((f) => ({ f, text: readFileSync(join(POLNEAR.path, f), 'utf8') }))
    const found = /^(breitbart_2016-03-15_the-latest-(kasich|sanders)|breitbart_2016-05-18_trump-s-invest|politico_2016-02-04_insiders-trump)/
    const teaches = /Trump[’']s[^\s\p{L}]/u
    const chosen = [
      ...all.filter((a) => found.test(a.f)),
      ...all.filter((a, i) => !found.test(a.f) && (teaches.test(a.text) || i % 60 === 0)),
    ]
    expect(chosen.filter((a) => found.test(a.f))).toHaveLength(4)
    const { forward, reverse } = bothOrders(chosen.map((a) => a.text), (t, i) => extract(t, chosen[i].f))
    expect(chosen.filter((_, i) => forward[i] !== reverse[i]).map((a) => a.f)).toEqual([])
  }, 300_000)
})
