// Where a bulk ingest spends its write time (bench:ingest): NEWSGRAPH_WRITE_PROFILE=1 sums the write
// transactions' time per stage (write.ts laps), =2 adds each Cypher statement's server time, calls,
// rows and updates; both printed to stderr when the process exits. Off, each costs a null check.
import type { ManagedTransaction } from 'neo4j-driver'
import * as aggregatesModule from './aggregates.ts'
import * as checksModule from './checks.ts'
import * as deferredModule from './deferred.ts'
import * as groupLocksModule from './group-locks.ts'
import * as locksModule from './locks.ts'
import * as removeModule from './remove.ts'
import * as movesModule from './moves.ts'
import * as planModule from './plan.ts'
import * as resolveModule from './resolve.ts'

/**
 * NEWSGRAPH_WRITE_PROFILE=1 (or 2, below): the write transactions' time per stage, summed over the
 * process and printed to stderr when it exits (where a bulk ingest spends its write time; bench:ingest).
 */
const PROFILE = ['1', '2'].includes(process.env.NEWSGRAPH_WRITE_PROFILE ?? '') ? new Map<string, number>() : null
if (PROFILE) {
  process.on('exit', () => {
    const total = [...PROFILE.values()].reduce((a, b) => a + b, 0)
    const parts = [...PROFILE].sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} s (${Math.round((100 * ms) / total)}%)`)
    process.stderr.write(`write profile: ${(total / 1000).toFixed(2)} s: ${parts.join(', ')}\n`)
  })
}
/** A stopwatch of stages: `lap(name)` adds the time since the last lap to `name`. */
export function stopwatch(): (name: string) => void {
  let t = performance.now()
  return (name) => {
    if (!PROFILE) return
    const now = performance.now()
    PROFILE.set(name, (PROFILE.get(name) ?? 0) + now - t)
    t = now
  }
}

/**
 * NEWSGRAPH_WRITE_PROFILE=2: also each statement's server time (resultAvailableAfter +
 * resultConsumedAfter), calls, rows sent and what it wrote, printed at exit (by statement name).
 */
const STATEMENTS = process.env.NEWSGRAPH_WRITE_PROFILE === '2' ? new Map<string, { calls: number; ms: number; rows: number; updates: Record<string, number> }>() : null
if (STATEMENTS) {
  process.on('exit', () => {
    const list = [...STATEMENTS].sort((a, b) => b[1].ms - a[1].ms)
    for (const [k, v] of list) {
      const u = Object.entries(v.updates).filter(([, n]) => n).map(([n, x]) => `${n} ${x}`).join(', ')
      process.stderr.write(`statement ${k}: ${v.calls} calls, server ${(v.ms / 1000).toFixed(2)} s, ${v.rows} rows sent; ${u}\n`)
    }
  })
}
const statementNames = new Map<string, string>()
/** Names the statements of `mod` (its string constants, and arrays of them) in the NEWSGRAPH_WRITE_PROFILE=2 output. */
export function nameStatements(mod: Record<string, unknown>): void {
  if (!STATEMENTS) return
  for (const [k, v] of Object.entries(mod)) {
    if (typeof v === 'string') statementNames.set(v, k)
    else if (Array.isArray(v)) v.forEach((q, i) => typeof q === 'string' && statementNames.set(q, `${k}[${i}]`))
  }
}
for (const m of [aggregatesModule, checksModule, deferredModule, groupLocksModule, locksModule, movesModule, planModule, removeModule, resolveModule]) nameStatements(m)
export function profiled(tx: ManagedTransaction): ManagedTransaction {
  if (!STATEMENTS) return tx
  const run = tx.run.bind(tx)
  const wrapped = Object.create(tx) as ManagedTransaction
  wrapped.run = ((query: string, params?: Record<string, unknown>) => {
    const name = statementNames.get(query) ?? query.trim().slice(0, 40).replace(/\s+/g, ' ')
    const p = run(query, params)
    void p.then((res) => {
      const e = STATEMENTS.get(name) ?? STATEMENTS.set(name, { calls: 0, ms: 0, rows: 0, updates: {} }).get(name)!
      e.calls++
      e.ms += Number(res.summary.resultAvailableAfter) + Number(res.summary.resultConsumedAfter)
      const first = params ? Object.values(params).find(Array.isArray) : undefined
      e.rows += first ? (first as unknown[]).length : 0
      for (const [n, x] of Object.entries(res.summary.counters.updates())) e.updates[n] = (e.updates[n] ?? 0) + x
    }, () => {})
    return p
  }) as ManagedTransaction['run']
  return wrapped
}
