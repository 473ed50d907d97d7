// The read queries of the reading view (/view/): one named, parameterised Cypher constant per page,
// each answering the whole page in one round trip (the search page adds the API's own SEARCH).
// Nothing from a request is spliced into the text: ids, limits and search terms are parameters.
import { PAGE_PREFIX, RELATED_PAIR_PREFIX } from '../graph/pages.ts'
import { SPEAKERS_ABOUT, TOP_RELATED, type EntityRow, type EntityTypeName } from '../graph/read.ts'

const ENTITY = (v: string) =>
  `${v} {.id, .name, .type, aliases: coalesce(${v}.aliases, [])}`

const ARTICLE = (v: string) =>
  `${v} {.id, .url, .title, publishedAt: toString(${v}.publishedAt), authors: coalesce(${v}.authors, []),` +
  ` .dateline, .publisher, .source}`

/** newest first, undated last, then by id (as the API orders them) */

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
  `{id: ${q}.id, text: ${q}.text, start: ${q}.start, kind: ${q}.kind, cue: ${q}.cue, speakerName: ${q}.speakerName,` +
  ` publishedAt: toString(${q}.publishedAt), fragments: ${FRAGMENTS(q)},` +
  ` article: {id: ${a}.id, title: ${a}.title}, position: ${QUOTE_POSITION(q, a)}}`

export const VIEW_LATEST_ARTICLES = `
MATCH (a:Article) WHERE a.newest IS NOT NULL
WITH a ORDER BY a.newest LIMIT $limit
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
 * about it. The counts, the speakers, what it said and the related entities are read as the API reads
 * them (the counters and ranks the writers keep, aggregates.ts; the page keys, pages.ts), so they cost
 * what the page shows; a related entity's verbs are those of its first $verbScan typed relations.
 * The roles, members and the monthly timeline are still counted from every fact: they grow with what
 * the graph holds about the entity.
 */
export const VIEW_ENTITY = `
MATCH (e:Entity {id: $id})
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
  WITH e AS x
  ${SPEAKERS_ABOUT('$speakers', '$perSpeaker', (q) => `head([(${q})-[:IN]->(a:Article) | ${LISTED_QUOTE(q, 'a')}])`)}
  RETURN collect({speaker: CASE WHEN s IS NULL THEN null ELSE ${ENTITY('s')} END,
                  speakerName: coalesce(s.name, unresolved), count: n, quotes: quotes}) AS about
}
CALL (e) {
  MATCH ()-[r:SAID]->(q:Quote) WHERE r.page STARTS WITH ${PAGE_PREFIX('e.id')}
  WITH DISTINCT r.page AS k, q ORDER BY k LIMIT $said
  MATCH (q)-[:IN]->(a:Article)
  WITH k, q, a ORDER BY k
  RETURN collect(${LISTED_QUOTE('q', 'a')}) AS said
}
CALL (e) {
  ${TOP_RELATED('$related')}
  CALL (e, o) {
    // the verbs of the pair's first typed relations (typed sort first in the pair key, pages.ts)
    MATCH ()-[r:RELATED]->() WHERE r.pair STARTS WITH ${RELATED_PAIR_PREFIX('e', 'o')} + '0'
    WITH r ORDER BY r.pair LIMIT $verbScan
    RETURN collect(DISTINCT r.type)[..5] AS verbs
  }
  RETURN collect({entity: ${ENTITY('o')}, weight: toInteger(w.weight), verbs: verbs}) AS related
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
RETURN ${ENTITY('e')} AS entity, coalesce(e.mentionCount, 0) AS mentionCount, coalesce(e.articleCount, 0) AS articleCount,
       roles, members, about, coalesce(e.quoteCount, 0) AS saidCount, said, related, timeline`

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
  /** the quote's offset in its article (its fragments' offsets are the article's) */
  start: number | null
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
