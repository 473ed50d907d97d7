// What integration tests need of Neo4j: the settings of the instance test/global-setup.ts chose,
// a connected driver, and a way to start from an empty (and migrated) database.
//
//   let driver: Driver
//   beforeAll(async () => { driver = await openTestDriver() })
//   beforeEach(() => resetDatabase(driver))      // empty graph + schema
//   afterAll(() => driver.close())
import { inject } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { loadConfig, type Config } from '../../src/config.ts'
import { connect } from '../../src/graph/driver.ts'
import { migrate } from '../../src/graph/migrate.ts'

/** Deletes every node and relationship, in batches so a big test graph does not need one huge transaction. */
export const CLEAR_DATABASE = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS'

/** The configuration the code under test should get: the environment, with the test instance's URI. */
export function testConfig(): Config {
  return loadConfig({ ...process.env, NEO4J_URI: inject('neo4jUri') })
}

/** A driver connected to the test instance (close it in afterAll). */
export function openTestDriver(): Promise<Driver> {
  return connect(testConfig())
}

/** Deletes all data (not the schema) of the test database. */
export async function clearDatabase(driver: Driver, database = testConfig().neo4jDatabase): Promise<void> {
  // CALL { } IN TRANSACTIONS needs an auto-commit transaction, which session.run gives
  const session = driver.session({ database })
  try {
    await session.run(CLEAR_DATABASE)
  } finally {
    await session.close()
  }
}

/** An empty database with the project's constraints and indexes in place. */
export async function resetDatabase(driver: Driver, database = testConfig().neo4jDatabase): Promise<void> {
  await clearDatabase(driver, database)
  await migrate(driver, { database })
}
