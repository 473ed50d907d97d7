// Coordinated names: the tagger often reads "Ted Cruz and John Kasich" or "House and Senate" as one
// organisation. A name chunk whose parts are joined by "and" or "&" is cut into one mention per part
// when every part is a name on its own by evidence; otherwise it stays whole ("Procter & Gamble",
// "Office of Management and Budget", "Bosnia and Herzegovina": names with "and" in them, whose
// parts the article names nowhere on their own).
import type { Doc } from '../nlp.ts'
import type { EntityType } from '../types.ts'
import type { RawMention } from '../mentions.ts'
import { CAPITALS, COUNTRY_NAMES } from '../lexicon/countries.ts'
import { ORG_HINTS, TITLES } from '../lexicon/words.ts'
import { US_STATES } from '../lexicon/names.ts'
import { tagNames, type NerLabel } from '../ner/tagger.ts'
import { wordInfo, GAZ_CAPITAL, GAZ_COUNTRY, GAZ_DEMONYM, GAZ_KNOWNORG, GAZ_ORGHINT, GAZ_PLACENOUN } from '../ner/features.ts'
import { endsWith, isCoordinator, lexiconType, spanText } from './hygiene.ts'

/** A title in the plural ("Presidents", "Sens.", "Govs."): the names after it are people's. */
function pluralTitle(tok: string): boolean {
  const lower = tok.toLowerCase().replace(/\.$/, '')
  return lower.length > 3 && lower.endsWith('s') && TITLES.has(lower.slice(0, -1))
}

interface Evidence { type: EntityType; country?: string; personCue?: boolean }

export interface CoordinationContext {
  /** the tokens the name finder reads; null when there is no tagger to read a part apart */
  mask: Uint8Array | null
  /** per token: the article's case evidence for its word (the tagger's; bit 2: written lowercase somewhere) */
  caseEvidence: Uint8Array | null
  /** per token: 1 in a Title Case line (the tagger's) */
  titleLine: Uint8Array | null
  /** a title, rank or honorific ends right before token k */
  titledBefore: (k: number) => boolean
}

/** The names of the article outside the coordinations: by their words (lowercase), and the people's word lists. */
interface Named {
  byKey: Map<string, RawMention[]>
  people: { m: RawMention; words: string[] }[]
}

function wordsOf(doc: Doc, a: number, b: number): string[] {
  const w: string[] = []
  for (let k = a; k <= b; k++) w.push(doc.tokens[k].toLowerCase())
  return w
}


function named(doc: Doc, out: RawMention[], coordinated: Set<RawMention>): Named {
  const seen: Named = { byKey: new Map(), people: [] }
  for (const m of out) if (!coordinated.has(m)) addNamed(doc, seen, m)
  return seen
}

function addNamed(doc: Doc, seen: Named, m: RawMention): void {
  if (m.kind !== 'name' || m.weak) return
  const words = wordsOf(doc, m.first, m.last)
  const key = words.join(' ')
  const list = seen.byKey.get(key)
  if (list) list.push(m)
  else seen.byKey.set(key, [m])
  if (m.type === 'Person') seen.people.push({ m, words })
}

/**
 * Whether mention e lies inside another writing of the coordination's own words (the tagger cut
 * "Growth and Opportunity Project" into two names there): then it is no evidence that they are two.
 */
function inSamePhrase(doc: Doc, e: RawMention, phrase: string[] | null): boolean {
  if (!phrase) return false
  const n = phrase.length
  for (let s = Math.max(0, e.last - n + 1); s <= e.first; s++) {
    let k = 0
    while (k < n && s + k < doc.tokens.length && doc.tokens[s + k] === phrase[k]) k++
    if (k === n) return true
  }
  return false
}

/**
 * The tagger's labels for the parts read apart: the chunk's sentence tagged again with the
 * coordinators taken out. A part's label, or null when no span of the tagger is that part exactly.
 */
function readApart(doc: Doc, mask: Uint8Array, m: RawMention, bounds: [number, number][]): (NerLabel | null)[] {
  const sentence = doc.sentences[doc.sentenceOf[m.first]]
  const apart = new Uint8Array(doc.tokens.length)
  for (let k = sentence.firstToken; k <= sentence.lastToken; k++) apart[k] = mask[k]
  for (let k = m.first; k <= m.last; k++) if (isCoordinator(doc, k)) apart[k] = 0
  const spans = tagNames(doc, apart)?.spans ?? []
  return bounds.map(([s, e]) => spans.find((c) => c.first === s && c.last === e)?.label ?? null)
}

/**
 * Of the mentions in `list` outside another writing of `phrase`, the earliest of the type most of
 * them have (ties: an organisation before a place, as the entity stage votes, else the type named
 * first): the part takes that type, so the entity stage's vote on the name's type stays as it was.
 */
function usualType(doc: Doc, list: RawMention[] | undefined, phrase: string[] | null): RawMention | undefined {
  if (!list) return undefined
  const byType = new Map<EntityType, { n: number; first: RawMention }>()
  for (const e of list) {
    if (inSamePhrase(doc, e, phrase)) continue
    const t = byType.get(e.type)
    if (!t) byType.set(e.type, { n: 1, first: e })
    else {
      t.n++
      if (e.first < t.first.first) t.first = e
    }
  }
  let best: { n: number; first: RawMention } | undefined
  for (const t of byType.values()) {
    const tie = best && t.n === best.n
    if (!best || t.n > best.n || (tie && t.first.type === 'Organisation' && best.first.type === 'Place') || (tie && !(best.first.type === 'Organisation' && t.first.type === 'Place') && t.first.first < best.first.first)) best = t
  }
  return best?.first
}

/**
 * Why the part [a, b] of a coordination is a name on its own, or null: a lexicon knows it (a
 * country, US state, capital, news medium or known organisation); the article names it elsewhere
 * (the same words, or a person's name that ends with them or that they end with); a title stands
 * before it. `phrase`: the coordination's words, when names inside another writing of it do not count.
 */
function evidence(doc: Doc, a: number, b: number, seen: Named, phrase: string[] | null, titled: boolean, ctx: CoordinationContext): Evidence | null {
  const text = spanText(doc, a, b)
  const country = COUNTRY_NAMES.get(text)
  if (country) return { type: 'Country', country }
  const fixed = lexiconType(text)
  if (fixed) return { type: fixed }
  const words = wordsOf(doc, a, b)
  const key = words.join(' ')
  const other = usualType(doc, seen.byKey.get(key), phrase)
  if (other) return { type: other.type, country: other.country, personCue: titled && other.type === 'Person' }
  if (seen.people.some((p) => (endsWith(p.words, words) || endsWith(words, p.words)) && !inSamePhrase(doc, p.m, phrase))) return { type: 'Person', personCue: titled }
  if (titled) return { type: 'Person', personCue: true }
  if (CAPITALS.has(key)) return { type: 'Place' }
  // a full name whose surname the article names alone, whatever the tagger typed it ("Cruz" ORG)
  if (personShaped(doc, a, b, ctx) && seen.byKey.get(words[words.length - 1])?.some((e) => (e.type === 'Person' || e.type === 'Organisation') && !inSamePhrase(doc, e, phrase))) return { type: 'Person' }
  return null
}

/** A part as mentions: itself, or a person and the US state or country after "of" ("Cruz of Texas"). */
function partMentions(doc: Doc, a: number, b: number, seen: Named, phrase: string[] | null, titled: boolean, ctx: CoordinationContext): RawMention[] | null {
  const ev = evidence(doc, a, b, seen, phrase, titled, ctx)
  if (ev) return [{ first: a, last: b, kind: 'name', ...ev }]
  for (let k = a + 1; k < b; k++) {
    if (doc.tokens[k] !== 'of') continue
    const place = spanText(doc, k + 1, b)
    const country = COUNTRY_NAMES.get(place)
    if (!country && !US_STATES.has(place.toLowerCase())) return null
    // a name before "of" and a state is a person's, as in the tagger's PER spans (mentions.ts)
    const who = evidence(doc, a, k - 1, seen, phrase, titled, ctx)
    if (!who || (who.type !== 'Person' && who.type !== 'Organisation')) return null
    return [
      { first: a, last: k - 1, kind: 'name', type: 'Person', personCue: who.personCue },
      country ? { first: k + 1, last: b, kind: 'name', type: 'Country', country } : { first: k + 1, last: b, kind: 'name', type: 'Place' },
    ]
  }
  return null
}

const NOT_PERSON_WORD = GAZ_CAPITAL | GAZ_COUNTRY | GAZ_DEMONYM | GAZ_KNOWNORG | GAZ_ORGHINT | GAZ_PLACENOUN

/**
 * The part [a, b] can be a person's full name: two words or more, none a lexicon's place,
 * demonym or organisation word, none written in lowercase elsewhere in the article ("Urban
 * Development"), outside a Title Case headline.
 */
function personShaped(doc: Doc, a: number, b: number, ctx: CoordinationContext): boolean {
  if (b <= a || !ctx.caseEvidence || ctx.titleLine?.[a]) return false
  for (let k = a; k <= b; k++) {
    if (!/^\p{Lu}/u.test(doc.tokens[k]) || wordInfo(doc.tokens[k]).gaz & NOT_PERSON_WORD || ctx.caseEvidence[k] & 2) return false
  }
  return true
}

/**
 * The mentions with each coordination of names ("A and B", "A & B", a title before them kept
 * out) cut into its parts when each part is a name on its own (see `evidence`). Order is kept.
 */
export function splitCoordinations(doc: Doc, out: RawMention[], ctx: CoordinationContext): RawMention[] {
  const coordinated = new Set<RawMention>()
  for (const m of out) {
    if (m.kind !== 'name' || m.type === 'Country' || m.last - m.first < 2) continue
    for (let k = m.first + 1; k < m.last; k++) if (isCoordinator(doc, k)) { coordinated.add(m); break }
  }
  if (!coordinated.size) return out
  const seen = named(doc, out, coordinated)
  // the parts of one coordination cut are evidence for another ("candidates Ted Cruz and John
  // Kasich", later "contenders Ted Cruz and John Kasich"): again until no more is cut
  const cut = new Map<RawMention, RawMention[]>()
  for (let more = true; more;) {
    more = false
    for (const m of coordinated) {
      if (cut.has(m)) continue
      const parts = split(doc, m, seen, ctx)
      if (!parts) continue
      cut.set(m, parts)
      for (const p of parts) addNamed(doc, seen, p)
      more = true
    }
  }
  if (!cut.size) return out
  const result: RawMention[] = []
  for (const m of out) {
    const parts = cut.get(m)
    if (parts) result.push(...parts)
    else result.push(m)
  }
  return result
}

/** The parts of a coordination [first, last]: "the" before a part dropped ("House and the Senate"); null when a part is empty or uncapitalised. */
function partBounds(doc: Doc, first: number, last: number): [number, number][] | null {
  const bounds: [number, number][] = []
  let a = first
  for (let k = first; k <= last + 1; k++) {
    if (k <= last && !isCoordinator(doc, k)) continue
    const s = a < k - 1 && doc.tokens[a] === 'the' ? a + 1 : a
    if (s > k - 1 || !/^\p{Lu}/u.test(doc.tokens[s])) return null
    bounds.push([s, k - 1])
    a = k + 1
  }
  return bounds
}

function split(doc: Doc, m: RawMention, seen: Named, ctx: CoordinationContext): RawMention[] | null {
  // a name the lexicons know whole ("Bosnia and Herzegovina", a medium) is one name
  const whole = spanText(doc, m.first, m.last)
  if (COUNTRY_NAMES.has(whole) || lexiconType(whole)) return null
  // "Presidents A and B": the plural title is no part of either name, and both are people
  const plural = pluralTitle(doc.tokens[m.first]) || (m.first > 0 && pluralTitle(doc.tokens[m.first - 1]))
  const bounds = partBounds(doc, pluralTitle(doc.tokens[m.first]) ? m.first + 1 : m.first, m.last)
  // "Johnson & Johnson": one name twice is a firm's name
  if (!bounds || new Set(bounds.map(([s, e]) => wordsOf(doc, s, e).join(' '))).size < bounds.length) return null
  // a name ending on an organisation's head word ("Growth and Opportunity Project") counts no
  // evidence from another writing of itself, which the tagger may have cut in two
  const phrase = ORG_HINTS.has(doc.tokens[m.last].toLowerCase()) ? doc.tokens.slice(m.first, m.last + 1) : null
  let byTagger = false
  let labels: (NerLabel | null)[] | null = null
  const parts: RawMention[] = []
  for (let i = 0; i < bounds.length; i++) {
    const [s, e] = bounds[i]
    const titled = plural || (s === m.first && (m.personCue === true || ctx.titledBefore(s)))
    let p = partMentions(doc, s, e, seen, phrase, titled, ctx)
    // a person's full name the tagger reads as one: on the whole span, or on the part read apart
    // (a rare second pass over one sentence)
    if (!p && personShaped(doc, s, e, ctx)) {
      if (m.type !== 'Person' || m.weak) labels ??= ctx.mask ? readApart(doc, ctx.mask, m, bounds) : []
      if ((m.type === 'Person' && !m.weak) || labels?.[i] === 'PER') {
        p = [{ first: s, last: e, kind: 'name', type: 'Person' }]
        byTagger = true
      }
    }
    if (!p) return null
    parts.push(...p)
  }
  // the tagger's reading alone makes people only of a coordination of people ("University of
  // Pennsylvania and Carnegie Mellon" is no person)
  if (byTagger && parts.some((p) => p.type !== 'Person')) return null
  return parts
}
