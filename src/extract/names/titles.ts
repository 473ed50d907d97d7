// Titles, ranks and honorifics before a name: where a title phrase starts and ends (used by the mention
// and role stages), and what the word after a title is: the first name of a person whose surname the
// tagger read on its own ("Sen. Ted" + "Cruz", "Mayor Ted" + "Terry"), or a common word that a title
// word opens a name of no person with ("General Electric", "Executive Order": names/hygiene.ts).
import { wink, type Doc } from '../nlp.ts'
import { HONORIFICS, NOT_NAMES, ORG_HINTS, RANKS, TITLES, isCalendar } from '../lexicon/words.ts'
import { HEADLINE_VERBS, LEADING_FUNCTION_WORDS, PORTFOLIOS, PRONOUNS, STATE_ABBREVIATIONS, US_STATES } from '../lexicon/names.ts'
import { COUNTRY_FIRST } from '../lexicon/countries.ts'
import { wordInfo, GAZ_TITLE, GAZ_HONORIFIC, GAZ_RANK } from '../ner/features.ts'

const TITLE_CASE = /^\p{Lu}\p{Ll}+$/u
/** one capital letter and then lower-case letters only ("Ted", "Electric"; not "McCain", "US", "ted") */
export function isTitleCase(w: string): boolean {
  return TITLE_CASE.test(w)
}

/** Longest phrase in `set` (lowercase keys) starting at token i, within [i, limit]; returns its token count or 0. */
export function matchPhrase(doc: Doc, i: number, limit: number, set: Set<string> | Map<string, unknown>, lower: boolean, maxLen = 4): number {
  let key = ''
  let best = 0
  for (let k = 0; k < maxLen && i + k <= limit; k++) {
    const t = lower ? doc.tokens[i + k].toLowerCase() : doc.tokens[i + k]
    key = k === 0 ? t : key + ' ' + t
    if (set.has(key)) best = k + 1
  }
  return best
}

const TITLE_BITS = GAZ_TITLE | GAZ_HONORIFIC | GAZ_RANK
/** The token is a word of some title, rank or honorific (a cached lookup that rules out most tokens). */
function titleish(doc: Doc, k: number): boolean {
  return (wordInfo(doc.tokens[k]).gaz & TITLE_BITS) !== 0
}

/** Title, rank or honorific words (any case) ending right before token i: the index of the first, or i when none. */
export function titleStartBefore(doc: Doc, i: number, floor: number): number {
  let j = i
  for (;;) {
    if (j - 1 < floor || !titleish(doc, j - 1)) return j
    let found = 0
    for (let len = 4; len >= 1; len--) {
      const a = j - len
      if (a < floor) continue
      if (isTitleAt(doc, a, j - 1) === len) { found = len; break }
    }
    if (!found) return j
    j -= found
  }
}

/** Length of the title/rank/honorific phrase at tokens [i, limit], longest first, or 0. */
export function isTitleAt(doc: Doc, i: number, limit: number): number {
  if (!titleish(doc, i)) return 0
  return Math.max(matchPhrase(doc, i, limit, HONORIFICS, true, 2), matchPhrase(doc, i, limit, RANKS, true, 3), matchPhrase(doc, i, limit, TITLES, true, 4))
}

/** POS of words that are no first name, whatever their capital. */
const NO_FIRST_NAME_POS = new Set(['DET', 'PRON', 'CCONJ', 'SCONJ', 'PART', 'NUM', 'PUNCT', 'SYM', 'SPACE'])

/**
 * Token h is the first name of a person whose surname starts at h + 1: a Title Case word between a title and the
 * surname ("Sen. Ted Cruz", "Mayor Ted Terry", "Chairman Will Rogers"), whatever part of speech wink guessed for it
 * ("Ted" a verb, "Will" an auxiliary): a title, a first name and a surname is how news names a person. Not in a
 * Title Case headline (`titleLine`), where every word has a capital ("Mayor Says Terry ..."), nor a function word,
 * headline verb, title, calendar word, country or word that is never a name.
 */
export function firstNameAfterTitle(doc: Doc, h: number, titleLine: Uint8Array | null): boolean {
  const t = doc.tokens[h]
  if (titleLine?.[h] || !isTitleCase(t) || NO_FIRST_NAME_POS.has(doc.pos[h])) return false
  const lower = t.toLowerCase()
  if (HEADLINE_VERBS.has(lower) || LEADING_FUNCTION_WORDS.has(lower) || PRONOUNS.has(lower) || isCalendar(lower) || NOT_NAMES.has(lower) || titleish(doc, h) || COUNTRY_FIRST.has(t)) return false
  const floor = doc.sentences[doc.sentenceOf[h]].firstToken
  return titleStartBefore(doc, h, floor) < h && doc.sentenceOf[h + 1] === doc.sentenceOf[h]
}

/**
 * The title word at token t is written in full as a word of the language ("General", "Executive", "President"),
 * not abbreviated ("Gen.", "Sen.") and no honorific ("Mr", "Dr"): an abbreviation or honorific before a name is
 * always a person's; a full word may open a name of no person ("General Electric", "Executive Order").
 */
export function fullTitleWord(doc: Doc, t: number): boolean {
  const w = doc.tokens[t]
  return isTitleCase(w) && !HONORIFICS.has(w.toLowerCase()) && !(t + 1 < doc.tokens.length && doc.tokens[t + 1] === '.' && doc.end[t] === doc.start[t + 1])
}

/**
 * The article writes the title word `title` right before a proper name somewhere: a Title Case word outside wink's
 * lexicon of common words ("General Dempsey", "President Polk"). Then the title is a person's title in this article,
 * and a common word after it is a surname too ("General Ham", "President Carter"). One scan per title and document.
 */
const titlesNamesMemo = new WeakMap<Doc, Map<string, boolean>>()
export function titleBeforeProperName(doc: Doc, title: string): boolean {
  let memo = titlesNamesMemo.get(doc)
  if (!memo) titlesNamesMemo.set(doc, (memo = new Map()))
  let found = memo.get(title)
  if (found === undefined) {
    found = false
    for (let k = 0; k + 1 < doc.tokens.length && !found; k++) if (doc.tokens[k] === title && isTitleCase(doc.tokens[k + 1]) && !wink.knows(doc.tokens[k + 1].toLowerCase())) found = true
    memo.set(title, found)
  }
  return found
}

/**
 * The name at tokens [a, b] is a US state's (or its abbreviation's: "Fla.") right before a title, rank or honorific
 * ("Texas Sen. Ted Cruz", "Ohio Governor John Kasich", "the Texas senator"): the state the person holds office for,
 * a place, whatever the tagger made of "Texas Sen." (it reads it as an organisation).
 */
export function stateBeforeTitle(doc: Doc, a: number, b: number): boolean {
  const next = b + 1
  if (next >= doc.tokens.length) return false
  const key = doc.tokens.slice(a, b + 1).join(' ').toLowerCase()
  if (!US_STATES.has(key) && !(a === b && STATE_ABBREVIATIONS.has(key))) return false
  return isTitleAt(doc, next, Math.min(doc.tokens.length - 1, next + 3)) > 0
}

/**
 * Token h opens an organisation's name: a Title Case portfolio word ("Defense", "Energy") right before an organisation's
 * head word the tagger read alone ("Department", "Committee"). Read apart, "former Defense" was a person cued by
 * "former", and "Defense Department chief of staff" a Person "Defense".
 */
export function portfolioBeforeOrg(doc: Doc, h: number): boolean {
  const w = doc.tokens[h - 1]
  return isTitleCase(w) && PORTFOLIOS.has(w.toLowerCase()) && ORG_HINTS.has(doc.tokens[h].toLowerCase()) && doc.sentenceOf[h - 1] === doc.sentenceOf[h]
}
