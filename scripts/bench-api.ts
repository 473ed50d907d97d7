// `npm run bench:api`: load on the GraphQL API over loopback with autocannon, PolNeAR train in the
// graph. Queries: (a) search, (b) whoSaidWhatAbout, (c) a three-level nested entity query, and on request (--queries) two light ones, (d) search5, (e) entityQuotes;
// each prints requests/s and p50/p99 latency, with the response cache on (as `npm start` runs)
// and off (every request reaches Neo4j). Target (issue 5): (b) at 32 connections >= 1,500 req/s
// and p99 <= 50 ms, with Neo4j on the same 2-core machine.
//
// The server runs in a child process (this script with --serve) so the load generator does not
// share its event loop. NEO4J_URI unset: the local instance, started when none runs.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import type { Driver } from 'neo4j-driver'
import { intOption } from '../src/cli/options.ts'
import { loadConfig, type Config } from '../src/config.ts'
import { connect } from '../src/graph/driver.ts'
import { migrate } from '../src/graph/migrate.ts'
import { toPlain } from '../src/graph/read.ts'
import { createServer } from '../src/api/server.ts'
import { ingestInputs } from '../src/ingest/pipeline.ts'
import { startNeo4j } from './neo4j.ts'
import { fmtMs, loadGraphql, medianFigures, type Figures } from './support/bench.ts'
import { corpusDir, DEFAULT_CORPUS } from './support/shared.ts'

const HERE = fileURLToPath(import.meta.url)
/** node flags of the server process: BENCH_NODE_FLAGS, space-separated (e.g. --max-semi-space-size=32) */
const SERVER_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)

/** the bench's targets, picked from the data so the queries have real work to do */
const TOP_QUOTED_COUNTRY = `
MATCH (c:Country)<-[:ABOUT]-(q:Quote)
RETURN c.name AS name, count(q) AS quotes ORDER BY quotes DESC, name LIMIT 1`
const TOP_PERSON = `
MATCH (p:Person)<-[m:MENTIONS]-(:Article)
WITH p, sum(m.count) AS mentions WHERE size(p.name) > 6 AND p.name CONTAINS ' '
RETURN p.name AS name, mentions ORDER BY mentions DESC, name LIMIT 1`
const COUNTS = `
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (q:Quote) RETURN count(q) AS quotes }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
RETURN articles, quotes, entities`

const QUERIES = {
  search: `query Search($q: String!) { search(query: $q, first: 10) { id name type mentionCount } }`,
  whoSaidWhatAbout: `query Who($about: String!) { whoSaidWhatAbout(about: $about, first: 10) {
    speaker { id name type } speakerName count
    quotes { text kind cue sentiment article { title publishedAt } } } }`,
  nested: `query Nested($name: String!) { entity(name: $name) { id name mentionCount
    related(first: 5) { weight entity { name type
      ... on Person { quotes(first: 3) { totalCount edges { node { text about { name } article { title } } } } }
      articles(first: 3) { totalCount edges { node { title publishedAt } } } } } } }`,
  // two light questions (issue 13: the API's own cost per request): a short search, a person's quotes
  search5: `query Search5($q: String!) { search(query: $q, first: 5) { id name type } }`,
  entityQuotes: `query EntityQuotes($name: String!) { entity(name: $name) { id name
    ... on Person { quotes(first: 10) { totalCount edges { node { text kind article { title publishedAt } } } } } } }`,
}

async function cypher(driver: Driver, database: string, query: string): Promise<Record<string, unknown>[]> {
  const res = await driver.executeQuery(query, {}, { database })
  return res.records.map((r) => toPlain(r.toObject()) as Record<string, unknown>)
}

async function connectAny(config: Config): Promise<{ config: Config; driver: Driver }> {
  if (config.neo4jLocal) {
    const instance = await startNeo4j({ log: (l) => console.log(`[neo4j] ${l}`) })
    config = { ...config, neo4jUri: instance.uri }
  }
  return { config, driver: await connect(config) }
}

/** --serve: the API in this (child) process, on a free port; prints `listening <port>` */
async function serve(cacheTtlMs: number): Promise<void> {
  const { config, driver } = await connectAny(loadConfig())
  const server = createServer(config, driver, { responseCacheTtlMs: cacheTtlMs })
  server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`))
  process.on('SIGTERM', () => {
    server.closeAllConnections()
    server.close(() => void driver.close().then(() => process.exit(0)))
  })
}

function startServerProcess(config: Config, cacheTtlMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', HERE, '--serve', '--cache-ttl', String(cacheTtlMs)], {
    env: { ...process.env, NEO4J_URI: config.neo4jUri },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening (\d+)/.exec(out)
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` })
    })
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening: ${out}`)))
  })
}

async function bench(opts: {
  connections: number[]
  duration: number
  repeat: number
  ingest: boolean
  corpus: string
  cacheTtl: number
  cache: string
  queries: string[]
}): Promise<void> {
  const { config, driver } = await connectAny(loadConfig())
  const database = config.neo4jDatabase
  try {
    await migrate(driver, { database })
    if (opts.ingest) {
      const inputs = readdirSync(corpusDir(opts.corpus)).map((f) => ({ path: join(opts.corpus, f) }))
      console.log(`ingesting ${inputs.length} files of ${opts.corpus} (unchanged articles are skipped) ...`)
      const s = await ingestInputs(driver, inputs, { database })
      console.log(`  new ${s.articles.new}, updated ${s.articles.updated}, unchanged ${s.articles.unchanged}, failed ${s.articles.failed} in ${s.seconds.toFixed(1)} s`)
    }
    const [counts] = await cypher(driver, database, COUNTS)
    const [country] = await cypher(driver, database, TOP_QUOTED_COUNTRY)
    const [person] = await cypher(driver, database, TOP_PERSON)
    if (!country || !person) throw new Error('the graph has no quoted country or no person: ingest something first')
    // a typo in the surname, as a user would type it: the search must be forgiving
    const surname = String(person.name).split(' ').at(-1)!.toLowerCase()
    const typo = surname.length > 4 ? surname.slice(0, 2) + surname.slice(3) : surname
    console.log(`graph: ${counts.articles} articles, ${counts.entities} entities, ${counts.quotes} quotes`)
    console.log(`targets: search "${typo}", whoSaidWhatAbout "${country.name}" (${country.quotes} quotes), nested entity "${person.name}"`)
    const bodies: Record<keyof typeof QUERIES, string> = {
      search: JSON.stringify({ query: QUERIES.search, variables: { q: typo } }),
      whoSaidWhatAbout: JSON.stringify({ query: QUERIES.whoSaidWhatAbout, variables: { about: country.name } }),
      nested: JSON.stringify({ query: QUERIES.nested, variables: { name: person.name } }),
      search5: JSON.stringify({ query: QUERIES.search5, variables: { q: String(person.name).split(' ').at(-1) } }),
      entityQuotes: JSON.stringify({ query: QUERIES.entityQuotes, variables: { name: person.name } }),
    }

    const rows: string[] = []
    const modes = opts.cache === 'on' ? [opts.cacheTtl] : opts.cache === 'off' ? [0] : [opts.cacheTtl, 0]
    for (const cacheTtl of modes) {
      const { child, url } = await startServerProcess(config, cacheTtl)
      try {
        for (const [name, body] of Object.entries(bodies).filter(([n]) => opts.queries.includes(n))) {
          const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          const json = (await res.json()) as { errors?: unknown[] }
          if (json.errors) throw new Error(`${name}: ${JSON.stringify(json.errors)}`)
          await loadGraphql(url, body, 8, 2) // warm-up: JIT, Neo4j plan and page caches
          for (const c of opts.connections) {
            const runs: Figures[] = []
            for (let i = 0; i < opts.repeat; i++) runs.push(await loadGraphql(url, body, c, opts.duration))
            const f = medianFigures(runs)
            const label = `${name} (${'abcde'[Object.keys(bodies).indexOf(name)]})`
            const spread = runs.length > 1 ? `  (req/s of the ${runs.length} runs: ${runs.map((r) => r.rps.toFixed(0)).join(', ')})` : ''
            const row = `${label.padEnd(24)} cache ${cacheTtl > 0 ? 'on ' : 'off'}  c=${String(c).padEnd(3)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${fmtMs(f.p50).padStart(5)} ms  p99 ${fmtMs(f.p99).padStart(5)} ms${f.errors ? `  errors ${f.errors}` : ''}${spread}`
            console.log(row)
            rows.push(row)
            if (name === 'whoSaidWhatAbout' && c === 32) {
              const pass = f.rps >= 1500 && f.p99 <= 50
              console.log(`  target (b) at 32 connections, >= 1500 req/s and p99 <= 50 ms: ${pass ? 'met' : 'NOT met'} with the cache ${cacheTtl > 0 ? 'on' : 'off'}`)
            }
          }
        }
      } finally {
        child.kill('SIGTERM')
      }
    }
  } finally {
    await driver.close()
  }
}

const opts = new Command()
  .name('bench:api')
  .description('Load the GraphQL API with autocannon: (a) search, (b) whoSaidWhatAbout, (c) a nested entity query; req/s and p50/p99.')
  .option('--connections <list>', 'concurrent connections, comma-separated', '32')
  .option('--duration <s>', 'seconds per run', intOption(1), 10)
  .option('--repeat <n>', 'runs per figure; the median is printed', intOption(1), 3)
  .option('--corpus <dir>', 'the articles to ingest first', DEFAULT_CORPUS)
  .option('--no-ingest', 'use the graph as it is')
  .option('--cache-ttl <ms>', 'response cache TTL of the cached runs (the uncached runs use 0)', (v) => Number(v), 5000)
  .option('--cache <mode>', 'on, off or both', 'both')
  .option('--queries <list>', 'which queries, comma-separated: search, whoSaidWhatAbout, nested, search5 (d: search(first: 5) for the top person\'s surname), entityQuotes (e: that person\'s quotes(first: 10))', 'search,whoSaidWhatAbout,nested')
  .option('--serve', 'internal: run the API server (used by the bench itself)')
  .parse(process.argv)
  .opts<{ connections: string; duration: number; repeat: number; corpus: string; ingest: boolean; cacheTtl: number; cache: string; queries: string; serve?: boolean }>()

const run = opts.serve
  ? serve(opts.cacheTtl)
  : bench({ ...opts, connections: opts.connections.split(',').map((s) => intOption(1)(s.trim())), queries: opts.queries.split(',').map((s) => s.trim()) })
run.catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
