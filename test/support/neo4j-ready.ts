// A setup file of the integration and browser projects: before a test file's own hooks, wait until
// the Neo4j that test/global-setup.ts starts in the background answers, or fail the file with the
// launcher's error. Returns at once when the instance is up (every file after the first) or when
// NEO4J_URI named an instance of the user's (no status file).
import { existsSync, readFileSync } from 'node:fs'
import { beforeAll, inject } from 'vitest'

/** the launcher gives up after 180 s; Maven's first resolution and a loaded machine add to it */
const WAIT_MS = 300_000

beforeAll(async () => {
  const file = inject('neo4jStatusFile')
  if (!file) return
  const t0 = Date.now()
  while (!existsSync(file)) {
    if (Date.now() - t0 > WAIT_MS) throw new Error(`the throwaway Neo4j (${inject('neo4jUri')}) did not answer or fail within ${WAIT_MS / 1000} s`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const status = readFileSync(file, 'utf8')
  if (status !== 'ready') throw new Error(`the throwaway Neo4j (${inject('neo4jUri')}) did not start: ${status.replace(/^failed: /, '')}`)
}, WAIT_MS + 10_000)
