// The graph connection the command-line tools share.
import type { Driver } from 'neo4j-driver'
import { loadConfig } from '../config.ts'
import { connect } from '../graph/driver.ts'
import { migrate } from '../graph/migrate.ts'

/** Connects and migrates; one sentence naming the URI when Neo4j cannot be reached. */
export async function openGraph(): Promise<{ driver: Driver; database: string }> {
  const config = loadConfig()
  let driver: Driver
  try {
    driver = await connect(config)
  } catch (e) {
    const hint = config.neo4jLocal ? ' Start the local instance with `npm run neo4j:start`, or set NEO4J_URI.' : ''
    throw new Error(`${(e as Error).message}${hint}`, { cause: e })
  }
  try {
    await migrate(driver, { database: config.neo4jDatabase })
  } catch (e) {
    await driver.close()
    throw e
  }
  return { driver, database: config.neo4jDatabase }
}

/** Runs `work` on a connected, migrated graph and closes the connection after it. */
export async function withGraph<T>(work: (driver: Driver, database: string) => Promise<T>): Promise<T> {
  const { driver, database } = await openGraph()
  try {
    return await work(driver, database)
  } finally {
    await driver.close()
  }
}
