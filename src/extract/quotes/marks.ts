// Stage 1 of the quote stage: quotation marks. One character scan per body range pairs curly “ ”
// (nesting counted; a ” after a space and before a word opens), straight " and '' (opening or closing
// decided by the characters beside it), curly ‘ ’ for short partials outside double quotes (an ’
// between letters is an apostrophe). A quote left open at a paragraph's end continues when the next
// paragraph opens with a mark; otherwise it ends with its paragraph; one left open for
// MAX_QUOTE_CHARS is a stray mark. Short Title Case quotes (“Meet the Press”) are names (isTitle).
import type { Doc } from '../nlp.ts'

export const LDQ = 0x201c, RDQ = 0x201d, DQ = 0x22, LSQ = 0x2018, RSQ = 0x2019, NL = 0x0a

export interface Marked {
  /** char index of the opening mark, and one past the closing mark (or the paragraph end) */
  open: number
  close: number
  /** inner text span */
  s: number
  e: number
  /** first token inside, last token inside, token of the closing mark (or -1) */
  ft: number
  lt: number
  closeTok: number
  openTok: number
}

export const DASHES = new Set(['—', '–', '―', '-', '--'])

/** the last non-space character code in text[a, b) (0 if none) */
export function lastNonSpace(text: string, a: number, b: number): number {
  for (let i = b - 1; i > a; i--) {
    const c = text.charCodeAt(i)
    // a nested quote closing with the outer one: ... a little bit,'" he said
    if (!isSpace(c) && c !== RSQ && c !== 0x27 && c !== RDQ && c !== DQ) return c
  }
  return 0
}

export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0
export const isLetter = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f)

/** Pairs quotation marks in text[a, b). Pushes [open, closeEnd) pairs (closeEnd = index after the closing mark, or the paragraph end). */
export function pairMarks(text: string, a: number, b: number, out: [number, number][]): void {
  let open = -1
  let depth = 0
  for (let i = a; i < b; i++) {
    let c = text.charCodeAt(i)
    // two apostrophes are one straight double mark (''So it goes,'' as some archives print “ ”)
    const w = c === 0x27 && i + 1 < b && text.charCodeAt(i + 1) === 0x27 ? 1 : 0
    if (w === 1) c = DQ
    if (open >= 0 && i - open > MAX_QUOTE_CHARS) {
      // never closed: a stray mark; scanning goes on from here
      open = -1
      depth = 0
    }
    if (c === NL) {
      if (open < 0) continue
      let k = i + 1
      while (k < b && isSpace(text.charCodeAt(k))) k++
      const n = k < b ? text.charCodeAt(k) : 0
      if (n === LDQ || n === DQ || (n === 0x27 && k + 1 < b && text.charCodeAt(k + 1) === 0x27)) {
        // the quote runs on into the next paragraph, which reopens it
        i = k
        depth = 1
        continue
      }
      out.push([open, i])
      open = -1
      depth = 0
      continue
    }
    if (c === LDQ) {
      if (open < 0) {
        open = i
        depth = 1
      } else depth++
    } else if (c === RDQ) {
      if (open >= 0) {
        if (--depth === 0) {
          out.push([open, i + 1])
          open = -1
        }
      } else {
        // a right mark typed as an opener (” Fear. ...”): after a space or paragraph start, before a letter
        const prev = i > a ? text.charCodeAt(i - 1) : NL
        if (isSpace(prev) && i + 1 < b && isLetter(text.charCodeAt(i + 1))) {
          open = i
          depth = 1
        }
      }
    } else if (c === DQ) {
      const prev = i > a ? text.charCodeAt(i - 1) : NL
      const next = i + 1 + w < b ? text.charCodeAt(i + 1 + w) : NL
      if (open < 0) {
        if (!isSpace(next)) {
          open = i
          depth = 1
        }
      } else if (!isSpace(prev) || isSpace(next)) {
        if (--depth === 0) {
          out.push([open, i + 1 + w])
          open = -1
        }
      } else depth++
      i += w
    } else if (c === LSQ && open < 0) {
      const prev = i > a ? text.charCodeAt(i - 1) : NL
      if (!(isSpace(prev) || prev === 0x28 || prev === 0x2014)) continue
      if (!(i + 1 < b && isLetter(text.charCodeAt(i + 1)))) continue
      const limit = Math.min(b, i + 160)
      for (let j = i + 2; j < limit; j++) {
        const d = text.charCodeAt(j)
        if (d === NL) break
        if (d === RSQ && !isSpace(text.charCodeAt(j - 1)) && !(j + 1 < b && isLetter(text.charCodeAt(j + 1)))) {
          out.push([i, j + 1])
          i = j
          break
        }
      }
    }
  }
  if (open >= 0 && b - open <= MAX_QUOTE_CHARS) out.push([open, b])
}

export function isMark(c: number): boolean {
  return c === LDQ || c === RDQ || c === DQ || c === LSQ || c === RSQ
}

/** index of the first value >= pos in an ascending list (its length when there is none) */
export function firstAtLeast(sorted: ArrayLike<number>, pos: number): number {
  let lo = 0, hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid] < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** first token whose start is >= pos */
export function tokenAtOrAfter(doc: Doc, pos: number): number {
  return firstAtLeast(doc.start, pos)
}

/** a quote left open longer than this (characters) is a stray mark, not a quote */
export const MAX_QUOTE_CHARS = 12_000

export const TITLE_SMALL = new Set(['of', 'the', 'and', 'a', 'an', 'in', 'on', 'with', 'for', 'to', 'at', 'by', '&', ':', '-', "'s", '’s'])

/** Is the quoted text [a, b] a short Title Case name ("Meet the Press", "Morning Joe", "R")? */
export function isTitle(doc: Doc, a: number, b: number): boolean {
  if (b - a > 6) return false
  let words = 0
  for (let k = a; k <= b; k++) {
    const t = doc.tokens[k]
    if (doc.pos[k] === 'PUNCT') {
      if (t === '!' || t === '?' || (t === '.' && k !== b)) return false
      continue
    }
    const c = t.charCodeAt(0)
    const upper = (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
    if (!upper && !(TITLE_SMALL.has(t) && k !== a)) return false
    if (upper) words++
  }
  // a capitalised pronoun or verb opening a short sentence ("We won.", "I agree") is speech, not a title
  return words > 0 && !(doc.pos[a] === 'PRON' || doc.pos[a + 1] === 'VERB' || doc.pos[a + 1] === 'AUX')
}

/** The quotes of a document's body `ranges`, in text order, and for each token the index of the quote holding it (-1 for none; the marks count as inside). */
export function markQuotes(doc: Doc, ranges: { start: number; end: number }[]): { quotes: Marked[]; inQuote: Int32Array } {
  const { text } = doc
  const n = doc.tokens.length
  const pairs: [number, number][] = []
  for (const r of ranges) pairMarks(text, Math.max(0, r.start), Math.min(text.length, r.end), pairs)
  const inQuote = new Int32Array(n).fill(-1)
  const quotes: Marked[] = []
  for (const [open, close] of pairs) {
    const twoOpen = text.charCodeAt(open) === 0x27
    let s = open + (twoOpen ? 2 : 1)
    let e = close
    const twoClose = e - 2 > s && text.charCodeAt(e - 1) === 0x27 && text.charCodeAt(e - 2) === 0x27
    if (twoClose) e -= 2
    else if (e > s && isMark(text.charCodeAt(e - 1))) e--
    while (s < e && isSpace(text.charCodeAt(s))) s++
    while (e > s && (isSpace(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 0x2c)) e--
    if (e <= s) continue
    // markup attributes (author="@x") are not quotes
    if (open > 0 && text.charCodeAt(open - 1) === 0x3d) continue
    const openTok = tokenAtOrAfter(doc, open)
    const ft = tokenAtOrAfter(doc, s)
    let lt = tokenAtOrAfter(doc, e) - 1
    if (lt < ft) lt = ft
    const hasClose = (twoClose || (close > 0 && isMark(text.charCodeAt(close - 1)))) && close - 1 > open
    // the token holding the closing mark's last character (wink reads '' as one token or two)
    const closeTok = !hasClose ? -1 : twoClose ? tokenAtOrAfter(doc, close) - 1 : tokenAtOrAfter(doc, close - 1)
    const q = quotes.length
    quotes.push({ open, close, s, e, ft, lt, closeTok, openTok })
    const last = closeTok >= 0 ? closeTok : lt
    for (let k = openTok; k <= last && k < n; k++) inQuote[k] = q
  }
  return { quotes, inQuote }
}
