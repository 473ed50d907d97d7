// The executor every read goes through (transaction timeout, error mapping, round-trip count), and the
// helpers that make query parameters (integers, Lucene queries for the full-text search). Re-exported by read.ts.
import neo4j from 'neo4j-driver'
import type { Driver } from 'neo4j-driver'
import { isNoSuchSearchIndex, refreshSearchIndex, searchIndexName } from './search-index.ts'

export type Row = Record<string, unknown>

export interface ReadExecutor {
  run(query: string, params?: Record<string, unknown>): Promise<Row[]>
  /** Cypher round trips so far (every call to run) */
  readonly roundTrips: number
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError'
}
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError'
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable'])

function errorCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : ''
}

export function isUnavailable(err: unknown): boolean {
  const code = errorCode(err)
  return UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.General.Database')
}

function isTimeout(err: unknown): boolean {
  const code = errorCode(err)
  return code.includes('TransactionTimedOut') || code.includes('Transaction.Terminated') || code.includes('TransactionTimedOutClientConfiguration')
}

/** Neo4j values to plain JSON: integers to numbers, temporals to ISO strings. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber()
  if (Array.isArray(value)) return value.map(toPlain)
  if (typeof value === 'object') {
    if (neo4j.isDate(value as never) || neo4j.isDateTime(value as never) || neo4j.isLocalDateTime(value as never)) {
      return String(value)
    }
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v)
    return out
  }
  return value
}

const isTemporal = (value: object) =>
  neo4j.isDate(value as never) || neo4j.isDateTime(value as never) || neo4j.isLocalDateTime(value as never)

/**
 * toPlain's conversion done in place on the values the driver decoded for one record (maps and lists
 * of its own, made for this record): the same result without a second copy of every row, which with
 * the copy was ~6% of the API's CPU and part of its garbage collection on answers of 100 quotes.
 */
function plainInPlace(value: unknown): unknown {
  if (value === undefined) return null
  if (typeof value !== 'object' || value === null) return value
  // only objects are visited and written back: a string, number, boolean or null of a map or list stays as it is
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (typeof v === 'object' || v === undefined) value[i] = plainInPlace(v)
    }
    return value
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>
    // for...in: the driver's maps are plain objects with own keys only, and no array of keys is made
    for (const k in map) {
      const v = map[k]
      if (typeof v === 'object' || v === undefined) map[k] = plainInPlace(v)
    }
    return map
  }
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber()
  if (isTemporal(value)) return String(value)
  return toPlain(value) // the driver's other types (nodes, points, durations): copied as toPlain does
}

/** a record as a row of plain values: toPlain(record.toObject()), converting the record's own values in place */
export function recordToRow(record: { keys: readonly PropertyKey[]; get(index: number): unknown }): Row {
  const row: Row = {}
  const keys = record.keys
  for (let i = 0; i < keys.length; i++) row[keys[i] as string] = plainInPlace(record.get(i))
  return row
}

export interface ReadExecutorOptions {
  database: string
  /** transaction timeout of every query, in milliseconds */
  timeoutMs: number
}

/**
 * Runs read queries as auto-commit transactions in a fresh session each time (no session is kept,
 * so a Neo4j restart leaves nothing stale behind; the driver's pool reconnects). A connection found
 * dead is retried once at once; a database that stays away surfaces as DatabaseUnavailableError.
 */
export function createReadExecutor(driver: Driver, opts: ReadExecutorOptions): ReadExecutor {
  let roundTrips = 0
  const once = async (query: string, params: Record<string, unknown>): Promise<Row[]> => {
    const session = driver.session({ database: opts.database, defaultAccessMode: neo4j.session.READ })
    try {
      const result = await session.run(query, params, { timeout: opts.timeoutMs })
      return result.records.map(recordToRow)
    } finally {
      await session.close().catch(() => undefined)
    }
  }
  return {
    get roundTrips() {
      return roundTrips
    },
    async run(query, params = {}) {
      roundTrips++
      try {
        try {
          return await once(query, params)
        } catch (err) {
          if (isNoSuchSearchIndex(err)) return await once(query, await withSearchIndex(driver, opts.database, params))
          if (!isUnavailable(err)) throw err
          return await once(query, params)
        }
      } catch (err) {
        if (isUnavailable(err)) throw new DatabaseUnavailableError('database unavailable', { cause: err })
        if (isTimeout(err)) throw new QueryTimeoutError(`query timed out after ${opts.timeoutMs} ms`, { cause: err })
        throw err
      }
    },
  }
}

/**
 * `params` with the index of entity names in use now: a compaction (search-index.ts) in another process
 * dropped the one they named. Its name travels as `searchIndex`, at the top (SEARCH) or in a lookup
 * (EntityLookup: `ref`, or each of `lookups`).
 */
async function withSearchIndex(driver: Driver, database: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  await refreshSearchIndex(driver, database)
  const name = searchIndexName()
  const swap = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && 'searchIndex' in v ? { ...(v as object), searchIndex: name } : v
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(params)) out[k] = k === 'searchIndex' ? name : Array.isArray(v) ? v.map(swap) : swap(v)
  return out
}

// ---------------------------------------------------------------------------------------------
// Parameter helpers

/** integers for SKIP/LIMIT and list slices: JavaScript numbers would travel as floats */
export const int = (n: number) => neo4j.int(n)

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g

/** escape a word for a Lucene query string */
export function escapeLucene(s: string): string {
  return s.replace(LUCENE_SPECIAL, (c) => `\\${c}`)
}

/** the words of a user's search, lower-cased (Lucene's AND/OR/NOT are only operators in capitals) */
export function searchTerms(input: string): string[] {
  return input
    .toLowerCase()
    .split(/[^\p{L}\p{N}'.]+/u)
    .map((t) => t.replace(/^[.']+|[.']+$/g, ''))
    .filter((t) => t.length > 0)
    .slice(0, 8)
}

/** the words of a search that a second try forgives two edits (searchLuceneQueries) */
const TWO_EDIT_LETTERS = 6

/**
 * A forgiving Lucene query: every word must match as a prefix or, for a word of 3+ letters, within one
 * edit (a letter dropped, added, changed, or two side by side swapped); with `twoEdits`, a word of
 * TWO_EDIT_LETTERS+ letters within two. The word itself scores highest (it is both a prefix and the
 * fuzzy term's exact match), so a word of 3+ letters needs no exact term of its own: without it a
 * two-word search costs Neo4j ~0.15 ms less at 100,000 articles and the search eval finds as many
 * (docs/scale.md, "The search index rebuilt in one piece"); a word of 1-2 letters, which has no fuzzy
 * term, keeps its exact term, boosted over its prefix.
 */
export function fuzzyLuceneQuery(input: string, twoEdits = false): string | null {
  const terms = searchTerms(input)
  if (terms.length === 0) return null
  return terms
    .map((t) => {
      const e = escapeLucene(t)
      const fuzz = twoEdits && t.length >= TWO_EDIT_LETTERS ? 2 : 1
      return t.length <= 2 ? `(${e}^3 OR ${e}*)` : `(${e}* OR ${e}~${fuzz})`
    })
    .join(' AND ')
}

/**
 * The Lucene queries of a search, to ask in turn until one finds an entity (searchInTurn): each word
 * within one edit, then, when a word has TWO_EDIT_LETTERS+ letters, such words within two. Lucene's
 * fuzzy term walks its dictionary of name words with an automaton of the edits; with two edits the walk
 * costs Neo4j about 2.5 times as much ("clinton": 3.3 ms of CPU against 1.3 at 100,000 articles,
 * docs/scale.md), so only a search that one edit cannot answer pays it. Empty when the input holds no word.
 */
export function searchLuceneQueries(input: string): string[] {
  const one = fuzzyLuceneQuery(input)
  if (!one) return []
  const two = fuzzyLuceneQuery(input, true)!
  return two === one ? [one] : [one, two]
}

/** the rows of the first of `queries` (searchLuceneQueries) that `run` finds any for; none when none does */
export async function searchInTurn<R>(queries: string[], run: (lucene: string) => Promise<R[]>): Promise<R[]> {
  for (const lucene of queries) {
    const rows = await run(lucene)
    if (rows.length) return rows
  }
  return []
}

/**
 * SEARCH's parameters (read.ts) for a Lucene query (fuzzyLuceneQuery) and the hits asked for: Lucene's
 * best `first` x 10 + 20 (at most 500) are ranked again by how many articles name them; `searchIndex`,
 * the index of entity names in use (search-index.ts)
 */
export function searchParams(lucene: string, first: number, types: string[] | null = null) {
  return { lucene, types, candidates: int(Math.min(500, first * 10 + 20)), first: int(first), searchIndex: searchIndexName() }
}

/** an exact Lucene phrase for a name, or null when it holds no word */
export function phraseLuceneQuery(input: string): string | null {
  if (searchTerms(input).length === 0) return null
  return `"${input.replace(/["\\]/g, (c) => `\\${c}`)}"`
}
