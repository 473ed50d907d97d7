// A small pool of extraction worker threads. The workers run TypeScript: each loads tsx's ESM
// hooks (tsx/esm/api register) before importing worker.ts, which works the same under `tsx`,
// `node --import tsx` and vitest. Each worker holds a few tasks at a time so it never waits for
// the next message; callers bound the work in flight with `run`'s promise.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { InputResult } from './extract-step.ts'

export interface WorkerTask {
  id: number
  path: string
  data?: Uint8Array | string
}
export type WorkerReply = InputResult & { id: number }

interface Slot {
  worker: Worker
  inFlight: number
}

export interface ExtractPool {
  readonly size: number
  run(path: string, data?: Uint8Array | string): Promise<InputResult>
  close(): Promise<void>
}

const WORKER_URL = new URL('./worker.ts', import.meta.url).href

/** tsx's ESM API as a file URL (import.meta.resolve where the runtime has it, else via require's resolution) */
function tsxApiUrl(): string {
  try {
    return import.meta.resolve('tsx/esm/api')
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs')
  }
}

function bootCode(): string {
  const api = JSON.stringify(tsxApiUrl())
  return `import(${api}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}) })`
}

export async function createExtractPool(size: number): Promise<ExtractPool> {
  const code = bootCode()
  const pending = new Map<number, { resolve: (r: InputResult) => void; reject: (e: Error) => void; slot: Slot }>()
  let nextId = 1
  let failure: Error | null = null

  const slots: Slot[] = await Promise.all(
    Array.from({ length: size }, () => {
      const worker = new Worker(code, { eval: true })
      const slot: Slot = { worker, inFlight: 0 }
      return new Promise<Slot>((resolve, reject) => {
        worker.once('error', reject)
        worker.on('message', (msg: WorkerReply | { ready: true }) => {
          if ('ready' in msg) {
            worker.off('error', reject)
            worker.on('error', (e) => fail(e))
            resolve(slot)
            return
          }
          const p = pending.get(msg.id)
          if (!p) return
          pending.delete(msg.id)
          slot.inFlight--
          p.resolve(msg)
        })
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`extraction worker exited with code ${code}`))
        })
      })
    }),
  )

  function fail(e: Error): void {
    failure ??= e
    for (const [id, p] of pending) {
      pending.delete(id)
      p.reject(e)
    }
  }

  return {
    size,
    run(path, data) {
      if (failure) return Promise.reject(failure)
      const slot = slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a))
      const id = nextId++
      slot.inFlight++
      return new Promise<InputResult>((resolve, reject) => {
        pending.set(id, { resolve, reject, slot })
        slot.worker.postMessage({ id, path, data } satisfies WorkerTask)
      })
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()))
    },
  }
}
