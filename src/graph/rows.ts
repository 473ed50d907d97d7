// Rows: what one extracted article becomes before anything is written, built by plain functions
// (no database involved): the parameters of the write queries (write.ts), the article's name-form
// records for resolution (resolve.ts), and the fact counts the integrity checks compare (checks.ts).
import { createHash } from 'node:crypto'
import worldCountries, { type Country } from 'world-countries'
import type { ArticleMeta, ExtractedArticle } from '../extract/types.ts'
import { groupKey } from './resolve.ts'

/** One article ready to write: what the extraction made of it and the text its offsets index. */
export interface ArticleToWrite {
  extracted: ExtractedArticle
  /** the full text as read: every offset in `extracted` indexes this string */
  text: string
  /** Place -> Country links known for this article (entity ids of the article or countries) */
  placesInCountries?: { placeId: string; countryId: string; countryName?: string }[]
  /** the authors as Person ids (entities of the article or not); without it, authors are matched by name */
  authors?: { id: string; name: string }[]
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

// ---------------------------------------------------------------------------------------------
// Rows: the parameters of the UNWIND queries, built by plain functions (no database involved).

/** An article as written: the extraction's metadata plus its input, text and text hash. */
export interface ArticleRow extends ArticleMeta {
  source: string
  textHash: string
  /**
   * the sha1 of the facts its extraction found (factsHash): a re-ingest of the same text by another version of
   * the extraction that finds other facts rewrites the article, where the counts of its facts may be the same
   */
  factsHash?: string
  text: string
}
export interface EntityRow {
  id: string
  type: string
  name: string
  aliases: string[]
  iso2: string | null
  iso3: string | null
}
export interface MentionRow {
  articleId: string
  entityId: string
  count: number
  starts: number[]
  ends: number[]
  kinds: string[]
  titles: string[]
  /** the name group of the entity's form (resolve.ts), and what the article called it */
  group: string
  formName: string
  formType: string
  formAliases: string[]
}
export interface QuoteRow {
  id: string
  articleId: string
  text: string
  kind: string
  cue: string | null
  sentiment: number
  start: number
  end: number
  /** the quoted fragments inside the statement, as parallel lists of offsets into the article text */
  fragmentStarts: number[]
  fragmentEnds: number[]
  speakerName: string | null
  speakerStart: number | null
  speakerEnd: number | null
  sentence: string
  sentenceStart: number
  sentenceEnd: number
  publishedAt: string | null
}
export interface LinkRow {
  from: string
  to: string
}
export interface RoleRow {
  personId: string
  orgId: string
  title: string
  articleId: string
}
export interface RelationRow {
  sourceId: string
  targetId: string
  type: string
  articleId: string
  evidence: string
  start: number
  end: number
}
export interface PlaceRow {
  placeId: string
  countryId: string
  articleId: string
}

/** All the rows of one article (or, merged, of a batch). */
export interface Rows {
  articles: ArticleRow[]
  entities: EntityRow[]
  mentions: MentionRow[]
  quotes: QuoteRow[]
  said: LinkRow[]
  about: LinkRow[]
  roles: RoleRow[]
  relations: RelationRow[]
  wrote: LinkRow[]
  places: PlaceRow[]
}

const COUNTRY = 'country:'
const ENTITY_TYPES = new Set<string>(['Person', 'Organisation', 'Country', 'Place'])
// world-countries is CommonJS (module.exports = the array) while its types declare a default export
const countries = worldCountries as unknown as Country[]
/** ISO alpha-2 -> alpha-3 and common name, for Country nodes */
const ISO3 = new Map(countries.map((c) => [c.cca2, { iso3: c.cca3, name: c.name.common }]))

function iso(entityId: string | null): { iso2: string | null; iso3: string | null } {
  if (!entityId?.startsWith(COUNTRY)) return { iso2: null, iso3: null }
  const iso2 = entityId.slice(COUNTRY.length)
  // the nations of the United Kingdom carry ISO 3166-2 codes (GB-ENG): no alpha-2 or alpha-3 of their own
  if (iso2.includes('-')) return { iso2: null, iso3: null }
  return { iso2, iso3: ISO3.get(iso2)?.iso3 ?? null }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A YYYY-MM-DD string Neo4j's date() accepts, or null: one bad date must not fail a batch. */
export function validDate(s: string | null | undefined): string | null {
  if (!s) return null
  const m = DAY.exec(s)
  if (!m) return null
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? s : null
}

/** The stored id of quote number `i` of an article: `<articleId>#q<n>` (README). */
export function quoteId(articleId: string, given: string, i: number): string {
  return given.startsWith(articleId + '#') ? given : `${articleId}#q${i + 1}`
}

function authorKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

/** Turns one extracted article into the rows the write queries take. Pure. */
export function toRows(doc: ArticleToWrite): Rows {
  const { extracted: x, text } = doc
  const articleId = x.article.id
  const publishedAt = validDate(x.article.publishedAt)
  // the type becomes a label: only the four of the model
  const known = x.entities.filter((e) => ENTITY_TYPES.has(e.type))
  const entityIds = new Set(known.map((e) => e.id))

  const entities: EntityRow[] = known.map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: [...new Set(e.aliases)],
    ...iso(e.type === 'Country' ? e.id : null),
  }))

  // roles with no organisation are kept as titles on the MENTIONS relationship (README)
  const looseTitles = new Map<string, Set<string>>()
  const roleKeys = new Set<string>()
  const roles: RoleRow[] = []
  for (const r of x.roles) {
    if (!entityIds.has(r.personId)) continue
    if (r.orgId && entityIds.has(r.orgId)) {
      const key = `${r.personId}\u0000${r.orgId}\u0000${r.title}`
      if (roleKeys.has(key)) continue
      roleKeys.add(key)
      roles.push({ personId: r.personId, orgId: r.orgId, title: r.title, articleId })
    } else {
      let set = looseTitles.get(r.personId)
      if (!set) looseTitles.set(r.personId, (set = new Set()))
      set.add(r.title)
    }
  }

  const mentions: MentionRow[] = known.map((e) => {
    const ms = [...e.mentions].sort((a, b) => a.start - b.start)
    return {
      articleId,
      entityId: e.id,
      count: ms.length,
      starts: ms.map((m) => m.start),
      ends: ms.map((m) => m.end),
      kinds: ms.map((m) => m.kind),
      titles: [...(looseTitles.get(e.id) ?? [])],
      group: groupKey(e.id, e.type),
      formName: e.name,
      formType: e.type,
      formAliases: [...new Set(e.aliases)].sort(),
    }
  })

  const quotes: QuoteRow[] = []
  const said: LinkRow[] = []
  const about: LinkRow[] = []
  x.quotes.forEach((q, i) => {
    const id = quoteId(articleId, q.id, i)
    quotes.push({
      id,
      articleId,
      text: q.text,
      kind: q.kind,
      cue: q.cue,
      sentiment: q.sentiment,
      start: q.start,
      end: q.end,
      fragmentStarts: q.fragments.map((f) => f.start),
      fragmentEnds: q.fragments.map((f) => f.end),
      speakerName: q.speakerName,
      speakerStart: q.speakerStart,
      speakerEnd: q.speakerEnd,
      sentence: q.sentence.text,
      sentenceStart: q.sentence.start,
      sentenceEnd: q.sentence.end,
      publishedAt,
    })
    if (q.speakerId && entityIds.has(q.speakerId)) said.push({ from: q.speakerId, to: id })
    for (const a of new Set(q.aboutIds)) if (entityIds.has(a)) about.push({ from: id, to: a })
  })

  const relKeys = new Set<string>()
  const relations: RelationRow[] = []
  for (const r of x.relations) {
    if (!entityIds.has(r.sourceId) || !entityIds.has(r.targetId) || r.sourceId === r.targetId) continue
    const key = `${r.sourceId}\u0000${r.targetId}\u0000${r.type}\u0000${r.start}\u0000${r.end}`
    if (relKeys.has(key)) continue
    relKeys.add(key)
    relations.push({ ...r, articleId, evidence: text.slice(r.start, r.end) })
  }

  // authors: Person entities of the article (the reader's byline spans), or Persons of their own
  const wrote: LinkRow[] = []
  let authors = doc.authors
  if (!authors) {
    const people = new Map<string, string>()
    for (const e of known) if (e.type === 'Person') for (const n of [e.name, ...e.aliases]) people.set(authorKey(n), e.id)
    authors = x.article.authors.flatMap((name) => (people.has(authorKey(name)) ? [{ id: people.get(authorKey(name))!, name }] : []))
  }
  for (const a of authors) {
    if (!a.id.startsWith('person:') || wrote.some((w) => w.from === a.id)) continue
    wrote.push({ from: a.id, to: articleId })
    if (!entityIds.has(a.id)) entities.push({ id: a.id, type: 'Person', name: a.name, aliases: [], iso2: null, iso3: null })
  }

  const places: PlaceRow[] = []
  const placeKeys = new Set<string>()
  for (const p of doc.placesInCountries ?? []) {
    const key = `${p.placeId}\u0000${p.countryId}`
    if (!entityIds.has(p.placeId) || placeKeys.has(key) || !p.countryId.startsWith('country:')) continue
    placeKeys.add(key)
    places.push({ placeId: p.placeId, countryId: p.countryId, articleId })
    // the country may not be mentioned in the article: make sure its node exists
    if (!entityIds.has(p.countryId) && !entities.some((e) => e.id === p.countryId)) {
      const name = p.countryName ?? ISO3.get(p.countryId.slice(COUNTRY.length))?.name ?? p.countryId.slice(COUNTRY.length)
      entities.push({ id: p.countryId, type: 'Country', name, aliases: [], ...iso(p.countryId) })
    }
  }

  const a = x.article
  return {
    articles: [
      {
        id: articleId,
        url: a.url,
        title: a.title,
        publishedAt,
        authors: a.authors,
        dateline: a.dateline,
        publisher: a.publisher,
        source: x.source,
        textHash: sha1(text),
        text,
      },
    ],
    entities,
    mentions,
    quotes,
    said,
    about,
    roles,
    relations,
    wrote,
    places,
  }
}

/** The entities of several articles, each once with the aliases of all of them, in id order. */
export function mergeEntities(list: Rows[]): EntityRow[] {
  const entities = new Map<string, EntityRow>()
  for (const r of list) {
    for (const e of r.entities) {
      const seen = entities.get(e.id)
      if (!seen) entities.set(e.id, { ...e, aliases: [...e.aliases] })
      else for (const a of e.aliases) if (!seen.aliases.includes(a)) seen.aliases.push(a)
    }
  }
  // a fixed order of entity locks makes deadlocks between concurrent writers rarer
  return [...entities.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export interface PreparedArticle {
  id: string
  source: string
  textHash: string
  rows: Rows
  /** how many rows (nodes and relationships to write) the article carries */
  size: number
}

/**
 * The most rows one article may carry. An article is written in one transaction (so it is never
 * half-written); a 20 MB input's 150,000+ rows exhausted a 512 MB Neo4j heap and the server exited.
 * News articles carry a few hundred; an article beyond this fails alone with a clear reason.
 */
export const MAX_ARTICLE_ROWS = 50_000
/** Rows a batch gathers before it is written, whatever its article count (see MAX_ARTICLE_ROWS). */
export const MAX_BATCH_ROWS = 50_000

export function rowCount(r: Rows): number {
  return r.entities.length + r.mentions.length + r.quotes.length + r.said.length + r.about.length + r.roles.length + r.relations.length + r.wrote.length + r.places.length
}

/** How many facts of each kind an article has: in its rows (what its extraction found) or in the graph. */
export interface FactCounts {
  /** MENTIONS relationships (one per entity the article mentions) */
  mentions: number
  quotes: number
  /** SAID from a speaker to one of the article's quotes, ABOUT from one of them to an entity */
  said: number
  about: number
  relations: number
  roles: number
  wrote: number
  /** IN_COUNTRY facts of the article */
  places: number
}

export function factCounts(r: Rows): FactCounts {
  return {
    mentions: r.mentions.length,
    quotes: r.quotes.length,
    said: r.said.length,
    about: r.about.length,
    relations: r.relations.length,
    roles: r.roles.length,
    wrote: r.wrote.length,
    places: r.places.length,
  }
}

/** The kinds whose counts differ, as `kind stored/expected`; empty when they agree. */
export function factDifferences(stored: FactCounts, expected: FactCounts): string[] {
  return (Object.keys(expected) as (keyof FactCounts)[]).filter((k) => Number(stored[k]) !== expected[k]).map((k) => `${k} ${Number(stored[k])}/${expected[k]}`)
}

/**
 * The sha1 of an article's facts as its extraction found them (every row but the article's own, whose source
 * and metadata are properties, not facts). Rows are built in a fixed order from a deterministic extraction, so
 * the same text and the same extraction give the same hash; stored on the Article (`factsHash`), it tells a
 * writer that an unchanged text's facts are no longer what the extraction finds (a new version of it).
 */
export function factsHash(r: Rows): string {
  const { articles: _article, ...facts } = r
  return sha1(JSON.stringify(facts))
}

export function prepare(doc: ArticleToWrite): PreparedArticle {
  const rows = toRows(doc)
  rows.articles[0].factsHash = factsHash(rows)
  return { id: rows.articles[0].id, source: doc.extracted.source, textHash: rows.articles[0].textHash, rows, size: rowCount(rows) }
}
