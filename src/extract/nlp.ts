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
  const sentenceOf = new Int32Array(n)
  const sentences: Sentence[] = spans.map(([a, b], s) => {
    for (let i = a; i <= b; i++) sentenceOf[i] = s
    return { firstToken: a, lastToken: b, start: start[a], end: end[b], sentiment: Number.isFinite(scores[s]) ? scores[s] : 0 }
  })
  return { text, tokens, pos, start, end, sentenceOf, sentences }
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++
  return i
}
