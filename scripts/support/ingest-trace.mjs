// An event timeline of an ingest process, for any checkout (it patches the driver and the worker class, not our code):
//   INGEST_TRACE=FILE npx tsx scripts/bench-ingest.ts ... --node-arg=--import=$PWD/scripts/support/ingest-trace.mjs [--tree DIR]
// writes, when the (last) ingest process exits, one JSON line per event: extraction task sent to the worker and its
// reply (with the worker's own ms), write transaction (executeWrite) start, attempt, work done and end (commit
// included), each statement's run and its awaited or streamed completion, driver.executeQuery. `t` is ms since
// the process started; the first event's `origin` (performance.timeOrigin) places them on the wall clock, to line
// them up with per-thread CPU read from /proc (docs/performance.md, "Where the wall time goes").
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import wt from 'node:worker_threads'
const FILE = process.env.INGEST_TRACE
if (FILE && wt.isMainThread) {
  const ev = []
  const now = () => Math.round(performance.now() * 10) / 10
  const log = (k, x = {}) => ev.push({ t: now(), k, ...x })
  process.on('exit', () => writeFileSync(FILE, ev.map((e) => JSON.stringify(e)).join('\n') + '\n'))
  const require = createRequire(process.cwd() + '/')
  const neo4j = require('neo4j-driver')
  const name = (q) => q.trim().replace(/\s+/g, ' ').slice(0, 60)
  let txn = 0
  const wrapTx = (tx, id) => {
    const run = tx.run.bind(tx)
    const w = Object.create(tx)
    w.run = (q, p) => {
      const n = name(q)
      log('run', { tx: id, q: n })
      const r = run(q, p)
      const then = r.then.bind(r)
      // the awaited result: completed when the records and summary are in
      r.then = (a, b) => then((v) => (log('run-done', { tx: id, q: n, recs: v?.records?.length }), a ? a(v) : v), b)
      const sub = r.subscribe.bind(r)
      r.subscribe = (o) => sub({ ...o, onCompleted: (x) => (log('run-done', { tx: id, q: n, sub: true }), o.onCompleted?.(x)), onError: (x) => (log('run-done', { tx: id, q: n, err: true }), o.onError?.(x)) })
      return r
    }
    return w
  }
  const ew = neo4j.Session.prototype.executeWrite
  neo4j.Session.prototype.executeWrite = function (work, cfg) {
    const id = ++txn
    log('tx-start', { tx: id })
    let attempt = 0
    return ew.call(this, (tx) => { attempt++; log('tx-attempt', { tx: id, attempt }); return Promise.resolve(work(wrapTx(tx, id))).then((v) => (log('tx-work-done', { tx: id }), v)) }, cfg)
      .then((v) => (log('tx-end', { tx: id }), v), (e) => (log('tx-fail', { tx: id, e: String(e).slice(0, 100) }), Promise.reject(e)))
  }
  const eq = neo4j.Driver.prototype.executeQuery
  neo4j.Driver.prototype.executeQuery = function (q, ...rest) {
    const n = name(typeof q === 'string' ? q : q.text)
    log('eq', { q: n })
    return eq.call(this, q, ...rest).then((v) => (log('eq-done', { q: n }), v))
  }
  const pm = wt.Worker.prototype.postMessage
  wt.Worker.prototype.postMessage = function (m, ...rest) {
    log('task', { id: m?.id })
    if (!this.__traced) {
      this.__traced = true
      this.on('message', (r) => log('reply', { id: r?.id, ms: r?.ms, n: r?.outcomes?.length }))
    }
    return pm.call(this, m, ...rest)
  }
  log('trace-start', { origin: performance.timeOrigin })
}
