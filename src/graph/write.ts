// The write side of the graph: extracted articles -> Neo4j, following the graph model in README.md.
//
// One batch of articles is one managed transaction (`executeWrite`): it reads the stored text
// hashes of the batch, skips the articles whose text is unchanged, deletes the old facts of the
// articles whose text changed, writes every new fact with UNWIND + MERGE on unique ids, and deletes
// the entities those changes left with no article. Either all of it commits or none of it does, so
// a crash never leaves half an article, and rerunning a batch gives the same graph.
import { createHash } from 'node:crypto'
import type { Driver, ManagedTransaction, QueryResult } from 'neo4j-driver'
import worldCountries, { type Country } from 'world-countries'
import type { ArticleMeta, ExtractedArticle } from '../extract/types.ts'
import { applyPlan, groupKey, groupsOfArticles, lockGroups, planGroups, recordKey, resolveGroups, type FormRecord } from './resolve.ts'

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

export type ArticleStatus = 'new' | 'updated' | 'unchanged' | 'failed'

export interface ArticleOutcome {
  id: string
  source: string
  status: ArticleStatus
  /** the reason, for failed articles */
  error?: string
  /**
   * for an article rewritten with the same text: the kinds of facts the graph held wrongly, as
   * `kind stored/expected` (facts lost to a failure or a concurrent writer before this was fixed)
   */
  repaired?: string[]
}

export interface WriteCounts {
  /** entity nodes created (entities already in the graph are merged, not counted) */
  entitiesCreated: number
  /** entity nodes deleted because no article mentions them any more */
  entitiesDeleted: number
  quotes: number
  relations: number
  mentions: number
  roles: number
}

export interface BatchResult {
  outcomes: ArticleOutcome[]
  counts: WriteCounts
}

export function emptyCounts(): WriteCounts {
  return { entitiesCreated: 0, entitiesDeleted: 0, quotes: 0, relations: 0, mentions: 0, roles: 0 }
}

export function addCounts(into: WriteCounts, more: WriteCounts): WriteCounts {
  for (const k of Object.keys(into) as (keyof WriteCounts)[]) into[k] += more[k]
  return into
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

// ---------------------------------------------------------------------------------------------
// Cypher: named, parameterised constants. Integers arrive from JavaScript as floats, so offsets
// and counts go through toInteger() to be stored as integers.

/**
 * The facts an article `a` (whose id is `id`) holds in the graph, one count per kind of FactCounts.
 * Each is a degree or an index seek, cheap enough to read for every article a batch claims.
 */
const FACTS_OF_ARTICLE = `{
    mentions: COUNT { (a)-[:MENTIONS]->(:Entity) },
    quotes: COUNT { (a)<-[:IN]-(:Quote) },
    said: COUNT { (a)<-[:IN]-(:Quote)<-[:SAID]-(:Entity) },
    about: COUNT { (a)<-[:IN]-(:Quote)-[:ABOUT]->(:Entity) },
    relations: COUNT { ()-[:RELATED {articleId: id}]->() },
    roles: COUNT { ()-[:HOLDS_ROLE {articleId: id}]->() },
    wrote: COUNT { (:Entity)-[:WROTE]->(a) },
    places: COUNT { ()-[:IN_COUNTRY {articleId: id}]->() }
  }`

/**
 * Claims the batch's articles: MERGE creates the missing ones (their textHash is still null) and
 * takes the article's lock, so a second writer of the same article waits for the first to commit
 * and then finds its text hash stored. Ids come sorted, so writers lock them in the same order.
 * With the hash come the facts the graph holds for each stored article, so that an article whose
 * text is unchanged but whose facts are not those of its extraction is rewritten, not skipped.
 */
export const CLAIM_ARTICLES = `
UNWIND $ids AS id
MERGE (a:Article {id: id})
RETURN a.id AS id, a.textHash AS textHash,
  CASE WHEN a.textHash IS NULL THEN null ELSE ${FACTS_OF_ARTICLE} END AS facts`

/** The facts each stored article of `$ids` holds in the graph (the integrity checks compare them with extraction). */
export const STORED_FACTS = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, ${FACTS_OF_ARTICLE} AS facts`

/** Every entity an article links to (mentions, authors, and the countries of its places): the candidates for orphan cleanup. */
export const LINKED_ENTITIES = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(e:Entity)
RETURN e.id AS entityId
UNION
UNWIND $ids AS id
MATCH (p:Entity)-[:WROTE]->(:Article {id: id})
RETURN p.id AS entityId
UNION
UNWIND $ids AS id
MATCH (:Entity)-[:IN_COUNTRY {articleId: id}]->(c:Entity)
RETURN c.id AS entityId`

/** Quotes of the articles, with their SAID / IN / ABOUT relationships. */
export const DELETE_QUOTES = `
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:IN]-(q:Quote)
DETACH DELETE q`

/** Entity-to-entity facts of the articles, found by the relationship indexes on articleId (schema/graph.cypher). */
export const DELETE_RELATED = `
UNWIND $ids AS id
MATCH ()-[r:RELATED {articleId: id}]->()
DELETE r`
export const DELETE_ROLES = `
UNWIND $ids AS id
MATCH ()-[r:HOLDS_ROLE {articleId: id}]->()
DELETE r`
export const DELETE_IN_COUNTRY = `
UNWIND $ids AS id
MATCH ()-[r:IN_COUNTRY {articleId: id}]->()
DELETE r`

export const DELETE_ARTICLE_LINKS = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[r:MENTIONS|WROTE]-()
DELETE r`

export const DELETE_ARTICLES = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a`

/**
 * Write-locks the candidate entities for orphan cleanup, as any SET does, until the transaction
 * ends. Under read committed, "no article mentions e" read without the lock can be stale: another
 * transaction may be linking a new article to e (creating a relationship takes only a shared lock
 * on its nodes), and DETACH DELETE would wait for it to commit and then delete its new links with
 * e. The exclusive lock waits for those writers to commit, so DELETE_ORPHANS, run after it as a
 * statement of its own, sees their links and keeps e; a writer that comes after the lock waits,
 * finds e deleted, and its transaction is run again (NODE_DELETED_RACE) and creates e anew.
 */
export const LOCK_ENTITIES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e._lock = true
REMOVE e._lock`

/** Entities no article mentions any more (a country stays while a place lies in it); run after LOCK_ENTITIES. */
export const DELETE_ORPHANS = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (e)<-[:MENTIONS]-(:Article) }
  AND NOT EXISTS { (e)-[:WROTE]->(:Article) }
  AND NOT EXISTS { (e)<-[:IN_COUNTRY]-(:Entity) }
DETACH DELETE e
RETURN count(*) AS deleted`

// The articles written below are new or have had their facts deleted in the same transaction,
// so every per-article node and relationship is CREATEd; only entities, shared between
// articles, are MERGEd.

export const SET_ARTICLES = `
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.url = row.url, a.title = row.title, a.publishedAt = date(row.publishedAt), a.authors = row.authors,
    a.dateline = row.dateline, a.publisher = row.publisher, a.source = row.source,
    a.textHash = row.textHash, a.text = row.text`

/**
 * Entities: created with Entity plus their type's label. Name, type and aliases of an entity the
 * articles mention are then derived from all its mentions by the resolution (resolve.ts).
 */
export const MERGE_ENTITIES = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:$(row.type), e.name = row.name, e.type = row.type, e.aliases = row.aliases, e.iso2 = row.iso2, e.iso3 = row.iso3`

/**
 * Every per-article fact of the batch, one row per article. The article's entities (merged just
 * before) are sought once each, in the order of `row.nodes` (the node each of the forms in
 * `row.entities` resolved to, src/graph/resolve.ts), and every fact refers to them by
 * position: an article's ~100 relationships cost ~25 index seeks instead of ~200.
 */
export const CREATE_FACTS = `
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
CALL (row) {
  UNWIND range(0, size(row.nodes) - 1) AS i
  MATCH (e:Entity {id: row.nodes[toInteger(i)]})
  WITH i, e ORDER BY i
  RETURN collect(e) AS es
}
CALL (a, es, row) {
  UNWIND row.mentions AS m
  WITH a, es[toInteger(m.e)] AS e, m
  CREATE (a)-[:MENTIONS {count: toInteger(m.count), starts: [x IN m.starts | toInteger(x)],
      ends: [x IN m.ends | toInteger(x)], kinds: m.kinds, titles: m.titles, form: row.entities[toInteger(m.e)],
      group: m.group, formName: m.formName, formType: m.formType, formAliases: m.formAliases}]->(e)
}
CALL (a, es, row) {
  UNWIND row.quotes AS r
  CREATE (q:Quote {id: r.id, text: r.text, kind: r.kind, cue: r.cue, sentiment: r.sentiment,
      start: toInteger(r.start), end: toInteger(r.end), speakerName: r.speakerName,
      fragmentStarts: [x IN r.fragmentStarts | toInteger(x)], fragmentEnds: [x IN r.fragmentEnds | toInteger(x)],
      speakerStart: toInteger(r.speakerStart), speakerEnd: toInteger(r.speakerEnd),
      sentence: r.sentence, sentenceStart: toInteger(r.sentenceStart),
      sentenceEnd: toInteger(r.sentenceEnd), articleId: row.id, publishedAt: date(r.publishedAt)})
  CREATE (q)-[:IN]->(a)
  FOREACH (i IN r.speakers | FOREACH (e IN [es[toInteger(i)]] | CREATE (e)-[:SAID {form: row.entities[toInteger(i)]}]->(q)))
  FOREACH (i IN r.about | FOREACH (e IN [es[toInteger(i)]] | CREATE (q)-[:ABOUT {form: row.entities[toInteger(i)]}]->(e)))
}
CALL (es, row) {
  UNWIND row.relations AS r
  WITH es[toInteger(r.s)] AS s, es[toInteger(r.t)] AS t, r
  CREATE (s)-[:RELATED {type: r.type, articleId: row.id, evidence: r.evidence,
      start: toInteger(r.start), end: toInteger(r.end), sourceForm: row.entities[toInteger(r.s)], targetForm: row.entities[toInteger(r.t)]}]->(t)
}
CALL (es, row) {
  UNWIND row.roles AS r
  WITH es[toInteger(r.p)] AS p, es[toInteger(r.o)] AS o, r
  CREATE (p)-[:HOLDS_ROLE {articleId: row.id, title: r.title, sourceForm: row.entities[toInteger(r.p)], targetForm: row.entities[toInteger(r.o)]}]->(o)
}
CALL (a, es, row) {
  UNWIND row.wrote AS i
  WITH a, es[toInteger(i)] AS p, row.entities[toInteger(i)] AS form
  CREATE (p)-[:WROTE {form: form}]->(a)
}
CALL (es, row) {
  UNWIND row.places AS r
  WITH es[toInteger(r.p)] AS p, es[toInteger(r.c)] AS c, row.entities[toInteger(r.p)] AS pf, row.entities[toInteger(r.c)] AS cf
  CREATE (p)-[:IN_COUNTRY {articleId: row.id, sourceForm: pf, targetForm: cf}]->(c)
}`

/** The CREATE_FACTS row of one article: its entity ids, and its facts referring to them by position. */
function factsRow(rows: Rows, nodeOf: (id: string) => string = (id) => id): Record<string, unknown> {
  const ids = rows.entities.map((e) => e.id)
  const at = new Map(ids.map((id, i) => [id, i]))
  const pos = (id: string): number => {
    const i = at.get(id)
    if (i === undefined) throw new Error(`a fact refers to ${id}, which is not among the article's entities`)
    return i
  }
  // quote id -> positions of its speakers / of the entities it is about
  const byQuote = (links: LinkRow[], quote: (l: LinkRow) => string, entity: (l: LinkRow) => string): Map<string, number[]> => {
    const out = new Map<string, number[]>()
    for (const l of links) {
      const list = out.get(quote(l))
      if (list) list.push(pos(entity(l)))
      else out.set(quote(l), [pos(entity(l))])
    }
    return out
  }
  const speakers = byQuote(rows.said, (l) => l.to, (l) => l.from)
  const about = byQuote(rows.about, (l) => l.from, (l) => l.to)
  return {
    id: rows.articles[0].id,
    entities: ids,
    nodes: ids.map(nodeOf),
    mentions: rows.mentions.map((m) => ({
      e: pos(m.entityId), count: m.count, starts: m.starts, ends: m.ends, kinds: m.kinds, titles: m.titles,
      group: m.group, formName: m.formName, formType: m.formType, formAliases: m.formAliases,
    })),
    quotes: rows.quotes.map(({ articleId: _, ...q }) => ({ ...q, speakers: speakers.get(q.id) ?? [], about: about.get(q.id) ?? [] })),
    relations: rows.relations.map((r) => ({ s: pos(r.sourceId), t: pos(r.targetId), type: r.type, evidence: r.evidence, start: r.start, end: r.end })),
    roles: rows.roles.map((r) => ({ p: pos(r.personId), o: pos(r.orgId), title: r.title })),
    wrote: rows.wrote.map((l) => pos(l.from)),
    places: rows.places.map((p) => ({ p: pos(p.placeId), c: pos(p.countryId) })),
  }
}

// ---------------------------------------------------------------------------------------------
// Transactions

/** The node each (article, form) is written on: the one its record resolved to (planGroups), else the form's own id. */
type NodeOf = (articleId: string, form: string) => string

function nodeFinder(target: Map<string, string>): NodeOf {
  return (articleId, form) => target.get(recordKey({ articleId, form })) ?? form
}

/**
 * Creates the nodes of the entities that are their own node (authors or countries the article does
 * not mention, and forms that resolved to their own id), with their type's label and ISO codes, as
 * the extraction gave them; run before the resolved nodes are written (applyPlan), which then sets
 * their name, type and aliases. Nodes the forms resolved into are created by applyPlan. Returns how
 * many nodes it created.
 */
async function mergeOwnEntities(tx: ManagedTransaction, list: Rows[], nodeOf: NodeOf): Promise<number> {
  const own = list.map((r) => ({ ...r, entities: r.entities.filter((e) => nodeOf(r.articles[0].id, e.id) === e.id) }))
  const rows = mergeEntities(own)
  if (!rows.length) return 0
  return (await tx.run(MERGE_ENTITIES, { rows })).summary.counters.updates().nodesCreated
}

/** Runs the queries that write `list`, one Rows per article (articles not in the graph, or whose old facts are gone), onto the nodes `nodeOf` gives. */
async function writeRows(tx: ManagedTransaction, list: Rows[], nodeOf: NodeOf): Promise<WriteCounts> {
  const counts = emptyCounts()
  const run = (query: string, params: unknown[]): Promise<QueryResult> | null => (params.length ? tx.run(query, { rows: params }) : null)
  // Issued together, the queries are pipelined on the connection and run in order.
  await Promise.all([
    run(SET_ARTICLES, list.flatMap((r) => r.articles)),
    run(CREATE_FACTS, list.map((r) => factsRow(r, (id) => nodeOf(r.articles[0].id, id)))),
  ])
  for (const rows of list) {
    counts.quotes += rows.quotes.length
    counts.relations += rows.relations.length
    counts.mentions += rows.mentions.reduce((n, m) => n + m.count, 0)
    counts.roles += rows.roles.length
  }
  return counts
}

/** The resolution records of the articles to write: one per entity the article mentions (resolve.ts). */
function formRecords(list: Rows[]): (FormRecord & { group: string })[] {
  return list.flatMap((r) =>
    r.mentions.map((m) => ({
      articleId: m.articleId,
      form: m.entityId,
      name: m.formName,
      type: m.formType,
      count: m.count,
      aliases: m.formAliases,
      date: r.articles[0].publishedAt,
      group: m.group,
    })),
  )
}

/** Deletes the facts of the articles `ids` (not the article nodes); returns the entities they linked to. */
async function deleteFacts(tx: ManagedTransaction, ids: string[]): Promise<string[]> {
  const linked = await tx.run(LINKED_ENTITIES, { ids })
  for (const query of [DELETE_QUOTES, DELETE_RELATED, DELETE_ROLES, DELETE_IN_COUNTRY, DELETE_ARTICLE_LINKS]) await tx.run(query, { ids })
  return [...new Set(linked.records.map((r) => r.get('entityId') as string))]
}

/** Deletes the entities of `ids` that no article links to any more, safe against concurrent writers (LOCK_ENTITIES). */
async function deleteOrphans(tx: ManagedTransaction, ids: string[]): Promise<number> {
  if (!ids.length) return 0
  // in id order, as MERGE_ENTITIES takes them, so that writers wait for each other rather than deadlock
  const sorted = [...ids].sort()
  await tx.run(LOCK_ENTITIES, { ids: sorted })
  const res = await tx.run(DELETE_ORPHANS, { ids: sorted })
  return Number(res.records[0]?.get('deleted') ?? 0)
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

/** The facts of each article of `ids` that the graph holds (articles not in the graph are left out). */
export async function storedFacts(driver: Driver, ids: string[], opts: { database?: string } = {}): Promise<Map<string, FactCounts>> {
  const res = await driver.executeQuery(STORED_FACTS, { ids }, { database: opts.database, routing: 'READ' })
  return new Map(res.records.map((r) => [r.get('id') as string, toFactCounts(r.get('facts'))]))
}

function toFactCounts(m: Record<string, unknown>): FactCounts {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v)])) as unknown as FactCounts
}

export function prepare(doc: ArticleToWrite): PreparedArticle {
  const rows = toRows(doc)
  return { id: rows.articles[0].id, source: doc.extracted.source, textHash: rows.articles[0].textHash, rows, size: rowCount(rows) }
}

/**
 * The transaction of one batch. Pure with respect to the outside (the driver may run it again
 * on a transient error): it decides new / updated / unchanged from what the graph holds now.
 */
export async function writeBatchTx(tx: ManagedTransaction, batch: PreparedArticle[]): Promise<BatchResult> {
  // the same article twice in one batch: the last one wins, as if written one after the other
  const byId = new Map<string, PreparedArticle>()
  for (const p of batch) byId.set(p.id, p)
  const stored = await tx.run(CLAIM_ARTICLES, { ids: [...byId.keys()].sort() })
  const hashes = new Map<string, string>()
  /** stored articles with their text but not the facts its extraction finds, and what differs */
  const damaged = new Map<string, string[]>()
  for (const r of stored.records) {
    const id = r.get('id') as string
    if (r.get('textHash') === null) continue
    hashes.set(id, r.get('textHash') as string)
    const differences = factDifferences(toFactCounts(r.get('facts')), factCounts(byId.get(id)!.rows))
    if (differences.length) damaged.set(id, differences)
  }

  const outcomes: ArticleOutcome[] = []
  const toWrite: PreparedArticle[] = []
  const replace: string[] = []
  const seen = new Set<string>()
  for (const p of batch) {
    const last = byId.get(p.id) === p
    const storedHash = hashes.get(p.id)
    // an article whose stored facts differ from its extraction is rewritten even when its text is the same
    const current = storedHash === p.textHash && !damaged.has(p.id)
    let status: ArticleStatus
    if (storedHash === undefined) status = seen.has(p.id) ? 'unchanged' : 'new'
    else status = current ? 'unchanged' : 'updated'
    if (seen.has(p.id) && !last) status = 'unchanged'
    const outcome: ArticleOutcome = { id: p.id, source: p.source, status }
    if (status === 'updated' && storedHash === p.textHash) outcome.repaired = damaged.get(p.id)
    outcomes.push(outcome)
    // the last copy is written whenever the graph does not hold its text and facts, even when an
    // earlier copy in this batch was the one counted as new (that copy is not written)
    if (last && !current) {
      toWrite.push(p)
      if (storedHash !== undefined) replace.push(p.id)
    }
    seen.add(p.id)
  }

  const counts = emptyCounts()
  // the name groups whose resolution the batch may change: locked before anything is written
  const groups = new Set(toWrite.flatMap((p) => p.rows.mentions.map((m) => m.group)))
  await lockGroups(tx, groups)
  const old = await groupsOfArticles(tx, replace)
  await lockGroups(tx, old.filter((g) => !groups.has(g)))
  for (const g of old) groups.add(g)
  const candidates = replace.length ? await deleteFacts(tx, replace) : []
  // resolved with the batch's records first, so that its facts are written straight onto their nodes
  const list = toWrite.map((p) => p.rows)
  const plan = await planGroups(tx, groups, formRecords(list))
  const nodeOf = nodeFinder(plan.target)
  const own = await mergeOwnEntities(tx, list, nodeOf)
  const { vacated, created } = await applyPlan(tx, plan)
  if (toWrite.length) addCounts(counts, await writeRows(tx, list, nodeOf))
  counts.entitiesCreated += own + created
  counts.entitiesDeleted = await deleteOrphans(tx, [...new Set([...candidates, ...vacated])])
  return { outcomes, counts }
}

/** Neo4j's answer when two transactions MERGE the same unique id at once: safe to run again. */
const CONSTRAINT_RACE = 'Neo.ClientError.Schema.ConstraintValidationFailed'

/**
 * Neo4j's answers when this transaction found an entity that a concurrent orphan cleanup then
 * deleted (it waited for that cleanup's lock, see LOCK_ENTITIES): safe to run again, since the
 * run again creates the entity anew. Neo4j gives them no code of their own, hence the messages.
 */
const DELETED_NODE_RACE = [/Failed to create relationship .* node .* is missing/s, /Unable to load NODE /]

function isWriteRace(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string }
  return code === CONSTRAINT_RACE || DELETED_NODE_RACE.some((re) => re.test(message ?? ''))
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code
  return code === 'ServiceUnavailable' || code === 'SessionExpired'
}

export interface WriteOptions {
  database?: string
  /** attempts after a race between concurrent writers (isWriteRace; executeWrite itself retries transient errors) */
  raceRetries?: number
}

/** Runs `work` in one write transaction, running it again when it lost a race to a concurrent writer (isWriteRace). */
async function writeWithRetries<T>(driver: Driver, opts: WriteOptions, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  const retries = opts.raceRetries ?? 5
  for (let attempt = 0; ; attempt++) {
    const session = driver.session({ database: opts.database, defaultAccessMode: 'WRITE' })
    try {
      return await session.executeWrite(work)
    } catch (err) {
      if (!isWriteRace(err) || attempt >= retries) throw err
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 50))
    } finally {
      await session.close()
    }
  }
}

/** Writes one batch in one transaction, retrying when a concurrent writer created the same ids first or deleted an entity it links to. */
export function writeBatch(driver: Driver, batch: PreparedArticle[], opts: WriteOptions = {}): Promise<BatchResult> {
  return writeWithRetries(driver, opts, (tx) => writeBatchTx(tx, batch))
}

/**
 * Writes a batch; when the batch fails for a reason other than the connection, writes its
 * articles one by one so one bad article fails alone and the others are still written.
 */
export async function writeBatchIsolated(driver: Driver, batch: PreparedArticle[], opts: WriteOptions = {}): Promise<BatchResult> {
  const tooBig = batch.filter((p) => (p.size ?? rowCount(p.rows)) > MAX_ARTICLE_ROWS)
  if (tooBig.length) {
    const rest = await (tooBig.length < batch.length ? writeBatchIsolated(driver, batch.filter((p) => !tooBig.includes(p)), opts) : null)
    const refused: ArticleOutcome[] = tooBig.map((p) => ({
      id: p.id,
      source: p.source,
      status: 'failed',
      error: `too large to write in one transaction: ${p.size ?? rowCount(p.rows)} facts (the limit is ${MAX_ARTICLE_ROWS}); split the input into smaller articles`,
    }))
    return { outcomes: [...(rest?.outcomes ?? []), ...refused], counts: rest?.counts ?? emptyCounts() }
  }
  try {
    return await writeBatch(driver, batch, opts)
  } catch (err) {
    if (isConnectionError(err)) throw err
    if (batch.length === 1) {
      return { outcomes: [{ id: batch[0].id, source: batch[0].source, status: 'failed', error: errorText(err) }], counts: emptyCounts() }
    }
  }
  const result: BatchResult = { outcomes: [], counts: emptyCounts() }
  for (const one of batch) {
    const r = await writeBatchIsolated(driver, [one], opts)
    result.outcomes.push(...r.outcomes)
    addCounts(result.counts, r.counts)
  }
  return result
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err)
}

// ---------------------------------------------------------------------------------------------
// Removal

/**
 * Finds an article by its id or its URL. Not by its source: many articles share one (every
 * article of a JSON file, every one read from stdin `-`, every one added through the API `api`).
 */
export const FIND_ARTICLE = `
MATCH (a:Article)
WHERE a.id = $key OR a.url = $key
RETURN a.id AS id`

/**
 * Write-locks the articles found, then returns those still there: of two removals of the same
 * article at once, the second waits for the first and then finds nothing (or, having read the
 * node before it was deleted, fails with a deleted-node race and is run again, finding nothing).
 */
export const LOCK_ARTICLES = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
SET a._lock = true
REMOVE a._lock`
export const ARTICLES_STILL_THERE = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id`

export interface RemoveResult {
  /** the ids of the removed articles (none when nothing matched, or a concurrent removal got there first) */
  removed: string[]
  entitiesDeleted: number
}

/** Deletes one article (by id or URL), its facts, and every entity no other article mentions. One transaction. */
export async function removeArticle(driver: Driver, idOrUrl: string, opts: WriteOptions = {}): Promise<RemoveResult> {
  const ids = (tx: ManagedTransaction, query: string, params: Record<string, unknown>) =>
    tx.run(query, params).then((r) => [...new Set(r.records.map((x) => x.get('id') as string))].sort())
  return writeWithRetries(driver, opts, async (tx) => {
    const found = await ids(tx, FIND_ARTICLE, { key: idOrUrl })
    if (!found.length) return { removed: [], entitiesDeleted: 0 }
    await tx.run(LOCK_ARTICLES, { ids: found })
    const present = await ids(tx, ARTICLES_STILL_THERE, { ids: found })
    if (!present.length) return { removed: [], entitiesDeleted: 0 }
    // the name groups its forms belong to are resolved again without it (src/graph/resolve.ts)
    const groups = await groupsOfArticles(tx, present)
    await lockGroups(tx, groups)
    const candidates = await deleteFacts(tx, present)
    await tx.run(DELETE_ARTICLES, { ids: present })
    const { vacated } = await resolveGroups(tx, groups)
    return { removed: present, entitiesDeleted: await deleteOrphans(tx, [...new Set([...candidates, ...vacated])]) }
  })
}
