// The extraction worker thread: receives inputs, posts back their prepared articles.
import { parentPort } from 'node:worker_threads'
import { extractInput, extractRecords } from './extract-step.ts'
import type { WorkerReply, WorkerTask } from './pool.ts'

const port = parentPort
if (!port) throw new Error('src/ingest/worker.ts runs as a worker thread (see pool.ts)')

port.on('message', (task: WorkerTask) => {
  let reply: WorkerReply
  try {
    reply = { id: task.id, ...(task.records ? extractRecords(task.records) : extractInput(task.path, task.data)) }
  } catch (e) {
    reply = { id: task.id, outcomes: [{ ok: false, source: task.path, error: `${task.path}: ${(e as Error).message}` }], ms: 0 }
  }
  port.postMessage(reply)
})
port.postMessage({ ready: true })
