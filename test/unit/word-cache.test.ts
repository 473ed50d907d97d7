// The name tagger's word cache (src/extract/ner/features.ts) is forgotten between documents once it passes
// WORD_CACHE_MAX: the extraction of a document must not depend on what the cache holds when it starts.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractOutcomes } from '../../src/ingest/extract-step.ts'
import { forgetWords } from '../../src/extract/ner/features.ts'

const EXAMPLES = join(import.meta.dirname, '../../examples/articles')
const files = readdirSync(EXAMPLES).sort()
const extractAll = (before: () => void): string[] =>
  files.flatMap((f) => {
    before()
    return [...extractOutcomes(join(EXAMPLES, f))].map((o) => JSON.stringify(o.ok ? o.article.rows : o.error))
  })

describe('the word cache between documents', () => {
  it('gives every example article the same rows with the cache warm from the others as with it emptied before each', () => {
    const warm = extractAll(() => {})
    const cold = extractAll(forgetWords)
    expect(warm.length).toBeGreaterThan(10)
    expect(cold).toEqual(warm)
  })
})
