// Hostile GraphQL over HTTP against the real server: `npm start`'s src/cli/serve.ts as its own
// process, configured by the environment (GRAPHQL_INTROSPECTION=false), over a graph of articles
// written for the project. Every request is refused or answered safely (no 5xx, no stack trace,
// no Cypher or driver text in the answer), the graph is unchanged, and after each one the server
// still answers a normal query. test/integration/api-server.test.ts holds the in-process limit checks.
import { spawn, type ChildProcess } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { freePort } from '../../scripts/neo4j.ts'
import { expandPaths } from '../../src/ingest/paths.ts'
import { ingestInputs } from '../../src/ingest/pipeline.ts'
import { GOOD_FIXTURES } from '../support/bad-inputs.ts'
import { openTestDriver, resetDatabase } from '../support/neo4j.ts'
import { ROOT } from './ingest-support.ts'

let driver: Driver
let server: ChildProcess
let url: string
let serverLog = ''
let articles = 0
let graphSize = ''

/** what an answer must never show: stack frames, Cypher, driver or Neo4j internals */
const LEAK = /\bat .*\.(ts|js):\d+|node_modules|\bMATCH \(|\bRETURN \w|\bUNWIND\b|Neo\.(Client|Transient|Database)Error|neo4j-driver|bolt:\/\//i

interface Answer {
  status: number
  body: string
}

async function post(body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body })
  return { status: res.status, body: await res.text() }
}
const gql = (query: string, variables?: unknown) => post(JSON.stringify({ query, variables }))

/**
 * A raw request (chunked body, no content-length; or a long GET URL). A server that refuses by
 * closing the connection before reading it all answers with status 0 and the socket error.
 */
function raw(method: string, path: string, chunks: Buffer[] = [], headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers: { accept: 'application/json', ...headers } }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: 0, body: e.code }) : reject(e)))
    for (const c of chunks) req.write(c)
    req.end()
  })
}

const graphState = async () => {
  const n = await driver.executeQuery('MATCH (n) RETURN count(n) AS n')
  const r = await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS n')
  return `${n.records[0].get('n')} nodes, ${r.records[0].get('n')} relationships`
}

/** refused or answered safely, and the server keeps answering a normal query */
async function safe(what: string, answer: Answer, allowed: number[] = [200, 400]): Promise<void> {
  expect(allowed, `${what}: status ${answer.status}: ${answer.body.slice(0, 300)}`).toContain(answer.status)
  expect(answer.body, `${what}: leaks internals`).not.toMatch(LEAK)
  if (answer.body.startsWith('{')) {
    const parsed = JSON.parse(answer.body) as { errors?: { extensions?: { code?: string } }[] }
    for (const e of parsed.errors ?? []) expect(e.extensions?.code, `${what}: an unexpected (masked) server error`).not.toBe('INTERNAL_SERVER_ERROR')
  }
  const normal = await gql('{ stats { articles } }')
  expect(normal.status, `${what}: the server stops answering`).toBe(200)
  expect(JSON.parse(normal.body).data.stats.articles, what).toBe(articles)
}

beforeAll(async () => {
  driver = await openTestDriver()
  await resetDatabase(driver)
  const inputs = (await expandPaths([GOOD_FIXTURES])).files.map((path) => ({ path }))
  const s = await ingestInputs(driver, inputs, { workers: 0 })
  articles = s.articles.new
  graphSize = await graphState()

  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
    cwd: ROOT,
    // `Off`: any of false/0/no/off in any case turns introspection off (issue 17, D10); no HOST: 127.0.0.1
    env: { ...process.env, NEO4J_URI: inject('neo4jUri'), PORT: String(port), GRAPHQL_INTROSPECTION: 'Off', INGEST_TOKEN: '', CORS_ORIGINS: '', HOST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout!.on('data', (d) => (serverLog += d))
  server.stderr!.on('data', (d) => (serverLog += d))
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited: ${serverLog}`)
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the server did not get ready: ${serverLog}`)
}, 180_000)

afterAll(async () => {
  if (server && server.exitCode === null) {
    const gone = new Promise((r) => server.once('exit', r))
    server.kill('SIGTERM')
    await gone
  }
  await driver?.close()
})

describe('hostile GraphQL against the running server', () => {
  it('refuses 50 levels of nesting and 1,000 aliases', async () => {
    let sel = 'name'
    for (let i = 0; i < 25; i++) sel = `related { entity { ${sel} } }`
    const deep = await gql(`{ entity(name: "Ostvik") { ${sel} } }`)
    await safe('50 levels', deep)
    expect(deep.body).toMatch(/depth|cost/i)
    const aliases = await gql(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: stats { articles }`).join(' ')} }`)
    await safe('1,000 aliases', aliases)
    expect(aliases.body).toMatch(/alias|token/i)
    const typenames = await gql(`{ ${Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ')} }`)
    await safe('1,000 __typename aliases', typenames)
    expect(typenames.body).toMatch(/alias|token/i)
  })

  it('refuses or caps a huge first, written or in a variable', async () => {
    for (const [what, answer] of [
      ['first: 2147483647', await gql('{ quotes(first: 2147483647) { totalCount edges { cursor } } }')],
      ['first beyond Int', await gql('{ quotes(first: 99999999999999) { totalCount } }')],
      ['first: 1e12 in a variable', await gql('query($n: Int) { quotes(first: $n) { totalCount } }', { n: 1e12 })],
      ['first: 2147483647 in a variable', await gql('query($n: Int) { articles(first: $n) { edges { node { id } } } search(query: "a", first: $n) { id } }', { n: 2147483647 })],
      ['first: -5', await gql('{ articles(first: -5) { totalCount } }')],
    ] as const) {
      await safe(what, answer)
      const parsed = JSON.parse(answer.body) as { data?: { articles?: { edges: unknown[] } } }
      if (parsed.data?.articles) expect(parsed.data.articles.edges.length, what).toBeLessThanOrEqual(100)
    }
  })

  it('refuses a query text of over 1 MB: with a length, chunked without one, and in a GET URL', async () => {
    const huge = `{ stats { articles } } # ${'x'.repeat(1_100_000)}`
    const declared = await post(JSON.stringify({ query: huge }))
    await safe('1 MB body', declared, [413])
    const chunked = await raw('POST', '/graphql', Array.from({ length: 20 }, () => Buffer.from(JSON.stringify({ query: huge }).slice(0, 60_000))), {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    })
    await safe('1 MB chunked body', chunked, [413, 400, 0])
    const get = await raw('GET', `/graphql?query=${encodeURIComponent(huge)}`)
    await safe('1 MB GET URL', get, [413, 414, 431, 400, 0])
    console.log(`1 MB query: declared ${declared.status}, chunked ${chunked.status || chunked.body}, GET ${get.status || get.body}`)
    const tokens = await gql(`{ stats { ${'articles '.repeat(50_000).slice(0, 90_000)} } }`)
    await safe('90 kB of tokens', tokens)
  })

  it('refuses invalid cursors in every connection, cleanly', async () => {
    const cursors = ['', 'not-a-cursor', '////', 'eyJvZmZzZXQiOi0xfQ==', Buffer.from('{"skip":1e308}').toString('base64'), Buffer.from('-1').toString('base64'), 'A'.repeat(50_000), '😀\u0000\u202e', "' OR 1=1 --"]
    const connections = [
      'query($c: String) { quotes(after: $c) { totalCount } }',
      'query($c: String) { articles(after: $c) { totalCount } }',
      'query($c: String) { entity(name: "Ostvik") { articles(after: $c) { totalCount } quotesAbout(after: $c) { totalCount } ... on Person { quotes(after: $c) { totalCount } } } }',
    ]
    for (const c of cursors) {
      for (const q of connections) {
        const r = await gql(q, { c })
        await safe(`cursor ${c.slice(0, 20)} in ${q.slice(0, 40)}`, r)
        const errors = (JSON.parse(r.body) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []
        for (const e of errors) expect(e.extensions?.code, r.body.slice(0, 200)).toBe('BAD_USER_INPUT')
      }
    }
  })

  it('refuses wrong types, bad documents and bad request bodies with a 4xx or a GraphQL error', async () => {
    const cases: [string, Answer][] = [
      ['first as a string', await gql('{ quotes(first: "ten") { totalCount } }')],
      ['first as a float variable', await gql('query($n: Int) { quotes(first: $n) { totalCount } }', { n: 1.5 })],
      ['query as a number', await gql('query($q: String!) { search(query: $q) { id } }', { q: 123 })],
      ['an object for a String', await gql('query($q: String!) { search(query: $q) { id } }', { q: { $ne: 1 } })],
      ['a list for a String', await gql('query($q: String!) { search(query: $q) { id } }', { q: ['a', 'b'] })],
      ['null for a non-null', await gql('query($q: String!) { search(query: $q) { id } }', { q: null })],
      ['an unknown enum value', await gql('{ search(query: "a", types: [ROBOT]) { id } }')],
      ['an enum as a string', await gql('{ quotes(filter: { kind: "DIRECT" }) { totalCount } }')],
      ['a filter as a string', await gql('{ quotes(filter: "speaker") { totalCount } }')],
      ['an unknown filter field', await gql('{ quotes(filter: { speakerId: "x" }) { totalCount } }')],
      ['an unknown field', await gql('{ secrets { password } }')],
      ['a missing argument', await gql('{ whoSaidWhatAbout { count } }')],
      ['an undefined variable', await gql('{ search(query: $nope) { id } }')],
      ['maxHops as a huge number', await gql('{ path(from: "Ostvik", to: "Dahle", maxHops: 1000000) { kind } }')],
      ['a date that is not one', await gql('{ quotes(filter: { from: "2032-02-30" }) { totalCount } a: articles(filter: { to: "tomorrow" }) { totalCount } }')],
      ['variables not an object', await post(JSON.stringify({ query: '{ stats { articles } }', variables: 'x' }))],
      ['query not a string', await post(JSON.stringify({ query: 42 }))],
      ['no query', await post(JSON.stringify({ variables: {} }))],
      ['a syntax error', await gql('{ stats { articles }')],
      ['an unknown operationName', await post(JSON.stringify({ query: 'query A { stats { articles } }', operationName: 'B' }))],
      ['two anonymous operations', await gql('{ stats { articles } } { stats { quotes } }')],
      ['a fragment cycle', await gql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')],
      ['1,000 directives', await gql(`{ stats ${'@include(if: true) '.repeat(1000)} { articles } }`)],
      ['malformed JSON', await post('{"query": "{ stats { articles } }"')],
      ['a JSON array (batch)', await post(JSON.stringify([{ query: '{ stats { articles } }' }, { query: '{ stats { quotes } }' }]))],
      ['text/plain body', await post('{ stats { articles } }', { 'content-type': 'text/plain' })],
      ['deeply nested variables', await post(`{"query":"query($q: String!) { search(query: $q) { id } }","variables":{"q":${'['.repeat(40_000)}${']'.repeat(40_000)}}}`)],
      ['a mutation over GET', await raw('GET', `/graphql?query=${encodeURIComponent('mutation { ingestArticle(input: { text: "x" }) { status } }')}`)],
    ]
    for (const [what, answer] of cases) await safe(what, answer, [200, 400, 405, 406, 413, 415])
  })

  it('does nothing harmful with injection strings in every argument', async () => {
    const HOSTILE = [
      `'}) MATCH (n) DETACH DELETE n //`,
      `" OR 1=1 //`,
      '`) CALL db.clearQueryCaches() //',
      `$where: {"$gt": ""}`,
      `name:* OR aliases:* OR text:*`,
      `a~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~ AND (b OR (c OR (d OR (e))))`,
      `(a+)+$ .* ${'('.repeat(200)}`,
      `../../../../etc/passwd`,
      `%s%s%n \${7*7} {{7*7}}`,
      `\u0000\u202e\uFEFF 😀 \ud800`,
      'x'.repeat(20_000),
    ]
    const STRING_ARGS = [
      'query($s: String!) { search(query: $s, types: [PERSON, COUNTRY]) { id } }',
      'query($s: ID) { entity(id: $s) { id } }',
      'query($s: String) { entity(name: $s) { id } }',
      'query($s: String) { quotes(filter: { speaker: $s, about: $s, text: $s, kind: DIRECT }) { totalCount } }',
      'query($s: String) { quotes(filter: { from: $s }) { totalCount } }',
      'query($s: String) { quotes(filter: { to: $s }) { totalCount } }',
      'query($s: String!) { whoSaidWhatAbout(about: $s) { count } }',
      'query($s: String) { articles(filter: { mentions: $s, title: $s, publisher: $s, author: $s }) { totalCount } }',
      'query($s: String) { articles(filter: { from: $s, to: $s }) { totalCount } }',
      'query($s: ID!) { article(id: $s) { id } }',
      'query($s: String!) { path(from: $s, to: "Ostvik") { kind } b: path(from: "Ostvik", to: $s) { kind } }',
      'query($s: String) { entity(name: "Ostvik") { quotesAbout(speaker: $s) { totalCount } ... on Person { quotes(about: $s) { totalCount } } } }',
      'query($s: String!) { ingestArticle: search(query: $s) { id } }',
    ]
    for (const s of HOSTILE) {
      for (const q of STRING_ARGS) await safe(`${q.slice(0, 50)} with ${s.slice(0, 30)}`, await gql(q, { s }))
      // and written into the document itself, escaped as a GraphQL string
      await safe(`inline ${s.slice(0, 30)}`, await gql(`{ search(query: ${JSON.stringify(s)}) { id } entity(name: ${JSON.stringify(s)}) { id } }`))
      // the mutation is refused: the server has no INGEST_TOKEN
      const m = await gql('mutation($s: String!) { ingestArticle(input: { text: $s, title: $s, url: $s, publishedAt: $s, authors: [$s], source: $s }) { status } }', { s })
      await safe(`ingestArticle with ${s.slice(0, 30)}`, m)
      expect(m.body).toMatch(/"errors"/)
    }
    expect(await graphState()).toBe(graphSize)
  })

  it('D10: keeps introspection off as configured (GRAPHQL_INTROSPECTION=Off) and leaks no field names', async () => {
    for (const q of ['{ __schema { types { name } } }', '{ __type(name: "Query") { fields { name } } }', '{ a: __schema { queryType { name } } }', 'query { ...F } fragment F on Query { __schema { types { name } } }']) {
      const r = await gql(q)
      await safe(q, r)
      expect(JSON.parse(r.body).data ?? null, q).toBeNull()
      expect(r.body).toMatch(/introspection/i)
    }
    const typo = await gql('{ statz { articles } }')
    await safe('a typo', typo)
    expect(typo.body, 'no "Did you mean" suggestions').not.toMatch(/did you mean/i)
    const page = await raw('GET', '/graphql', [], { accept: 'text/html' })
    expect(page.body, 'no GraphiQL either').not.toMatch(/graphiql/i)
    expect(JSON.parse((await gql('{ __typename }')).body).data).toEqual({ __typename: 'Query' })
  })

  it('D1: refuses the nested query with `first` in variables before it runs, whatever the spelling of first', async () => {
    const D1 = (decl: string, n: string) =>
      `query(${decl}$m:String!){entity(name:$m){related(first:${n}){coMentions weight entity{name related(first:${n}){coMentions entity{name articles(first:${n}){totalCount edges{node{title quotes{text about{name}}}}}}}}}}}`
    for (const [what, answer] of [
      ['n = 100 in a variable', await gql(D1('$n:Int,', '$n'), { n: 100, m: 'Ostvik' })],
      ['n = 2147483647 in a variable', await gql(D1('$n:Int,', '$n'), { n: 2147483647, m: 'Ostvik' })],
      ['n = 100 as the default of the variable', await gql(D1('$n:Int=100,', '$n'), { m: 'Ostvik' })],
      ['first: 100 written in the query', await gql(D1('', '100'), { m: 'Ostvik' })],
    ] as const) {
      await safe(what, answer)
      const parsed = JSON.parse(answer.body) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }
      expect(parsed.data ?? null, what).toBeNull()
      // a literal `first` already trips GraphQL Armor's cost rule in validation; a variable, ours
      if (what.includes('written')) expect(parsed.errors?.[0]?.message, what).toMatch(/cost limit/i)
      else {
        expect(parsed.errors?.[0]?.extensions?.code, `${what}: ${answer.body.slice(0, 300)}`).toBe('QUERY_TOO_COSTLY')
        expect(parsed.errors?.[0]?.message, what).toMatch(/too costly.*fewer items per level/)
      }
    }
    // the same shape with small pages is answered
    const small = await gql(D1('$n:Int,', '$n'), { n: 3, m: 'Ostvik' })
    await safe('n = 3', small)
    const parsed = JSON.parse(small.body) as { data?: { entity?: unknown }; errors?: unknown[] }
    expect(parsed.errors, small.body.slice(0, 300)).toBeUndefined()
    expect(parsed.data?.entity).not.toBeNull()
  })

  it('D3: a chunked form-encoded or application/graphql body over 100 kB is refused (413)', async () => {
    const query = `{ stats { articles } } # ${'x'.repeat(150_000)}`
    const inChunks = (b: Buffer) => Array.from({ length: Math.ceil(b.length / 16_384) }, (_, i) => b.subarray(i * 16_384, (i + 1) * 16_384))
    const chunked = (type: string) => ({ 'content-type': type, 'transfer-encoding': 'chunked' })
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', Buffer.from(`query=${encodeURIComponent(query)}`)],
      ['application/graphql', Buffer.from(query)],
      ['application/json', Buffer.from(JSON.stringify({ query }))],
    ] as const) {
      const answer = await raw('POST', '/graphql', inChunks(body), chunked(type))
      await safe(`chunked ${type}, ${body.length} bytes`, answer, [413, 0])
    }
    // under the limit each type is still parsed and answered, chunked or not
    const small = '{ stats { articles } }'
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', Buffer.from(`query=${encodeURIComponent(small)}`)],
      ['application/graphql', Buffer.from(small)],
      ['application/json', Buffer.from(JSON.stringify({ query: small }))],
    ] as const) {
      const answer = await raw('POST', '/graphql', inChunks(body), chunked(type))
      expect(answer.status, `chunked ${type}: ${answer.body}`).toBe(200)
      expect(JSON.parse(answer.body).data.stats.articles).toBe(articles)
    }
  })

  it('D13: with introspection off, no error suggests an enum value, field, argument or type', async () => {
    for (const [what, answer] of [
      ['a misspelt enum value', await gql('{ search(query: "a", types: [PERSN]) { id } }')],
      ['a misspelt enum value in a variable', await gql('query($t: [EntityType!]) { search(query: "a", types: $t) { id } }', { t: ['PERSN'] })],
      ['a misspelt argument', await gql('{ quotes(firts: 1) { totalCount } }')],
      ['a misspelt type', await gql('{ entity(name: "Ostvik") { ... on Persn { name } } }')],
      ['a misspelt field', await gql('{ entity(name: "Ostvik") { mentionCont } }')],
    ] as const) {
      await safe(what, answer)
      expect(answer.body, what).toMatch(/"errors"/)
      expect(answer.body, `${what}: ${answer.body}`).not.toMatch(/did you mean|PERSON|"first"|Person"|mentionCount/i)
    }
  })

  it('answers any origin without credentials when CORS_ORIGINS is unset', async () => {
    const simple = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.test' }, body: JSON.stringify({ query: '{ stats { articles } }' }) })
    expect(simple.status).toBe(200)
    expect(simple.headers.get('access-control-allow-credentials')).not.toBe('true')
    const preflight = await fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.headers.get('access-control-allow-credentials')).not.toBe('true')
  })

  it('listens on 127.0.0.1 only when HOST is unset', async () => {
    const port = new URL(url).port
    const outside = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)
    if (!outside) return console.log('no non-loopback IPv4 address on this machine: nothing to check')
    const reached = await fetch(`http://${outside.address}:${port}/healthz`, { signal: AbortSignal.timeout(3000) }).then(
      (r) => `answered ${r.status}`,
      (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
    )
    expect(reached, `the API on ${outside.address}:${port}`).toMatch(/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|timeout|aborted/i)
  })

  it('is still up, and logged no unexpected error', async () => {
    expect(server.exitCode).toBeNull()
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    expect((await fetch(`${url}/readyz`)).status).toBe(200)
    expect(serverLog).not.toMatch(/unexpected error/i)
  })
})

describe('settings the server refuses at start', () => {
  const start = (env: Record<string, string>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
        cwd: ROOT,
        env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1', PORT: '0', INGEST_TOKEN: '', GRAPHQL_INTROSPECTION: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout!.on('data', (d) => (output += d))
      child.stderr!.on('data', (d) => (output += d))
      child.on('exit', (code) => resolve({ code, output }))
    })

  it('D10: an unrecognised GRAPHQL_INTROSPECTION stops the start with an error naming it', async () => {
    const r = await start({ GRAPHQL_INTROSPECTION: 'flase' })
    expect(r.code).toBe(1)
    expect(r.output).toMatch(/GRAPHQL_INTROSPECTION must be true or false \(also 1\/0, yes\/no, on\/off\), got "flase"/)
    expect(r.output).not.toMatch(/\bat .*\.ts:\d+/)
  }, 60_000)

  it('an INGEST_TOKEN shorter than 16 characters stops the start, saying why', async () => {
    const r = await start({ INGEST_TOKEN: 'letmein' })
    expect(r.code).toBe(1)
    expect(r.output).toMatch(/INGEST_TOKEN must be at least 16 characters \(it is 7\)/)
  }, 60_000)
})
