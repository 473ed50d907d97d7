// The shared token document over a whole input, however large: wink-nlp reads the text in chunks cut at
// paragraph breaks (a paragraph longer than a chunk is cut at a space), and the chunks are joined into one Doc
// whose offsets index the full text. Sentences are then kept within paragraphs and to a bounded length, so a
// text with no sentence punctuation still gives stages sentences of a sane size.
import { analyse, type Doc, type Sentence } from './nlp.ts'

export interface ChunkOptions {
  /** characters per wink-nlp call (paragraphs are never split unless one alone is longer) */
  maxChunkChars?: number
  /** a longer run of tokens without a sentence end is cut into sentences of this many tokens */
  maxSentenceTokens?: number
  /** outside this range (the header of the news format) every line is a sentence of its own */
  bodyStart?: number
  bodyEnd?: number
  /** analyse only text[from, to) (tokens outside it are absent; offsets still index the whole text) */
  from?: number
  to?: number
}

const DEFAULTS = { maxChunkChars: 50_000, maxSentenceTokens: 250 }

/** Chunk boundaries of `text`: [start, end) ranges, cut at paragraph breaks, else spaces, else anywhere. */
export function chunkRanges(text: string, maxChunkChars: number, from = 0, to = text.length): [number, number][] {
  const out: [number, number][] = []
  let at = from
  while (at < to) {
    if (to - at <= maxChunkChars) {
      out.push([at, to])
      break
    }
    const limit = at + maxChunkChars
    let cut = text.lastIndexOf('\n\n', limit)
    if (cut <= at) cut = text.lastIndexOf('\n', limit)
    if (cut <= at) cut = text.lastIndexOf(' ', limit)
    if (cut <= at) cut = limit
    // never cut inside a surrogate pair
    if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--
    out.push([at, cut])
    at = cut
  }
  return out
}

export function analyseText(text: string, options: ChunkOptions = {}): Doc {
  const { maxChunkChars, maxSentenceTokens } = { ...DEFAULTS, ...options }
  const from = options.from ?? 0
  const to = options.to ?? text.length
  const ranges = chunkRanges(text, maxChunkChars, from, to)
  const doc = from === 0 && to === text.length && ranges.length <= 1 ? analyse(text) : joinDocs(text, ranges.map(([a, b]) => analyse(text.slice(a, b), a)))
  return resplit(doc, maxSentenceTokens, options.bodyStart ?? 0, options.bodyEnd ?? text.length)
}

function joinDocs(text: string, parts: Doc[]): Doc {
  let n = 0
  for (const p of parts) n += p.tokens.length
  const tokens: string[] = []
  const pos: string[] = []
  const start = new Int32Array(n)
  const end = new Int32Array(n)
  const sentences: Sentence[] = []
  let base = 0
  for (const p of parts) {
    for (let i = 0; i < p.tokens.length; i++) {
      tokens.push(p.tokens[i])
      pos.push(p.pos[i])
    }
    start.set(p.start, base)
    end.set(p.end, base)
    for (const s of p.sentences) sentences.push({ ...s, firstToken: s.firstToken + base, lastToken: s.lastToken + base })
    base += p.tokens.length
  }
  return { text, tokens, pos, start, end, sentenceOf: new Int32Array(n), sentences }
}

/** does this whitespace token hold a paragraph break (or, in the header, a line break)? */
function isBreak(token: string, header: boolean): boolean {
  const nl = token.indexOf('\n')
  return nl >= 0 && (header || token.indexOf('\n', nl + 1) >= 0)
}

/**
 * Sentences cut at paragraph breaks and to at most `maxTokens` tokens, trimmed of whitespace tokens at either
 * end (wink-nlp keeps line breaks as SPACE tokens); whitespace between sentences counts to the sentence before.
 */
function resplit(doc: Doc, maxTokens: number, bodyStart: number, bodyEnd: number): Doc {
  const { tokens, pos, start, end } = doc
  const out: Sentence[] = []
  const push = (a: number, b: number, sentiment: number) => {
    while (a <= b && pos[a] === 'SPACE') a++
    while (b >= a && pos[b] === 'SPACE') b--
    if (a <= b) out.push({ firstToken: a, lastToken: b, start: start[a], end: end[b], sentiment })
  }
  for (const s of doc.sentences) {
    let first = s.firstToken
    for (let i = s.firstToken; i <= s.lastToken; i++) {
      if (pos[i] === 'SPACE') {
        const header = start[i] < bodyStart || end[i] > bodyEnd
        if (isBreak(tokens[i], header)) {
          push(first, i, s.sentiment)
          first = i + 1
        }
      } else if (i - first >= maxTokens) {
        push(first, i - 1, s.sentiment)
        first = i
      }
    }
    if (s.lastToken >= first) push(first, s.lastToken, s.sentiment)
  }
  const sentenceOf = doc.sentenceOf.length === tokens.length ? doc.sentenceOf : new Int32Array(tokens.length)
  sentenceOf.fill(0)
  out.forEach((s, k) => {
    const next = out[k + 1]
    sentenceOf.fill(k, s.firstToken, next ? next.firstToken : tokens.length)
  })
  return { ...doc, sentenceOf, sentences: out }
}
