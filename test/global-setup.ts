// Global setup of the integration and browser projects: one throwaway Neo4j from the project's own
// launcher (temporary data folder, free ports), stopped and deleted after the run. When NEO4J_URI is
// set in the environment, the tests use that instance instead (and clear its data: point it at a
// test database only).
//
// One instance for both projects: Vitest runs each project's global setup, so the second call finds
// the first's instance (kept on globalThis, counted) instead of starting another; the last teardown
// stops it. The instance starts in the background: the setup only picks the ports and provides the
// URI, so the unit tests (which Vitest runs before the one-file-at-a-time integration and browser
// files) run while Neo4j starts. test/support/neo4j-ready.ts, a setup file of both projects, waits in
// each test file until the instance answers, or fails that file with the launcher's error.
//
// Java's class-data archive of Neo4j's classes (scripts/neo4j.ts) roughly halves the CPU a start
// needs, but a fresh clone (CI) has none, and an instance writes it only when it stops cleanly: the
// shared instance would write it at the end of the run, after the other throwaway instances of the
// run (faults, api-recovery, the launcher test: six starts) had all started without it. So when the
// cache holds no archive yet, the setup starts the shared instance, stops it (which writes the
// archive) and starts it again, in the background while the unit files run.
//
// Tests read the URI with `inject('neo4jUri')` (test/support/neo4j.ts does it); NEO4J_URI is also
// set in the environment the test workers inherit, for code that reads src/config.ts.
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { DEFAULT_DATA_DIR, freePort, startNeo4j, type Neo4jInstance } from '../scripts/neo4j.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** the Bolt URI of the Neo4j the integration tests use */
    neo4jUri: string
    /** true when the global setup started a throwaway instance (the launcher is available) */
    neo4jThrowaway: boolean
    /** a file the global setup writes once the instance answers ("ready") or failed to start ("failed: why"); '' when nothing is started */
    neo4jStatusFile: string
  }
}

const say = (line: string) => process.stderr.write(`[neo4j] ${line}\n`)

interface Shared {
  uri: string
  throwaway: boolean
  statusFile: string
  /** the projects whose teardown has not run yet */
  users: number
  /** settles when the instance answers or failed to start; never rejects */
  started: Promise<Neo4jInstance | null>
  cleanUp: () => void
}

/** whole or not at all: the test workers poll for the file */
function writeStatus(file: string, status: string): void {
  writeFileSync(`${file}.tmp`, status)
  renameSync(`${file}.tmp`, file)
}

/** whether the launcher's cache holds a class archive (one for another JVM is ignored by the JVM: a start is then only slower) */
function haveClassArchive(): boolean {
  return existsSync(DEFAULT_DATA_DIR) && readdirSync(DEFAULT_DATA_DIR).some((name) => /^classes-\w+\.jsa$/.test(name))
}

const KEY = Symbol.for('newsgraph.test-neo4j')
const registry = globalThis as typeof globalThis & { [KEY]?: Shared }

function startInBackground(): Promise<Shared> {
  return (async () => {
    const t0 = Date.now()
    const dataDir = mkdtempSync(join(tmpdir(), 'newsgraph-neo4j-'))
    const statusFile = `${dataDir}.status`
    const [boltPort, httpPort] = [await freePort(), await freePort()]
    const uri = `bolt://127.0.0.1:${boltPort}`
    // interrupted runs skip the teardown: the launcher then kills the server, and this drops its folder
    const cleanUp = () => {
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(statusFile, { force: true })
      rmSync(`${statusFile}.tmp`, { force: true })
    }
    process.once('exit', cleanUp)
    const start = () => startNeo4j({ dataDir, boltPort, httpPort, pageCache: '256m', fastStart: true, stopOnExit: true, log: say })
    const writeArchive = !haveClassArchive()
    const started = (async () => {
      if (!writeArchive) return start()
      const first = await start()
      await first.stop()
      say(`no class archive was cached: Neo4j started and stopped once to write it (${((Date.now() - t0) / 1000).toFixed(1)} s), so later starts map it`)
      return start()
    })().then(
      (neo4j) => {
        say(`throwaway Neo4j at ${neo4j.uri} (pid ${neo4j.pid}) answered after ${((Date.now() - t0) / 1000).toFixed(1)} s`)
        writeStatus(statusFile, 'ready')
        return neo4j
      },
      (err: unknown) => {
        const why = err instanceof Error ? err.message : String(err)
        say(`the throwaway Neo4j did not start: ${why}`)
        writeStatus(statusFile, `failed: ${why}`)
        return null
      },
    )
    return { uri, throwaway: true, statusFile, users: 0, started, cleanUp }
  })()
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.NEO4J_URI?.trim()
  if (given && !registry[KEY]) {
    say(`integration tests use NEO4J_URI=${given}; they delete its data`)
    project.provide('neo4jUri', given)
    project.provide('neo4jThrowaway', false)
    project.provide('neo4jStatusFile', '')
    return undefined
  }

  // the projects' setups run one after the other, so the second finds the first's instance here
  registry[KEY] ??= await startInBackground()
  const shared = registry[KEY]
  shared.users++
  project.provide('neo4jUri', shared.uri)
  project.provide('neo4jThrowaway', shared.throwaway)
  project.provide('neo4jStatusFile', shared.statusFile)
  process.env.NEO4J_URI = shared.uri

  return async () => {
    if (--shared.users > 0) return
    const neo4j = await shared.started
    if (neo4j) await neo4j.stop()
    process.removeListener('exit', shared.cleanUp)
    shared.cleanUp()
    delete registry[KEY]
    if (neo4j) say(`throwaway Neo4j (pid ${neo4j.pid}) stopped and its data folder deleted`)
  }
}
