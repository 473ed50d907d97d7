// `npm run demo`: the whole service on the sample corpus in one command.
//   1. Neo4j: NEO4J_URI when set; else the local instance of `npm run neo4j:start` (data in .neo4j/),
//      started here when it does not run (ports NEO4J_BOLT_PORT / NEO4J_HTTP_PORT, default 7687 / 7474)
//   2. the schema migrations (src/graph/migrate.ts)
//   3. examples/articles ingested by the ingest CLI's library (src/ingest/pipeline.ts): idempotent, so a
//      second run reports every article unchanged and writes nothing
//   4. the GraphQL API (src/api/server.ts, as `npm start`) on PORT (default 4000), with the reading view
//      under /view/, then the URLs to open
// Ctrl-C / SIGTERM closes the server and stops the Neo4j this run started (never one it found running).
//
// The steps are exported (migrateGraph, ingestExamples, startDemoApi) for test/integration/demo.test.ts.
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Driver } from 'neo4j-driver'
import { loadConfig } from '../src/config.ts'
import type { Config } from '../src/config.ts'
import { connect } from '../src/graph/driver.ts'
import { migrate } from '../src/graph/migrate.ts'
import type { MigrateResult } from '../src/graph/migrate.ts'
import { createServer } from '../src/api/server.ts'
import type { App, AppOptions } from '../src/api/server.ts'
import { expandPaths } from '../src/ingest/paths.ts'
import { ingestInputs } from '../src/ingest/pipeline.ts'
import type { IngestSummary } from '../src/ingest/pipeline.ts'
import {
  DEFAULT_DATA_DIR,
  LauncherError,
  localPorts,
  PROJECT_ROOT,
  neo4jStatus,
  neo4jVersion,
  resolveClasspath,
  startNeo4j,
  stopNeo4j,
} from './neo4j.ts'
import type { Neo4jInstance } from './neo4j.ts'

export const EXAMPLES_DIR = join(PROJECT_ROOT, 'examples', 'articles')
export const STATS_QUERY = '{ stats { articles people quotes } }'

const say = (line: string) => console.log(`[demo] ${line}`)

// ---------------------------------------------------------------- the steps (also run by the test)

/** Step 2: the constraints and indexes of schema/graph.cypher (idempotent). */
export function migrateGraph(driver: Driver, database: string): Promise<MigrateResult> {
  return migrate(driver, { database })
}

export interface ExamplesSummary {
  summary: IngestSummary
  /** input files that could not be read or listed (also counted in summary.articles.failed) */
  files: number
}

/**
 * Step 3: every file under examples/articles (or `dir`) through the ingest CLI's pipeline. Bad
 * inputs are counted and listed in the summary, never thrown; a database failure throws.
 */
export async function ingestExamples(driver: Driver, database: string, opts: { dir?: string; workers?: number } = {}): Promise<ExamplesSummary> {
  const expanded = await expandPaths([opts.dir ?? EXAMPLES_DIR])
  const summary = await ingestInputs(
    driver,
    expanded.files.map((path) => ({ path })),
    // 15 short files: extracting in this thread (2 s) beats booting a worker thread with tsx and the models (4 s)
    { database, workers: opts.workers ?? 0 },
  )
  summary.articles.failed += expanded.errors.length
  summary.failures.unshift(...expanded.errors)
  return { summary, files: expanded.files.length }
}

/** One line per fact of the summary, short enough to read at a glance. */
export function ingestSummaryLines(s: IngestSummary, files: number): string[] {
  const a = s.articles
  const lines = [
    `${files} files, ${a.extracted} articles in ${s.seconds.toFixed(1)} s: ${a.new} new, ${a.updated} updated, ${a.unchanged} unchanged, ${a.failed} failed`,
    a.new + a.updated > 0
      ? `written: ${s.counts.entitiesCreated} new entities, ${s.counts.quotes} quotes, ${s.counts.relations} relations, ${s.counts.mentions} mentions`
      : 'nothing written: the graph already holds these articles with the same text',
  ]
  for (const f of s.failures) lines.push(`failed: ${f.error}`)
  return lines
}

export interface DemoApi {
  server: Server & { app: App }
  app: App
  port: number
  /** http://localhost:<port> */
  url: string
  close(): Promise<void>
}

/** Step 4: the API of `npm start` (src/api/server.ts) listening on `port` (0: any free port). */
export async function startDemoApi(config: Config, driver: Driver, port: number, options: AppOptions = {}): Promise<DemoApi> {
  const server = createServer(config, driver, { logging: false, ...options })
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(port, () => {
      server.off('error', fail)
      done()
    })
  })
  const actual = (server.address() as AddressInfo).port
  return {
    server,
    app: server.app,
    port: actual,
    url: `http://localhost:${actual}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeIdleConnections()
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

/** POSTs a GraphQL query to a running API and returns its data; throws on errors. */
export async function queryApi<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] }
  if (body.errors?.length || !body.data) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors ?? body)}`)
  return body.data
}

/** The lines printed once everything runs: where to look and what to paste. */
export function urlLines(
  apiUrl: string,
  browser: { httpUrl: string; boltUri: string } | null,
  remoteUri: string | null,
  stopsNeo4j: boolean,
): string[] {
  const curl = `curl -s ${apiUrl}/graphql -H 'content-type: application/json' -d '${JSON.stringify({ query: STATS_QUERY })}'`
  const lines = [
    '',
    `GraphiQL (example queries in tabs)   ${apiUrl}/graphql`,
    `Reading view (articles, entities)    ${apiUrl}/view/`,
  ]
  if (browser) {
    lines.push(
      `Neo4j Browser                        ${browser.httpUrl}/browser/`,
      `  connect to ${browser.boltUri} with "No authentication", then paste these two lines:`,
    )
  } else {
    lines.push(`Neo4j Browser: open the Browser of ${remoteUri} (for Aura, its console), then paste these two lines:`)
  }
  lines.push(
    `  :style ${apiUrl}/browser/style.grass`,
    `  :guide ${apiUrl}/browser/guide`,
    'From a shell:',
    `  ${curl}`,
    '',
    `Ctrl-C stops the API${stopsNeo4j ? ' and the Neo4j the demo started' : ''}.`,
  )
  return lines
}

// ---------------------------------------------------------------- the script

const seconds = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`
/** localhost rather than 127.0.0.1 in what we print: Neo4j Browser's allowlist of guide hosts holds localhost */
const localhostUrl = (url: string) => url.replace('//127.0.0.1:', '//localhost:')

interface LocalNeo4j {
  config: Config
  /** the instance we started (ours to stop), or null when one already ran */
  started: Neo4jInstance | null
  httpUrl: string
  boltUri: string
}

async function localNeo4j(config: Config, starting: { dataDir: string | null }): Promise<LocalNeo4j> {
  const dataDir = DEFAULT_DATA_DIR
  const status = neo4jStatus(dataDir)
  if (status.running) {
    say(`Neo4j already runs (pid ${status.pid}, ${status.uri}, data ${relative(process.cwd(), dataDir) || dataDir}): using it, and leaving it running on exit`)
    return { config: { ...config, neo4jUri: status.uri }, started: null, httpUrl: localhostUrl(status.httpUrl), boltUri: localhostUrl(status.uri) }
  }
  const { boltPort, httpPort } = localPorts()
  // first run: Maven fetches Neo4j before anything else can happen, so say so before it starts
  resolveClasspath({
    log: () =>
      say(`first run: Maven is fetching Neo4j ${neo4jVersion()} Community and its libraries (about 160 MB, into ~/.m2); this takes a few minutes, once`),
  })
  starting.dataDir = dataDir
  const t0 = Date.now()
  say(`starting Neo4j ${neo4jVersion()} on Bolt port ${boltPort}, HTTP port ${httpPort} (data in ${relative(process.cwd(), dataDir) || dataDir}) ...`)
  let instance: Neo4jInstance
  try {
    instance = await startNeo4j({ memory: 'auto', dataDir, boltPort, httpPort, stopOnExit: true })
  } catch (err) {
    if (err instanceof LauncherError && /already in use/.test(err.message)) {
      throw new LauncherError(
        `${err.message.replace(/ or choose other ports.*$/, '')}, choose other ports (NEO4J_BOLT_PORT=... NEO4J_HTTP_PORT=... npm run demo), or set NEO4J_URI to use a Neo4j you run.`,
      )
    }
    throw err
  }
  say(`Neo4j started in ${seconds(t0)} (pid ${instance.pid}); it stops when the demo does`)
  return { config: { ...config, neo4jUri: instance.uri }, started: instance, httpUrl: localhostUrl(instance.httpUrl), boltUri: localhostUrl(instance.uri) }
}

async function main(): Promise<void> {
  const tStart = Date.now()
  let base: Config
  try {
    base = loadConfig()
  } catch (err) {
    // a bad setting (NEO4J_BOLT_PORT=abc, PORT=x, a short INGEST_TOKEN): one line, as every other error of the demo
    console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`)
    process.exit(2)
  }
  const starting: { dataDir: string | null } = { dataDir: null }
  let neo4j: LocalNeo4j | null = null
  let driver: Driver | null = null
  let api: DemoApi | null = null
  let closing = false

  let closingSince = 0
  const shutdown = async (why: string, code: number) => {
    if (closing) {
      // Ctrl-C reaches this process twice (the terminal's signal, and tsx relaying it): only a later one is news
      if (Date.now() - closingSince > 1000) say(`${why}: already stopping${starting.dataDir ? ' (Neo4j checkpoints before it exits)' : ''} ...`)
      return
    }
    closing = true
    closingSince = Date.now()
    say(`${why}: stopping`)
    try {
      await api?.close()
      await driver?.close()
      // ours when this run decided to start it, even if the start has not finished yet
      if (starting.dataDir && neo4jStatus(starting.dataDir).running) {
        // the launcher's marker of a class-data archive the JVM writes on its first clean exit
        const firstStop = existsSync(join(starting.dataDir, 'run', 'class-archive.pending'))
        say(`stopping the Neo4j this demo started${firstStop ? ' (its first stop also saves a class archive that halves later starts: up to a minute)' : ''} ...`)
        const pid = await stopNeo4j(starting.dataDir)
        if (pid !== null) say(`Neo4j (pid ${pid}) stopped`)
      }
    } catch (err) {
      console.error(`[demo] while stopping: ${err instanceof Error ? err.message : String(err)}`)
      code = code || 1
    }
    say('bye')
    process.exit(code)
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0))

  try {
    if (base.neo4jLocal) {
      neo4j = await localNeo4j(base, starting)
    } else {
      say(`NEO4J_URI=${base.neo4jUri}: using that Neo4j (not started or stopped by the demo)`)
    }
    if (closing) return
    const config = neo4j?.config ?? base
    driver = await connect(config)

    let t0 = Date.now()
    const migrated = await migrateGraph(driver, config.neo4jDatabase)
    say(`schema: ${migrated.statements} constraint/index statements applied in ${seconds(t0)}`)
    if (closing) return

    t0 = Date.now()
    say(`ingesting ${relative(process.cwd(), EXAMPLES_DIR) || EXAMPLES_DIR} (the same pipeline as npm run ingest) ...`)
    const { summary, files } = await ingestExamples(driver, config.neo4jDatabase)
    for (const line of ingestSummaryLines(summary, files)) say(`  ${line}`)
    if (closing) return

    api = await startDemoApi(config, driver, config.port, neo4j ? { neo4jBrowserUrl: neo4j.httpUrl } : {}).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'EADDRINUSE' ? new Error(`Port ${config.port} is in use: run with PORT=<another port> npm run demo`, { cause: err }) : err
    })
    const stats = await queryApi<{ stats: { articles: number; people: number; quotes: number } }>(api.url, STATS_QUERY)
    say(`API up: the graph holds ${stats.stats.articles} articles, ${stats.stats.people} people, ${stats.stats.quotes} quotes (ready in ${seconds(tStart)})`)
    const browser = neo4j ? { httpUrl: neo4j.httpUrl, boltUri: neo4j.boltUri } : null
    console.log(urlLines(api.url, browser, neo4j ? null : config.neo4jUri, Boolean(neo4j?.started)).join('\n'))
  } catch (err) {
    if (closing) return
    console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`)
    await shutdown('error', 1)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main()
