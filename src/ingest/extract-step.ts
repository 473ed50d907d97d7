// The extraction half of ingestion, the same in a worker thread and in-process: one input (a file
// or a text) -> its articles, read, extracted and turned into the rows the graph writer takes.
// One input may hold many articles (JSON arrays, JSON Lines); a bad one fails alone.
import { extractArticle, InputError, type Settled } from '../extract/index.ts'
import { chunksOf, readSettled } from '../extract/read/index.ts'
import { recordSource, settleRecord } from '../extract/read/records.ts'
import { inputChunks } from '../extract/sources.ts'
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

/** One JSON record of an input split by the main thread (see splitInput), to extract in a worker. */
export interface RecordJob {
  /** the text of the record */
  json: string
  /** how its errors name it (`file [3]`, `file line 4`) */
  where: string
  /** the source its article is stored and reported under */
  source: string
}

/** Extracts records split from an input (a worker's task): their outcomes in order. */
export function extractRecords(records: RecordJob[]): InputResult {
  const t0 = performance.now()
  const outcomes = records.map((r) => outcomeOf(settleRecord(r.json, r.where), r.source))
  return { outcomes, ms: performance.now() - t0 }
}


/**
 * The outcomes of one input, one article at a time: a caller that writes each before asking for the next
 * holds one article's rows, not those of every article of a big JSON or JSON Lines file, and the file is
 * read in chunks as its articles are asked for (a JSON array or JSON Lines file is never held whole).
 */
export function* extractOutcomes(path: string, given?: Uint8Array | string): Generator<ExtractOutcome> {
  // the same guarded read as `extract`: regular files only, at most MAX_INPUT_BYTES
  const chunks = given !== undefined ? chunksOf(given) : inputChunks(path)
  for (const { settled, index, only } of readSettled(chunks, path)) yield outcomeOf(settled, recordSource(path, index, only))
}

function outcomeOf(input: Settled, source: string): ExtractOutcome {
  if (input instanceof InputError) return { ok: false, source: input.source, error: input.message }
  try {
    const article = prepareArticle(input, source)
    return { ok: true, article, tokens: countTokens(input.text.slice(input.bodyStart, input.bodyEnd)) }
  } catch (e) {
    return { ok: false, source, error: `${source}: extraction failed: ${(e as Error).message}` }
  }
}
