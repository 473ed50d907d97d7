// Bytes -> text. UTF-16 is recognised by its byte order mark, a UTF-8 BOM is dropped, and anything
// that is not text (NUL bytes, many control characters, invalid UTF-8) is refused with a clear reason.
import { InputError } from './errors.ts'

/** share of C0 control characters (other than tab, newline, carriage return, form feed) above which a file is binary */
const MAX_CONTROL_SHARE = 0.1
/** how many leading characters the binary sniff looks at */
const SNIFF_CHARS = 8192

export function decodeBytes(bytes: Uint8Array, source: string): string {
  let encoding = 'utf-8'
  let skip = 0
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le'
    skip = 2
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be'
    skip = 2
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    skip = 3
  }
  const body = bytes.subarray(skip)
  if (encoding === 'utf-8' && body.includes(0)) throw new InputError(source, 'binary file (contains NUL bytes), not text')
  let text: string
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    throw new InputError(source, `invalid ${encoding.toUpperCase()}: the file is not valid text in that encoding`)
  }
  return checkText(text, source)
}

/** Refuses text that is really binary; returns it unchanged otherwise (a leading BOM dropped). */
export function checkText(text: string, source: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const n = Math.min(text.length, SNIFF_CHARS)
  let control = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) throw new InputError(source, 'binary file (contains NUL characters), not text')
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 127) control++
  }
  if (n > 0 && control / n > MAX_CONTROL_SHARE) {
    throw new InputError(source, `binary file (${Math.round((100 * control) / n)}% control characters), not text`)
  }
  return text
}
