// Shared by the API's integration tests: ingest the test articles with the real pipeline, run a
// server on a free port, and send GraphQL over HTTP.
import { readdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Driver } from 'neo4j-driver'
import type { Config } from '../../src/config.ts'
import { createServer } from '../../src/api/server.ts'
import type { App, AppOptions } from '../../src/api/server.ts'
import { ingestInputs } from '../../src/ingest/pipeline.ts'
import { toPlain } from '../../src/graph/read.ts'
import { openTestDriver, resetDatabase, testConfig } from '../support/neo4j.ts'

/** the ingest token of the API the tests start */
export const TOKEN = 'test-ingest-token-7f3a'

export const FIXTURES = fileURLToPath(new URL('../fixtures/api/', import.meta.url))

/** the articles written for these tests, through the same extraction and ingestion as the CLI */
export async function ingestFixtures(driver: Driver, database: string): Promise<void> {
  const inputs = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ path: `${FIXTURES}${f}` }))
  const summary = await ingestInputs(driver, inputs, { workers: 0, database })
  if (summary.failures.length > 0) throw new Error(`fixtures not ingested: ${JSON.stringify(summary.failures)}`)
}

export interface RunningApi {
  url: string
  app: App
  close(): Promise<void>
}

export async function startApi(config: Config, driver: Driver, options: AppOptions = {}): Promise<RunningApi> {
  const server = createServer(config, driver, { responseCacheTtlMs: 0, ...options })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    app: server.app,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number
  data: T | null
  errors: { message: string; extensions?: { code?: string } }[] | undefined
  raw: string
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  })
  const raw = await res.text()
  const body = JSON.parse(raw) as { data?: T | null; errors?: GqlResponse['errors'] }
  return { status: res.status, data: body.data ?? null, errors: body.errors, raw }
}

/** data of a response that must have no errors */
export function ok<T>(r: GqlResponse<T>): T {
  if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`)
  if (!r.data) throw new Error(`no data: ${r.raw}`)
  return r.data
}

/** a connection's page, as the API answers it */
export type Conn<T> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: T }[] }

/** Cypher run directly on the test database, to check the API's answers against */
export function directCypher(driver: Driver, database: string) {
  async function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const res = await driver.executeQuery(query, params, { database })
    return res.records.map((r) => toPlain(r.toObject()) as T)
  }
  const count = async (query: string, params: Record<string, unknown> = {}): Promise<number> => (await cypher<{ n: number }>(query, params))[0].n
  return { cypher, count }
}

/**
 * An empty test database with the test articles in it, and an API on it that takes TOKEN. A generous
 * per-query timeout: under load a cold query plan can take seconds, and these tests check answers, not the timeout.
 */
export async function startFixtureApi(): Promise<{ driver: Driver; config: Config; api: RunningApi }> {
  const config: Config = { ...testConfig(), ingestToken: TOKEN, queryTimeoutMs: 60_000 }
  const driver = await openTestDriver()
  await resetDatabase(driver, config.neo4jDatabase)
  await ingestFixtures(driver, config.neo4jDatabase)
  return { driver, config, api: await startApi(config, driver) }
}

export async function stopFixtureApi(api: RunningApi | undefined, driver: Driver | undefined): Promise<void> {
  await api?.close()
  await driver?.close()
}
