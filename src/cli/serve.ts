// `npm start`: the GraphQL API on PORT (default 4000), at /graphql (GraphiQL in a browser),
// /healthz and /readyz. When NEO4J_URI is unset it uses the local Neo4j of `npm run neo4j:start`,
// starting it first when none runs (and stopping it again on exit); it applies the schema
// migrations and runs the common queries once (src/api/warm.ts) before it listens. SIGINT/SIGTERM close the server, the driver and what it started.
// first: graphql reads NODE_ENV when it loads (node-env.ts says why)
import './node-env.ts'
import { Command } from 'commander'
import type { Driver } from 'neo4j-driver'
import { loadConfig } from '../config.ts'
import type { Config } from '../config.ts'
import { connect } from '../graph/driver.ts'
import { migrate } from '../graph/migrate.ts'
import { createServer } from '../api/server.ts'
import { warmUp } from '../api/warm.ts'
import { localBoltUri, startNeo4j } from '../../scripts/neo4j.ts'
import type { Neo4jInstance } from '../../scripts/neo4j.ts'

const say = (line: string) => console.log(`[serve] ${line}`)

/**
 * The local instance when NEO4J_URI is unset: whatever answers on the default URI, else the
 * launcher's instance (startNeo4j waits for one that is still starting, or starts one).
 */
async function localNeo4j(config: Config): Promise<{ config: Config; started: Neo4jInstance | null }> {
  if (!config.neo4jLocal) return { config, started: null }
  config = { ...config, neo4jUri: localBoltUri() } // the local instance's port: NEO4J_BOLT_PORT, else 7687
  try {
    const probe = await connect(config)
    await probe.close()
    return { config, started: null }
  } catch {
    say(`nothing answers at ${config.neo4jUri}: starting the local Neo4j (as npm run neo4j:start does) ...`)
    const instance = await startNeo4j({ memory: 'auto', log: (l) => say(l) })
    if (!instance.started) say('it was already starting; it answers now')
    return { config: { ...config, neo4jUri: instance.uri }, started: instance.started ? instance : null }
  }
}

async function main(argv: string[]): Promise<void> {
  new Command()
    .name('start')
    .description(
      'Serve the GraphQL API (PORT, default 4000): /graphql (GraphiQL in a browser), /healthz, /readyz, /browser/style.grass, /browser/guide. ' +
        'Settings: NEO4J_URI (unset: the local instance, started when none runs), NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, ' +
        'HOST (default 127.0.0.1; 0.0.0.0 for every interface), INGEST_TOKEN (enables the ingestArticle mutation; 16+ characters), CORS_ORIGINS, QUERY_TIMEOUT_MS, GRAPHQL_INTROSPECTION, RESPONSE_CACHE_MS.',
    )
    .parse(argv)

  const { config, started } = await localNeo4j(loadConfig())
  let driver: Driver
  try {
    driver = await connect(config)
  } catch (err) {
    await started?.stop()
    throw err
  }
  const t0 = Date.now()
  const migrated = await migrate(driver, { database: config.neo4jDatabase })
  say(`schema: ${migrated.statements} statements applied in ${Date.now() - t0} ms`)

  const server = createServer(config, driver, { logging: false })
  // the first run of a query after Neo4j starts is slow (planning, cold pages): pay it before listening
  const warm = await warmUp(server.app)
  say(`warmed ${warm.queries} common queries in ${warm.ms} ms${warm.failed.length ? `; failed: ${warm.failed.map((f) => `${f.operation} (${f.error})`).join(', ')}` : ''}`)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  say(`GraphQL API at http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/graphql (Neo4j ${config.neo4jUri}, ingestArticle ${config.ingestToken ? 'enabled' : 'disabled: set INGEST_TOKEN'})`)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    say(`${signal}: closing`)
    server.closeIdleConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await driver.close()
    if (started) {
      say('stopping the local Neo4j this process started')
      await started.stop()
    }
    say('bye')
    process.exit(0)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal))
}

main(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
