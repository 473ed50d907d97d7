// Start-up warm-up: before `npm start` listens, it runs the common questions once through its own
// GraphQL pipeline (the GraphiQL example tabs and `stats`). The first run of a query after Neo4j
// starts plans it and loads its pages; measured on PolNeAR train, the first `{ stats }` after a
// restart took 1.3 s and the next ones 5-10 ms. Warming moves that cost from the first user to
// start-up. A failing warm-up query is reported, never fatal: the server starts regardless.
import type { App } from './server.ts'
import { EXAMPLE_TABS } from './examples.ts'

export const WARM_QUERIES: { query: string; variables?: Record<string, unknown> }[] = [
  { query: '{ stats { articles people organisations countries places quotes relations } }' },
  ...EXAMPLE_TABS.map((tab) => ({ query: tab.query, variables: tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : undefined })),
]

export interface WarmReport {
  queries: number
  /** the queries whose answer carried errors, with the first error's message */
  failed: { operation: string; error: string }[]
  ms: number
}

/** Runs WARM_QUERIES one after another through the app (no network); never throws. */
export async function warmUp(app: App): Promise<WarmReport> {
  const t0 = Date.now()
  const failed: WarmReport['failed'] = []
  for (const { query, variables } of WARM_QUERIES) {
    const operation = /query (\w+)/.exec(query)?.[1] ?? query.slice(0, 40)
    try {
      const res = await app.yoga.fetch('http://warm-up/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      })
      const body = (await res.json()) as { errors?: { message: string }[] }
      if (res.status !== 200 || body.errors?.length) failed.push({ operation, error: body.errors?.[0]?.message ?? `HTTP ${res.status}` })
    } catch (err) {
      failed.push({ operation, error: err instanceof Error ? err.message : String(err) })
    }
  }
  // the warm-up's answers must not be served from the response cache as if a user had asked
  app.invalidateCache()
  return { queries: WARM_QUERIES.length, failed, ms: Date.now() - t0 }
}
