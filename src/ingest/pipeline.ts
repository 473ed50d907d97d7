// Ingestion as a library: inputs -> read + extract (worker threads) -> batched graph writes.
//
// The CLI (src/cli/ingest.ts), the bench and the GraphQL ingestArticle mutation all call these
// functions. Extraction runs in a pool of worker threads while the main thread writes finished
// articles in batches, one transaction a batch (src/graph/write.ts): a kill loses at most the
// batches not yet committed, and rerunning skips the articles already stored with the same text.
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { availableParallelism, freemem } from 'node:os'
import type { Driver } from 'neo4j-driver'
import type { ArticleInput } from '../extract/types.ts'
import {
  addCounts,
  emptyCounts,
  MAX_BATCH_ROWS,
  repairDirtyGroups,
  writeBatchIsolated,
  type ArticleOutcome,
  type BatchResult,
  type PreparedArticle,
  type WriteCounts,
} from '../graph/write.ts'
import { memProbe } from '../graph/write-profile-count.ts'
import { chunksOf, detectFormat } from '../extract/read/index.ts'
import { numbered, readParts, recordSource } from '../extract/read/records.ts'
import { inputChunks } from '../extract/sources.ts'
import type { ExtractOutcome, InputResult, RecordJob } from './extract-step.ts'
import { settleHeap } from './heap.ts'
import { shareStrings } from './share-strings.ts'
import { RunArticles } from './run-articles.ts'
import { createExtractPool, WORKER_HEAP_MB, type ExtractPool } from './pool.ts'

// The extraction code (wink-nlp and its model, ~70 MB) loads only where it runs: in the workers,
// or here when extracting in the main thread. Started through src/cli/ingest-boot.cjs (`npm run ingest`)
// this module is CommonJS under tsx's require hook, where import() goes to Node's ESM loader, which has
// no hook for .ts ("Unknown file extension" with --workers 0): there it is required instead.
type ExtractStep = typeof import('./extract-step.ts')
async function extractStep(): Promise<ExtractStep> {
  try {
    return await import('./extract-step.ts')
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION' || typeof require !== 'function') throw err
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS under tsx's require hook, above
    return require('./extract-step.ts') as ExtractStep
  }
}

export type { ArticleOutcome, BatchResult, WriteCounts } from '../graph/write.ts'

/** One input: a file path, or bytes / text already in hand (stdin) with the name to report them by. */
export interface InputSpec {
  path: string
  data?: Uint8Array | string
  /** the source its articles are stored with (Article.source), when not `path` (see sourceNamer) */
  name?: string
}

export interface Progress {
  inputsDone: number
  inputsTotal: number
  /** articles extracted so far (an input may hold several) */
  articles: number
  /** articles written (committed) so far */
  written: number
  failed: number
  elapsedMs: number
}

export interface Failure {
  source: string
  error: string
}

export interface IngestOptions {
  database?: string
  /** articles per write transaction */
  batchSize?: number
  /** extraction worker threads; 0 extracts in the main thread */
  workers?: number
  /** extract and count, write nothing (no driver needed) */
  dryRun?: boolean
  onProgress?: (p: Progress) => void
  /** called once for every input or article that failed, as soon as it fails */
  onFailure?: (f: Failure) => void
  /**
   * stops the run cleanly: no input is started after it aborts, the ones in hand are extracted and
   * written, and the summary's `interrupted` says how many were not started
   */
  signal?: AbortSignal
  /** called with a line for things that are not failures but change what is written (an article id twice in one run) */
  onNotice?: (line: string) => void
  /**
   * extraction workers already starting (startWorkers), so that loading their models overlaps the
   * caller's own setup (connecting, migrating); the caller closes them. Without it, ingestInputs
   * starts `workers` workers itself and closes them when done.
   */
  pool?: Promise<ExtractPool | null>
}

export interface IngestSummary {
  inputs: number
  /**
   * `repaired`: of the updated ones, those whose text was the same but whose stored facts were not its extraction's;
   * `superseded`: articles not written because a later input of the same run has the same id (same URL) and
   * another text, and was written instead (see `notices`)
   */
  articles: { new: number; updated: number; unchanged: number; failed: number; extracted: number; repaired: number; superseded: number }
  /** what onNotice was told */
  notices: string[]
  /** set when `signal` stopped the run: the inputs never started (what was started is written and counted above) */
  interrupted?: { inputsNotStarted: number }
  counts: WriteCounts
  /** entities, quotes and relations found by extraction (also in a dry run) */
  extracted: { entities: number; quotes: number; relations: number }
  tokens: number
  failures: Failure[]
  seconds: number
  /** summed wall time of extraction (across workers) and of the write transactions, in ms */
  extractMs: number
  writeMs: number
  workers: number
  batchSize: number
  dryRun: boolean
}

export const DEFAULT_BATCH_SIZE = 250
/** batches held for writing (the one being written included): extraction pauses beyond it, so memory stays flat */
const MAX_QUEUED_BATCHES = 2
/** inputs handed to each worker at a time: enough that a worker never waits for its next input */
const INPUTS_PER_WORKER = 2
/** records of a JSON array or JSON Lines input handed to a worker in one task, and at most this many characters of them */
export const RECORDS_PER_TASK = 16
const TASK_CHARS = 1024 * 1024
/** a file without a decisive extension over this size is read in the main thread to see whether it splits */
const SPLIT_SNIFF_BYTES = 1024 * 1024

/**
 * Whether an input is read and split into records in the main thread, so that its articles go to the workers a
 * few at a time: JSON and JSON Lines files by their extension, big files that may be a JSON array, and text
 * already in hand. Other files (a folder of texts, HTML pages) are read by the worker that extracts them.
 */
function splitsHere(input: InputSpec): boolean {
  if (input.data !== undefined) return true
  const ext = /\.([a-z0-9]+)$/i.exec(input.path)?.[1]?.toLowerCase()
  if (ext === 'json' || ext === 'jsonl' || ext === 'ndjson') return true
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return false
  // (a file that cannot be read has size 0: the worker's read says what is wrong with it)
  return sizeOf(input.path) > SPLIT_SNIFF_BYTES
}

/** Workers that pay on this machine: one per core but one, kept for the writer and Neo4j, and at least one. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1))
}

/**
 * What one extraction worker holds at most, in MB: its capped heap (WORKER_HEAP_MB) and the thread's own
 * memory beside it (code, model buffers, stacks). 32 workers on 2 cores took 3.7 GB, ~115 MB each.
 */
export const WORKER_MB = WORKER_HEAP_MB + 72
/** the share of the free memory the workers may take */
const WORKER_MEMORY_SHARE = 0.5

export interface Machine {
  cores: number
  /** memory free for this process, in MB (the cgroup's limit where there is one) */
  freeMb: number
}

export function thisMachine(): Machine {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0
  const free = constrained && constrained > 0 ? Math.min(freemem(), constrained - process.memoryUsage.rss()) : freemem()
  return { cores: availableParallelism(), freeMb: Math.max(0, Math.floor(free / (1024 * 1024))) }
}

/**
 * The workers this machine can hold: no more than its cores (more threads than cores only share them, and
 * each holds its own models) and no more than half its free memory allows; at least one. `why` says what
 * capped the request, for a warning, or is null when the request stands.
 */
export function workerCap(requested: number, machine: Machine = thisMachine()): { workers: number; why: string | null } {
  if (requested <= 1) return { workers: requested, why: null }
  const byMemory = Math.max(1, Math.floor((machine.freeMb * WORKER_MEMORY_SHARE) / WORKER_MB))
  const workers = Math.max(1, Math.min(requested, machine.cores, byMemory))
  if (workers === requested) return { workers, why: null }
  const reason =
    workers === machine.cores && machine.cores < byMemory
      ? `this machine has ${machine.cores} cores`
      : `${machine.freeMb} MB of memory is free and each worker takes up to ${WORKER_MB} MB`
  return { workers, why: `${requested} extraction workers capped to ${workers}: ${reason}` }
}

/**
 * Starts the extraction workers for `inputs` (none for a single input, which extracts faster in place than a
 * worker loads its models, unless it is over 1 MB and opens like JSON: an array or JSON Lines of many articles), to hand to ingestInputs as `pool`.
 */
export function startWorkers(workers: number, inputs: number | InputSpec[]): Promise<ExtractPool | null> {
  const n = typeof inputs === 'number' ? inputs : inputs.length
  const worth = n > 1 || (typeof inputs !== 'number' && inputs.length === 1 && mayHoldMany(inputs[0]))
  return workers > 0 && worth ? createExtractPool(Math.min(workerCap(workers).workers, Math.max(n, 2))) : Promise.resolve(null)
}

function mayHoldMany(input: InputSpec): boolean {
  const size = input.data !== undefined ? input.data.length : sizeOf(input.path)
  return size > SPLIT_SNIFF_BYTES && !/\.(?:html?|xhtml)$/i.test(input.path) && /^\s*[[{]/.test(headOf(input))
}

/** the first bytes of an input as text (enough to see whether it opens like JSON); '' when it cannot be read */
function headOf(input: InputSpec): string {
  if (input.data !== undefined) return typeof input.data === 'string' ? input.data.slice(0, 256) : Buffer.from(input.data.subarray(0, 256)).toString('latin1')
  let fd: number | null = null
  try {
    // not a FIFO's writer to wait for: the reading path refuses it later, with its reason
    fd = openSync(input.path, constants.O_RDONLY | constants.O_NONBLOCK)
    const buf = Buffer.alloc(256)
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('latin1')
  } catch {
    return ''
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/**
 * Ingests inputs into the graph (or only extracts them, with `dryRun`). Never throws for a bad
 * input: each failure is reported and counted, and the others are still written. Throws when the
 * database itself fails (unreachable, authentication), since then nothing can be written.
 */
export async function ingestInputs(driver: Driver | null, inputs: Iterable<InputSpec> | InputSpec[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const list = Array.isArray(inputs) ? inputs : [...inputs]
  const dryRun = opts.dryRun ?? false
  if (!dryRun && !driver) throw new Error('ingestInputs: a driver is needed unless dryRun is set')
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE)
  const workers = Math.max(0, opts.workers ?? defaultWorkers())
  const t0 = performance.now()
  const summary: IngestSummary = {
    inputs: list.length,
    articles: { new: 0, updated: 0, unchanged: 0, failed: 0, extracted: 0, repaired: 0, superseded: 0 },
    notices: [],
    counts: emptyCounts(),
    extracted: { entities: 0, quotes: 0, relations: 0 },
    tokens: 0,
    failures: [],
    seconds: 0,
    extractMs: 0,
    writeMs: 0,
    workers,
    batchSize,
    dryRun,
  }
  const progress: Progress = { inputsDone: 0, inputsTotal: list.length, articles: 0, written: 0, failed: 0, elapsedMs: 0 }
  const report = (): void => opts.onProgress?.({ ...progress, elapsedMs: performance.now() - t0 })
  const failed = (f: Failure): void => {
    summary.failures.push(f)
    summary.articles.failed++
    progress.failed++
    opts.onFailure?.(f)
  }

  // --- writing: one batch at a time, in order, while extraction goes on
  let batch: PreparedArticle[] = []
  let batchRows = 0
  let writeError: unknown = null
  // big groups a killed bulk run left unresolved are resolved first (src/graph/deferred.ts)
  let writing: Promise<void> = dryRun ? Promise.resolve() : repairDirtyGroups(driver!, { database: opts.database }).then(() => {}, (e) => void (writeError ??= e))
  /** the batches not yet written, oldest first (they are written in order) */
  const writes: Promise<void>[] = []
  let queued = 0
  const flush = (): void => {
    if (!batch.length) return
    // let go once written: settleHeap's collection then frees its rows (a third of what the writer holds between
    // batches, with the batch queued and the one filling: docs/memory.md, "Between batches")
    let mine: PreparedArticle[] | null = batch
    const n = mine.length
    batch = []
    batchRows = 0
    if (dryRun) {
      progress.written += n
      report()
      return
    }
    queued++
    const done = writing.then(async () => {
      if (writeError) return
      const w0 = performance.now()
      try {
        const result = await writeBatchIsolated(driver!, mine!, { database: opts.database, bulk: true })
        mine = null
        tally(summary, result, failed)
        progress.written += n
        // what the batch allocated goes before the next one starts (heap.ts)
        await settleHeap()
        memProbe('batch written', { written: progress.written })
      } catch (e) {
        writeError ??= e
      } finally {
        summary.writeMs += performance.now() - w0
        queued--
        writes.shift()
        report()
      }
    })
    writes.push(done)
    writing = done
  }
  const notice = (line: string): void => {
    summary.notices.push(line)
    opts.onNotice?.(line)
  }
  /** article id -> the input of its latest copy in this run, and its text hash (packed: run-articles.ts) */
  const seenInRun = new RunArticles()
  /**
   * Two inputs of one run with the same article id (same URL) and different texts: the later one is
   * stored; says so, and drops the earlier if not yet written. Copies with the same text are written
   * once and counted as before (unchanged), since what is stored is the same whichever it is.
   */
  const supersede = (later: PreparedArticle, input: InputSpec): void => {
    const earlier = seenInRun.note(later.id, later.textHash, later.source, input.path)
    if (earlier === undefined) return
    const url = later.rows.articles[0].url
    const same = `${url ? `the same URL (${url})` : 'the same id'} as ${earlier}, earlier in this run, with another text`
    const i = batch.findIndex((p) => p.id === later.id)
    if (i >= 0) {
      batchRows -= batch[i].size
      batch.splice(i, 1)
      summary.articles.superseded++
      notice(`${later.source}: ${same}; ${later.source} is the one stored, ${earlier} is not written`)
    } else {
      notice(`${later.source}: ${same}, which was written first; ${later.source} replaces it`)
    }
  }
  const acceptOne = (o: ExtractOutcome, input: InputSpec): void => {
    if (!o.ok) {
      failed({ source: o.source, error: o.error })
      return
    }
    // one string for each repeated id, sentence and label of its rows, while it waits to be written (share-strings.ts)
    shareStrings(o.article.rows)
    // stored under its name, reported (o.article.source) under its path
    const stored = o.article.rows.articles[0]
    if (input.name !== undefined && stored.source.startsWith(input.path)) stored.source = input.name + stored.source.slice(input.path.length)
    summary.articles.extracted++
    progress.articles++
    summary.tokens += o.tokens
    summary.extracted.entities += o.article.rows.entities.length
    summary.extracted.quotes += o.article.rows.quotes.length
    summary.extracted.relations += o.article.rows.relations.length
    supersede(o.article, input)
    batch.push(o.article)
    batchRows += o.article.size
    if (batch.length >= batchSize || batchRows >= MAX_BATCH_ROWS) flush()
  }

  // --- extraction: a bounded number of inputs in flight, so memory stays flat on any corpus size
  let started = 0
  const stopped = (): boolean => Boolean(writeError) || Boolean(opts.signal?.aborted)
  const pool: ExtractPool | null = await (opts.pool ?? startWorkers(workers, list))
  if (pool) summary.workers = pool.size
  try {
    if (pool) {
      const maxInFlight = pool.size * INPUTS_PER_WORKER
      const inFlight = new Set<Promise<void>>()
      /** waits until a task may be handed to the pool: a free slot, and the writer not too far behind */
      const slot = async (): Promise<void> => {
        while (!stopped() && (inFlight.size >= maxInFlight || queued >= MAX_QUEUED_BATCHES)) {
          await Promise.race(queued >= MAX_QUEUED_BATCHES ? [writes[0], ...inFlight] : inFlight)
        }
      }
      const send = (input: InputSpec, task: () => Promise<InputResult>, done: () => void): void => {
        const p: Promise<void> = task().then((r) => {
          summary.extractMs += r.ms
          for (const o of r.outcomes) acceptOne(o, input)
          done()
        })
        const tracked = p.finally(() => inFlight.delete(tracked))
        inFlight.add(tracked)
      }
      const inputDone = (): void => {
        progress.inputsDone++
        report()
      }
      for (const input of list) {
        await slot()
        if (stopped()) break
        started++
        if (!splitsHere(input)) {
          send(input, () => pool.run(input.path, input.data), inputDone)
          continue
        }
        // a JSON array or JSON Lines input: read here in chunks and split into records, handed to the workers a
        // few at a time as they are read; reading waits like any task, so no more than the tasks in flight and the
        // batches queued for the writer are held (D7)
        let pending = 1
        const partDone = (): void => {
          if (--pending === 0) inputDone()
        }
        let group: RecordJob[] = []
        let groupChars = 0
        const sendGroup = (): void => {
          const records = group
          group = []
          groupChars = 0
          pending++
          send(input, () => pool.run(input.path, undefined, records), partDone)
        }
        const chunks = input.data !== undefined ? chunksOf(input.data) : inputChunks(input.path)
        for (const { value: part, index, only } of numbered(readParts(chunks, input.path, detectFormat))) {
          if (part.kind === 'whole') {
            // not split (one article, HTML, an object wrapping a list): the worker reads the text as it is
            pending++
            send(input, () => pool.run(input.path, part.text), partDone)
          } else if (part.kind === 'error') acceptOne({ ok: false, source: part.error.source, error: part.error.message }, input)
          else {
            group.push({ json: part.json, where: part.where, source: recordSource(input.path, index, only) })
            groupChars += part.json.length
            if (group.length >= RECORDS_PER_TASK || groupChars >= TASK_CHARS) {
              sendGroup()
              await slot()
              if (stopped()) break
            }
          }
        }
        if (group.length && !writeError) sendGroup()
        partDone()
      }
      await Promise.all(inFlight)
    } else {
      // one article at a time, each handed to the writer before the next is extracted: an input of many
      // articles (a big JSON array or JSON Lines file) holds no more than the batches in flight
      const { extractOutcomes } = await extractStep()
      for (const input of list) {
        if (stopped()) break
        started++
        const outcomes = extractOutcomes(input.path, input.data)
        for (;;) {
          const t = performance.now()
          const next = outcomes.next()
          summary.extractMs += performance.now() - t
          if (next.done) break
          acceptOne(next.value, input)
          // let the writer's I/O make progress between articles
          if (queued > 0) await new Promise((r) => setImmediate(r))
          while (queued >= MAX_QUEUED_BATCHES) await writes[0]
          if (writeError) break
        }
        progress.inputsDone++
        report()
      }
    }
    flush()
    await writing
    // the big groups this run deferred are resolved in full once, at its end (src/graph/deferred.ts)
    if (!dryRun && !writeError) {
      const w0 = performance.now()
      await repairDirtyGroups(driver!, { database: opts.database })
      memProbe('repaired at end')
      summary.writeMs += performance.now() - w0
    }
  } finally {
    if (!opts.pool) await pool?.close()
  }
  if (writeError) throw writeError
  if (opts.signal?.aborted) summary.interrupted = { inputsNotStarted: list.length - started }
  summary.seconds = (performance.now() - t0) / 1000
  report()
  return summary
}

function tally(summary: IngestSummary, result: BatchResult, failed: (f: Failure) => void): void {
  for (const o of result.outcomes) {
    if (o.status === 'failed') failed({ source: o.source, error: `${o.source}: not written: ${o.error}` })
    else summary.articles[o.status]++
    if (o.repaired) summary.articles.repaired++
  }
  addCounts(summary.counts, result.counts)
}

export interface IngestOneResult {
  outcome: ArticleOutcome
  counts: WriteCounts
}

/**
 * Extracts and writes one article already read (the GraphQL ingestArticle mutation): the same
 * extraction and the same transaction as the CLI. Throws when the article cannot be written.
 */
export async function ingestArticle(driver: Driver, input: ArticleInput, source: string, opts: { database?: string } = {}): Promise<IngestOneResult> {
  const { prepareArticle } = await extractStep()
  const article = prepareArticle(input, source)
  const result = await writeBatchIsolated(driver, [article], { database: opts.database })
  // groups a bulk ingest left dirty (killed, or still running: then it resolves them again at its end)
  await repairDirtyGroups(driver, { database: opts.database })
  const outcome = result.outcomes[0]
  if (outcome.status === 'failed') throw new Error(outcome.error ?? `${source}: not written`)
  return { outcome, counts: result.counts }
}

