// Data from outside the repository that a few tests read: the seed article the project was created
// from (and, for the evaluation scripts, the corpora) lives in a folder beside the clone, `../shared`
// by default or wherever NEWSGRAPH_SHARED points. A clone without it still passes `npm test`: the tests
// that need it are skipped with one line saying what is missing. CI sets NEWSGRAPH_REQUIRE_SHARED=1,
// so there a missing folder fails the run instead of skipping those tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { SHARED_DIR } from '../../scripts/support/shared.ts'

const ROOT = resolve(import.meta.dirname, '../..')

export { SHARED_DIR }

export interface External {
  /** absolute path of the data */
  path: string
  present: boolean
}

const announced = new Set<string>()

/**
 * Looks for `what` (a path inside the shared folder) on behalf of the test file `testFile`
 * (pass import.meta.filename). Absent: one line on stderr naming the file, the missing path and how to
 * provide it, and present = false (the caller skips); with NEWSGRAPH_REQUIRE_SHARED=1 it throws instead.
 */
export function externalData(what: string, testFile: string, without = 'skipped the tests that need'): External {
  const path = join(SHARED_DIR, what)
  const present = existsSync(path)
  if (!present) {
    const file = relative(ROOT, testFile)
    const line = `${file}: ${without} ${path} (absent); set NEWSGRAPH_SHARED to the folder holding seed/ and corpora/ (default ../shared beside the clone)`
    if (process.env.NEWSGRAPH_REQUIRE_SHARED === '1') throw new Error(`${file}: needs ${path}, which is absent; NEWSGRAPH_REQUIRE_SHARED=1 (CI) forbids running without it`)
    if (!announced.has(line)) {
      announced.add(line)
      process.stderr.write(`[external data] ${line}\n`)
    }
  }
  return { path, present }
}

/** The seed article: its path and text. Call only when externalData('seed', ...) is present. */
export function readSeed(dir: string): { path: string; text: string } {
  const file = readdirSync(dir).find((f) => f.endsWith('.txt'))
  if (!file) throw new Error(`no seed article (.txt) in ${dir}`)
  const path = join(dir, file)
  return { path, text: readFileSync(path, 'utf8') }
}
