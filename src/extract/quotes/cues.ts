// Stage 2 of the quote stage: cues and their subjects. Cue verbs (lexicon/cues.ts) outside quotes
// are found with one Set lookup per token; each gets its subject: the noun phrase left of it past
// auxiliaries, adverbs, time phrases, party tags "(R-Fla.)", appositions and relative clauses; right
// of it in "…, said X"; for participles and infinitives ("…, adding", "took to Twitter to accuse")
// the subject of the sentence's verb. Also the token-level tests the pairing of quotes and cues uses
// (sentence bounds, statement starts, continuations).
import type { Doc } from '../nlp.ts'
import type { EntityLayer } from '../entities.ts'
import { AUX_OR_ADVERB, CALENDAR_NAMES, CUE_FORMS, DOCUMENT_NOUNS, FIRST_PERSON, GROUP_PRONOUNS, PERSON_PRONOUNS, SPEAKER_NOUNS, TIME_WORDS } from '../lexicon/cues.ts'

export const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'NUM', 'DET'])
export const NP_LINKS = new Set(['of', 'for', 'at', 'with', 'from', 'to', 'by'])
export const POSSESSIVE = new Set(["'s", '’s', "'", '’'])
export const SENT_END = new Set(['.', '!', '?'])
export const RELATIVE = new Set(['who', 'which', 'that'])
export const CLAUSE_OPENERS = new Set(['that', ':', ','])

export interface Ctx {
  doc: Doc
  /** wink's POS with names the entity layer found (and capitalised words before a cue: "Lynch said") forced to PROPN */
  pos: string[]
  /** quote index per token, -1 outside quotes (marks themselves count as inside) */
  inQuote: Int32Array
}

export function isCueAt(ctx: Ctx, i: number): string | null {
  const { doc, pos } = ctx
  if (i < 0 || i >= doc.tokens.length || ctx.inQuote[i] >= 0) return null
  const lemma = CUE_FORMS.get(doc.tokens[i])
  if (lemma === undefined) {
    if ((doc.tokens[i] === 'according' || doc.tokens[i] === 'According') && doc.tokens[i + 1] === 'to') return 'according to'
    return null
  }
  // "state Rep.", "Rust Belt states that ...": the noun; the verb states what follows it ("the memo states that")
  if (lemma === 'state' && (doc.tokens[i] === 'state' || doc.tokens[i] === 'states' || doc.tokens[i] === 'State' || doc.tokens[i] === 'States') && doc.tokens[i + 1] !== 'that' && doc.tokens[i + 1] !== ':') return null
  const p = pos[i]
  if (p !== 'VERB' && p !== 'AUX') {
    // a noun use ("the report", "his statement", "a promising start") is no cue; wink's tag alone misses
    // "is promising" and "US says", so the word before decides
    if (i === 0) return null
    const before = pos[i - 1]
    // "polls show", "the survey finds": a document noun is the subject, not a compound's first part
    if (before === 'NOUN' && DOCUMENT_NOUNS.has(doc.tokens[i - 1].toLowerCase()) && doc.tokens[i].charCodeAt(0) >= 97) return lemma
    if (before === 'DET' || before === 'ADJ' || before === 'NUM' || before === 'NOUN' || POSSESSIVE.has(doc.tokens[i - 1]) || (before === 'PRON' && !PERSON_PRONOUNS.has(doc.tokens[i - 1]) && !GROUP_PRONOUNS.has(doc.tokens[i - 1]))) return null
    if (p === 'PROPN' || p === 'PUNCT' || p === 'NUM') return null
  }
  return lemma
}

/** words that make a time word a time phrase: "last week", "this year" */
const TIME_DETERMINERS = new Set(['last', 'this', 'next', 'that', 'earlier', 'every', 'each'])

/** "Calif", "Fla", "Gov": a short capitalised word an abbreviation's full stop follows */
function isAbbreviation(t: string): boolean {
  const c = t.charCodeAt(0)
  return t.length <= 5 && c >= 65 && c <= 90
}

/** A time word ("Tuesday", "last week"); a capitalised "Day" or "Night" is a name ("Day said"), a weekday or month is not. */
function isTimeWord(t: string): boolean {
  const lower = t.toLowerCase()
  if (!TIME_WORDS.has(lower)) return false
  return t === lower || CALENDAR_NAMES.has(lower)
}

/** The noun phrase ending at token b going left, bounded by lo. Returns its first token or -1. */
export function npLeftFrom(ctx: Ctx, b: number, lo: number): number {
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
  // "47% say"
  // "47% say", "The Republican incumbent/ADJ said" (a noun wink took for an adjective after a determiner)
  const adjHead = pos[b] === 'ADJ' && b - 1 >= lo && (pos[b - 1] === 'DET' || (pos[b - 1] === 'PROPN' && b - 2 >= lo && pos[b - 2] === 'DET'))
  if (!(pos[b] === 'PROPN' || pos[b] === 'NOUN' || pos[b] === 'NUM' || (tokens[b] === '%' && b > lo && pos[b - 1] === 'NUM') || adjHead)) return -1
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
export function subjectOf(ctx: Ctx, c: number, lo: number): [number, number] | null {
  const { tokens } = ctx.doc
  const { pos } = ctx
  let b = c - 1
  let skipped = 0
  while (b >= lo && skipped < 4 && (AUX_OR_ADVERB.has(tokens[b].toLowerCase()) || pos[b] === 'ADV') && ctx.inQuote[b] < 0) {
    b--
    skipped++
  }
  // "Trump on Tuesday said": step over a time phrase
  if (b >= lo && isTimeWord(tokens[b])) {
    let k = b
    while (k >= lo && k > b - 4 && tokens[k] !== ',' && pos[k] !== 'ADP') k--
    if (k >= lo && pos[k] === 'ADP') b = k - 1
    // "voters in a poll last year said" / "Feinstein last week said"
    else if (b - 1 >= lo && TIME_DETERMINERS.has(tokens[b - 1].toLowerCase())) b -= 2
  }
  if (b >= lo && tokens[b] === ',' && ctx.inQuote[b] < 0) {
    // appositive ("Smith, a spokesman for the Pentagon, said") or relative ("Smith, who ...") closes here
    let k = b - 1
    let n = 0
    // (an abbreviation's full stop, "R-Calif.", does not end the sentence)
    while (k >= lo && n < 14 && tokens[k] !== ',' && !(SENT_END.has(tokens[k]) && !(tokens[k] === '.' && isAbbreviation(tokens[k - 1] ?? ''))) && ctx.inQuote[k] < 0 && pos[k] !== 'VERB') { k--; n++ }
    if (k >= lo && tokens[k] === ',') {
      // the whole "the mayor, Juhani Kivelä": the name may sit in either part
      const a = npLeftFrom(ctx, k - 1, lo)
      if (a >= 0) return [a, b - 1]
    }
    // a relative clause: "Stuart Stevens, who served as Romney's strategist in 2012, said" /
    // "Dr Linnea Berg, the biologist at the institute who has studied the river, said"
    for (let w = b - 1, n2 = 0; w > lo + 1 && n2 < 30 && !SENT_END.has(tokens[w]) && ctx.inQuote[w] < 0; w--, n2++) {
      if (tokens[w] !== 'who' && tokens[w] !== 'whose' && !(tokens[w] === 'which' && tokens[w - 1] === ',')) continue
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
  if (isTimeWord(tokens[b])) return null
  return [a, b]
}

/** The noun phrase starting at token a going right (speaker after "said" / "according to"). */
export function npRightFrom(ctx: Ctx, a: number, hi: number): [number, number] | null {
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
export function isBreak(doc: Doc, i: number): boolean {
  return doc.pos[i] === 'SPACE' && doc.tokens[i].includes('\n')
}

/**
 * The sentence around token i, cut at paragraph breaks and at most SENTENCE_REACH tokens either
 * side (text with no sentence punctuation is one "sentence" to wink; searches must stay local).
 */
export function sentenceBounds(doc: Doc, i: number): [number, number] {
  const s = doc.sentences[doc.sentenceOf[i]]
  let a = Math.max(s.firstToken, i - SENTENCE_REACH), b = Math.min(s.lastToken, i + SENTENCE_REACH)
  for (let k = i - 1; k >= a; k--) if (isBreak(doc, k)) { a = k + 1; break }
  for (let k = i + 1; k <= b; k++) if (isBreak(doc, k)) { b = k - 1; break }
  return [a, b]
}

export const SENTENCE_REACH = 150
/** reported content longer than this (tokens) is cut: past it, the "sentence" is text with no punctuation */
export const MAX_CONTENT_TOKENS = 100
/** reported content longer than this (tokens) ends where the next statement in its sentence begins */
export const LONG_CONTENT_TOKENS = 40

/** POS per token with the entity layer's names as PROPN, and a capitalised word wink tagged otherwise right before a cue ("Lynch/VERB said"). */
export function namePos(doc: Doc, layer: EntityLayer): string[] {
  const pos = doc.pos.slice()
  const eot = layer.entityOfToken
  const n = pos.length
  for (let i = 0; i < n; i++) {
    if (eot[i] != null && pos[i] !== 'PRON' && pos[i] !== 'DET' && pos[i] !== 'PUNCT') pos[i] = 'PROPN'
    else if ((pos[i] === 'VERB' || pos[i] === 'NOUN' || pos[i] === 'ADJ') && i + 1 < n && (CUE_FORMS.has(doc.tokens[i + 1]) || (pos[i + 1] === 'PROPN' && i + 2 < n && CUE_FORMS.has(doc.tokens[i + 2])))) {
      const c = doc.tokens[i].charCodeAt(0)
      // mid-sentence any capitalised word; opening a sentence only one wink took for a verb or adjective
      // ("Cook/VERB said"): a sentence does not open with a verb that is the subject of "said"
      const first = i === 0 || doc.sentenceOf[i - 1] !== doc.sentenceOf[i] || isBreak(doc, i - 1)
      if (c >= 65 && c <= 90 && doc.tokens[i].length > 1 && (!first || pos[i] !== 'NOUN')) pos[i] = 'PROPN'
    }
  }
  return pos
}

export const BE_FORMS = new Set(['is', 'was', 'are', 'were', 'be', 'been', "'s", '’s', "'re", '’re', 'am', "'m", '’m'])

/** The subject of a participle cue: the last cue's subject in the sentence, else the subject of the sentence's first verb. */
export function participleSubject(ctx: Ctx, i: number, sa: number, lastHit: { tok: number; sp: [number, number] | null } | null): [number, number] | null {
  if (lastHit !== null && lastHit.sp !== null && lastHit.tok >= sa && lastHit.tok < i && lastHit.sp[1] < i) return lastHit.sp
  // the first verb with a subject of its own: "On Thursday, after remaining neutral, Warren appeared … and
  // endorsed Clinton, saying …" skips "remaining"; a relative clause's verb ("websites that would identify") is not the one
  for (let v = sa, tried = 0; v < i && tried < 4; v++) {
    if (ctx.inQuote[v] >= 0 || ctx.pos[v] !== 'VERB') continue
    tried++
    let b = v - 1
    while (b > sa && (AUX_OR_ADVERB.has(ctx.doc.tokens[b].toLowerCase()) || ctx.pos[b] === 'ADV')) b--
    // a verb opening the sentence has nothing before it (b < sa: the previous sentence, or no token at all)
    if (b >= sa && RELATIVE.has(ctx.doc.tokens[b].toLowerCase())) continue
    const sp = v > sa ? subjectOf(ctx, v, sa) : null
    if (sp !== null && sp[1] < v && (ctx.pos[sp[1]] === 'PROPN' || ctx.pos[sp[1]] === 'PRON' || ctx.pos[sp[1]] === 'NOUN')) return sp
  }
  return null
}

export interface CueHit {
  tok: number
  lemma: string
  /** speaker token span */
  sp: [number, number] | null
  /** reported content token span, when it is reported speech */
  content: [number, number] | null
  usedByDirect: boolean
  group: number
  /** speaker and content set where the cue was found (./phrases.ts), not by stage 4 */
  preset?: boolean
}

export function cueSurface(doc: Doc, t: number): string {
  return doc.tokens[t] === 'according' || doc.tokens[t] === 'According' ? 'according to' : doc.tokens[t].toLowerCase()
}

/** Are tokens [a, b] a short name or a personal pronoun ("Hannity", "Sen. Tim Kaine", "he")? */
export function isSpeakerWord(ctx: Ctx, a: number, b: number): boolean {
  if (b - a > 5) return false
  if (a === b && ctx.pos[a] === 'PRON') return PERSON_PRONOUNS.has(ctx.doc.tokens[a]) || GROUP_PRONOUNS.has(ctx.doc.tokens[a])
  for (let k = a; k <= b; k++) if (ctx.pos[k] !== 'PROPN' && ctx.doc.tokens[k] !== '.') return false
  return true
}

/** Is there a noun phrase not inside a prepositional phrase in tokens [a, b)? */
export function objectBetween(pos: string[], a: number, b: number): boolean {
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

export function hasVerb(doc: Doc, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (doc.pos[k] === 'VERB' || doc.pos[k] === 'AUX') return true
  return false
}

/** Does the quote opening at token `open` begin a sentence or paragraph (a statement of its own)? */
export function startsStatement(doc: Doc, open: number): boolean {
  let k = open - 1
  while (k >= 0 && doc.pos[k] === 'SPACE' && !doc.tokens[k].includes('\n')) k--
  return k < 0 || isBreak(doc, k) || SENT_END.has(doc.tokens[k]) || doc.tokens[k] === ':'
}

/**
 * A quote with no cue continues the previous one when it opens the next sentence of the same
 * paragraph or the next paragraph, with no narration of its own in between beyond one sentence.
 */
export function continues(doc: Doc, inQuote: Int32Array, prevEnd: number, open: number): boolean {
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
export const CONTINUATION_NARRATION = 40
