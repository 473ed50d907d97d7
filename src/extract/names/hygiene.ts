// Name hygiene within one article: what is never part of a name, names that are not people's, the
// capital a sentence or quote start gives a word, pieces of longer names, and the form an entity is
// named by. Used by the mention stage (trimChunk, lexiconType, initialsOnlySpan, commonWordOnlyFirst,
// isSentenceInitial, titleOpensName, inCapitalsPhrase, piecesOfLongerNames) and the entity stage (isInitialWord, coreKey,
// displayName, chooseName).
import { wink, type Doc } from '../nlp.ts'
import type { EntityType } from '../types.ts'
import type { RawMention } from '../mentions.ts'
import type { TaggedSpan } from '../ner/tagger.ts'
import { STATE_ABBREVIATIONS, US_STATES, MEDIA_ORGS, DESCRIPTORS, HEADLINE_VERBS, LEADING_FUNCTION_WORDS, NUMBER_WORDS, OFFICES, PORTFOLIOS, PRONOUNS, SURNAME_VERBS, GROUP_WORDS, isContraction, isPartyStateTag } from '../lexicon/names.ts'
import { HOLIDAYS, KNOWN_ORGS, NOT_NAMES, ORG_HINTS, PRODUCT_NOUNS, TITLES, isCalendar } from '../lexicon/words.ts'
import { fullTitleWord, isTitleCase, titleBeforeProperName } from './titles.ts'
import { wordInfo, GAZ_TITLE, GAZ_HONORIFIC, GAZ_RANK, GAZ_COUNTRY, GAZ_DEMONYM, GAZ_CALENDAR } from '../ner/features.ts'

/** Party words that say what a person is, not who ("Democrat Hillary Clinton", "Jeb Bush Republican"). */
const PARTY_WORDS = new Set(['democrat', 'democrats', 'democratic', 'republican', 'republicans', 'gop', 'dem', 'libertarian'])

const ALL_CAPS = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u

/** Two or more capitals and no lowercase letter. */
export function isAllCapsText(s: string): boolean {
  return ALL_CAPS.test(s)
}

/** A single letter, with or without its dot ("S.", "J"): an initial, no name on its own. */
export function isInitialWord(w: string): boolean {
  // most words are longer than an initial and hold no dot: no regex for them
  if (w.length > 2 && !w.includes('.')) return false
  return /^\p{L}\.?$/u.test(w) || /^(\p{L}\.){2,}$/u.test(w)
}

/** Every word is an initial or a dotted abbreviation ("C.L.", "O.K.", "J. R."): no person's name without a surname. */
export function isInitialsOnly(words: string[]): boolean {
  return words.length > 0 && words.every((w) => /^(\p{L}\.)+\p{L}?\.?$/u.test(w) || /^\p{L}\.?$/u.test(w))
}

/** isInitialsOnly over the tokens first..last without the lone full stops, with no array built (a hot path). */
export function initialsOnlySpan(doc: Doc, first: number, last: number): boolean {
  let words = 0
  for (let k = first; k <= last; k++) {
    const t = doc.tokens[k]
    if (t === '.') continue
    // a word with no full stop is an initial only as one letter: most names fail here, no regex
    if (t.length > 2 && !t.includes('.')) return false
    words++
  }
  if (words === 0) return false
  for (let k = first; k <= last; k++) if (doc.tokens[k] !== '.' && !isInitialsOnly([doc.tokens[k]])) return false
  return true
}

/**
 * The part of a candidate name chunk [a, b] that can be a name, or null: a Title Case headline's
 * verb and what follows it are cut off ("Hillary Clinton Says Trump" -> "Hillary Clinton"), party
 * words before or after a person's name are dropped ("Democrat Hillary Clinton"), so is a capitalised
 * preposition, conjunction or adverb before a name ("Unlike Hillary Clinton", "By Carly Fiorina"), and a chunk left
 * as a lone party word, a contraction ("I'm"), a lone initial ("S."), a possessive mark, a number word
 * ("“One river, ...”"), a group of people ("Muslims", "Iowans"), a party tag ("R-Ariz.") or a portfolio
 * before its office ("Energy Minister") is no name, nor is a chunk with no capital letter ("given" of "God-given").
 * An organisation's name keeps its words ("Republican Party", "Democratic National Committee").
 */
export function trimChunk(doc: Doc, a: number, b: number): [number, number] | null {
  const t = doc.tokens
  // a chunk with no capital letter anywhere is no name ("given" of "God-given")
  let capital = false
  for (let k = a; k <= b && !capital; k++) capital = isCapitalised(t[k]) || /\p{Lu}/u.test(t[k])
  if (!capital) return null
  // a verb ends a name: a headline's capitalised one, or any lowercase verb a tagger's span ran over
  for (let k = a + 1; k <= b; k++) {
    const w = t[k]
    const lower = w.toLowerCase()
    // lower === w: no capital in it; the regexes only run on the few words they can decide
    if (lower === w ? HEADLINE_VERBS.has(lower) || ((doc.pos[k] === 'VERB' || doc.pos[k] === 'AUX') && /^\p{Ll}/u.test(w)) : HEADLINE_VERBS.has(lower) && /^\p{Lu}/u.test(w)) { b = k - 1; break }
    if (lower !== w && SURNAME_VERBS.has(lower) && k - a >= 2 && b - k >= 2 && /^\p{Lu}/u.test(w) && /^\p{Lu}/u.test(t[k + 1]) && /^\p{Lu}/u.test(t[k + 2])) { b = k - 1; break }
  }
  // "I’m Nancy": a contraction opens no name
  while (a < b && isContraction(t[a])) a++
  // "Unlike Hillary Clinton, I ...", "By Carly Fiorina": a Title Case function word opens no name (in
  // capitals it may be an acronym or a state's code: "IN", "OR")
  while (a < b && isTitleCase(t[a]) && LEADING_FUNCTION_WORDS.has(t[a].toLowerCase())) {
    // and when a lowercase word follows it, the chunk is a phrase ("Than a Fifth Grader"), no name
    if (!/^\p{Lu}/u.test(t[a + 1])) return null
    a++
  }
  // a conjunction opens or ends no name ("& Finch", "American Congress of Obstetricians and Gynecologists and")
  while (a < b && isConjunction(doc, a)) a++
  while (b > a && isConjunction(doc, b)) b--
  // an abbreviated title after a name is no part of it ("Arkansas Gov.")
  while (b > a && t[b].endsWith('.') && TITLES.has(t[b].toLowerCase())) b--
  if (!ORG_HINTS.has(t[b].toLowerCase()) && !KNOWN_ORGS.has(spanText(doc, a, b))) {
    // "Democrat Hillary Clinton", "Nevada Democrat Lucy Flores": the name follows the last party word
    for (let k = b - 1; k >= a; k--) if (PARTY_WORDS.has(t[k].toLowerCase())) { a = k + 1; break }
    while (b > a && PARTY_WORDS.has(t[b].toLowerCase())) b--
  }
  if (a === b) {
    const w = t[a]
    if (isContraction(w) || /^\p{L}\.?$/u.test(w) || /^['’]s?$/.test(w) || PRONOUNS.has(w.toLowerCase())) return null
    if (PARTY_WORDS.has(w.toLowerCase()) && !KNOWN_ORGS.has(w)) return null
    if (NUMBER_WORDS.has(w.toLowerCase())) return null
    // "a ban on Muslims", "Hispanic voters": a group of people, no entity
    if (GROUP_WORDS.has(w.toLowerCase())) return null
    if (PORTFOLIOS.has(w.toLowerCase()) && a + 1 < t.length && OFFICES.has(t[a + 1].toLowerCase())) return null
  }
  // "Sen. John McCain, R-Ariz.": a party tag (one token or three: R - Ariz)
  if (b - a <= 4 && 'RDI'.includes(t[a][0]) && (t[a].length === 1 || t[a][1] === '-') && isPartyStateTag(t.slice(a, b + 1).join(''))) return null
  return [a, b]
}

/** The plural of a title ("Secretaries", "Governors"). */
function isTitlePlural(w: string): boolean {
  if (!/^\p{Lu}\p{Ll}+s$/u.test(w)) return false
  const lower = w.toLowerCase()
  return TITLES.has(lower.slice(0, -1)) || (lower.endsWith('ies') && TITLES.has(lower.slice(0, -3) + 'y'))
}

/** "and" or "&" between two names (wink tags both CCONJ). */
export function isCoordinator(doc: Doc, k: number): boolean {
  const t = doc.tokens[k]
  return (t === 'and' || t === '&') && doc.pos[k] === 'CCONJ'
}

function isConjunction(doc: Doc, k: number): boolean {
  return isCoordinator(doc, k) || (doc.tokens[k] === 'or' && doc.pos[k] === 'CCONJ')
}

/** The tokens a..b joined by single spaces: a span's text as the lexicons key it. */
export function spanText(doc: Doc, a: number, b: number): string {
  let s = doc.tokens[a]
  for (let k = a + 1; k <= b; k++) s += ' ' + doc.tokens[k]
  return s
}

/** The type a name has whatever the tagger said: a US state is a place, a news medium, pollster or known organisation an organisation. */
export function lexiconType(key: string): EntityType | null {
  if (US_STATES.has(key.toLowerCase())) return 'Place'
  if (MEDIA_ORGS.has(key) || KNOWN_ORGS.has(key)) return 'Organisation'
  return null
}

/**
 * The US state a place's name abbreviates ("Fla." -> "Florida"), also without its full stop as wires and
 * datelines write it ("IRVINE , Calif", "Tenn"), when three letters or more are left ("La", "Pa", "Mo" are other
 * words and names without their stop).
 */
export function stateOfAbbreviation(text: string): string | undefined {
  const lower = text.toLowerCase()
  return STATE_ABBREVIATIONS.get(lower) ?? (lower.length >= 3 && /^\p{Ll}+$/u.test(lower) ? STATE_ABBREVIATIONS.get(lower + '.') : undefined)
}

/**
 * The key that matches the forms of one person's name: the first and last word, without middle
 * names or initials ("donald j. trump" and "hillary rodham clinton" -> "donald trump", "hillary
 * clinton"); null for one word or a name that opens with an initial.
 */
export function coreKey(words: string[]): string | null {
  if (words.length < 2 || isInitialWord(words[0])) return null
  return `${words[0]} ${words[words.length - 1]}`
}

/** The middle words of a name (between first and last), for telling "George W. Bush" from "George H. W. Bush". */
export function middle(words: string[]): string {
  return words.slice(1, -1).join(' ')
}

/**
 * The usual case of an ALL-CAPS name: a person's and a multi-word name's words get a capital and
 * lowercase ("NEW YORK" -> "New York", "O'BRIEN" -> "O'Brien", "JEAN-PIERRE" -> "Jean-Pierre"); a
 * one-word organisation or place is an acronym and stays ("CNN", "NATO"), as do dotted acronyms
 * and known acronyms inside a longer name.
 */
export function displayName(name: string, type: EntityType): string {
  if (!isAllCapsText(name)) return name
  const words = name.split(' ')
  if (type !== 'Person' && words.length < 2) return name
  return words.map((w) => (w.includes('.') || (type !== 'Person' && KNOWN_ORGS.has(w)) ? w : titleCase(w))).join(' ')
}

function titleCase(w: string): string {
  return w.toLowerCase().replace(/(^|[-'’])(\p{Ll})/gu, (_, p: string, c: string) => p + c.toUpperCase())
}

/**
 * An entity's name from the texts of its name mentions: the most frequent full form (two words or
 * more, not opening with an initial; else any form), ties to the more complete (more words), then
 * the earlier; in its usual case when written in capitals.
 */
export function chooseName(texts: string[], type: EntityType): string {
  const count = new Map<string, { n: number; first: number; text: string }>()
  texts.forEach((text, i) => {
    // one form per spelling whatever its case: "NEW YORK" counts for "New York"
    const k = text.toLowerCase()
    const c = count.get(k)
    if (c) {
      c.n++
      if (isAllCapsText(c.text) && !isAllCapsText(text)) c.text = text
    } else count.set(k, { n: 1, first: i, text })
  })
  const full = (s: string): boolean => {
    const w = s.split(/\s+/)
    return w.length >= 2 && !isInitialWord(w[0])
  }
  const all = [...count.values()].map((c) => ({ ...c, words: c.text.split(/\s+/).length }))
  const pool = type === 'Person' && all.some((c) => full(c.text)) ? all.filter((c) => full(c.text)) : all
  // the best by count, then words, then first seen: one pass, no sort (the word counts computed once)
  let best = pool[0]
  for (const c of pool) if (c.n > best.n || (c.n === best.n && (c.words > best.words || (c.words === best.words && c.first < best.first)))) best = c
  return displayName(best.text, type)
}

/** The token opens with a capital letter. */
export function isCapitalised(tok: string): boolean {
  const c = tok.charCodeAt(0)
  if (c >= 65 && c <= 90) return true
  if (c < 128) return false
  const ch = tok[0]
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase()
}

/** Only spaces and opening marks stand between the sentence start and token p. */
export function isSentenceInitial(doc: Doc, p: number, sentFirst: number): boolean {
  let k = p - 1
  while (k >= sentFirst && (doc.pos[k] === 'SPACE' || isOpener(doc, k))) k--
  return k < sentFirst
}

/** Marks that open a quote. */
export const OPEN_QUOTES = new Set(['"', '“', '‘', "'"])
/** Closing quotation marks (a straight one closes too). */
export const CLOSE_QUOTES = new Set(['"', '”', '’', "'"])
/** Marks that open a clause inside a sentence, with or without a space after them. */
const CLAUSE_MARKS = new Set([':', '—', '–'])

function isOpener(doc: Doc, i: number): boolean {
  const t = doc.tokens[i]
  return OPEN_QUOTES.has(t) || CLAUSE_MARKS.has(t) || t === '(' || t === '['
}

/**
 * The word at k opens a sentence or quote, is a common English word (wink's lexicon holds it in lowercase:
 * "Tonight", "Sad", "Good"), and the article writes it capitalised only where a sentence or quote opens it: its capital is the
 * sentence's, not a name's. ("Trump" is in the lexicon too, but an article that names him writes "Trump"
 * inside a sentence somewhere.)
 */
export function commonWordOnlyFirst(doc: Doc, k: number, titleLine: Uint8Array | null = null): boolean {
  return opensClause(doc, k) && commonWordCapitalisedOnlyFirst(doc, doc.tokens[k], titleLine)
}

/** The word is a common English word that the article writes capitalised only where a sentence, quote or headline gives it the capital. */
export function commonWordCapitalisedOnlyFirst(doc: Doc, w: string, titleLine: Uint8Array | null): boolean {
  return wink.knows(w.toLowerCase()) && !capitalisedInside(doc, titleLine).has(w)
}

/**
 * Per document: the capitalised words it writes somewhere other than at a sentence or quote start, or
 * in a Title Case headline, which capitalises every word (one pass, on first use; `titleLine` marks
 * the headline tokens, the same for every call on one doc).
 */
const insideWords = new WeakMap<Doc, Set<string>>()
function capitalisedInside(doc: Doc, titleLine: Uint8Array | null): Set<string> {
  let set = insideWords.get(doc)
  if (!set) {
    set = new Set<string>()
    for (let j = 0; j < doc.tokens.length; j++) if (isCapitalised(doc.tokens[j]) && !set.has(doc.tokens[j]) && !titleLine?.[j] && !opensClause(doc, j)) set.add(doc.tokens[j])
    insideWords.set(doc, set)
  }
  return set
}

/**
 * The person name at tokens [a, b] (one or two common English words: wink's lexicon holds them in
 * lowercase) is a piece the tagger cut out of a longer Title Case name, slogan or designation: a
 * Title Case word that is a common word or a country stands right after it ("No Child Left Behind", "Ho Chi Minh City"), or a number
 * ("Rule 40", "Exodus 18:21"), or one stands right before it mid-sentence that is no title, party word,
 * demonym or calendar word ("Child" + "Left Behind"), or one stands across "and" from it ("Ways and Means"), or "for" or "of" and a name follow it ("Democracy for America"),
 * or it follows a possessive ("Martha’s Vineyard"), or it stands alone in quotation marks ("the ''Leave''
 * campaign"). Not in a Title Case headline, where every word
 * has a capital, nor for a name in capitals. Such a piece is a person only where it names one the
 * article names elsewhere (the mention stage makes it weak).
 */
function cutFromLongerName(doc: Doc, a: number, b: number, titleLine: Uint8Array | null): boolean {
  if (b - a > 1 || titleLine?.[a]) return false
  for (let k = a; k <= b; k++) if (!isTitleCase(doc.tokens[k]) || !wink.knows(doc.tokens[k].toLowerCase())) return false
  const s = doc.sentenceOf[a]
  const n = doc.tokens.length
  const next = b + 1 < n && doc.sentenceOf[b + 1] === s ? doc.tokens[b + 1] : ''
  if (/^\d{1,3}(:\d{1,3})?$/.test(next) || (isTitleCaseWord(next) && !titleLine?.[b + 1] && wordOrCountry(next))) return true
  // "Democracy for America", "Gang of Eight": a common word before "for" or "of" and a name opens an organisation's or a thing's name
  if ((next === 'for' || next === 'of') && b + 2 < n && doc.sentenceOf[b + 2] === s && !titleLine?.[b + 2] && isCapitalised(doc.tokens[b + 2])) return true
  // a common word in quotation marks on its own is a word cited, no one named ("the “Leave” campaign")
  if (a > 0 && QUOTE_MARKS.has(doc.tokens[a - 1]) && QUOTE_MARKS.has(next)) return true
  // one side of "and" whose other side is a Title Case common word too: a piece of a name with "and" in it
  // ("Ways and Means Committee", "Politics and Pies", "Office of Strategy and Outreach")
  const floor = doc.sentences[s].firstToken
  if (isCoordinator(doc, b + 1) && b + 2 < n && doc.sentenceOf[b + 2] === s && !titleLine?.[b + 2] && isTitleCaseWord(doc.tokens[b + 2]) && wordOrCountry(doc.tokens[b + 2])) return true
  if (a - 2 >= floor && isCoordinator(doc, a - 1) && !titleLine?.[a - 2] && isTitleCaseWord(doc.tokens[a - 2]) && wordOrCountry(doc.tokens[a - 2]) && !isSentenceInitial(doc, a - 2, floor)) return true
  // a common word after a possessive names a thing of someone's, or a place ("Martha’s Vineyard", "Russia's Trojan horse")
  if (a - 2 >= floor && /^['’]s?$/u.test(doc.tokens[a - 1]) && doc.start[a - 1] === doc.end[a - 2] && isCapitalised(doc.tokens[a - 2])) return true
  // the words of a title cut by its bracketed acronym ("Boycott, Divestment and Sanction (BDS)")
  if (next === '(' && acronymOfRun(doc, b, floor)) return true
  const prev = a - 1 >= floor ? doc.tokens[a - 1] : ''
  // a day's name ("Christmas Eve"), a unit ("90 degrees Fahrenheit"), a product's or a work's name after its kind ("the drug Viagra")
  if (HOLIDAYS.has(prev.toLowerCase()) || (a - 2 >= floor && HOLIDAYS.has(doc.tokens[a - 2].toLowerCase()) && /^['’]s$/u.test(prev))) return true
  if (prev === 'degrees' || prev === 'degree' || PRODUCT_NOUNS.has(prev)) return true
  // ("The Washington Informer": a determiner or preposition before a name opens no longer one)
  if (!isTitleCaseWord(prev) || titleLine?.[a - 1] || isSentenceInitial(doc, a - 1, floor) || !wordOrCountry(prev) || FUNCTION_POS.has(doc.pos[a - 1])) return false
  // a title, party word or demonym before a name says who the person is ("President Vance", "Democrat Vance")
  return (wordInfo(prev).gaz & NAME_CONTEXT_BITS) === 0 && !PARTY_WORDS.has(prev.toLowerCase()) && !DESCRIPTORS.has(prev.toLowerCase())
}

/** A word of letters (and apostrophes) in capitals, with no lowercase letter ("MAKE", "A", "CHINA’S", "’S"). */
function capitalsWord(w: string): boolean {
  return /^[\p{Lu}'’]+$/u.test(w) && /\p{Lu}/u.test(w)
}

/**
 * The name at tokens [a, b] lies in a run of three or more words in capitals, within its sentence, that is a phrase,
 * not a name: every word of the run is a common English word (wink's lexicon holds it in lowercase) or a country or
 * demonym, and so is every word of the name ("MAKE MEXICO GREAT AGAIN ALSO", "HOW CHINA’S DECLINE AFFECTS THE REST
 * OF THE WORLD", "SIGN UP FOR OUR NEWSLETTER"). A headline in capitals that names someone holds a word outside the
 * lexicon ("RANDALL CUNNINGHAM RETIRES"), so its names stand.
 */
export function inCapitalsPhrase(doc: Doc, a: number, b: number): boolean {
  const s = doc.sentenceOf[a]
  const n = doc.tokens.length
  let first = a
  let last = b
  while (first > 0 && doc.sentenceOf[first - 1] === s && capitalsWord(doc.tokens[first - 1])) first--
  while (last + 1 < n && doc.sentenceOf[last + 1] === s && capitalsWord(doc.tokens[last + 1])) last++
  let words = 0
  for (let k = first; k <= last; k++) {
    const w = doc.tokens[k]
    if (/^['’]/u.test(w)) continue
    if (!capitalsWord(w)) return false
    const common = wink.knows(w.toLowerCase())
    if (!common && (k >= a && k <= b || (wordInfo(w).gaz & (GAZ_COUNTRY | GAZ_DEMONYM)) === 0)) return false
    words++
  }
  return words >= 3
}

/**
 * Tokens [t, w]: a title word and one common English word after it that the tagger read as one name
 * of no person ("Head Start" ORG, "Miss Universe" MISC), and that the article writes capitalised
 * only after that title: a name that opens with a title word, not a title before a surname
 * ("President Vance", where "Vance" stands alone elsewhere or is no common word).
 */
export function titleOpensName(doc: Doc, t: number, w: number): boolean {
  const word = doc.tokens[w]
  // a first name after a title is no such name ("Sen. Ted" + "Cruz")
  if (w !== t + 1 || (w + 1 < doc.tokens.length && isCapitalised(doc.tokens[w + 1])) || (wordInfo(doc.tokens[t]).gaz & TITLE_BITS) === 0 || !isTitleCaseWord(word) || !wink.knows(word.toLowerCase())) return false
  return onlyAfter(doc, doc.tokens[t], word)
}

/** Per document: whether `word` stands only right after `title` (one scan per pair, not one per mention: a long transcript repeats "Mr. Green"). */
const onlyAfterMemo = new WeakMap<Doc, Map<string, boolean>>()
function onlyAfter(doc: Doc, title: string, word: string): boolean {
  let memo = onlyAfterMemo.get(doc)
  if (!memo) onlyAfterMemo.set(doc, (memo = new Map()))
  const key = `${title}\u0001${word}`
  let only = memo.get(key)
  if (only === undefined) {
    only = true
    for (let k = 0; k < doc.tokens.length && only; k++) if (doc.tokens[k] === word && (k === 0 || doc.tokens[k - 1] !== title)) only = false
    memo.set(key, only)
  }
  return only
}

/**
 * Person mentions that are pieces of a longer name, or a title's plural (made weak: "Secretaries"): one the tagger cut out of a Title Case name
 * (cutFromLongerName) is made weak, a person only where it names one the article names elsewhere;
 * a common word after a title that opens a name of no person (titleOpensName) joins it, where the
 * tagger read the title as such a name's ("Head" ORG + "Start") or the article names it so elsewhere
 * ("Head Start" ... "Head" + "Start"), and is made weak where the title is a word written in full that the
 * article puts before no proper name ("General Electric", "Executive Order"; names/titles.ts); a word of a phrase
 * in capitals (inCapitalsPhrase) is made weak. `spans`: the tagger's spans, when it ran.
 */
export function piecesOfLongerNames(doc: Doc, mentions: RawMention[], titleLine: Uint8Array | null, spans: TaggedSpan[] | null): void {
  let named: Map<string, EntityType> | null = null
  let taggedAs: Map<number, EntityType> | null = null
  let pieces: Set<string> | null = null
  for (const m of mentions) {
    if (m.type !== 'Person' || m.weak || m.kind !== 'name') continue
    // a title's plural ("the Deputy Secretaries") is a group of people, or a team ("the Chiefs") where the article names one
    if (m.first === m.last && isTitlePlural(doc.tokens[m.first])) { m.weak = true; continue }
    // a word of a slogan or sentence in capitals ("MAKE MEXICO GREAT AGAIN ALSO hats") names no one the article does not name elsewhere
    if (isAllCapsText(doc.tokens[m.first]) && inCapitalsPhrase(doc, m.first, m.last)) { Object.assign(m, { weak: true, personCue: false }); continue }
    // an acronym in brackets after the words it abbreviates ("Telegram Processing System (TPS)") names no person
    if (m.first === m.last && m.first >= 2 && doc.tokens[m.first - 1] === '(' && acronymOfRun(doc, m.first - 2, doc.sentences[doc.sentenceOf[m.first]].firstToken)) { Object.assign(m, { weak: true, personCue: false }); continue }
    if (!m.personCue) {
      if (m.first === m.last && nothingPossessed(doc, m.last)) { m.weak = true; continue }
      if (cutFromLongerName(doc, m.first, m.last, titleLine)) { m.weak = true; (pieces ??= new Set()).add(spanText(doc, m.first, m.last)) }
      continue
    }
    if (m.first !== m.last || m.first === 0 || !titleOpensName(doc, m.first - 1, m.last)) continue
    named ??= new Map(mentions.filter((x) => x.type === 'Organisation' || x.type === 'Place').map((x) => [spanText(doc, x.first, x.last), x.type]))
    taggedAs ??= new Map((spans ?? []).filter((c) => c.first === c.last && (c.label === 'ORG' || c.label === 'LOC')).map((c) => [c.last, c.label === 'ORG' ? 'Organisation' : 'Place']))
    const type = named.get(spanText(doc, m.first - 1, m.last)) ?? taggedAs.get(m.first - 1)
    if (type) Object.assign(m, { first: m.first - 1, type, personCue: false })
    // otherwise a title word written in full opens a name of no person the tagger did not read ("General Electric",
    // "Executive Order"): the word is a person only where it names one the article names elsewhere
    else if (fullTitleWord(doc, m.first - 1) && !titleBeforeProperName(doc, doc.tokens[m.first - 1])) Object.assign(m, { weak: true, personCue: false })
  }
  // a Title Case headline gives no evidence of its own: there the words of a piece are pieces too ("Congress Set to Dump No Child Left Behind")
  if (!pieces || !titleLine) return
  const within = (a: string, b: string): boolean => ` ${b} `.includes(` ${a} `)
  for (const m of mentions) {
    if (m.type !== 'Person' || m.weak || m.personCue || !titleLine[m.first]) continue
    const text = spanText(doc, m.first, m.last)
    for (const p of pieces) if (within(text, p) || within(p, text)) { m.weak = true; break }
  }
}

/** Tokens after a possessive that leave it with nothing possessed ("at Bally’s and", "Harrah’s,"). */
const POSSESSED_NONE = new Set([',', '.', ';', ':', ')', 'and', 'or', '&', '—', '–'])

/**
 * A one-word name at b written with a possessive that has nothing possessed after it (a comma, a conjunction or the
 * sentence's end follows) is a shop's or a company's name ("Bally’s, Caesars and Harrah’s", "at Bally’s and
 * Caesars"): a person only where the article names one so elsewhere ("a friend of Trump’s ,").
 */
function nothingPossessed(doc: Doc, b: number): boolean {
  const n = doc.tokens.length
  if (b + 1 >= n || !/^['’]s$/u.test(doc.tokens[b + 1]) || doc.start[b + 1] !== doc.end[b]) return false
  return b + 2 >= n || doc.sentenceOf[b + 2] !== doc.sentenceOf[b] || POSSESSED_NONE.has(doc.tokens[b + 2])
}

/**
 * Token b ends a run of capitalised words (with "and", "of", "for", "the" or commas between them) whose initials are
 * the letters of the capitals in brackets right after it ("Boycott, Divestment and Sanction (BDS)", "Telegram
 * Processing System (TPS)"): the run is one name, cited with its acronym.
 */
export function acronymOfRun(doc: Doc, b: number, floor: number): boolean {
  const acronym = doc.tokens[b + 2]
  if (acronym === undefined || doc.tokens[b + 3] !== ')' || !/^\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}$/u.test(acronym)) return false
  const letters = acronym.replace(/\p{Ll}/gu, '')
  let i = letters.length - 1
  for (let k = b; k >= floor && i >= 0; k--) {
    const t = doc.tokens[k]
    if (ACRONYM_GLUE.has(t)) continue
    if (!isCapitalised(t) || t[0] !== letters[i]) return false
    i--
  }
  return i < 0 && letters.length >= 2
}
const ACRONYM_GLUE = new Set(['and', 'of', 'for', 'the', ',', '&'])

/** Quotation marks, opening or closing ("''" is read as two "'"). */
const QUOTE_MARKS = new Set([...OPEN_QUOTES, ...CLOSE_QUOTES])

const FUNCTION_POS = new Set(['DET', 'ADP', 'PRON', 'CCONJ', 'SCONJ', 'PART', 'AUX'])

/** A common English word or a country's name: a neighbour that no surname or first name is ("Ted" + "Cruz" is one person's name). */
function wordOrCountry(w: string): boolean {
  return wink.knows(w.toLowerCase()) || (wordInfo(w).gaz & GAZ_COUNTRY) !== 0
}

const TITLE_BITS = GAZ_TITLE | GAZ_HONORIFIC | GAZ_RANK
const NAME_CONTEXT_BITS = TITLE_BITS | GAZ_COUNTRY | GAZ_DEMONYM | GAZ_CALENDAR

/** A capital and then only lowercase letters ("Left", not "CNN"), no calendar word or word that is never a name ("Monday", "News"). */
function isTitleCaseWord(w: string): boolean {
  return isTitleCase(w) && !isCalendar(w.toLowerCase()) && !NOT_NAMES.has(w.toLowerCase())
}

/**
 * Token k opens its sentence, or a quote or clause within it: right after “ (no space between), a colon or
 * a dash (not a bracket: "[Bob] Corker", "(Mike)").
 */
function opensClause(doc: Doc, k: number): boolean {
  const j = k - 1
  if (j >= 0 && (CLAUSE_MARKS.has(doc.tokens[j]) || (OPEN_QUOTES.has(doc.tokens[j]) && doc.end[j] === doc.start[k]) || spacedHyphen(doc, j))) return true
  return isSentenceInitial(doc, k, doc.sentences[doc.sentenceOf[k]].firstToken)
}

/** Token j is a hyphen with a space on each side: a dash written on a keyboard ("‘OUTLIERS’ - Links to the best of news"). */
function spacedHyphen(doc: Doc, j: number): boolean {
  return doc.tokens[j] === '-' && j > 0 && j + 1 < doc.tokens.length && doc.end[j - 1] < doc.start[j] && doc.end[j] < doc.start[j + 1]
}

/** The word list `whole` ends with `part`, a shorter list ("donald trump" ends with "trump"). */
export function endsWith(whole: string[], part: string[]): boolean {
  if (part.length >= whole.length) return false
  for (let k = 1; k <= part.length; k++) if (whole[whole.length - k] !== part[part.length - k]) return false
  return true
}
