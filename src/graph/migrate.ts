// Applies schema/graph.cypher (constraints and indexes) to Neo4j. Every statement there is
// idempotent (IF NOT EXISTS), so this runs on every start of the ingest command and the server.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Driver } from 'neo4j-driver'
import { backfillAggregates, backfillRelatedWeights } from './aggregates.ts'
import { backfillCoMentions, coMentionStoreMinSetting } from './co-mentions.ts'
import { backfillNameKeys } from './name-keys.ts'
import { ensureSearchIndex } from './search-index.ts'
import { backfillArticleNewest, backfillCompactKeys, backfillPageKeys, backfillPairPages, backfillSpeakerRanks } from './pages.ts'

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/graph.cypher', import.meta.url))

/** Waits until the new indexes are online, so a query right after a migration can use them. */
export const AWAIT_INDEXES = 'CALL db.awaitIndexes($timeoutSeconds)'
const AWAIT_INDEXES_SECONDS = 300

/**
 * The statements of a Cypher script: split on semicolons outside strings, quoted names and
 * comments (`//` to end of line, `/* ... *\/`), with comments and blank statements dropped.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = []
  let current = ''
  let i = 0
  while (i < script.length) {
    const c = script[i]
    const next = script[i + 1]
    if (c === '/' && next === '/') {
      const end = script.indexOf('\n', i)
      i = end === -1 ? script.length : end
    } else if (c === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2)
      if (end === -1) throw new Error('unterminated /* comment')
      current += ' '
      i = end + 2
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1
      while (j < script.length && script[j] !== c) j += script[j] === '\\' && c !== '`' ? 2 : 1
      if (j >= script.length) throw new Error(`unterminated ${c} quote`)
      current += script.slice(i, j + 1)
      i = j + 1
    } else if (c === ';') {
      statements.push(current)
      current = ''
      i++
    } else {
      current += c
      i++
    }
  }
  statements.push(current)
  return statements.map((s) => s.trim()).filter(Boolean)
}

export interface MigrateResult {
  file: string
  statements: number
}

/**
 * Runs every statement of the schema file, one auto-managed transaction each (schema changes
 * cannot share a transaction with other writes), then waits for the indexes to come online.
 * Errors name the file and the statement that failed.
 */
export async function migrate(driver: Driver, options: { database?: string; file?: string; coMentionStoreMin?: number } = {}): Promise<MigrateResult> {
  const file = options.file ?? SCHEMA_FILE
  let statements: string[]
  try {
    statements = splitStatements(await readFile(file, 'utf8'))
  } catch (err) {
    throw new Error(`Cannot read the schema ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  for (const [n, statement] of statements.entries()) {
    try {
      await driver.executeQuery(statement, {}, { database: options.database })
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err)
      throw new Error(`${file}: statement ${n + 1} failed (${why}): ${statement.replace(/\s+/g, ' ')}`, { cause: err })
    }
  }
  // the index of entity names: made when neither of its two names exists (search-index.ts)
  await ensureSearchIndex(driver, options.database)
  await driver.executeQuery(AWAIT_INDEXES, { timeoutSeconds: AWAIT_INDEXES_SECONDS }, { database: options.database })
  // NAME KEYS (name-keys.ts): the lowered names and aliases the lookups by name ask for
  await backfillNameKeys(driver, options.database)
  // AGGREGATES HOOK (aggregates.ts): a graph written before the aggregates existed gets them once
  await backfillAggregates(driver, options.database)
  // PAGE KEYS (pages.ts): a store written before the keys of the newest-first pages gets them once
  await backfillPageKeys(driver, options.database)
  await backfillArticleNewest(driver, options.database)
  // PAIR PAGES (pages.ts): a speaker's quotes about an entity, the key on each ABOUT
  await backfillPairPages(driver, options.database)
  // SPEAKER RANKS (pages.ts): whoSaidWhatAbout's sort key on SPOKE_ABOUT and QUOTED_UNATTRIBUTED
  await backfillSpeakerRanks(driver, options.database)
  // RELATED WEIGHTS (aggregates.ts): Entity.related's pair aggregate and each RELATED's pair key
  await backfillRelatedWeights(driver, options.database)
  // COMPACT KEYS (pages.ts): the ranks and pair keys of older stores, rewritten with compact numbers
  await backfillCompactKeys(driver, options.database)
  // CO-MENTIONS (co-mentions.ts): the counts of the pairs of big entities, for the setting's storeMin
  // (counted anew when the store has none or another)
  await backfillCoMentions(driver, { database: options.database, storeMin: options.coMentionStoreMin ?? coMentionStoreMinSetting() })
  return { file, statements: statements.length }
}
