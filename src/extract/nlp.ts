// The one wink-nlp instance of the process, and the shared token document every stage reads.
// wink-nlp's learnCustomEntities only gets working POS patterns on the first winkNLP(model) of a
// process, so nothing else may create an instance: import `nlp` from here.
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { normaliseForMatching } from './normalize.ts'

/**
 * wink's pipe without its own named-entity recogniser ('ner': dates, numbers, money...), which no stage reads:
 * readDoc runs about 40% faster, with identical tokens, POS tags, sentences and sentiment on all 840 PolNeAR
 * train texts. Add 'ner' (or 'cer' for learnCustomEntities) back here if a stage comes to need it.
 */
export const WINK_PIPE = ['sbd', 'negation', 'sentiment', 'pos']
export const nlp = winkNLP(model, WINK_PIPE)
export const its = nlp.its

/** Tokens and sentences of one text, with character offsets into that text (end exclusive). */
export interface Doc {
  text: string
  /** token surface strings */
  tokens: string[]
  /** Universal POS tag per token (PROPN, NOUN, VERB, PUNCT, ...) */
  pos: string[]
  start: Int32Array
  end: Int32Array
  /** index of the sentence each token belongs to */
  sentenceOf: Int32Array
  sentences: Sentence[]
}

export interface Sentence {
  /** first and last token index (inclusive) */
  firstToken: number
  lastToken: number
  start: number
  end: number
  /** wink-nlp's sentiment (-1..1) of the sentence wink found, from the same read (a piece of a long sentence keeps it) */
  sentiment: number
}

/**
 * Runs wink-nlp over `text` and maps every token back to its character offsets.
 * `offset` is added to every offset, so a caller can analyse a slice of a larger text.
 * wink reads the text normalised for matching (./normalize.ts: no invisible characters, no fullwidth or
 * look-alike letters in Latin words); tokens are its normalised surfaces, offsets index `text` as given.
 */
export function analyse(text: string, offset = 0): Doc {
  const norm = normaliseForMatching(text)
  const doc = analyseNormalised(norm?.text ?? text, offset)
  if (!norm) return doc
  // offsets in the normalised text -> the original: a token spans its first unit's source to its last one's
  for (let i = 0; i < doc.tokens.length; i++) {
    const s = doc.start[i] - offset
    const e = doc.end[i] - offset
    doc.start[i] = norm.start[s] + offset
    doc.end[i] = (e > s ? norm.end[e - 1] : norm.start[s]) + offset
  }
  for (const sentence of doc.sentences) {
    sentence.start = doc.start[sentence.firstToken]
    sentence.end = doc.end[sentence.lastToken]
  }
  return { ...doc, text }
}

function analyseNormalised(text: string, offset: number): Doc {
  const wdoc = nlp.readDoc(text)
  const tokens = wdoc.tokens().out() as string[]
  const pos = wdoc.tokens().out(its.pos) as string[]
  const n = tokens.length
  const start = new Int32Array(n)
  const end = new Int32Array(n)
  let cursor = 0
  for (let i = 0; i < n; i++) {
    const t = tokens[i]
    let at = text.startsWith(t, cursor) ? cursor : text.indexOf(t, cursor)
    // wink may normalise a token's surface (rare); keep offsets monotone if it cannot be found.
    if (at < 0 || at - cursor > 64) at = skipSpaces(text, cursor)
    start[i] = at + offset
    cursor = Math.min(text.length, at + (at >= 0 ? t.length : 0))
    end[i] = cursor + offset
  }
  const spans = wdoc.sentences().out(its.span) as unknown as [number, number][]
  const scores = wdoc.sentences().out(its.sentiment) as unknown as number[]
  const split = splitPossessives(tokens, pos, start, end)
  const at = split?.at
  const out = split ?? { tokens, pos, start, end }
  const sentenceOf = new Int32Array(out.tokens.length)
  const sentences: Sentence[] = spans.map(([a0, b0], s) => {
    const a = at ? at[a0] : a0
    const b = at ? at[b0 + 1] - 1 : b0
    for (let i = a; i <= b; i++) sentenceOf[i] = s
    return { firstToken: a, lastToken: b, start: out.start[a], end: out.end[b], sentiment: Number.isFinite(scores[s]) ? scores[s] : 0 }
  })
  return { text, tokens: out.tokens, pos: out.pos, start: out.start, end: out.end, sentenceOf, sentences }
}

/** A word with its possessive or contraction "'s" ("Clinton’s"), or a plural's possessive mark ("Sanders’"). */
const JOINED_S = /^(\p{L}[\p{L}\p{N}.'’-]*?)(['’][sS])$/u
const JOINED_MARK = /^(\p{L}[\p{L}\p{N}.'’-]*?[sS])(['’])$/u

/** The quick test before the regexes: ends in 's / ’s / s' / s’ and is longer than the mark. */
function mayBeJoined(t: string): boolean {
  if (t.length <= 2) return false
  const c = t.charCodeAt(t.length - 1)
  const d = t.charCodeAt(t.length - 2)
  return ((c === 115 || c === 83) && (d === 39 || d === 8217)) || ((c === 39 || c === 8217) && (d === 115 || d === 83))
}

/**
 * wink-nlp splits "Clinton’s" into "Clinton" "’s" on a fresh process, but its lexicon cache grows
 * with the words it reads, and once it has met "Clinton’s" whole (before a full stop, say) it keeps
 * the word whole for the rest of the process: the tokens of an article would depend on the articles
 * read before it. Every such word is split here as wink splits it fresh: "’s" a particle after a
 * name or noun (else the verb "is"), a lone "’" after a plural punctuation. Returns null when no
 * token needs it (the usual case); `at` maps each old token index to its new one.
 */
function splitPossessives(tokens: string[], pos: string[], start: Int32Array, end: Int32Array):
  { tokens: string[]; pos: string[]; start: Int32Array; end: Int32Array; at: Int32Array } | null {
  const n = tokens.length
  let first = -1
  for (let i = 0; i < n; i++) {
    const t = tokens[i]
    if (mayBeJoined(t) && (JOINED_S.test(t) || JOINED_MARK.test(t))) { first = i; break }
  }
  if (first < 0) return null
  const oTokens: string[] = []
  const oPos: string[] = []
  const oStart: number[] = []
  const oEnd: number[] = []
  const at = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) {
    at[i] = oTokens.length
    const t = tokens[i]
    const m = i >= first && end[i] - start[i] === t.length && mayBeJoined(t) ? JOINED_S.exec(t) ?? JOINED_MARK.exec(t) : null
    if (!m) {
      oTokens.push(t); oPos.push(pos[i]); oStart.push(start[i]); oEnd.push(end[i])
      continue
    }
    const cut = start[i] + m[1].length
    const base = pos[i] === 'PART' || pos[i] === 'PUNCT' ? 'PROPN' : pos[i]
    oTokens.push(m[1], m[2]); oPos.push(base, m[2].length === 1 ? 'PUNCT' : base === 'PROPN' || base === 'NOUN' ? 'PART' : 'AUX')
    oStart.push(start[i], cut); oEnd.push(cut, end[i])
  }
  at[n] = oTokens.length
  return { tokens: oTokens, pos: oPos, start: Int32Array.from(oStart), end: Int32Array.from(oEnd), at }
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++
  return i
}
