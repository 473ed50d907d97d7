// Stage 2: proper-name mentions. Candidate spans come from the statistical tagger (src/extract/ner)
// where its weights are present, and from capitalised runs otherwise; both are then cut by the same
// lexicon rules: titles, ranks and honorifics are not part of a name, calendar words are no names,
// a leading demonym ("Russian President ...") is a demonym mention, countries are typed by the
// country lexicon.
import { wink, type Doc } from './nlp.ts'
import type { EntityType } from './types.ts'
import { COUNTRY_FIRST, COUNTRY_NAMES, COUNTRY_NAMES_LOWER, DEMONYMS, DEMONYMS_LOWER, CAPITALS } from './lexicon/countries.ts'
import { HONORIFICS, RANKS, TITLES, MONTHS, NOT_NAMES, ORG_HINTS, KNOWN_ORGS, PLACE_PREPOSITIONS, PLACE_NOUNS, isCalendar } from './lexicon/words.ts'
import { trimChunk, lexiconType, initialsOnlySpan, spanText, isCapitalised, isSentenceInitial, commonWordOnlyFirst, commonWordCapitalisedOnlyFirst, piecesOfLongerNames, titleOpensName, OPEN_QUOTES, CLOSE_QUOTES } from './names/hygiene.ts'
import { STATE_ABBREVIATIONS } from './lexicon/names.ts'
import { splitCoordinations } from './names/coordination.ts'
import { retypeMentions } from './names/types.ts'
import { tagNames, type TaggedSpan, type NerLabel, type Tagging } from './ner/tagger.ts'
import { wordInfo, GAZ_KNOWNORG, GAZ_COUNTRY, GAZ_DEMONYM } from './ner/features.ts'
import { matchPhrase, titleStartBefore, isTitleAt, firstNameAfterTitle, stateBeforeTitle, portfolioBeforeOrg } from './names/titles.ts'

export interface RawMention {
  /** first and last token (inclusive) */
  first: number
  last: number
  type: EntityType
  kind: 'name' | 'demonym'
  /** ISO code when the mention is a country name or demonym */
  country?: string
  /** a title, rank or honorific stands right before the name: it is a person's */
  personCue?: boolean
  /** a lone capitalised word of unknown type (rule candidates only): kept only if it names a person of the article */
  weak?: boolean
}

let noCountryDoc: Doc | null = null
let noCountry = new Uint8Array(0)

/** Country name or demonym at token i (exact case): its length and code. */
function matchCountry(doc: Doc, i: number, limit: number, map: Map<string, string>): { len: number; code: string } | null {
  // most tokens start no country phrase: remember that per token of the current doc
  if (noCountryDoc !== doc) {
    noCountryDoc = doc
    noCountry = new Uint8Array(doc.tokens.length)
  }
  if (noCountry[i]) return null
  const max = COUNTRY_FIRST.get(doc.tokens[i])
  if (!max) {
    noCountry[i] = 1
    return null
  }
  let key = ''
  let best: { len: number; code: string } | null = null
  for (let k = 0; k < max && i + k <= limit; k++) {
    key = k === 0 ? doc.tokens[i] : key + ' ' + doc.tokens[i + k]
    const code = map.get(key)
    if (code) best = { len: k + 1, code }
  }
  return best
}

function isAllCaps(tok: string): boolean {
  let letters = 0
  for (let k = 0; k < tok.length; k++) {
    const c = tok.charCodeAt(k)
    if (c >= 97 && c <= 122) return false
    if (c >= 65 && c <= 90) letters++
  }
  return letters >= 2
}

function inRanges(doc: Doc, ranges: { start: number; end: number }[]): Uint8Array {
  const mask = new Uint8Array(doc.tokens.length)
  let r = 0
  const sorted = [...ranges].sort((a, b) => a.start - b.start)
  for (let i = 0; i < doc.tokens.length; i++) {
    while (r < sorted.length && sorted[r].end <= doc.start[i]) r++
    if (r < sorted.length && doc.start[i] >= sorted[r].start && doc.end[i] <= sorted[r].end) mask[i] = 1
  }
  return mask
}

const SENTENCE_START_SKIP = new Set(['DET', 'PRON', 'ADP', 'CCONJ', 'SCONJ', 'ADV', 'AUX', 'PART', 'VERB', 'NUM', 'INTJ'])

/**
 * How a candidate span was found: `rules` a capitalised run typed by the lexicon rules alone (no
 * tagger weights); `tagger` a tagger span, typed by its label; `cued` a capitalised run the tagger
 * left out, kept only on a strong cue (a title before it, a known organisation, a place noun after it).
 */
type Source = 'rules' | 'tagger' | 'cued'

/** Proper-name and demonym mentions in the token ranges, sorted by first token. */
export function findMentions(doc: Doc, ranges: { start: number; end: number }[]): RawMention[] {
  const mask = inRanges(doc, ranges)
  maskQuotedTitles(doc, mask)
  const tagged = tagNames(doc, mask)
  const out: RawMention[] = []
  let spans: TaggedSpan[] | null = null
  if (!tagged) {
    for (const c of capitalisedRuns(doc, mask, null)) cutSpan(doc, c, out, 'rules')
    addLexiconMentions(doc, mask, out, null)
  } else {
    spans = filterSpans(doc, mask, extendSpans(doc, mask, tagged.titleLine, mergeLexicon(doc, mask, tagged.spans)), tagged)
    for (const c of spans) cutSpan(doc, c, out, 'tagger')
    // Title Case headlines give no cue of their own: only the tagger's spans (filtered) count there
    const covered = tagged.titleLine.slice()
    for (const c of spans) if (c.label !== 'MISC') for (let k = c.first; k <= c.last; k++) covered[k] = 1
    for (const m of out) for (let k = m.first; k <= m.last; k++) covered[k] = 1
    for (const c of capitalisedRuns(doc, mask, covered)) cutSpan(doc, c, out, 'cued')
    addLexiconMentions(doc, mask, out, spans)
  }
  // "Ted Cruz and John Kasich" read as one name: one mention per name (names/coordination.ts)
  const split = splitCoordinations(doc, out, { mask: tagged ? mask : null, caseEvidence: tagged?.evidence ?? null, titleLine: tagged?.titleLine ?? null, titledBefore: (k) => titleStartBefore(doc, k, doc.sentences[doc.sentenceOf[k]].firstToken) < k })
  split.sort((a, b) => a.first - b.first)
  // "Child" + "Left Behind" of "No Child Left Behind", "Start" of "Head Start": pieces of a longer name (names/hygiene.ts)
  piecesOfLongerNames(doc, split, tagged?.titleLine ?? null, spans)
  // type repairs that read the whole article: "Lebed Chechnya", "South" + "Carolina", "Chechen leader", datelines (names/types.ts)
  return retypeMentions(doc, split, spans)
}

const TITLE_FUNCTION_WORDS = new Set(['the', 'of', 'and', 'a', 'an', 'in', 'on', 'for', 'to', 'at', 'with', 'from'])

/**
 * The title of a show, book or film in quotation marks ("Face the Nation", "Meet the Press") is no
 * name: a quoted run of capitalised words, holding a lowercase function word or three words or
 * more, is taken out of the ranges the name finder reads.
 */
function maskQuotedTitles(doc: Doc, mask: Uint8Array): void {
  const n = doc.tokens.length
  for (let i = 0; i < n; i++) {
    if (doc.pos[i] !== 'PUNCT' || !mask[i] || !OPEN_QUOTES.has(doc.tokens[i])) continue
    let caps = 0
    let fn = 0
    let k = i + 1
    for (; k < n && k <= i + 9; k++) {
      const t = doc.tokens[k]
      if (isCapitalised(t)) caps++
      else if (TITLE_FUNCTION_WORDS.has(t) && caps > 0) fn++
      else break
    }
    if (k < n && k <= i + 9 && CLOSE_QUOTES.has(doc.tokens[k]) && caps >= 2 && (fn > 0 || caps >= 3)) {
      for (let q = i + 1; q < k; q++) mask[q] = 0
      i = k
    }
  }
}

/**
 * Country names and demonyms are read from the lexicon, whatever the tagger made of them: tagger
 * spans overlapping one ("North"/MISC + "Korea"/LOC) are joined over it.
 */
function mergeLexicon(doc: Doc, mask: Uint8Array, spans: TaggedSpan[]): TaggedSpan[] {
  const n = doc.tokens.length
  const spanAt = new Int32Array(n).fill(-1)
  spans.forEach((c, k) => { for (let i = c.first; i <= c.last; i++) spanAt[i] = k })
  const dropped = new Set<number>()
  const added: TaggedSpan[] = []
  for (let i = 0; i < n; i++) {
    if (!mask[i] || !isCapitalised(doc.tokens[i])) continue
    const limit = Math.min(n - 1, i + 5)
    const country = matchCountry(doc, i, limit, COUNTRY_NAMES)
    const dem = matchCountry(doc, i, limit, DEMONYMS)
    const len = Math.max(country?.len ?? 0, dem?.len ?? 0)
    if (!len) continue
    const j = i + len - 1
    const hit = new Set<number>()
    for (let k = i; k <= j; k++) if (spanAt[k] >= 0) hit.add(spanAt[k])
    // one span already covers the phrase: nothing to join
    if (hit.size === 0 || (hit.size === 1 && spans[[...hit][0]].first <= i && spans[[...hit][0]].last >= j)) { i = j; continue }
    let first = i
    let last = j
    let longest: TaggedSpan | null = null
    for (const k of hit) {
      const c = spans[k]
      first = Math.min(first, c.first)
      last = Math.max(last, c.last)
      if (!longest || c.last - c.first > longest.last - longest.first) longest = c
      dropped.add(k)
    }
    const whole = first === i && last === j
    const label: NerLabel | null = whole ? (country && country.len === len ? 'LOC' : 'MISC') : longest!.label
    added.push({ first, last, label })
    i = last
  }
  if (!added.length) return spans
  return [...spans.filter((_, k) => !dropped.has(k)), ...added].sort((a, b) => a.first - b.first)
}

const LEXICON_BITS = GAZ_COUNTRY | GAZ_DEMONYM | GAZ_KNOWNORG

/**
 * Drops what capitals alone made look like names: in a Title Case headline, words the rest of the
 * article never writes capitalised are trimmed off a span; a lone sentence-initial word that is no
 * proper noun, or that the article also writes in lowercase ("Maybe", "Share"), is dropped.
 */
function filterSpans(doc: Doc, mask: Uint8Array, spans: TaggedSpan[], t: Tagging): TaggedSpan[] {
  const out: TaggedSpan[] = []
  const known = (k: number): boolean => (wordInfo(doc.tokens[k]).gaz & LEXICON_BITS) !== 0
  for (const c of spans) {
    if (t.titleLine[c.first]) {
      // (a common word the body capitalises only at a sentence or quote start has no body evidence: "‘Oil Pays Him’" ... "“Oil pays him")
      const body = (k: number): boolean => (t.evidence[k] & 1) !== 0 && !commonWordCapitalisedOnlyFirst(doc, doc.tokens[k], t.titleLine)
      while (c.first <= c.last && !body(c.first) && !known(c.first)) c.first++
      while (c.last >= c.first && !body(c.last) && !known(c.last)) c.last--
      if (c.first > c.last) continue
      // a kept piece of a hyphenated word keeps the whole word ("Anna-Kaisa" when only "Kaisa" has body evidence)
      while (c.first >= 2 && joinedHyphen(doc, mask, c.first - 1)) c.first -= 2
      while (c.last + 2 < doc.tokens.length && joinedHyphen(doc, mask, c.last + 1) && /^\p{L}/u.test(doc.tokens[c.last + 2])) c.last += 2
    }
    if (c.first === c.last && c.label !== 'MISC' && !isAllCaps(doc.tokens[c.first]) && !known(c.first)) {
      const floor = doc.sentences[doc.sentenceOf[c.first]].firstToken
      if (isSentenceInitial(doc, c.first, floor) && (doc.pos[c.first] !== 'PROPN' || t.evidence[c.first] & 2)) continue
      if (commonWordOnlyFirst(doc, c.first, t.titleLine)) continue
    }
    out.push(c)
  }
  return out
}

/** POS of lowercase words that never end a name */
const TRAILING_POS = new Set(['VERB', 'AUX', 'NOUN', 'ADJ', 'ADV', 'PRON', 'DET'])

/** POS of lowercase words that never stand inside a name (its "of", "the", "for" and particles do) */
const INNER_POS = new Set(['VERB', 'AUX', 'NOUN', 'ADJ'])

/**
 * The lowercase noun, verb or adjective inside span `c` that only capitalised words follow to its end ("staffer" of
 * "Mitt Romney staffer Katie Packer", "company" of "Tobacco company Altria"), else -1. Not a particle, a piece of a
 * hyphenated word, nor a word an "of" follows ("Reserve bank of India": the last lowercase word is "of").
 */
function innerWordAt(doc: Doc, mask: Uint8Array, c: TaggedSpan): number {
  let k = c.last
  while (k > c.first && /^\p{Lu}/u.test(doc.tokens[k])) k--
  if (k === c.last || k <= c.first) return -1
  const ok = INNER_POS.has(doc.pos[k]) && /^\p{Ll}/u.test(doc.tokens[k]) && !NAME_PARTICLES.has(doc.tokens[k]) && !joinedHyphen(doc, mask, k - 1)
  return ok ? k : -1
}

/** POS wink gives a capitalised first name it reads as a common word ("Per Holmqvist": Per/ADP) */
const FIRST_NAME_POS = new Set(['PROPN', 'ADP', 'NOUN', 'ADJ'])

/**
 * A capitalised word that can continue a person's name (not a title, calendar word, country or
 * demonym). Before a name (`before`, outside Title Case headlines), a capitalised word mid-sentence is a first name whatever
 * POS wink guessed for it, unless it is a determiner, pronoun, conjunction or verb.
 */
function nameWord(doc: Doc, k: number, before = false): boolean {
  const t = doc.tokens[k]
  if (!isCapitalised(t) || isAllCaps(t) || !(before ? FIRST_NAME_POS.has(doc.pos[k]) : doc.pos[k] === 'PROPN')) return false
  const lower = t.toLowerCase()
  return !isCalendar(lower) && !NOT_NAMES.has(lower) && !TITLES.has(lower) && !HONORIFICS.has(lower) && !RANKS.has(lower) && !COUNTRY_FIRST.has(t)
}

/**
 * Completes tagger spans the CoNLL-trained model tends to cut short on modern news: hyphenated
 * name parts ("Kim" -> "Kim Jong-un") and, for people, adjacent capitalised name words.
 */
function extendSpans(doc: Doc, mask: Uint8Array, titleLine: Uint8Array, input: TaggedSpan[]): TaggedSpan[] {
  const n = doc.tokens.length
  const spans: TaggedSpan[] = []
  for (const c of input) {
    // a name ends on a name word: a trailing lowercase word is the verb or noun after it ("Okafor stressed")
    while (c.last > c.first && TRAILING_POS.has(doc.pos[c.last]) && /^\p{Ll}/u.test(doc.tokens[c.last]) && !NAME_PARTICLES.has(doc.tokens[c.last]) && !(c.last >= 2 && joinedHyphen(doc, mask, c.last - 1))) c.last--
    // nor a lowercase noun or verb before the name: "Mitt Romney staffer Katie Packer" and "Donald Trump debates
    // Hillary Clinton" are two names (the one before it left to the lexicon rules), "Rust Belt states Indiana" too
    const inner = innerWordAt(doc, mask, c)
    if (inner >= 0) {
      // (two names around a verb are of one kind, "X debates Y"; what stands before a role word is anyone's guess)
      const before: TaggedSpan = { first: c.first, last: inner - 1, label: doc.pos[inner] === 'VERB' || doc.pos[inner] === 'AUX' ? c.label : null }
      while (before.last >= before.first && !/^\p{Lu}/u.test(doc.tokens[before.last])) before.last--
      if (before.last >= before.first) spans.push(before)
      c.first = inner + 1
      // the name after it is typed by the lexicon rules too, unless the tagger read a person
      if (c.label !== 'PER') c.label = null
    }
    // a person's name holds no "of": "Maria Olsen of Vermont" is a person and a place
    if (c.label === 'PER') {
      let k = c.first + 1
      while (k < c.last && doc.tokens[k] !== 'of') k++
      if (k < c.last) {
        spans.push({ first: c.first, last: k - 1, label: 'PER' }, { first: k + 1, last: c.last, label: 'LOC' })
        continue
      }
    }
    // an organisation cut at "of" ("University of" + "Vermont") takes the name after it
    if (c.label === 'ORG' && doc.tokens[c.last] === 'of' && c.last + 1 < n && isCapitalised(doc.tokens[c.last + 1])) c.last++
    // "Bank" (untagged) + "of America": the hint word and "of" make the span an organisation
    const k = c.first
    if (k >= 2 && doc.tokens[k - 1] === 'of' && mask[k - 2] && isCapitalised(doc.tokens[k - 2]) && ORG_HINTS.has(doc.tokens[k - 2].toLowerCase())) {
      const prev = spans[spans.length - 1]
      if (prev && prev.last === k - 1 && prev.label === 'ORG') { prev.last = c.last; continue }
      if (!prev || prev.last < k - 2) { spans.push({ first: k - 2, last: c.last, label: 'ORG' }); continue }
    }
    // two spans on the pieces of one hyphenated word ("Anna" + "Kaisa Lehtinen") are one name
    const before = spans[spans.length - 1]
    if (before && before.last === c.first - 2 && c.label !== null && before.label !== null && before.label !== 'MISC' && joinedHyphen(doc, mask, c.first - 1)) {
      before.last = c.last
      if (c.label !== 'MISC') before.label = c.label
      continue
    }
    spans.push(c)
  }
  const merged = absorb(spans)
  spans.length = 0
  spans.push(...merged)
  const taken = new Uint8Array(n)
  for (const c of spans) for (let k = c.first; k <= c.last; k++) taken[k] = 1
  // context the tagger's window misses makes a name word run a person: an honorific or rank right
  // before it ("Mr Holmqvist" tagged ORG), a title in apposition ("the ambassador, Per Holmqvist,")
  for (const c of spans) {
    if (c.label !== 'ORG' && c.label !== 'MISC') continue
    if (ORG_HINTS.has(doc.tokens[c.last].toLowerCase()) || c.last - c.first > 3 || (wordInfo(doc.tokens[c.first]).gaz & LEXICON_BITS) !== 0) continue
    const h = c.first - 1
    const honorific = h >= 0 && mask[h] && isCapitalised(doc.tokens[h]) && (HONORIFICS.has(doc.tokens[h].toLowerCase()) || RANKS.has(doc.tokens[h].toLowerCase()))
    const withFirst = h >= 1 && !taken[h] && mask[h] && nameWord(doc, h, true) && doc.tokens[h - 1] === ','
    if (honorific || appositiveTitle(doc, withFirst ? h : c.first, c.last, false)) c.label = 'PER'
    // a title and a first name before it ("Sen. Ted" + "Cruz" tagged ORG): the person's surname (names/titles.ts)
    else if (h >= 1 && c.last - c.first <= 1 && !taken[h] && mask[h] && firstNameAfterTitle(doc, h, titleLine)) { c.label = 'PER'; c.first = h; taken[h] = 1 }
  }
  for (const c of spans) {
    if (c.label === 'MISC' || c.label === null || c.first < 0) continue
    for (;;) {
      const k = c.last + 1
      if (k >= n || !mask[k] || doc.sentenceOf[k] !== doc.sentenceOf[c.last]) break
      // "Bank" + "of America", "University" + "of California": an organisation's "of" phrase
      if (c.label === 'ORG' && doc.tokens[k] === 'of' && k + 1 < n && mask[k + 1] && isCapitalised(doc.tokens[k + 1]) && ORG_HINTS.has(doc.tokens[c.last].toLowerCase())) {
        let e = k + 1
        while (e + 1 < n && mask[e + 1] && isCapitalised(doc.tokens[e + 1]) && doc.sentenceOf[e + 1] === doc.sentenceOf[k]) e++
        c.last = e
        for (let q = c.first; q <= c.last; q++) taken[q] = 1
        continue
      }
      if (taken[k]) break
      // the tagger's span may end on the hyphen itself ("Kim Jong -" + "un")
      if (doc.tokens[c.last] === '-' && !taken[k] && doc.start[k] === doc.end[c.last] && c.last > c.first && doc.start[c.last] === doc.end[c.last - 1] && /^\p{L}/u.test(doc.tokens[k])) {
        c.last = k
      } else if (doc.tokens[k] === '-' && k + 1 < n && mask[k + 1] && !taken[k + 1] && doc.start[k] === doc.end[k - 1] && doc.start[k + 1] === doc.end[k] && /^\p{L}/u.test(doc.tokens[k + 1])) {
        c.last = k + 1
      } else if (nameWord(doc, k) && (c.label === 'PER' || (firstNameAfterTitle(doc, c.last, titleLine) && !wink.knows(doc.tokens[k].toLowerCase())))) {
        // a person's name word after it, or a surname after a span that ends on a title and a first name ("Texas Senator Ted" ORG + "Cruz")
        c.last = k
      }
      else break
      for (let q = c.first; q <= c.last; q++) taken[q] = 1
    }
    // wink splits "Anna-Kaisa" into "Anna" "-" "Kaisa", and the tagger (which scores "-" as no name)
    // may open a span at the second piece: a name never begins inside a hyphenated word, so the span
    // takes the pieces before it ("Nils-Anders Kuoljok", "Jonas Meyer-Holm")
    while (c.first >= 2 && joinedHyphen(doc, mask, c.first - 1) && !taken[c.first - 2]) {
      c.first -= 2
      taken[c.first] = taken[c.first + 1] = 1
    }
    // "former Defense" + "Department" (ORG): a portfolio before an organisation's head word opens its name (names/titles.ts)
    if (c.label === 'ORG' && c.first >= 1 && mask[c.first - 1] && !taken[c.first - 1] && portfolioBeforeOrg(doc, c.first)) taken[--c.first] = 1
    if (c.label !== 'PER') continue
    const floor = doc.sentences[doc.sentenceOf[c.first]].firstToken
    while (c.first - 1 >= floor && mask[c.first - 1] && !taken[c.first - 1] && ((nameWord(doc, c.first - 1, !titleLine[c.first - 1]) && !isSentenceInitial(doc, c.first - 1, floor)) || firstNameAfterTitle(doc, c.first - 1, titleLine))) {
      c.first--
      taken[c.first] = 1
    }
  }
  return absorb(spans)
}

/** Token h is a "-" written tight between two word tokens of the ranges ("Anna-Kaisa"), the one before it a capitalised word. */
function joinedHyphen(doc: Doc, mask: Uint8Array, h: number): boolean {
  return doc.tokens[h] === '-' && h >= 1 && mask[h] === 1 && mask[h - 1] === 1 && doc.end[h - 1] === doc.start[h] && doc.end[h] === doc.start[h + 1] &&
    isCapitalised(doc.tokens[h - 1]) && doc.sentenceOf[h - 1] === doc.sentenceOf[h + 1]
}

/** Spans sorted by start, each grown over the ones it overlaps (linear). */
function absorb(spans: TaggedSpan[]): TaggedSpan[] {
  const out: TaggedSpan[] = []
  for (const c of spans) {
    const prev = out[out.length - 1]
    if (prev && c.first <= prev.last) prev.last = Math.max(prev.last, c.last)
    else out.push(c)
  }
  return out
}

/** Runs of capitalised tokens in one sentence (rule-based candidates, type left to the lexicon rules). */
function capitalisedRuns(doc: Doc, mask: Uint8Array, covered: Uint8Array | null): TaggedSpan[] {
  const spans: TaggedSpan[] = []
  const n = doc.tokens.length
  let i = 0
  while (i < n) {
    if (!mask[i] || covered?.[i] || !isCapitalised(doc.tokens[i])) { i++; continue }
    const s = doc.sentenceOf[i]
    let j = i
    for (;;) {
      const k = j + 1
      if (k >= n || !mask[k] || covered?.[k] || doc.sentenceOf[k] !== s) break
      const t = doc.tokens[k]
      if (isCapitalised(t)) { j = k; continue }
      // a surname particle between capitalised words: "Ms de Vries", "Ludwig van Beethoven"
      if (NAME_PARTICLES.has(t) && k + 1 < n && mask[k + 1] && !covered?.[k + 1] && doc.sentenceOf[k + 1] === s && (isCapitalised(doc.tokens[k + 1]) || NAME_PARTICLES.has(doc.tokens[k + 1]))) { j = k; continue }
      // hyphenated name part: "Jong-un"
      if (t === '-' && k + 1 < n && doc.start[k] === doc.end[j] && doc.start[k + 1] === doc.end[k] && /^\p{L}/u.test(doc.tokens[k + 1])) { j = k + 1; continue }
      // "Department of Defense", "Secretary of State"
      // (never over a token another candidate holds: "Queen of" + the tagger's "South" made two names on one word)
      if ((t === 'of' || t === 'for') && k + 1 < n && mask[k + 1] && !covered?.[k + 1] && doc.sentenceOf[k + 1] === s && isCapitalised(doc.tokens[k + 1]) && (ORG_HINTS.has(doc.tokens[j].toLowerCase()) || TITLES.has(doc.tokens[j].toLowerCase()))) { j = k + 1; continue }
      break
    }
    // a run ends on a name word, not on a particle ("Ms van" before a covered "der Lind")
    while (j > i && NAME_PARTICLES.has(doc.tokens[j])) j--
    spans.push({ first: i, last: j, label: null })
    i = j + 1
  }
  return spans
}

/** Cuts a candidate span into name and demonym mentions, typed. */
function cutSpan(doc: Doc, c: TaggedSpan, out: RawMention[], source: Source): void {
  const fromTagger = source === 'tagger'
  let p = c.first
  const last = c.last
  const sentFirst = doc.sentences[doc.sentenceOf[p]].firstToken
  // an organisation's name may hold or follow title words ("General Assembly", "Secretary of State's Office")
  const orgEnd = c.label !== 'PER' && ORG_HINTS.has(doc.tokens[last].toLowerCase())
  // the open chunk; innerTitle: a title inside a tagger's span ("House Speaker Paul Ryan" tagged ORG), what follows is a person
  const st: Chunk = { chunkStart: -1, personCue: !orgEnd && titleStartBefore(doc, p, sentFirst) < p, innerTitle: false }
  while (p <= last) {
    const tok = doc.tokens[p]
    const lower = tok.toLowerCase()
    // sentence-initial function words ("The", "If") and words that are never names
    if (st.chunkStart < 0 && (lower === 'the' || isSentenceInitial(doc, p, sentFirst) && SENTENCE_START_SKIP.has(doc.pos[p]) && !COUNTRY_NAMES.has(tok) && !isAllCaps(tok))) { p++; continue }
    if (tok === '-' && st.chunkStart >= 0 && p < last && doc.start[p] === doc.end[p - 1] && doc.start[p + 1] === doc.end[p]) { p++; continue }
    // punctuation ends a capitalised run, but a tagger's span may hold some ("Douglas & Lomason")
    // wink tags a middle dot as PROPN: separators are punctuation whatever their tag
    const punct = doc.pos[p] === 'PUNCT' || doc.pos[p] === 'SPACE' || doc.pos[p] === 'SYM' || SEPARATOR_MARKS.has(tok)
    if (punct && fromTagger && st.chunkStart >= 0 && p < last && !BRACKETS.has(tok) && doc.pos[p] !== 'SPACE') { p++; continue }
    // (a month in a tagger's person span before a name word is a first name: "Jan Brewer")
    if ((isCalendar(lower) && !(fromTagger && c.label === 'PER' && st.chunkStart < 0 && p < last && MONTHS.has(lower) && !tok.endsWith('.') && nameWord(doc, p + 1))) || NOT_NAMES.has(lower) || punct) { flushChunk(doc, c, out, source, st, p - 1); p++; continue }
    {
      const tl = isTitleAt(doc, p, last)
      // a title word is a title only when a capitalised name word follows it inside the span
      // (unless it opens the tagger's name of no person: "Head Start", "Miss Universe")
      if (tl && p + tl <= last && (isCapitalised(doc.tokens[p + tl]) || NAME_PARTICLES.has(doc.tokens[p + tl])) && !orgEnd && (st.chunkStart < 0 || !fromTagger || c.label === 'PER' || isCapitalised(tok)) &&
        !(fromTagger && c.label !== 'PER' && p === c.first && p + tl === last && titleOpensName(doc, p, last))) {
        flushChunk(doc, c, out, source, st, p - 1)
        p += tl
        st.personCue = true
        st.innerTitle = fromTagger && c.label !== 'MISC'
        continue
      }
    }
    if (st.chunkStart < 0) {
      const dem = matchCountry(doc, p, last, DEMONYMS)
      // in a tagger's PER or ORG span a leading demonym is part of the name ("German Villa", "American
      // Airlines") unless a title follows it ("Russian President ...")
      if (dem && (!fromTagger || c.label === 'MISC' || p + dem.len > last || isTitleAt(doc, p + dem.len, last) > 0)) {
        const country = matchCountry(doc, p, last, COUNTRY_NAMES)
        if (!country || country.len < dem.len) {
          out.push({ first: p, last: p + dem.len - 1, type: 'Country', kind: 'demonym', country: dem.code })
          p += dem.len
          continue
        }
      }
      const country = matchCountry(doc, p, last, COUNTRY_NAMES)
      if (country && (p + country.len > last || !fromTagger)) {
        out.push({ first: p, last: p + country.len - 1, type: 'Country', kind: 'name', country: country.code })
        p += country.len
        continue
      }
      st.chunkStart = p
    }
    p++
  }
  flushChunk(doc, c, out, source, st, last)
}

/** A chunk of a tagged span being cut into names (cutSpan's state). */
interface Chunk {
  chunkStart: number
  personCue: boolean
  innerTitle: boolean
}

/** Types the open chunk [st.chunkStart, end] as a mention, if it is one, and closes it. */
function flushChunk(doc: Doc, c: TaggedSpan, out: RawMention[], source: Source, st: Chunk, end: number): void {
  if (st.chunkStart < 0) return
  const m = typeChunk(doc, st.chunkStart, end, st.innerTitle ? 'PER' : c.label, st.personCue, source)
  // an abbreviation with dots ("O.K.", "C.L." before a nickname) is no person's name
  if (m && !(m.type === 'Person' && initialsOnlySpan(doc, m.first, m.last))) out.push(m)
  st.chunkStart = -1
  st.personCue = false
  st.innerTitle = false
}

/** Lowercase particles that begin a surname ("Ms van der Lind", "Mr de Gaulle"). */
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'la', 'le', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'wa', 'des'])
const SEPARATOR_MARKS = new Set(['·', '•', '|'])
const BRACKETS = new Set(['[', ']', '(', ')', '{', '}', '"', '“', '”', '‘', '’', "'", ',', ';', ':', '—', '–', '.', '/', '·', '•', '|'])

/** Last words that make a tagger's "person" a place ("Bearden Park", "Tryon Street"). */
const SITE_NOUNS = new Set(['street', 'avenue', 'square', 'stadium', 'bridge', 'airport', 'road', 'plaza', 'park', 'county', 'river', 'mountains', 'boulevard'])

function typeChunk(doc: Doc, a: number, b: number, label: TaggedSpan['label'], personCue: boolean, source: Source): RawMention | null {
  const fromTagger = source === 'tagger'
  // a trailing possessive or punctuation is not part of a name
  while (b >= a && (doc.pos[b] === 'PUNCT' || doc.pos[b] === 'PART' || /^['’]s?$/.test(doc.tokens[b]))) b--
  if (b < a) return null
  // headline verbs, party words, contractions and lone initials are no names (names/hygiene.ts)
  const trimmed = trimChunk(doc, a, b)
  if (!trimmed) return null
  ;[a, b] = trimmed
  // titles, ranks and honorifics alone are no names ("Maj" tagged PER before "Gen Ryder"; "CEO of" + "Hewlett-Packard")
  if (isTitleAt(doc, a, b) === b - a + 1 && (!isAllCaps(doc.tokens[a]) || doc.tokens[b + 1] === 'of')) return null
  const key = spanText(doc, a, b)
  const lowerKey = key.toLowerCase()
  const country = COUNTRY_NAMES.get(key) ?? (fromTagger && label === 'LOC' ? COUNTRY_NAMES_LOWER.get(lowerKey) : undefined)
  if (country && (label === null || label === 'LOC' || label === 'ORG' && COUNTRY_NAMES.has(key))) return { first: a, last: b, type: 'Country', kind: 'name', country }
  const demonym = DEMONYMS.get(key) ?? (fromTagger ? DEMONYMS_LOWER.get(lowerKey) : undefined)
  if (demonym && (label === null || label === 'MISC')) return { first: a, last: b, type: 'Country', kind: 'demonym', country: demonym }
  // a US state is a place and a news medium or pollster an organisation, never a person (the
  // tagger's ORG and LOC stand: a state's sports team is an organisation)
  // "Gainesville, Fla.", "John McCain (Ariz.)", "former Fla. Gov. Jeb Bush": a state's abbreviation after a comma or bracket or before a title is that state
  // "Texas Sen. Ted Cruz", "the Texas senator": a state before a title is that state, also where the tagger read an organisation (names/titles.ts)
  if ((a === b && a > 0 && (doc.tokens[a - 1] === ',' || doc.tokens[a - 1] === '(') && STATE_ABBREVIATIONS.has(lowerKey)) || stateBeforeTitle(doc, a, b)) return { first: a, last: b, type: 'Place', kind: 'name' }
  const fixed = label !== 'ORG' && label !== 'LOC' ? lexiconType(key) : null
  if (fixed) return { first: a, last: b, type: fixed, kind: 'name' }
  // "X, the chairman of ...", "spokeswoman, X,": a title in apposition makes a name word run a person
  // (the tagger reads unseen names as ORG or MISC: "Sofia Ahlgren" by the capital Sofia)
  if (label !== 'PER' && label !== 'LOC' && !personCue && b > a && b - a <= 3 && !ORG_HINTS.has(doc.tokens[b].toLowerCase()) && appositiveTitle(doc, a, b)) {
    return { first: a, last: b, type: 'Person', kind: 'name', personCue: true }
  }
  if (fromTagger) {
    if (label === 'PER' && b > a && ORG_HINTS.has(doc.tokens[b].toLowerCase())) return { first: a, last: b, type: 'Organisation', kind: 'name' }
    if (label === 'PER' && b > a && SITE_NOUNS.has(doc.tokens[b].toLowerCase())) return { first: a, last: b, type: 'Place', kind: 'name' }
    if (label === 'PER') return { first: a, last: b, type: 'Person', kind: 'name', personCue }
    if (label === 'ORG') return { first: a, last: b, type: 'Organisation', kind: 'name' }
    if (label === 'LOC') return { first: a, last: b, type: 'Place', kind: 'name' }
    // MISC: a person after a title or honorific ("Mr Biden"); otherwise kept weak, to join a
    // name the article has already typed ("inside Kursk" after "Kursk region")
    if (personCue) return { first: a, last: b, type: 'Person', kind: 'name', personCue }
    return { first: a, last: b, type: 'Person', kind: 'name', weak: true }
  }
  if (KNOWN_ORGS.has(key)) return { first: a, last: b, type: 'Organisation', kind: 'name' }
  if (personCue) return { first: a, last: b, type: 'Person', kind: 'name', personCue }
  const lastLower = doc.tokens[b].toLowerCase()
  if (source === 'cued') {
    const next = b + 1 < doc.tokens.length ? doc.tokens[b + 1].toLowerCase() : ''
    if (PLACE_NOUNS.has(next) && !isAllCaps(doc.tokens[a])) return { first: a, last: b, type: 'Place', kind: 'name' }
    return { first: a, last: b, type: 'Person', kind: 'name', weak: true }
  }
  if (ORG_HINTS.has(lastLower) || (a === b && isAllCaps(doc.tokens[a]))) return { first: a, last: b, type: 'Organisation', kind: 'name' }
  if (CAPITALS.has(lowerKey)) return { first: a, last: b, type: 'Place', kind: 'name' }
  const prev = a > 0 ? doc.tokens[a - 1].toLowerCase() : ''
  const next = b + 1 < doc.tokens.length ? doc.tokens[b + 1].toLowerCase() : ''
  if (PLACE_NOUNS.has(next) || (PLACE_PREPOSITIONS.has(prev) && b - a <= 1)) return { first: a, last: b, type: 'Place', kind: 'name' }
  if (b > a && b - a <= 3) return { first: a, last: b, type: 'Person', kind: 'name' }
  // a lone capitalised word: a person only if it turns out to be a known surname (entities decides)
  return { first: a, last: b, type: 'Person', kind: 'name', weak: true }
}

const APPOSITION_DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our'])
/** A title stands in apposition to the name at tokens [a, b]: "X, the chairman of", "X, chief executive of", "spokeswoman, X". */
function appositiveTitle(doc: Doc, a: number, b: number, propn = true): boolean {
  if (propn) for (let k = a; k <= b; k++) if (doc.pos[k] !== 'PROPN' && doc.tokens[k] !== '-') return false
  const n = doc.tokens.length
  let p = b + 1
  if (p < n && doc.tokens[p] === ',') {
    p++
    if (p < n && APPOSITION_DETERMINERS.has(doc.tokens[p])) p++
    if (p < n && !isCapitalised(doc.tokens[p]) && isTitleAt(doc, p, Math.min(n - 1, p + 3)) > 0) return true
  }
  if (a >= 2 && doc.tokens[a - 1] === ',' && !isCapitalised(doc.tokens[a - 2]) && isTitleAt(doc, a - 2, a - 2) === 1) return true
  return false
}

/** Countries, demonyms and known organisations the candidate spans did not cover. */
function addLexiconMentions(doc: Doc, mask: Uint8Array, out: RawMention[], spans: TaggedSpan[] | null): void {
  const covered = new Uint8Array(doc.tokens.length)
  for (const m of out) for (let k = m.first; k <= m.last; k++) covered[k] = 1
  if (spans) for (const c of spans) for (let k = c.first; k <= c.last; k++) covered[k] = 1
  for (let i = 0; i < doc.tokens.length; i++) {
    if (!mask[i] || covered[i] || !isCapitalised(doc.tokens[i])) continue
    const limit = Math.min(doc.tokens.length - 1, i + 5)
    const country = matchCountry(doc, i, limit, COUNTRY_NAMES)
    const dem = matchCountry(doc, i, limit, DEMONYMS)
    const best = dem && (!country || dem.len > country.len) ? { ...dem, kind: 'demonym' as const } : country ? { ...country, kind: 'name' as const } : null
    if (best && !anyCovered(covered, mask, i, i + best.len - 1)) {
      out.push({ first: i, last: i + best.len - 1, type: 'Country', kind: best.kind, country: best.code })
      i += best.len - 1
      continue
    }
    const org = wordInfo(doc.tokens[i]).gaz & GAZ_KNOWNORG ? matchPhrase(doc, i, limit, KNOWN_ORGS, false, 4) : 0
    if (org && !anyCovered(covered, mask, i, i + org - 1)) {
      out.push({ first: i, last: i + org - 1, type: 'Organisation', kind: 'name' })
      i += org - 1
    }
  }
}

function anyCovered(covered: Uint8Array, mask: Uint8Array, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (covered[k] || !mask[k]) return true
  return false
}
