// Neo4j goes away under a running API and comes back: queries fail with a clear error and /readyz
// says 503 while it is away; both recover without restarting the API (same server, same driver).
// The test starts its own throwaway Neo4j with the project's launcher so it can stop and start it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { freePort, startNeo4j, type Neo4jInstance } from '../../scripts/neo4j.ts'
import type { Config } from '../../src/config.ts'
import { connect } from '../../src/graph/driver.ts'
import { migrate } from '../../src/graph/migrate.ts'
import { testConfig } from '../support/neo4j.ts'
import { gql, ok, startApi, type RunningApi } from './api-support.ts'

let dataDir: string
let ports: { boltPort: number; httpPort: number }
let neo4j: Neo4jInstance
let driver: Driver
let config: Config
let api: RunningApi

// C1-only JIT, as the other throwaway instances: about half the CPU to start, and the test runs only a few small queries
const start = () => startNeo4j({ dataDir, ...ports, pageCache: '64m', heap: '512m', fastStart: true, stopOnExit: true })
const stats = '{ stats { articles } }'
const PERSON = 'CREATE (:Entity:Person {id: "person:oskar-falk", name: "Oskar Falk", type: "Person", aliases: ["Falk"]})'

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'api-recovery-neo4j-'))
  ports = { boltPort: await freePort(), httpPort: await freePort() }
  neo4j = await start()
  config = { ...testConfig(), neo4jUri: neo4j.uri }
  driver = await connect(config)
  await migrate(driver, { database: config.neo4jDatabase })
  await driver.executeQuery(PERSON, {}, { database: config.neo4jDatabase })
  api = await startApi(config, driver)
})

afterAll(async () => {
  await api?.close()
  await driver?.close()
  await neo4j?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

it('fails clearly while Neo4j is down and recovers without a restart when it is back', async () => {
  expect(ok(await gql<{ stats: { articles: number } }>(api.url, stats)).stats.articles).toBe(0)
  expect((await fetch(`${api.url}/readyz`)).status).toBe(200)

  await neo4j.stop()

  const t0 = Date.now()
  const down = await gql(api.url, '{ stats { articles } search(query: "falk") { name } }')
  expect(Date.now() - t0).toBeLessThan(15_000)
  expect(down.data).toBeNull()
  expect(down.errors?.[0].message).toMatch(/^database unavailable/)
  expect(down.errors?.[0].extensions?.code).toBe('DATABASE_UNAVAILABLE')
  expect(down.raw).not.toMatch(/ServiceUnavailable|bolt:|at .*\.(ts|js):/)
  const notReady = await fetch(`${api.url}/readyz`)
  expect(notReady.status).toBe(503)
  expect(await notReady.json()).toMatchObject({ status: 'unavailable' })
  expect((await fetch(`${api.url}/healthz`)).status, 'the process itself is still up').toBe(200)

  neo4j = await start()

  // the same server and driver: the driver reconnects, nothing cached a dead session
  let back = await gql<{ stats: { articles: number }; search: { name: string }[] }>(api.url, '{ stats { articles } search(query: "falk") { name } }')
  for (let i = 0; i < 30 && back.errors; i++) {
    await new Promise((r) => setTimeout(r, 1000))
    back = await gql(api.url, '{ stats { articles } search(query: "falk") { name } }')
  }
  expect(ok(back).search.map((e) => e.name)).toEqual(['Oskar Falk'])
  expect((await fetch(`${api.url}/readyz`)).status).toBe(200)
})
