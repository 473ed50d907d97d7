// JSON (one article object, an array of them, or {articles|items|data: [...]}) and JSON Lines (one object a line).
// Each record's text field becomes the article text: offsets in the output index that field.
import type { ArticleInput } from '../types.ts'
import { normaliseDate } from './dates.ts'
import { InputError } from './errors.ts'

const TEXT_FIELDS = ['text', 'body', 'content', 'articleBody', 'article', 'maintext', 'fullText']
const TITLE_FIELDS = ['title', 'headline', 'name']
const DATE_FIELDS = ['publishedAt', 'published_at', 'datePublished', 'date_publish', 'date', 'published', 'pubDate', 'pub_date']
const URL_FIELDS = ['url', 'link', 'canonical_url', 'uri']
const AUTHOR_FIELDS = ['authors', 'author', 'byline', 'creator']
const PUBLISHER_FIELDS = ['publisher', 'source', 'source_domain', 'site', 'siteName', 'site_name']
const LIST_FIELDS = ['articles', 'items', 'data', 'results', 'documents']

/** One result per record: the article, or why that record cannot be read. */
export type Settled = ArticleInput | InputError

type Rec = Record<string, unknown>

function pick(rec: Rec, fields: string[]): unknown {
  for (const f of fields) if (rec[f] !== undefined && rec[f] !== null && rec[f] !== '') return rec[f]
  return undefined
}

/** a string, or the `name` of an object such as {"name": "Reuters"} */
function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null
  if (v && typeof v === 'object' && typeof (v as Rec).name === 'string') return ((v as Rec).name as string).trim() || null
  return null
}

function authorsOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.replace(/^by\s+/i, '').split(/\s*(?:,|;|&|\band\b)\s*/i) : v ? [v] : []
  return list.map(nameOf).filter((s): s is string => s !== null)
}

export function recordToInput(value: unknown, where: string): Settled {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return new InputError(where, 'expected a JSON object for an article')
  const rec = value as Rec
  const text = pick(rec, TEXT_FIELDS)
  if (typeof text !== 'string') {
    return new InputError(where, `no article text: expected a string field ${TEXT_FIELDS.slice(0, 3).join(', ')} (or ${TEXT_FIELDS.slice(3).join(', ')})`)
  }
  const title = nameOf(pick(rec, TITLE_FIELDS))
  const url = nameOf(pick(rec, URL_FIELDS))
  return {
    text,
    bodyStart: 0,
    bodyEnd: text.length,
    meta: {
      title,
      publishedAt: normaliseDate(pick(rec, DATE_FIELDS)),
      authors: authorsOf(pick(rec, AUTHOR_FIELDS)),
      dateline: nameOf(rec.dateline),
      publisher: nameOf(pick(rec, PUBLISHER_FIELDS)),
      url,
    },
  }
}

/** A JSON document: one article, an array of articles, or an object wrapping an array of them. */
export function readJson(text: string, source: string): Settled[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new InputError(source, `invalid JSON: ${(e as Error).message}`)
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && pick(value as Rec, TEXT_FIELDS) === undefined) {
    const list = LIST_FIELDS.map((f) => (value as Rec)[f]).find(Array.isArray)
    if (list) value = list
  }
  if (Array.isArray(value)) return value.map((v, i) => recordToInput(v, `${source} [${i}]`))
  return [recordToInput(value, source)]
}

/** JSON Lines: one article object a line; blank lines are skipped, a bad line is one error and the rest still come out. */
export function readJsonLines(text: string, source: string): Settled[] {
  const out: Settled[] = []
  let lineNo = 0
  for (const line of text.split('\n')) {
    lineNo++
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (e) {
      out.push(new InputError(`${source} line ${lineNo}`, `invalid JSON: ${(e as Error).message}`))
      continue
    }
    out.push(recordToInput(value, `${source} line ${lineNo}`))
  }
  return out
}
