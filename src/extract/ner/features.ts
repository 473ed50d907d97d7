// Features of the name tagger, shared by training (scripts/train-ner.ts) and tagging (tagger.ts).
// Every feature is a hashed integer: a template id mixed with a value hash, masked to the weight
// table's size. Per-word values (hashes of the word, its shape, affixes, gazetteer flags) are
// computed once per distinct token string and cached, so the hot loop allocates no strings.
import type { Doc } from '../nlp.ts'
import { ownString } from '../own-string.ts'
import { COUNTRY_NAMES_LOWER, DEMONYMS_LOWER, CAPITALS } from '../lexicon/countries.ts'
import { HONORIFICS, RANKS, TITLES, ORG_HINTS, KNOWN_ORGS, MONTHS, WEEKDAYS, PLACE_PREPOSITIONS, PLACE_NOUNS } from '../lexicon/words.ts'

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const
export const NTAGS = TAGS.length
/** tag index -> entity class index (0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC) */
export const TAG_CLASS = [0, 1, 1, 2, 2, 3, 3, 4, 4]
export const TAG_IS_BEGIN = [false, true, false, true, false, true, false, true, false]
/** true when tag t may follow tag prev (an I- tag continues a B- or I- of its class) */
export function allowed(prev: number, t: number): boolean {
  if (t === 0 || TAG_IS_BEGIN[t]) return true
  return prev !== 0 && TAG_CLASS[prev] === TAG_CLASS[t]
}

/** Per distinct token string: value hashes and flags. */
export interface WordInfo {
  exact: number
  lower: number
  shape: number
  pre2: number
  pre3: number
  suf2: number
  suf3: number
  suf4: number
  /** gazetteer bits (GAZ_*) */
  gaz: number
  /** letters-only case class: 0 no letters, 1 lower, 2 Titlecase, 3 ALLCAPS, 4 mixed */
  caseClass: number
  /** per-document state shared by all case forms of the word */
  lex: LexEntry
}

/**
 * Per-document state of a lowercase word, valid while `stamp` equals the current document's stamp
 * (no per-document maps: a document bumps the stamp and stale entries read as unseen).
 */
export interface LexEntry {
  stamp: number
  /** case evidence: bit 1 seen Titlecase not first in its line, bit 2 seen lowercase */
  dcase: number
  /** the class last predicted for the word in this document, 7 when none */
  hist: number
}

let stampCounter = 0
/** A fresh stamp for a new document. */
export function newStamp(): number {
  return ++stampCounter
}
const lexCache = new Map<string, LexEntry>()

export const GAZ_COUNTRY = 1
export const GAZ_DEMONYM = 2
export const GAZ_TITLE = 4
export const GAZ_HONORIFIC = 8
export const GAZ_RANK = 16
export const GAZ_CALENDAR = 32
export const GAZ_ORGHINT = 64
export const GAZ_KNOWNORG = 128
export const GAZ_CAPITAL = 256
export const GAZ_PLACEPREP = 512
export const GAZ_PLACENOUN = 1024
const GAZ_BITS = 11

/** words (lowercase) that occur inside any multi-word gazetteer phrase, by flag */
function wordsOf(keys: Iterable<string>): Set<string> {
  const s = new Set<string>()
  for (const k of keys) for (const w of k.toLowerCase().split(' ')) if (w.length > 1 && w !== 'of' && w !== 'the' && w !== 'and') s.add(w)
  return s
}
let gazSets: [Set<string>, number][] | null = null
function gazetteers(): [Set<string>, number][] {
  if (!gazSets) {
    gazSets = [
      [wordsOf(COUNTRY_NAMES_LOWER.keys()), GAZ_COUNTRY],
      [wordsOf(DEMONYMS_LOWER.keys()), GAZ_DEMONYM],
      [wordsOf(TITLES), GAZ_TITLE],
      [HONORIFICS, GAZ_HONORIFIC],
      [wordsOf(RANKS), GAZ_RANK],
      [new Set([...MONTHS, ...WEEKDAYS]), GAZ_CALENDAR],
      [ORG_HINTS, GAZ_ORGHINT],
      [wordsOf(KNOWN_ORGS.keys()), GAZ_KNOWNORG],
      [new Set(CAPITALS.keys()), GAZ_CAPITAL],
      [PLACE_PREPOSITIONS, GAZ_PLACEPREP],
      [PLACE_NOUNS, GAZ_PLACENOUN],
    ]
  }
  return gazSets
}

const FNV = 0x811c9dc5
function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193)
}
function lowerCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c
}
/** hash of s[from, to) lowercased (ASCII fold; others as is), seeded */
function hashRange(s: string, from: number, to: number, seed: number, lower: boolean): number {
  let h = FNV ^ seed
  for (let k = from; k < to; k++) h = fnvStep(h, lower ? lowerCode(s.charCodeAt(k)) : s.charCodeAt(k))
  return h | 0
}

function shapeHash(s: string): number {
  // X for upper, x for lower, d for digit, the character itself otherwise; runs longer than 2 collapsed
  let h = FNV ^ 77
  let last = -1
  let run = 0
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k)
    let cls: number
    if (c >= 65 && c <= 90) cls = 88
    else if (c >= 97 && c <= 122) cls = 120
    else if (c >= 48 && c <= 57) cls = 100
    else if (c > 127) {
      const ch = s[k]
      cls = ch !== ch.toLowerCase() ? 88 : ch !== ch.toUpperCase() ? 120 : c
    } else cls = c
    if (cls === last) {
      run++
      if (run >= 2) continue
    } else run = 0
    last = cls
    h = fnvStep(h, cls)
  }
  return h | 0
}

function caseClassOf(s: string): number {
  let upper = 0
  let lower = 0
  let firstUpper = false
  for (let k = 0; k < s.length; k++) {
    const ch = s[k]
    const lo = ch.toLowerCase()
    const up = ch.toUpperCase()
    if (lo === up) continue
    if (ch === up) {
      if (upper + lower === 0) firstUpper = true
      upper++
    } else lower++
  }
  if (upper + lower === 0) return 0
  if (upper === 0) return 1
  if (lower === 0) return upper > 1 ? 3 : 2
  return firstUpper && upper === 1 ? 2 : 4
}

const cache = new Map<string, WordInfo>()
/**
 * Words whose features stay cached from one document to the next. An entry costs ~300 bytes of the extraction
 * worker's heap (its word and lowercase form, the hashes, the per-document state): the 300,000 a document may still
 * reach are ~85 MB, most of the worker's 128 MB old generation, and a long ingest of new names filled the cache
 * toward them (issue 13: the worker's used heap 66 -> 129 MB over bench:scale's 10,000 step). A news text brings a
 * few hundred words; the common ones come back within a few documents.
 */
export const WORD_CACHE_MAX = 50_000

/** Forgets every cached word (the features are the same computed again: a fresh entry reads as unseen in any document). */
export function forgetWords(): void {
  cache.clear()
  lexCache.clear()
}

/**
 * Called before a document's first word: forgets the cached words once there are more than WORD_CACHE_MAX. Between
 * documents and never within one, so that no word of a document loses its state in that document (its stamp).
 */
export function startDocument(): void {
  if (cache.size > WORD_CACHE_MAX) forgetWords()
}

export function wordInfo(s: string): WordInfo {
  let w = cache.get(s)
  if (w) return w
  // a single document of more distinct words than this (a hostile input) is read with its early words forgotten
  if (cache.size > 300_000) forgetWords()
  const n = s.length
  const lowerStr = s.toLowerCase()
  let lex = lexCache.get(lowerStr)
  if (!lex) lexCache.set(ownString(lowerStr), (lex = { stamp: 0, dcase: 0, hist: 7 }))
  let gaz = 0
  for (const [set, bit] of gazetteers()) if (set.has(lowerStr)) gaz |= bit
  w = {
    exact: hashRange(s, 0, n, 1, false),
    lower: hashRange(lowerStr, 0, n, 2, false),
    shape: shapeHash(s),
    pre2: hashRange(lowerStr, 0, Math.min(2, n), 3, false),
    pre3: hashRange(lowerStr, 0, Math.min(3, n), 4, false),
    suf2: hashRange(lowerStr, Math.max(0, n - 2), n, 5, false),
    suf3: hashRange(lowerStr, Math.max(0, n - 3), n, 6, false),
    suf4: hashRange(lowerStr, Math.max(0, n - 4), n, 7, false),
    gaz,
    caseClass: caseClassOf(s),
    lex,
  }
  cache.set(ownString(s), w)
  return w
}

// A fixed id per Universal POS tag: ids must not depend on the order tags are first seen, or the
// features at tagging time would differ from those at training time.
const POS_LIST = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X', 'SPACE']
const POS_IDS = new Map(POS_LIST.map((p, k) => [p, k + 1]))
export function posId(pos: string): number {
  return POS_IDS.get(pos) ?? POS_LIST.length + 1
}

/** One tagging unit: a sentence or line, as doc token indices, with per-token values. */
export interface Sequence {
  tokens: number[]
  words: WordInfo[]
  pos: number[]
  /** the unit is a headline-like line: most of its words are in capitals */
  headline: boolean
  /** the unit is a Title Case line (a modern headline): its capitals say nothing about names */
  titleLine: boolean
  /** per position: the document's case evidence for the word (set by docCase) */
  dcase: Int8Array
}

/**
 * Cuts the doc's tokens (those with mask[i] set) into sequences: wink sentences, also cut at
 * line breaks, without space tokens.
 */
export function sequences(doc: Doc, mask: Uint8Array | null): Sequence[] {
  const out: Sequence[] = []
  let cur: number[] = []
  const flush = (): void => {
    if (cur.length) out.push(makeSequence(doc, cur))
    cur = []
  }
  for (let i = 0; i < doc.tokens.length; i++) {
    if (mask && !mask[i]) { flush(); continue }
    if (doc.pos[i] === 'SPACE') {
      if (doc.tokens[i].includes('\n')) flush()
      continue
    }
    if (cur.length && doc.sentenceOf[i] !== doc.sentenceOf[cur[cur.length - 1]]) flush()
    cur.push(i)
  }
  flush()
  return out
}

const TITLE_CASE_POS = new Set(['VERB', 'AUX', 'ADP', 'ADV', 'PRON', 'DET', 'ADJ', 'CCONJ', 'SCONJ', 'PART'])

function makeSequence(doc: Doc, tokens: number[]): Sequence {
  const words = tokens.map((i) => wordInfo(doc.tokens[i]))
  let caps = 0
  let letters = 0
  for (const w of words) {
    if (w.caseClass === 0) continue
    letters++
    if (w.caseClass === 3) caps++
  }
  // Title Case: most longer words capitalised, and among them at least two that are no nouns
  // ("Was", "Their", "About"); a line of names and scores has capitals but only on nouns
  let long = 0
  let longCap = 0
  let capOther = 0
  for (let k = 0; k < tokens.length; k++) {
    const cc = words[k].caseClass
    if (k > 0 && cc === 2 && TITLE_CASE_POS.has(doc.pos[tokens[k]])) capOther++
    if (doc.tokens[tokens[k]].length < 4 || cc === 0) continue
    long++
    if (cc >= 2) longCap++
  }
  const headline = letters >= 2 && caps / letters > 0.6
  const titleLine = !headline && long >= 3 && longCap / long >= 0.75 && capOther >= 2
  return { tokens, words, pos: tokens.map((i) => posId(doc.pos[i])), headline, titleLine, dcase: new Int8Array(tokens.length) }
}

/**
 * Per-document case evidence for each word, written to each sequence's `dcase`: bit 1 the word is
 * seen Titlecase not first in its line (outside headlines), bit 2 seen lowercase. Lets headline
 * words borrow the case the body gives them.
 */
export function docCase(seqs: Sequence[]): void {
  const stamp = newStamp()
  for (const s of seqs) {
    if (s.headline || s.titleLine) continue
    for (let k = 0; k < s.words.length; k++) {
      const w = s.words[k]
      const bit = w.caseClass === 1 ? 2 : (w.caseClass === 2 || w.caseClass === 3) && k > 0 ? 1 : 0
      if (!bit) continue
      const lex = w.lex
      if (lex.stamp !== stamp) { lex.stamp = stamp; lex.dcase = 0; lex.hist = 7 }
      lex.dcase |= bit
    }
  }
  for (const s of seqs) for (let k = 0; k < s.words.length; k++) {
    const lex = s.words[k].lex
    s.dcase[k] = lex.stamp === stamp ? lex.dcase : 0
  }
}

/** Starts the label history of a document: returns its stamp. */
export function beginHistory(): number {
  return newStamp()
}
/** Records the class predicted for the word at position k. */
export function remember(s: Sequence, k: number, cls: number, stamp: number): void {
  const w = s.words[k]
  if (w.caseClass < 2) return
  const lex = w.lex
  if (lex.stamp !== stamp) { lex.stamp = stamp; lex.dcase = 0 }
  lex.hist = cls
}

function mix(tid: number, v: number): number {
  let h = Math.imul(v ^ Math.imul(tid, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}
function pair(a: number, b: number): number {
  return Math.imul(a, 0x27d4eb2d) ^ b
}

const NONE = 0x5bd1e995
const START = 0x3c6ef372

/**
 * The features of position k whose values do not depend on predicted tags, written to out from
 * index 0 as weight-row offsets (bucket * NTAGS). Returns how many were written.
 */
export function staticFeatures(s: Sequence, k: number, mask: number, out: Int32Array): number {
  const w = s.words[k]
  const n = s.words.length
  const p1 = k > 0 ? s.words[k - 1] : null
  const p2 = k > 1 ? s.words[k - 2] : null
  const n1 = k + 1 < n ? s.words[k + 1] : null
  const n2 = k + 2 < n ? s.words[k + 2] : null
  const l1 = p1 ? p1.lower : START
  const l2 = p2 ? p2.lower : START
  const r1 = n1 ? n1.lower : NONE
  const r2 = n2 ? n2.lower : NONE
  const sh1 = p1 ? p1.shape : START
  const shr = n1 ? n1.shape : NONE
  const pos = s.pos[k]
  const posL = k > 0 ? s.pos[k - 1] : 0
  const posR = k + 1 < n ? s.pos[k + 1] : 0
  const h = s.headline ? 1 : 0
  const dcase = s.dcase[k]
  let c = 0
  out[c++] = (mix(0, 0) & mask) * NTAGS
  out[c++] = (mix(1, h ? w.lower : w.exact) & mask) * NTAGS
  out[c++] = (mix(2, w.lower) & mask) * NTAGS
  out[c++] = (mix(3, l1) & mask) * NTAGS
  out[c++] = (mix(4, r1) & mask) * NTAGS
  out[c++] = (mix(5, l2) & mask) * NTAGS
  out[c++] = (mix(6, r2) & mask) * NTAGS
  out[c++] = (mix(7, pair(w.shape, h)) & mask) * NTAGS
  out[c++] = (mix(8, pair(sh1, w.shape)) & mask) * NTAGS
  out[c++] = (mix(9, pair(w.shape, shr)) & mask) * NTAGS
  out[c++] = (mix(10, sh1) & mask) * NTAGS
  out[c++] = (mix(11, shr) & mask) * NTAGS
  out[c++] = (mix(12, w.suf2) & mask) * NTAGS
  out[c++] = (mix(13, w.suf3) & mask) * NTAGS
  out[c++] = (mix(14, w.suf4) & mask) * NTAGS
  out[c++] = (mix(15, w.pre2) & mask) * NTAGS
  out[c++] = (mix(16, w.pre3) & mask) * NTAGS
  out[c++] = (mix(17, pos) & mask) * NTAGS
  out[c++] = (mix(18, posL * 64 + pos) & mask) * NTAGS
  out[c++] = (mix(19, pos * 64 + posR) & mask) * NTAGS
  out[c++] = (mix(20, pair(l1, w.lower)) & mask) * NTAGS
  out[c++] = (mix(21, pair(w.lower, r1)) & mask) * NTAGS
  out[c++] = (mix(22, pair(w.caseClass * 8 + dcase, h * 2 + (k === 0 ? 1 : 0))) & mask) * NTAGS
  out[c++] = (mix(23, pair(dcase, w.lower)) & mask) * NTAGS
  out[c++] = (mix(24, pair(pos, w.shape)) & mask) * NTAGS
  out[c++] = (mix(25, pair(l1, w.shape)) & mask) * NTAGS
  out[c++] = (mix(26, pair(w.shape, r1)) & mask) * NTAGS
  out[c++] = (mix(27, pair(w.caseClass, p1 ? p1.caseClass * 8 + (n1 ? n1.caseClass : 7) : 7 * 8 + (n1 ? n1.caseClass : 7))) & mask) * NTAGS
  for (let b = 0; b < GAZ_BITS; b++) {
    const bit = 1 << b
    if (w.gaz & bit) out[c++] = (mix(30 + b, 1) & mask) * NTAGS
    if (p1 && p1.gaz & bit) out[c++] = (mix(50 + b, 1) & mask) * NTAGS
    if (n1 && n1.gaz & bit) out[c++] = (mix(70 + b, 1) & mask) * NTAGS
  }
  if (k === 0) out[c++] = (mix(28, pair(w.lower, h)) & mask) * NTAGS
  return c
}

/**
 * The features that read the tags predicted so far: the previous one or two tags, alone and with
 * the word, and the class last predicted for the same word in this document.
 */
export function dynamicFeatures(s: Sequence, k: number, prev: number, prev2: number, stamp: number, mask: number, out: Int32Array, c: number): number {
  const w = s.words[k]
  const lex = w.lex
  out[c++] = (mix(100, prev) & mask) * NTAGS
  out[c++] = (mix(101, prev * 16 + prev2) & mask) * NTAGS
  out[c++] = (mix(102, pair(prev, w.lower)) & mask) * NTAGS
  out[c++] = (mix(103, pair(prev, w.shape)) & mask) * NTAGS
  out[c++] = (mix(104, lex.stamp === stamp ? lex.hist : 7) & mask) * NTAGS
  return c
}

export const MAX_FEATURES = 128
