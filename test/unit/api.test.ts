// Pure parts of the API: cursors and `first`, the Lucene queries built from user input, and the
// generated resolver types being in step with schema/schema.graphql.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generate } from '@graphql-codegen/cli'
import { clampFirst, decodeCursor, encodeCursor, pageWindow, toConnection } from '../../src/api/connection.ts'
import { escapeLucene, fuzzyLuceneQuery, phraseLuceneQuery, searchInTurn, searchLuceneQueries, searchTerms } from '../../src/graph/read.ts'
import { generates } from '../../codegen.ts'
import { createSchema, createYoga } from 'graphql-yoga'
import { useResultCache } from '../../src/api/plugins.ts'
import { BUDGET, estimateCost, meterSchema, useAnswerBudget } from '../../src/api/budget.ts'
import { useCompiledRepeats } from '../../src/api/compiled.ts'
import { parse } from 'graphql'
import { SCHEMA_PATH } from '../../src/api/server.ts'

describe('connections', () => {
  it('caps first at 100, defaults it to 10, refuses negatives', () => {
    expect(clampFirst(1_000_000)).toBe(100)
    expect(clampFirst(undefined)).toBe(10)
    expect(clampFirst(0)).toBe(0)
    expect(() => clampFirst(-1)).toThrow(/negative/)
  })

  it('cursors round-trip and refuse what the API did not give out', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41)
    expect(decodeCursor(null)).toBe(-1)
    for (const bad of ['x', Buffer.from('o:-1').toString('base64url'), Buffer.from("o:1' OR 1=1").toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(/cursor/)
    }
  })

  it('pages: one row more than asked tells whether there is a next page', () => {
    const w = pageWindow({ first: 2, after: encodeCursor(1) })
    expect(w).toEqual({ skip: 2, limit: 3, first: 2 })
    const c = toConnection({ rows: ['c', 'd', 'e'], total: 5 }, w)
    expect(c.edges.map((e) => e.node)).toEqual(['c', 'd'])
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true, endCursor: encodeCursor(3) })
    const last = toConnection({ rows: ['e'], total: 5 }, pageWindow({ first: 2, after: encodeCursor(3) }))
    expect(last.pageInfo.hasNextPage).toBe(false)
  })
})

describe('Lucene queries from user input', () => {
  it('escapes every special character', () => {
    expect(escapeLucene('a+b-c&&d||e!(f){g}[h]^i"j~k*l?m:n\\o/p')).toBe(
      'a\\+b\\-c\\&\\&d\\|\\|e\\!\\(f\\)\\{g\\}\\[h\\]\\^i\\"j\\~k\\*l\\?m\\:n\\\\o\\/p')
  })

  it('builds fuzzy terms from words only, lower-cased so AND/OR/NOT stay words', () => {
    expect(searchTerms(`') MATCH (n) DETACH DELETE n //`)).toEqual(['match', 'n', 'detach', 'delete', 'n'])
    expect(fuzzyLuceneQuery('Halvard Moen')).toBe('(halvard* OR halvard~1) AND (moen* OR moen~1)')
    expect(fuzzyLuceneQuery('NOT OR')).toBe('(not* OR not~1) AND (or^3 OR or*)')
    expect(fuzzyLuceneQuery('*~"\\')).toBeNull()
  })

  it('asks one edit first, and two for words of 6+ letters only when one finds nothing', async () => {
    expect(fuzzyLuceneQuery('Halvard Moen', true)).toBe('(halvard* OR halvard~2) AND (moen* OR moen~1)')
    expect(searchLuceneQueries('Halvard Moen')).toEqual([fuzzyLuceneQuery('Halvard Moen'), fuzzyLuceneQuery('Halvard Moen', true)])
    expect(searchLuceneQueries('Moen')).toEqual([fuzzyLuceneQuery('Moen')])
    expect(searchLuceneQueries('*~')).toEqual([])
    const asked: string[] = []
    const run = (found: Record<string, number[]>) => (lucene: string) => (asked.push(lucene), Promise.resolve(found[lucene] ?? []))
    expect(await searchInTurn(['a', 'b'], run({ a: [1], b: [2] }))).toEqual([1])
    expect(asked).toEqual(['a'])
    expect(await searchInTurn(['a', 'b'], run({ b: [2] }))).toEqual([2])
    expect(await searchInTurn(['a', 'b'], run({}))).toEqual([])
  })

  it('quotes a name as an exact phrase', () => {
    expect(phraseLuceneQuery('Say "hi" \\ now')).toBe('"Say \\"hi\\" \\\\ now"')
    expect(phraseLuceneQuery('~~~')).toBeNull()
  })
})

describe('generated resolver types', () => {
  it('are in step with schema/schema.graphql (run `npm run codegen` after editing the schema)', async () => {
    const [out] = await generate({ schema: 'schema/schema.graphql', generates, silent: true }, false)
    expect(out.content).toBe(readFileSync('src/api/generated/types.ts', 'utf8'))
  }, 60_000)
})

describe('the result cache', () => {
  function counter(ttlMs: number) {
    let calls = 0
    const cache = useResultCache({ ttlMs })
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { n(delay: Int): Int }  type Mutation { bump: Int }',
        resolvers: {
          Query: { n: async (_: unknown, { delay }: { delay?: number }) => { await new Promise((r) => setTimeout(r, delay ?? 0)); return ++calls } },
          Mutation: { bump: () => ++calls },
        },
      }),
      plugins: [cache.plugin],
    })
    const ask = async (query: string) => {
      const res = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
      return ((await res.json()) as { data: Record<string, number> }).data
    }
    return { ask, invalidate: cache.invalidate, calls: () => calls }
  }

  it('answers a repeated query from the cache, never a mutation, and forgets on invalidate', async () => {
    const c = counter(60_000)
    expect(await c.ask('{ n }')).toEqual({ n: 1 })
    expect(await c.ask('{ n }')).toEqual({ n: 1 })
    expect(await c.ask('{ m: n }')).toEqual({ m: 2 })
    expect(await c.ask('mutation { bump }')).toEqual({ bump: 3 })
    expect(await c.ask('mutation { bump }')).toEqual({ bump: 4 })
    c.invalidate()
    expect(await c.ask('{ n }')).toEqual({ n: 5 })
  })

  it('refreshes an expired entry with one request while the others get the previous answer', async () => {
    // TTL 1 s, asked again after 1.15 s: expired, and inside the stale window (to 2 s) even when a loaded
    // machine's timer fires late (with a TTL of 200 ms, a timer 150 ms late on CI's 2 busy cores ended the window)
    const c = counter(1000)
    const slow = '{ n(delay: 50) }'
    expect(await c.ask(slow)).toEqual({ n: 1 })
    await new Promise((r) => setTimeout(r, 1150))
    const refresher = c.ask(slow)
    const others = await Promise.all([c.ask(slow), c.ask(slow)])
    expect(others).toEqual([{ n: 1 }, { n: 1 }])
    expect(await refresher).toEqual({ n: 2 })
    expect(c.calls()).toBe(2)
    expect(await c.ask(slow)).toEqual({ n: 2 })
  })
})

describe('the result cache, bounded by memory', () => {
  it('D2: holds at most maxBytes of answers, never one over maxEntryBytes, and drops expired ones though nothing asks', async () => {
    let calls = 0
    const cache = useResultCache({ ttlMs: 500, maxBytes: 10_000, maxEntryBytes: 3_000 })
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { s(n: Int!): String }',
        resolvers: { Query: { s: (_: unknown, { n }: { n: number }) => (++calls, 'x'.repeat(n)) } },
      }),
      plugins: [cache.plugin],
    })
    const ask = async (n: number) => {
      const res = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ s(n: ${n}) }` }) })
      return ((await res.json()) as { data: { s: string } }).data.s.length
    }
    try {
      // 10 answers of ~1 kB (2 kB held each): the cache keeps what fits in 10 kB, the newest
      for (let i = 0; i < 10; i++) expect(await ask(1000 + i)).toBe(1000 + i)
      expect(cache.stats().bytes).toBeLessThanOrEqual(10_000)
      expect(cache.stats().entries).toBeLessThanOrEqual(4)
      const before = calls
      expect(await ask(1009)).toBe(1009)
      expect(calls, 'the newest answer is a hit').toBe(before)
      // an answer over maxEntryBytes is served, never kept
      expect(await ask(5000)).toBe(5000)
      expect(await ask(5000)).toBe(5000)
      expect(calls).toBe(before + 2)
      // expired (TTL 500 ms: long enough that the hit above is one on a loaded machine; an entry leaves
      // after 2 TTL + 1 s, the purge timer runs each second): gone within 3 s, with no request
      await new Promise((r) => setTimeout(r, 4000))
      expect(cache.stats()).toEqual({ entries: 0, bytes: 0 })
    } finally {
      cache.close()
    }
  })
})

describe('the answer budget', () => {
  it("D1: estimates an answer with the variables' values and the resolvers' caps at every level", () => {
    const schema = createSchema({ typeDefs: readFileSync(SCHEMA_PATH, 'utf8') })
    const d1 = parse(
      'query($n:Int,$m:String!){entity(name:$m){related(first:$n){coMentions weight entity{name related(first:$n){coMentions entity{name articles(first:$n){totalCount edges{node{title quotes{text about{name}}}}}}}}}}}',
    )
    const at = (n: unknown) => estimateCost(schema, d1, undefined, { n, m: 'x' })
    // 100 x 100 x 100 articles, each with its quotes: far past any bound
    expect(at(100).maxRepeat).toBe(100 * 100 * 100 * 20 * 3)
    expect(at(100).fields).toBeGreaterThan(100_000_000)
    // a huge n counts as the resolvers' cap (100), no n as their default (10)
    expect(at(2147483647)).toEqual(at(100))
    expect(at(undefined)).toEqual(at(10))
    expect(at(2).fields).toBeLessThan(2_000)
    // whoSaidWhatAbout: speakers times quotesPerSpeaker
    const who = parse('query($f:Int,$p:Int){w:whoSaidWhatAbout(about:"x",first:$f,quotesPerSpeaker:$p){count quotes{text}}}')
    expect(estimateCost(schema, who, undefined, { f: 100, p: 100 }).maxRepeat).toBe(10_000)
    expect(estimateCost(schema, who, undefined, {}).maxRepeat).toBe(100)
  })

  it('D1: stops an answer past its size or its time budget with one error saying so', async () => {
    const yoga = (over: { maxEstimatedFields: number; maxResponseBytes: number; maxExecutionMs: number }) =>
      createYoga({
        schema: meterSchema(
          createSchema({
            typeDefs: 'type Query { items(n: Int!): [Item!]! }  type Item { i: Int! text: String! slow: String! }  type Mutation { wait(ms: Int!): Int! }',
            resolvers: {
              Query: { items: (_: unknown, { n }: { n: number }) => Array.from({ length: n }, (_, i) => ({ i })) },
              Item: { text: () => 'x'.repeat(1000), slow: async () => (await new Promise((r) => setTimeout(r, 20)), 'ok') },
              Mutation: { wait: async (_: unknown, { ms }: { ms: number }) => (await new Promise((r) => setTimeout(r, ms)), ms) },
            },
          }),
        ),
        plugins: [useAnswerBudget({ ...BUDGET, ...over })],
        maskedErrors: false,
      })
    const ask = async (y: ReturnType<typeof yoga>, query: string) =>
      (await (await y.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as {
        data?: unknown
        errors?: { message: string; extensions?: { code?: string } }[]
      }
    const small = yoga({ maxEstimatedFields: 1_000_000, maxResponseBytes: 100_000, maxExecutionMs: 60_000 })
    expect((await ask(small, '{ items(n: 50) { text } }')).errors).toBeUndefined()
    const big = await ask(small, '{ items(n: 5000) { text } }')
    expect(big.data ?? null).toBeNull()
    expect(big.errors).toHaveLength(1)
    expect(big.errors?.[0].extensions?.code).toBe('ANSWER_TOO_LARGE')
    expect(big.errors?.[0].message).toMatch(/^the answer would be larger than 0.1 MB and was stopped; ask for fewer items/)
    // mutations run their fields one after another: the third starts past the 100 ms budget
    const slow = yoga({ maxEstimatedFields: 1_000_000, maxResponseBytes: 100_000_000, maxExecutionMs: 100 })
    expect((await ask(slow, 'mutation { a: wait(ms: 10) }')).errors).toBeUndefined()
    const late = await ask(slow, 'mutation { a: wait(ms: 80) b: wait(ms: 80) c: wait(ms: 80) }')
    expect(late.data ?? null).toBeNull()
    expect(late.errors).toHaveLength(1)
    expect(late.errors?.[0].extensions?.code).toBe('ANSWER_TOO_SLOW')
    expect(late.errors?.[0].message).toMatch(/took longer than 0.1 s/)
    // a long synchronous run of fields read off their parents by graphql's default resolver (no resolver
    // of ours, no I/O) is stopped by the time budget too: 100,000 of them take well over 1 ms
    const plain = await ask(yoga({ maxEstimatedFields: 1_000_000, maxResponseBytes: 1e9, maxExecutionMs: 1 }), '{ items(n: 50000) { i j: i } }')
    expect(plain.data ?? null).toBeNull()
    expect(plain.errors?.map((e) => e.extensions?.code)).toEqual(['ANSWER_TOO_SLOW'])
    const refused = await ask(yoga({ maxEstimatedFields: 15, maxResponseBytes: 1e9, maxExecutionMs: 60_000 }), '{ items(n: 1) { text slow } }')
    expect(refused.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY')
  })

  it('D1: stops a compiled answer (compiled.ts) as it stops an interpreted one, with the same one error', async () => {
    const yoga = (over: { maxResponseBytes: number; maxExecutionMs: number }, compiled: boolean) =>
      createYoga({
        schema: meterSchema(
          createSchema({
            typeDefs: 'type Query { items(n: Int!): [Item!]! }  type Item { i: Int! text: String! }',
            resolvers: { Query: { items: (_: unknown, { n }: { n: number }) => Array.from({ length: n }, (_, i) => ({ i })) }, Item: { text: () => 'x'.repeat(1000) } },
          }),
        ),
        plugins: [useAnswerBudget({ ...BUDGET, maxEstimatedFields: 1_000_000, ...over }), ...(compiled ? [useCompiledRepeats({ after: 0, minValues: 0 }, runs)] : [])],
        maskedErrors: false,
      })
    const runs = { runs: 0 }
    const ask = async (y: ReturnType<typeof yoga>, query: string) =>
      (await y.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).text()
    const cases: [{ maxResponseBytes: number; maxExecutionMs: number }, string, string][] = [
      [{ maxResponseBytes: 100_000, maxExecutionMs: 60_000 }, '{ items(n: 5000) { text } }', 'ANSWER_TOO_LARGE'],
      [{ maxResponseBytes: 1e9, maxExecutionMs: 1 }, '{ items(n: 50000) { i j: i } }', 'ANSWER_TOO_SLOW'],
      [{ maxResponseBytes: 100_000, maxExecutionMs: 60_000 }, '{ items(n: 50) { i text } }', ''],
    ]
    for (const [over, query, code] of cases) {
      const [compiled, interpreted] = [await ask(yoga(over, true), query), await ask(yoga(over, false), query)]
      expect(compiled, query).toBe(interpreted)
      expect(JSON.parse(compiled).errors?.[0]?.extensions?.code ?? '', query).toBe(code)
    }
    expect(runs.runs).toBe(cases.length)
  })

  it('D1: a large answer hands the event loop back while it is computed: a light request sent meanwhile is answered first', async () => {
    // every field is synchronous: without time slicing graphql-js completes all 90,000 of them in one run
    const order: string[] = []
    let started: (() => void) | null = null
    const yoga = createYoga({
      schema: meterSchema(
        createSchema({
          typeDefs: 'type Query { items(n: Int!): [Item!]! }  type Item { a: String! kids(n: Int!): [Kid!]! }  type Kid { a: String! b: String! }',
          resolvers: {
            Query: {
              items: (_: unknown, { n }: { n: number }) => {
                if (n > 1) started?.()
                return Array.from({ length: n }, (_, i) => ({ a: `a${i}` }))
              },
            },
            Item: { kids: (_: unknown, { n }: { n: number }) => Array.from({ length: n }, (_, i) => ({ a: `a${i}`, b: `b${i}` })) },
          },
        }),
      ),
      plugins: [useAnswerBudget({ ...BUDGET, maxEstimatedFields: 1e9, maxResponseBytes: 1e9, maxExecutionMs: 60_000 })],
      maskedErrors: false,
    })
    const ask = async (query: string, label: string) => {
      const res = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
      const json = (await res.json()) as { data?: { items: { kids: unknown[] }[] }; errors?: unknown[] }
      order.push(label)
      return json
    }
    // the light request leaves once the large one's execution has begun (the next turn of the event loop)
    const light = new Promise<Awaited<ReturnType<typeof ask>>>((resolve) => {
      started = () => setImmediate(() => resolve(ask('{ items(n: 1) { a } }', 'light')))
    })
    const t0 = performance.now()
    const large = await ask('{ items(n: 300) { a kids(n: 150) { a b } } }', 'large')
    const ms = performance.now() - t0
    expect(large.errors).toBeUndefined()
    expect(large.data?.items).toHaveLength(300)
    expect(large.data?.items.every((i) => i.kids.length === 150)).toBe(true)
    expect((await light).data?.items).toHaveLength(1)
    expect(order).toEqual(['light', 'large'])
    console.log(`a 90,000-field answer in ${ms.toFixed(0)} ms`)
  })
})
