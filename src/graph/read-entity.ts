// Query.entity(name) with what the request asks below it read in the same query (issue 13: one round trip
// where the name and each child took one; src/api/entity-ahead.ts decides what to read and primes the
// loaders). Fixed texts made from read.ts's fragments, picked by booleans only.
import { ARTICLE, ARTICLE_LEAN, ARTICLE_ROWS, SAID_PAGE, quotePartsKey, type QuoteParts } from './read.ts'
import { ENTITY, ENTITY_REF } from './read-fragments.ts'
import { RELATED_OF } from './read-related.ts'

/** what is read of each related entity: its quotes page (`quotes`, QUOTE's parts) and its articles page (`articles`, lean or whole) */
export interface RelatedChildren {
  quotes: QuoteParts | null
  articles: { lean: boolean } | null
}

/**
 * RELATED_OF's extra reads of each related entity \`o\`: with `quotes`, the page ($relatedQuoteSkip,
 * $relatedQuoteLimit) of the quotes it said as QUOTES_BY_SPEAKERS reads it without $aboutId (`quotes`: its
 * `rows`, and `total` from the counter), scanned only when \`o\`'s type is one of $relatedQuoteTypes (null:
 * any); with `articles`, the page ($relatedArticleSkip, $relatedArticleLimit) of the articles mentioning it
 * as ENTITY_ARTICLES (or ENTITY_ARTICLES_LEAN) reads it (`articles`), for the types $relatedArticleTypes.
 */
function relatedMore(c: RelatedChildren) {
  const calls: string[] = []
  const fields: string[] = []
  if (c.quotes) {
    calls.push(SAID_PAGE('o', '$relatedQuoteTypes IS NULL OR o.type IN $relatedQuoteTypes', '$relatedQuoteSkip', '$relatedQuoteLimit', c.quotes, 'quoteRows'))
    fields.push('quotes: {rows: quoteRows, total: coalesce(o.quoteCount, 0)}')
  }
  if (c.articles) {
    calls.push(ARTICLE_ROWS_OF(c.articles.lean))
    fields.push('articles: {rows: articleRows, total: coalesce(o.articleCount, 0)}')
  }
  return { calls: calls.join('\n  '), fields: fields.join(', ') }
}

const ARTICLE_ROWS_OF = (lean: boolean) =>
  ARTICLE_ROWS(lean ? ARTICLE_LEAN : ARTICLE, 'o', '$relatedArticleSkip', '$relatedArticleLimit', '$relatedArticleTypes IS NULL OR o.type IN $relatedArticleTypes', 'articleRows')

/**
 * The entity $ref names (ENTITY_REF) as `entity`, with its `mentionCount`; with `p`, the page ($skip, $limit)
 * of the quotes it said, as QUOTES_BY_SPEAKERS reads it without $aboutId (`rows`, and `total` from the
 * counter), scanned only when the entity's type is one of $quoteTypes (null: any; the types whose fragments
 * ask for them); with `related`, RELATED_ENTITIES' `value` for $relatedLimit, each row with what `children`
 * reads of its entity (relatedMore). No row when the name finds nothing.
 */
const entityByRefWith = (p: QuoteParts | null, related: boolean, relations: boolean, children: RelatedChildren | null) => `
${ENTITY_REF('e')}${p ? `
${SAID_PAGE('e', '$quoteTypes IS NULL OR e.type IN $quoteTypes', '$skip', '$limit', p)}` : ''}${related ? `
${RELATED_OF('$relatedLimit', relations, children && (children.quotes || children.articles) ? relatedMore(children) : undefined)}` : ''}
RETURN ${ENTITY('e')} AS entity, coalesce(e.mentionCount, 0) AS mentionCount${p ? ', rows, coalesce(e.quoteCount, 0) AS total' : ''}${related ? ', value AS related' : ''}`

const made = new Map<string, string>()
/**
 * entityByRefWith for the quote parts `p` (null: no quotes), whether `related` is asked, with it its
 * `relations` and what is read of its entities (`children`; null: nothing)
 */
export function entityByRefWithQuery(p: QuoteParts | null, related: boolean, relations = true, children: RelatedChildren | null = null): string {
  const c = related ? children : null
  const key = `${p ? quotePartsKey(p) : '-'}${+related}${+(related && relations)}` +
    `/${c?.quotes ? quotePartsKey(c.quotes) : '-'}${c?.articles ? (c.articles.lean ? 'l' : 'a') : '-'}`
  let text = made.get(key)
  if (text === undefined) made.set(key, (text = entityByRefWith(p, related, related && relations, c)))
  return text
}
