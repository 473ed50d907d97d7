// The read queries the API uses: named, parameterised Cypher constants (the executor that runs them and
// the parameter helpers are in read-executor.ts, the row shapes in read-rows.ts, how a quote and its article
// are read in read-quote.ts, Entity.related's queries in read-related.ts, Query.path's in read-path.ts; all
// re-exported here). Every query that serves a list field takes a list of ids (UNWIND $ids) so the API's
// DataLoaders can answer a whole level of a GraphQL request with one round trip.
// Nothing a user sends is ever spliced into query text: names, search terms and filters travel as
// parameters; the only query text chosen at run time is one of the prebuilt PATH_QUERIES (or PATH_REF_QUERIES), picked by
// a clamped integer, or one of quoteQueries' variants, picked by which fields the request asks for
// (three booleans: the text is made from this file's constants only).
import { PAGE_PREFIX, PAIR_PREFIX, PAIR_SPEAKER } from './pages.ts'
import { ENTITY, ENTITY_LEAN, ENTITY_REF, RELATION } from './read-fragments.ts'
import { ARTICLE, ARTICLE_LEAN, NO_PARTS, QUOTE, QUOTE_VALUES, whoQuotesOf, type QuoteParts } from './read-quote.ts'

export * from './read-rows.ts'
export * from './read-executor.ts'
export * from './read-related.ts'
export * from './read-path.ts'
export { ENTITIES_BY_ID, ENTITIES_BY_NAME, entityLookup, type EntityLookup } from './read-fragments.ts'
export { ARTICLE, ARTICLE_LEAN, NO_PARTS, type QuoteParts } from './read-quote.ts'

/** newest first, undated last, then by id: a total order, so offset pages never repeat */
const NEWEST = (v: string) => `${v}.publishedAt IS NULL, ${v}.publishedAt DESC, ${v}.id`

/** the date filter, on a node with `publishedAt`; $from/$to are YYYY-MM-DD strings or null */
const DATE_RANGE = (v: string) =>
  `($from IS NULL OR ${v}.publishedAt >= date($from)) AND ($to IS NULL OR ${v}.publishedAt <= date($to))`

// ---------------------------------------------------------------------------------------------
// Queries

const search = (entity: (v: string) => string) => `
CALL db.index.fulltext.queryNodes($searchIndex, $lucene, {limit: $candidates}) YIELD node, score
WHERE $types IS NULL OR node.type IN $types
WITH node, score, coalesce(node.articleCount, 0) AS articles
RETURN ${entity('node')} AS entity, coalesce(node.mentionCount, 0) AS mentionCount
ORDER BY score * (1 + 0.25 * log10(1 + articles)) DESC, articles DESC, node.id
LIMIT $first`
export const SEARCH = search(ENTITY)
/** SEARCH with its hits as ENTITY_LEAN reads them, for a request that asks none of the rest */
export const SEARCH_LEAN = search(ENTITY_LEAN)

/** how often the articles name each entity: the counter the writers keep (aggregates.ts), not a sum over its MENTIONS */
export const MENTION_COUNTS = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id AS key, coalesce(e.mentionCount, 0) AS value`

export const ARTICLES_BY_ID = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id AS key, ${ARTICLE('a')} AS article`

export const ARTICLE_TEXTS = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id AS key, a.text AS value`

/**
 * A page ($skip, $limit) of the articles mentioning `e`, newest first, as \`k\` (sort key) and \`a\`, read in order from the
 * `mentions_page` index (pages.ts): $skip + $limit index entries, not every article of the entity. DISTINCT: two
 * name forms of one article may have resolved to one entity (two MENTIONS with one key). No label check:
 * MENTIONS starts only at an article (write.ts CREATE_FACTS, moves.ts MOVE_FACTS).
 */
const ARTICLES_NEWEST = (e: string, skip: string, limit: string, guard?: string) => `
  MATCH (a)-[m:MENTIONS]->() WHERE m.page STARTS WITH ${guard ? `CASE WHEN ${guard} THEN ${PAGE_PREFIX(`${e}.id`)} END` : PAGE_PREFIX(`${e}.id`)}
  WITH DISTINCT m.page AS k, a ORDER BY k SKIP ${skip} LIMIT ${limit}`

/**
 * `rows` (or `as`): the page ($skip, $limit, or the expressions `skip` and `limit`) of articles mentioning
 * the entity bound to `e`, newest first, each as `article('a')`; with `guard` (a Cypher condition), none
 * unless it holds (in the seek's prefix, as QUOTE_SCAN's)
 */
export const ARTICLE_ROWS = (article: (v: string) => string, e = 'e', skip = '$skip', limit = '$limit', guard?: string, as = 'rows') => `CALL (${e}) {
  ${ARTICLES_NEWEST(e, skip, limit, guard)}
  RETURN collect(${article('a')}) AS ${as}
}`

/** the articles mentioning each entity, newest first; the total is the counter kept by the writers (aggregates.ts) */
const entityArticles = (article: (v: string) => string) => `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
${ARTICLE_ROWS(article)}
RETURN id AS key, rows, coalesce(e.articleCount, 0) AS total`
export const ENTITY_ARTICLES = entityArticles(ARTICLE)
/**
 * ENTITY_ARTICLES with each article's id, title and date only (ARTICLE_LEAN), for a request that asks
 * no other of its stored fields (src/api/lookahead.ts articleLeanAt): 3 properties read an article, not 8
 */
export const ENTITY_ARTICLES_LEAN = entityArticles(ARTICLE_LEAN)

/**
 * The first `n` quotes (as \`q\`, each once, with \`sk\`: the key after the entity's prefix, which sorts as
 * NEWEST) of an index-ordered scan of the relationships keyed by `e` (pages.ts), when `guard` holds.
 * The guard is part of the seek's prefix (null when it does not hold,
 * which seeks nothing): as a WHERE before the MATCH, the planner placed it after the seek, so the
 * branches that do not apply scanned the entity's whole range (checked with PROFILE at 3,000 articles:
 * 73,000 index entries per branch).
 */
const QUOTE_SCAN = (pattern: string, e: string, guard: string, n: string) => `
  MATCH ${pattern} WHERE r.page STARTS WITH CASE WHEN ${guard} THEN ${PAGE_PREFIX(`${e}.id`)} END
  WITH DISTINCT r.page AS k, q ORDER BY k LIMIT ${n}
  RETURN q, substring(k, size(${e}.id) + 1) AS sk`
const SAID_BY = '()-[r:SAID]->(q)'

/**
 * `as` (default `rows`): the page (`skip`, `limit`: Cypher expressions) of the quotes said by the entity bound
 * to `e`, newest first, each as QUOTE reads it with `p`; none unless `guard` holds. QUOTES_BY_SPEAKERS' page
 * without $aboutId, for one entity already bound (read-entity.ts).
 */
export const SAID_PAGE = (e: string, guard: string, skip: string, limit: string, p: QuoteParts, as = 'rows') => `CALL (${e}) {
  CALL (${e}) {${QUOTE_SCAN(SAID_BY, e, guard, `${skip} + ${limit}`)}
  }
  WITH DISTINCT q, sk ORDER BY sk SKIP ${skip} LIMIT ${limit}
  RETURN collect(${QUOTE('q', p, undefined, 'sk')}) AS ${as}
}`
const ABOUT_OF = '(q)-[r:ABOUT]->()'

/**
 * The newest `n` quotes about \`x\` of one speaker (as \`q\`, each once, with \`sk\`, the key after the
 * pair's prefix, which sorts as NEWEST), read in order from the pair's own page (pages.ts PAIR_PAGE_OF): `n`
 * index entries, whatever else the speaker said or was said about \`x\`. `speaker` is the key's speaker
 * part (PAIR_SPEAKER), null when the guard of the caller does not hold (seeks nothing). DISTINCT: two
 * name forms of one article resolved to one entity give a quote two ABOUT with one key.
 */
const PAIR_SCAN = (x: string, speaker: string, n: string) => `
  WITH *, ${PAIR_PREFIX(`${x}.id`, speaker)} AS pp
  MATCH (q)-[r:ABOUT]->() WHERE r.pairPage STARTS WITH pp
  WITH DISTINCT r.pairPage AS k, q, size(pp) AS pl ORDER BY k LIMIT ${n}
  RETURN q, substring(k, pl) AS sk`

/**
 * The newest `n` quotes (as \`q\`, each once, unordered, with \`sk\`: callers sort them by it, which is
 * NEWEST without reading each quote's date and id again) said by \`s\` and
 * about \`x\`, either of which may be null (no condition on that side). Read newest first from the
 * page indexes (pages.ts): the speaker's SAID page, the subject's ABOUT page, or, with both, the page of
 * the pair on ABOUT (PAIR_SCAN), stopping at the n-th. Only the branch whose guard holds reads anything.
 */
const QUOTES_OF = (s: string, x: string, n: string) => `
CALL (${s}, ${x}) {
  WITH ${s}, ${x}
  ${QUOTE_SCAN(SAID_BY, s, `${x} IS NULL`, n)}
  UNION
  WITH ${s}, ${x}
  ${QUOTE_SCAN(ABOUT_OF, x, `${s} IS NULL`, n)}
  UNION
  WITH ${s}, ${x}
  ${PAIR_SCAN(x, `CASE WHEN ${s} IS NOT NULL THEN 'e:' + ${s}.id END`, n)}
}`

/** how many quotes \`s\` said about \`x\` (SPOKE_ABOUT, aggregates.ts) */
const SPOKE = (s: string, x: string) => `coalesce(head([(${s})-[r:SPOKE_ABOUT]->(${x}) | r.count]), 0)`

/**
 * The quotes keyed by each entity of $ids, newest first: about it (`keyed` 'x'; optionally only those of one
 * speaker, $speakerId) or said by it (`keyed` 's'; optionally only those about one entity, $aboutId). The
 * totals are the counters the writers keep (aggregates.ts).
 */
const QUOTES_KEYED = (keyed: 's' | 'x', p: QuoteParts) => {
  const [other, otherId, counter] = keyed === 'x' ? ['s', '$speakerId', 'quotedAboutCount'] : ['x', '$aboutId', 'quoteCount']
  return `
UNWIND $ids AS id
MATCH (${keyed}:Entity {id: id})
OPTIONAL MATCH (${other}:Entity {id: ${otherId}})
CALL (s, x) {
  WITH s, x WHERE ${otherId} IS NULL OR ${other} IS NOT NULL
  ${QUOTES_OF('s', 'x', '$skip + $limit')}
  WITH q, sk ORDER BY sk SKIP $skip LIMIT $limit
  RETURN collect(${QUOTE('q', p, undefined, 'sk')}) AS rows
}
RETURN id AS key, rows,
       CASE WHEN ${otherId} IS NULL THEN coalesce(${keyed}.${counter}, 0) WHEN ${other} IS NULL THEN 0 ELSE ${SPOKE('s', 'x')} END AS total`
}

/** quotes about each entity, optionally only those of one speaker ($speakerId) */
export const QUOTES_ABOUT_ENTITIES = QUOTES_KEYED('x', NO_PARTS)

/** quotes said by each entity, optionally only those about one entity ($aboutId) */
export const QUOTES_BY_SPEAKERS = QUOTES_KEYED('s', NO_PARTS)

/**
 * Query.quotes by speaker and/or about with no other filter: the page newest first from the smaller
 * side, the total from the counters (aggregates.ts). With a kind, text or date filter the
 * QUOTES_FILTERED_* queries below count what they find.
 */
const BY_ID_S = 'OPTIONAL MATCH (s:Entity {id: $speakerId})'
const BY_ID_X = 'OPTIONAL MATCH (x:Entity {id: $aboutId})'
const quotesPage = (p: QuoteParts, anchors = `${BY_ID_S}\n${BY_ID_X}`) => `
${anchors}
CALL (s, x) {
  WITH s, x WHERE ($speakerId IS NULL OR s IS NOT NULL) AND ($aboutId IS NULL OR x IS NOT NULL) AND (s IS NOT NULL OR x IS NOT NULL)
  ${QUOTES_OF('s', 'x', '$skip + $limit')}
  WITH q, sk ORDER BY sk SKIP $skip LIMIT $limit
  RETURN collect(${QUOTE('q', p, undefined, 'sk')}) AS rows
}
RETURN rows,
       CASE WHEN ($speakerId IS NOT NULL AND s IS NULL) OR ($aboutId IS NOT NULL AND x IS NULL) THEN 0
            WHEN x IS NULL THEN coalesce(s.quoteCount, 0)
            WHEN s IS NULL THEN coalesce(x.quotedAboutCount, 0)
            ELSE ${SPOKE('s', 'x')} END AS total`
export const QUOTES_PAGE = quotesPage(NO_PARTS)

const QUOTE_FILTER = (q: string) => `
  ($kind IS NULL OR ${q}.kind = $kind)
  AND ($text IS NULL OR toLower(${q}.text) CONTAINS $text)
  AND ${DATE_RANGE(q)}`

// DISTINCT: two name forms of one quote's article may have resolved to one entity (resolve.ts)
const PAGE_OF_QUOTES = (p: QuoteParts) => `
WITH DISTINCT q
WITH q ORDER BY ${NEWEST('q')}
WITH collect(q) AS qs
RETURN size(qs) AS total, [q IN qs[$skip..$skip + $limit] | ${QUOTE('q', p)}] AS rows`

/** Query.quotes: three shapes, so each starts from the most selective anchor */
const quotesFilteredBySpeaker = (p: QuoteParts) => `
MATCH (:Entity {id: $speakerId})-[:SAID]->(q:Quote)
WHERE ($aboutId IS NULL OR EXISTS { (q)-[:ABOUT]->(:Entity {id: $aboutId}) }) AND ${QUOTE_FILTER('q')}
${PAGE_OF_QUOTES(p)}`

const quotesFilteredByAbout = (p: QuoteParts) => `
MATCH (q:Quote)-[:ABOUT]->(:Entity {id: $aboutId})
WHERE ${QUOTE_FILTER('q')}
${PAGE_OF_QUOTES(p)}`

const quotesFiltered = (p: QuoteParts) => `
MATCH (q:Quote)
WHERE ${QUOTE_FILTER('q')}
${PAGE_OF_QUOTES(p)}`

/**
 * The rows of WHO_SAID_WHAT_ABOUT for the entity bound to `x`, in order (`i`): `s` (the speaker entity, or
 * null), `unresolved` (the name as written when no entity said them), `n` (their count about `x`) and
 * `quotes`, each of the speaker's newest `perSpeaker` quotes about `x` as `project('q', 'qa')`, where `qa`
 * is the quote's article when `withArticle` (the quote's IN, walked), else unbound. Seeking the article by the
 * id in the quote's pair page key (KEY_ARTICLE_ID) makes fewer db hits (~2 a quote against ~5) but costs
 * Neo4j more CPU: for whoSaidWhatAbout's 100 quotes on 10,000 articles, 1.77 ms a request against 1.42 walking
 * IN (issue 13, docs/scale.md). `first` and `perSpeaker` are Cypher expressions (parameters). Shared with the reading
 * view's entity page.
 */
export const SPEAKERS_ABOUT = (first: string, perSpeaker: string, project: (q: string, a: string) => string, withArticle = false) => `
CALL (x) {
  MATCH (s:Entity)-[r:SPOKE_ABOUT]->() WHERE r.rank STARTS WITH ${PAGE_PREFIX('x.id')}
  WITH s, r ORDER BY r.rank LIMIT ${first}
  RETURN r.rank AS k, s, null AS unresolved, r.count AS n
  UNION ALL
  MATCH ()-[u:QUOTED_UNATTRIBUTED]->() WHERE u.rank STARTS WITH ${PAGE_PREFIX('x.id')}
  WITH u ORDER BY u.rank LIMIT ${first}
  RETURN u.rank AS k, null AS s, CASE WHEN u.speakerName = '' THEN null ELSE u.speakerName END AS unresolved, u.count AS n
}
WITH x, k, s, unresolved, n
ORDER BY k
LIMIT ${first}
WITH x, collect({s: s, unresolved: unresolved, n: n}) AS top
UNWIND range(0, size(top) - 1) AS i
WITH x, i, top[i].s AS s, top[i].unresolved AS unresolved, top[i].n AS n
CALL (x, s, unresolved) {
  CALL (x, s, unresolved) {
    ${PAIR_SCAN('x', PAIR_SPEAKER('s.id', 'unresolved'), perSpeaker)}
  }
  // sk, the pair page after its prefix, sorts exactly as NEWEST (pages.ts) without reading the quotes' dates and ids again
  ${withArticle ? 'OPTIONAL MATCH (q)-[:IN]->(qa)\n  WITH q, sk, qa' : 'WITH q, sk'} ORDER BY sk
  RETURN collect(${project('q', 'qa')}) AS quotes
}
WITH i, s, unresolved, n, quotes
ORDER BY i`

/**
 * Quotes about one entity grouped by speaker, most prolific first: by count descending, then the
 * speakers that are entities before the names no entity said, then by speaker id (entities) or the
 * name as written (the others). Quotes whose speaker was not resolved to an entity are grouped by the
 * speaker's name as written. The speakers and their counts are read from SPOKE_ABOUT and
 * QUOTED_UNATTRIBUTED (kept by the writers, aggregates.ts), not counted, and the top $first of each
 * are read in that order from their `rank` indexes (pages.ts SPEAKER_RANK): 2 x $first index entries
 * at most, however many speakers the entity has.
 * Each speaker's newest quotes are read newest first from the pair's page (pages.ts PAIR_PAGE_OF):
 * $perSpeaker index entries, for a speaker entity or a speaker name no entity said alike (PAIR_SCAN).
 */
const whoSaidWhatAbout = (p: QuoteParts, anchor = 'MATCH (x:Entity {id: $aboutId})', speaker = ENTITY) => `
${anchor}
${SPEAKERS_ABOUT('$first', '$perSpeaker', (q, a) => (p.lean ? QUOTE_VALUES : QUOTE)(q, p, p.article ? a : undefined), p.article)}
RETURN CASE WHEN s IS NULL THEN null ELSE ${speaker('s')} END AS speaker,
       coalesce(s.name, unresolved) AS speakerName, n AS count, quotes`
export const WHO_SAID_WHAT_ABOUT = whoSaidWhatAbout(NO_PARTS)

const madeQuoteQueries = new Map<string, ReturnType<typeof makeQuoteQueries>>()
const makeQuoteQueries = (p: QuoteParts) => ({
  QUOTES_ABOUT_ENTITIES: QUOTES_KEYED('x', p),
  QUOTES_BY_SPEAKERS: QUOTES_KEYED('s', p),
  QUOTES_PAGE: quotesPage(p),
  QUOTES_FILTERED_BY_SPEAKER: quotesFilteredBySpeaker(p),
  QUOTES_FILTERED_BY_ABOUT: quotesFilteredByAbout(p),
  QUOTES_FILTERED: quotesFiltered(p),
  WHO_SAID_WHAT_ABOUT: whoSaidWhatAbout(p, undefined, p.speakerLean ? ENTITY_LEAN : ENTITY),
  /**
   * QUOTES_PAGE by the speaker (or the subject) $ref names (ENTITY_REF), the other side null: no row when it
   * names none. $speakerId (or $aboutId) is only tested for null there: any non-null value.
   */
  QUOTES_PAGE_SPEAKER_REF: quotesPage(p, `${ENTITY_REF('s')}\n${BY_ID_X}`),
  QUOTES_PAGE_ABOUT_REF: quotesPage(p, `${ENTITY_REF('x')}\n${BY_ID_S}`),
  /** WHO_SAID_WHAT_ABOUT of the entity $ref names (ENTITY_REF) */
  WHO_SAID_WHAT_ABOUT_REF: whoSaidWhatAbout(p, ENTITY_REF('x'), p.speakerLean ? ENTITY_LEAN : ENTITY),
  /** the `quotes` of a row of WHO_SAID_WHAT_ABOUT(_REF) as rows (lean: they were read as lists of values) */
  whoQuotes: whoQuotesOf(p),
})

/**
 * the queries that serve pages of quotes, each quote read with the parts `p` asks for (made once per
 * combination, when first asked: 16 without `lean`, 448 with it); `speakerLean` adds to the key only when
 * set, so entityByRefWithQuery's keys are as they were
 */
export const quotePartsKey = (p: QuoteParts) =>
  `${+!!p.article}${+!!p.about}${+!!p.speaker}` +
  (p.lean
    ? `l${+!!p.sentence}${+!!p.details}${+!!(p.article && p.articleDetails)}${+(p.id !== false)}${+(p.article && !p.articleDetails && p.articleId !== false)}` +
      `${+((p.about || p.speaker) && !!p.entitiesLean)}`
    : '') +
  (p.speakerLean ? 's' : '')
export function quoteQueries(p: QuoteParts): ReturnType<typeof makeQuoteQueries> {
  const key = quotePartsKey(p)
  let made = madeQuoteQueries.get(key)
  if (!made) madeQuoteQueries.set(key, (made = makeQuoteQueries(p)))
  return made
}

const ARTICLE_FILTER = `
  ($title IS NULL OR toLower(a.title) CONTAINS $title)
  AND ($publisher IS NULL OR toLower(a.publisher) = $publisher)
  AND ($author IS NULL OR any(w IN coalesce(a.authors, []) WHERE toLower(w) CONTAINS $author))
  AND ${DATE_RANGE('a')}`

const PAGE_OF_ARTICLES = `
WITH a ORDER BY ${NEWEST('a')}
WITH collect(a) AS found
RETURN size(found) AS total, [a IN found[$skip..$skip + $limit] | ${ARTICLE('a')}] AS rows`

export const QUOTES_FILTERED_BY_SPEAKER = quotesFilteredBySpeaker(NO_PARTS)
export const QUOTES_FILTERED_BY_ABOUT = quotesFilteredByAbout(NO_PARTS)
export const QUOTES_FILTERED = quotesFiltered(NO_PARTS)

export const ARTICLES_MENTIONING = `
MATCH (a:Article)-[:MENTIONS]->(:Entity {id: $entityId})
WHERE ${ARTICLE_FILTER}
WITH DISTINCT a
${PAGE_OF_ARTICLES}`

/** Query.articles by mention with no other filter: the page newest first, the total from the counter (aggregates.ts) */
const articlesMentioningPage = (anchor: string, article: (v: string) => string = ARTICLE) => `
${anchor}
${ARTICLE_ROWS(article)}
RETURN coalesce(e.articleCount, 0) AS total, rows`
export const ARTICLES_MENTIONING_PAGE = articlesMentioningPage('MATCH (e:Entity {id: $entityId})')
/** ARTICLES_MENTIONING_PAGE of the entity $ref names (ENTITY_REF): no row when it names none */
export const ARTICLES_MENTIONING_PAGE_REF = articlesMentioningPage(ENTITY_REF('e'))
/** the two with each article's id, title and date only (as ENTITY_ARTICLES_LEAN) */
export const ARTICLES_MENTIONING_PAGE_LEAN = articlesMentioningPage('MATCH (e:Entity {id: $entityId})', ARTICLE_LEAN)
export const ARTICLES_MENTIONING_PAGE_REF_LEAN = articlesMentioningPage(ENTITY_REF('e'), ARTICLE_LEAN)

/**
 * Query.articles with no filter: the page newest first from the `newest` index (pages.ts ARTICLE_NEWEST),
 * skip + limit entries, and the total from Neo4j's count store, not a sort and count of every article.
 */
export const ARTICLES_PAGE = `
CALL () {
  MATCH (a:Article) WHERE a.newest IS NOT NULL
  WITH a ORDER BY a.newest SKIP $skip LIMIT $limit
  RETURN collect(${ARTICLE('a')}) AS rows
}
CALL () {
  MATCH (a:Article) RETURN count(a) AS total
}
RETURN total, rows`

export const ARTICLES_FILTERED = `
MATCH (a:Article)
WHERE ${ARTICLE_FILTER}
${PAGE_OF_ARTICLES}`

export const ARTICLE_ENTITIES = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
  MATCH (a)-[m:MENTIONS]->(e:Entity)
  WHERE $types IS NULL OR e.type IN $types
  // two name forms of one article may have resolved to the same entity (resolve.ts): one row each entity
  WITH e, sum(m.count) AS count, collect(m) AS ms ORDER BY count DESC, e.name
  RETURN collect({entity: ${ENTITY('e')}, count: count,
                  starts: reduce(s = [], x IN ms | s + coalesce(x.starts, [])),
                  ends: reduce(s = [], x IN ms | s + coalesce(x.ends, []))}) AS value
}
RETURN id AS key, value`

export const ARTICLE_QUOTES = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
  MATCH (q:Quote)-[:IN]->(a)
  WITH q ORDER BY q.start, q.id
  RETURN collect(${QUOTE('q')}) AS value
}
RETURN id AS key, value`

export const ARTICLE_RELATIONS = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
  MATCH (a)-[:MENTIONS]->(s:Entity)-[r:RELATED]->(t:Entity)
  WHERE r.articleId = a.id
  WITH DISTINCT s, r, t ORDER BY r.start, r.type
  RETURN collect(${RELATION('r', 's', 't')}) AS value
}
RETURN id AS key, value`

export const PERSON_ROLES = `
UNWIND $ids AS id
MATCH (p:Entity:Person {id: id})
CALL (p) {
  CALL (p) {
    MATCH (p)-[h:HOLDS_ROLE]->(o:Entity)
    RETURN h.title AS title, o, h.articleId AS articleId
    UNION ALL
    MATCH (a:Article)-[m:MENTIONS]->(p) WHERE m.titles IS NOT NULL
    UNWIND m.titles AS title
    RETURN title, null AS o, a.id AS articleId
  }
  WITH title, o, min(articleId) AS articleId
  ORDER BY title, o.name
  RETURN collect({title: title, organisation: CASE WHEN o IS NULL THEN null ELSE ${ENTITY('o')} END,
                  articleId: articleId}) AS value
}
RETURN id AS key, ${ENTITY('p')} AS person, value`

export const ORGANISATION_MEMBERS = `
UNWIND $ids AS id
MATCH (o:Entity {id: id})
CALL (o) {
  MATCH (p:Person)-[h:HOLDS_ROLE]->(o)
  WITH p, h.title AS title, min(h.articleId) AS articleId
  ORDER BY p.name, title
  RETURN collect({person: ${ENTITY('p')}, title: title, articleId: articleId}) AS value
}
RETURN id AS key, ${ENTITY('o')} AS organisation, value`

export const COUNTRY_PLACES = `
UNWIND $ids AS id
MATCH (c:Entity:Country {id: id})
CALL (c) {
  MATCH (pl:Place)-[:IN_COUNTRY]->(c)
  WITH DISTINCT pl ORDER BY pl.name
  RETURN collect(${ENTITY('pl')}) AS value
}
RETURN id AS key, value`

export const PLACE_COUNTRIES = `
UNWIND $ids AS id
MATCH (pl:Entity:Place {id: id})
CALL (pl) {
  OPTIONAL MATCH (pl)-[:IN_COUNTRY]->(c:Country)
  WITH c, count(*) AS n ORDER BY n DESC, c.id LIMIT 1
  RETURN CASE WHEN c IS NULL THEN null ELSE ${ENTITY('c')} END AS value
}
RETURN id AS key, value`

/** what one article holds, as stored (ingestArticle's answer) */
export const ARTICLE_COUNTS = `
MATCH (a:Article {id: $id})
RETURN COUNT { MATCH (a)-[:MENTIONS]->(e:Entity) RETURN DISTINCT e } AS entities,
       COUNT { (:Quote)-[:IN]->(a) } AS quotes,
       COUNT { (a)-[:MENTIONS]->(:Entity)-[r:RELATED]->(:Entity) WHERE r.articleId = a.id } AS relations`

export const STATS = `
CALL () { MATCH (n:Article) RETURN count(n) AS articles }
CALL () { MATCH (n:Person) RETURN count(n) AS people }
CALL () { MATCH (n:Organisation) RETURN count(n) AS organisations }
CALL () { MATCH (n:Country) RETURN count(n) AS countries }
CALL () { MATCH (n:Place) RETURN count(n) AS places }
CALL () { MATCH (n:Quote) RETURN count(n) AS quotes }
CALL () { MATCH ()-[r:RELATED]->() RETURN count(r) AS relations }
RETURN articles, people, organisations, countries, places, quotes, relations`

export const PING = 'RETURN 1 AS ok'
