// Stage 3: entities. Mentions (stage 2) are grouped into one entity per real-world entity of the
// article: countries by ISO code (names, aliases and demonyms alike), people by their full name
// (a bare surname or "Mr Biden" joins the full name found in the same article), organisations and
// places by a normalised name key. Ids are stable across articles: `country:<ISO alpha-2>`,
// `person:<key>`, `org:<key>`, `place:<key>`.
import type { Doc } from './nlp.ts'
import type { Entity, Role, MentionKind, EntityType } from './types.ts'
import { findMentions, type RawMention } from './mentions.ts'
import { roleBefore } from './roles.ts'
import { countryName, COUNTRY_NAMES, COUNTRY_NAMES_LOWER } from './lexicon/countries.ts'
import { KNOWN_ORGS, PLACE_PREPOSITIONS, TITLES } from './lexicon/words.ts'
import { matchingText } from './normalize.ts'
import { ownString } from './own-string.ts'
import { chooseName, coreKey, displayName, endsWith, isAllCapsText, isInitialWord, isSentenceInitial, middle, stateOfAbbreviation } from './names/hygiene.ts'
import { sportsTeams } from './names/teams.ts'

export interface EntitySpan {
  firstToken: number
  lastToken: number
  start: number
  end: number
  entityId: string
  kind: MentionKind
}

export interface EntityLayer {
  /** the contract type; mentions inside (kind name|demonym|title), ids stable across articles */
  entities: Entity[]
  roles: Role[]
  /** every mention span, sorted by start */
  spans: EntitySpan[]
  /** per token index of doc: the entity id whose mention covers it, else null */
  entityOfToken: (string | null)[]
  byId: Map<string, Entity>
}

const ID_PREFIX: Record<EntityType, string> = { Person: 'person', Organisation: 'org', Country: 'country', Place: 'place' }

/** The normalised key of a name: lowercase, diacritics folded, punctuation dropped, words hyphen-joined. */
export function nameKey(name: string): string {
  let key = keyCache.get(name)
  if (key !== undefined) return key
  key = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  if (keyCache.size > 100_000) keyCache.clear()
  key = ownString(key)
  keyCache.set(ownString(name), key)
  return key
}
const keyCache = new Map<string, string>()

export function entityId(type: EntityType, name: string): string {
  return `${ID_PREFIX[type]}:${nameKey(name)}`
}

interface Placed extends RawMention {
  start: number
  end: number
  text: string
  /** name words (hyphen pieces kept whole), for surname matching */
  words: string[]
  id?: string
  /** the organisation a retyped part of a name belongs to ("Nordvatten" of "Nordvatten Kraft") */
  orgName?: string
  /** the class of the name itself where it stands for an entity of another type (teams.ts) */
  nameType?: string
}

/** Nouns that, right before a name, say what kind of organisation it is ("the Swedish company X"); not "rival", which a candidate has as often. */
const ORG_NOUNS = new Set(['company', 'firm', 'group', 'charity', 'organisation', 'organization', 'ngo', 'developer', 'operator', 'utility',
  'fund', 'insurer', 'lender', 'broadcaster', 'newspaper', 'carmaker', 'miner', 'producer', 'supplier', 'startup', 'start-up', 'conglomerate',
  'lobby', 'consultancy', 'manufacturer', 'retailer', 'airline', 'bank', 'agency', 'network', 'campaigners', 'subsidiary'])
/** Words after a possessive that only an organisation has ("X's chief executive", "X's shareholders"). */
const ORG_POSSESSIONS = new Set(['chief', 'ceo', 'cfo', 'chairman', 'chairwoman', 'board', 'shareholders', 'headquarters', 'employees',
  'managing', 'subsidiary', 'shares', 'profits', 'revenue', 'plant', 'factory', 'members', 'staff', 'website', 'lawyers', 'spokesperson'])
/** Nouns after a name that make it a publication's ("Time magazine"). */
const PUBLICATION_NOUNS = new Set(['magazine', 'newspaper', 'tabloid', 'newsletter'])
const POSSESSIVE = new Set(["'s", '’s', "'", '’'])
const SPEECH_VERBS = new Set(['said', 'says', 'say', 'announced', 'announces', 'added', 'stated'])

/**
 * Person-typed names that the article treats as organisations become organisations: the cues are
 * counted over all mentions of the same name and must outweigh the person cues (a title or
 * honorific before it, a title in apposition). Organisation cues: "the" or a kind-of-organisation
 * noun before it ("the Swedish company X"), "title of/for X" ("chief executive of X", "spokeswoman
 * for X"), "X's chief executive", "X said it/its ...", ", a campaign group". Shorter person mentions
 * that are part of such a name ("Nordvatten", "Rivers North") join the organisation.
 */
function organisationsByContext(doc: Doc, placed: Placed[]): void {
  const votes = new Map<string, number>()
  const tok = (k: number): string => (k >= 0 && k < doc.tokens.length ? doc.tokens[k] : '')
  // "Time magazine", "Time Magazine": the name of a publication wherever the article writes it ("Time's readers")
  for (const m of placed) {
    if (m.kind !== 'name' || m.type === 'Country') continue
    // (not "a Jewish newspaper")
    if (PUBLICATION_NOUNS.has(tok(m.last + 1)) && doc.pos[m.last] !== 'ADJ' && tok(m.first - 1) !== 'a' && tok(m.first - 1) !== 'an') votes.set(nameKey(m.text), 3)
    else if (m.type === 'Organisation' && m.last > m.first && PUBLICATION_NOUNS.has(tok(m.last).toLowerCase())) votes.set(nameKey(doc.text.slice(m.start, doc.start[m.last]).trim()), 3)
  }
  for (const m of placed) {
    if (m.type !== 'Person' || m.kind !== 'name' || m.weak) continue
    const key = nameKey(m.text)
    let v = votes.get(key) ?? 0
    if (m.personCue) v -= 2
    const b1 = tok(m.first - 1)
    const b2 = tok(m.first - 2).toLowerCase()
    const a1 = tok(m.last + 1)
    const a2 = tok(m.last + 2)
    if (b1 === 'the' || b1 === 'The') v++
    else if (ORG_NOUNS.has(b1)) v++
    else if ((b1 === 'of' || b1 === 'for') && (TITLES.has(b2) || ORG_NOUNS.has(b2) || b2 === 'engineer')) v++
    if ((a1 === "'s" || a1 === '’s') && ORG_POSSESSIONS.has(a2.toLowerCase())) v++
    // "Acme Mining chief executive Jane Doe": a multi-word name right before a title and a name
    else if (m.words.length > 1 && (a1 === 'chief' || a1 === 'managing') && TITLES.has(`${a1} ${a2}`.toLowerCase())) v++
    else if (SPEECH_VERBS.has(a1) && (a2 === 'it' || a2 === 'its')) v++
    else if (a1 === ',' && (a2 === 'a' || a2 === 'an' || a2 === 'the')) {
      // ", a campaign group based in ...", not ", the company's chief executive"
      for (let k = m.last + 3; k < Math.min(doc.tokens.length, m.last + 6); k++) {
        if (!ORG_NOUNS.has(doc.tokens[k])) continue
        if (!POSSESSIVE.has(tok(k + 1))) v++
        break
      }
    } else if (a1 === ',' && (a2 === 'who' || a2 === 'whose')) v--
    // "X rejected his criticism. Its campaign director ...": the subject the next sentence calls "its"
    const si = doc.sentenceOf[m.first]
    if (si + 1 < doc.sentences.length && isSentenceInitial(doc, m.first, doc.sentences[si].firstToken)) {
      let k = doc.sentences[si + 1].firstToken
      while (k < doc.tokens.length && doc.pos[k] === 'SPACE') k++
      if (doc.tokens[k] === 'Its') v++
    }
    votes.set(key, v)
  }
  // a person named by honorific or title elsewhere ("Ms van der Lind") is a person whatever the cues
  for (const m of placed) {
    if (m.type !== 'Person' || !m.personCue || !m.words.length) continue
    for (const [key, v] of votes) if (v > 0 && (key === nameKey(m.text) || key.endsWith('-' + nameKey(m.text)))) votes.set(key, v - 2)
  }
  const orgNames: string[][] = []
  const orgText: string[] = []
  for (const m of placed) {
    if (m.type !== 'Person' || m.kind !== 'name' || (votes.get(nameKey(m.text)) ?? 0) <= 0) continue
    m.type = 'Organisation'
    if (m.words.length > 1 && !orgText.includes(m.text)) { orgNames.push(m.words); orgText.push(m.text) }
  }
  if (!orgNames.length) return
  for (const m of placed) {
    if (m.type !== 'Person' || m.kind !== 'name' || m.personCue || !m.words.length) continue
    const k = orgNames.findIndex((o) => o.length > m.words.length && containsRun(o, m.words))
    if (k >= 0) { m.type = 'Organisation'; m.orgName = orgText[k]; m.weak = false }
    // a longer name that begins with a multi-word organisation's ("Free Rivers" + "North") is one too
    else if (orgNames.some((o) => o.length < m.words.length && containsRun(m.words.slice(0, o.length), o))) m.type = 'Organisation'
  }
}

/**
 * A country's name typed Person on its own ("In China Shantou University ..." read as a name) is the
 * country, unless a person's full name in the article ends with it ("Neil Jordan" ... "Jordan"); a
 * country's name that is such a surname is the person, unless a place preposition stands before it.
 */
function countryNamesAlone(doc: Doc, placed: Placed[]): void {
  const surnames = new Set<string>()
  // (a weak "person", a run of capitals of no known type, gives no surname: "Tour of the Netherlands")
  for (const m of placed) if (m.type === 'Person' && !m.weak && m.words.length > 1) surnames.add(m.words[m.words.length - 1])
  for (const m of placed) {
    if (m.type !== 'Person' || m.words.length !== 1 || surnames.has(m.words[0])) continue
    const country = COUNTRY_NAMES.get(m.text)
    if (country) Object.assign(m, { type: 'Country', kind: 'name', country, weak: false, personCue: false })
  }
  // and the other way: "Neil Jordan ... Jordan said" is the person, not the country (unless "in Jordan")
  if (!surnames.size) return
  for (const m of placed) {
    if (m.type !== 'Country' || m.kind !== 'name' || m.text.includes(' ') || !surnames.has(m.text.toLowerCase())) continue
    if (m.first > 0 && PLACE_PREPOSITIONS.has(doc.tokens[m.first - 1].toLowerCase())) continue
    Object.assign(m, { type: 'Person', country: undefined, words: [m.text.toLowerCase()], weak: false })
  }
}

function containsRun(whole: string[], part: string[]): boolean {
  for (let s = 0; s + part.length <= whole.length; s++) {
    let k = 0
    while (k < part.length && whole[s + k] === part[k]) k++
    if (k === part.length) return true
  }
  return false
}

/**
 * Finds the entities of one article.
 * ranges: the body character ranges to read (header lines lie outside); extra: spans whose type is
 * known from metadata (author -> Person, dateline -> Place).
 */
/**
 * No real name is longer (the longest organisation names run to about 100 characters); a longer
 * "name" is a run of garbage, and as an entity id it would exceed what Neo4j can index.
 */
export const MAX_NAME_CHARS = 200

// findEntities runs in stages, each a function of its own: V8 compiles a hot function again every time it
// is deoptimised (a mention or entity of a shape not seen before, a branch first taken), and one function
// holding every stage took seconds to compile each time, five times an ingest (docs/performance.md,
// "Deoptimised extraction"); a stage compiles in a fraction of that, and a deoptimisation recompiles only its stage.
export function findEntities(doc: Doc, ranges: { start: number; end: number }[], extra: { start: number; end: number; type: EntityType }[] = []): EntityLayer {
  const placed = placeMentions(doc, ranges, extra)
  countryNamesAlone(doc, placed)
  const handles = socialHandles(doc, placed)
  organisationsByContext(doc, placed)
  sportsTeams(doc, placed)

  const entities = new Map<string, Entity>()
  // countries: one entity per ISO code
  for (const m of placed) if (m.type === 'Country' && m.country) addMention(entities, m, `country:${m.country}`, 'Country', countryName(m.country))
  identifyPeople(placed, handles, entities)
  identifyOrganisationsAndPlaces(placed, entities)

  unifyTypes(entities, placed)
  for (const e of entities.values()) if (e.type !== 'Country' && e.type !== 'Person' && isAllCapsText(e.name)) e.name = usualCase(e)
  // a name's spaces are spaces: a no-break space in a mention ("Marco\u00a0Rubio") is no second spelling (its text keeps it)
  for (const e of entities.values()) {
    e.name = e.name.replace(/\s+/gu, ' ')
    e.aliases = [...new Set(e.aliases.map((a) => a.replace(/\s+/gu, ' ')))].filter((a) => a !== e.name)
  }
  return entityLayer(doc, placed, entities, rolesOf(doc, placed))
}

/** The mentions found in the body ranges and the metadata spans, placed (text, words), no longer than a name can be, in text order. */
function placeMentions(doc: Doc, ranges: { start: number; end: number }[], extra: { start: number; end: number; type: EntityType }[]): Placed[] {
  const raw = findMentions(doc, ranges)
  const placed: Placed[] = []
  for (const m of raw) if (doc.end[m.last] - doc.start[m.first] <= MAX_NAME_CHARS) placed.push(place(doc, m))
  for (const x of extra) {
    const m = extraMention(doc, x)
    if (!m || doc.end[m.last] - doc.start[m.first] > MAX_NAME_CHARS) continue
    for (let i = placed.length - 1; i >= 0; i--) if (placed[i].first <= m.last && placed[i].last >= m.first) placed.splice(i, 1)
    placed.push(place(doc, m))
  }
  placed.sort((a, b) => a.first - b.first)
  return placed
}

/** Gives mention `m` the entity `id` (made with `type` and `name` when new) and adds it to the entity's mentions and aliases. */
function addMention(entities: Map<string, Entity>, m: Placed, id: string, type: EntityType, name: string): void {
  m.id = id
  let e = entities.get(id)
  if (!e) entities.set(id, (e = { id, type, name, aliases: [], mentions: [] }))
  e.mentions.push(m.nameType && m.nameType !== type ? { start: m.start, end: m.end, text: m.text, kind: m.kind, nameType: m.nameType as EntityType } : { start: m.start, end: m.end, text: m.text, kind: m.kind })
  if (m.kind === 'name' && m.text !== e.name && !e.aliases.includes(m.text)) e.aliases.push(m.text)
}

/**
 * People: full names first (most words), then shorter forms join the longest name that ends with them; lone
 * capitalised words and one-word organisations or places that name a person found; social handles; each
 * person named by the most frequent full form among its mentions.
 */
function identifyPeople(placed: Placed[], handles: Map<Placed, Placed>, entities: Map<string, Entity>): void {
  const people = placed.filter((m) => m.type === 'Person' && !m.weak && !handles.has(m))
  const fullNames: Placed[] = []
  // indexes keep this linear in mentions: by all words, by last word (longest names first), by first word
  const fullByWords = new Map<string, Placed>()
  const byLast = new Map<string, Placed[]>()
  const byFirst = new Map<string, Placed[]>()
  const byCore = new Map<string, Placed[]>()
  const push = (map: Map<string, Placed[]>, key: string, m: Placed): void => {
    const list = map.get(key)
    if (list) list.push(m)
    else map.set(key, [m])
  }
  /** the full name that `words` are, or end, or (one word, `first`) begin when only one name begins so */
  const findFull = (words: string[], first: boolean, minWords = 1): Placed | undefined => {
    const same = fullByWords.get(words.join(' '))
    if (same && same.words.length >= minWords) return same
    for (const f of byLast.get(words[words.length - 1]) ?? []) if (f.words.length >= minWords && endsWith(f.words, words)) return f
    if (first && words.length === 1) {
      const list = byFirst.get(words[0])
      if (list && list.length === 1 && list[0].words.length > 1) return list[0]
    }
    // middle names and initials: "Donald Trump" ~ "Donald J. Trump", "Hillary Clinton" ~ "Hillary Rodham Clinton"
    // (two different middles are two people: "George W. Bush", "George H. W. Bush")
    const core = coreKey(words)
    if (core) for (const f of byCore.get(core) ?? []) if (f.words.length >= minWords && (words.length === 2 || f.words.length === 2 || middle(f.words) === middle(words))) return f
    // an initial for the first name: "S. Warne" ~ "Shane Warne" when one full name of the article fits
    if (words.length >= 2 && isInitialWord(words[0])) {
      const fits = (byLast.get(words[words.length - 1]) ?? []).filter((f) => f.words.length >= Math.max(2, minWords) && !isInitialWord(f.words[0]) && f.words[0][0] === words[0][0])
      if (fits.length && fits.every((f) => f.id === fits[0].id)) return fits[0]
    }
    return undefined
  }
  // longest names first; a name opening with an initial after the full names it may abbreviate
  const initialFirst = (m: Placed): number => (isInitialWord(m.words[0] ?? '') ? 1 : 0)
  for (const m of [...people].sort((a, b) => b.words.length - a.words.length || initialFirst(a) - initialFirst(b))) {
    const full = findFull(m.words, true)
    if (full) m.id = full.id
    else {
      m.id = entityId('Person', m.text)
      fullNames.push(m)
      fullByWords.set(m.words.join(' '), m)
      push(byLast, m.words[m.words.length - 1], m)
      push(byFirst, m.words[0], m)
      const core = coreKey(m.words)
      if (core) push(byCore, core, m)
    }
  }
  // lone capitalised words from the rule candidates: people only when they name one already found
  for (const m of placed) {
    if (!m.weak) continue
    const full = findFull(m.words, false)
    if (full) { m.id = full.id; m.type = 'Person' }
  }
  // a one-word organisation or place that is a person's surname here is that person ("Obama" tagged ORG)
  for (const m of placed) {
    if ((m.type !== 'Organisation' && m.type !== 'Place') || m.text.includes(' ') || (/^[A-Z]+$/.test(m.text) && (m.text.length < 4 || KNOWN_ORGS.has(m.text)))) continue
    const full = findFull([m.text.toLowerCase()], false, 2)
    if (full) { m.id = full.id; m.type = 'Person' }
  }
  // a social handle in brackets after a person's name is an alias of that person
  for (const [m, owner] of handles) if (owner.id) { m.id = owner.id; m.type = 'Person'; m.weak = false }
  // a person is named by the most frequent full form of the name among its mentions, and so identified
  const textsOf = new Map<string, string[]>()
  for (const m of placed) if (m.type === 'Person' && m.id && !m.country && m.kind === 'name' && !m.text.startsWith('@')) {
    const list = textsOf.get(m.id)
    if (list) list.push(m.text)
    else textsOf.set(m.id, [m.text])
  }
  const renamed = new Map<string, string>()
  for (const [id, texts] of textsOf) {
    const name = chooseName(texts, 'Person')
    const newId = entityId('Person', name)
    renamed.set(id, newId)
    if (!entities.has(newId)) entities.set(newId, { id: newId, type: 'Person', name, aliases: [], mentions: [] })
  }
  for (const m of placed) if (m.type === 'Person' && m.id && !m.country) { const id = renamed.get(m.id) ?? m.id; addMention(entities, m, id, 'Person', entities.get(id)?.name ?? m.text) }
}

/** Organisations and places: by name key; a key seen under both types takes the more frequent type; then the weak mentions that name one. */
function identifyOrganisationsAndPlaces(placed: Placed[], entities: Map<string, Entity>): void {
  const typeVotes = new Map<string, { org: number; place: number }>()
  for (const m of placed) {
    if (m.type !== 'Organisation' && m.type !== 'Place') continue
    const k = nameKey(m.orgName ?? canonicalOrg(m.text, m.type))
    const v = typeVotes.get(k) ?? { org: 0, place: 0 }
    if (m.type === 'Organisation') v.org++
    else v.place++
    typeVotes.set(k, v)
  }
  for (const m of placed) {
    if (m.type !== 'Organisation' && m.type !== 'Place') continue
    const name = m.orgName ?? canonicalOrg(m.text, m.type)
    const v = typeVotes.get(nameKey(name))!
    const type: EntityType = v.org >= v.place ? 'Organisation' : 'Place'
    addMention(entities, m, entityId(type, name), type, name)
  }

  // weak mentions (tagged MISC, or capitalised without cue) that name an organisation or place of the article
  for (const m of placed) {
    if (!m.weak || m.id) continue
    const key = nameKey(canonicalOrg(m.text))
    const e = entities.get(`org:${key}`) ?? entities.get(`place:${key}`)
    if (e) addMention(entities, m, e.id, e.type, e.name)
  }
}

/** Roles from the title phrases before people's names; a role without organisation is dropped when the same title is known with one. */
function rolesOf(doc: Doc, placed: Placed[]): Role[] {
  const endsAt = new Map<number, Placed>()
  for (const m of placed) if (m.id) endsAt.set(m.last, m)
  const roles: Role[] = []
  const seenRole = new Set<string>()
  for (const m of placed) {
    if (m.type !== 'Person' || !m.id) continue
    const r = roleBefore(doc, m.first, (k) => {
      const o = endsAt.get(k)
      return !!o && o.id !== m.id && (o.type === 'Organisation' || o.type === 'Country')
    })
    if (!r) continue
    const orgId = r.orgToken >= 0 ? endsAt.get(r.orgToken)!.id! : null
    const key = `${m.id}|${r.title}|${orgId}`
    if (seenRole.has(key)) continue
    seenRole.add(key)
    roles.push({ personId: m.id, title: r.title, orgId })
  }
  const withOrg = new Set(roles.filter((r) => r.orgId).map((r) => `${r.personId}|${r.title}`))
  return roles.filter((r) => r.orgId || !withOrg.has(`${r.personId}|${r.title}`))
}

/** The layer: the entities with mentions (their mentions in text order), the roles, the mention spans and the entity of each token. */
function entityLayer(doc: Doc, placed: Placed[], entities: Map<string, Entity>, roles: Role[]): EntityLayer {
  const spans: EntitySpan[] = []
  const entityOfToken: (string | null)[] = new Array(doc.tokens.length).fill(null)
  for (const m of placed) {
    if (!m.id || !entities.has(m.id)) continue
    spans.push({ firstToken: m.first, lastToken: m.last, start: m.start, end: m.end, entityId: m.id, kind: m.kind })
    for (let k = m.first; k <= m.last; k++) entityOfToken[k] = m.id
  }
  spans.sort((a, b) => a.start - b.start)
  const list = [...entities.values()].filter((e) => e.mentions.length > 0)
  for (const e of list) e.mentions.sort((a, b) => a.start - b.start)
  return { entities: list, roles, spans, entityOfToken, byId: new Map(list.map((e) => [e.id, e])) }
}

/**
 * One type per name within the article: entities of different types whose names share a key
 * ("Obama" a Person here and an Organisation there) become one, of the type most of their
 * mentions have (ties: the earlier mentioned).
 */
function unifyTypes(entities: Map<string, Entity>, placed: Placed[]): void {
  const byKey = new Map<string, Entity[]>()
  for (const e of entities.values()) {
    if (e.type === 'Country' || !e.mentions.length) continue
    const k = nameKey(e.name)
    const list = byKey.get(k)
    if (list) list.push(e)
    else byKey.set(k, [e])
  }
  const moved = new Map<string, string>()
  for (const list of byKey.values()) {
    if (list.length < 2) continue
    const firstAt = (e: Entity): number => Math.min(...e.mentions.map((m) => m.start))
    const winner = [...list].sort((a, b) => b.mentions.length - a.mentions.length || firstAt(a) - firstAt(b))[0]
    for (const e of list) {
      if (e === winner) continue
      for (const m of e.mentions) winner.mentions.push(m)
      for (const a of [e.name, ...e.aliases]) if (a !== winner.name && !winner.aliases.includes(a)) winner.aliases.push(a)
      entities.delete(e.id)
      moved.set(e.id, winner.id)
    }
  }
  if (!moved.size) return
  for (const m of placed) {
    const to = m.id && moved.get(m.id)
    if (to) { m.id = to; m.type = entities.get(to)!.type }
  }
}

/** An ALL-CAPS organisation or place name in the case the article writes it elsewhere, else its usual case. */
function usualCase(e: Entity): string {
  const lower = e.name.toLowerCase()
  const other = e.mentions.find((m) => m.text.toLowerCase() === lower && !isAllCapsText(m.text))
  return other ? other.text : displayName(e.name, e.type)
}

/**
 * Social handles ("@realDonaldTrump"): an alias of the person whose name stands right before it
 * in brackets ("Donald Trump (@realDonaldTrump)"); otherwise no entity (taken out of `placed`).
 */
function socialHandles(doc: Doc, placed: Placed[]): Map<Placed, Placed> {
  const out = new Map<Placed, Placed>()
  const endsAt = new Map<number, Placed>()
  for (const m of placed) endsAt.set(m.last, m)
  // the tagger may leave a handle out: "(@handle)" right after a name is one
  let added = false
  for (let k = 2; k < doc.tokens.length; k++) {
    if (doc.tokens[k].charCodeAt(0) !== 64 || doc.tokens[k - 1] !== '(' || !/^@\w+$/u.test(doc.tokens[k])) continue
    const owner = endsAt.get(k - 2)
    if (!owner || owner.type !== 'Person' || placed.some((m) => m.first <= k && m.last >= k)) continue
    placed.push(place(doc, { first: k, last: k, type: 'Person', kind: 'name' }))
    added = true
  }
  if (added) placed.sort((a, b) => a.first - b.first)
  for (let i = placed.length - 1; i >= 0; i--) {
    const m = placed[i]
    if (!m.text.startsWith('@')) continue
    const owner = m.first >= 2 && doc.tokens[m.first - 1] === '(' ? endsAt.get(m.first - 2) : undefined
    if (owner && owner.type === 'Person' && !owner.text.startsWith('@')) out.set(m, owner)
    else placed.splice(i, 1)
  }
  return out
}

/**
 * The name an organisation or place is known by, as ALL-CAPS names get their usual case: a known
 * organisation's full name ("U.N." -> "United Nations"), a place's state abbreviation the state's
 * ("Gainesville, Fla." -> "Florida"); the mention keeps its text.
 */
function canonicalOrg(text: string, type?: EntityType): string {
  return KNOWN_ORGS.get(text) ?? (type === 'Place' ? stateOfAbbreviation(text) : undefined) ?? text
}

function place(doc: Doc, m: RawMention): Placed {
  const start = doc.start[m.first]
  const end = doc.end[m.last]
  const text = matchingText(doc.text.slice(start, end)) // a name without the invisible characters inside it
  const words = m.type === 'Person' ? text.toLowerCase().split(/\s+/) : []
  // every Placed with the same properties in the same order (the later stages set id, orgName and nameType, and
  // read personCue and weak as booleans): one object shape for V8, so findEntities is not deoptimised and
  // compiled again each time a mention of a new shape reaches it
  return {
    first: m.first, last: m.last, type: m.type, kind: m.kind, country: m.country, personCue: m.personCue === true, weak: m.weak === true,
    start, end, text, words, id: undefined, orgName: undefined, nameType: undefined,
  }
}


const SEPARATORS = new Set(['·', '•', '|', '/', '—', '–'])

/** A metadata span (author, dateline) as a mention of the given type, on the tokens it covers. */
function extraMention(doc: Doc, x: { start: number; end: number; type: EntityType }): RawMention | null {
  let first = -1
  let last = -1
  for (let i = 0; i < doc.tokens.length; i++) {
    if (doc.end[i] <= x.start) continue
    if (doc.start[i] >= x.end) break
    if (first < 0) first = i
    // a byline's separator ends the name ("Daniel Ortiz · Helsinki")
    else if (SEPARATORS.has(doc.tokens[i])) break
    last = i
  }
  if (first < 0) return null
  while (last > first && doc.pos[last] === 'PUNCT') last--
  const key = doc.tokens.slice(first, last + 1).join(' ')
  const country = COUNTRY_NAMES.get(key) ?? COUNTRY_NAMES_LOWER.get(key.toLowerCase())
  if (country && x.type !== 'Person') return { first, last, type: 'Country', kind: 'name', country }
  return { first, last, type: x.type, kind: 'name' }
}
