// How a quote and its article are read (Cypher map projections and lists of values; fixed text), for the
// queries of read.ts, which re-exports the public ones.
import { ENTITY, ENTITY_LEAN } from './read-fragments.ts'
import type { QuoteRow } from './read-rows.ts'

export const ARTICLE = (v: string) =>
  `${v} {.id, .url, .title, publishedAt: toString(${v}.publishedAt), authors: coalesce(${v}.authors, []),` +
  ` .dateline, .publisher, .source}`

/**
 * Which of a quote's neighbours a query reads with it, in its own projection (QUOTE), because the
 * GraphQL request asks for them: each saves the request the round trip of its DataLoader (issue 13).
 * `lean` (the API's lookahead sets it): the request asks for nothing else of the quote than what the
 * other flags say, so the projection reads only that: `id`, `text` and `kind` always, `sentence` and
 * the `details` (offsets, cue, sentiment, speaker as written, date, fragments and the article's id)
 * when asked, the neighbours' ids never (an asked neighbour is read whole), and of the article its
 * `id`, `title` and date unless `articleDetails`. Without `lean` every field is read, as a caller
 * that does not know what will be asked needs. All booleans: a handful of fixed texts, never more.
 * `id` and `articleId` false (lean only): the request asks neither the quote's id nor its article's, so
 * neither is read (each ~50 bytes of Bolt a quote and a db hit; issue 13); undefined reads them.
 * `entitiesLean` (lean only): the quote's subjects and speaker, when read, are read as ENTITY_LEAN (the
 * request asks none of their aliases, merged ids and ISO codes).
 * `speakerLean`: whoSaidWhatAbout's speaker entities (of its groups, not of its quotes) are read as
 * ENTITY_LEAN; the other queries do not read them.
 */
export interface QuoteParts {
  article: boolean
  about: boolean
  speaker: boolean
  lean?: boolean
  sentence?: boolean
  details?: boolean
  articleDetails?: boolean
  id?: boolean
  articleId?: boolean
  entitiesLean?: boolean
  speakerLean?: boolean
}
export const NO_PARTS: QuoteParts = { article: false, about: false, speaker: false }

/** an article's id (unless `withId` is false), title and date, read for a lean quote whose request asks no more of its article */
export const ARTICLE_LEAN = (v: string, withId = true) => `${v} {${withId ? '.id, ' : ''}.title, publishedAt: toString(${v}.publishedAt)}`

/** how a quote's subjects and speaker are read */
const quoteEntity = (p: QuoteParts) => (p.lean && p.entitiesLean ? ENTITY_LEAN : ENTITY)

/** a map entry of a projection: its key and the Cypher expression of its value */
type Entry = readonly [key: string, value: string]

/** `v`'s map projection of `entries` (`.k` for an entry that is v's own property k) */
const projection = (v: string, entries: readonly Entry[]) =>
  `${v} {${entries.map(([k, e]) => (e === `${v}.${k}` ? `.${k}` : `${k}: ${e}`)).join(', ')}}`

/**
 * the neighbours of quote `v` that `p` asks for, as map entries (fixed text; fresh variable names). The
 * article is sought by its id (the unique index on Article.id), read from the quote's id or, with `sk` (the
 * quote's page key after its owner's prefix, when the caller has it), from the key: the article IN joins the
 * quote to (write.ts CREATE_FACTS writes a quote's id as `<article id>#q<n>`), without walking the quote's
 * relationships to find IN, ~5 db hits a quote (issue 13). `article`: the variable the caller bound the
 * quote's article to (OPTIONAL MATCH, null when none).
 */
const quotePartEntries = (v: string, p: QuoteParts, article?: string, sk?: string): Entry[] => {
  const projectArticle = (a: string) => (p.lean && !p.articleDetails ? ARTICLE_LEAN(a, p.articleId !== false) : ARTICLE(a))
  const articleId = sk ? KEY_ARTICLE_ID(sk) : QUOTE_ARTICLE_ID(v)
  return [
    ...(p.article ? [['article', article ? projectArticle(article) : `head(COLLECT { MATCH (qpa:Article {id: ${articleId}}) RETURN ${projectArticle('qpa')} })`] as const] : []),
    // each subject once, in the order of aboutIds
    ...(p.about ? [['about', `[qpx IN reduce(xs = [], qpy IN [(${v})-[:ABOUT]->(qpy:Entity) | qpy] | CASE WHEN qpy IN xs THEN xs ELSE xs + qpy END) | ${quoteEntity(p)('qpx')}]`] as const] : []),
    ...(p.speaker ? [['speaker', `head([(qps:Entity)-[:SAID]->(${v}) | ${quoteEntity(p)('qps')}])`] as const] : []),
  ]
}

/**
 * the id of quote `v`'s article: the part of the quote's id before its `#` (`<article id>#q<n>`, rows.ts
 * quoteId; article ids, `url:<sha1>` or `text:<sha1>`, have none). Quotes are written without a copy of it
 * (write.ts CREATE_FACTS; stores written before carry an equal `articleId`). Following IN instead cost ~7
 * db hits a quote.
 */
const QUOTE_ARTICLE_ID = (v: string) => `split(${v}.id, '#')[0]`

/**
 * the id of the article of the quote whose page key, after its owner's prefix, is `sk` (`<date part> <quote id>`,
 * pages.ts; no id holds a space), as QUOTE_ARTICLE_ID: a seek of the article by it costs a db hit or two where
 * following the quote's IN walked its relationships, ~5 db hits a quote (issue 13)
 */
const KEY_ARTICLE_ID = (sk: string) => `split(split(${sk}, ' ')[1], '#')[0]`

/** quote `v`'s own properties `keys`, as map entries */
const own = (v: string, keys: readonly string[]): Entry[] => keys.map((k) => [k, `${v}.${k}`] as const)

/** the quote's date, fragments and article id: the part of its details that is not a property as it is */
const derivedDetailEntries = (v: string): Entry[] => [
  ['publishedAt', `toString(${v}.publishedAt)`],
  ['fragmentStarts', `coalesce(${v}.fragmentStarts, [])`],
  ['fragmentEnds', `coalesce(${v}.fragmentEnds, [])`],
  ['articleId', QUOTE_ARTICLE_ID(v)],
]

/** what a lean quote (QuoteParts.lean) is read as, in order: `id` unless not asked, `text`, `kind`, then what `p` asks */
const leanQuoteEntries = (v: string, p: QuoteParts, article?: string, sk?: string): Entry[] => [
  ...(p.id !== false ? [['id', `${v}.id`] as const] : []),
  ['text', `${v}.text`],
  ['kind', `${v}.kind`],
  ...(p.sentence ? [['sentence', `${v}.sentence`] as const] : []),
  // the offsets, cue, sentiment, speaker as written, date, fragments and article id (QuoteParts.details)
  ...(p.details ? [...own(v, ['start', 'end', 'cue', 'sentiment', 'speakerName']), ...derivedDetailEntries(v)] : []),
  ...quotePartEntries(v, p, article, sk),
]

/** what a quote is read as without `lean`: every property, its speaker's and subjects' ids, then what `p` asks */
const fullQuoteEntries = (v: string, p: QuoteParts, article?: string, sk?: string): Entry[] => [
  ...own(v, ['id', 'text', 'start', 'end', 'kind', 'cue', 'sentiment', 'speakerName', 'sentence']),
  ...derivedDetailEntries(v),
  // fresh variable names: a pattern comprehension binds a name still in scope (the callers' s and x were)
  ['speakerId', `head([(qis:Entity)-[:SAID]->(${v}) | qis.id])`],
  ['aboutIds', `reduce(ids = [], qix IN [(${v})-[:ABOUT]->(qix:Entity) | qix.id] | CASE WHEN qix IN ids THEN ids ELSE ids + qix END)`],
  ...quotePartEntries(v, p, article, sk),
]

/**
 * a quote with the ids of its speaker, subjects and article (the API loads those once per request), and the
 * parts `p` asks for; `article` as quotePartEntries takes it; `sk`, when the caller has it, the quote's page key
 * after its owner's prefix (the article's id is read from it, not from the quote)
 */
export const QUOTE = (v: string, p: QuoteParts = NO_PARTS, article?: string, sk?: string) =>
  projection(v, (p.lean ? leanQuoteEntries : fullQuoteEntries)(v, p, article, sk))

/**
 * a lean quote as the list of its values, in the order of `quoteValueKeys(p)`: whoSaidWhatAbout's quotes
 * (100 an answer at its defaults), where a map per quote made Neo4j write, and the driver decode, each of its
 * keys again for every quote (issue 13, docs/scale.md). `whoQuotes` (quoteQueries) makes the rows again.
 */
export const QUOTE_VALUES = (v: string, p: QuoteParts, article?: string, sk?: string) =>
  `[${leanQuoteEntries(v, p, article, sk).map(([, e]) => e).join(', ')}]`

/** the keys of QUOTE_VALUES's values, in order */
const quoteValueKeys = (p: QuoteParts): readonly string[] => leanQuoteEntries('q', p).map(([k]) => k)

/** the rows of quotes read as lists of values of `keys` (QUOTE_VALUES) */
function rowsOfValues(keys: readonly string[], lists: unknown): QuoteRow[] {
  return (lists as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {}
    for (let i = 0; i < keys.length; i++) row[keys[i]] = values[i]
    return row as unknown as QuoteRow
  })
}

/** how the quotes of whoSaidWhatAbout's rows read with `p` are made rows */
export function whoQuotesOf(p: QuoteParts): (quotes: unknown) => QuoteRow[] {
  if (!p.lean) return (quotes) => quotes as QuoteRow[]
  const keys = quoteValueKeys(p)
  return (quotes) => rowsOfValues(keys, quotes)
}
