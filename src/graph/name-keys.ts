// Entities by their exact name or alias, case-insensitively (issue 13: a name lookup whose cost follows
// the entities that bear the name, not the corpus). Every entity carries `nameKeys`: its name and each of
// its aliases lowered by Cypher's toLower (NAME_KEYS), written in the statements that write the name and
// aliases (write.ts MERGE_ENTITIES, plan.ts SET_RESOLVED; a store written before it gets them from
// `npm run db:migrate`, backfillNameKeys). The full-text index `entityLowerKeys` (schema/graph.cypher, the
// `keyword` analyzer: each key one term) is asked for the lowered name as one term, so a lookup reads only
// the entities that bear the name, and Lucene seeks one term of its dictionary, however many names it holds.
//
// Before (2026-12-04), two keyword indexes on `name` and `aliases` as stored were asked for a regular
// expression matching the name in any case ([Dd][Oo]...): nothing derived to keep, but Lucene walked its
// term dictionary with the expression's automaton, and a lookup of "Donald Trump" cost Neo4j ~0.9 ms of CPU
// against ~0.3 ms for the term (PolNeAR train, 8 connections; docs/scale.md). The lookups still keep only
// the entities whose lowered name or alias equals the lowered name (read-fragments.ts NAMED), so a key can
// make a lookup miss, never find a wrong entity, and nameKeyDifferences (the tests) checks the keys.
import type { Driver } from 'neo4j-driver'
import { backfillOnce } from './pages.ts'

/** longer than any name or alias the graph can hold (extraction and curation cap names at 200 characters) */
export const MAX_EXACT_CHARS = 400

/** the Cypher of an entity's keys from expressions of its name and aliases (a list, or null) */
export const NAME_KEYS = (name: string, aliases: string) => `[nameKey IN [${name}] + coalesce(${aliases}, []) | toLower(nameKey)]`

/**
 * The Lucene query of the keyword index `entityLowerKeys` for `input` in any case: its lowercase as one
 * term (a quoted phrase: the keyword analyzer makes it one term, with no query syntax inside but the
 * escaped quote and backslash), or null when the lookup asks no index (`hasWords` false: the name holds
 * no word) or must ask the phrase of `entityNames` instead (longer than any stored name, or empty).
 */
export function exactNameLuceneQuery(input: string, hasWords: boolean): string | null {
  if (!hasWords) return null
  const lower = input.toLowerCase()
  if (lower.length === 0 || [...lower].length > MAX_EXACT_CHARS) return null
  return `"${lower.replace(/["\\]/g, (c) => `\\${c}`)}"`
}

/** Gives every entity without them its `nameKeys`, once per store (`(:Migration {key: 'nameKeys'})`; migrate: a store written before them). */
export const BACKFILL_NAME_KEYS = `
MATCH (e:Entity) WHERE e.nameKeys IS NULL AND e.name IS NOT NULL
CALL (e) { SET e.nameKeys = ${NAME_KEYS('e.name', 'e.aliases')} } IN TRANSACTIONS OF 5000 ROWS`

export function backfillNameKeys(driver: Driver, database?: string): Promise<boolean> {
  return backfillOnce(driver, 'nameKeys', [BACKFILL_NAME_KEYS], database)
}

/** The entities whose `nameKeys` are not their name and aliases lowered (the tests: none). */
export const NAME_KEY_DIFFERENCES = `
MATCH (e:Entity) WHERE e.nameKeys IS NULL OR e.nameKeys <> ${NAME_KEYS('e.name', 'e.aliases')}
RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.nameKeys AS nameKeys ORDER BY id LIMIT 20`

export async function nameKeyDifferences(driver: Driver, database?: string): Promise<Record<string, unknown>[]> {
  return (await driver.executeQuery(NAME_KEY_DIFFERENCES, {}, { database })).records.map((r) => r.toObject())
}
