// The GraphQL server: the schema (schema/schema.graphql) with its resolvers, the plugins of
// plugins.ts, GraphiQL with example queries, and a fresh set of DataLoaders per request.
// createApp/createServer are what `npm start`, the tests, the benchmark and the demo use.
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import type { Server } from 'node:http'
import { renderGraphiQL } from '@graphql-yoga/render-graphiql'
import { createSchema, createYoga } from 'graphql-yoga'
import type { YogaInitialContext, YogaServerInstance } from 'graphql-yoga'
import type { Driver } from 'neo4j-driver'
import type { Config } from '../config.ts'
import { createReadExecutor } from '../graph/read.ts'
import type { ReadExecutor } from '../graph/read.ts'
import type { ApiContext, IngestFn } from './context.ts'
import { EXAMPLE_TABS } from './examples.ts'
import { createCuration } from './curation.ts'
import { createIngest } from './ingest.ts'
import { createLoaders } from './loaders.ts'
import { meterSchema } from './budget.ts'
import type { CompiledRuns } from './compiled.ts'
import { createPlugins, maskError } from './plugins.ts'
import { resolvers } from './resolvers.ts'
import { useReadingView } from '../view/routes.ts'

export const SCHEMA_PATH = new URL('../../schema/schema.graphql', import.meta.url)

export interface AppOptions {
  /** how long read responses are cached, in ms (default config.responseCacheMs, RESPONSE_CACHE_MS; 0 = no cache) */
  responseCacheTtlMs?: number
  /** the ingestion behind `ingestArticle` (default: the CLI's pipeline); only reachable when config.ingestToken is set */
  ingest?: IngestFn | null
  /** run reads through this executor (e.g. to count round trips); default: one over `driver` */
  executor?: ReadExecutor
  /** yoga's request logging (default false) */
  logging?: boolean
  /** where the Neo4j Browser files are (default schema/browser/) */
  browserDir?: string
  /** Neo4j Browser's address, for the reading view's links (default config.neo4jBrowserUrl) */
  neo4jBrowserUrl?: string
  /**
   * when a query runs compiled (compiled.ts): after `after` executions of its text (default 2; Infinity: never)
   * if its answer is estimated at `minValues` values or more (default 300)
   */
  compile?: { after?: number; minValues?: number }
}

export interface App {
  yoga: YogaServerInstance<Record<string, unknown>, ApiContext>
  db: ReadExecutor
  invalidateCache: () => void
  /** how many executions ran compiled (compiled.ts) */
  compiled: CompiledRuns
}

const ANY_ORIGIN = { origin: '*', credentials: false }

export function createApp(config: Config, driver: Driver, options: AppOptions = {}): App {
  const db = options.executor ?? createReadExecutor(driver, { database: config.neo4jDatabase, timeoutMs: config.queryTimeoutMs })
  const probe = createReadExecutor(driver, { database: config.neo4jDatabase, timeoutMs: 2000 })
  const { plugins, invalidateCache, compiled } = createPlugins({
    config,
    probe,
    responseCacheTtlMs: options.responseCacheTtlMs ?? config.responseCacheMs,
    browserDir: options.browserDir,
    compile: options.compile,
  })
  const ingest = config.ingestToken
    ? options.ingest === undefined ? createIngest(driver, db, config.neo4jDatabase) : options.ingest
    : null
  const curate = config.ingestToken ? createCuration(driver, config.neo4jDatabase) : null
  const yoga = createYoga<Record<string, unknown>, ApiContext>({
    // every field draws on the request's answer budget (budget.ts)
    schema: meterSchema(createSchema<Record<string, unknown> & YogaInitialContext & ApiContext>({ typeDefs: readFileSync(SCHEMA_PATH, 'utf8'), resolvers: resolvers as never })),
    graphqlEndpoint: '/graphql',
    // the body's size is bounded by useBodyLimit (plugins.ts, LIMITS.maxBodyBytes: the Content-Length, or a chunked
    // body counted as it arrives); yoga's own limit (25 MB) piped every body through a TransformStream, a Node
    // stream pipeline that made and aborted an AbortController (an AbortError with its stack) per request:
    // ~10% of the API's CPU on a light request (issue 13, docs/performance.md)
    maxRequestBodySize: false,
    landingPage: false,
    logging: options.logging ?? false,
    // CORS_ORIGINS governs the API; the Neo4j Browser files are public so Browser on :7474 can fetch them
    // (without CORS_ORIGINS every path gets the same answer: no URL parsed per request for it)
    cors: config.corsOrigins.length > 0
      ? (request) => (!new URL(request.url).pathname.startsWith('/browser/') ? { origin: config.corsOrigins, credentials: false } : ANY_ORIGIN)
      : ANY_ORIGIN,
    maskedErrors: { maskError, isDev: false },
    // GraphiQL's scripts are bundled (@graphql-yoga/render-graphiql), so the page works offline
    renderGraphiQL,
    graphiql: config.introspection ? graphiqlOptions : false,
    plugins: [
      ...plugins,
      useReadingView({ db, links: { neo4jBrowser: options.neo4jBrowserUrl ?? config.neo4jBrowserUrl } }),
    ],
    context: () => ({ db, loaders: createLoaders(db), ingest, curate, afterIngest: invalidateCache }),
  })
  return { yoga, db, invalidateCache, compiled }
}

/**
 * GraphiQL opens with the example tabs. The editors start from `query`/`variables`, not from the
 * active tab: without `variables` the first tab's Variables pane stayed empty and its first Run
 * failed. A `?query=` link (the reading view's) opens that query, with `?variables=` when given.
 */
function graphiqlOptions(request: Request) {
  const params = new URL(request.url).searchParams
  const linked = params.get('query')
  return {
    title: 'newsgraph',
    defaultTabs: EXAMPLE_TABS,
    defaultQuery: EXAMPLE_TABS[0].query,
    ...(linked ? { variables: params.get('variables') ?? undefined } : { variables: EXAMPLE_TABS[0].variables }),
  }
}

export function createServer(config: Config, driver: Driver, options: AppOptions = {}): Server & { app: App } {
  const app = createApp(config, driver, options)
  const server = createHttpServer(app.yoga)
  server.keepAliveTimeout = 65_000
  return Object.assign(server, { app })
}
