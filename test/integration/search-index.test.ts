// The index of entity names rebuilt in one piece (src/graph/search-index.ts) on the real Neo4j: the
// same answers before and after, every entity written during the rebuild found in the new index (a
// recount from the nodes), a reader whose index was dropped by another process answering anyway, one
// rebuild at a time, and a migration that leaves the rebuilt index as it is.
import type { Driver } from 'neo4j-driver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decide } from '../../src/graph/curation.ts'
import { migrate } from '../../src/graph/migrate.ts'
import { MAX_EXACT_CHARS } from '../../src/graph/name-keys.ts'
import { ENTITIES_BY_NAME, SEARCH, createReadExecutor, entityLookup, fuzzyLuceneQuery, searchParams } from '../../src/graph/read.ts'
import { SEARCH_INDEXES, compactSearchIndex, compactSearchIndexIfGrown, searchIndexName } from '../../src/graph/search-index.ts'
import { openTestDriver, resetDatabase, testConfig } from '../support/neo4j.ts'

const SHOW = "SHOW FULLTEXT INDEXES YIELD name, state, properties WHERE name STARTS WITH 'entityNames' RETURN name, state, properties ORDER BY name"

describe('the search index rebuilt in one piece', () => {
  let driver: Driver
  const database = testConfig().neo4jDatabase
  const run = (q: string, p: Record<string, unknown> = {}) => driver.executeQuery(q, p, { database })
  const indexes = async () => (await run(SHOW)).records.map((r) => r.toObject())
  const db = () => createReadExecutor(driver, { database, timeoutMs: 10_000 })
  const search = async (q: string) => (await db().run(SEARCH, searchParams(fuzzyLuceneQuery(q)!, 10))).map((r) => (r.entity as { id: string }).id)
  /** how many entities the index in use finds by the word all the test's entities share, against the nodes */
  const recount = async () => {
    const found = await run(`CALL db.index.fulltext.queryNodes($index, 'valdane', {limit: 100000}) YIELD node RETURN count(node) AS n`, { index: searchIndexName() })
    const nodes = await run(`MATCH (e:Entity) WHERE e.name ENDS WITH 'Valdane' OR any(a IN e.aliases WHERE a ENDS WITH 'Valdane') RETURN count(e) AS n`)
    return { found: Number(found.records[0].get('n')), nodes: Number(nodes.records[0].get('n')) }
  }
  const addPeople = (from: number, n: number) =>
    run(
      `UNWIND range($from, $from + $n - 1) AS i
       CREATE (:Entity:Person {id: 'person:valdane-' + i, type: 'Person', name: 'Person' + i + ' Valdane', aliases: ['Dr Valdane ' + i]})`,
      { from, n },
    )

  beforeAll(async () => {
    driver = await openTestDriver()
    await resetDatabase(driver)
    await run(
      `CREATE (:Entity:Person {id: 'person:selma-valdane', type: 'Person', name: 'Selma Valdane', aliases: ['S. Valdane', 'Minister Valdane'], articleCount: 5}),
              (:Entity:Organisation {id: 'organisation:orvane-trust', type: 'Organisation', name: 'Orvane Trust', aliases: ['the Trust']})`,
    )
  })
  afterAll(async () => {
    // the next file finds the index under its first name, as a fresh database has it
    if (searchIndexName() !== SEARCH_INDEXES[0].name) await compactSearchIndex(driver, { database })
    await driver?.close()
  })

  it('answers the same searches and lookups after the rebuild, under the other name, with the old index gone', async () => {
    const before = { typo: await search('Selma Valdnae'), alias: await search('Minister'), org: await search('orvane') }
    expect(before.typo).toEqual(['person:selma-valdane'])
    expect(before.org).toEqual(['organisation:orvane-trust'])
    expect((await indexes()).map((i) => i.name)).toEqual(['entityNames'])

    const c = await compactSearchIndex(driver, { database })
    expect(c).toMatchObject({ from: 'entityNames', to: 'entityNamesB', entities: 2 })
    expect(await indexes()).toEqual([{ name: 'entityNamesB', state: 'ONLINE', properties: ['aliases', 'name'] }])
    expect(searchIndexName()).toBe('entityNamesB')
    expect({ typo: await search('Selma Valdnae'), alias: await search('Minister'), org: await search('orvane') }).toEqual(before)
    // a lookup by phrase (BY_NAME without a keyword query) asks the new index too
    const lookups = [{ ...entityLookup('S. Valdane'), exact: null }]
    const rows = await db().run(ENTITIES_BY_NAME, { lookups })
    expect((rows[0].entity as { id: string }).id).toBe('person:selma-valdane')

    // a migration (every start of the server or an ingest) leaves the rebuilt index as it is
    await migrate(driver, { database })
    expect((await indexes()).map((i) => i.name)).toEqual(['entityNamesB'])
  })

  /** what a compaction in another process does: this process still names the index it dropped */
  const swapBehindOurBack = async () => {
    const stale = searchIndexName()
    const other = SEARCH_INDEXES.find((i) => i.name !== stale)!
    await run(`CREATE FULLTEXT INDEX ${other.name} FOR (n:Entity) ON EACH [${other.properties.map((p) => `n.${p}`).join(', ')}]`)
    await run('CALL db.awaitIndex($name, 60)', { name: other.name })
    await run(`DROP INDEX ${stale}`)
    return { stale, other }
  }

  it('answers a reader whose index another process dropped: it learns the new name and asks again', async () => {
    const { stale, other } = await swapBehindOurBack()
    const params = searchParams(fuzzyLuceneQuery('Selma Valdane')!, 10)
    expect(params.searchIndex).toBe(stale)
    const rows = await db().run(SEARCH, params)
    expect(rows.map((r) => (r.entity as { id: string }).id)).toEqual(['person:selma-valdane'])
    expect(searchIndexName()).toBe(other.name)
    // and a lookup whose name travels inside a map
    const ref = { ...entityLookup('Minister Valdane'), exact: null, searchIndex: stale }
    const byName = await db().run(ENTITIES_BY_NAME, { lookups: [ref] })
    expect((byName[0].entity as { id: string }).id).toBe('person:selma-valdane')

    // a curation decision naming an entity by a name too long for the keyword index asks the phrase of it
    await swapBehindOurBack()
    const long = 'Selma ' + 'Valdane '.repeat(Math.ceil(MAX_EXACT_CHARS / 8))
    await expect(decide(driver, { kind: 'merge', a: long, b: 'S. Valdane' }, { database })).rejects.toThrow(/no entity is named/)
  })

  it('loses no entity written while it rebuilds (the index against a recount of the nodes), and rebuilds one at a time', async () => {
    await addPeople(0, 500)
    const rebuilds = Promise.all([compactSearchIndex(driver, { database }), compactSearchIndex(driver, { database })])
    // writers go on during the rebuild, in transactions of their own
    for (let i = 0; i < 10; i++) await addPeople(1000 + i * 50, 50)
    const [a, b] = await rebuilds
    expect([a.skipped, b.skipped].filter(Boolean)).toEqual(['another process is compacting the search index'])
    expect((await indexes()).map((i) => i.state)).toEqual(['ONLINE'])
    const n = await recount()
    expect(n.nodes).toBe(1 + 500 + 500)
    expect(n.found).toBe(n.nodes)
  })

  it('says which index is in the way when one of the same properties exists under another name, and keeps the old one', async () => {
    const inUse = searchIndexName()
    const other = SEARCH_INDEXES.find((i) => i.name !== inUse)!
    await run(`CREATE FULLTEXT INDEX someonesCopy FOR (n:Entity) ON EACH [${other.properties.map((p) => `n.${p}`).join(', ')}]`)
    try {
      await expect(compactSearchIndex(driver, { database })).rejects.toThrow(`the full-text index someonesCopy has its properties (${other.properties.join(', ')}); drop it`)
      expect((await indexes()).map((i) => i.name)).toEqual([inUse])
      expect(await search('Selma Valdane')).toContain('person:selma-valdane')
    } finally {
      await run('DROP INDEX someonesCopy')
    }
  })

  it('rebuilds after an ingest only once the entities have grown by a quarter', async () => {
    // a rebuild with no writer about: it records the count it began with (the one above began while writers went on)
    expect((await compactSearchIndex(driver, { database })).to).toBeTruthy()
    const built = Number((await run("MATCH (m:Migration {key: 'searchIndex'}) RETURN m.entities AS n")).records[0].get('n'))
    const entities = Number((await run('MATCH (e:Entity) RETURN count(e) AS n')).records[0].get('n'))
    expect(built).toBe(entities)
    expect(await compactSearchIndexIfGrown(driver, { database, minEntities: 1 })).toBeNull()
    // below the size worth rebuilding: nothing, however much it grew
    await addPeople(5000, Math.ceil(built * 0.3))
    expect(await compactSearchIndexIfGrown(driver, { database, minEntities: entities * 10 })).toBeNull()
    const c = await compactSearchIndexIfGrown(driver, { database, minEntities: 1 })
    expect(c?.to).toBeTruthy()
    expect(c?.entities).toBe(entities + Math.ceil(built * 0.3))
    const n = await recount()
    expect(n.found).toBe(n.nodes)
  })
})
