// The full-text index of entity names that search and the lookups by phrase ask (read.ts SEARCH,
// read-fragments.ts BY_NAME), and its compaction.
//
// Why compact: Neo4j writes a full-text index as Lucene segments, a new small one with each commit,
// merged in pairs of like size (LogByteSizeMergePolicy, merge factor 2). After a bulk ingest the index
// is several segments (5-7 at 100,000 articles), and a fuzzy term walks the dictionary of every segment
// for every field: a search cost Neo4j ~1.8 ms where the same query on a freshly built copy cost ~1.15
// (docs/scale.md). Neo4j Community has no call to merge an index down, so a compaction builds a fresh
// copy beside the index in use and drops the old one once the copy is online. Neo4j refuses a second
// full-text index of the same properties, so the two names alternate between [name, aliases] and
// [aliases, name] (the same fields; Lucene's query over both scores alike in either order).
//
// Who asks which: every process learns the index in use when it migrates (ensureSearchIndex); the
// queries take its name as a parameter (`searchIndex`, never spliced), and a read that finds the
// index gone (a compaction by another process dropped it) learns the new name and runs again once
// (read-executor.ts).
import type { Driver } from 'neo4j-driver'

/** the two names the index alternates between, each with its properties in its own order */
export const SEARCH_INDEXES = [
  { name: 'entityNames', properties: ['name', 'aliases'] },
  { name: 'entityNamesB', properties: ['aliases', 'name'] },
] as const
export type SearchIndexName = (typeof SEARCH_INDEXES)[number]['name']
const NAMES: SearchIndexName[] = SEARCH_INDEXES.map((i) => i.name)

/** the index name this process asks; set when it migrates or finds the index gone */
let current: SearchIndexName = 'entityNames'

/** the name of the index of entity names in use, as the queries take it ($searchIndex) */
export const searchIndexName = (): SearchIndexName => current

// The names are the two constants above: nothing from a user reaches this text.
const createIndex = (i: (typeof SEARCH_INDEXES)[number]) =>
  `CREATE FULLTEXT INDEX ${i.name} IF NOT EXISTS FOR (n:Entity) ON EACH [${i.properties.map((p) => `n.${p}`).join(', ')}]`
const dropIndex = (name: SearchIndexName) => `DROP INDEX ${name} IF EXISTS`

const SHOW = `SHOW FULLTEXT INDEXES YIELD name, state WHERE name IN $names RETURN name, state`
const AWAIT = 'CALL db.awaitIndex($name, $timeoutSeconds)'
const SAME_PROPERTIES = `SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties WHERE labelsOrTypes = ['Entity'] AND properties = $properties RETURN name`

/**
 * The compaction record: how many entities the index held when it was last built, and a lease, so that
 * two processes never compact at once (the second sees the lease and leaves it; a lease older than
 * LEASE_MINUTES is a process that died while compacting). The write lock is taken before the lease is
 * read (migration_key makes the MERGE one node), so two takers see each other.
 */
const LEASE_MINUTES = 60
const TAKE_LEASE = `
MERGE (m:Migration {key: 'searchIndex'})
SET m._lock = true REMOVE m._lock
WITH m WHERE m.compacting IS NULL OR m.compacting < datetime() - duration({minutes: $leaseMinutes})
SET m.compacting = datetime(), m.lease = $token
RETURN m.lease AS lease`
const END_LEASE = `
MATCH (m:Migration {key: 'searchIndex'}) WHERE m.lease = $token
SET m.compacting = null, m.lease = null, m.entities = coalesce($entities, m.entities), m.at = CASE WHEN $entities IS NULL THEN m.at ELSE datetime() END`
const ENTITIES = 'MATCH (e:Entity) RETURN count(e) AS entities'
const GROWTH = `
OPTIONAL MATCH (m:Migration {key: 'searchIndex'})
CALL () { ${ENTITIES} }
RETURN entities, m.entities AS built`

/** the states of the index's names that exist (ONLINE, POPULATING, FAILED) */
async function states(driver: Driver, database?: string): Promise<Map<SearchIndexName, string>> {
  const { records } = await driver.executeQuery(SHOW, { names: NAMES }, { database })
  return new Map(records.map((r) => [r.get('name') as SearchIndexName, r.get('state') as string]))
}

/** the name to ask among those that exist: an online one, entityNames when both are */
function pick(found: Map<SearchIndexName, string>): SearchIndexName | null {
  return NAMES.find((n) => found.get(n) === 'ONLINE') ?? null
}

/** Learns which index is in use (after a compaction elsewhere); returns its name, or null when none is online. */
export async function refreshSearchIndex(driver: Driver, database?: string): Promise<SearchIndexName | null> {
  const name = pick(await states(driver, database))
  if (name) current = name
  return name
}

/**
 * Makes sure one index of entity names exists (migrate.ts): entityNames when neither name does, nothing
 * when either does (so that a start after a compaction does not build the other one again), and learns
 * its name. Does not wait for it to come online (the migration waits for every index).
 */
export async function ensureSearchIndex(driver: Driver, database?: string): Promise<void> {
  const found = await states(driver, database)
  if (found.size === 0) {
    await driver.executeQuery(createIndex(SEARCH_INDEXES[0]), {}, { database })
    current = SEARCH_INDEXES[0].name
    return
  }
  current = pick(found) ?? [...found.keys()][0]
}

/** whether `err` is Neo4j saying the full-text index asked for does not exist */
export function isNoSuchSearchIndex(err: unknown): boolean {
  const message = err instanceof Error ? err.message : ''
  return /no such fulltext schema index/i.test(message) && NAMES.some((n) => message.includes(n))
}

export interface CompactResult {
  /** the index dropped and the one built, or null when another process held the lease */
  from: SearchIndexName | null
  to: SearchIndexName | null
  entities: number
  ms: number
  skipped?: string
}

/**
 * Builds the index of entity names afresh, in one piece, beside the one in use, and drops the old one
 * once the new one is online: searches keep being answered throughout (by the old index, then the new).
 * Writes made meanwhile reach both (Neo4j populates a new index while transactions go on). A copy left
 * by a compaction that died is dropped first. Skipped while another process compacts.
 */
export async function compactSearchIndex(driver: Driver, opts: { database?: string; timeoutSeconds?: number } = {}): Promise<CompactResult> {
  const { database } = opts
  const t0 = Date.now()
  const token = `${process.pid}-${t0}-${Math.random().toString(36).slice(2)}`
  const lease = await driver.executeQuery(TAKE_LEASE, { token, leaseMinutes: LEASE_MINUTES }, { database })
  if (lease.records.length === 0) return { from: null, to: null, entities: 0, ms: Date.now() - t0, skipped: 'another process is compacting the search index' }
  let entities: number | null = null
  try {
    let found = await states(driver, database)
    // a copy left half done (not online), or both online after a compaction died between its two steps
    for (const [name, state] of found) if (state !== 'ONLINE') await driver.executeQuery(dropIndex(name), {}, { database })
    found = await states(driver, database)
    if (found.size === 2) await driver.executeQuery(dropIndex(SEARCH_INDEXES[1].name), {}, { database })
    const from = pick(await states(driver, database))
    const next = SEARCH_INDEXES.find((i) => i.name !== (from ?? SEARCH_INDEXES[1].name))!
    const counted = await driver.executeQuery(ENTITIES, {}, { database })
    await driver.executeQuery(createIndex(next), {}, { database })
    // IF NOT EXISTS makes nothing when an index of the same properties exists under another name
    const same = await driver.executeQuery(SAME_PROPERTIES, { properties: next.properties }, { database })
    const names = same.records.map((r) => r.get('name') as string)
    if (!names.includes(next.name)) {
      throw new Error(`the search index cannot be rebuilt as ${next.name}: the full-text index ${names.join(', ')} has its properties (${next.properties.join(', ')}); drop it`)
    }
    try {
      await driver.executeQuery(AWAIT, { name: next.name, timeoutSeconds: opts.timeoutSeconds ?? 3600 }, { database })
    } catch (err) {
      // the old index stays in use; the copy is dropped so that the next compaction starts clean
      await driver.executeQuery(dropIndex(next.name), {}, { database }).catch(() => undefined)
      throw new Error(`the new search index ${next.name} did not come online: ${(err as Error).message}`, { cause: err })
    }
    current = next.name
    if (from) await driver.executeQuery(dropIndex(from), {}, { database })
    entities = Number(counted.records[0].get('entities'))
    return { from, to: next.name, entities, ms: Date.now() - t0 }
  } finally {
    await driver.executeQuery(END_LEASE, { token, entities }, { database }).catch(() => undefined)
  }
}

/** compact once the entities have grown by this factor since the index was last built */
export const COMPACT_GROWTH = 1.25
/** ... and only an index of at least this many entities (a small one is cheap to search in any shape) */
export const COMPACT_MIN_ENTITIES = 20_000

/**
 * Compacts when the graph holds COMPACT_GROWTH times the entities it held when the index was last built
 * (or the index was never compacted), and at least `minEntities`: what an ingest calls when it ends, so
 * that a bulk ingest leaves search as cheap as a fresh index, at the cost of a rebuild now and then
 * (each one ~20 s at 100,000 articles; growth by a quarter each time, so their cost stays a fixed share
 * of the ingest). Returns null when not due.
 */
export async function compactSearchIndexIfGrown(
  driver: Driver,
  opts: { database?: string; minEntities?: number; growth?: number } = {},
): Promise<CompactResult | null> {
  const { records } = await driver.executeQuery(GROWTH, {}, { database: opts.database })
  const entities = Number(records[0].get('entities'))
  const built = records[0].get('built') as number | null
  if (entities < (opts.minEntities ?? COMPACT_MIN_ENTITIES)) return null
  if (built !== null && built !== undefined && entities < Number(built) * (opts.growth ?? COMPACT_GROWTH)) return null
  return compactSearchIndex(driver, { database: opts.database })
}
