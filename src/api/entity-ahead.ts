// Query.entity(name) reads what its children ask in its own query (issue 13): the entity's quotes page
// and its related entities, when the request asks for them, come back with the name's lookup
// (read.ts entityByRefWithQuery) and are primed into the loaders those children use, so
// `entity(name) { quotes }` is one Cypher round trip instead of two, and `entity(name) { related { ... } }`
// one fewer. What is primed is keyed as the child resolvers key their loads; a child whose key differs
// (other arguments, fields asked under a type condition, @skip) simply loads as before.
import type { FieldNode, GraphQLResolveInfo } from 'graphql'
import * as Q from '../graph/read.ts'
import type { EntityRow, Page, QuoteRow, RelatedRow } from '../graph/read.ts'
import { clampFirst, pageWindow } from './connection.ts'
import type { ApiContext } from './context.ts'
import { asksChild, childFields, quotePartsAt, type ChildField } from './lookahead.ts'

/** the entity types of the schema (the graph's `type` values); a fragment on anything else (Entity) applies to all */
const ENTITY_TYPES = new Set(['Person', 'Organisation', 'Country', 'Place'])

/**
 * The field of that name below the entity as graphql will run it, with its arguments and the entity types
 * its fragments narrow it to (null: any); null when it is not asked, or asked under several response keys
 * or with several sets of arguments (left to the child resolvers).
 */
function onlyChild(info: GraphQLResolveInfo, name: string): { nodes: FieldNode[]; args: Record<string, unknown>; types: string[] | null } | null {
  const fields = childFields(info, name)
  if (!fields || fields.length === 0) return null
  const key = (f: ChildField) => (f.node.alias ?? f.node.name).value
  const args = JSON.stringify(fields[0].args)
  if (fields.some((f) => key(f) !== key(fields[0]) || JSON.stringify(f.args) !== args)) return null
  const types = fields.some((f) => f.onType === null || !ENTITY_TYPES.has(f.onType)) ? null : [...new Set(fields.map((f) => f.onType as string))]
  return { nodes: fields.map((f) => f.node), args: fields[0].args, types }
}

interface Ahead {
  quotes: { skip: number; limit: number; parts: Q.QuoteParts; types: string[] | null } | null
  relatedLimit: number | null
  /** whether `related` asks `relations` (its evidence) */
  relations: boolean
}

function aheadOf(info: GraphQLResolveInfo): Ahead {
  let quotes: Ahead['quotes'] = null
  const q = onlyChild(info, 'quotes')
  if (q && (q.args.about === null || q.args.about === undefined)) {
    try {
      const w = pageWindow(q.args as { first?: number | null; after?: string | null })
      quotes = { skip: w.skip, limit: w.limit, parts: quotePartsAt({ fieldNodes: q.nodes, fragments: info.fragments }, ['edges', 'node']), types: q.types }
    } catch {
      quotes = null // a bad `first` or `after`: the child refuses it
    }
  }
  let relatedLimit: number | null = null
  let relations = true
  const r = onlyChild(info, 'related')
  if (r) {
    relations = asksChild({ fieldNodes: r.nodes, fragments: info.fragments, variableValues: info.variableValues }, 'relations')
    try {
      relatedLimit = clampFirst(r.args.first as number | null | undefined)
    } catch {
      relatedLimit = null
    }
  }
  return { quotes, relatedLimit, relations }
}

/**
 * The entity `name` (checked, trimmed) names, with the children the request asks read in the same query;
 * null when it names nothing. Without such children: the entityByName loader, as before.
 */
export async function entityByName(ctx: ApiContext, name: string, info: GraphQLResolveInfo): Promise<EntityRow | null> {
  const { quotes, relatedLimit, relations } = aheadOf(info)
  if (!quotes && relatedLimit === null) return ctx.loaders.entityByName.load(name)
  const rows = await ctx.db.run(Q.entityByRefWithQuery(quotes?.parts ?? null, relatedLimit !== null, relations), {
    ref: Q.entityLookup(name),
    ...(quotes ? { skip: Q.int(quotes.skip), limit: Q.int(quotes.limit), quoteTypes: quotes.types } : {}),
    ...(relatedLimit !== null ? { relatedLimit: Q.int(relatedLimit) } : {}),
  })
  const [row] = rows
  // an id merged into another entity is found by the loader only (as resolvers.ts withRef)
  if (!row) return name.includes(':') ? ctx.loaders.entityByName.load(name) : null
  const e: EntityRow = { ...(row.entity as EntityRow), mentionCount: row.mentionCount as number }
  ctx.loaders.entity.prime(e.id, e)
  ctx.loaders.entityByName.prime(name, e)
  // keys as resolvers.ts quotesBy and Entity.related make them (the loaders key by their JSON)
  if (quotes && (quotes.types === null || quotes.types.includes(e.type))) {
    const page: Page<QuoteRow> = { rows: row.rows as QuoteRow[], total: row.total as number }
    ctx.loaders.quotesBy.prime({ id: e.id, skip: quotes.skip, limit: quotes.limit, aboutId: null, parts: quotes.parts }, page)
  }
  if (relatedLimit !== null) ctx.loaders.related.prime({ id: e.id, limit: relatedLimit, ...(relations ? {} : { relations: false as const }) }, row.related as RelatedRow[])
  return e
}
