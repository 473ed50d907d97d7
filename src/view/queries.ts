// The read queries of the reading view (/view/): one named, parameterised Cypher constant per page,
// each answering the whole page in one round trip (the search page adds the API's own SEARCH).
// Nothing from a request is spliced into the text: ids, limits and search terms are parameters.
import type { EntityRow, EntityTypeName } from '../graph/read.ts'

const ENTITY = (v: string) =>
  `${v} {.id, .name, .type, aliases: coalesce(${v}.aliases, [])}`

const ARTICLE = (v: string) =>
  `${v} {.id, .url, .title, publishedAt: toString(${v}.publishedAt), authors: coalesce(${v}.authors, []),` +
  ` .dateline, .publisher, .source}`

/** newest first, undated last, then by id (as the API orders them) */
const NEWEST = (v: string) => `${v}.publishedAt IS NULL, ${v}.publishedAt DESC, ${v}.id`

/**
 * The position of quote `q` in its article `a` (1-based, in reading order): the view's anchor
 * `#q-<n>`. Counting the quotes before it costs one expansion of the article's quotes per quote.
 */
const QUOTE_POSITION = (q: string, a: string) =>
  `COUNT { MATCH (o:Quote)-[:IN]->(${a}) WHERE o.start < ${q}.start OR (o.start = ${q}.start AND o.id < ${q}.id) } + 1`

/** a mixed quote's quoted parts, from the parallel lists the writer stores on the Quote node */
const FRAGMENTS = (q: string) =>
  `[i IN range(0, size(coalesce(${q}.fragmentStarts, [])) - 1) | {start: ${q}.fragmentStarts[i], end: ${q}.fragmentEnds[i]}]`

/** a quote as the entity page lists it: its words, kind, speaker, article and anchor there */
const LISTED_QUOTE = (q: string, a: string) =>
  `{id: ${q}.id, text: ${q}.text, kind: ${q}.kind, cue: ${q}.cue, speakerName: ${q}.speakerName,` +
  ` publishedAt: toString(${q}.publishedAt), fragments: ${FRAGMENTS(q)},` +
  ` article: {id: ${a}.id, title: ${a}.title}, position: ${QUOTE_POSITION(q, a)}}`

export const VIEW_LATEST_ARTICLES = `
MATCH (a:Article)
WITH a ORDER BY ${NEWEST('a')} LIMIT $limit
RETURN ${ARTICLE('a')} AS article,
       COUNT { (a)-[:MENTIONS]->(:Entity) } AS entities,
       COUNT { (:Quote)-[:IN]->(a) } AS quotes`

/**
 * Everything the article page shows: the article and its text, every mention span of every
 * entity it names, its quotes in reading order with their speakers and subjects, and the roles read
 * from it.
 */
export const VIEW_ARTICLE = `
MATCH (a:Article {id: $id})
CALL (a) {
  MATCH (a)-[m:MENTIONS]->(e:Entity)
  // two name forms of one article may have resolved to the same entity: one row each entity
  WITH e, sum(m.count) AS count, collect(m) AS ms ORDER BY count DESC, e.name
  RETURN collect({entity: ${ENTITY('e')}, count: count,
                  starts: reduce(s = [], x IN ms | s + coalesce(x.starts, [])),
                  ends: reduce(s = [], x IN ms | s + coalesce(x.ends, []))}) AS mentions
}
CALL (a) {
  MATCH (q:Quote)-[:IN]->(a)
  WITH q ORDER BY q.start, q.id
  RETURN collect({id: q.id, text: q.text, kind: q.kind, cue: q.cue, start: q.start, end: q.end,
                  speakerName: q.speakerName, fragments: ${FRAGMENTS('q')},
                  speaker: head([(s:Entity)-[:SAID]->(q) | ${ENTITY('s')}]),
                  about: [(q)-[:ABOUT]->(x:Entity) | ${ENTITY('x')}]}) AS quotes
}
CALL (a) {
  MATCH (p:Person)-[h:HOLDS_ROLE]->(o:Entity) WHERE h.articleId = a.id
  WITH DISTINCT p, h.title AS title, o ORDER BY p.name, title
  RETURN collect({person: ${ENTITY('p')}, title: title, organisation: ${ENTITY('o')}}) AS roles
}
RETURN ${ARTICLE('a')} AS article, a.text AS text, mentions, quotes, roles`

/**
 * Everything the entity page shows, in one round trip: the entity, its roles (as a person) and
 * members (as an organisation); the quotes about it grouped by speaker (as whoSaidWhatAbout: most
 * prolific first, each speaker's newest $perSpeaker); what it said itself (newest $said); its
 * related entities (as the API ranks them); and per month, the mentions of it and the quotes
 * about it.
 */
export const VIEW_ENTITY = `
MATCH (e:Entity {id: $id})
CALL (e) {
  OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
  RETURN coalesce(sum(m.count), 0) AS mentionCount, count(DISTINCT a) AS articleCount
}
CALL (e) {
  CALL (e) {
    MATCH (e)-[h:HOLDS_ROLE]->(o:Entity)
    RETURN h.title AS title, o
    UNION
    MATCH (:Article)-[m:MENTIONS]->(e) WHERE m.titles IS NOT NULL
    UNWIND m.titles AS title
    RETURN title, null AS o
  }
  WITH DISTINCT title, o ORDER BY title, o.name
  RETURN collect({title: title, organisation: CASE WHEN o IS NULL THEN null ELSE ${ENTITY('o')} END}) AS roles
}
CALL (e) {
  MATCH (p:Person)-[h:HOLDS_ROLE]->(e)
  WITH DISTINCT p, h.title AS title ORDER BY p.name, title
  RETURN collect({person: ${ENTITY('p')}, title: title}) AS members
}
CALL (e) {
  OPTIONAL MATCH (q:Quote)-[:ABOUT]->(e)
  WITH q WHERE q IS NOT NULL
  OPTIONAL MATCH (s:Entity)-[:SAID]->(q)
  WITH s, CASE WHEN s IS NULL THEN q.speakerName END AS unresolved, collect(q) AS qs
  WITH s, unresolved, qs, size(qs) AS n
  ORDER BY n DESC, coalesce(s.name, unresolved), s.id
  LIMIT $speakers
  CALL (qs) {
    UNWIND qs AS q
    WITH q ORDER BY ${NEWEST('q')} LIMIT $perSpeaker
    MATCH (q)-[:IN]->(a:Article)
    RETURN collect(${LISTED_QUOTE('q', 'a')}) AS quotes
  }
  RETURN collect({speaker: CASE WHEN s IS NULL THEN null ELSE ${ENTITY('s')} END,
                  speakerName: coalesce(s.name, unresolved), count: n, quotes: quotes}) AS about
}
CALL (e) {
  OPTIONAL MATCH (e)-[:SAID]->(q:Quote)
  WITH q WHERE q IS NOT NULL
  WITH q ORDER BY ${NEWEST('q')}
  WITH collect(q) AS qs
  CALL (qs) {
    UNWIND qs[..$said] AS q
    MATCH (q)-[:IN]->(a:Article)
    RETURN collect(${LISTED_QUOTE('q', 'a')}) AS rows
  }
  RETURN size(qs) AS saidCount, rows AS said
}
CALL (e) {
  OPTIONAL MATCH (e)-[r:RELATED]-(o:Entity) WHERE o <> e
  WITH o, sum(CASE WHEN r.type = 'co_mention' THEN 1 ELSE 2 END) AS weight,
       [t IN collect(DISTINCT r.type) WHERE t <> 'co_mention'] AS verbs
  WHERE o IS NOT NULL
  ORDER BY weight DESC, o.id
  LIMIT $related
  RETURN collect({entity: ${ENTITY('o')}, weight: weight, verbs: verbs[..5]}) AS related
}
CALL (e) {
  CALL (e) {
    MATCH (a:Article)-[m:MENTIONS]->(e) WHERE a.publishedAt IS NOT NULL
    RETURN substring(toString(a.publishedAt), 0, 7) AS month, m.count AS mentions, 0 AS quotes
    UNION ALL
    MATCH (q:Quote)-[:ABOUT]->(e) WHERE q.publishedAt IS NOT NULL
    RETURN substring(toString(q.publishedAt), 0, 7) AS month, 0 AS mentions, 1 AS quotes
  }
  WITH month, sum(mentions) AS mentions, sum(quotes) AS quotes ORDER BY month
  RETURN collect({month: month, mentions: mentions, quotes: quotes}) AS timeline
}
RETURN ${ENTITY('e')} AS entity, mentionCount, articleCount, roles, members, about, saidCount, said, related, timeline`

// ---------------------------------------------------------------------------------------------
// Row shapes

export type ViewEntity = Pick<EntityRow, 'id' | 'name' | 'type' | 'aliases'> & { type: EntityTypeName }

export interface ViewArticleMeta {
  id: string
  url: string | null
  title: string | null
  publishedAt: string | null
  authors: string[]
  dateline: string | null
  publisher: string | null
  source: string | null
}

export interface LatestArticleRow {
  article: ViewArticleMeta
  entities: number
  quotes: number
}

/** a part of a mixed quote (issue 15): rendered when present, ignored when absent */
export interface QuoteFragment {
  text?: string
  kind?: string
  start?: number
  end?: number
}

export interface ArticleQuoteRow {
  id: string
  text: string
  /** direct | indirect today; any other kind (e.g. mixed) is rendered like a direct quote */
  kind: string
  cue: string | null
  start: number
  end: number
  speakerName: string | null
  fragments: unknown
  speaker: ViewEntity | null
  about: ViewEntity[]
}

export interface ArticleMentionSpans {
  entity: ViewEntity
  count: number
  starts: number[]
  ends: number[]
}

export interface ArticlePageRow {
  article: ViewArticleMeta
  text: string | null
  mentions: ArticleMentionSpans[]
  quotes: ArticleQuoteRow[]
  roles: { person: ViewEntity; title: string; organisation: ViewEntity }[]
}

export interface ListedQuote {
  id: string
  text: string
  kind: string
  cue: string | null
  speakerName: string | null
  publishedAt: string | null
  fragments: unknown
  article: { id: string; title: string | null }
  position: number
}

export interface EntityPageRow {
  entity: ViewEntity
  mentionCount: number
  articleCount: number
  roles: { title: string; organisation: ViewEntity | null }[]
  members: { person: ViewEntity; title: string }[]
  about: { speaker: ViewEntity | null; speakerName: string | null; count: number; quotes: ListedQuote[] }[]
  saidCount: number
  said: ListedQuote[]
  related: { entity: ViewEntity; weight: number; verbs: string[] }[]
  timeline: { month: string; mentions: number; quotes: number }[]
}
