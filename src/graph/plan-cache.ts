// Neo4j plans a statement once and keeps the plan in its query cache, keyed on the text; but while a
// bulk ingest grows the graph its statistics keep moving, and a cached plan whose statistics moved
// enough is planned again (at most every dbms.cypher.min_replan_interval: 10 s by default, 60 s in the
// launcher's neo4j.conf). The write statements are large (CREATE_FACTS, MOVE_FACTS, the aggregates':
// 0.3-1.3 s of server CPU each to plan, ~8 s for all of them; `scripts/bench-plan-cost.ts`), and their
// plans do not depend on the statistics: every node they start from is sought by a unique id or a key
// (index seeks), and `bench-plan-cost` finds each plan the same on an empty graph and after an ingest.
// So the write path asks Neo4j to keep a plan it has (`CYPHER replan=skip`): each statement is planned
// once per server (and again only when the cache evicts it or the schema changes), not every minute.
import type { ManagedTransaction } from 'neo4j-driver'

export const KEEP_PLAN = 'CYPHER replan=skip '

/** `tx` with each statement it runs prefixed with KEEP_PLAN. */
export function keptPlans(tx: ManagedTransaction): ManagedTransaction {
  const run = tx.run.bind(tx)
  const wrapped = Object.create(tx) as ManagedTransaction
  wrapped.run = ((query: string, params?: Record<string, unknown>) => run(KEEP_PLAN + query, params)) as ManagedTransaction['run']
  return wrapped
}
