// The main thread's heap in a bulk ingest. Left to itself, V8 sizes the heap from the live data of its last
// full collection times a growing factor of up to 4 (more on a machine with much memory), so a writer whose
// live data is ~80 MB let its heap, and the process's RSS, grow to several times that (issue 13: peak RSS
// 706 MB at the 10,000-article step of bench:scale, 429 MB with a full collection after every batch; the
// live heap never passed 82 MB). settleHeap() runs a full collection after each batch a bulk ingest
// commits: a batch takes seconds, a collection of this heap tens of milliseconds.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let collect: (() => void) | null | undefined

/** V8's full collection, exposed for this module only (null where the runtime refuses). */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect
  try {
    setFlagsFromString('--expose-gc')
    collect = runInNewContext('gc') as () => void
    setFlagsFromString('--no-expose-gc')
  } catch {
    collect = null
  }
  return collect
}

/** A full collection of the main thread's heap (NEWSGRAPH_SETTLE_HEAP=0 turns it off, for measuring). */
export function settleHeap(): void {
  if (process.env.NEWSGRAPH_SETTLE_HEAP === '0') return
  collector()?.()
}
