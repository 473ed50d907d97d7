// DataLoaders, made fresh for every request: each level of a GraphQL request costs one Cypher round
// trip per kind of field (and per distinct set of arguments), however many results the level has.
import DataLoader from 'dataloader'
import * as Q from '../graph/read.ts'
import type {
  ArticleMentionRow,
  ArticleRow,
  EntityRow,
  EntityTypeName,
  Page,
  QuoteRow,
  ReadExecutor,
  RelatedRow,
  RelationRow,
  RoleRow,
  Row,
} from '../graph/read.ts'

/** A loader keyed by id: one query with $ids for the whole batch; rows come back keyed by `key`. */
function byId<V>(db: ReadExecutor, query: string, pick: (row: Row) => V, missing: V): DataLoader<string, V> {
  return new DataLoader<string, V>(async (ids) => {
    const rows = await db.run(query, { ids: [...ids] })
    const found = new Map(rows.map((r) => [r.key as string, pick(r)]))
    return ids.map((id) => (found.has(id) ? (found.get(id) as V) : missing))
  })
}

/**
 * A loader keyed by id plus arguments (page window, filters): keys with the same arguments share
 * one query; a request has as many groups as distinct argument sets in its text, not per result.
 */
function grouped<K extends { id: string }, V>(
  db: ReadExecutor,
  query: string | ((key: K) => string),
  params: (key: K) => Record<string, unknown>,
  pick: (row: Row) => V,
  missing: V,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const groupOf = (k: K) => {
        const { id: _id, ...args } = k
        return JSON.stringify(args)
      }
      const groups = new Map<string, K[]>()
      for (const k of keys) groups.set(groupOf(k), [...(groups.get(groupOf(k)) ?? []), k])
      const results = new Map<string, V>()
      await Promise.all(
        [...groups].map(async ([g, group]) => {
          const text = typeof query === 'string' ? query : query(group[0])
          const rows = await db.run(text, { ...params(group[0]), ids: group.map((k) => k.id) })
          for (const r of rows) results.set(`${g}\u0000${r.key as string}`, pick(r))
        }),
      )
      return keys.map((k) => results.get(`${groupOf(k)}\u0000${k.id}`) ?? missing)
    },
    { cacheKeyFn: (k) => JSON.stringify(k) },
  )
}

export interface WindowKey {
  id: string
  skip: number
  limit: number
}

/** a page of quotes, with the neighbours of each quote that the request asks for (read with them) */
export interface QuoteWindowKey extends WindowKey {
  parts: Q.QuoteParts
}

const pageOf = <T>(r: Row): Page<T> => ({ rows: r.rows as T[], total: r.total as number })
const emptyPage = { rows: [], total: 0 }

/**
 * This request's DataLoaders, each made the first time a resolver asks for it: a request uses two or
 * three of the eighteen kinds (search none), and making all of them for every request was ~2% of the
 * API's own CPU per light request.
 */
export class RequestLoaders {
  private readonly made = new Map<string, unknown>()
  constructor(private readonly db: ReadExecutor) {}

  private lazy<T>(name: string, make: (db: ReadExecutor) => T): T {
    let loader = this.made.get(name) as T | undefined
    if (loader === undefined) {
      loader = make(this.db)
      this.made.set(name, loader)
    }
    return loader
  }

  get entity() {
    return this.lazy('entity', (db) => byId<EntityRow | null>(db, Q.ENTITIES_BY_ID, (r) => r.entity as EntityRow, null))
  }
  get entityByName() {
    return this.lazy('entityByName', (db) => new DataLoader<string, EntityRow | null>(async (names) => {
      const lookups = names.map(Q.entityLookup)
      const rows = await db.run(Q.ENTITIES_BY_NAME, { lookups })
      // with its mentionCount (read with it), which Entity.mentionCount then needs no loader for
      const found = new Map(rows.map((r) => [r.key as string, r.entity ? { ...(r.entity as EntityRow), mentionCount: r.mentionCount as number } : null]))
      for (const e of found.values()) if (e) this.entity.prime(e.id, e)
      // an id merged into another entity (resolve.ts) is found by id, not by name
      const merged = await Promise.all(names.map((n) => (found.has(n) || !n.includes(':') ? null : this.entity.load(n))))
      return names.map((n, i) => found.get(n) ?? merged[i] ?? null)
    }))
  }
  get coMentions() {
    return this.lazy('coMentions', (db) => new DataLoader<{ a: string; b: string }, number, string>(
      async (pairs) => {
        const keyed = pairs.map((p) => ({ ...p, key: `${p.a}\u0000${p.b}` }))
        const rows = await db.run(Q.CO_MENTIONS, { pairs: keyed })
        const found = new Map(rows.map((r) => [r.key as string, r.value as number]))
        return keyed.map((p) => found.get(p.key) ?? 0)
      },
      { cacheKeyFn: (p) => `${p.a}\u0000${p.b}` },
    ))
  }
  get mentionCount() {
    return this.lazy('mentionCount', (db) => byId<number>(db, Q.MENTION_COUNTS, (r) => r.value as number, 0))
  }
  get article() {
    return this.lazy('article', (db) => byId<ArticleRow | null>(db, Q.ARTICLES_BY_ID, (r) => r.article as ArticleRow, null))
  }
  get articleText() {
    return this.lazy('articleText', (db) => byId<string | null>(db, Q.ARTICLE_TEXTS, (r) => (r.value as string | null) ?? null, null))
  }
  get entityArticles() {
    // lean: the request asks no more of the articles than ARTICLE_LEAN reads (lookahead.ts articleLeanAt)
    return this.lazy('entityArticles', (db) => grouped<WindowKey & { lean?: true }, Page<ArticleRow>>(
      db, (k) => (k.lean ? Q.ENTITY_ARTICLES_LEAN : Q.ENTITY_ARTICLES), (k) => ({ skip: Q.int(k.skip), limit: Q.int(k.limit) }), pageOf, emptyPage))
  }
  get quotesAbout() {
    return this.lazy('quotesAbout', (db) => grouped<QuoteWindowKey & { speakerId: string | null }, Page<QuoteRow>>(
      db, (k) => Q.quoteQueries(k.parts).QUOTES_ABOUT_ENTITIES,
      (k) => ({ skip: Q.int(k.skip), limit: Q.int(k.limit), speakerId: k.speakerId }), pageOf, emptyPage))
  }
  get quotesBy() {
    return this.lazy('quotesBy', (db) => grouped<QuoteWindowKey & { aboutId: string | null }, Page<QuoteRow>>(
      db, (k) => Q.quoteQueries(k.parts).QUOTES_BY_SPEAKERS,
      (k) => ({ skip: Q.int(k.skip), limit: Q.int(k.limit), aboutId: k.aboutId }), pageOf, emptyPage))
  }
  get related() {
    // relations: false when the request asks no `relations` of them (their evidence is then not read)
    return this.lazy('related', (db) => grouped<{ id: string; limit: number; relations?: false }, RelatedRow[]>(
      db, (k) => (k.relations === false ? Q.RELATED_ENTITIES_LEAN : Q.RELATED_ENTITIES), (k) => ({ limit: Q.int(k.limit) }), (r) => r.value as RelatedRow[], []))
  }
  get roles() {
    return this.lazy('roles', (db) => byId<RoleRow[]>(db, Q.PERSON_ROLES,
      (r) => (r.value as Omit<RoleRow, 'person'>[]).map((v) => ({ ...v, person: r.person as EntityRow })), []))
  }
  get members() {
    return this.lazy('members', (db) => byId<RoleRow[]>(db, Q.ORGANISATION_MEMBERS,
      (r) => (r.value as Omit<RoleRow, 'organisation'>[]).map((v) => ({ ...v, organisation: r.organisation as EntityRow })), []))
  }
  get places() {
    return this.lazy('places', (db) => byId<EntityRow[]>(db, Q.COUNTRY_PLACES, (r) => r.value as EntityRow[], []))
  }
  get placeCountry() {
    return this.lazy('placeCountry', (db) => byId<EntityRow | null>(db, Q.PLACE_COUNTRIES, (r) => (r.value as EntityRow | null) ?? null, null))
  }
  get articleEntities() {
    return this.lazy('articleEntities', (db) => grouped<{ id: string; types: EntityTypeName[] | null }, ArticleMentionRow[]>(
      db, Q.ARTICLE_ENTITIES, (k) => ({ types: k.types }), (r) => r.value as ArticleMentionRow[], []))
  }
  get articleQuotes() {
    return this.lazy('articleQuotes', (db) => byId<QuoteRow[]>(db, Q.ARTICLE_QUOTES, (r) => r.value as QuoteRow[], []))
  }
  get articleRelations() {
    return this.lazy('articleRelations', (db) => byId<RelationRow[]>(db, Q.ARTICLE_RELATIONS, (r) => r.value as RelationRow[], []))
  }
}

export function createLoaders(db: ReadExecutor): RequestLoaders {
  return new RequestLoaders(db)
}

export type Loaders = RequestLoaders
