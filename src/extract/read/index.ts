// Reading one input (a file's bytes, or text) into articles: decode, detect the format, run its reader.
// One file may hold many articles (a JSON array, JSON Lines); a bad record is one error, the rest still come out.
import type { ArticleInput } from '../types.ts'
import { checkText, decodeBytes } from './decode.ts'
import { InputError } from './errors.ts'
import { readHtml } from './html.ts'
import { readJson, readJsonLines, type Settled } from './json.ts'
import { isNewsFormat, readNews } from './news.ts'
import { readPlain } from './plain.ts'

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
  try {
    const text = typeof data === 'string' ? checkText(data, path) : decodeBytes(data, path)
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
