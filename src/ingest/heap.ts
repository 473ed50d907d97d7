// The main thread's heap in a bulk ingest. Left to itself, V8 sizes the heap from the live data of its last
// full collection times a growing factor of up to 4 (more on a machine with much memory), so a writer whose
// live data is ~80 MB let its heap, and the process's RSS, grow to several times that (issue 13: peak RSS
// 706 MB at the 10,000-article step of bench:scale, 429 MB with a full collection after every batch; the
// live heap never passed 82 MB). settleHeap() runs two full collections, 5 ms apart, after each batch a bulk
// ingest commits: a batch takes seconds, a collection of this heap tens of milliseconds.
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * The V8 flag the ingest command is started with (`npm run ingest`, the benches' runIngest). It caps the main
 * thread's heap, and with it V8's heap growing factor: on a 64-bit machine with 16 GB or more V8 gives the
 * main heap a 4 GB limit, and then lets the heap grow to up to 4x the live data of its last full collection;
 * under a 1 GB limit the factor is at most 1.6 (V8's MemoryController scales it from 1.3 at 256 MB to 4 at
 * 2 GB). The writer's live heap is bounded (GroupCache 50 MB, one plan's records ~300 bytes each), far under
 * the cap. Node cannot change it once running (the heap is sized at start), so the launchers pass it.
 */
export const INGEST_HEAP_MB = 1024
/**
 * and a young generation of 3 x 4 MB (V8 sizes it from the old generation's limit otherwise): the writer's
 * garbage is short-lived (driver records, statement parameters). scripts/bench-heap-growth.ts: peak heap
 * 171-181 -> 132 MB, RSS 256-262 -> 212 MB, user CPU 35.3 -> 33.2 s (noise) for the same work.
 * And V8's heap growing factor fixed at 1.2 (`--heap-growing-percent=20`): after a full collection the heap may
 * grow to 1.2x the live data before the next, not up to 1.6x, so a batch's peak stays nearer its live heap. A new
 * ingest process on a 100,000-article graph: peak RSS 330 and 358 MB against 389 and 369, as fast (docs/memory.md,
 * "V8's heap growing factor fixed").
 */
export const INGEST_NODE_FLAGS = [`--max-old-space-size=${INGEST_HEAP_MB}`, '--max-semi-space-size=4', '--heap-growing-percent=20']

/**
 * The extraction workers' semi-space, in MB (their young generation is 3x this). A V8 flag is the process's: V8
 * reads INGEST_NODE_FLAGS' --max-semi-space-size when it configures each isolate's heap, the extraction workers'
 * too, and their garbage is not the writer's: wink-nlp's tokens and the rows of every article, much of it alive
 * for a whole text. Capped at 4 MB, the worker of a dry run of the 840 PolNeAR train texts scavenged 348 times
 * against 90 with V8's own 16 MB (docs/performance.md, "Where issue 12's extra work is"); but with 16 MB its
 * two semi-spaces hold 32 MB, at the ingest's peak RSS too. 8 MB: 169-170 scavenges, mark-compacts 7-10 against
 * 13-16, no more CPU, 16 MB less new space; more survives into the old generation (capped, WORKER_HEAP_MB), so
 * the saving at the peak is not shown apart from the noise (docs/memory.md, "What the peak is made of").
 */
export const WORKER_SEMI_SPACE_MB = 8

/** the old generation an uncapped worker may have (a rescue worker: pool.ts): the main thread's, as it was started */
const UNCAPPED_OLD_MB = Math.max(INGEST_HEAP_MB, Math.round(getHeapStatistics().heap_size_limit / 2 ** 20))

/**
 * Sizes the heap of the next worker thread started: its own young generation (WORKER_SEMI_SPACE_MB), and an old
 * generation of `oldMb` (none given: UNCAPPED_OLD_MB). The main thread's heap was configured at start and keeps its
 * cap. A worker's resourceLimits cannot do this: a V8 flag the process was started with wins over them, so under
 * INGEST_NODE_FLAGS (`--max-old-space-size=1024`) a worker asked for 128 MB got 1,036 (measured: heap_size_limit),
 * and the extraction worker's heap grew to ~290 MB in bench:scale's 100,000 step (issue 13). V8 reads these flags
 * when it configures a new isolate's heap, so they are set just before each worker starts.
 */
export function sizeWorkerHeap(oldMb?: number): void {
  try {
    setFlagsFromString(`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`)
    setFlagsFromString(`--max-old-space-size=${oldMb ?? UNCAPPED_OLD_MB}`)
  } catch {
    // a runtime that refuses flags: the workers keep the main thread's
  }
}

/** The main thread's heap limit in MB (INGEST_HEAP_MB plus V8's young generation when started with INGEST_NODE_FLAGS). */
export function heapLimitMb(): number {
  return Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)
}

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

/**
 * How long settleHeap waits between its two collections, in ms. Measured on PolNeAR train x3 (bench-ingest,
 * 2,520 articles, the used heap after a collection at each pause after each batch): a collection right after
 * the batch and one 1 ms later leave the same heap; one 3 ms later leaves 12-17 MB less in every batch but the
 * first (76 -> 60, 68 -> 54, 79 -> 62 MB ...), and 10, 30 or 100 ms no less than that. A heap snapshot taken
 * at the first point finds the same objects unreachable: V8 keeps them through a regular full collection until
 * callbacks it runs as a task after that collection have run (docs/memory.md, "Between batches").
 */
export const SETTLE_PAUSE_MS = 5

/**
 * What a collection right after settleHeap's second must free for it to collect once more (at most SETTLE_MORE
 * times). In a run of bench:scale's 100,000 step (2026-12-06) the second collection left the writer over 98 MB
 * after 227 of its 360 batches; a third, right after, freed 21-61 MB (median 29) in every one of them, and a fourth
 * to tenth at most 1 MB (docs/memory.md, "A third collection"). In the run before it, without the third, what the
 * second left piled up for stretches (~25 MB a batch, 187 MB after the collections at worst) and set the step's
 * peak RSS. Why V8 keeps it through the second is not known.
 */
export const SETTLE_FREED_BYTES = 4 * 2 ** 20
export const SETTLE_MORE = 2

/**
 * A full collection of the main thread's heap after a batch, a second once the event loop has run for
 * SETTLE_PAUSE_MS (it frees what the first could only mark for release, above), then more right after while one
 * frees SETTLE_FREED_BYTES or more (at most SETTLE_MORE). NEWSGRAPH_SETTLE_HEAP=0 turns them all off,
 * NEWSGRAPH_SETTLE_HEAP=1 keeps the first alone and NEWSGRAPH_SETTLE_HEAP=2 the first two (for measuring). `gc` and
 * `heapUsed` are V8's own but for tests.
 */
export async function settleHeap(gc = collector(), heapUsed = (): number => process.memoryUsage().heapUsed): Promise<void> {
  const mode = process.env.NEWSGRAPH_SETTLE_HEAP
  if (mode === '0' || !gc) return
  gc()
  if (mode === '1') return
  await new Promise((resolve) => setTimeout(resolve, SETTLE_PAUSE_MS))
  gc()
  if (mode === '2') return
  for (let i = 0; i < SETTLE_MORE; i++) {
    const before = heapUsed()
    gc()
    if (before - heapUsed() < SETTLE_FREED_BYTES) return
  }
}
