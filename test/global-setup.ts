// Global setup of the integration project: a throwaway Neo4j from the project's own launcher
// (temporary data folder, free ports), stopped and deleted after the run. When NEO4J_URI is set in
// the environment, the tests use that instance instead (and clear its data: point it at a test
// database only).
//
// Tests read the URI with `inject('neo4jUri')` (test/support/neo4j.ts does it); NEO4J_URI is also
// set in the environment the test workers inherit, for code that reads src/config.ts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { freePort, startNeo4j } from '../scripts/neo4j.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** the Bolt URI of the Neo4j the integration tests use */
    neo4jUri: string
    /** true when the global setup started a throwaway instance (the launcher is available) */
    neo4jThrowaway: boolean
  }
}

const say = (line: string) => process.stderr.write(`[neo4j] ${line}\n`)

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.NEO4J_URI?.trim()
  if (given) {
    say(`integration tests use NEO4J_URI=${given}; they delete its data`)
    project.provide('neo4jUri', given)
    project.provide('neo4jThrowaway', false)
    return undefined
  }

  const t0 = Date.now()
  const dataDir = mkdtempSync(join(tmpdir(), 'newsgraph-neo4j-'))
  const [boltPort, httpPort] = [await freePort(), await freePort()]
  let neo4j
  try {
    neo4j = await startNeo4j({ dataDir, boltPort, httpPort, pageCache: '256m', fastStart: true, stopOnExit: true, log: say })
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  }
  say(`throwaway Neo4j at ${neo4j.uri} (pid ${neo4j.pid}) answered after ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  project.provide('neo4jUri', neo4j.uri)
  project.provide('neo4jThrowaway', true)
  process.env.NEO4J_URI = neo4j.uri
  // interrupted runs skip the teardown: the launcher then kills the server, and this drops its folder
  const dropDataDir = () => rmSync(dataDir, { recursive: true, force: true })
  process.once('exit', dropDataDir)

  return async () => {
    await neo4j.stop()
    process.removeListener('exit', dropDataDir)
    dropDataDir()
    say(`throwaway Neo4j (pid ${neo4j.pid}) stopped and its data folder deleted`)
  }
}
