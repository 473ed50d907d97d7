// The extraction half of ingestion, the same in a worker thread and in-process: one input (a file
// or a text) -> its articles, read, extracted and turned into the rows the graph writer takes.
// One input may hold many articles (JSON arrays, JSON Lines); a bad one fails alone.
import { extractArticle, readInputSettled, InputError } from '../extract/index.ts'
import { readInputFile } from '../extract/sources.ts'
import type { ArticleInput } from '../extract/types.ts'
import { prepare, type PreparedArticle } from '../graph/write.ts'
import { authorsOf } from './authors.ts'
import { placesInCountries } from './places.ts'

export type ExtractOutcome =
  | { ok: true; article: PreparedArticle; tokens: number }
  | { ok: false; source: string; error: string }

export interface InputResult {
  outcomes: ExtractOutcome[]
  /** wall time spent reading and extracting this input */
  ms: number
}

/** Extracts one article already read and turns it into the rows of the graph writer. */
export function prepareArticle(input: ArticleInput, source: string): PreparedArticle {
  const extracted = extractArticle(input, source)
  return prepare({ extracted, text: input.text, placesInCountries: placesInCountries(extracted, input.text), authors: authorsOf(extracted) })
}

/** A cheap token count (words and punctuation marks) for throughput figures. */
export function countTokens(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu)?.length ?? 0
}

/** Reads and extracts one input: the file at `path`, or `given` (bytes or text, e.g. stdin) reported as `path`. */
export function extractInput(path: string, given?: Uint8Array | string): InputResult {
  const t0 = performance.now()
  const outcomes = [...extractOutcomes(path, given)]
  return { outcomes, ms: performance.now() - t0 }
}

/**
 * The outcomes of one input, one article at a time: a caller that writes each before asking for the next
 * holds one article's rows, not those of every article of a big JSON or JSON Lines file.
 */
export function* extractOutcomes(path: string, given?: Uint8Array | string): Generator<ExtractOutcome> {
  let data: Uint8Array | string
  try {
    // the same guarded read as `extract`: regular files only, at most MAX_INPUT_BYTES
    data = given ?? readInputFile(path)
  } catch (e) {
    yield { ok: false, source: path, error: (e as Error).message }
    return
  }
  const settled = readInputSettled(data, path)
  for (let i = 0; i < settled.length; i++) {
    const input = settled[i]
    // released as soon as it is extracted
    settled[i] = undefined as unknown as (typeof settled)[number]
    const source = settled.length > 1 ? `${path} [${i}]` : path
    if (input instanceof InputError) {
      yield { ok: false, source: input.source, error: input.message }
      continue
    }
    let outcome: ExtractOutcome
    try {
      const article = prepareArticle(input, source)
      outcome = { ok: true, article, tokens: countTokens(input.text.slice(input.bodyStart, input.bodyEnd)) }
    } catch (e) {
      outcome = { ok: false, source, error: `${source}: extraction failed: ${(e as Error).message}` }
    }
    yield outcome
  }
}
