// The GraphQL API against the real Neo4j, over HTTP, with the test articles (test/fixtures/api)
// written by the real extraction and ingestion. Answers are checked against Cypher run directly on
// the same database, so they hold whatever the extraction makes of the articles.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import type { Config } from '../../src/config.ts'
import { createReadExecutor, QueryTimeoutError, toPlain } from '../../src/graph/read.ts'
import { maskError } from '../../src/api/plugins.ts'
import { WARM_QUERIES, warmUp } from '../../src/api/warm.ts'
import { COMPILE_AFTER } from '../../src/api/compiled.ts'
import { openTestDriver, resetDatabase, testConfig } from '../support/neo4j.ts'
import { gql, ingestFixtures, ok, startApi, type RunningApi } from './api-support.ts'

const TOKEN = 'test-ingest-token-7f3a'

let driver: Driver
let config: Config
let api: RunningApi

async function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const res = await driver.executeQuery(query, params, { database: config.neo4jDatabase })
  return res.records.map((r) => toPlain(r.toObject()) as T)
}
const count = async (query: string, params: Record<string, unknown> = {}) => (await cypher<{ n: number }>(query, params))[0].n

/** an entity the extraction found, by name (fails the test when it did not) */
async function entityId(name: string): Promise<string> {
  const rows = await cypher<{ id: string }>('MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name })
  expect(rows, `the extraction should find ${name}`).toHaveLength(1)
  return rows[0].id
}

beforeAll(async () => {
  // a generous per-query timeout, as the other API tests use: under load a cold query plan can take
  // seconds, and these tests check answers, not the timeout
  config = { ...testConfig(), ingestToken: TOKEN, queryTimeoutMs: 60_000 }
  driver = await openTestDriver()
  await resetDatabase(driver, config.neo4jDatabase)
  await ingestFixtures(driver, config.neo4jDatabase)
  api = await startApi(config, driver)
})

afterAll(async () => {
  await api?.close()
  await driver?.close()
})

type Conn<T> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: T }[] }

describe('queries', () => {
  it('stats counts what the graph holds', async () => {
    const { stats } = ok(await gql<{ stats: Record<string, number> }>(api.url, '{ stats { articles people organisations countries places quotes relations } }'))
    expect(stats.articles).toBe(6)
    expect(stats).toEqual({
      articles: await count('MATCH (n:Article) RETURN count(n) AS n'),
      people: await count('MATCH (n:Person) RETURN count(n) AS n'),
      organisations: await count('MATCH (n:Organisation) RETURN count(n) AS n'),
      countries: await count('MATCH (n:Country) RETURN count(n) AS n'),
      places: await count('MATCH (n:Place) RETURN count(n) AS n'),
      quotes: await count('MATCH (n:Quote) RETURN count(n) AS n'),
      relations: await count('MATCH ()-[r:RELATED]->() RETURN count(r) AS n'),
    })
    expect(stats.quotes).toBeGreaterThan(10)
  })

  it('search forgives case and small typos, and filters by type', async () => {
    const q = 'query($q: String!, $types: [EntityType!], $first: Int) { search(query: $q, types: $types, first: $first) { id name type } }'
    type S = { search: { id: string; name: string; type: string }[] }
    const stenmark = await entityId('Ivo Stenmark')
    // 'Ivo Stnmak' and "Ivo Stenmark's": two letters off, which only the second try (two edits for a word of 6+
    // letters) forgives
    for (const typed of ['Ivo Stenmark', 'ivo stenmark', 'IVO STENMARK', 'stenmrk', 'Ivo Stenmarc', 'Ivo Stenmakr', 'stenm', 'Ivo Tenmark', 'Ivo Stnmak', "Ivo Stenmark's"]) {
      const { search } = ok(await gql<S>(api.url, q, { q: typed }))
      expect(search[0]?.id, `search "${typed}"`).toBe(stenmark)
    }
    const { search: countries } = ok(await gql<S>(api.url, q, { q: 'norwya', types: ['COUNTRY'] }))
    expect(countries.map((e) => e.id)).toEqual(['country:NO'])
    expect(countries[0].type).toBe('COUNTRY')
    const { search: people } = ok(await gql<S>(api.url, q, { q: 'norway', types: ['PERSON'] }))
    expect(people.every((e) => e.type === 'PERSON')).toBe(true)
    const { search: none } = ok(await gql<S>(api.url, q, { q: 'zzqxv' }))
    expect(none).toEqual([])
    const { search: one } = ok(await gql<S>(api.url, q, { q: 'a', first: 1 }))
    expect(one.length).toBeLessThanOrEqual(1)
  })

  it('entity by id, by name in any case, and by alias', async () => {
    const q = 'query($id: ID, $name: String) { entity(id: $id, name: $name) { id name type aliases mentionCount } }'
    type E = { entity: { id: string; name: string; type: string; aliases: string[]; mentionCount: number } | null }
    const byId = ok(await gql<E>(api.url, q, { id: 'country:NO' })).entity
    expect(byId).toMatchObject({ id: 'country:NO', name: 'Norway', type: 'COUNTRY' })
    const mentions = await count('MATCH (:Article)-[m:MENTIONS]->(:Entity {id: "country:NO"}) RETURN sum(m.count) AS n')
    expect(byId?.mentionCount).toBe(mentions)
    expect(ok(await gql<E>(api.url, q, { name: 'norway' })).entity?.id).toBe('country:NO')
    expect(ok(await gql<E>(api.url, q, { name: 'NORWAY' })).entity?.id).toBe('country:NO')
    const [withAlias] = await cypher<{ id: string; alias: string }>(
      'MATCH (e:Entity) WHERE size(e.aliases) > 0 AND NOT e.name IN e.aliases RETURN e.id AS id, e.aliases[0] AS alias ORDER BY e.id LIMIT 1',
    )
    expect(withAlias, 'the extraction should give some entity an alias').toBeDefined()
    const viaAlias = ok(await gql<E>(api.url, q, { name: withAlias.alias.toUpperCase() })).entity
    expect(viaAlias).not.toBeNull()
    expect([viaAlias!.name, ...viaAlias!.aliases].map((s) => s.toLowerCase())).toContain(withAlias.alias.toLowerCase())
    expect(ok(await gql<E>(api.url, q, { name: 'Nobody Atall' })).entity).toBeNull()
    const neither = await gql<E>(api.url, q, {})
    expect(neither.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('pages forward through all quotes without repeats', async () => {
    const q = 'query($after: String) { quotes(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }'
    const total = await count('MATCH (q:Quote) RETURN count(q) AS n')
    const seen: string[] = []
    let after: string | null = null
    for (let page = 0; page < 100; page++) {
      const { quotes }: { quotes: Conn<{ id: string }> } = ok(await gql<{ quotes: Conn<{ id: string }> }>(api.url, q, { after }))
      expect(quotes.totalCount).toBe(total)
      expect(quotes.edges.length).toBeLessThanOrEqual(7)
      seen.push(...quotes.edges.map((e) => e.node.id))
      if (!quotes.pageInfo.hasNextPage) break
      after = quotes.pageInfo.endCursor
    }
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
    const all = await cypher<{ id: string }>('MATCH (q:Quote) RETURN q.id AS id')
    expect(new Set(seen)).toEqual(new Set(all.map((r) => r.id)))
  })

  it('pages forward through the articles mentioning a country, newest first', async () => {
    const q = 'query($after: String) { articles(filter: {mentions: "Norway"}, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id publishedAt } } } }'
    const expected = await cypher<{ id: string }>(
      'MATCH (a:Article)-[:MENTIONS]->(:Entity {id: "country:NO"}) RETURN a.id AS id ORDER BY a.publishedAt DESC, a.id',
    )
    const got: { id: string; publishedAt: string }[] = []
    let after: string | null = null
    for (;;) {
      const { articles }: { articles: Conn<{ id: string; publishedAt: string }> } = ok(await gql(api.url, q, { after }))
      expect(articles.totalCount).toBe(expected.length)
      got.push(...articles.edges.map((e) => e.node))
      if (!articles.pageInfo.hasNextPage) break
      after = articles.pageInfo.endCursor
    }
    expect(got.map((a) => a.id)).toEqual(expected.map((r) => r.id))
    expect([...got.map((a) => a.publishedAt)].sort().reverse()).toEqual(got.map((a) => a.publishedAt))
  })

  it('gives each statement its quoted fragments, sliced from the article text the graph holds', async () => {
    const q = 'query($f: QuoteFilter) { quotes(filter: $f, first: 100) { totalCount edges { node { id text kind fragments { start end text } } } } }'
    type Q = { quotes: Conn<{ id: string; text: string; kind: string; fragments: { start: number; end: number; text: string }[] }> }
    const all = ok(await gql<Q>(api.url, q, {})).quotes
    expect(all.totalCount).toBeGreaterThan(0)
    const stored = await cypher<{ id: string; starts: number[]; ends: number[]; text: string }>(
      'MATCH (q:Quote)-[:IN]->(a:Article) RETURN q.id AS id, q.fragmentStarts AS starts, q.fragmentEnds AS ends, a.text AS text',
    )
    const byId = new Map(stored.map((r) => [r.id, r]))
    let fragments = 0
    for (const { node } of all.edges) {
      const r = byId.get(node.id)!
      expect(node.fragments).toEqual(r.starts.map((start, i) => ({ start, end: r.ends[i], text: r.text.slice(start, r.ends[i]) })))
      expect(node.fragments.length > 0, node.text).toBe(node.kind !== 'INDIRECT')
      for (const f of node.fragments) expect(node.text).toContain(f.text)
      fragments += node.fragments.length
    }
    expect(fragments).toBeGreaterThan(0)
    const mixed = ok(await gql<Q>(api.url, q, { f: { kind: 'MIXED' } })).quotes
    expect(mixed.totalCount).toBe(await count('MATCH (q:Quote {kind: "mixed"}) RETURN count(q) AS n'))
    expect(mixed.edges.every((e) => e.node.kind === 'MIXED')).toBe(true)
  })

  it('filters quotes by speaker, about, text, kind and dates', async () => {
    const q = 'query($f: QuoteFilter) { quotes(filter: $f, first: 100) { totalCount edges { node { id text kind publishedAt speaker { id } about { id } } } } }'
    type Q = { quotes: Conn<{ id: string; text: string; kind: string; publishedAt: string; speaker: { id: string } | null; about: { id: string }[] }> }
    const varga = await entityId('Lena Varga')
    const bySpeaker = ok(await gql<Q>(api.url, q, { f: { speaker: 'lena varga' } })).quotes
    expect(bySpeaker.totalCount).toBe(await count('MATCH (:Entity {id: $id})-[:SAID]->(q:Quote) RETURN count(q) AS n', { id: varga }))
    expect(bySpeaker.totalCount).toBeGreaterThan(2)
    expect(bySpeaker.edges.every((e) => e.node.speaker?.id === varga)).toBe(true)

    const about = ok(await gql<Q>(api.url, q, { f: { about: 'Norway' } })).quotes
    expect(about.totalCount).toBe(await count('MATCH (q:Quote)-[:ABOUT]->(:Entity {id: "country:NO"}) RETURN count(q) AS n'))
    expect(about.edges.every((e) => e.node.about.some((a) => a.id === 'country:NO'))).toBe(true)

    const text = ok(await gql<Q>(api.url, q, { f: { text: 'QUAY' } })).quotes
    expect(text.totalCount).toBe(await count('MATCH (q:Quote) WHERE toLower(q.text) CONTAINS "quay" RETURN count(q) AS n'))
    expect(text.totalCount).toBeGreaterThan(0)
    expect(text.edges.every((e) => e.node.text.toLowerCase().includes('quay'))).toBe(true)

    const direct = ok(await gql<Q>(api.url, q, { f: { kind: 'DIRECT' } })).quotes
    expect(direct.totalCount).toBe(await count('MATCH (q:Quote {kind: "direct"}) RETURN count(q) AS n'))
    expect(direct.edges.every((e) => e.node.kind === 'DIRECT')).toBe(true)

    const april = ok(await gql<Q>(api.url, q, { f: { from: '2026-04-01', to: '2026-04-30' } })).quotes
    expect(april.totalCount).toBe(
      await count('MATCH (q:Quote) WHERE q.publishedAt >= date("2026-04-01") AND q.publishedAt <= date("2026-04-30") RETURN count(q) AS n'),
    )
    expect(april.totalCount).toBeGreaterThan(0)
    expect(april.edges.every((e) => e.node.publishedAt >= '2026-04-01' && e.node.publishedAt <= '2026-04-30')).toBe(true)

    const both = ok(await gql<Q>(api.url, q, { f: { speaker: 'Halvard Moen', about: 'Norway', kind: 'INDIRECT' } })).quotes
    const moen = await entityId('Halvard Moen')
    expect(both.totalCount).toBe(
      await count('MATCH (:Entity {id: $id})-[:SAID]->(q:Quote {kind: "indirect"})-[:ABOUT]->(:Entity {id: "country:NO"}) RETURN count(q) AS n', { id: moen }),
    )
    const unknown = ok(await gql<Q>(api.url, q, { f: { speaker: 'Nobody Atall' } })).quotes
    expect(unknown.totalCount).toBe(0)
    const badDate = await gql<Q>(api.url, q, { f: { from: '2026-02-30' } })
    expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('filters articles by title, publisher, author and dates', async () => {
    const q = 'query($f: ArticleFilter) { articles(filter: $f, first: 100) { totalCount edges { node { title publisher authors publishedAt } } } }'
    type A = { articles: Conn<{ title: string; publisher: string; authors: string[]; publishedAt: string }> }
    expect(ok(await gql<A>(api.url, q, { f: { publisher: 'northwire' } })).articles.totalCount).toBe(6)
    const court = ok(await gql<A>(api.url, q, { f: { title: 'COURT' } })).articles
    expect(court.edges.map((e) => e.node.title).sort()).toEqual([
      'Court orders Kestrel Bay to build fishing quay first',
      'Union takes Kestrel Bay port authority to court',
    ])
    const anja = ok(await gql<A>(api.url, q, { f: { author: 'berglund' } })).articles
    expect(anja.totalCount).toBe(3)
    expect(anja.edges.every((e) => e.node.authors.includes('Anja Berglund'))).toBe(true)
    const march = ok(await gql<A>(api.url, q, { f: { from: '2026-03-01', to: '2026-03-31' } })).articles
    expect(march.edges.map((e) => e.node.publishedAt)).toEqual(['2026-03-16', '2026-03-09', '2026-03-02'])
  })

  it('lists every article newest first with no filter, page by page (read from the newest index)', async () => {
    const q = 'query($after: String) { articles(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }'
    type A = { articles: Conn<{ id: string }> }
    const expected = (await cypher<{ id: string }>('MATCH (a:Article) RETURN a.id AS id ORDER BY a.publishedAt IS NULL, a.publishedAt DESC, a.id')).map((r) => r.id)
    expect(expected.length).toBeGreaterThan(4)
    const seen: string[] = []
    let after: string | null = null
    for (;;) {
      const page: A['articles'] = ok(await gql<A>(api.url, q, { after })).articles
      expect(page.totalCount).toBe(expected.length)
      seen.push(...page.edges.map((e) => e.node.id))
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor
    }
    expect(seen).toEqual(expected)
  })

  it('whoSaidWhatAbout groups every quote about a country by speaker, most prolific first', async () => {
    const q = 'query($about: String!) { whoSaidWhatAbout(about: $about, first: 100) { speaker { id name } speakerName count quotes { id text about { id } article { title } } } }'
    type W = { whoSaidWhatAbout: { speaker: { id: string } | null; speakerName: string | null; count: number; quotes: { id: string; about: { id: string }[] }[] }[] }
    const groups = ok(await gql<W>(api.url, q, { about: 'norway' })).whoSaidWhatAbout
    const total = await count('MATCH (q:Quote)-[:ABOUT]->(:Entity {id: "country:NO"}) RETURN count(q) AS n')
    expect(groups.reduce((s, g) => s + g.count, 0)).toBe(total)
    const counts = groups.map((g) => g.count)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    for (const g of groups) {
      expect(g.quotes.length).toBe(Math.min(g.count, 10))
      expect(g.quotes.every((x) => x.about.some((a) => a.id === 'country:NO'))).toBe(true)
      if (g.speaker) {
        const said = await count(
          'MATCH (:Entity {id: $s})-[:SAID]->(q:Quote)-[:ABOUT]->(:Entity {id: "country:NO"}) RETURN count(q) AS n', { s: g.speaker.id })
        expect(g.count).toBe(said)
      }
    }
    const moen = await entityId('Halvard Moen')
    expect(groups.map((g) => g.speaker?.id)).toContain(moen)
    expect(ok(await gql<W>(api.url, q, { about: 'Nobody Atall' })).whoSaidWhatAbout).toEqual([])
    const capped = ok(await gql<W>(api.url, 'query { whoSaidWhatAbout(about: "Norway", first: 1) { count } }'))
    expect(capped.whoSaidWhatAbout).toHaveLength(1)
  })

  it('article by id, with its entities, quotes and relations', async () => {
    const [{ id }] = await cypher<{ id: string }>('MATCH (a:Article {title: "Union takes Kestrel Bay port authority to court"}) RETURN a.id AS id')
    const q = `query($id: ID!) { article(id: $id) { id title url publishedAt authors publisher text
      entities { count entity { id name type } } people: entities(types: [PERSON]) { entity { type } }
      quotes { id text speaker { name } } relations { type source { id } target { id } evidence article { id } } } }`
    type A = { article: { id: string; title: string; url: string; publishedAt: string; authors: string[]; text: string; entities: { count: number; entity: { id: string } }[]; people: { entity: { type: string } }[]; quotes: { id: string }[]; relations: { type: string; evidence: string; article: { id: string } }[] } }
    const { article } = ok(await gql<A>(api.url, q, { id }))
    expect(article).toMatchObject({ id, publishedAt: '2026-03-16', authors: ['Tomas Lindqvist'], url: 'https://northwire.example/2026/03/16/court-filing' })
    expect(article.text).toContain('Petra Okonkwo')
    expect(article.entities).toHaveLength(await count('MATCH (:Article {id: $id})-[:MENTIONS]->(e:Entity) RETURN count(e) AS n', { id }))
    expect(article.people.every((p) => p.entity.type === 'PERSON')).toBe(true)
    expect(article.people.length).toBeGreaterThan(1)
    expect(article.quotes.map((x) => x.id).sort()).toEqual(
      (await cypher<{ id: string }>('MATCH (q:Quote)-[:IN]->(:Article {id: $id}) RETURN q.id AS id', { id })).map((r) => r.id).sort(),
    )
    expect(article.relations).toHaveLength(await count('MATCH ()-[r:RELATED {articleId: $id}]->() RETURN count(r) AS n', { id }))
    expect(article.relations.every((r) => r.article.id === id && typeof r.evidence === 'string')).toBe(true)
    expect(ok(await gql<{ article: null }>(api.url, q, { id: 'url:nope' })).article).toBeNull()
  })

  it('entity fields: articles, quotesAbout, quotes, related with evidence, roles, places', async () => {
    const q = `{
      norway: entity(name: "Norway") { ... on Country {
        articles(first: 3) { totalCount edges { node { id } } }
        quotesAbout(first: 50, speaker: "Halvard Moen") { totalCount edges { node { speaker { name } } } }
        related(first: 5) { weight coMentions entity { id name } relations { type evidence source { id } target { id } } }
        places { name } quotes(first: 5) { totalCount } } }
      moen: entity(name: "Halvard Moen") { ... on Person {
        quotes(first: 50, about: "Norway") { totalCount edges { node { about { id } } } }
        roles { title organisation { name } } } }
    }`
    type R = { norway: { articles: Conn<{ id: string }>; quotesAbout: Conn<{ speaker: { name: string } }>; related: { weight: number; coMentions: number; entity: { id: string }; relations: { source: { id: string }; target: { id: string } }[] }[] }; moen: { quotes: Conn<{ about: { id: string }[] }> } }
    const d = ok(await gql<R>(api.url, q))
    expect(d.norway.articles.totalCount).toBe(await count('MATCH (a:Article)-[:MENTIONS]->(:Entity {id: "country:NO"}) RETURN count(a) AS n'))
    expect(d.norway.articles.edges).toHaveLength(3)
    expect(d.norway.quotesAbout.totalCount).toBeGreaterThan(0)
    expect(d.norway.quotesAbout.edges.every((e) => e.node.speaker.name === 'Halvard Moen')).toBe(true)
    expect(d.moen.quotes.totalCount).toBe(d.norway.quotesAbout.totalCount)
    expect(d.moen.quotes.edges.every((e) => e.node.about.some((a) => a.id === 'country:NO'))).toBe(true)
    const weights = d.norway.related.map((r) => r.weight)
    expect([...weights].sort((a, b) => b - a)).toEqual(weights)
    expect(d.norway.related.length).toBe(5)
    for (const r of d.norway.related) {
      const co = await count(
        'MATCH (:Entity {id: "country:NO"})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(:Entity {id: $o}) RETURN count(a) AS n', { o: r.entity.id })
      expect(r.coMentions).toBe(co)
      for (const rel of r.relations) expect([rel.source.id, rel.target.id].sort()).toEqual(['country:NO', r.entity.id].sort())
    }
  })

  it("a page of quotes names each quote's speaker and every subject, as the graph holds them (unfiltered too)", async () => {
    const q = `{
      moen: entity(name: "Halvard Moen") { ... on Person { quotes(first: 50) { edges { node { id about { id } } } } } }
      norway: entity(name: "Norway") { ... on Country { quotesAbout(first: 50) { edges { node { id speaker { id } } } } } }
      quotes(filter: { about: "Norway" }, first: 50) { edges { node { id speaker { id } about { id } } } }
    }`
    type Q = { id: string; about?: { id: string }[]; speaker?: { id: string } | null }
    const d = ok(await gql<{ moen: { quotes: Conn<Q> }; norway: { quotesAbout: Conn<Q> }; quotes: Conn<Q> }>(api.url, q))
    const truth = new Map((await cypher<{ id: string; speaker: string | null; about: string[] }>(
      'MATCH (q:Quote) RETURN q.id AS id, head([(s:Entity)-[:SAID]->(q) | s.id]) AS speaker, [(q)-[:ABOUT]->(x:Entity) | x.id] AS about')).map((r) => [r.id, r]))
    const quotes = [...d.moen.quotes.edges, ...d.norway.quotesAbout.edges, ...d.quotes.edges].map((e) => e.node)
    expect(d.moen.quotes.edges.length).toBeGreaterThan(0)
    expect(d.norway.quotesAbout.edges.length).toBeGreaterThan(0)
    for (const node of quotes) {
      const t = truth.get(node.id)!
      if (node.about) expect(node.about.map((a) => a.id).sort(), node.id).toEqual([...new Set(t.about)].sort())
      if (node.speaker !== undefined) expect(node.speaker?.id ?? null, node.id).toBe(t.speaker)
    }
  })

  it("a quote's fields are the same whichever of them a request asks (each read only when asked)", async () => {
    const all = 'id text kind sentence cue sentiment start end speakerName publishedAt fragments { text } article { id title url publisher authors }'
    const fields = ['text', 'kind', 'sentence', 'cue sentiment', 'start end', 'speakerName', 'publishedAt', 'fragments { text }', 'article { title }', 'article { url publisher authors }', 'article { id } sentence']
    // three requests, not one: the first request of each new selection plans its Cypher text, which on a
    // loaded machine took several seconds, and each request has its own execution budget (15 s)
    const ask = async (f: string) => {
      type Q = Record<string, unknown>
      const who = ok(await gql<{ whoSaidWhatAbout: { quotes: Q[] }[] }>(api.url, `{ whoSaidWhatAbout(about: "norway", first: 10) { quotes { id ${f} } } }`))
      const about = ok(await gql<{ quotes: Conn<Q> }>(api.url, `{ quotes(filter: { about: "Norway" }, first: 20) { edges { node { id ${f} } } } }`))
      const moen = ok(await gql<{ moen: { quotes: Conn<Q> } }>(api.url, `{ moen: entity(name: "Halvard Moen") { ... on Person { quotes(first: 20) { edges { node { id ${f} } } } } } }`))
      return [...who.whoSaidWhatAbout.flatMap((g) => g.quotes), ...about.quotes.edges.map((e) => e.node), ...moen.moen.quotes.edges.map((e) => e.node)]
    }
    const full = await ask(all)
    expect(full.length).toBeGreaterThan(5)
    // the whole quote against the graph
    const truth = new Map((await cypher<Record<string, unknown>>(
      `MATCH (q:Quote)-[:IN]->(a:Article) RETURN q.id AS id, q.text AS text, q.sentence AS sentence, q.cue AS cue, q.start AS start, q.end AS end,
       q.speakerName AS speakerName, a.title AS title, a.url AS url`)).map((r) => [r.id, r]))
    for (const quote of full) {
      const t = truth.get(quote.id as string)!
      const article = quote.article as Record<string, unknown>
      expect([quote.text, quote.sentence, quote.cue, quote.start, quote.end, quote.speakerName, article.title, article.url], quote.id as string)
        .toEqual([t.text, t.sentence, t.cue, t.start, t.end, t.speakerName, t.title, t.url])
    }
    expect(full.some((q) => typeof q.sentence === 'string' && q.sentence !== '')).toBe(true)
    // each field asked alone is what the whole quote says
    for (const f of fields) {
      const some = await ask(f)
      expect(some.map((q) => q.id), f).toEqual(full.map((q) => q.id))
      some.forEach((q, i) => {
        for (const [k, v] of Object.entries(q)) {
          const whole = full[i][k]
          expect(v, `${f}: ${k} of ${q.id as string}`).toEqual(k === 'article' ? Object.fromEntries(Object.keys(v as object).map((a) => [a, (whole as Record<string, unknown>)[a]])) : whole)
        }
      })
    }
  })

  it("an entity's articles are the same whether the request asks their id, title and date only (read lean) or more", async () => {
    type A = Record<string, unknown>
    const ask = async (f: string) => {
      const byMention = ok(await gql<{ articles: Conn<A> }>(api.url, `{ articles(filter: { mentions: "Norway" }, first: 20) { totalCount edges { node { ${f} } } } }`))
      const ofEntity = ok(await gql<{ entity: { articles: Conn<A> } }>(api.url, `{ entity(name: "Norway") { articles(first: 20) { totalCount edges { node { ${f} } } } } }`))
      return [byMention.articles, ofEntity.entity.articles]
    }
    const full = await ask('id title publishedAt url authors dateline publisher source')
    expect(full[0].edges.length).toBeGreaterThan(1)
    // the articles against the graph
    const truth = new Map((await cypher<A>(
      `MATCH (a:Article)-[:MENTIONS]->(:Entity {name: 'Norway'}) RETURN DISTINCT a.id AS id, a.title AS title, toString(a.publishedAt) AS publishedAt, a.url AS url`)).map((r) => [r.id, r]))
    for (const a of full[0].edges.map((e) => e.node)) expect([a.title, a.publishedAt, a.url]).toEqual([truth.get(a.id as string)!.title, truth.get(a.id as string)!.publishedAt, truth.get(a.id as string)!.url])
    for (const f of ['title', 'id title publishedAt', 'publishedAt __typename', 'title url']) {
      const some = await ask(f)
      some.forEach((conn, i) => {
        expect(conn.totalCount, f).toBe(full[i].totalCount)
        const pick = (a: A) => Object.fromEntries(f.split(' ').map((k) => [k, k === '__typename' ? 'Article' : a[k]]))
        expect(conn.edges.map((e) => e.node), f).toEqual(full[i].edges.map((e) => pick(e.node)))
      })
    }
  })

  it('path: the shortest connection between two people, step by step with evidence', async () => {
    const q = 'query($from: String!, $to: String!, $hops: Int) { path(from: $from, to: $to, maxHops: $hops) { from { id } to { id } kind label evidence article { id } } }'
    type P = { path: { from: { id: string }; to: { id: string }; kind: string; label: string | null; evidence: string | null }[] | null }
    const [stenmark, lund] = [await entityId('Ivo Stenmark'), await entityId('Elsa Lund')]
    const [{ n: shortest }] = await cypher<{ n: number }>(
      'MATCH (a:Entity {id: $a}), (b:Entity {id: $b}) MATCH p = shortestPath((a)-[:RELATED|HOLDS_ROLE|IN_COUNTRY*..6]-(b)) RETURN length(p) AS n',
      { a: stenmark, b: lund },
    )
    const { path } = ok(await gql<P>(api.url, q, { from: 'ivo stenmark', to: 'Elsa Lund', hops: 6 }))
    expect(path).not.toBeNull()
    expect(path).toHaveLength(shortest)
    expect(path![0].from.id).toBe(stenmark)
    expect(path!.at(-1)!.to.id).toBe(lund)
    for (let i = 1; i < path!.length; i++) expect(path![i].from.id).toBe(path![i - 1].to.id)
    expect(path!.every((s) => ['RELATED', 'HOLDS_ROLE', 'IN_COUNTRY'].includes(s.kind))).toBe(true)
    expect(path!.filter((s) => s.kind === 'RELATED').every((s) => typeof s.evidence === 'string' && s.label)).toBe(true)
    if (shortest > 1) expect(ok(await gql<P>(api.url, q, { from: 'Ivo Stenmark', to: 'Elsa Lund', hops: shortest - 1 })).path).toBeNull()
    expect(ok(await gql<P>(api.url, q, { from: 'Ivo Stenmark', to: 'Nobody Atall' })).path).toBeNull()
    expect(ok(await gql<P>(api.url, q, { from: 'Ivo Stenmark', to: 'ivo stenmark' })).path).toEqual([])
  })
})

describe('start-up warm-up', () => {
  it('runs every common query (stats and each GraphiQL example) through the API without an error', async () => {
    const report = await warmUp(api.app)
    expect(report.queries).toBe(WARM_QUERIES.length)
    expect(report.queries).toBeGreaterThan(3)
    expect(report.failed).toEqual([])
  })
})

describe('compiled execution', () => {
  // graphql-jit runs a large answer's document once it has been executed COMPILE_AFTER times (compiled.ts): every answer
  // must be the one graphql-js gives, byte for byte (field order, nulls, errors and their paths)
  const QUESTIONS: { query: string; variables?: Record<string, unknown> }[] = [
    ...WARM_QUERIES,
    {
      query: `query($name: String!) { entity(name: $name) { __typename id name mentionCount
        related(first: 3) { weight entity { name type ... on Person { quotes(first: 2) { totalCount edges { node { text about { name } article { title } } } } }
          articles(first: 2) { totalCount edges { node { title publishedAt } } } } } } }`,
      variables: { name: 'Ivo Stenmark' },
    },
    {
      query: `query($about: String!, $withKind: Boolean!) { a: whoSaidWhatAbout(about: $about, first: 3, quotesPerSpeaker: 2) {
        speaker { id name } speakerName count quotes { text kind @include(if: $withKind) article { title publishedAt } } }
        b: whoSaidWhatAbout(about: "no such entity anywhere") { count } }`,
      variables: { about: 'Norway', withKind: false },
    },
    { query: '{ entity(name: "no such entity anywhere") { id name } search(query: "stenmrk", first: 2) { ...E } } fragment E on Entity { id name type }' },
    { query: '{ quotes(first: 1, after: "not-a-cursor") { totalCount } }' },
    { query: '{ articles(first: 2) { edges { cursor node { id title entities { count entity { name type } spans { start end } } quotes { text speaker { name } } } } } }' },
    { query: 'query($n: Int) { quotes(first: $n) { edges { node { id } } } }', variables: { n: 1.5 } },
  ]

  it('answers every question as graphql-js does, byte for byte, once it runs compiled', async () => {
    const compiled = await startApi(config, driver, { compile: { after: 0, minValues: 0 } })
    const interpreted = await startApi(config, driver, { compile: { after: Infinity } })
    try {
      for (const { query, variables } of QUESTIONS) {
        const [a, b] = [await gql(compiled.url, query, variables), await gql(interpreted.url, query, variables)]
        expect(a.raw, query).toBe(b.raw)
        expect(a.status, query).toBe(b.status)
      }
      // every answer was compiled on one side only (the float variable's too: refused as graphql-js refuses it)
      expect(compiled.app.compiled.runs).toBe(QUESTIONS.length)
      expect(interpreted.app.compiled.runs).toBe(0)
    } finally {
      await compiled.close()
      await interpreted.close()
    }
  })

  it('compiles a question once asked COMPILE_AFTER times if its answer is expected large, the same answer each time; never a small one', async () => {
    const fresh = await startApi(config, driver)
    try {
      const large = `query($about: String!) { whoSaidWhatAbout(about: $about, first: 10) {
        speaker { id name type } speakerName count quotes { text kind article { title publishedAt } } } }`
      const small = 'query($about: String!) { whoSaidWhatAbout(about: $about, first: 2) { speakerName count } }'
      const answers: Record<string, Set<string>> = { large: new Set(), small: new Set() }
      for (let i = 0; i < COMPILE_AFTER + 2; i++) {
        answers.large.add((await gql(fresh.url, large, { about: 'Norway' })).raw)
        answers.small.add((await gql(fresh.url, small, { about: 'Norway' })).raw)
      }
      expect(fresh.app.compiled.runs).toBe(2)
      expect([answers.large.size, answers.small.size]).toEqual([1, 1])
      expect([...answers.large][0]).toContain('"publishedAt"')
    } finally {
      await fresh.close()
    }
  })
})

describe('round trips', () => {
  // a three-level query whose result grows with `first`; its Cypher round trips must not
  const nested = `query($n: Int) { articles(first: $n) { edges { node { title
      quotes { text speaker { name } about { name } }
      entities { count entity { name mentionCount
        related(first: 2) { weight entity { name } }
        ... on Person { roles { title } quotes(first: 2) { totalCount edges { node { text article { title } } } } }
        ... on Country { places { name } }
        articles(first: 2) { edges { node { title } } } } } } } } }`

  it('one Cypher query answers whoSaidWhatAbout, articles(mentions), quotes(speaker) and search, a name resolved in it', async () => {
    for (const q of [
      '{ whoSaidWhatAbout(about: "norway", first: 3) { speaker { name } count quotes { text article { title } } } }',
      '{ articles(filter: { mentions: "Norway" }, first: 3) { totalCount edges { node { title } } } }',
      '{ search(query: "norwy", first: 3) { name mentionCount } }',
      '{ quotes(filter: { speaker: "halvard moen" }, first: 3) { totalCount edges { node { text about { name } article { title } } } } }',
    ]) {
      const before = api.app.db.roundTrips
      ok(await gql(api.url, q))
      expect(api.app.db.roundTrips - before, q).toBe(1)
    }
  })

  it('entity(name) reads the quotes and related entities it is asked for in its own query, answering as by id', async () => {
    const sel = `id name mentionCount related(first: 2) { weight entity { name } }
      ... on Person { quotes(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { text about { name } article { title } } } } }`
    const byName = `query($name: String!, $after: String) { entity(name: $name) { ${sel} } }`
    const byId = `query($id: ID!, $after: String) { entity(id: $id) { ${sel} } }`
    type E = { entity: { id: string; quotes: Conn<unknown> } | null }
    for (const after of [null, 'bzow']) {
      const before = api.app.db.roundTrips
      const named = ok(await gql<E>(api.url, byName, { name: 'halvard moen', after }))
      expect(api.app.db.roundTrips - before, 'the name, its quotes and related in one query').toBe(1)
      expect(named.entity?.quotes.totalCount).toBeGreaterThan(0)
      expect(named).toEqual(ok(await gql<E>(api.url, byId, { id: named.entity?.id, after })))
    }
    // asked only under a fragment of another type: not read, the same answer
    const place = ok(await gql<E>(api.url, '{ entity(name: "Norway") { id ... on Person { quotes { totalCount } } } }'))
    expect(place.entity?.id).toBeTruthy()
    expect(place.entity).not.toHaveProperty('quotes')
    expect(ok(await gql(api.url, '{ entity(name: "nobody we know") { id ... on Person { quotes { totalCount } } } }'))).toEqual({ entity: null })
  })

  it("entity(name) reads its related entities' quotes and articles in the same query, answering as by id", async () => {
    // the bench's three-level question (scripts/support/scale-queries.ts nested), with cursors and a full article field
    const sel = (articleFields: string) => `id name mentionCount related(first: 10) { weight entity { name type
        ... on Person { quotes(first: 2, after: $after) { totalCount edges { cursor node { text about { name } article { title } } } } }
        articles(first: 2, after: $after) { totalCount pageInfo { hasNextPage } edges { node { ${articleFields} } } } } }`
    type R = { entity: { related: { entity: { type: string; quotes?: Conn<unknown>; articles: Conn<unknown> } }[] } | null }
    for (const [after, fields] of [[null, 'title publishedAt'], ['bzow', 'title publishedAt'], [null, 'title url']] as const) {
      const byName = `query($name: String!, $after: String) { entity(name: $name) { ${sel(fields)} } }`
      const byId = `query($id: ID!, $after: String) { entity(id: $id) { ${sel(fields)} } }`
      const before = api.app.db.roundTrips
      const named = ok(await gql<R & { entity: { id: string } }>(api.url, byName, { name: 'norway', after }))
      expect(api.app.db.roundTrips - before, 'the name, related, and their quotes and articles in one query').toBe(1)
      const related = named.entity!.related
      expect(related.length).toBeGreaterThan(1)
      if (after === null) {
        expect(related.some((r) => r.entity.type === 'PERSON' && r.entity.quotes!.totalCount > 0)).toBe(true)
        expect(related.every((r) => r.entity.articles.edges.length > 0)).toBe(true)
      }
      expect(related.filter((r) => r.entity.type !== 'PERSON').every((r) => !('quotes' in r.entity))).toBe(true)
      const idTrips = api.app.db.roundTrips
      expect(named).toEqual(ok(await gql<R>(api.url, byId, { id: named.entity!.id, after })))
      expect(api.app.db.roundTrips - idTrips, 'by id: the loaders').toBeGreaterThan(1)
    }
  })

  it('do not grow with the number of results (DataLoader per request)', async () => {
    type N = { articles: Conn<{ entities: unknown[]; quotes: unknown[] }> }
    const trips = async (n: number) => {
      const before = api.app.db.roundTrips
      const d = ok(await gql<N>(api.url, nested, { n }))
      return { trips: api.app.db.roundTrips - before, articles: d.articles.edges.length, entities: d.articles.edges.reduce((s, e) => s + e.node.entities.length, 0) }
    }
    const one = await trips(1)
    const all = await trips(6)
    expect(all.articles).toBe(6)
    expect(all.entities).toBeGreaterThan(one.entities * 3)
    expect(all.trips).toBe(one.trips)
    expect(all.trips).toBeLessThanOrEqual(12)
    console.log(`nested query: ${one.trips} round trips for 1 article (${one.entities} entities), ${all.trips} for 6 articles (${all.entities} entities)`)
  })
})

describe('limits', () => {
  const nest = (levels: number) => {
    let sel = 'name'
    for (let i = 0; i < levels / 2; i++) sel = `related { entity { ${sel} } }`
    return `{ entity(name: "Norway") { ${sel} } }`
  }

  it('refuses 50 levels of nesting before touching the database', async () => {
    const before = api.app.db.roundTrips
    const r = await gql(api.url, nest(50))
    expect(r.data).toBeNull()
    expect(r.errors?.[0].message).toMatch(/depth|cost/i)
    expect(api.app.db.roundTrips).toBe(before)
    // a query cheap enough for the cost rule but too deep is refused by the depth rule
    const deep = await gql(api.url, nest(14))
    expect(deep.data).toBeNull()
    expect(deep.errors?.[0].message).toMatch(/depth/i)
    expect(ok(await gql(api.url, nest(8)))).toBeTruthy()
    expect(api.app.db.roundTrips).toBeGreaterThan(before)
  })

  it('refuses 1,000 aliases', async () => {
    const fields = Array.from({ length: 1000 }, (_, i) => `a${i}: stats { articles }`).join(' ')
    const before = api.app.db.roundTrips
    const r = await gql(api.url, `{ ${fields} }`)
    expect(r.data).toBeNull()
    expect(r.errors?.map((e) => e.message).join(' ')).toMatch(/alias|token/i)
    expect(api.app.db.roundTrips).toBe(before)
  })

  it('refuses a query of too many tokens, and an overlong body', async () => {
    const r = await gql(api.url, `{ stats { ${'articles '.repeat(3000)} } }`)
    expect(r.errors?.[0].message).toMatch(/token/i)
    const big = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { articles } }', variables: { pad: 'x'.repeat(200_000) } }),
    })
    expect(big.status).toBe(413)
    // a chunked body announces no length: it is counted as it arrives
    const chunked = (text: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(c) {
            for (let i = 0; i < text.length; i += 10_000) c.enqueue(new TextEncoder().encode(text.slice(i, i + 10_000)))
            c.close()
          },
        }),
        duplex: 'half',
      } as RequestInit)
    expect((await chunked(JSON.stringify({ query: '{ stats { articles } }', variables: { pad: 'x'.repeat(200_000) } }))).status).toBe(413)
    const small = await chunked(JSON.stringify({ query: '{ stats { articles } }' }))
    expect(small.status).toBe(200)
    expect(await small.json()).toEqual({ data: { stats: { articles: 6 } } })
  })

  it('refuses first: 1000000 written in the query, caps it at 100 from a variable, refuses negative first', async () => {
    const literal = await gql(api.url, '{ quotes(first: 1000000) { totalCount edges { cursor } } }')
    expect(literal.data).toBeNull()
    expect(literal.errors?.[0].message).toMatch(/cost/i)
    const r = ok(await gql<{ quotes: Conn<unknown>; search: unknown[]; entity: { related: unknown[] } }>(api.url,
      'query($n: Int) { quotes(first: $n) { totalCount edges { cursor } } search(query: "e", first: $n) { id } entity(name: "Norway") { related(first: $n) { weight } } }',
      { n: 1_000_000 }))
    expect(r.quotes.edges.length).toBe(Math.min(100, r.quotes.totalCount))
    expect(r.search.length).toBeLessThanOrEqual(100)
    expect(r.entity.related.length).toBeLessThanOrEqual(100)
    const neg = await gql(api.url, '{ quotes(first: -1) { totalCount } }')
    expect(neg.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
    const badCursor = await gql(api.url, '{ quotes(after: "bm90LWEtY3Vyc29y") { totalCount } }')
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('gives every query a transaction timeout', async () => {
    const db = createReadExecutor(driver, { database: config.neo4jDatabase, timeoutMs: 300 })
    const t0 = Date.now()
    await expect(db.run('UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n')).rejects.toBeInstanceOf(QueryTimeoutError)
    expect(Date.now() - t0).toBeLessThan(10_000)
  })
})

describe('hostile strings', () => {
  const HOSTILE = [
    `') MATCH (n) DETACH DELETE n //`,
    `*~"\\`,
    `" OR 1=1 --`,
    `\`}) DETACH DELETE n RETURN 1 //`,
    `name:* OR aliases:*`,
    `(((((`,
    `\\u0000 ${'~'.repeat(50)}`,
  ]
  const queries: [string, (s: string) => Record<string, unknown>][] = [
    ['query($s: String!) { search(query: $s) { id } }', (s) => ({ s })],
    ['query($s: String!) { entity(name: $s) { id } }', (s) => ({ s })],
    ['query($s: ID!) { entity(id: $s) { id } article(id: $s) { id } }', (s) => ({ s })],
    ['query($s: String!) { whoSaidWhatAbout(about: $s) { count } }', (s) => ({ s })],
    ['query($s: String!) { quotes(filter: {speaker: $s}) { totalCount } a: quotes(filter: {about: $s}) { totalCount } t: quotes(filter: {text: $s}) { totalCount } }', (s) => ({ s })],
    ['query($s: String!) { articles(filter: {mentions: $s}) { totalCount } t: articles(filter: {title: $s, publisher: $s, author: $s}) { totalCount } }', (s) => ({ s })],
    ['query($s: String!) { path(from: $s, to: "Norway") { kind } p: path(from: "Norway", to: $s) { kind } }', (s) => ({ s })],
    ['query($s: String!) { entity(name: "Norway") { quotesAbout(speaker: $s) { totalCount } ... on Country { quotes(about: $s) { totalCount } } } }', (s) => ({ s })],
  ]

  it('do nothing harmful in any string argument, and leak nothing', async () => {
    const nodesBefore = await count('MATCH (n) RETURN count(n) AS n')
    const relsBefore = await count('MATCH ()-[r]->() RETURN count(r) AS n')
    for (const s of HOSTILE) {
      for (const [query, vars] of queries) {
        const r = await gql(api.url, query, vars(s))
        expect(r.status, `${query} with ${s}`).toBe(200)
        expect(r.errors, `${query} with ${s}: ${r.raw}`).toBeUndefined()
      }
      // where a string must have a form (dates, cursors), the error is a clean refusal
      for (const query of ['query($s: String) { quotes(filter: {from: $s}) { totalCount } }', 'query($s: String) { quotes(after: $s) { totalCount } }']) {
        const r = await gql(api.url, query, { s })
        expect(r.errors?.[0].extensions?.code, r.raw).toBe('BAD_USER_INPUT')
        expect(r.raw).not.toMatch(/Neo4j|Cypher|MATCH|at .*\.ts:/)
      }
    }
    expect(await count('MATCH (n) RETURN count(n) AS n')).toBe(nodesBefore)
    expect(await count('MATCH ()-[r]->() RETURN count(r) AS n')).toBe(relsBefore)
  })

  it('masks unexpected errors: no message, stack or Cypher of the cause', async () => {
    const err = new Error('Invalid input: MATCH (n:Secret) RETURN n')
    const masked = maskError(err, 'Unexpected error.')
    expect(masked.message).toBe('Unexpected error.')
    expect(JSON.stringify(masked)).not.toMatch(/Secret|MATCH|stack/)
  })
})

describe('ingestArticle and the token rule', () => {
  const mutation = 'mutation($i: ArticleInput!) { ingestArticle(input: $i) { status entities quotes relations article { id title quotes { text speaker { name } } } } }'
  const input = {
    title: 'Harbour pilot retires',
    publishedAt: '2026-05-20',
    publisher: 'Northwire',
    text: 'Marit Solheim, the harbour pilot of Kestrel Bay for thirty years, retired on Wednesday. "The sea gave me everything," Solheim said. Lena Varga said the town would name the new quay after her.',
  }
  type I = { ingestArticle: { status: string; entities: number; quotes: number; relations: number; article: { id: string; title: string; quotes: { text: string; speaker: { name: string } | null }[] } } }

  it('is refused when the server has no INGEST_TOKEN', async () => {
    const closed = await startApi({ ...config, ingestToken: null }, driver)
    try {
      const r = await gql<I>(closed.url, mutation, { i: input }, { authorization: `Bearer ${TOKEN}` })
      expect(r.data).toBeNull()
      expect(r.errors?.[0].message).toMatch(/disabled/)
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN')
    } finally {
      await closed.close()
    }
    expect(await count('MATCH (a:Article {title: $t}) RETURN count(a) AS n', { t: input.title })).toBe(0)
  })

  it('requires the bearer token, then ingests with the CLI pipeline and drops cached reads', async () => {
    const cached = await startApi(config, driver, { responseCacheTtlMs: 60_000 })
    try {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }]) {
        const r = await gql<I>(cached.url, mutation, { i: input }, headers)
        expect(r.errors?.[0].extensions?.code, JSON.stringify(headers)).toBe('UNAUTHENTICATED')
      }
      expect(await count('MATCH (a:Article {title: $t}) RETURN count(a) AS n', { t: input.title })).toBe(0)

      const stats = '{ stats { articles } }'
      expect(ok(await gql<{ stats: { articles: number } }>(cached.url, stats)).stats.articles).toBe(6)
      const before = cached.app.db.roundTrips
      expect(ok(await gql<{ stats: { articles: number } }>(cached.url, stats)).stats.articles).toBe(6)
      expect(cached.app.db.roundTrips, 'second read served from the response cache').toBe(before)

      const done = ok(await gql<I>(cached.url, mutation, { i: input }, { authorization: `Bearer ${TOKEN}` })).ingestArticle
      expect(done.status).toBe('new')
      expect(done.article.title).toBe(input.title)
      expect(done.quotes).toBe(await count('MATCH (q:Quote)-[:IN]->(:Article {id: $id}) RETURN count(q) AS n', { id: done.article.id }))
      expect(done.quotes).toBeGreaterThan(0)
      expect(done.article.quotes.some((q) => q.text.includes('The sea gave me everything'))).toBe(true)
      expect(ok(await gql<{ stats: { articles: number } }>(cached.url, stats)).stats.articles, 'cache dropped after ingest').toBe(7)

      const again = ok(await gql<I>(cached.url, mutation, { i: input }, { authorization: `Bearer ${TOKEN}` })).ingestArticle
      expect(again.status).toBe('unchanged')
      const empty = await gql<I>(cached.url, mutation, { i: { text: '   ' } }, { authorization: `Bearer ${TOKEN}` })
      expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
    } finally {
      await cached.close()
      await driver.executeQuery('MATCH (a:Article {title: $t}) OPTIONAL MATCH (q:Quote)-[:IN]->(a) DETACH DELETE a, q', { t: input.title })
    }
  })

  it('D14: a URL over 8 KB is refused with the real reason, not "Unexpected error."; a 4 KB one is stored', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` }
    const long = `https://news.example/${'a'.repeat(9000)}`
    const r = await gql<I>(api.url, mutation, { i: { ...input, title: 'D14 long URL', url: long } }, auth)
    expect(r.data).toBeNull()
    expect(r.errors?.[0].extensions?.code, JSON.stringify(r.errors)).toBe('BAD_USER_INPUT')
    expect(r.errors?.[0].message).toBe(`\`input.url\` is ${long.length} characters long; the limit is 4096`)
    expect(await count('MATCH (a:Article {title: $t}) RETURN count(a) AS n', { t: 'D14 long URL' })).toBe(0)
    const fits = `https://news.example/${'b'.repeat(4096 - 21)}`
    try {
      const stored = ok(await gql<I>(api.url, mutation, { i: { ...input, title: 'D14 4 KB URL', url: fits } }, auth)).ingestArticle
      expect(stored.status).toBe('new')
      expect(await count('MATCH (a:Article {url: $u}) RETURN count(a) AS n', { u: fits })).toBe(1)
    } finally {
      await driver.executeQuery('MATCH (a:Article {title: $t}) OPTIONAL MATCH (q:Quote)-[:IN]->(a) DETACH DELETE a, q', { t: 'D14 4 KB URL' })
    }
  })
})

describe('http', () => {
  it('healthz, readyz, GraphiQL with the example queries', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200)
    const ready = await fetch(`${api.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })
    const page = await (await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })).text()
    expect(page).toContain('whoSaidWhatAbout')
    expect(page).toContain('PathBetweenTwoPeople')
    expect(page).toContain('PersonsQuotes')
  })

  it('serves the Neo4j Browser files with CORS, 404 when absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-browser-'))
    writeFileSync(join(dir, 'style.grass'), 'node.Person { color: #68BDF6; }')
    const other = await startApi(config, driver, { browserDir: `${dir}/` })
    try {
      const grass = await fetch(`${other.url}/browser/style.grass`, { headers: { origin: 'http://localhost:7474' } })
      expect(grass.status).toBe(200)
      expect(['*', 'http://localhost:7474']).toContain(grass.headers.get('access-control-allow-origin'))
      expect(await grass.text()).toContain('node.Person')
      expect((await fetch(`${other.url}/browser/guide`)).status).toBe(404)
    } finally {
      await other.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('CORS follows config.corsOrigins; introspection follows config.introspection', async () => {
    const strict = await startApi({ ...config, corsOrigins: ['https://allowed.example'], introspection: false }, driver)
    try {
      const pre = (origin: string) =>
        fetch(`${strict.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } })
      expect((await pre('https://allowed.example')).headers.get('access-control-allow-origin')).toBe('https://allowed.example')
      expect((await pre('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example')
      const grass = await fetch(`${strict.url}/browser/style.grass`, { headers: { origin: 'http://localhost:7474' } })
      expect(['*', 'http://localhost:7474'], 'Neo4j Browser may fetch the style whatever CORS_ORIGINS says').toContain(
        grass.headers.get('access-control-allow-origin'))
      const intro = await gql(strict.url, '{ __schema { types { name } } }')
      expect(intro.errors?.[0].message).toMatch(/introspection/i)
      expect(ok(await gql(strict.url, '{ stats { articles } }'))).toBeTruthy()
    } finally {
      await strict.close()
    }
    const open = await gql<{ __schema: { types: unknown[] } }>(api.url, '{ __schema { types { name } } }')
    expect(ok(open).__schema.types.length).toBeGreaterThan(10)
  })
})
