// schema/graph.cypher applied to the real Neo4j: twice without error, with every constraint and
// index of the graph model in place and doing its job.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import neo4j, { type Driver } from 'neo4j-driver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../src/graph/migrate.ts'
import { exactNameLuceneQuery, nameKeyDifferences } from '../../src/graph/name-keys.ts'
import { clearDatabase, openTestDriver, testConfig } from '../support/neo4j.ts'

const SHOW_CONSTRAINTS = 'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties'
const SHOW_INDEXES = "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state WHERE type <> 'LOOKUP' RETURN name, type, entityType, labelsOrTypes, properties, state"
const FIND_BY_NAME = "CALL db.index.fulltext.queryNodes('entityNames', $query) YIELD node RETURN node.id AS id"
const FIND_EXACT = 'CALL db.index.fulltext.queryNodes($index, $query) YIELD node RETURN node.id AS id'

describe('migrate()', () => {
  let driver: Driver
  const database = () => testConfig().neo4jDatabase
  beforeAll(async () => {
    driver = await openTestDriver()
    await clearDatabase(driver)
  })
  afterAll(() => driver?.close())

  it('runs twice without error and creates the constraints and indexes of the graph model', async () => {
    // a database made by 0.1 had per-type copies of entity_id: migrating drops them
    await driver.executeQuery('CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE', {}, { database: database() })
    const first = await migrate(driver, { database: database() })
    const second = await migrate(driver, { database: database() })
    expect(second.statements).toBe(first.statements)
    expect(first.statements).toBeGreaterThanOrEqual(15)

    const constraints = (await driver.executeQuery(SHOW_CONSTRAINTS, {}, { database: database() })).records.map((r) => r.toObject())
    for (const label of ['Entity', 'Article', 'Quote']) {
      expect(constraints, label).toContainEqual(expect.objectContaining({ type: 'UNIQUENESS', labelsOrTypes: [label], properties: ['id'] }))
    }
    // the per-type copies of entity_id are gone: every typed entity is also an Entity
    expect(constraints.filter((c) => ['Person', 'Organisation', 'Country', 'Place'].includes((c.labelsOrTypes as string[])[0]))).toEqual([])

    const indexes = (await driver.executeQuery(SHOW_INDEXES, {}, { database: database() })).records.map((r) => r.toObject())
    const expected = [
      { name: 'entityNames', type: 'FULLTEXT', entityType: 'NODE', labelsOrTypes: ['Entity'], properties: ['name', 'aliases'] },
      // the lowered names and aliases of the lookups by name (src/graph/name-keys.ts)
      { name: 'entityLowerKeys', type: 'FULLTEXT', entityType: 'NODE', labelsOrTypes: ['Entity'], properties: ['nameKeys'] },
      { type: 'RANGE', entityType: 'NODE', labelsOrTypes: ['Article'], properties: ['url'] },
      { type: 'RANGE', entityType: 'RELATIONSHIP', labelsOrTypes: ['RELATED'], properties: ['articleId'] },
      { type: 'RANGE', entityType: 'RELATIONSHIP', labelsOrTypes: ['HOLDS_ROLE'], properties: ['articleId'] },
      // entity resolution (src/graph/resolve.ts): a name group's records, and its lock node
      { type: 'RANGE', entityType: 'RELATIONSHIP', labelsOrTypes: ['MENTIONS'], properties: ['group'] },
      { type: 'RANGE', entityType: 'NODE', labelsOrTypes: ['NameGroup'], properties: ['key'] },
      // an entity's pages newest first (src/graph/pages.ts)
      { name: 'mentions_page', type: 'RANGE', entityType: 'RELATIONSHIP', labelsOrTypes: ['MENTIONS'], properties: ['page'] },
      { name: 'said_page', type: 'RANGE', entityType: 'RELATIONSHIP', labelsOrTypes: ['SAID'], properties: ['page'] },
      { name: 'about_page', type: 'RANGE', entityType: 'RELATIONSHIP', labelsOrTypes: ['ABOUT'], properties: ['page'] },
      // a speaker's quotes about an entity newest first (pages.ts PAIR_PAGE_OF)
      { name: 'about_pair_page', type: 'RANGE', entityType: 'RELATIONSHIP', labelsOrTypes: ['ABOUT'], properties: ['pairPage'] },
    ]
    for (const index of expected) expect(indexes).toContainEqual(expect.objectContaining(index))
    // dropped: the keyword indexes of name and aliases as stored (asked for a regular expression before nameKeys)
    expect(indexes.filter((i) => ['entityNameKeys', 'entityAliasKeys'].includes(i.name as string))).toEqual([])
    // dropped: no read used the indexes of Article and Quote publishedAt, and every dated fact wrote to them
    expect(indexes.filter((i) => (i.properties as string[]).includes('publishedAt'))).toEqual([])
    // migrate() waits for the indexes, so all are usable straight away
    expect(indexes.filter((i) => i.state !== 'ONLINE')).toEqual([])
  })

  it('enforces unique ids and finds entities by any alias through the full-text index', async () => {
    await migrate(driver, { database: database() })
    await driver.executeQuery(
      "CREATE (:Entity:Person {id: 'person:mira-okonjo', name: 'Mira Okonjo', aliases: ['Ms Okonjo', 'Minister Okonjo']})",
      {},
      { database: database() },
    )
    await expect(
      driver.executeQuery("CREATE (:Entity:Person {id: 'person:mira-okonjo', name: 'Someone Else'})", {}, { database: database() }),
    ).rejects.toThrow(/already exists/)

    for (const query of ['okonjo', 'minister', 'Mira']) {
      const { records } = await driver.executeQuery(FIND_BY_NAME, { query }, { database: database() })
      expect(records.map((r) => r.get('id')), query).toEqual(['person:mira-okonjo'])
    }
    const { records } = await driver.executeQuery(FIND_BY_NAME, { query: 'nobody' }, { database: database() })
    expect(records).toEqual([])
    // the keyword index of the lowered keys: a whole name or a whole alias, in any case; not a word of one.
    // The node above was made without its keys, as a store written before them: migrate gives them once
    expect(await nameKeyDifferences(driver, database())).toHaveLength(1)
    await driver.executeQuery("MATCH (m:Migration {key: 'nameKeys'}) DELETE m", {}, { database: database() })
    await migrate(driver, { database: database() })
    expect(await nameKeyDifferences(driver, database())).toEqual([])
    for (const [name, found] of [
      ['MIRA OKONJO', true], ['minister okonjo', true], ['Okonjo', false], ['Ms Okonjo', true], ['Minister', false], ['mira', false],
    ] as const) {
      const exact = (await driver.executeQuery(FIND_EXACT, { index: 'entityLowerKeys', query: exactNameLuceneQuery(name, true) }, { database: database() })).records
      expect(exact.map((r) => r.get('id')), name).toEqual(found ? ['person:mira-okonjo'] : [])
    }
    const count = await driver.executeQuery('MATCH (n:Person) RETURN count(n) AS n', {}, { database: database() })
    expect(neo4j.integer.toNumber(count.records[0].get('n'))).toBe(1)
  })

  it('names the file and the statement when a statement fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsgraph-schema-'))
    const file = join(dir, 'broken.cypher')
    writeFileSync(file, 'CREATE INDEX ok_index IF NOT EXISTS FOR (n:Scratch) ON (n.x);\nCREATE NONSENSE;\n')
    try {
      await expect(migrate(driver, { database: database(), file })).rejects.toThrow(`${file}: statement 2 failed`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await driver.executeQuery('DROP INDEX ok_index IF EXISTS', {}, { database: database() })
    }
  })
})
