// Quotes and their speakers.
//
// 1. Quotation marks are paired by one character scan per body range: curly “ ” (nesting
//    counted; a ” after a space and before a word opens), straight " (opening or closing decided by
//    the characters beside it), curly ‘ ’ for short partials outside double quotes (an ’ between
//    letters is an apostrophe). A quote left open at a paragraph's end continues when the next
//    paragraph opens with a mark; otherwise it ends with its paragraph; one left open for
//    MAX_QUOTE_CHARS is a stray mark. Short Title Case quotes (“Meet the Press”) are names, not
//    quotes, unless a speech tag sits beside them.
// 2. Cue verbs (lexicon/cues.ts) outside quotes are found with one Set lookup per token; each gets
//    its subject: the noun phrase left of it past auxiliaries, adverbs, time phrases, party tags
//    "(R-Fla.)", appositions and relative clauses; right of it in "…, said X"; for participles and
//    infinitives ("…, adding", "took to Twitter to accuse") the subject of the sentence's verb.
//    Speech cues get reported content: the clause after the cue (past "told reporters" and "that"),
//    or the sentence before it in "…, the Pentagon said"; "according to X" either way.
// 3. Each direct quote takes its speaker, in order of strength, from a tag right after it
//    (“…,” he said / said X / “…” ― Name / “…,” Hannity pressed, only when the quote ends with , ? !
//    or a dash), a cue right before it (X said: “…”), a name and a colon (X: “…”), the first cue of
//    its sentence (partials: X called the plan “a disaster”), or the running speaker: the quote or
//    reported statement just before it, when this quote opens the next sentence or paragraph.
// 4. Speaker spans resolve to entities of the layer: a name by the entity spans inside it (a person
//    wins: "Pentagon press secretary Pat Ryder" is Pat Ryder); he/she to the last person who spoke
//    nearby, else the last person named first in a sentence; it/they to the last organisation or
//    country. Resolved pronouns are added to the entity's mentions.
//
// Direct quotes that share a cue (“A,” he said. “B.”), continue one, or sit inside a reported
// statement form one attribution `group`: findAttributions exposes it (PolNeAR annotates such a
// statement as one attribution, so the scorer needs it); findQuotes gives the contract Quote[].
// Every search stays within SENTENCE_REACH tokens of its cue, so the stage is linear in the text.
import type { Doc } from './nlp.ts'
import type { EntityLayer } from './entities.ts'
import type { Entity, Mention, Quote, QuoteKind } from './types.ts'
import {
  AUX_OR_ADVERB, CUE_FORMS, FIRST_PERSON, GROUP_PRONOUNS, OBJECT_TAKING, PERSON_PRONOUNS,
  SPEAKER_NOUNS, SPEECH_LEMMAS, THOUGHT_LEMMAS, TIME_WORDS, OBJECT_LEMMAS, INTENT_LEMMAS,
} from './lexicon/cues.ts'
import { spanSentiment } from './sentiment.ts'
import { assembleStatements, type Part } from './quotes/statements.ts'
import { headlineParts } from './quotes/headlines.ts'

/** One attributed statement before it becomes a contract Quote. */
export interface Attribution {
  kind: QuoteKind
  /** content span (inside the marks for direct quotes) */
  start: number
  end: number
  /** the cue's token index, -1 when the quote has no cue of its own */
  cueToken: number
  cue: string | null
  speakerStart: number | null
  speakerEnd: number | null
  speakerId: string | null
  /** attributions with the same group are one statement: a direct quote, its continuations, and the reported statement it sits in */
  group: number
}

const LDQ = 0x201c, RDQ = 0x201d, DQ = 0x22, LSQ = 0x2018, RSQ = 0x2019, NL = 0x0a

interface Marked {
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

const DASHES = new Set(['—', '–', '―', '-', '--'])

/** the last non-space character code in text[a, b) (0 if none) */
function lastNonSpace(text: string, a: number, b: number): number {
  for (let i = b - 1; i > a; i--) {
    const c = text.charCodeAt(i)
    // a nested quote closing with the outer one: ... a little bit,'" he said
    if (!isSpace(c) && c !== RSQ && c !== 0x27 && c !== RDQ && c !== DQ) return c
  }
  return 0
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0
const isLetter = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f)

/** Pairs quotation marks in text[a, b). Pushes [open, closeEnd) pairs (closeEnd = index after the closing mark, or the paragraph end). */
function pairMarks(text: string, a: number, b: number, out: [number, number][]): void {
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

function isMark(c: number): boolean {
  return c === LDQ || c === RDQ || c === DQ || c === LSQ || c === RSQ
}

/** index of the first value >= pos in an ascending list (its length when there is none) */
function firstAtLeast(sorted: ArrayLike<number>, pos: number): number {
  let lo = 0, hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid] < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** first token whose start is >= pos */
function tokenAtOrAfter(doc: Doc, pos: number): number {
  return firstAtLeast(doc.start, pos)
}

const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'NUM', 'DET'])
const NP_LINKS = new Set(['of', 'for', 'at', 'with', 'from', 'to'])
const POSSESSIVE = new Set(["'s", '’s', "'", '’'])
const SENT_END = new Set(['.', '!', '?'])
const RELATIVE = new Set(['who', 'which', 'that'])
const CLAUSE_OPENERS = new Set(['that', ':', ','])

interface Ctx {
  doc: Doc
  /** wink's POS with names the entity layer found (and capitalised words before a cue: "Lynch said") forced to PROPN */
  pos: string[]
  /** quote index per token, -1 outside quotes (marks themselves count as inside) */
  inQuote: Int32Array
}

function isCueAt(ctx: Ctx, i: number): string | null {
  const { doc, pos } = ctx
  if (i < 0 || i >= doc.tokens.length || ctx.inQuote[i] >= 0) return null
  const lemma = CUE_FORMS.get(doc.tokens[i])
  if (lemma === undefined) {
    if ((doc.tokens[i] === 'according' || doc.tokens[i] === 'According') && doc.tokens[i + 1] === 'to') return 'according to'
    return null
  }
  const p = pos[i]
  if (p !== 'VERB' && p !== 'AUX') {
    // a noun use ("the report", "his statement", "a promising start") is no cue; wink's tag alone misses
    // "is promising" and "US says", so the word before decides
    if (i === 0) return null
    const before = pos[i - 1]
    if (before === 'DET' || before === 'ADJ' || before === 'NUM' || before === 'NOUN' || POSSESSIVE.has(doc.tokens[i - 1]) || (before === 'PRON' && !PERSON_PRONOUNS.has(doc.tokens[i - 1]) && !GROUP_PRONOUNS.has(doc.tokens[i - 1]))) return null
    if (p === 'PROPN' || p === 'PUNCT' || p === 'NUM') return null
  }
  return lemma
}

/** The noun phrase ending at token b going left, bounded by lo. Returns its first token or -1. */
function npLeftFrom(ctx: Ctx, b: number, lo: number): number {
  const { tokens } = ctx.doc
  const { pos } = ctx
  if (b >= lo && tokens[b] === ')') {
    // a party or state tag: "Rep. John Mica (R-Fla.)"
    let k = b - 1
    while (k >= lo && k > b - 10 && tokens[k] !== '(') k--
    if (k > lo && tokens[k] === '(') {
      const a = npLeftFrom(ctx, k - 1, lo)
      return a
    }
    return -1
  }
  if (b < lo) return -1
  if (pos[b] === 'PRON') return b
  if (!(pos[b] === 'PROPN' || pos[b] === 'NOUN' || pos[b] === 'NUM')) return -1
  let j = b
  while (j - 1 >= lo) {
    const t = tokens[j - 1], p = pos[j - 1]
    if (ctx.inQuote[j - 1] >= 0) break
    if (NP_POS.has(p) || POSSESSIVE.has(t) || (p === 'PUNCT' && (t === '-' || t === '.') && pos[j] === 'PROPN')) {
      j--
      continue
    }
    if (NP_LINKS.has(t) && j - 2 >= lo && (SPEAKER_NOUNS.has(tokens[j - 2].toLowerCase()) || (t === 'of' && (pos[j - 2] === 'PROPN' || pos[j - 2] === 'NOUN')))) {
      j--
      continue
    }
    if ((t === 'and' || t === '&') && j - 2 >= lo && (pos[j - 2] === 'ADJ' || pos[j - 2] === 'PROPN')) {
      j--
      continue
    }
    break
  }
  return j
}

/** Speaker span (token range) of the subject of cue token c: the phrase left of it, or right of it ("said X"). */
function subjectOf(ctx: Ctx, c: number, lo: number): [number, number] | null {
  const { tokens } = ctx.doc
  const { pos } = ctx
  let b = c - 1
  let skipped = 0
  while (b >= lo && skipped < 4 && (AUX_OR_ADVERB.has(tokens[b].toLowerCase()) || pos[b] === 'ADV') && ctx.inQuote[b] < 0) {
    b--
    skipped++
  }
  // "Trump on Tuesday said": step over a time phrase
  if (b >= lo && TIME_WORDS.has(tokens[b].toLowerCase())) {
    let k = b
    while (k >= lo && k > b - 4 && tokens[k] !== ',' && pos[k] !== 'ADP') k--
    if (k >= lo && pos[k] === 'ADP') b = k - 1
  }
  if (b >= lo && tokens[b] === ',' && ctx.inQuote[b] < 0) {
    // appositive ("Smith, a spokesman for the Pentagon, said") or relative ("Smith, who ...") closes here
    let k = b - 1
    let n = 0
    while (k >= lo && n < 14 && tokens[k] !== ',' && !SENT_END.has(tokens[k]) && ctx.inQuote[k] < 0 && pos[k] !== 'VERB') { k--; n++ }
    if (k >= lo && tokens[k] === ',') {
      // the whole "the mayor, Juhani Kivelä": the name may sit in either part
      const a = npLeftFrom(ctx, k - 1, lo)
      if (a >= 0) return [a, b - 1]
    }
    // a relative clause: "Stuart Stevens, who served as Romney's strategist in 2012, said" /
    // "Dr Linnea Berg, the biologist at the institute who has studied the river, said"
    for (let w = b - 1, n2 = 0; w > lo + 1 && n2 < 30 && !SENT_END.has(tokens[w]) && ctx.inQuote[w] < 0; w--, n2++) {
      if (tokens[w] !== 'who' && tokens[w] !== 'whose') continue
      if (tokens[w - 1] === ',') {
        const a = npLeftFrom(ctx, w - 2, lo)
        return a >= 0 && pos[w - 2] !== 'PRON' ? [a, w - 2] : null
      }
      let c = w - 1
      while (c > lo && c > w - 16 && tokens[c] !== ',' && !SENT_END.has(tokens[c]) && pos[c] !== 'VERB') c--
      if (c > lo && tokens[c] === ',') {
        const a = npLeftFrom(ctx, c - 1, lo)
        return a >= 0 && pos[c - 1] !== 'PRON' ? [a, w - 1] : null
      }
      return null
    }
    return null
  }
  if (b < lo || ctx.inQuote[b] >= 0) return null
  if (RELATIVE.has(tokens[b].toLowerCase()) && b - 1 >= lo) {
    // "Smith, who ..., said": the antecedent
    const k = tokens[b - 1] === ',' ? b - 2 : b - 1
    const a = npLeftFrom(ctx, k, lo)
    if (a >= 0 && pos[k] !== 'PRON') return [a, k]
    return [b, b]
  }
  const a = npLeftFrom(ctx, b, lo)
  if (a < 0) return null
  if (pos[b] === 'PRON' && !PERSON_PRONOUNS.has(tokens[b]) && !GROUP_PRONOUNS.has(tokens[b]) && !FIRST_PERSON.has(tokens[b]) && tokens[b] !== 'you' && tokens[b] !== 'You') return null
  if (TIME_WORDS.has(tokens[b].toLowerCase())) return null
  return [a, b]
}

/** The noun phrase starting at token a going right (speaker after "said" / "according to"). */
function npRightFrom(ctx: Ctx, a: number, hi: number): [number, number] | null {
  const { tokens } = ctx.doc
  const { pos } = ctx
  if (a > hi || ctx.inQuote[a] >= 0) return null
  if (pos[a] === 'PRON') return PERSON_PRONOUNS.has(tokens[a]) || GROUP_PRONOUNS.has(tokens[a]) || FIRST_PERSON.has(tokens[a]) ? [a, a] : null
  let j = a
  let head = -1
  while (j <= hi && ctx.inQuote[j] < 0) {
    const t = tokens[j], p = pos[j]
    if (p === 'PROPN' || p === 'NOUN' || p === 'NUM') head = j
    else if (!(NP_POS.has(p) || POSSESSIVE.has(t) || (p === 'PUNCT' && (t === '-' || t === '.') && pos[j + 1] === 'PROPN' && j > a) || (NP_LINKS.has(t) && head >= 0 && SPEAKER_NOUNS.has(tokens[head].toLowerCase())))) break
    j++
  }
  return head >= 0 ? [a, head] : null
}

/** token bounds of the paragraph holding token i (paragraphs end at newline tokens) */
function isBreak(doc: Doc, i: number): boolean {
  return doc.pos[i] === 'SPACE' && doc.tokens[i].includes('\n')
}

/**
 * The sentence around token i, cut at paragraph breaks and at most SENTENCE_REACH tokens either
 * side (text with no sentence punctuation is one "sentence" to wink; searches must stay local).
 */
function sentenceBounds(doc: Doc, i: number): [number, number] {
  const s = doc.sentences[doc.sentenceOf[i]]
  let a = Math.max(s.firstToken, i - SENTENCE_REACH), b = Math.min(s.lastToken, i + SENTENCE_REACH)
  for (let k = i - 1; k >= a; k--) if (isBreak(doc, k)) { a = k + 1; break }
  for (let k = i + 1; k <= b; k++) if (isBreak(doc, k)) { b = k - 1; break }
  return [a, b]
}

const SENTENCE_REACH = 150
/** reported content longer than this (tokens) is cut: past it, the "sentence" is text with no punctuation */
const MAX_CONTENT_TOKENS = 100
/** reported content longer than this (tokens) ends where the next statement in its sentence begins */
const LONG_CONTENT_TOKENS = 40
/** a quote left open longer than this (characters) is a stray mark, not a quote */
const MAX_QUOTE_CHARS = 12_000
/** the evidence sentence is cut to this many characters either side of the quote */
const SENTENCE_CONTEXT_CHARS = 600

/** POS per token with the entity layer's names as PROPN, and a capitalised word wink tagged otherwise right before a cue ("Lynch/VERB said"). */
function namePos(doc: Doc, layer: EntityLayer): string[] {
  const pos = doc.pos.slice()
  const eot = layer.entityOfToken
  const n = pos.length
  for (let i = 0; i < n; i++) {
    if (eot[i] != null && pos[i] !== 'PRON' && pos[i] !== 'DET' && pos[i] !== 'PUNCT') pos[i] = 'PROPN'
    else if ((pos[i] === 'VERB' || pos[i] === 'NOUN' || pos[i] === 'ADJ') && i + 1 < n && (CUE_FORMS.has(doc.tokens[i + 1]) || (pos[i + 1] === 'PROPN' && i + 2 < n && CUE_FORMS.has(doc.tokens[i + 2])))) {
      const c = doc.tokens[i].charCodeAt(0)
      if (c >= 65 && c <= 90 && i > 0 && doc.sentenceOf[i - 1] === doc.sentenceOf[i] && doc.tokens[i].length > 1) pos[i] = 'PROPN'
    }
  }
  return pos
}

const BE_FORMS = new Set(['is', 'was', 'are', 'were', 'be', 'been', "'s", '’s', "'re", '’re', 'am', "'m", '’m'])

/** The subject of a participle cue: the last cue's subject in the sentence, else the subject of the sentence's first verb. */
function participleSubject(ctx: Ctx, i: number, sa: number, lastHit: { tok: number; sp: [number, number] | null } | null): [number, number] | null {
  if (lastHit !== null && lastHit.sp !== null && lastHit.tok >= sa && lastHit.tok < i && lastHit.sp[1] < i) return lastHit.sp
  for (let v = sa; v < i; v++) {
    if (ctx.inQuote[v] >= 0) continue
    if (ctx.pos[v] === 'VERB') {
      const sp = v > sa ? subjectOf(ctx, v, sa) : null
      return sp !== null && sp[1] < v && (ctx.pos[sp[1]] === 'PROPN' || ctx.pos[sp[1]] === 'PRON' || ctx.pos[sp[1]] === 'NOUN') ? sp : null
    }
  }
  return null
}

interface CueHit {
  tok: number
  lemma: string
  /** speaker token span */
  sp: [number, number] | null
  /** reported content token span, when it is reported speech */
  content: [number, number] | null
  usedByDirect: boolean
  group: number
}

/**
 * The attributions of one document: direct quotes with their speakers, and reported speech.
 * `ranges` are the body's character ranges (header lines are not searched).
 */
export function findAttributions(doc: Doc, layer: EntityLayer, ranges: { start: number; end: number }[]): Attribution[] {
  const { text, tokens } = doc
  const n = tokens.length
  const pos = namePos(doc, layer)
  // 1. quotation marks
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
  const ctx: Ctx = { doc, pos, inQuote }

  // 2. cues outside quotes, inside the body
  const inBody = (pos0: number): boolean => {
    for (const r of ranges) if (pos0 >= r.start && pos0 < r.end) return true
    return false
  }
  const cues: CueHit[] = []
  const cueAtTok = new Map<number, CueHit>()
  let lastHit: CueHit | null = null
  for (let i = 0; i < n; i++) {
    if (inQuote[i] >= 0) continue
    const lemma = isCueAt(ctx, i)
    if (lemma === null || !inBody(doc.start[i])) continue
    const [sa, sb] = sentenceBounds(doc, i)
    let sp: [number, number] | null
    if (lemma === 'according to') sp = npRightFrom(ctx, i + 2, sb)
    else if (((tokens[i].endsWith('ing') && !BE_FORMS.has(tokens[i - 1]?.toLowerCase() ?? '')) || tokens[i - 1] === 'to') && i > sa && (sp = participleSubject(ctx, i, sa, lastHit)) !== null) {
      // "..., Biden said, adding he was worried" / "Trump unleashed tweets saying ...": the main verb's subject
    } else {
      sp = subjectOf(ctx, i, sa)
      if (sp === null && i > sa && (tokens[i - 1] === 'and' || tokens[i - 1] === 'but')) {
        // "Lehtinen welcomed the findings and said ...": the first verb's subject
        sp = participleSubject(ctx, i, sa, null)
      }
      if (sp === null && i > sa && (tokens[i - 1] === ',' || inQuote[i - 1] >= 0)) {
        // "…, said Smith." / "…,” said Smith, a ...": a name that ends the clause, not a new subject
        const np = npRightFrom(ctx, i + 1, sb)
        if (np !== null && (np[1] === sb || tokens[np[1] + 1] === ',' || SENT_END.has(tokens[np[1] + 1]) || pos[np[1] + 1] === 'ADP' || pos[np[1] + 1] === 'PROPN')) sp = np
      }
    }
    const hit: CueHit = { tok: i, lemma, sp, content: null, usedByDirect: false, group: -1 }
    cues.push(hit)
    cueAtTok.set(i, hit)
    lastHit = hit
  }

  // 3. speakers of direct quotes
  const quoteCue = new Int32Array(quotes.length).fill(-1)
  const dashSpeaker: ([number, number] | null)[] = new Array(quotes.length).fill(null)
  /** the speaker phrase found beside the quote itself, when it differs from the cue's subject */
  const quoteSpeaker: ([number, number] | null)[] = new Array(quotes.length).fill(null)
  /** an earlier speech cue of j's sentence, "X said ...", with no quote between: -1 if none */
  const outerCue = (j: number): number => {
    const [sa] = sentenceBounds(doc, j)
    for (let k = sa; k < j; k++) {
      if (inQuote[k] >= 0) return -1
      const h = cueAtTok.get(k)
      if (h !== undefined && h.sp !== null && h.sp[1] < k && !h.usedByDirect && SPEECH_LEMMAS.has(h.lemma)) return k
    }
    return -1
  }
  const sentenceHasCue = (j: number): boolean => {
    const [, sb] = sentenceBounds(doc, j)
    for (let k = j; k <= sb; k++) if (cueAtTok.has(k)) return true
    return false
  }
  for (let q = 0; q < quotes.length; q++) {
    const m = quotes[q]
    // (a) right after the quote: “…,” he said / said X / according to X / “…” ― Name
    const after = m.closeTok >= 0 ? m.closeTok + 1 : -1
    if (after > 0 && after < n) {
      let k = after
      const ender = lastNonSpace(text, m.open, m.close - 1)
      if (DASHES.has(tokens[k]) && pos[k + 1] === 'PROPN') {
        const np = npRightFrom(ctx, k + 1, Math.min(n - 1, k + 8))
        if (np !== null) {
          dashSpeaker[q] = np
          continue
        }
      }
      const commaAfter = tokens[k] === ',' || DASHES.has(tokens[k])
      if (commaAfter) k++
      // a quote that ends its sentence with a full stop is not tagged afterwards: the next sentence is someone else's
      const taggable = commaAfter || ender === 0x2c || ender === 0x3f || ender === 0x21 || ender === 0x2014 || ender === 0x2d
      let paren = 0
      for (let j = k, steps = 0; j < n && steps < 16; j++, steps++) {
        if (tokens[j] === '(') paren++
        else if (tokens[j] === ')') paren--
        if (inQuote[j] >= 0 || isBreak(doc, j) || (paren <= 0 && SENT_END.has(tokens[j]))) break
        const hit = cueAtTok.get(j)
        if (hit !== undefined) {
          if (j === k) {
            // “…,” said X
            const np = npRightFrom(ctx, j + 1, Math.min(n - 1, j + 12))
            if (np !== null) quoteSpeaker[q] = np
            else if (hit.sp === null) break
          } else {
            if (!taggable) break
            // “…,” Sen. Claire McCaskill (D-Mo.) said / “…,” a narrator in the Clinton ad asks: the words between are the speaker
            let e = j - 1
            while (e > k && (AUX_OR_ADVERB.has(tokens[e].toLowerCase()) || pos[e] === 'ADV' || tokens[e] === ',')) e--
            // "Dr Grace Okafor, the commission’s director-general," / "Mr Alatalo, 71,": some name or noun must be there
            let named = false
            for (let t = k; t <= e && !named; t++) named = pos[t] === 'PROPN' || pos[t] === 'NOUN' || pos[t] === 'PRON'
            if (!named) break
            let k0 = k
            while (k0 < e && (pos[k0] === 'CCONJ' || pos[k0] === 'ADV')) k0++
            quoteSpeaker[q] = [k0, e]
          }
          quoteCue[q] = j
          hit.usedByDirect = true
          break
        }
        if (pos[j] === 'VERB' && !(tokens[j - 1] === '-' || tokens[j + 1] === '-')) {
          if (!taggable) break
          // “This is fantastic!” beamed Donald Hartley / “…,” Hannity pressed: a verb outside the lexicon right beside a name
          if (j === k && pos[k + 1] === 'PROPN') {
            const np = npRightFrom(ctx, k + 1, Math.min(n - 1, k + 10))
            if (np !== null) { quoteSpeaker[q] = np; break }
          }
          if (j > k && isSpeakerWord(ctx, k, j - 1) && (SENT_END.has(tokens[j + 1] ?? '.') || tokens[j + 1] === ',' || pos[j + 1] === 'ADP' || pos[j + 1] === 'PROPN')) {
            quoteSpeaker[q] = [k, j - 1]
            break
          }
          // “…,” Scott Pruitt, the attorney general of one of the states suing, said: keep the name before the comma
          if (pos[k] === 'PROPN') {
            const np = npRightFrom(ctx, k, j)
            if (np !== null && tokens[np[1] + 1] === ',' && sentenceHasCue(j)) quoteSpeaker[q] = np
          }
          break
        }
      }
    }
    if (quoteCue[q] >= 0) continue
    // (b) right before the quote: X said: “…” / X told reporters, “…” / X said via email that “…”
    let k = m.openTok - 1
    while (k >= 0 && (tokens[k] === ':' || tokens[k] === ',' || tokens[k] === 'that' || pos[k] === 'SPACE') && !(pos[k] === 'SPACE' && tokens[k].includes('\n\n'))) {
      if (pos[k] === 'SPACE' && tokens[k].includes('\n') && tokens[k + 1] !== undefined && k + 1 < m.openTok && tokens[k - 1] !== ':') break
      k--
    }
    for (let j = k, steps = 0; j >= 0 && steps < 8; j--, steps++) {
      if (inQuote[j] >= 0 || SENT_END.has(tokens[j]) || (isBreak(doc, j) && tokens[j + 1] !== undefined && j !== k)) break
      const hit = cueAtTok.get(j)
      if (hit !== undefined && hit.sp !== null) {
        // "…, saying anybody who complains about a microphone “…”": the relative clause is not the speaker
        if (hit.sp[0] === hit.sp[1] && RELATIVE.has(tokens[hit.sp[0]].toLowerCase())) break
        // "Ahlgren said the company expected “a robust debate”": the cue sits inside an earlier
        // statement of its sentence, whose speaker the quote belongs to
        if (outerCue(j) >= 0) break
        quoteCue[q] = j
        // "X called the plan “a disaster”": an object between cue and quote makes it reported speech
        // quoting a few words; "X told reporters: “…”" and "X said in a statement, “…”" introduce the quote
        if (OBJECT_TAKING.has(hit.lemma) || !objectBetween(pos, j + 1, m.openTok)) hit.usedByDirect = true
        break
      }
      if (pos[j] === 'VERB' || pos[j] === 'AUX') break
    }
    if (quoteCue[q] >= 0) continue
    // (b') a name and a colon: "Republican pollster Daron Shaw: “…”"
    {
      let c = m.openTok - 1
      while (c >= 0 && pos[c] === 'SPACE' && !isBreak(doc, c)) c--
      if (c > 0 && tokens[c] === ':' && inQuote[c - 1] < 0 && (pos[c - 1] === 'PROPN' || POSSESSIVE.has(tokens[c - 1]))) {
        const a0 = npLeftFrom(ctx, POSSESSIVE.has(tokens[c - 1]) ? c - 2 : c - 1, Math.max(0, c - 10))
        if (a0 >= 0) {
          quoteSpeaker[q] = [a0, c - 1]
          continue
        }
      }
    }
    // (c) earlier in the same sentence: the quote is part of reported speech (X called the plan “a disaster”);
    //     the first cue of the sentence is the outer one (Trump said that Clinton once described it as “…”)
    const [sa] = sentenceBounds(doc, m.openTok)
    for (let j = Math.max(sa, m.openTok - 60); j < m.openTok; j++) {
      if (inQuote[j] >= 0) continue
      const hit = cueAtTok.get(j)
      if (hit !== undefined && hit.sp !== null) {
        quoteCue[q] = j
        break
      }
    }
  }

  // 4. reported speech: the content of each cue not already introducing a direct quote
  for (const hit of cues) {
    if (hit.usedByDirect || hit.sp === null) continue
    const i = hit.tok
    const [sa, sb] = sentenceBounds(doc, i)
    let last = sb
    while (last > i && (SENT_END.has(tokens[last]) || pos[last] === 'SPACE' || (pos[last] === 'PUNCT' && inQuote[last] < 0))) last--
    if (hit.lemma === 'according to') {
      const spEnd = hit.sp[1]
      if (i <= sa + 1) {
        // "According to X, ...": the content follows the comma that closes the source phrase
        let c = spEnd + 1
        for (let k = c; k <= last && k < spEnd + 10; k++) if (tokens[k] === ',') { c = k + 1; break }
        if (last - c >= 2) hit.content = [c, last]
      } else {
        let e = i - 1
        while (e > sa && (tokens[e] === ',' || tokens[e] === '—')) e--
        if (e - sa >= 2) hit.content = [sa, e]
      }
      continue
    }
    const after = hit.sp[0] > i ? hit.sp[1] + 1 : i + 1
    let c = after
    // step over the reporter's object ("told reporters", "told CNN's Jake Tapper") and short phrases before "that"
    if (OBJECT_TAKING.has(hit.lemma)) {
      const np = npRightFrom(ctx, c, last)
      if (np !== null) c = np[1] + 1
    }
    for (let k = c; k <= Math.min(last, c + 8); k++) {
      if (tokens[k] === 'that' && pos[k] !== 'DET' && inQuote[k] < 0) { c = k; break }
      if (pos[k] === 'VERB' || pos[k] === 'AUX' || inQuote[k] >= 0) break
    }
    while (c <= last && CLAUSE_OPENERS.has(tokens[c]) && inQuote[c] < 0) c++
    const forward = last - c + 1
    const isThought = THOUGHT_LEMMAS.has(hit.lemma)
    const subjectBefore = hit.sp[1] < i
    if (OBJECT_LEMMAS.has(hit.lemma)) {
      // "X endorsed Clinton" / "X opposes the deal, saying ...": the object, up to the clause's end
      if (!subjectBefore || pos[hit.sp[1]] === 'PRON' && !PERSON_PRONOUNS.has(tokens[hit.sp[1]]) && !GROUP_PRONOUNS.has(tokens[hit.sp[1]])) continue
      let e = c
      while (e < last && tokens[e + 1] !== ',' && tokens[e + 1] !== ';' && !(tokens[e + 1] === 'and' && pos[e + 2] === 'VERB') && inQuote[e + 1] < 0) e++
      if (c <= e && e - c < 30 && (pos[c] === 'PROPN' || pos[c] === 'NOUN' || pos[c] === 'DET' || pos[c] === 'ADJ' || pos[c] === 'NUM' || pos[c] === 'PRON')) hit.content = [c, e]
      continue
    }
    if (forward >= (INTENT_LEMMAS.has(hit.lemma) ? 2 : 4) && !(subjectBefore && i + 1 <= last && tokens[i + 1] === ',')) {
      if (INTENT_LEMMAS.has(hit.lemma) && !(tokens[c] === 'to' || tokens[c] === 'that' || pos[c] === 'PRON' || pos[c] === 'PROPN' || pos[c] === 'NOUN' || pos[c] === 'DET')) continue
      if (isThought && !INTENT_LEMMAS.has(hit.lemma) && tokens[c] !== 'that' && !hasVerb(doc, c, last)) continue
      if (!isThought && !SPEECH_LEMMAS.has(hit.lemma)) continue
      hit.content = [c, last]
      continue
    }
    // inverted: "…, the Pentagon said on Tuesday." / "…, said Smith."
    const spStart = Math.min(hit.sp[0], i)
    let comma = spStart - 1
    while (comma > sa && pos[comma] === 'SPACE') comma--
    if (comma > sa && (tokens[comma] === ',' || tokens[comma] === '—') && forward <= 8 && SPEECH_LEMMAS.has(hit.lemma)) {
      let s0 = sa
      // never start inside a quote that began before the sentence
      while (s0 < comma && (inQuote[s0] >= 0 && quotes[inQuote[s0]].open < doc.start[sa])) s0++
      if (comma - s0 >= 3) hit.content = [s0, comma - 1]
    }
  }

  // a long reported statement ends where the next one in its sentence begins: "X said A, and Y said B"
  for (let h = 0; h < cues.length; h++) {
    const content = cues[h].content
    if (content === null || content[1] - content[0] <= LONG_CONTENT_TOKENS) continue
    for (let g = h + 1; g < cues.length && cues[g].tok <= content[1]; g++) {
      const next = cues[g]
      if (next.sp === null || next.sp[0] <= cues[h].tok) continue
      const stop = Math.min(next.sp[0], next.tok) - 1
      // a statement nested at the content's start ("X said that Y told reporters ...") is part of it
      if (stop <= content[0]) continue
      if (stop < content[1]) {
        let e = stop
        while (e > content[0] && (pos[e] === 'CCONJ' || pos[e] === 'PUNCT' || pos[e] === 'SPACE') && inQuote[e] < 0) e--
        content[1] = e
      }
      break
    }
  }
  // "X said A, adding B" / "X said A and said B": PolNeAR makes the second cue a statement of its own,
  // so the first ends before it
  for (let h = 0; h < cues.length; h++) {
    const content = cues[h].content, sp = cues[h].sp
    if (content === null || sp === null) continue
    for (let g = h + 1; g < cues.length && cues[g].tok <= content[1]; g++) {
      const next = cues[g]
      if (next.content === null || next.sp === null || next.sp[0] !== sp[0] || next.sp[1] !== sp[1] || next.tok <= content[0]) continue
      let e = next.tok - 1
      while (e > content[0] && (pos[e] === 'CCONJ' || pos[e] === 'PUNCT' || pos[e] === 'SPACE' || pos[e] === 'ADV') && inQuote[e] < 0) e--
      if (e > content[0]) content[1] = Math.min(content[1], e)
      break
    }
  }
  for (const h of cues) if (h.content !== null && h.content[1] - h.content[0] > MAX_CONTENT_TOKENS) h.content[1] = h.content[0] + MAX_CONTENT_TOKENS
  // "Canada says it will send aid, the State Department said": a tag that reports this cue's own
  // sentence ends the content of the cue it reports
  for (let h = 0; h < cues.length; h++) {
    const content = cues[h].content
    if (content === null) continue
    for (let g = h + 1; g < cues.length && cues[g].tok <= content[1]; g++) {
      const outer = cues[g]
      if (outer.content === null || outer.sp === null || outer.content[0] > cues[h].tok || outer.content[1] < cues[h].tok) continue
      let e = Math.min(outer.sp[0], outer.tok) - 1
      while (e > content[0] && (pos[e] === 'PUNCT' || pos[e] === 'SPACE') && inQuote[e] < 0) e--
      if (e > content[0]) content[1] = Math.min(content[1], e)
      break
    }
  }

  // 5. partial quotes inside reported speech take its speaker; the rest inherit the running speaker
  const out: Attribution[] = []
  let groups = 0
  const speakerSpan = (hit: CueHit): [number, number] | null => (hit.sp === null ? null : [doc.start[hit.sp[0]], doc.end[hit.sp[1]]])
  for (const hit of cues) {
    if (hit.content === null) continue
    hit.group = groups++
  }
  let running: { group: number; hit: CueHit | null; sp: [number, number] | null; endTok: number } | null = null
  const directOut: Attribution[] = []
  // the reported statement each token's words belong to, for partial quotes inside reported speech
  const contentOf = new Int32Array(n).fill(-1)
  cues.forEach((h, idx) => {
    if (h.content === null) return
    for (let k = h.content[0]; k <= h.content[1]; k++) if (contentOf[k] < 0) contentOf[k] = idx
  })
  // a quote with no cue, followed in its paragraph by a tagged quote, belongs to that one (“A.” “B,” she said.)
  const nextTagged = (q: number): CueHit | undefined => {
    const m = quotes[q]
    if (q + 1 >= quotes.length || quoteCue[q + 1] < 0) return undefined
    const next = quotes[q + 1]
    for (let k = (m.closeTok >= 0 ? m.closeTok : m.lt) + 1; k < next.openTok; k++) {
      if (isBreak(doc, k)) return undefined
      if (inQuote[k] < 0 && doc.pos[k] !== 'PUNCT' && doc.pos[k] !== 'SPACE') return undefined
    }
    return cueAtTok.get(quoteCue[q + 1])
  }
  // reported statements in text order, for the running speaker
  const reportedHits = cues.filter((h) => h.content !== null && h.sp !== null)
  let rp = 0
  const lastReportedBefore = (tok: number): CueHit | null => {
    while (rp < reportedHits.length && reportedHits[rp].content![1] < tok) rp++
    return rp > 0 ? reportedHits[rp - 1] : null
  }
  for (let q = 0; q < quotes.length; q++) {
    const m = quotes[q]
    // a title in quotation marks (“Meet the Press”) is no quote unless a speech tag sits right beside it
    const tagged0 = quoteCue[q] >= 0 && cueAtTok.get(quoteCue[q])!.usedByDirect
    if (!tagged0 && quoteSpeaker[q] === null && dashSpeaker[q] === null && isTitle(doc, m.ft, m.lt)) continue
    const reported = lastReportedBefore(m.openTok)
    const tagged = nextTagged(q)
    let hit: CueHit | undefined = quoteCue[q] >= 0 ? cueAtTok.get(quoteCue[q]) : undefined
    const own = hit !== undefined
    if (hit === undefined && contentOf[m.ft] >= 0) hit = cues[contentOf[m.ft]]
    let group: number
    let sp: [number, number] | null = null
    let cueTok = -1
    const dash = dashSpeaker[q]
    const near = quoteSpeaker[q]
    if (hit !== undefined) {
      if (hit.group < 0) hit.group = groups++
      group = hit.group
      sp = own && near !== null ? [doc.start[near[0]], doc.end[near[1]]] : speakerSpan(hit)
      cueTok = own ? hit.tok : -1
    } else if (near !== null) {
      group = groups++
      sp = [doc.start[near[0]], doc.end[near[1]]]
    } else if (dash !== null) {
      group = groups++
      sp = [doc.start[dash[0]], doc.end[dash[1]]]
    } else if (reported !== null && (running === null || reported.content![1] > running.endTok) && continues(doc, inQuote, reported.content![1], m.openTok)) {
      // the paragraph before reported what this speaker said; the quote goes on with their words
      group = groups++
      sp = speakerSpan(reported)
      hit = reported
    } else if (running !== null && continues(doc, inQuote, running.endTok, m.openTok)) {
      group = running.group
      sp = running.sp
      hit = running.hit ?? undefined
    } else if (tagged !== undefined) {
      hit = tagged
      if (hit.group < 0) hit.group = groups++
      group = hit.group
      sp = speakerSpan(hit)
    } else {
      if (!startsStatement(doc, m.openTok) || m.lt - m.ft < 3) continue
      group = groups++
    }
    const at: Attribution = {
      kind: 'direct', start: m.s, end: m.e, cueToken: cueTok, cue: cueTok >= 0 ? cueSurface(doc, cueTok) : null,
      speakerStart: sp === null ? null : sp[0], speakerEnd: sp === null ? null : sp[1], speakerId: null, group,
    }
    directOut.push(at)
    running = { group, hit: hit ?? null, sp, endTok: m.closeTok >= 0 ? m.closeTok : m.lt }
  }
  for (const hit of cues) {
    if (hit.content === null) continue
    const sp = speakerSpan(hit)
    out.push({
      kind: 'indirect', start: doc.start[hit.content[0]], end: doc.end[hit.content[1]], cueToken: hit.tok, cue: cueSurface(doc, hit.tok),
      speakerStart: sp === null ? null : sp[0], speakerEnd: sp === null ? null : sp[1], speakerId: null, group: hit.group,
    })
  }
  for (const d of directOut) out.push(d)
  out.sort((x, y) => x.start - y.start || (x.kind === y.kind ? 0 : x.kind === 'direct' ? 1 : -1))
  resolveSpeakers(doc, layer, out)
  return out
}

function cueSurface(doc: Doc, t: number): string {
  return doc.tokens[t] === 'according' || doc.tokens[t] === 'According' ? 'according to' : doc.tokens[t].toLowerCase()
}

const TITLE_SMALL = new Set(['of', 'the', 'and', 'a', 'an', 'in', 'on', 'with', 'for', 'to', 'at', 'by', '&', ':', '-', "'s", '’s'])

/** Is the quoted text [a, b] a short Title Case name ("Meet the Press", "Morning Joe", "R")? */
function isTitle(doc: Doc, a: number, b: number): boolean {
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

/** Are tokens [a, b] a short name or a personal pronoun ("Hannity", "Sen. Tim Kaine", "he")? */
function isSpeakerWord(ctx: Ctx, a: number, b: number): boolean {
  if (b - a > 5) return false
  if (a === b && ctx.pos[a] === 'PRON') return PERSON_PRONOUNS.has(ctx.doc.tokens[a]) || GROUP_PRONOUNS.has(ctx.doc.tokens[a])
  for (let k = a; k <= b; k++) if (ctx.pos[k] !== 'PROPN' && ctx.doc.tokens[k] !== '.') return false
  return true
}

/** Is there a noun phrase not inside a prepositional phrase in tokens [a, b)? */
function objectBetween(pos: string[], a: number, b: number): boolean {
  while (a < b && pos[a] === 'SPACE') a++
  // "called half of Trump's supporters “…”": an object phrase opening with a quantifier or adverb
  if (a < b && (pos[a] === 'ADV' || pos[a] === 'DET' || pos[a] === 'ADJ')) {
    for (let k = a + 1; k < b; k++) if (pos[k] === 'NOUN' || pos[k] === 'PROPN' || pos[k] === 'PRON') return true
  }
  let inPP = false
  for (let k = a; k < b; k++) {
    const p = pos[k]
    if (p === 'ADP') inPP = true
    else if (!inPP && (p === 'NOUN' || p === 'PROPN' || p === 'NUM' || p === 'PRON')) return true
  }
  return false
}

function hasVerb(doc: Doc, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (doc.pos[k] === 'VERB' || doc.pos[k] === 'AUX') return true
  return false
}

/** Does the quote opening at token `open` begin a sentence or paragraph (a statement of its own)? */
function startsStatement(doc: Doc, open: number): boolean {
  let k = open - 1
  while (k >= 0 && doc.pos[k] === 'SPACE' && !doc.tokens[k].includes('\n')) k--
  return k < 0 || isBreak(doc, k) || SENT_END.has(doc.tokens[k]) || doc.tokens[k] === ':'
}

/**
 * A quote with no cue continues the previous one when it opens the next sentence of the same
 * paragraph or the next paragraph, with no narration of its own in between beyond one sentence.
 */
function continues(doc: Doc, inQuote: Int32Array, prevEnd: number, open: number): boolean {
  if (!startsStatement(doc, open)) return false
  let breaks = 0
  let narration = 0
  for (let k = prevEnd + 1; k < open; k++) {
    if (isBreak(doc, k)) {
      if (++breaks > 1) return false
      continue
    }
    if (inQuote[k] >= 0) continue
    if (doc.pos[k] !== 'PUNCT' && doc.pos[k] !== 'SPACE') narration++
  }
  // same paragraph: the quote goes on after its attribution; next paragraph: only after a short tag
  return breaks === 0 || narration <= CONTINUATION_NARRATION
}

/** words of narration (a "he said in an interview with CNN" tag) a quote may follow and still continue over a paragraph break */
const CONTINUATION_NARRATION = 40

// ---------------------------------------------------------------- speakers -> entities

interface SpanIndex {
  starts: number[]
  ends: number[]
  ids: string[]
}

function indexSpans(layer: EntityLayer): SpanIndex {
  const spans = [...layer.spans].sort((a, b) => a.start - b.start)
  return { starts: spans.map((s) => s.start), ends: spans.map((s) => s.end), ids: spans.map((s) => s.entityId) }
}

/** index of the first span with start >= pos */
function firstAtOrAfter(ix: SpanIndex, pos: number): number {
  return firstAtLeast(ix.starts, pos)
}

function resolveSpeakers(doc: Doc, layer: EntityLayer, atts: Attribution[]): void {
  const ix = indexSpans(layer)
  const typeOf = (id: string): string | undefined => layer.byId.get(id)?.type
  const pending = new Map<Entity, Mention[]>()
  const gender = genders(doc, layer)
  // the last person who spoke, and where: "he" after a statement of theirs is them
  let lastSpeaker = null as { id: string; end: number } | null
  for (const a of atts) {
    if (a.speakerStart === null || a.speakerEnd === null) continue
    const s = a.speakerStart, e = a.speakerEnd
    const word = doc.text.slice(s, e)
    if (PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word)) {
      const person = PERSON_PRONOUNS.has(word)
      const want = person ? (word === 'he' || word === 'He' || word === 'him' ? 'm' : 'f') : null
      const fits = (id: string): boolean => want === null || gender.get(id) === undefined || gender.get(id) === want
      // the last speaker, unless a person who opens a later sentence came between ("Strandell played it down. She said ...")
      const named = resolvePronoun(doc, ix, typeOf, s, person, fits)
      const recent: { id: string; end: number } | null = person && lastSpeaker !== null && s - lastSpeaker.end < RECENT_SPEAKER_CHARS && fits(lastSpeaker.id) ? lastSpeaker : null
      a.speakerId = recent !== null && (named === null || named.at < recent.end) ? recent.id : named?.id ?? null
      const entity = a.speakerId === null ? undefined : layer.byId.get(a.speakerId)
      if (entity !== undefined) {
        if (want !== null && !gender.has(entity.id)) gender.set(entity.id, want)
        const list = pending.get(entity)
        const mention: Mention = { start: s, end: e, text: word, kind: 'pronoun' }
        if (list === undefined) pending.set(entity, [mention])
        else list.push(mention)
      }
    } else {
      a.speakerId = speakerEntity(doc.text, ix, typeOf, s, e)
    }
    if (a.speakerId !== null && typeOf(a.speakerId) === 'Person') lastSpeaker = { id: a.speakerId, end: e }
  }
  addPronounMentions(pending)
}

/**
 * The entity a speaker phrase names: a person wins over the organisation they speak for; in an
 * apposition ("Magnus Ekholm, Nordvatten Kraft’s chief executive", "the mayor, Juhani Kivelä") the
 * first part naming a person; within a part the rightmost name ("Pentagon press secretary Pat
 * Ryder"); a possessor ("Nordvatten Kraft’s") is the employer, not the speaker.
 */
function speakerEntity(text: string, ix: SpanIndex, typeOf: (id: string) => string | undefined, s: number, e: number): string | null {
  let best: string | null = null
  let person: string | null = null
  let personPart = -1
  let part = 0
  let cursor = s
  for (let k = firstAtOrAfter(ix, s); k < ix.starts.length && ix.starts[k] < e; k++) {
    if (ix.ends[k] > e) break
    part += countCommas(text, cursor, ix.starts[k])
    cursor = ix.starts[k]
    const possessor = /^\s*['’]s?\b/.test(text.slice(ix.ends[k], ix.ends[k] + 3))
    const id = ix.ids[k]
    if (!possessor || best === null) best = id
    if (typeOf(id) === 'Person' && !possessor && (personPart < 0 || personPart === part)) {
      person = id
      personPart = part
    }
  }
  return person ?? best
}

function countCommas(text: string, a: number, b: number): number {
  let n = 0
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === 0x2c) n++
  return n
}

/** Gender of people where the text says it: an honorific right before a mention ("Ms Lehtinen", "Mr. Ekholm"). */
function genders(doc: Doc, layer: EntityLayer): Map<string, 'm' | 'f'> {
  const out = new Map<string, 'm' | 'f'>()
  for (const sp of layer.spans) {
    if (layer.byId.get(sp.entityId)?.type !== 'Person' || out.has(sp.entityId)) continue
    const before = doc.text.slice(Math.max(0, sp.start - 6), sp.start)
    if (/\bMr\.? $/.test(before)) out.set(sp.entityId, 'm')
    else if (/\b(Ms|Mrs|Miss)\.? $/.test(before)) out.set(sp.entityId, 'f')
  }
  return out
}

/** how far back (characters) the last speaker can be what "he said" points at */
const RECENT_SPEAKER_CHARS = 700

function resolvePronoun(doc: Doc, ix: SpanIndex, typeOf: (id: string) => string | undefined, at: number, person: boolean, fits: (id: string) => boolean): { id: string; at: number } | null {
  let k = firstAtOrAfter(ix, at) - 1
  let fallback: { id: string; at: number } | null = null
  for (let seen = 0; k >= 0 && seen < 80; k--, seen++) {
    const id = ix.ids[k]
    const type = typeOf(id)
    if (person ? type !== 'Person' : type !== 'Organisation' && type !== 'Country') continue
    if (!person) return { id, at: ix.starts[k] }
    if (!fits(id)) continue
    if (fallback === null) fallback = { id, at: ix.starts[k] }
    // prefer a person who opens a sentence (a subject) over one named in passing
    if (isFirstPersonOfSentence(doc, ix, typeOf, k)) return { id, at: ix.starts[k] }
  }
  return fallback
}

function isFirstPersonOfSentence(doc: Doc, ix: SpanIndex, typeOf: (id: string) => string | undefined, k: number): boolean {
  const t = tokenAtOrAfterStart(doc, ix.starts[k])
  const sent = doc.sentences[doc.sentenceOf[t]]
  for (let j = k - 1; j >= 0 && j > k - 40 && ix.starts[j] >= sent.start; j--) if (typeOf(ix.ids[j]) === 'Person') return false
  return true
}

function tokenAtOrAfterStart(doc: Doc, pos: number): number {
  return Math.min(doc.tokens.length - 1, tokenAtOrAfter(doc, pos))
}

/** Adds pronoun mentions to their entities, once per span, keeping each entity's mentions sorted by start. */
function addPronounMentions(pending: Map<Entity, Mention[]>): void {
  for (const [entity, added] of pending) {
    const seen = new Set(entity.mentions.map((m) => `${m.start}:${m.end}`))
    let grew = false
    for (const m of added) {
      const key = `${m.start}:${m.end}`
      if (seen.has(key)) continue
      seen.add(key)
      entity.mentions.push(m)
      grew = true
    }
    if (grew) entity.mentions.sort((a, b) => a.start - b.start || a.end - b.end)
  }
}

// ---------------------------------------------------------------- the contract

/**
 * The statements of one article as contract Quotes, in text order, with ids `${articleId}#q<n>`:
 * findAttributions' parts joined into statements (./quotes/statements.ts), none overlapping.
 */
export function findQuotes(doc: Doc, layer: EntityLayer, ranges: { start: number; end: number }[], articleId: string, heads: { start: number; end: number }[] = []): Quote[] {
  const parts: Part[] = findAttributions(doc, layer, ranges)
  const headParts = headlineParts(doc.text, heads, layer)
  const statements = assembleStatements(doc.text, headParts.length === 0 ? parts : [...headParts, ...parts])
  const ix = indexSpans(layer)
  return statements.map((st, n) => {
    const a = st.lead
    const text = doc.text.slice(st.start, st.end)
    const head = heads.find((h) => st.start >= h.start && st.end <= h.end)
    const sentence = head !== undefined ? { text: doc.text.slice(head.start, head.end), start: head.start, end: head.end } : sentenceAround(doc, st.start, st.end)
    const about = new Set<string>()
    if (head !== undefined) {
      // the header lies outside the entity layer's spans: entities named in the line by a name the body uses
      for (const e of layer.entities) if (e.id !== a.speakerId && e.mentions.some((m) => (m.kind === 'name' || m.kind === 'demonym') && namedIn(text, m.text))) about.add(e.id)
    }
    for (let k = firstAtOrAfter(ix, sentence.start); k < ix.starts.length && ix.starts[k] < sentence.end; k++) {
      const inside = ix.starts[k] >= st.start && ix.ends[k] <= st.end
      if (inside || ix.ids[k] !== a.speakerId) about.add(ix.ids[k])
    }
    if (a.speakerId !== null && !idNamedInside(ix, a.speakerId, st.start, st.end)) about.delete(a.speakerId)
    const speakerName = a.speakerId !== null ? layer.byId.get(a.speakerId)?.name ?? null : a.speakerStart !== null && a.speakerEnd !== null ? doc.text.slice(a.speakerStart, a.speakerEnd) : null
    return {
      id: `${articleId}#q${n + 1}`,
      text,
      start: st.start,
      end: st.end,
      kind: st.kind,
      fragments: st.fragments.map(([s, e]) => ({ start: s, end: e, text: doc.text.slice(s, e) })),
      cue: a.cue,
      speakerId: a.speakerId,
      speakerName,
      speakerStart: a.speakerStart,
      speakerEnd: a.speakerEnd,
      aboutIds: [...about],
      sentiment: spanSentiment(doc, st.start, st.end),
      sentence,
    }
  })
}

/** Is `name` in `text` as whole words? */
function namedIn(text: string, name: string): boolean {
  const i = text.indexOf(name)
  if (i < 0) return false
  const before = i === 0 ? ' ' : text[i - 1], after = text[i + name.length] ?? ' '
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)
}

function idNamedInside(ix: SpanIndex, id: string, start: number, end: number): boolean {
  for (let k = firstAtOrAfter(ix, start); k < ix.starts.length && ix.starts[k] < end; k++) if (ix.ids[k] === id && ix.ends[k] <= end) return true
  return false
}

function sentenceAround(doc: Doc, start: number, end: number): { text: string; start: number; end: number } {
  if (doc.tokens.length === 0) return { text: doc.text.slice(start, end), start, end }
  const a = doc.sentences[doc.sentenceOf[Math.min(doc.tokens.length - 1, tokenAtOrAfter(doc, start))]]
  const b = doc.sentences[doc.sentenceOf[Math.max(0, tokenAtOrAfter(doc, end) - 1)]]
  const s = Math.min(Math.max(a.start, start - SENTENCE_CONTEXT_CHARS), start)
  const e = Math.max(Math.min(b.end, end + SENTENCE_CONTEXT_CHARS), end)
  return { text: doc.text.slice(s, e), start: s, end: e }
}
