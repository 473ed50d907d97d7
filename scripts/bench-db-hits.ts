// The db hits and Cypher queries of each bench:scale question (scripts/support/scale-queries.ts, the targets
// picked from the graph as bench:scale picks them) on a graph that is already there (e.g. bench:scale --keep),
// answered in this process by a checkout's API (default this one) with a PROFILE-ing executor: the table
// bench:scale prints after each step, for comparing checkouts on one graph. Never part of npm test.
//
//   npx tsx scripts/bench-db-hits.ts BOLT_URI [CHECKOUT_DIR]
import neo4j from 'neo4j-driver'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { dbHitsPerRequest } from './support/db-hits.ts'
import { ROOT } from './support/processes.ts'
import { QUERIES, targets } from './support/scale-queries.ts'

const [uri, tree = ROOT] = process.argv.slice(2)
if (!uri) {
  console.error('usage: bench-db-hits.ts BOLT_URI [CHECKOUT_DIR]')
  process.exit(2)
}
const driver = neo4j.driver(uri, neo4j.auth.basic('', ''))
try {
  const t = await targets(driver)
  const server = await import(pathToFileURL(join(resolve(tree), 'src/api/server.ts')).href)
  const config = await import(pathToFileURL(join(resolve(tree), 'src/config.ts')).href)
  const bodies = Object.fromEntries(Object.keys(QUERIES).map((k) => [k, JSON.stringify({ query: QUERIES[k].query, variables: QUERIES[k].vars(t) })]))
  const hits = await dbHitsPerRequest(driver, bodies, { createApp: server.createApp, loadConfig: config.loadConfig })
  console.log(`targets ${JSON.stringify(t)}`)
  for (const [k, v] of Object.entries(hits)) console.log(`${QUERIES[k].label.padEnd(34)} ${String(v.hits).padStart(8)} db hits  ${v.queries} Cypher queries`)
} finally {
  await driver.close()
}
