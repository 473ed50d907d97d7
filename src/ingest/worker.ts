// The extraction worker thread: receives inputs, posts back their prepared articles.
import { appendFileSync } from 'node:fs'
import { parentPort, threadId } from 'node:worker_threads'
import { extractInput, extractRecords } from './extract-step.ts'
import type { WorkerReply, WorkerTask } from './pool.ts'

const port = parentPort
if (!port) throw new Error('src/ingest/worker.ts runs as a worker thread (see pool.ts)')

/** NEWSGRAPH_MEM_PROBE=FILE (write-profile-count.ts): the worker's heap (no collection forced) every 20 tasks, one JSON line each */
const PROBE_FILE = process.env.NEWSGRAPH_MEM_PROBE || null
let tasks = 0
function probe(): void {
  if (!PROBE_FILE || ++tasks % 20) return
  const m = process.memoryUsage()
  appendFileSync(PROBE_FILE, JSON.stringify({ pid: process.pid, thread: threadId, t: Date.now(), label: 'worker', heap: m.heapUsed, total: m.heapTotal, ext: m.external, ab: m.arrayBuffers, rss: m.rss, tasks }) + '\n')
}

port.on('message', (task: WorkerTask) => {
  let reply: WorkerReply
  try {
    reply = { id: task.id, ...(task.records ? extractRecords(task.records) : extractInput(task.path, task.data)) }
  } catch (e) {
    reply = { id: task.id, outcomes: [{ ok: false, source: task.path, error: `${task.path}: ${(e as Error).message}` }], ms: 0 }
  }
  port.postMessage(reply)
  probe()
})
port.postMessage({ ready: true })
