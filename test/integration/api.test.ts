// The GraphQL API's answers against the real Neo4j, over HTTP, with the test articles (test/fixtures/api)
// written by the real extraction and ingestion. Answers are checked against Cypher run directly on
// the same database, so they hold whatever the extraction makes of the articles. The server's side
// (warm-up, compiled execution, round trips, limits, hostile strings, ingestArticle, http): api-server.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import type { Config } from '../../src/config.ts'
import { directCypher, gql, ok, startFixtureApi, stopFixtureApi, type Conn, type RunningApi } from './api-support.ts'

let driver: Driver
let config: Config
let api: RunningApi
let cypher: ReturnType<typeof directCypher>['cypher']
let count: ReturnType<typeof directCypher>['count']

/** an entity the extraction found, by name (fails the test when it did not) */
async function entityId(name: string): Promise<string> {
  const rows = await cypher<{ id: string }>('MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name })
  expect(rows, `the extraction should find ${name}`).toHaveLength(1)
  return rows[0].id
}

beforeAll(async () => {
  ;({ driver, config, api } = await startFixtureApi())
  ;({ cypher, count } = directCypher(driver, config.neo4jDatabase))
})

afterAll(() => stopFixtureApi(api, driver))

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
