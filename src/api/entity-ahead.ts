// Query.entity(name) reads what its children ask in its own query (issue 13): the entity's quotes page,
// its related entities and, of each of those, its quotes and articles pages, when the request asks for
// them, come back with the name's lookup (read-entity.ts entityByRefWithQuery) and are primed into the
// loaders those children use, so `entity(name) { quotes }` is one Cypher round trip instead of two, and
// `entity(name) { related { entity { quotes articles } } }` one instead of three. What is primed is keyed
// as the child resolvers key their loads; a child whose key differs (other arguments, fields asked under
// a type condition, @skip) simply loads as before.
import type { FieldNode, GraphQLResolveInfo } from 'graphql'
import * as Q from '../graph/read.ts'
import type { ArticleRow, EntityRow, Page, QuoteRow, RelatedRow } from '../graph/read.ts'
import { entityByRefWithQuery } from '../graph/read-entity.ts'
import { clampFirst, pageWindow } from './connection.ts'
import type { ApiContext } from './context.ts'
import { articleLeanAt, asksChild, childFields, quotePartsAt, type ChildField, type Selection } from './lookahead.ts'

/** the entity types of the schema (the graph's `type` values); a fragment on anything else (Entity) applies to all */
const ENTITY_TYPES = new Set(['Person', 'Organisation', 'Country', 'Place'])
/** where a connection's nodes are, below its field */
const EDGE_NODE = ['edges', 'node']

type Below = Selection & Pick<GraphQLResolveInfo, 'variableValues'>

/**
 * The field of that name below `sel`'s field as graphql will run it, with its arguments and the entity types
 * its fragments narrow it to (null: any); null when it is not asked, or asked under several response keys
 * or with several sets of arguments (left to the child resolvers).
 */
function onlyChild(sel: Below, name: string): { nodes: FieldNode[]; args: Record<string, unknown>; types: string[] | null } | null {
  const fields = childFields(sel, name)
  if (!fields || fields.length === 0) return null
  const key = (f: ChildField) => (f.node.alias ?? f.node.name).value
  const args = JSON.stringify(fields[0].args)
  if (fields.some((f) => key(f) !== key(fields[0]) || JSON.stringify(f.args) !== args)) return null
  const types = fields.some((f) => f.onType === null || !ENTITY_TYPES.has(f.onType)) ? null : [...new Set(fields.map((f) => f.onType as string))]
  return { nodes: fields.map((f) => f.node), args: fields[0].args, types }
}

/** the same selection one field further down: the child's nodes */
const below = (sel: Below, nodes: FieldNode[]): Below => ({ fieldNodes: nodes, fragments: sel.fragments, variableValues: sel.variableValues })

/** a page window of a child's arguments, or null when they are bad (the child refuses them) */
function windowOf(args: Record<string, unknown>): { skip: number; limit: number } | null {
  try {
    return pageWindow(args as { first?: number | null; after?: string | null })
  } catch {
    return null
  }
}

type QuotesAhead = { skip: number; limit: number; parts: Q.QuoteParts; types: string[] | null }
type ArticlesAhead = { skip: number; limit: number; lean: boolean; types: string[] | null }

/** the page of quotes an entity said that the request asks below `sel` (`quotes` without `about`), as Person.quotes will read it */
function quotesAhead(sel: Below): QuotesAhead | null {
  const q = onlyChild(sel, 'quotes')
  if (!q || (q.args.about !== null && q.args.about !== undefined)) return null
  const w = windowOf(q.args)
  return w && { ...w, parts: quotePartsAt(below(sel, q.nodes), EDGE_NODE), types: q.types }
}

/** the page of articles mentioning an entity that the request asks below `sel`, as Entity.articles will read it */
function articlesAhead(sel: Below): ArticlesAhead | null {
  const a = onlyChild(sel, 'articles')
  const w = a && windowOf(a.args)
  return a && w && { ...w, lean: articleLeanAt(below(sel, a.nodes), EDGE_NODE), types: a.types }
}

interface Ahead {
  quotes: QuotesAhead | null
  related: {
    limit: number
    /** whether it asks `relations` (their evidence) */
    relations: boolean
    /** what it asks of each related entity */
    quotes: QuotesAhead | null
    articles: ArticlesAhead | null
  } | null
}

function aheadOf(info: GraphQLResolveInfo): Ahead {
  const quotes = quotesAhead(info)
  const r = onlyChild(info, 'related')
  if (!r) return { quotes, related: null }
  let limit: number
  try {
    limit = clampFirst(r.args.first as number | null | undefined)
  } catch {
    return { quotes, related: null }
  }
  const sel = below(info, r.nodes)
  const entity = onlyChild(sel, 'entity')
  const of = entity ? below(sel, entity.nodes) : null
  return { quotes, related: { limit, relations: asksChild(sel, 'relations'), quotes: of && quotesAhead(of), articles: of && articlesAhead(of) } }
}

const fits = (types: string[] | null, e: EntityRow) => types === null || types.includes(e.type)

/** a related entity's row as the query reads it when its children are read with it */
type RelatedAheadRow = RelatedRow & { quotes?: Page<QuoteRow>; articles?: Page<ArticleRow> }

/**
 * The entity `name` (checked, trimmed) names, with the children the request asks read in the same query;
 * null when it names nothing. Without such children: the entityByName loader, as before.
 */
export async function entityByName(ctx: ApiContext, name: string, info: GraphQLResolveInfo): Promise<EntityRow | null> {
  const { quotes, related } = aheadOf(info)
  if (!quotes && !related) return ctx.loaders.entityByName.load(name)
  const children = related && { quotes: related.quotes?.parts ?? null, articles: related.articles && { lean: related.articles.lean } }
  const rows = await ctx.db.run(entityByRefWithQuery(quotes?.parts ?? null, related !== null, related?.relations ?? true, children), {
    ref: Q.entityLookup(name),
    ...(quotes ? { skip: Q.int(quotes.skip), limit: Q.int(quotes.limit), quoteTypes: quotes.types } : {}),
    ...(related ? { relatedLimit: Q.int(related.limit) } : {}),
    ...(related?.quotes ? { relatedQuoteSkip: Q.int(related.quotes.skip), relatedQuoteLimit: Q.int(related.quotes.limit), relatedQuoteTypes: related.quotes.types } : {}),
    ...(related?.articles ? { relatedArticleSkip: Q.int(related.articles.skip), relatedArticleLimit: Q.int(related.articles.limit), relatedArticleTypes: related.articles.types } : {}),
  })
  const [row] = rows
  // an id merged into another entity is found by the loader only (as resolvers.ts withRef)
  if (!row) return name.includes(':') ? ctx.loaders.entityByName.load(name) : null
  const e: EntityRow = { ...(row.entity as EntityRow), mentionCount: row.mentionCount as number }
  ctx.loaders.entity.prime(e.id, e)
  ctx.loaders.entityByName.prime(name, e)
  // keys as resolvers.ts quotesBy, Entity.articles and Entity.related make them (the loaders key by their JSON)
  if (quotes && fits(quotes.types, e)) {
    ctx.loaders.quotesBy.prime({ id: e.id, skip: quotes.skip, limit: quotes.limit, aboutId: null, parts: quotes.parts }, { rows: row.rows as QuoteRow[], total: row.total as number })
  }
  if (related) {
    const rel = (row.related as RelatedAheadRow[]).map(({ quotes: qs, articles: as, ...r }) => {
      if (related.quotes && qs && fits(related.quotes.types, r.entity)) {
        const { skip, limit, parts } = related.quotes
        ctx.loaders.quotesBy.prime({ id: r.entity.id, skip, limit, aboutId: null, parts }, qs)
      }
      if (related.articles && as && fits(related.articles.types, r.entity)) {
        const { skip, limit, lean } = related.articles
        ctx.loaders.entityArticles.prime({ id: r.entity.id, skip, limit, ...(lean ? { lean: true as const } : {}) }, as)
      }
      return r
    })
    ctx.loaders.related.prime({ id: e.id, limit: related.limit, ...(related.relations ? {} : { relations: false as const }) }, rel)
  }
  return e
}
