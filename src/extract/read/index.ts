// Reading one input (a file's bytes, or text) into articles: decode, detect the format, run its reader.
// One file may hold many articles (a JSON array, JSON Lines); a bad record is one error, the rest still come out.
import type { ArticleInput } from '../types.ts'
import { InputError } from './errors.ts'
import { readHtml } from './html.ts'
import { readJson, readJsonLines, type Settled } from './json.ts'
import { isNewsFormat, readNews } from './news.ts'
import { readPlain } from './plain.ts'
import { numbered, readParts, settleRecord } from './records.ts'

export { InputError } from './errors.ts'
export type { Settled } from './json.ts'

export type Format = 'plain' | 'news' | 'json' | 'jsonl' | 'html'

const BY_EXTENSION: Record<string, Format> = {
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
}

const HTML_SNIFF = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<!--[\s\S]*?-->\s*<(?:!doctype|html))/i

/** The format of an input: by its extension where that is decisive, else by its content. */
export function detectFormat(text: string, path: string): Format {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase()
  const byExt = ext ? BY_EXTENSION[ext] : undefined
  if (byExt) return byExt
  const head = text.slice(0, 1024)
  if (HTML_SNIFF.test(head)) return 'html'
  const t = head.trimStart()
  if (t.startsWith('{') || t.startsWith('[')) {
    const lines = text.trim().split('\n')
    if (t.startsWith('{') && lines.length > 1 && lines.every((l) => l.trim() === '' || l.trimStart().startsWith('{'))) {
      try {
        JSON.parse(text)
        return 'json'
      } catch {
        return 'jsonl'
      }
    }
    return 'json'
  }
  return isNewsFormat(text) ? 'news' : 'plain'
}

/** Every article in one input; an error for each record (or the whole input) that cannot be read. */
export function readInputSettled(data: Uint8Array | string, path: string): Settled[] {
  return [...readSettled(chunksOf(data), path)].map((r) => r.settled)
}

/** the pieces bytes already in memory are decoded in, so that a JSON array's text is never made whole */
const PIECE = 1024 * 1024

export function* chunksOf(data: Uint8Array | string): Generator<Uint8Array | string> {
  // a text is decoded already: one chunk, which the readers slice without copying it
  if (typeof data === 'string' || data.length === 0) return yield data
  for (let at = 0; at < data.length; at += PIECE) yield data.subarray(at, at + PIECE)
}

export interface Numbered {
  settled: Settled
  /** its position among the input's records (0 for an input of one article) */
  index: number
  /** whether it is the input's only record */
  only: boolean
}

/**
 * The articles of one input, read from its bytes (or text) in chunks, one at a time: a JSON array or JSON
 * Lines input is split into records as it is read, every other input is read whole (see records.ts).
 */
export function* readSettled(chunks: Iterable<Uint8Array | string>, path: string): Generator<Numbered> {
  for (const { value: part, index, only } of numbered(readParts(chunks, path, detectFormat))) {
    if (part.kind === 'whole') {
      const all: (Settled | undefined)[] = readTextSettled(part.text, path)
      for (let i = 0; i < all.length; i++) {
        const settled = all[i]!
        // released as soon as it is handed on
        all[i] = undefined
        yield { settled, index: i, only: all.length === 1 }
      }
    } else if (part.kind === 'error') yield { settled: part.error, index, only }
    else yield { settled: settleRecord(part.json, part.where), index, only }
  }
}

/** Every article in one input already decoded and read whole. */
export function readTextSettled(text: string, path: string): Settled[] {
  try {
    // an empty (or blank) input of any format is an article with nothing in it
    if (text.trim() === '') return [readPlain(text)]
    const format = detectFormat(text, path)
    const records = readFormat(format, text, path)
    return records.length > 0 ? records : [new InputError(path, `no articles in this ${format === 'jsonl' ? 'JSON Lines' : 'JSON'} input`)]
  } catch (e) {
    if (e instanceof InputError) return [e]
    return [new InputError(path, `cannot read: ${(e as Error).message}`)]
  }
}

function readFormat(format: Format, text: string, path: string): Settled[] {
  switch (format) {
    case 'json':
      // a .json file that is really JSON Lines still reads
      try {
        return readJson(text, path)
      } catch (e) {
        if (text.trim().split('\n').length > 1) {
          const lines = readJsonLines(text, path)
          if (lines.some((r) => !(r instanceof InputError))) return lines
        }
        throw e
      }
    case 'jsonl':
      return readJsonLines(text, path)
    case 'html':
      return [readHtml(text, path)]
    case 'news':
      return [readNews(text)]
    default:
      return [readPlain(text)]
  }
}

/** Every article in one input; throws an InputError naming the input when any part of it cannot be read. */
export function readInput(data: Uint8Array | string, path: string): ArticleInput[] {
  const settled = readInputSettled(data, path)
  const error = settled.find((r): r is InputError => r instanceof InputError)
  if (error) throw error
  return settled as ArticleInput[]
}
