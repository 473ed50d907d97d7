// shareStrings (src/ingest/share-strings.ts): the rows of every example article, as a worker hands them over
// (a structured clone), are equal to what they were once their repeated strings are shared, field by field.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractOutcomes } from '../../src/ingest/extract-step.ts'
import { shareStrings } from '../../src/ingest/share-strings.ts'
import type { Rows } from '../../src/graph/rows.ts'

const EXAMPLES = join(import.meta.dirname, '../../examples/articles')

const examples = (): Rows[] =>
  readdirSync(EXAMPLES)
    .sort()
    .flatMap((f) => [...extractOutcomes(join(EXAMPLES, f))])
    .flatMap((o) => (o.ok ? [o.article.rows] : []))

describe('shareStrings', () => {
  const all = examples()

  it('leaves every row of the example articles as it was', () => {
    expect(all.length).toBeGreaterThan(10)
    for (const rows of all) {
      const received = structuredClone(rows)
      shareStrings(received)
      expect(received).toEqual(rows)
    }
  })

  it('changes nothing a writer reads: the same JSON, key order included', () => {
    for (const rows of all) {
      const received = structuredClone(rows)
      const before = JSON.stringify(received)
      shareStrings(received)
      expect(JSON.stringify(received)).toBe(before)
    }
  })
})
