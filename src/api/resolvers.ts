// The resolvers: about the domain only. Every read goes through the request's DataLoaders or one
// query per field; limits, errors, auth and caching live in plugins.ts.
import { GraphQLError } from 'graphql'
import type { GraphQLResolveInfo } from 'graphql'
import * as Q from '../graph/read.ts'
import type { ArticleRow, EntityRow, EntityTypeName, Page, PathStepRow, QuoteRow, StatsRow } from '../graph/read.ts'
import { badInput, clampFirst, emptyConnection, pageWindow, toConnection } from './connection.ts'
import type { ApiContext } from './context.ts'
import type { CurationFns } from './curation.ts'
import { DECISIONS, type DecisionInput, type DecisionResult, type StoredDecision } from '../graph/curation.ts'
import type { EntityType, Resolvers } from './generated/types.ts'
import { articleLeanAt, asksChild, entityLeanAt, quotePartsAt } from './lookahead.ts'
import { entityByName } from './entity-ahead.ts'

const MAX_REF_LENGTH = 200

// the graph stores `Person`, `direct`; the API's enums are `PERSON`, `DIRECT`
const TYPE_TO_ENUM = { Person: 'PERSON', Organisation: 'ORGANISATION', Country: 'COUNTRY', Place: 'PLACE' } as const
const ENUM_TO_TYPE = { PERSON: 'Person', ORGANISATION: 'Organisation', COUNTRY: 'Country', PLACE: 'Place' } as const
const KIND_TO_ENUM = { direct: 'DIRECT', mixed: 'MIXED', indirect: 'INDIRECT' } as const
const graphTypes = (types: readonly EntityType[] | null | undefined): EntityTypeName[] | null =>
  types && types.length > 0 ? [...new Set(types.map((t) => ENUM_TO_TYPE[t]))].sort() : null
const QUOTES_PER_SPEAKER = 10

/** an entity reference as given, trimmed and checked */
function refName(ref: string): string {
  const trimmed = ref.trim()
  if (trimmed === '') throw badInput('an entity reference must not be empty')
  if (trimmed.length > MAX_REF_LENGTH) throw badInput(`an entity reference must be at most ${MAX_REF_LENGTH} characters`)
  return trimmed
}

/** an entity given by id, name or alias; null when nothing matches */
async function entityRef(ctx: ApiContext, ref: string): Promise<EntityRow | null> {
  return ctx.loaders.entityByName.load(refName(ref))
}

/**
 * Rows of a query that starts by resolving the reference itself (Q.ENTITY_REF: one round trip instead
 * of two), or null when it named nothing. An id merged into another entity (resolve.ts) is not found
 * that way: a reference that may be one (it has a colon) and found nothing goes the long way, by the
 * entityByName loader, and `byId` with the entity's id.
 */
async function withRef(ctx: ApiContext, ref: string, query: string, params: Record<string, unknown>, byId: (e: EntityRow) => Promise<Q.Row[]>): Promise<Q.Row[] | null> {
  const name = refName(ref)
  const rows = await ctx.db.run(query, { ...params, ref: Q.entityLookup(name) })
  if (rows.length > 0 || !name.includes(':')) return rows.length > 0 ? rows : null
  const e = await ctx.loaders.entityByName.load(name)
  return e ? byId(e) : null
}

/** the curation backend, when this server has INGEST_TOKEN and the request proved it (as ingestArticle) */
function curationFns(ctx: ApiContext, field: string): CurationFns {
  if (!ctx.curate) {
    throw new GraphQLError(`${field} is disabled on this server (it is enabled by setting INGEST_TOKEN)`, { extensions: { code: 'FORBIDDEN' } })
  }
  if (!ctx.ingestAuthorized) {
    throw new GraphQLError(`${field} requires the header \`Authorization: Bearer <INGEST_TOKEN>\``, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } })
  }
  return ctx.curate
}

async function curation(ctx: ApiContext, field: string, input: DecisionInput): Promise<DecisionResult> {
  const result = await curationFns(ctx, field).decide(input)
  // cached read answers are out of date: entities moved
  ctx.afterIngest()
  return result
}

/** optional reference: undefined when not given, null when given but unknown */
async function optionalRef(ctx: ApiContext, ref: string | null | undefined): Promise<EntityRow | null | undefined> {
  return ref === null || ref === undefined ? undefined : entityRef(ctx, ref)
}

function isoDate(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const d = m ? new Date(`${value}T00:00:00Z`) : null
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw badInput(`\`${field}\` must be a date as YYYY-MM-DD`)
  }
  return value
}

function lowerOrNull(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase()
  return v ? v : null
}

const quotePage = (r: Q.Row): Page<QuoteRow> => ({ rows: r.rows as QuoteRow[], total: r.total as number })
const articlePage = (r: Q.Row): Page<ArticleRow> => ({ rows: r.rows as ArticleRow[], total: r.total as number })

/** where a connection's quotes are in the request, below its field */
const EDGE_NODE = ['edges', 'node']

async function quotesBy(ctx: ApiContext, speaker: EntityRow, args: { first?: number | null; after?: string | null; about?: string | null }, info: GraphQLResolveInfo) {
  const about = await optionalRef(ctx, args.about)
  if (about === null) return emptyConnection<QuoteRow>()
  const w = pageWindow(args)
  const parts = quotePartsAt(info, EDGE_NODE)
  const page = await ctx.loaders.quotesBy.load({ id: speaker.id, skip: w.skip, limit: w.limit, aboutId: about?.id ?? null, parts })
  return toConnection(page, w)
}

const entityFields = {
  type: (e: EntityRow) => TYPE_TO_ENUM[e.type],
  aliases: (e: EntityRow) => e.aliases ?? [],
  // read with the entity by the queries that can (SEARCH), else by its loader
  mentionCount: (e: EntityRow, _a: unknown, ctx: ApiContext) => e.mentionCount ?? ctx.loaders.mentionCount.load(e.id),
  articles: async (e: EntityRow, args: { first?: number | null; after?: string | null }, ctx: ApiContext, info: GraphQLResolveInfo) => {
    const w = pageWindow(args)
    const lean = articleLeanAt(info, EDGE_NODE) ? { lean: true as const } : {}
    return toConnection(await ctx.loaders.entityArticles.load({ id: e.id, skip: w.skip, limit: w.limit, ...lean }), w)
  },
  quotesAbout: async (e: EntityRow, args: { first?: number | null; after?: string | null; speaker?: string | null }, ctx: ApiContext, info: GraphQLResolveInfo) => {
    const speaker = await optionalRef(ctx, args.speaker)
    if (speaker === null) return emptyConnection<QuoteRow>()
    const w = pageWindow(args)
    const parts = quotePartsAt(info, EDGE_NODE)
    const page = await ctx.loaders.quotesAbout.load({ id: e.id, skip: w.skip, limit: w.limit, speakerId: speaker?.id ?? null, parts })
    return toConnection(page, w)
  },
  // the evidence of each only when the request asks `relations` of them (the key entity-ahead.ts primes too)
  related: (e: EntityRow, args: { first?: number | null }, ctx: ApiContext, info: GraphQLResolveInfo) =>
    ctx.loaders.related.load({ id: e.id, limit: clampFirst(args.first), ...(asksChild(info, 'relations') ? {} : { relations: false as const }) }),
}

const speakerFields = {
  quotes: (e: EntityRow, args: { first?: number | null; after?: string | null; about?: string | null }, ctx: ApiContext, info: GraphQLResolveInfo) =>
    quotesBy(ctx, e, args, info),
}

const articleOf = async (id: string | null, ctx: ApiContext) => (id ? ctx.loaders.article.load(id) : null)

/** a quote's subjects, by their ids (a quote read without them) */
const aboutOf = async (q: QuoteRow, ctx: ApiContext) =>
  (await ctx.loaders.entity.loadMany(q.aboutIds ?? [])).filter((e): e is EntityRow => !!e && !(e instanceof Error))

/** a quote's article, by its id (a quote read without it; a lean quote, QuoteParts.lean, read with it has no articleId) */
async function articleOfQuote(q: QuoteRow, ctx: ApiContext): Promise<ArticleRow> {
  const a = q.articleId ? await ctx.loaders.article.load(q.articleId) : null
  // (a lean quote whose request asks no id was read without it)
  if (!a) throw new GraphQLError(q.id ? `quote ${q.id} has no article` : 'a quote has no article')
  return a
}

export const resolvers: Resolvers = {
  Query: {
    search: async (_root, { query, types, first }, ctx, info) => {
      if (query.length > MAX_REF_LENGTH) throw badInput(`\`query\` must be at most ${MAX_REF_LENGTH} characters`)
      const queries = Q.searchLuceneQueries(query)
      if (!queries.length) return []
      const n = clampFirst(first)
      // the hits' aliases, merged ids and ISO codes only when asked
      const cypher = entityLeanAt(info, []) ? Q.SEARCH_LEAN : Q.SEARCH
      const rows = await Q.searchInTurn(queries, (lucene) => ctx.db.run(cypher, Q.searchParams(lucene, n, graphTypes(types))))
      return rows.map((r) => ({ ...(r.entity as EntityRow), mentionCount: r.mentionCount as number }))
    },

    entity: async (_root, { id, name }, ctx, info) => {
      if (id) return ctx.loaders.entity.load(id)
      // with the quotes and related entities the request asks of it, in one query (entity-ahead.ts)
      if (name) return entityByName(ctx, refName(name), info)
      throw badInput('give `id` or `name`')
    },

    quotes: async (_root, { filter, first, after }, ctx, info) => {
      const QQ = Q.quoteQueries(quotePartsAt(info, EDGE_NODE))
      const given = (v: string | null | undefined): v is string => v !== null && v !== undefined
      const plain = [filter?.kind, filter?.from, filter?.to].every((v) => !given(v)) && lowerOrNull(filter?.text) === null
      if (plain && given(filter?.speaker) !== given(filter?.about)) {
        // by speaker or about alone: the page of the entity the reference names, resolved in the same query
        const bySpeaker = given(filter?.speaker)
        const ref = refName((bySpeaker ? filter?.speaker : filter?.about) as string)
        const w = pageWindow({ first, after })
        const page = { skip: Q.int(w.skip), limit: Q.int(w.limit) }
        const ids = (id: string) => ({ ...page, speakerId: bySpeaker ? id : null, aboutId: bySpeaker ? null : id })
        const rows = await withRef(ctx, ref, bySpeaker ? QQ.QUOTES_PAGE_SPEAKER_REF : QQ.QUOTES_PAGE_ABOUT_REF, ids(ref),
          (e) => ctx.db.run(QQ.QUOTES_PAGE, ids(e.id)))
        return rows ? toConnection(quotePage(rows[0]), w) : emptyConnection<QuoteRow>()
      }
      const [speaker, about] = await Promise.all([optionalRef(ctx, filter?.speaker), optionalRef(ctx, filter?.about)])
      if (speaker === null || about === null) return emptyConnection<QuoteRow>()
      const w = pageWindow({ first, after })
      const params = {
        speakerId: speaker?.id ?? null,
        aboutId: about?.id ?? null,
        kind: filter?.kind ? filter.kind.toLowerCase() : null,
        text: lowerOrNull(filter?.text),
        from: isoDate(filter?.from, 'filter.from'),
        to: isoDate(filter?.to, 'filter.to'),
        skip: Q.int(w.skip),
        limit: Q.int(w.limit),
      }
      // by speaker or about alone: a page and a counter kept by the writers (aggregates.ts), not a count
      const unfiltered = params.kind === null && params.text === null && params.from === null && params.to === null
      const query = (speaker || about) && unfiltered ? QQ.QUOTES_PAGE
        : speaker ? QQ.QUOTES_FILTERED_BY_SPEAKER : about ? QQ.QUOTES_FILTERED_BY_ABOUT : QQ.QUOTES_FILTERED
      const [row] = await ctx.db.run(query, params)
      return toConnection(row ? quotePage(row) : { rows: [], total: 0 }, w)
    },

    whoSaidWhatAbout: async (_root, { about, first, quotesPerSpeaker }, ctx, info) => {
      const QQ = Q.quoteQueries({ ...quotePartsAt(info, ['quotes']), speakerLean: entityLeanAt(info, ['speaker']) })
      const params = { first: Q.int(clampFirst(first)), perSpeaker: Q.int(clampFirst(quotesPerSpeaker, QUOTES_PER_SPEAKER)) }
      // no row: the entity is unknown or no one is quoted about it; either way the answer is empty
      const rows = (await withRef(ctx, about, QQ.WHO_SAID_WHAT_ABOUT_REF, params,
        (target) => ctx.db.run(QQ.WHO_SAID_WHAT_ABOUT, { ...params, aboutId: target.id }))) ?? []
      return rows.map((r) => ({
        speaker: (r.speaker as EntityRow | null) ?? null,
        speakerName: (r.speakerName as string | null) ?? null,
        count: r.count as number,
        quotes: QQ.whoQuotes(r.quotes),
      }))
    },

    articles: async (_root, { filter, first, after }, ctx, info) => {
      const w = pageWindow({ first, after })
      const filtered = [filter?.title, filter?.publisher, filter?.author, filter?.from, filter?.to].some((v) => v !== null && v !== undefined)
      if (filter?.mentions !== null && filter?.mentions !== undefined && !filtered) {
        // by mention alone: the page of the entity the reference names, resolved in the same query
        const params = { skip: Q.int(w.skip), limit: Q.int(w.limit) }
        // the articles' id, title and date only, when the request asks no more of them
        const lean = articleLeanAt(info, EDGE_NODE)
        const rows = await withRef(ctx, filter.mentions, lean ? Q.ARTICLES_MENTIONING_PAGE_REF_LEAN : Q.ARTICLES_MENTIONING_PAGE_REF, params,
          (e) => ctx.db.run(lean ? Q.ARTICLES_MENTIONING_PAGE_LEAN : Q.ARTICLES_MENTIONING_PAGE, { ...params, entityId: e.id }))
        return rows ? toConnection(articlePage(rows[0]), w) : emptyConnection<ArticleRow>()
      }
      const mentions = await optionalRef(ctx, filter?.mentions)
      if (mentions === null) return emptyConnection<ArticleRow>()
      const params = {
        entityId: mentions?.id ?? null,
        title: lowerOrNull(filter?.title),
        publisher: lowerOrNull(filter?.publisher),
        author: lowerOrNull(filter?.author),
        from: isoDate(filter?.from, 'filter.from'),
        to: isoDate(filter?.to, 'filter.to'),
        skip: Q.int(w.skip),
        limit: Q.int(w.limit),
      }
      const unfiltered = [params.title, params.publisher, params.author, params.from, params.to].every((v) => v === null)
      const query = mentions ? (unfiltered ? Q.ARTICLES_MENTIONING_PAGE : Q.ARTICLES_MENTIONING) : unfiltered ? Q.ARTICLES_PAGE : Q.ARTICLES_FILTERED
      const [row] = await ctx.db.run(query, params)
      return toConnection(row ? articlePage(row) : { rows: [], total: 0 }, w)
    },

    article: (_root, { id }, ctx) => ctx.loaders.article.load(id),

    path: async (_root, { from, to, maxHops }, ctx) => {
      const hops = maxHops ?? Q.DEFAULT_PATH_HOPS
      if (hops < 1) throw badInput('`maxHops` must be at least 1')
      const bound = Math.min(hops, Q.MAX_PATH_HOPS)
      const steps = (row: Q.Row) => {
        const nodes = row.nodes as EntityRow[]
        const rels = row.rels as Omit<PathStepRow, 'from' | 'to'>[]
        return rels.map((r, i) => ({ ...r, from: nodes[i], to: nodes[i + 1] }))
      }
      // both names resolved in the path's own query (one round trip); no row: a name found nothing
      const [fromName, toName] = [refName(from), refName(to)]
      const [ref] = await ctx.db.run(Q.PATH_REF_QUERIES[bound], { fromRef: Q.entityLookup(fromName), toRef: Q.entityLookup(toName) })
      if (ref) {
        if (ref.same) return []
        const [found] = ref.found as Q.Row[]
        return found ? steps(found) : null
      }
      // an id merged into another entity is found by the loader only (withRef)
      if (!fromName.includes(':') && !toName.includes(':')) return null
      const [a, b] = await Promise.all([entityRef(ctx, fromName), entityRef(ctx, toName)])
      if (!a || !b) return null
      if (a.id === b.id) return []
      const [row] = await ctx.db.run(Q.PATH_QUERIES[bound], { fromId: a.id, toId: b.id })
      return row ? steps(row) : null
    },

    decisions: async (_root, _args, ctx) => (await ctx.db.run(DECISIONS)).map((r) => ({ ...r, seq: Number(r.seq) }) as unknown as StoredDecision),

    stats: async (_root, _args, ctx) => {
      const [row] = await ctx.db.run(Q.STATS)
      return row as unknown as StatsRow
    },
  },

  Mutation: {
    ingestArticle: async (_root, { input }, ctx) => {
      if (!ctx.ingest) {
        throw new GraphQLError('ingestArticle is disabled on this server (it is enabled by setting INGEST_TOKEN)', {
          extensions: { code: 'FORBIDDEN' },
        })
      }
      if (!ctx.ingestAuthorized) {
        throw new GraphQLError('ingestArticle requires the header `Authorization: Bearer <INGEST_TOKEN>`', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        })
      }
      if (input.text.trim() === '') throw badInput('`input.text` must not be empty')
      isoDate(input.publishedAt, 'input.publishedAt')
      const result = await ctx.ingest(input)
      ctx.afterIngest()
      return result
    },
    mergeEntities: (_root, { a, b }, ctx) => curation(ctx, 'mergeEntities', { kind: 'merge', a, b }),
    keepDistinct: (_root, { a, b }, ctx) => curation(ctx, 'keepDistinct', { kind: 'distinct', a, b }),
    splitEntity: (_root, { form }, ctx) => curation(ctx, 'splitEntity', { kind: 'split', a: form }),
    renameEntity: (_root, { entity, name }, ctx) => curation(ctx, 'renameEntity', { kind: 'rename', a: entity, name }),
    undoDecision: async (_root, { id }, ctx) => {
      const result = await curationFns(ctx, 'undoDecision').undo(id)
      ctx.afterIngest()
      return result
    },
  },

  CurationResult: {
    entity: (r, _a, ctx) => (r.entity ? ctx.loaders.entity.load(r.entity.id) : null),
    other: (r, _a, ctx) => (r.other ? ctx.loaders.entity.load(r.other.id) : null),
  },

  IngestResult: {
    article: async (r, _a, ctx) => {
      const a = await ctx.loaders.article.load(r.articleId)
      if (!a) throw new GraphQLError('the article was ingested but cannot be read back')
      return a
    },
  },

  Entity: {
    __resolveType: (e) => e.type,
  },
  Person: {
    ...entityFields,
    ...speakerFields,
    roles: (e, _a, ctx) => ctx.loaders.roles.load(e.id),
  },
  Organisation: {
    ...entityFields,
    ...speakerFields,
    members: (e, _a, ctx) => ctx.loaders.members.load(e.id),
  },
  Country: {
    ...entityFields,
    ...speakerFields,
    places: (e, _a, ctx) => ctx.loaders.places.load(e.id),
  },
  Place: {
    ...entityFields,
    country: (e, _a, ctx) => ctx.loaders.placeCountry.load(e.id),
  },

  Quote: {
    kind: (q) => KIND_TO_ENUM[q.kind],
    // the graph keeps the fragments' offsets; their words are sliced from the article text (one load per article and request)
    fragments: async (q, _a, ctx) => {
      const starts = q.fragmentStarts ?? [], ends = q.fragmentEnds ?? []
      if (starts.length === 0) return []
      const text = (await ctx.loaders.articleText.load(q.articleId)) ?? ''
      return starts.map((start, i) => ({ start, end: ends[i], text: text.slice(start, ends[i]) }))
    },
    // speaker, about and article: read with the quote when the request asked for them (QuoteParts), else
    // loaded. What was read is returned as it is, not in a promise: graphql-js completes a plain value without
    // the promise and its continuation (100 of each per whoSaidWhatAbout answer; issue 13)
    speaker: (q, _a, ctx) => (q.speaker !== undefined ? q.speaker : q.speakerId ? ctx.loaders.entity.load(q.speakerId) : null),
    about: (q, _a, ctx) => q.about ?? aboutOf(q, ctx),
    article: (q, _a, ctx) => q.article ?? articleOfQuote(q, ctx),
  },

  Article: {
    authors: (a) => a.authors ?? [],
    text: (a, _args, ctx) => ctx.loaders.articleText.load(a.id),
    entities: (a, { types }, ctx) =>
      ctx.loaders.articleEntities.load({ id: a.id, types: graphTypes(types) }),
    quotes: (a, _args, ctx) => ctx.loaders.articleQuotes.load(a.id),
    relations: (a, _args, ctx) => ctx.loaders.articleRelations.load(a.id),
  },

  ArticleMention: {
    spans: (m) => (m.starts ?? []).map((start, i) => ({ start, end: m.ends[i] })),
  },
  RelatedEntity: {
    // kept on the pair's RELATED_WEIGHT when both ends are big (co-mentions.ts), else counted (bounded by the smaller end)
    coMentions: (r, _a, ctx) => r.coMentions ?? ctx.loaders.coMentions.load({ a: r.fromId, b: r.entity.id }),
  },
  Relation: {
    article: (r, _a, ctx) => articleOf(r.articleId, ctx),
  },
  Role: {
    article: (r, _a, ctx) => articleOf(r.articleId, ctx),
  },
  PathStep: {
    article: (s, _a, ctx) => articleOf(s.articleId, ctx),
  },
}
