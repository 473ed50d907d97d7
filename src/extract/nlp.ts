// wink-nlp, read so that what it makes of a text depends on that text alone, and the shared token document
// every stage reads. Read texts with `wink.read` from here, not with a winkNLP instance of your own.
import winkNLP, { type Document, type ItsHelpers, type Model, type WinkMethods } from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { normaliseForMatching } from './normalize.ts'
import { ownString } from './own-string.ts'

/**
 * wink's pipe without its own named-entity recogniser ('ner': dates, numbers, money...), which no stage reads:
 * readDoc runs about 40% faster, with identical tokens, POS tags, sentences and sentiment on all 840 PolNeAR
 * train texts. Add 'ner' back here if a stage comes to need it. ('cer' would need more: learnCustomEntities
 * teaches one instance, and a reader replaces its instance now and then.)
 */
export const WINK_PIPE = ['sbd', 'negation', 'sentiment', 'pos']

export interface WinkReader {
  /**
   * Reads `text` and returns what `take` makes of its document. `take` must take all it needs there and
   * then: the document looks its words up lazily, and the words it added are forgotten once `take` returns.
   */
  read<T>(text: string, take: (doc: Document) => T): T
  its: ItsHelpers
  /** how many winkNLP instances this reader has made so far */
  instances(): number
  /** the model's own lexicon holds `word` as written (a common word when lowercase: "tonight", "good"; not "obama") */
  knows(word: string): boolean
}

/**
 * The model's metaCER(), called once. Every winkNLP(model) calls it, and it JSON.stringifies its machines
 * into the variable it read them from: the second instance of a process gets them stringified twice (likely
 * why learnCustomEntities was found to work on the first instance only), and after a few more instances
 * the call dies of "RangeError: Invalid string length". Every instance made here gets the first answer.
 */
const metaCER = ((): (() => unknown) => {
  let made: unknown
  return () => (made ??= (model.metaCER as () => unknown)())
})()

/** A word wink tokenises alike whether its cache knows it or not: letters only, nothing to split off. */
const PLAIN_WORD = /^[A-Za-z]+$/

/** The part of wink's lexicon that its cache adds to: word -> index, and index -> word. */
interface Lexemes { hash: Record<string, number>; list: string[] }

/**
 * A reader of texts through a winkNLP instance whose every read finds the lexicon as a fresh process has it.
 *
 * wink's cache learns every out-of-vocabulary word it reads, and its tokeniser keeps a known word whole:
 * once one text had "party’s" whole (before a full stop, say), every later text of the process got
 * "party’s" as one token where a fresh process splits it (party ’s), the POS tags of its neighbours
 * changed with it, and so did the relations extracted from an article, with the articles read before it.
 * So after each read the words it added are taken out of the lexicon's hash (the model's own words are
 * never touched), and the next text is tokenised as against the model's lexicon alone. Words of ASCII
 * letters only stay learnt: the tokeniser keeps such a word whole whether it knows it or not, and
 * re-learning them in every text would cost the extraction ~20% more CPU (the 840 PolNeAR train texts
 * extract byte-identically either way). (Within one text wink still learns as it goes, as it does in a
 * fresh process.) The forgotten words stay in wink's private lists, whose indexes must stay valid, so the
 * lists grow by each text's distinct new words with a mark or a non-ASCII letter in them; past `limit` of
 * them (~15 MB) the instance is replaced by a new one, which takes about a second and frees them.
 */
export function winkReader(limit = 250_000): WinkReader {
  let lexemes: Lexemes | undefined
  // each instance makes its lexicon afresh with the model's core(): keep a hold of the one it made
  const core = model.core as () => { features: { lexeme: Lexemes } }
  const ours: Model = { ...model, core: () => { const loaded = core(); lexemes = loaded.features.lexeme; return loaded }, metaCER }
  let made = 0
  let pristine = 0
  let instance = create()

  function create(): WinkMethods {
    lexemes = undefined
    const created = winkNLP(ours, WINK_PIPE)
    if (!lexemes) throw new Error('wink-nlp did not load the model\'s core lexicon')
    pristine = (lexemes as Lexemes).list.length
    made++
    return created
  }

  return {
    read<T>(text: string, take: (doc: Document) => T): T {
      if ((lexemes as Lexemes).list.length - pristine > limit) instance = create()
      const { hash, list } = lexemes as Lexemes
      const from = list.length
      try {
        return take(instance.readDoc(text))
      } finally {
        // every word from `from` on was new to the hash when this read added it (wink adds only missing words);
        // a word of ASCII letters alone stays: wink's tokeniser keeps such a word whole whether it knows it or not
        for (let i = from; i < list.length; i++) {
          if (!PLAIN_WORD.test(list[i])) delete hash[list[i]]
          // a word kept in the lexicon must not keep the text it was read from (own-string.ts)
          else list[i] = ownString(list[i])
        }
      }
    },
    its: instance.its,
    instances: () => made,
    knows(word: string): boolean {
      const i = (lexemes as Lexemes).hash[word]
      return i !== undefined && i < pristine
    },
  }
}

/** The reader every stage uses. */
export const wink = winkReader()
export const its = wink.its

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
  const { tokens, pos, spans, scores } = wink.read(text, (wdoc) => ({
    tokens: wdoc.tokens().out() as string[],
    pos: wdoc.tokens().out(its.pos) as string[],
    spans: wdoc.sentences().out(its.span) as unknown as [number, number][],
    scores: wdoc.sentences().out(its.sentiment) as unknown as number[],
  }))
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
 * wink-nlp splits "Clinton’s" into "Clinton" "’s" mid-sentence, but keeps it whole in some places (before a
 * full stop, say), and once it has met the word whole it keeps it whole for the rest of the text (the
 * reader above forgets it between texts). Every such word is split here as wink splits it fresh: "’s" a
 * particle after a name or noun (else the verb "is"), a lone "’" after a plural punctuation. Returns null
 * when no token needs it (the usual case); `at` maps each old token index to its new one.
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
