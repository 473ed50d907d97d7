// A small pool of extraction worker threads. The workers run TypeScript: each registers tsx's
// require hook (tsx/cjs/api) and requires worker.ts, which works the same under `tsx`,
// `node --import tsx` and vitest. Not tsx's ESM hooks (tsx/esm/api, what the workers used before):
// on Node 20 those run in a loader thread of their own, one more thread and V8 isolate per worker;
// the require hook compiles in the worker's own thread. The extraction is the same either way (the
// 840 PolNeAR train texts give byte-identical replies). Each worker holds a few tasks at a time so it never waits for
// the next message; callers bound the work in flight with `run`'s promise.
//
// Memory: a worker's heap is capped (WORKER_HEAP_MB). Left to its defaults, V8 let the heap grow to
// ~250 MB of mostly garbage around a live set of ~55 MB (wink's model, lexicons, the article in hand),
// which put the ingest process at the 500 MB mark on long runs. An input too big for the cap (a
// multi-megabyte text) kills its worker; the worker is replaced, and the tasks it held are extracted
// again one at a time in a worker without the cap, so nothing is lost to the cap.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { InputResult, RecordJob } from './extract-step.ts'
import { sizeWorkerHeap } from './heap.ts'

export interface WorkerTask {
  id: number
  path: string
  data?: Uint8Array | string
  /** records split from the input by the caller: extracted instead of reading `path` */
  records?: RecordJob[]
}
export type WorkerReply = InputResult & { id: number }

export interface ExtractPool {
  readonly size: number
  /** extracts the input at `path` (or `data`, reported as `path`), or only `records` split from it */
  run(path: string, data?: Uint8Array | string, records?: RecordJob[]): Promise<InputResult>
  close(): Promise<void>
}

export interface PoolOptions {
  /** old-generation heap cap of each pool worker, in MB (default WORKER_HEAP_MB) */
  heapMb?: number
  /** told of each task whose worker died and which is extracted again in a worker of its own */
  onRescue?: (path: string, why: string) => void
}

/**
 * The heap cap of a pool worker. 128 MB holds the live set more than twice over; at scale 10
 * (8,400 PolNeAR texts) it took the ingest's peak RSS from 546 to 395 MB, and ran no slower.
 */
export const WORKER_HEAP_MB = 128

const WORKER_URL = new URL('./worker.ts', import.meta.url).href

/** The worker's boot script (an eval'd CommonJS script): tsx's require hook, then worker.ts through it. */
function bootCode(): string {
  const api = JSON.stringify(createRequire(import.meta.url).resolve('tsx/cjs/api'))
  return `require(${api}).register(); require(${JSON.stringify(fileURLToPath(WORKER_URL))})`
}

interface Task extends WorkerTask {
  resolve: (r: InputResult) => void
}

/** One worker thread and the tasks it holds. */
interface Thread {
  tasks: Map<number, Task>
  post(task: Task): void
  /** terminates the worker (not a death: `onDeath` is not called) */
  stop(): Promise<void>
}

/**
 * Boots a worker (resolving once its models are loaded). After that, a death (out of memory, a
 * crash) hands its unanswered tasks to `onDeath`, with the reason.
 */
function startThread(code: string, heapMb: number | undefined, onDeath: (orphans: Task[], why: string) => void): Promise<Thread> {
  // the main thread's small young generation and 1 GB old one (INGEST_NODE_FLAGS) are not the worker's (heap.ts)
  sizeWorkerHeap(heapMb)
  const worker = new Worker(code, { eval: true, ...(heapMb ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}) })
  let stopping = false
  let why = ''
  const thread: Thread = {
    tasks: new Map(),
    post(task) {
      this.tasks.set(task.id, task)
      const { id, path, data, records } = task
      worker.postMessage({ id, path, data, records } satisfies WorkerTask)
    },
    async stop() {
      stopping = true
      await worker.terminate()
    },
  }
  return new Promise<Thread>((resolve, reject) => {
    let ready = false
    worker.on('error', (e: Error & { code?: string }) => {
      why = e.code !== 'ERR_WORKER_OUT_OF_MEMORY' ? e.message : heapMb ? `it ran out of its ${heapMb} MB heap` : 'it ran out of memory'
    })
    worker.on('message', (msg: WorkerReply | { ready: true }) => {
      if ('ready' in msg) {
        ready = true
        resolve(thread)
        return
      }
      const task = thread.tasks.get(msg.id)
      if (!task) return
      thread.tasks.delete(msg.id)
      task.resolve(msg)
    })
    worker.on('exit', (code) => {
      if (!ready) return reject(new Error(`extraction worker exited with code ${code} while starting${why ? `: ${why}` : ''}`))
      if (stopping) return
      const orphans = [...thread.tasks.values()]
      thread.tasks.clear()
      onDeath(orphans, why || `it exited with code ${code}`)
    })
  })
}

export async function createExtractPool(size: number, opts: PoolOptions = {}): Promise<ExtractPool> {
  const code = bootCode()
  const heapMb = opts.heapMb ?? WORKER_HEAP_MB
  let nextId = 1
  let closed = false
  /** a replacement worker that would not start: the pool cannot go on */
  let broken: Error | null = null
  /** orphaned tasks are extracted again one at a time, in order */
  let rescuing: Promise<void> = Promise.resolve()

  // run() waits for a slot's thread, so a replacement is used as soon as it is up
  const slots: { thread: Promise<Thread>; inFlight: number }[] = []
  const startSlot = (i: number): Promise<Thread> =>
    startThread(code, heapMb, (orphans, why) => {
      if (closed) return
      for (const t of orphans) opts.onRescue?.(t.path, why)
      slots[i].thread = startSlot(i)
      slots[i].thread.catch((e: Error) => (broken ??= e))
      rescuing = rescuing.then(async () => {
        for (const task of orphans) task.resolve(await extractAlone(task))
      })
    })
  for (let i = 0; i < size; i++) slots.push({ thread: startSlot(i), inFlight: 0 })
  const started = await Promise.allSettled(slots.map((s) => s.thread))
  const refused = started.find((r) => r.status === 'rejected')
  if (refused) {
    // a worker that cannot start fails the pool; the ones that did start must not keep the process alive
    closed = true
    await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.stop() : null)))
    throw refused.reason
  }

  /** One task in a worker of its own without the heap cap, stopped afterwards; if even that worker dies, the task fails alone. */
  async function extractAlone(task: Task): Promise<InputResult> {
    const sources = task.records ? task.records.map((r) => r.source) : [task.path]
    const failed = (why: string): InputResult => ({ outcomes: sources.map((source) => ({ ok: false, source, error: `${source}: extraction failed: ${why}` })), ms: 0 })
    let died: (why: string) => void = () => {}
    const death = new Promise<InputResult>((resolve) => (died = (why) => resolve(failed(`the worker extracting it died (${why})`))))
    let thread: Thread
    try {
      thread = await startThread(code, undefined, (_, why) => died(why))
    } catch (e) {
      return failed((e as Error).message)
    }
    try {
      return await Promise.race([death, new Promise<InputResult>((resolve) => thread.post({ ...task, resolve }))])
    } finally {
      await thread.stop()
    }
  }

  return {
    size,
    async run(path, data, records) {
      if (broken) throw broken
      const slot = slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a))
      slot.inFlight++
      try {
        const thread = await slot.thread
        return await new Promise<InputResult>((resolve) => thread.post({ id: nextId++, path, data, records, resolve }))
      } finally {
        slot.inFlight--
      }
    },
    async close() {
      closed = true
      await rescuing
      await Promise.all(slots.map(async (s) => (await s.thread.catch(() => null))?.stop()))
    },
  }
}
