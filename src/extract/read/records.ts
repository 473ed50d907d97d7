// One input read as a stream (issue 17, D7): its bytes come in chunks, and the articles of a JSON array or
// a JSON Lines input come out one record at a time, as the text of that record, so that what is held does
// not grow with the number of articles in the file. Every other input (plain text, news page, HTML, a
// single JSON object or an object wrapping a list) is collected and read whole, as before.
//
// The records of a JSON array are found by a small splitter: it follows strings (and their escapes) and
// the nesting of brackets, and cuts at the commas of the top level; each record is then JSON.parse'd on
// its own, so a bad record is one error naming its index, with JSON.parse's own words, and the others
// still come out. A record is split, never validated, here: whatever is not JSON is JSON.parse's to say.
import { checkText, decoderFor } from './decode.ts'
import { InputError } from './errors.ts'
import { recordToInput, type Settled } from './json.ts'

/** The characters held before the format is decided and the binary sniff is run. */
const HEAD_CHARS = 8192

/** how an input's articles are read */
export type Mode = 'array' | 'lines' | 'whole'

/**
 * One part of an input: the text of one JSON record (not parsed yet: a worker thread may parse it), an
 * error, or the whole text of an input read whole.
 */
export type Part =
  | { kind: 'record'; json: string; where: string }
  | { kind: 'error'; error: InputError }
  | { kind: 'whole'; text: string }

/** How an input is read, from its first characters and its name (a JSON array or JSON Lines is split). */
export function modeOf(head: string, path: string, wholeFormat: (head: string, path: string) => string): Mode {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase()
  if (ext === 'jsonl' || ext === 'ndjson') return 'lines'
  if (head.trimStart().startsWith('[') && wholeFormat(head, path) === 'json') return 'array'
  return 'whole'
}

/**
 * Bytes (or text) in chunks -> text in chunks: the byte order mark and encoding as decodeBytes finds
 * them, invalid text refused with the same words (InputError, thrown while iterating).
 */
export function* decodeChunks(chunks: Iterable<Uint8Array | string>, source: string): Generator<string> {
  let decode: ((bytes: Uint8Array, last: boolean) => string) | null = null
  let pending: Uint8Array | null = null
  let head = ''
  let sniffed = false
  const out = function* (text: string): Generator<string> {
    if (sniffed) {
      if (text) yield text
      return
    }
    head += text
    if (head.length < HEAD_CHARS) return
    sniffed = true
    const checked = checkText(head, source)
    head = ''
    yield checked
  }
  for (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield* out(chunk)
      continue
    }
    let bytes: Uint8Array = chunk
    if (!decode) {
      // the byte order mark needs the first 3 bytes
      bytes = pending ? Buffer.concat([pending, chunk]) : chunk
      if (bytes.length < 3) {
        pending = Buffer.from(bytes)
        continue
      }
      pending = null
      const d = decoderFor(bytes, source)
      decode = d.decode
      bytes = bytes.subarray(d.skip)
    }
    yield* out(decode(bytes, false))
  }
  if (!decode && pending) {
    const d = decoderFor(pending, source)
    decode = d.decode
    pending = pending.subarray(d.skip)
  }
  if (decode) yield* out(decode(pending ?? new Uint8Array(0), true))
  if (!sniffed) {
    sniffed = true
    const checked = checkText(head, source)
    if (checked) yield checked
  }
}

/** The parts of one input, decoded from `chunks`; `wholeFormat` is the format detection of an input read whole. */
export function* readParts(chunks: Iterable<Uint8Array | string>, path: string, wholeFormat: (head: string, path: string) => string): Generator<Part> {
  const texts = decodeChunks(chunks, path)
  let head = ''
  let first: IteratorResult<string>
  try {
    // enough of the text to decide how to read it
    for (first = texts.next(); !first.done; first = texts.next()) {
      head += first.value
      if (head.length >= HEAD_CHARS || head.trimStart().length > 0) break
    }
  } catch (e) {
    yield { kind: 'error', error: asInputError(e, path) }
    return
  }
  // an empty or blank input of any format is read whole (an article with nothing in it)
  const mode = first.done && head.trim() === '' ? 'whole' : modeOf(head, path, wholeFormat)
  const rest = (function* (): Generator<string> {
    yield head
    yield* { [Symbol.iterator]: () => texts }
  })()
  try {
    if (mode === 'whole') {
      const all: string[] = []
      for (const t of rest) if (t) all.push(t)
      yield { kind: 'whole', text: all.length === 1 ? all[0] : all.join('') }
    } else if (mode === 'lines') yield* splitLines(rest, path)
    else yield* splitArray(rest, path)
  } catch (e) {
    yield { kind: 'error', error: asInputError(e, path) }
  }
}

function asInputError(e: unknown, path: string): InputError {
  return e instanceof InputError ? e : new InputError(path, `cannot read: ${(e as Error).message}`)
}

/** JSON Lines: one record a line (blank lines skipped), named by its line number. */
export function* splitLines(texts: Iterable<string>, source: string): Generator<Part> {
  let carry = ''
  let lineNo = 0
  let records = 0
  for (const text of texts) {
    let at = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
      const line = carry + text.slice(at, nl)
      carry = ''
      at = nl + 1
      lineNo++
      if (line.trim() === '') continue
      records++
      yield { kind: 'record', json: line, where: `${source} line ${lineNo}` }
    }
    carry += text.slice(at)
  }
  lineNo++
  if (carry.trim() !== '') {
    records++
    yield { kind: 'record', json: carry, where: `${source} line ${lineNo}` }
  }
  if (!records) yield { kind: 'error', error: new InputError(source, 'no articles in this JSON Lines input') }
}

/** the characters that matter outside a string, and inside one */
const OUTSIDE = /["{}[\],]/g
const INSIDE = /["\\]/g

/**
 * A JSON array's elements, each as its own text, named `source [i]`; the array's own faults (not closed,
 * text after it) are an error naming the input, after the elements before them.
 */
export function* splitArray(texts: Iterable<string>, source: string): Generator<Part> {
  const after = (): Part => ({ kind: 'error', error: new InputError(source, 'invalid JSON: unexpected text after the closing ] of the array') })
  let opened = false
  let closed = false
  let depth = 0
  let inString = false
  /** a backslash ended the last chunk: the first character of the next is escaped */
  let escaped = false
  /** the current element's text from earlier chunks */
  let parts: string[] = []
  let index = 0
  const element = (text: string): Part => {
    parts.push(text)
    const json = parts.join('')
    parts = []
    return { kind: 'record', json, where: `${source} [${index++}]` }
  }
  for (const text of texts) {
    if (closed) {
      if (text.trim() !== '') return yield after()
      continue
    }
    let i = 0
    if (!opened) {
      i = text.search(/\S/)
      if (i < 0) continue
      // modeOf saw that it is a '['
      opened = true
      i++
    }
    let from = i
    if (escaped) {
      escaped = false
      i++
    }
    while (i < text.length) {
      const re = inString ? INSIDE : OUTSIDE
      re.lastIndex = i
      const m = re.exec(text)
      if (!m) break
      i = m.index + 1
      const c = m[0]
      if (inString) {
        if (c === '"') inString = false
        else if (i < text.length) i++
        else escaped = true
      } else if (c === '"') inString = true
      else if (c === '{' || c === '[') depth++
      else if (depth > 0) {
        if (c === '}' || c === ']') depth--
      } else if (c === ',') {
        yield element(text.slice(from, m.index))
        from = i
      } else if (c === ']') {
        const last = text.slice(from, m.index)
        // `[]` has no element; `[1,]` has an empty last one (JSON.parse says what is wrong with it)
        if (index > 0 || (parts.join('') + last).trim() !== '') yield element(last)
        closed = true
        if (text.slice(i).trim() !== '') return yield after()
        from = text.length
        break
      }
      // a '}' at the top level is left in the element for JSON.parse to refuse
    }
    if (from < text.length) parts.push(text.slice(from))
  }
  if (!closed) {
    yield { kind: 'error', error: new InputError(source, `invalid JSON: the input ends ${inString ? 'inside a string ' : ''}before the array is closed (in element [${index}])`) }
    return
  }
  if (index === 0) yield { kind: 'error', error: new InputError(source, 'no articles in this JSON input') }
}

/** One record's text -> its article, or the error naming it (JSON.parse's own words for bad JSON). */
export function settleRecord(json: string, where: string): Settled {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (e) {
    return new InputError(where, `invalid JSON: ${(e as Error).message}`)
  }
  return recordToInput(value, where)
}

/** Items with their position and whether they are the only one (known one item ahead). */
export function* numbered<T>(items: Iterable<T>): Generator<{ value: T; index: number; only: boolean }> {
  let index = 0
  let held: { value: T } | null = null
  for (const value of items) {
    if (held) yield { value: held.value, index: index++, only: false }
    held = { value }
  }
  if (held) yield { value: held.value, index, only: index === 0 }
}

/** The source an input's article is stored under: the input's path, with its position when it holds several. */
export function recordSource(path: string, index: number, only: boolean): string {
  return only ? path : `${path} [${index}]`
}
