// `npm run soak`: a bounded, mixed GraphQL load on loopback against the API over the PolNeAR train
// graph, for --duration seconds (default 60). Prints requests, errors (non-2xx, socket errors,
// timeouts and GraphQL errors in a 200 answer: they must all be 0), p99 latency per 20 s window and
// per minute, and the server's RSS at the start and the end. Exit status 1 when any request failed.
//
// The graph: NEO4J_URI when set, else a throwaway Neo4j from scripts/neo4j.ts kept in
// $TMPDIR/newsgraph-soak-neo4j so the next run reuses it. The corpus is ingested through the ingest
// library when the graph does not hold it yet. The server runs as a child process (`npm start`'s
// src/cli/serve.ts, its own settings, response cache included), so its memory is its own.
import type { ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { Command } from 'commander'
import type { Driver } from 'neo4j-driver'
import { intOption } from '../src/cli/options.ts'
import { loadConfig } from '../src/config.ts'
import { connect } from '../src/graph/driver.ts'
import { migrate } from '../src/graph/migrate.ts'
import { ingestInputs } from '../src/ingest/pipeline.ts'
import { freePort, startNeo4j, type Neo4jInstance } from './neo4j.ts'
import { memoryOf, startApi } from './support/processes.ts'
import { DEFAULT_CORPUS } from './support/shared.ts'

const SOAK_DATA_DIR = join(tmpdir(), 'newsgraph-soak-neo4j')

/** how many of the corpus's articles the graph holds (by source path) */
export const CORPUS_ARTICLES = 'MATCH (a:Article) WHERE a.source STARTS WITH $prefix RETURN count(a) AS n'
/** names the load asks about: the most mentioned entities of each type */
export const TOP_ENTITIES = `
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE e.type = $type
WITH e, sum(m.count) AS n ORDER BY n DESC LIMIT toInteger($limit)
RETURN e.name AS name`

interface Options {
  duration: number
  warmup: number
  connections: number
  corpus: string
  window: number
}

const say = (line: string) => process.stderr.write(`[soak] ${line}\n`)

/** The graph to load: NEO4J_URI, or the soak's own throwaway instance. */
async function graph(): Promise<{ uri: string; neo4j: Neo4jInstance | null }> {
  const given = process.env.NEO4J_URI?.trim()
  if (given) return { uri: given, neo4j: null }
  const neo4j = await startNeo4j({ dataDir: SOAK_DATA_DIR, boltPort: await freePort(), httpPort: await freePort(), pageCache: '256m', heap: '1g', log: say })
  return { uri: neo4j.uri, neo4j }
}

export async function ensureCorpus(driver: Driver, database: string, corpus: string): Promise<number> {
  const files = readdirSync(corpus).filter((f) => !f.startsWith('.')).sort().map((f) => join(corpus, f))
  const prefix = corpus.endsWith('/') ? corpus : `${corpus}/`
  const held = async () => Number((await driver.executeQuery(CORPUS_ARTICLES, { prefix }, { database })).records[0].get('n'))
  const before = await held()
  // files with the same text are one article, so the graph may hold a few fewer than there are files
  if (before >= files.length * 0.98) return before
  say(`ingesting ${files.length} articles of ${corpus} (the graph holds ${before}) ...`)
  const t0 = Date.now()
  const summary = await ingestInputs(driver, files.map((path) => ({ path })), {
    database,
    onFailure: (f) => say(`not ingested: ${f.error}`),
  })
  say(`ingested in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${summary.articles.new} new, ${summary.articles.unchanged} unchanged, ${summary.articles.failed} failed`)
  return held()
}

export async function names(driver: Driver, database: string, type: string, limit: number): Promise<string[]> {
  const res = await driver.executeQuery(TOP_ENTITIES, { type, limit }, { database })
  return res.records.map((r) => r.get('name') as string)
}

/** The mix: each request picks a query shape and an entity at random; every list is bounded. */
export function makeMix(people: string[], countries: string[], orgs: string[]): { name: string; weight: number; body: () => string }[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]
  const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables })
  return [
    { name: 'search', weight: 3, body: () => body('query($q: String!) { search(query: $q, first: 10) { id name type } }', { q: pick([...people, ...orgs]).split(' ').pop() }) },
    {
      name: 'person',
      weight: 3,
      body: () =>
        body('query($n: String) { entity(name: $n) { name mentionCount ... on Person { roles { title } quotes(first: 5) { totalCount edges { node { text cue article { title } } } } } } }', { n: pick(people) }),
    },
    {
      name: 'quotes by speaker',
      weight: 2,
      body: () => body('query($s: String) { quotes(filter: { speaker: $s }, first: 10) { totalCount edges { cursor node { text kind speaker { name } about { name } } } } }', { s: pick(people) }),
    },
    { name: 'who said what about', weight: 2, body: () => body('query($a: String!) { whoSaidWhatAbout(about: $a, first: 5) { speakerName count quotes { text } } }', { a: pick(countries) }) },
    {
      name: 'articles mentioning',
      weight: 2,
      body: () => body('query($m: String) { articles(filter: { mentions: $m }, first: 5) { totalCount edges { node { title publishedAt quotes { text } } } } }', { m: pick([...countries, ...orgs]) }),
    },
    { name: 'related', weight: 1, body: () => body('query($n: String) { entity(name: $n) { name related(first: 5) { weight coMentions entity { name } } } }', { n: pick(people) }) },
    { name: 'path', weight: 1, body: () => body('query($a: String!, $b: String!) { path(from: $a, to: $b, maxHops: 3) { kind label from { name } to { name } } }', { a: pick(people), b: pick(people) }) },
    { name: 'stats', weight: 1, body: () => body('{ stats { articles people organisations countries places quotes relations } }', {}) },
  ]
}


const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)])
}


export async function soak(opts: Options): Promise<number> {
  const config = loadConfig()
  const { uri, neo4j } = await graph()
  let server: { child: ChildProcess; url: string } | null = null
  const driver = await connect({ ...config, neo4jUri: uri })
  try {
    await migrate(driver, { database: config.neo4jDatabase })
    const held = await ensureCorpus(driver, config.neo4jDatabase, resolve(opts.corpus))
    const [people, countries, orgs] = await Promise.all([
      names(driver, config.neo4jDatabase, 'Person', 200),
      names(driver, config.neo4jDatabase, 'Country', 50),
      names(driver, config.neo4jDatabase, 'Organisation', 100),
    ])
    if (!people.length || !countries.length) throw new Error('the graph holds no people or countries to ask about')
    say(`graph: ${held} articles of the corpus; asking about ${people.length} people, ${countries.length} countries, ${orgs.length} organisations`)

    server = await startApi(uri, { timeoutMs: 60_000, stdout: 'pipe' })
    const pid = server.child.pid!
    const rssStart = memoryOf(pid).rss
    const mix = makeMix(people, countries, orgs)
    const bag = mix.flatMap((m) => Array.from({ length: m.weight }, () => m))
    // warm-up, not counted: one connection runs the mix so the JITs of Neo4j and Node have seen every query
    const warmEnd = Date.now() + opts.warmup * 1000
    let warm = 0
    while (Date.now() < warmEnd) {
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bag[warm++ % bag.length].body() }).then((r) => r.text())
    }
    const rssWarm = memoryOf(pid).rss
    say(`warm-up: ${warm} requests in ${opts.warmup} s (not counted); server RSS ${mb(rssStart)} before, ${mb(rssWarm)} after`)

    const samples: { t: number; ms: number }[] = []
    const rss: { t: number; bytes: number }[] = [{ t: 0, bytes: rssWarm }]
    let graphqlErrors = 0
    const errorKinds = new Map<string, number>()
    let firstError = ''
    const t0 = Date.now()
    const sampler = setInterval(() => rss.push({ t: Date.now() - t0, bytes: memoryOf(pid).rss }), 1000)
    say(`load: ${opts.connections} connections for ${opts.duration} s on ${server.url}/graphql (server pid ${pid}, RSS ${mb(rssStart)})`)
    let done: (r: autocannon.Result) => void = () => {}
    let failed: (e: unknown) => void = () => {}
    const finished = new Promise<autocannon.Result>((res, rej) => ((done = res), (failed = rej)))
    const instance = autocannon({
      url: `${server.url}/graphql`,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 10,
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          setupRequest: (req) => ({ ...req, body: bag[Math.floor(Math.random() * bag.length)].body() }),
        },
      ],
      verifyBody: (raw: string | Buffer | undefined) => {
        const body = String(raw ?? '')
        const ok = body.startsWith('{"data":') && !body.includes('"errors":')
        if (!ok) {
          graphqlErrors++
          firstError ||= body.slice(0, 300)
          const why = /"code":"(\w+)"/.exec(body)?.[1] ?? 'other'
          const where = (/"path":\[((?:"\w+",?)+)\]/.exec(body)?.[1] ?? '?').replace(/"/g, '')
          errorKinds.set(`${why} at ${where}`, (errorKinds.get(`${why} at ${where}`) ?? 0) + 1)
        }
        return ok
      },
    }, (err, res) => (err ? failed(err) : done(res)))
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => samples.push({ t: Date.now() - t0, ms }))
    const result = await finished
    clearInterval(sampler)
    const rssEnd = memoryOf(pid).rss

    const windows = (size: number) => {
      const out: string[] = []
      for (let from = 0; from < opts.duration * 1000; from += size * 1000) {
        const inWindow = samples.filter((s) => s.t >= from && s.t < from + size * 1000).map((s) => s.ms).sort((a, b) => a - b)
        const memory = rss.filter((r) => r.t >= from && r.t < from + size * 1000).map((r) => r.bytes)
        out.push(
          `  ${String(from / 1000).padStart(4)}-${String(Math.min(opts.duration, from / 1000 + size)).padEnd(4)} s  ${String(inWindow.length).padStart(7)} req  p50 ${percentile(inWindow, 50)} ms  p99 ${percentile(inWindow, 99)} ms  max ${Math.round(inWindow.at(-1) ?? 0)} ms  RSS max ${mb(Math.max(0, ...memory))}`,
        )
      }
      return out
    }
    const failures = result.non2xx + result.errors + result.timeouts + graphqlErrors
    const lines = [
      `soak: ${opts.duration} s, ${opts.connections} connections, mixed queries (${mix.map((m) => `${m.name} x${m.weight}`).join(', ')})`,
      `requests: ${result.requests.total} (${result.requests.average.toFixed(0)} req/s average)`,
      `errors: ${failures} (non-2xx ${result.non2xx}, socket errors ${result.errors - result.timeouts}, timeouts ${result.timeouts}, GraphQL errors ${graphqlErrors})`,
      `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `per ${opts.window} s window:`,
      ...windows(opts.window),
      ...(opts.duration > opts.window ? ['per minute:', ...windows(60)] : []),
      `server RSS: ${mb(rssStart)} at the start (${mb(rssWarm)} after warm-up), ${mb(rssEnd)} at the end (max ${mb(Math.max(...rss.map((r) => r.bytes)))})`,
    ]
    process.stdout.write(lines.join('\n') + '\n')
    if (firstError) say(`first failed answer: ${firstError}`)
    for (const [kind, n] of errorKinds) say(`GraphQL errors: ${n} x ${kind}`)
    return failures > 0 ? 1 : 0
  } finally {
    if (server) {
      const child = server.child
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await gone
    }
    await driver.close()
    await neo4j?.stop()
  }
}

const program = new Command()
  .name('soak')
  .description('A bounded mixed GraphQL load on loopback against the API over the PolNeAR train graph; prints requests, errors, p99 per window and server RSS.')
  .option('--duration <seconds>', 'how long to load', intOption(1), 60)
  .option('--connections <n>', 'concurrent connections', intOption(1), 4)
  .option('--warmup <seconds>', 'sequential requests before the load, not counted', intOption(1), 10)
  .option('--window <seconds>', 'latency window', intOption(1), 20)
  .option('--corpus <dir>', 'the articles the graph must hold (ingested when missing)', DEFAULT_CORPUS)
  .action(async (opts: Options) => {
    process.exitCode = await soak(opts)
  })

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  program.parseAsync(process.argv).catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  })
}
