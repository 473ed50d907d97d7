// Preload for the ingest command (node --import, set by scripts/bench-write-cost.ts): counts every Cypher
// statement the process runs in a transaction: calls, rows sent (its first list parameter), Neo4j's update
// counters, the parameters' JSON bytes, the records returned and, with STATEMENT_COUNTER_PROFILE=1, the db hits of its PROFILE (each statement is run under
// PROFILE: what it does is unchanged). Written as JSON to $STATEMENT_COUNTER_OUT when the process exits,
// keyed by the statement's first 90 characters. Plain JavaScript outside src/ so that it can count any
// checkout's ingest (bench-write-cost --tree), through that checkout's own driver.
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'

if (isMainThread && process.env.STATEMENT_COUNTER_OUT) {
  // the driver the checkout's ingest loads (CommonJS): the one in the working directory's node_modules
  const loaded = createRequire(join(process.cwd(), 'package.json'))('neo4j-driver-core/lib/transaction.js')
  const Transaction = loaded.default ?? loaded
  const profile = process.env.STATEMENT_COUNTER_PROFILE === '1'
  // statements PROFILE cannot prefix: schema commands, procedures' admin calls, CALL IN TRANSACTIONS
  const unprofiled = /^\s*(EXPLAIN|PROFILE|CREATE (CONSTRAINT|INDEX|RANGE|FULLTEXT)|DROP |SHOW |CALL db\.|CALL dbms\.)|IN TRANSACTIONS/i
  const dbHits = (p) => (p ? Number(p.dbHits ?? 0) + (p.children ?? []).reduce((n, c) => n + dbHits(c), 0) : 0)
  const stats = new Map()
  // STATEMENT_COUNTER_PLANS=FILE (with PROFILE): each statement's operators, their db hits and rows summed over its calls
  const plansFile = process.env.STATEMENT_COUNTER_PLANS
  const plans = new Map()
  const addPlan = (ops, p, depth) => {
    if (!p) return
    const line = `${'  '.repeat(depth)}${p.operatorType} ${String(p.arguments?.Details ?? '').replace(/\s+/g, ' ').slice(0, 160)}`
    const o = ops.get(line) ?? ops.set(line, { dbHits: 0, rows: 0 }).get(line)
    o.dbHits += Number(p.dbHits ?? 0)
    o.rows += Number(p.rows ?? 0)
    for (const c of p.children ?? []) addPlan(ops, c, depth + 1)
  }
  // STATEMENT_COUNTER_TEXTS=FILE: every distinct query text sent, whole, with its calls (JSON): a text that
  // varies between calls is planned anew for each variant (Neo4j's plan cache is keyed on the text)
  const textsFile = process.env.STATEMENT_COUNTER_TEXTS
  const texts = new Map()
  const run = Transaction.prototype.run
  Transaction.prototype.run = function (query, parameters, rules) {
    const text = typeof query === 'string' ? query : query.text
    const key = text.trim().replace(/\s+/g, ' ').slice(0, 90)
    if (textsFile) texts.set(text, (texts.get(text) ?? 0) + 1)
    // PROFILE goes after any query options (`CYPHER replan=skip ...`, src/graph/plan-cache.ts)
    const sent = profile && typeof query === 'string' && !unprofiled.test(text) ? query.replace(/^(\s*CYPHER(\s+\w+=\w+)+\s+)?/i, '$1PROFILE ') : query
    // the parameters' size as JSON (a proxy for the Bolt bytes sent; the driver's PackStream is more compact)
    let bytes = 0
    try {
      bytes = parameters ? Buffer.byteLength(JSON.stringify(parameters, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) : 0
    } catch {
      bytes = 0
    }
    const result = run.call(this, sent, parameters, rules)
    result.then(
      (r) => {
        const e = stats.get(key) ?? stats.set(key, { calls: 0, rows: 0, dbHits: 0, paramBytes: 0, records: 0, updates: {} }).get(key)
        e.calls++
        const list = parameters ? Object.values(parameters).find(Array.isArray) : undefined
        e.rows += list ? list.length : 0
        e.dbHits += dbHits(r.summary.profile)
        e.paramBytes += bytes
        e.records += r.records.length
        if (plansFile && r.summary.profile) addPlan(plans.get(key) ?? plans.set(key, new Map()).get(key), r.summary.profile, 0)
        for (const [n, x] of Object.entries(r.summary.counters.updates())) if (x) e.updates[n] = (e.updates[n] ?? 0) + x
      },
      () => {},
    )
    return result
  }
  process.on('exit', () => {
    writeFileSync(process.env.STATEMENT_COUNTER_OUT, JSON.stringify(Object.fromEntries(stats), null, 1))
    if (textsFile) writeFileSync(textsFile, JSON.stringify([...texts].map(([text, calls]) => ({ calls, text })), null, 1))
    if (plansFile) {
      const text = [...plans].map(([key, ops]) => `== ${key}\n` + [...ops].map(([line, o]) => `${String(o.dbHits).padStart(10)} ${String(o.rows).padStart(8)}  ${line}`).join('\n')).join('\n\n')
      writeFileSync(plansFile, text + '\n')
    }
  })
}
