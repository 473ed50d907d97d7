// The GraphQL API's server side against the real Neo4j, over HTTP, with the test articles
// (test/fixtures/api) written by the real extraction and ingestion: warm-up, compiled execution, round
// trips, limits, hostile strings, ingestArticle and the token rule, http. The answers: api.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import type { Config } from '../../src/config.ts'
import { createReadExecutor, QueryTimeoutError } from '../../src/graph/read.ts'
import { maskError } from '../../src/api/plugins.ts'
import { WARM_QUERIES, warmUp } from '../../src/api/warm.ts'
import { COMPILE_AFTER } from '../../src/api/compiled.ts'
import { directCypher, gql, ok, startApi, startFixtureApi, stopFixtureApi, TOKEN, type Conn, type RunningApi } from './api-support.ts'

let driver: Driver
let config: Config
let api: RunningApi
let count: ReturnType<typeof directCypher>['count']

beforeAll(async () => {
  ;({ driver, config, api } = await startFixtureApi())
  ;({ count } = directCypher(driver, config.neo4jDatabase))
})

afterAll(() => stopFixtureApi(api, driver))

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
