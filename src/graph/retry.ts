// Running a write transaction again when it lost a race to a concurrent writer (a unique id
// created first, or an entity deleted under it by an orphan cleanup), and telling those races from
// connection errors and from bad input.
import type { Driver, ManagedTransaction } from 'neo4j-driver'

/** Neo4j's answer when two transactions MERGE the same unique id at once: safe to run again. */
const CONSTRAINT_RACE = 'Neo.ClientError.Schema.ConstraintValidationFailed'

/**
 * Neo4j's answers when this transaction found an entity that a concurrent orphan cleanup then
 * deleted (it waited for that cleanup's lock, see LOCK_ENTITIES): safe to run again, since the
 * run again creates the entity anew. Neo4j gives them no code of their own, hence the messages.
 */
const DELETED_NODE_RACE = [/Failed to create relationship .* node .* is missing/s, /Unable to load NODE /]

function isWriteRace(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string }
  return code === CONSTRAINT_RACE || DELETED_NODE_RACE.some((re) => re.test(message ?? ''))
}

export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code
  return code === 'ServiceUnavailable' || code === 'SessionExpired'
}

export interface WriteOptions {
  database?: string
  /** attempts after a race between concurrent writers (isWriteRace; executeWrite itself retries transient errors) */
  raceRetries?: number
  /** a bulk ingest (ingestInputs): big name groups are resolved later (src/graph/deferred.ts) */
  bulk?: boolean
}

/** Runs `work` in one write transaction, running it again when it lost a race to a concurrent writer (isWriteRace). */
export async function writeWithRetries<T>(driver: Driver, opts: WriteOptions, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  const retries = opts.raceRetries ?? 5
  for (let attempt = 0; ; attempt++) {
    const session = driver.session({ database: opts.database, defaultAccessMode: 'WRITE' })
    try {
      return await session.executeWrite(work)
    } catch (err) {
      if (!isWriteRace(err) || attempt >= retries) throw err
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 50))
    } finally {
      await session.close()
    }
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err)
}
