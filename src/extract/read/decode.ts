// Bytes -> text. UTF-16 is recognised by its byte order mark, a UTF-8 BOM is dropped, and anything
// that is not text (NUL bytes, many control characters, invalid UTF-8) is refused with a clear reason.
import { InputError } from './errors.ts'

/** share of C0 control characters (other than tab, newline, carriage return, form feed) above which a file is binary */
const MAX_CONTROL_SHARE = 0.1
/** how many leading characters the binary sniff looks at */
const SNIFF_CHARS = 8192

export function decodeBytes(bytes: Uint8Array, source: string): string {
  const { decode, skip } = decoderFor(bytes, source)
  return checkText(decode(bytes.subarray(skip), true), source)
}

/**
 * The decoder of an input by its first bytes (at least 3 of them where the input has them): UTF-16 by its
 * byte order mark, else UTF-8 (its mark skipped). `decode` takes the bytes after `skip` in chunks, `last`
 * on the final one, and throws an InputError for NUL bytes in UTF-8 or bytes invalid in the encoding.
 */
export function decoderFor(first: Uint8Array, source: string): { skip: number; decode: (bytes: Uint8Array, last: boolean) => string } {
  let encoding = 'utf-8'
  let skip = 0
  if (first[0] === 0xff && first[1] === 0xfe) {
    encoding = 'utf-16le'
    skip = 2
  } else if (first[0] === 0xfe && first[1] === 0xff) {
    encoding = 'utf-16be'
    skip = 2
  } else if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) {
    skip = 3
  }
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
  const decode = (bytes: Uint8Array, last: boolean): string => {
    if (encoding === 'utf-8' && bytes.includes(0)) throw new InputError(source, 'binary file (contains NUL bytes), not text')
    try {
      return decoder.decode(bytes, { stream: !last })
    } catch {
      throw new InputError(source, `invalid ${encoding.toUpperCase()}: the file is not valid text in that encoding`)
    }
  }
  return { skip, decode }
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
