// The Neo4j driver of the process, made from the settings in src/config.ts.
// `connect` also checks that Neo4j answers, so a wrong or unreachable NEO4J_URI fails at once with
// one sentence naming the URI instead of a stack trace on the first query.
import neo4j, { type AuthToken, type Driver } from 'neo4j-driver'
import type { Config } from '../config.ts'

export type Neo4jSettings = Pick<Config, 'neo4jUri' | 'neo4jUser' | 'neo4jPassword' | 'neo4jDatabase'>

/** how long to wait for one connection, and for the whole connectivity check */
export const CONNECTION_TIMEOUT_MS = 5_000
export const CONNECT_DEADLINE_MS = 8_000

/** An instance without authentication (the local one) gets scheme none; the driver's typings lack auth.none(). */
const NO_AUTH: AuthToken = { scheme: 'none', principal: '', credentials: '' }

/** A driver for the configured Neo4j: basic auth when NEO4J_PASSWORD is set, none otherwise. */
export function createDriver(settings: Neo4jSettings): Driver {
  const auth = settings.neo4jPassword ? neo4j.auth.basic(settings.neo4jUser, settings.neo4jPassword) : NO_AUTH
  return neo4j.driver(settings.neo4jUri, auth, {
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    connectionAcquisitionTimeout: CONNECT_DEADLINE_MS,
    maxTransactionRetryTime: 15_000,
    userAgent: 'newsgraph/0.1',
  })
}

function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  // the driver explains refused connections at length; the cause it names is the useful part
  const cause = /Caused by: (.*)/.exec(message)?.[1] ?? message
  return cause.split('\n')[0].trim().replace(/\.$/, '')
}

/**
 * A driver that has shown Neo4j answers on the configured database. Throws an Error whose message
 * is one sentence, `Cannot reach Neo4j at <uri>: <reason>.`, within CONNECT_DEADLINE_MS.
 */
export async function connect(settings: Neo4jSettings): Promise<Driver> {
  const fail = (err: unknown) => new Error(`Cannot reach Neo4j at ${settings.neo4jUri}: ${reason(err)}.`, { cause: err })
  let driver: Driver
  try {
    driver = createDriver(settings)
  } catch (err) {
    throw fail(err) // a malformed URI
  }
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_DEADLINE_MS / 1000} s`)), CONNECT_DEADLINE_MS)
  })
  try {
    await Promise.race([driver.verifyConnectivity({ database: settings.neo4jDatabase }), deadline])
    return driver
  } catch (err) {
    void driver.close().catch(() => {}) // not awaited: closing may wait on the hung handshake
    throw fail(err)
  } finally {
    clearTimeout(timer)
  }
}
