// The truth of the sample corpus (test/fixtures/sample-truth.json, written with examples/articles):
// its shape, one loader and one name comparison for the tests that hold the pipeline and the demo to it.
import { readFileSync } from 'node:fs'

export interface TruthQuote {
  /** the quote's first words */
  start: string
  speaker: string | null
  partial?: boolean
  paragraphs?: number
  note?: string
}

export interface TruthArticle {
  file: string
  record: number
  publishedAt: string
  authors: string[]
  publisher: string | null
  dateline: string | null
  people: string[]
  organisations: string[]
  countries: string[]
  places: string[]
  quotes: TruthQuote[]
}

export interface Truth {
  articles: TruthArticle[]
}

export const SAMPLE_TRUTH_PATH = new URL('../fixtures/sample-truth.json', import.meta.url)

export function loadSampleTruth(): Truth {
  return JSON.parse(readFileSync(SAMPLE_TRUTH_PATH, 'utf8')) as Truth
}

/** Case, curly apostrophes, punctuation and spacing do not matter when comparing names or quoted words. */
export function norm(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
