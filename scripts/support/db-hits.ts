// What a GraphQL request costs Neo4j: the request is answered in this process by the API (createApp)
// with an executor that runs every Cypher query under PROFILE and sums its db hits. Deterministic
// (unlike timings on a shared machine), so it shows which questions grow with the corpus.
import neo4j, { type Driver } from 'neo4j-driver'
import type { ProfiledPlan } from 'neo4j-driver'
import { loadConfig } from '../../src/config.ts'
import { toPlain, type ReadExecutor, type Row } from '../../src/graph/read.ts'
import { createApp } from '../../src/api/server.ts'
import { refreshSearchIndex } from '../../src/graph/search-index.ts'

/** The db hits of a profiled plan and all its operators. */
export function hitsOf(plan: ProfiledPlan | false | undefined): number {
  if (!plan) return 0
  return plan.dbHits + plan.children.reduce((n, c) => n + hitsOf(c), 0)
}

/** A read executor that runs every query under PROFILE and hands each plan to `onPlan` (with the query's number, from 1). */
export function profilingExecutor(driver: Driver, onPlan: (plan: ProfiledPlan | false, n: number, params: Record<string, unknown>) => void): ReadExecutor & { count: number } {
  const executor = {
    count: 0,
    get roundTrips() {
      return executor.count
    },
    async run(query: string, params: Record<string, unknown> = {}) {
      const n = ++executor.count
      const session = driver.session({ defaultAccessMode: neo4j.session.READ })
      try {
        const result = await session.run(`PROFILE ${query}`, params)
        onPlan(result.summary.profile, n, params)
        return result.records.map((r) => toPlain(r.toObject()) as Row)
      } finally {
        await session.close()
      }
    },
  }
  return executor
}

/** For each named GraphQL body: the db hits of all the Cypher queries its answer took, and how many there were. */
export async function dbHitsPerRequest(
  driver: Driver,
  bodies: Record<string, string>,
  /** the API to ask (default this checkout's; bench-request-cost passes another checkout's) */
  app: { createApp: typeof createApp; loadConfig: typeof loadConfig } = { createApp, loadConfig },
): Promise<Record<string, { hits: number; queries: number }>> {
  // the index of entity names in use: the ingest may have rebuilt it under its other name (search-index.ts)
  await refreshSearchIndex(driver)
  let hits = 0
  const executor = profilingExecutor(driver, (plan) => void (hits += hitsOf(plan)))
  const { yoga } = app.createApp(app.loadConfig({}), driver, { executor, responseCacheTtlMs: 0, ingest: null })
  const out: Record<string, { hits: number; queries: number }> = {}
  for (const [name, body] of Object.entries(bodies)) {
    hits = 0
    executor.count = 0
    const res = await yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    await res.text()
    out[name] = { hits, queries: executor.count }
  }
  return out
}
