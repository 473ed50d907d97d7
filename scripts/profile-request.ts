// The PROFILE of every Cypher query one bench:scale question runs (issue 13: where a request's db hits go),
// on a graph that is already there (e.g. bench:scale --keep): the question is answered in this process by
// this checkout's API with an executor that runs each query under PROFILE, and prints each query's
// operators (indented as the plan), with their db hits and rows. Deterministic; never part of npm test.
//
//   npx tsx scripts/profile-request.ts BOLT_URI QUESTION [VARIABLES_JSON]
//
// QUESTION is a key of scripts/support/scale-queries.ts (who, related, path, ...); the variables default to
// the bench's targets, picked from the graph as bench:scale picks them.
import neo4j, { type ProfiledPlan } from 'neo4j-driver'
import { loadConfig } from '../src/config.ts'
import { createApp } from '../src/api/server.ts'
import { hitsOf, profilingExecutor } from './support/db-hits.ts'
import { QUERIES, targets } from './support/scale-queries.ts'

const [uri, key, vars] = process.argv.slice(2)
if (!uri || !key || !QUERIES[key]) {
  console.error(`usage: profile-request.ts BOLT_URI QUESTION [VARIABLES_JSON]; questions: ${Object.keys(QUERIES).join(', ')}`)
  process.exit(2)
}
const driver = neo4j.driver(uri, neo4j.auth.basic('', ''))
const lines: string[] = []
function print(p: ProfiledPlan, depth: number): void {
  const details = String((p.arguments as Record<string, unknown>).Details ?? '').replace(/\s+/g, ' ').slice(0, Number(process.env.PROFILE_DETAILS ?? 160))
  lines.push(`${'  '.repeat(depth)}${p.operatorType} dbHits ${p.dbHits} rows ${p.rows}${details ? `  ${details}` : ''}`)
  for (const c of p.children) print(c, depth + 1)
}
const executor = profilingExecutor(driver, (plan, n, params) => {
  if (!plan) return
  lines.push(`--- query ${n}: ${hitsOf(plan)} db hits, params ${JSON.stringify(params).slice(0, 200)}`)
  print(plan, 0)
})
try {
  const q = QUERIES[key]
  const variables = vars ? (JSON.parse(vars) as Record<string, unknown>) : q.vars(await targets(driver))
  const { yoga } = createApp(loadConfig({}), driver, { executor, responseCacheTtlMs: 0, ingest: null })
  const res = await yoga.fetch('http://profile/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query, variables }) })
  const answer = await res.text()
  console.log(lines.join('\n'))
  console.log(`--- answer (${answer.length} bytes): ${answer.slice(0, 1500)}`)
} finally {
  await driver.close()
}
