// Type repairs over one article's mentions, once all are found (called at the end of the mention
// stage, src/extract/mentions.ts findMentions). Each rule reads evidence the single span lacks:
// what the article does with the same words elsewhere, or the shape of the line the span stands in.
// - a compass word before a state's or country's other word is one name with it ("Former South" +
//   "Carolina Gov ." is South Carolina, "West" + "Virginia University" West Virginia University), and a compass initial with a country's other words is that
//   country ("N. Korea", "S. Korea");
// - "the South" or "the North" in an article naming one country of that compass word ("South Korea")
//   is that country;
// - a two-word "person" in the headline whose first word is the surname of a person of the article and
//   whose second is a place, country or organisation the article names on its own is the two joined ("Yeltsin
//   endorses Lebed Chechnya peace plan"): a person and the other name;
// - a lone word the tagger reads as MISC right before a lowercase noun, and a people's word (the article
//   writes its plural, or it ends like one) in no person's name, is used as an adjective ("former Chechen leader", "the
//   Chechen war cry" in an article on "Chechens"): no name;
// - the all-caps name opening a dateline line ("KELBROOK , Norway 1996-08-30", "VELLAN 1996-08-30")
//   is a place, never a person or an organisation.
import type { Doc } from '../nlp.ts'
import type { RawMention } from '../mentions.ts'
import type { TaggedSpan } from '../ner/tagger.ts'
import { COUNTRY_NAMES, countryName } from '../lexicon/countries.ts'
import { US_STATES } from '../lexicon/names.ts'
import { sportOf } from './teams.ts'
import { spanText } from './hygiene.ts'
import { PLACE_NOUNS, ORG_HINTS, TITLES } from '../lexicon/words.ts'

const COMPASS = new Map([['North', 'North'], ['South', 'South'], ['East', 'East'], ['West', 'West'], ['N.', 'North'], ['S.', 'South'], ['E.', 'East'], ['W.', 'West']])
const NATIONALITY_ENDING = /\p{Ll}(ian|ese|ish)$/u
const DATE = /^\d{4}-\d\d-\d\d$/
const ALL_CAPS = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u

/** Applies the rules to the article's mentions (sorted by first token); returns them, sorted. */
export function retypeMentions(doc: Doc, mentions: RawMention[], spans: TaggedSpan[] | null): RawMention[] {
  if (!mentions.length) return mentions
  let out = compassNames(doc, mentions)
  out = joinedNames(doc, out)
  if (spans) out = adjectives(doc, out, spans)
  datelinePlaces(doc, out)
  clubNames(doc, out)
  coordinatedPlaces(doc, out)
  return out
}

/** Plural place nouns after two names joined by "and" or "or" ("Arapahoe and Jefferson counties"). */
const PLACE_PLURALS = new Set(['counties', 'states', 'provinces', 'regions', 'districts', 'cities', 'towns', 'villages', 'islands', 'rivers', 'lakes', 'parishes', 'boroughs', 'townships'])

/**
 * "Arapahoe and Jefferson counties", "the Kelmora and Dorvale rivers": two one-word names joined by "and" or "or"
 * before a plural place noun are places, and so is the article's every "person" of either word alone
 * ("the chairs from Jefferson and Arapahoe"), unless a title stands before it.
 */
function coordinatedPlaces(doc: Doc, mentions: RawMention[]): void {
  let places: Set<string> | null = null
  for (let i = 0; i + 1 < mentions.length; i++) {
    const m = mentions[i]
    const n = mentions[i + 1]
    if (m.first !== m.last || n.first !== n.last || n.first !== m.last + 2 || m.kind !== 'name' || n.kind !== 'name') continue
    const joint = doc.tokens[m.last + 1]
    if ((joint !== 'and' && joint !== 'or') || !PLACE_PLURALS.has(doc.tokens[n.last + 1] ?? '')) continue
    ;(places ??= new Set()).add(doc.tokens[m.first]).add(doc.tokens[n.first])
  }
  if (places) for (const m of mentions) if (m.type === 'Person' && m.kind === 'name' && !m.personCue && m.first === m.last && places.has(doc.tokens[m.first])) Object.assign(m, { type: 'Place', weak: false })
}

/** Verbs a plural or collective subject takes: a person's name alone never stands before them ("Rotor are well placed"). */
const PLURAL_VERBS = new Set(['are'])

/**
 * Names of clubs the tagger reads as people's:
 * - a one-word "person" (no title before it) that opens its sentence, or a clause after a comma, right before "are"
 *   ("Despite the defeat, Rotor are well placed": British usage for a club or company) is a group, an organisation; so are
 *   the article's other "persons" whose name opens or ends with it ("Rotor Volgograd") and their words on their own;
 * - in a sports report, a one-word "person" the article also writes as the last word of an organisation's
 *   name ("MARLINS BEAT REDS" where "the Florida Marlins" is named) is that club's nickname, unless it is a word
 *   of a person's full name in the article.
 */
function clubNames(doc: Doc, mentions: RawMention[]): void {
  const groups = new Set<string>()
  for (const m of mentions) {
    if (m.type !== 'Person' || m.kind !== 'name' || m.personCue || m.weak || m.first !== m.last) continue
    const w = doc.tokens[m.first]
    const next = doc.tokens[m.last + 1]
    if (next === undefined || !PLURAL_VERBS.has(next) || /s$/i.test(w) || doc.sentenceOf[m.last + 1] !== doc.sentenceOf[m.last]) continue
    // the name is the subject: it opens its sentence, or a clause after a comma ("Despite the defeat , Rotor are"), not
    // "rebuttals from Clinton are", "with Mateen are", "Smith , Jones are" (two people)
    const floor = doc.sentences[doc.sentenceOf[m.first]].firstToken
    if (m.first > floor && !(doc.tokens[m.first - 1] === ',' && m.first - 2 >= floor && /^\p{Ll}/u.test(doc.tokens[m.first - 2]))) continue
    groups.add(w.toLowerCase())
  }
  let sport: boolean | null = null
  let orgLast: Set<string> | null = null
  let personal: Set<string> | null = null
  const clubWords = new Set<string>()
  for (const m of mentions) {
    if (m.type !== 'Person' || m.kind !== 'name' || m.personCue || m.weak) continue
    const first = doc.tokens[m.first].toLowerCase()
    const last = doc.tokens[m.last].toLowerCase()
    if (groups.has(first) || groups.has(last)) {
      Object.assign(m, { type: 'Organisation', weak: false })
      for (let k = m.first; k <= m.last; k++) clubWords.add(doc.tokens[k].toLowerCase())
      continue
    }
    if (m.first !== m.last) continue
    if (sport === null) sport = sportOf(doc) !== null
    if (!sport) continue
    orgLast ??= new Set(mentions.filter((o) => o.type === 'Organisation' && o.kind === 'name' && o.last > o.first).map((o) => doc.tokens[o.last].toLowerCase()))
    personal ??= new Set(mentions.filter((p) => p.type === 'Person' && !p.weak && p.last > p.first).flatMap((p) => doc.tokens.slice(p.first, p.last + 1).map((t) => t.toLowerCase())))
    if (orgLast.has(first) && !personal.has(first)) Object.assign(m, { type: 'Organisation', weak: false })
  }
  // the words of a club's name on their own ("VOLGOGRAD" of "Rotor Volgograd")
  // (weak ones too: "the Volgograd side", a lone word the tagger read as MISC, was kept as a word of the "person")
  if (clubWords.size) for (const m of mentions) if (m.type === 'Person' && m.kind === 'name' && !m.personCue && m.first === m.last && clubWords.has(doc.tokens[m.first].toLowerCase())) Object.assign(m, { type: 'Organisation', weak: false })
}

/**
 * "South" + "Carolina Gov": a lone compass word right before a mention whose first word completes a
 * US state's or a country's name is one name with it; "N. Korea": a compass initial and a country's
 * other words are that country; "the South" in an article naming one "South ..." country is that country.
 */
function compassNames(doc: Doc, mentions: RawMention[]): RawMention[] {
  const out: RawMention[] = []
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]
    const compass = COMPASS.get(doc.tokens[m.first])
    if (!compass || m.kind !== 'name') { out.push(m); continue }
    if (m.last > m.first) {
      // "N. Korea" (the tagger may call it a person): North Korea
      const code = doc.tokens[m.first].endsWith('.') ? COUNTRY_NAMES.get(`${compass} ${spanText(doc, m.first + 1, m.last)}`) : undefined
      out.push(code ? { first: m.first, last: m.last, type: 'Country', kind: 'name', country: code } : m)
      continue
    }
    const next = mentions[i + 1]
    if (next && next.first === m.first + 1 && next.kind === 'name') {
      const word = doc.tokens[next.first]
      const joined = `${compass} ${word}`
      const code = COUNTRY_NAMES.get(joined)
      if (code || US_STATES.has(joined.toLowerCase())) {
        const whole: RawMention = code ? { first: m.first, last: next.first, type: 'Country', kind: 'name', country: code } : { first: m.first, last: next.first, type: 'Place', kind: 'name' }
        const rest = next.first + 1
        // a title after the state ("Gov .") is no name; an organisation or place goes on ("West" + "Virginia University")
        if (rest > next.last || TITLES.has(doc.tokens[rest].toLowerCase())) out.push(whole)
        else if (next.type === 'Organisation' || next.type === 'Place') out.push({ first: m.first, last: next.last, type: next.type, kind: 'name' })
        else out.push(whole, { ...next, first: rest })
        i++
        continue
      }
    }
    out.push(m)
  }
  // "the South" after "South Korea": that country, when the article names only one country of that compass word
  const byCompass = new Map<string, Set<string>>()
  for (const m of out) {
    if (m.type !== 'Country' || m.kind !== 'name' || !m.country) continue
    const first = countryName(m.country).split(' ')[0]
    if (COMPASS.has(first) && !first.endsWith('.')) byCompass.set(first, (byCompass.get(first) ?? new Set()).add(m.country))
  }
  if (!byCompass.size) return out
  for (const m of out) {
    if (m.first !== m.last || m.type === 'Country' || m.first === 0 || doc.tokens[m.first - 1].toLowerCase() !== 'the') continue
    const codes = byCompass.get(doc.tokens[m.first])
    if (codes?.size === 1) Object.assign(m, { type: 'Country', kind: 'name', country: [...codes][0], weak: false, personCue: false })
  }
  return out
}

/**
 * "Lebed Chechnya" (a headline, the article's first sentence, runs names together): a two-word person whose first word ends a person's
 * name elsewhere in the article ("Alexander Lebed", "Lebed") and whose second the article names on its
 * own as a place, country or organisation ("Chechnya") is that person and that name.
 */
function joinedNames(doc: Doc, mentions: RawMention[]): RawMention[] {
  // surnames: last words of the article's full names; personal: every word of its people's names
  const surnames = new Map<string, number>()
  const personal = new Map<string, number>()
  const others = new Map<string, RawMention>()
  for (const m of mentions) {
    if (m.kind !== 'name') continue
    if (m.type === 'Person' && !m.weak) {
      if (m.last > m.first) surnames.set(doc.tokens[m.last], (surnames.get(doc.tokens[m.last]) ?? 0) + 1)
      for (let k = m.first; k <= m.last; k++) personal.set(doc.tokens[k], (personal.get(doc.tokens[k]) ?? 0) + 1)
    } else if (m.first === m.last && m.type !== 'Person') others.set(doc.tokens[m.first], m)
  }
  if (!surnames.size || !others.size) return mentions
  const out: RawMention[] = []
  for (const m of mentions) {
    const first = doc.tokens[m.first]
    const second = doc.tokens[m.last]
    // (in the headline, which drops the possessives and commas between names: "Lebed['s] Chechnya peace plan")
    const other = m.type === 'Person' && m.kind === 'name' && !m.personCue && !m.weak && m.last === m.first + 1 && doc.sentenceOf[m.first] === 0 ? others.get(second) : undefined
    // the first word ends another full name of the article ("Alexander Lebed"); the second is in no other person's name
    // ("Donald Trump" stays whole where "Trump" also names the Trump Organization: "Trump" names a person too)
    if (!other || (surnames.get(first) ?? 0) < 1 || personal.get(second) !== 1) { out.push(m); continue }
    out.push({ first: m.first, last: m.first, type: 'Person', kind: 'name' }, { ...other, first: m.last, last: m.last })
  }
  return out
}

/**
 * "former Chechen leader", "the Chechen war cry": a lone word the tagger reads as MISC (its label for
 * nationalities, peoples and languages) right before a lowercase noun is an adjective, no name (a
 * place noun or an organisation's word after it makes it a name: "Kursk region", "Kelbrook club").
 */
function adjectives(doc: Doc, mentions: RawMention[], spans: TaggedSpan[]): RawMention[] {
  const misc = new Uint8Array(doc.tokens.length)
  for (const c of spans) if (c.label === 'MISC' && c.first === c.last) misc[c.first] = 1
  let words: Set<string> | null = null
  let names: Set<string> | null = null
  return mentions.filter((m) => {
    if (m.first !== m.last || !misc[m.first] || m.kind !== 'name' || m.type !== 'Person') return true
    const k = m.last + 1
    if (k >= doc.tokens.length || doc.pos[k] !== 'NOUN' || !/^\p{Ll}/u.test(doc.tokens[k]) || PLACE_NOUNS.has(doc.tokens[k]) || ORG_HINTS.has(doc.tokens[k])) return true
    // a people's word: the article names them in the plural ("Chechens"), or it ends like one ("-ian", "-ese", "-ish");
    // a club's or a company's name before a noun ("the Kelbrook side", "Acme shares") is a name all the same
    // and not a family's name: "the Kochs", "Koch brothers" where "Charles Koch" is named
    const w = doc.tokens[m.first]
    if (!names) {
      names = new Set()
      for (const p of mentions) if (p.type === 'Person' && !p.weak && p.last > p.first) for (let q = p.first; q <= p.last; q++) names.add(doc.tokens[q])
    }
    if (names.has(w)) return true
    if (NATIONALITY_ENDING.test(w)) return false
    words ??= new Set(doc.tokens)
    return !words.has(w + 's')
  })
}

/** "URUS-MARTAN , Russia 1996-08-31", "ROCHESTER , N.H. 1996-08-30": the all-caps name opening a dateline is a place, no person or organisation. */
function datelinePlaces(doc: Doc, mentions: RawMention[]): void {
  for (const m of mentions) {
    if ((m.type !== 'Person' && m.type !== 'Organisation') || m.kind !== 'name' || (m.first > 0 && !doc.tokens[m.first - 1].includes('\n'))) continue
    if (!ALL_CAPS.test(spanText(doc, m.first, m.last))) continue
    let k = m.last + 1
    if (doc.tokens[k] === ',') {
      k++
      while (k < doc.tokens.length && k <= m.last + 5 && /^\p{Lu}/u.test(doc.tokens[k])) k++
    }
    if (k < doc.tokens.length && DATE.test(doc.tokens[k])) Object.assign(m, { type: 'Place', weak: false, personCue: false })
  }
}
