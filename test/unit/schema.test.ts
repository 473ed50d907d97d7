// The documented output contract: real extract output (the seed article and every fixture) validates against
// schema/extraction.schema.json, and every offset points at the text it claims.
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { extractArticle } from '../../src/extract/index.ts'
import { readSources } from '../../src/extract/sources.ts'
import type { ArticleInput, ExtractedArticle } from '../../src/extract/types.ts'
import { externalData } from '../support/external.ts'

// the seed article joins the project's own fixtures when it is there (see test/support/external.ts)
const SEED = externalData('seed', import.meta.filename, 'checks only its own fixtures, not the seed article in')

const schema = JSON.parse(readFileSync('schema/extraction.schema.json', 'utf8'))
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema)

async function extractAll(paths: string[]): Promise<{ input: ArticleInput; out: ExtractedArticle }[]> {
  const results = []
  for await (const item of readSources(paths)) if (item.input) results.push({ input: item.input, out: extractArticle(item.input, item.source) })
  return results
}

describe('schema/extraction.schema.json', () => {
  it('is a valid draft 2020-12 schema that rejects a malformed article', () => {
    expect(validate({ source: 'x' })).toBe(false)
    expect(validate({ source: 'x', article: {}, entities: [], quotes: [], roles: [], relations: [] })).toBe(false)
  })

  it('accepts real extract output of the seed and the fixtures, whose offsets point at their text', async () => {
    const results = await extractAll([...(SEED.present ? [SEED.path] : []), 'test/fixtures/extract'])
    expect(results.length).toBeGreaterThanOrEqual(SEED.present ? 6 : 5)
    let quotes = 0
    let relations = 0
    for (const { input, out } of results) {
      const plain = JSON.parse(JSON.stringify(out))
      const ok = validate(plain)
      expect(ok ? [] : validate.errors, out.source).toEqual([])
      for (const e of out.entities) for (const m of e.mentions) expect(input.text.slice(m.start, m.end)).toBe(m.text)
      for (const q of out.quotes) {
        expect(input.text.slice(q.start, q.end)).toBe(q.text)
        expect(input.text.slice(q.sentence.start, q.sentence.end)).toBe(q.sentence.text)
        expect(q.id.startsWith(out.article.id + '#q')).toBe(true)
      }
      const ids = new Set(out.entities.map((e) => e.id))
      for (const r of out.relations) {
        expect(ids.has(r.sourceId) && ids.has(r.targetId)).toBe(true)
        expect(r.end).toBeGreaterThan(r.start)
      }
      quotes += out.quotes.length
      relations += out.relations.length
    }
    expect(quotes).toBeGreaterThan(0)
    expect(relations).toBeGreaterThan(0)
  })
})
