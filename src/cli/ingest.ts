// `npm run ingest -- PATHS...`: files, folders, globs or "-" (stdin) -> extracted -> written into Neo4j.
// `npm run ingest -- --remove ID_OR_URL` deletes one article's facts and the entities left with no mention.
// A progress bar on a terminal, plain progress lines otherwise (stderr); one line per failed input;
// a closing summary; exit status 1 when any input failed (all the others are still ingested).
import os from 'node:os'
import { Command } from 'commander'
import { intOption } from './options.ts'
import cliProgress from 'cli-progress'
import { removeArticle, repairDirtyGroups } from '../graph/write.ts'
import { readInputStream } from '../extract/sources.ts'
import { expandPaths, NamedFile, sourceNamer, STDIN } from '../ingest/paths.ts'
import { heapLimitMb } from '../ingest/heap.ts'
import { errorLine, escapeControls } from './print.ts'
import { openGraph } from './graph.ts'
import { compactSearchIndexIfGrown, type CompactResult } from '../graph/search-index.ts'
import { defaultWorkers, DEFAULT_BATCH_SIZE, ingestInputs, startWorkers, workerCap, type IngestSummary, type InputSpec, type Progress } from '../ingest/pipeline.ts'

interface Options {
  remove?: string
  dryRun?: boolean
  batchSize: number
  workers: number
  json?: boolean
  progress: boolean
}

function fmtRate(n: number, seconds: number): string {
  return seconds > 0 ? (n / seconds).toFixed(1) : '0'
}

/** Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise. */
function progressReporter(enabled: boolean) {
  const tty = Boolean(process.stderr.isTTY)
  if (!enabled) return { update: (_: Progress) => {}, log: (line: string) => void process.stderr.write(line + '\n'), stop: () => {} }
  if (tty) {
    const multi = new cliProgress.MultiBar(
      {
        stream: process.stderr,
        format: 'ingest [{bar}] {percentage}% | {value}/{total} inputs | {articles} articles, {written} written | {rate} articles/s | ETA {eta_formatted} | {failed} failed',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 200,
      },
      cliProgress.Presets.shades_classic,
    )
    let bar: cliProgress.SingleBar | null = null
    return {
      update(p: Progress) {
        const payload = { articles: p.articles, written: p.written, rate: fmtRate(p.articles, p.elapsedMs / 1000), failed: p.failed }
        if (!bar) bar = multi.create(p.inputsTotal, 0, payload)
        bar.update(p.inputsDone, payload)
      },
      log: (line: string) => multi.log(line + '\n'),
      stop: () => multi.stop(),
    }
  }
  let last = 0
  return {
    update(p: Progress) {
      const now = p.elapsedMs
      const done = p.inputsDone === p.inputsTotal && p.written >= p.articles
      if (now - last < 2000 && !done) return
      if (done && last < 0) return
      last = done ? -1 : now
      const secs = now / 1000
      const rate = secs > 0 ? p.inputsDone / secs : 0
      const eta = rate > 0 ? Math.ceil((p.inputsTotal - p.inputsDone) / rate) : 0
      process.stderr.write(
        `ingest: ${p.inputsDone}/${p.inputsTotal} inputs, ${p.articles} articles extracted, ${p.written} written, ${fmtRate(p.articles, secs)} articles/s, ${p.failed} failed, ETA ${eta}s\n`,
      )
    },
    log: (line: string) => void process.stderr.write(line + '\n'),
    stop: () => {},
  }
}

export function summaryText(s: IngestSummary): string {
  const a = s.articles
  const secs = s.seconds.toFixed(1)
  const lines = s.dryRun
    ? [
        `dry run: extracted ${a.extracted} articles from ${s.inputs} inputs in ${secs} s (${fmtRate(a.extracted, s.seconds)} articles/s), ${a.failed} failed; nothing written`,
        `found ${s.extracted.entities} entities, ${s.extracted.quotes} quotes, ${s.extracted.relations} relations`,
      ]
    : [
        `ingested ${s.inputs} inputs in ${secs} s (${fmtRate(a.new + a.updated + a.unchanged, s.seconds)} articles/s, ${fmtRate(s.tokens, s.seconds)} tokens/s)`,
        `articles: ${a.new} new, ${a.updated} updated${a.repaired ? ` (${a.repaired} with the same text, rewritten because their stored facts differed from their extraction)` : ''}, ${a.unchanged} unchanged, ${a.failed} failed` +
          (a.superseded ? `, ${a.superseded} not written (a later input of this run has the same URL and another text; see the notes above)` : ''),
        `written: ${s.counts.entitiesCreated} new entities (${s.counts.entitiesDeleted} orphaned ones deleted), ${s.counts.quotes} quotes, ${s.counts.relations} relations, ${s.counts.mentions} mentions, ${s.counts.roles} roles`,
      ]
  return lines.join('\n')
}

export async function runIngest(paths: string[], opts: Options): Promise<number> {
  if (opts.remove !== undefined) {
    if (paths.length) throw new Error('--remove takes no PATHS')
    const { driver, database } = await openGraph()
    try {
      const r = await removeArticle(driver, opts.remove, { database })
      // groups a bulk ingest left dirty (src/graph/deferred.ts) are resolved too
      await repairDirtyGroups(driver, { database })
      if (!r.removed.length) {
        // also what the second of two removals of one article at once says: only one of them removed it
        process.stderr.write(errorLine(`no article with id or URL "${opts.remove}" (never ingested, or already removed)`))
        return 1
      }
      process.stdout.write(`removed ${r.removed.length} article(s) (${escapeControls(r.removed.join(', '))}) and ${r.entitiesDeleted} orphaned entities\n`)
      return 0
    } finally {
      await driver.close()
    }
  }
  if (!paths.length) throw new Error('no PATHS given (files, folders, globs or - for stdin); see --help')
  const stop = stopOnSignals()

  const expanded = await expandPaths(paths)
  const inputs: InputSpec[] = []
  const nameOf = sourceNamer(paths)
  for (const f of expanded.files) {
    if (f !== STDIN) inputs.push(new NamedFile(f, nameOf))
    else {
      // stdin through the same bounded read as `extract`'s
      try {
        inputs.push({ path: STDIN, data: await readInputStream(process.stdin, STDIN) })
      } catch (e) {
        expanded.errors.push({ source: STDIN, error: (e as Error).message })
      }
    }
  }

  // no more workers than the machine can hold (32 on 2 cores took 3.7 GB and ran 3 times slower than 1)
  const cap = workerCap(opts.workers)
  if (cap.why) process.stderr.write(`warning: ${cap.why}\n`)
  opts = { ...opts, workers: cap.workers }
  // the workers load their models while this thread connects and migrates
  const pool = startWorkers(opts.workers, inputs)
  pool.catch(() => {}) // a worker that fails to start is reported by ingestInputs, which awaits the pool
  const graph = opts.dryRun
    ? null
    : await openGraph().catch(async (e: unknown) => {
        await (await pool.catch(() => null))?.close()
        throw e
      })
  const progress = progressReporter(opts.progress)
  for (const e of expanded.errors) progress.log(errorLine(e.error).slice(0, -1))
  let summary: IngestSummary
  let rebuilt: CompactResult | null = null
  try {
    summary = await ingestInputs(graph?.driver ?? null, inputs, {
      database: graph?.database,
      dryRun: opts.dryRun,
      batchSize: opts.batchSize,
      workers: opts.workers,
      pool,
      signal: stop.signal,
      onProgress: (p) => progress.update(p),
      onFailure: (f) => progress.log(errorLine(f.error).slice(0, -1)),
      onNotice: (line) => progress.log(`note: ${escapeControls(line)}`),
    })
    if (graph && !summary.interrupted && summary.articles.new + summary.articles.updated > 0) {
      // a bulk ingest leaves the search index in many pieces: rebuilt in one once the entities have grown by a quarter
      // (the articles are in: a rebuild that fails is said and leaves the index as it was, in use)
      rebuilt = await compactSearchIndexIfGrown(graph.driver, { database: graph.database }).catch((e: unknown) => {
        progress.log(`warning: the search index was not rebuilt: ${escapeControls((e as Error).message)}`)
        return null
      })
      if (rebuilt?.to) progress.log(`note: the search index was rebuilt in one piece as ${rebuilt.to} (${rebuilt.entities} entities, ${(rebuilt.ms / 1000).toFixed(1)} s)`)
    }
  } finally {
    progress.stop()
    await Promise.all([graph?.driver.close(), pool.then((p) => p?.close(), () => {})])
    stop.dispose()
  }
  summary.articles.failed += expanded.errors.length
  summary.failures.unshift(...expanded.errors)
  // peak resident memory of this process, worker threads included (maxRSS is in KiB)
  // searchIndexRebuilt: the rebuild after the articles (its time is not in `seconds`), or null
  const searchIndexRebuilt = rebuilt?.to ? { index: rebuilt.to, entities: rebuilt.entities, seconds: rebuilt.ms / 1000 } : null
  if (opts.json) process.stdout.write(JSON.stringify({ ...summary, searchIndexRebuilt, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), heapLimitMb: heapLimitMb() }) + '\n')
  else process.stdout.write(summaryText(summary) + '\n')
  if (summary.interrupted) {
    const a = summary.articles
    const done = summary.dryRun ? `${a.extracted} articles extracted` : `${a.new + a.updated + a.unchanged} articles written (${a.new} new, ${a.updated} updated, ${a.unchanged} unchanged)`
    process.stderr.write(
      `interrupted by ${stop.signal.reason}: ${done}, ${summary.interrupted.inputsNotStarted} of ${summary.inputs} inputs not started; ` +
        'run the same command again to finish (what is written is skipped as unchanged)\n',
    )
    return 128 + (os.constants.signals[stop.signal.reason as NodeJS.Signals] ?? 15)
  }
  return summary.articles.failed > 0 ? 1 : 0
}

/**
 * SIGTERM / SIGINT stop the run cleanly: no input is started after the first, the articles in hand
 * are written, and the run says what it wrote (exit status 128 + the signal's number). A second
 * signal exits at once; the batch being written is then not committed (rerunning writes it).
 */
function stopOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController()
  const handler = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      process.stderr.write(`${signal} again: stopping now, without committing the batch in hand\n`)
      process.exit(128 + (os.constants.signals[signal] ?? 15))
    }
    process.stderr.write(`${signal}: starting no more inputs; writing the articles in hand (${signal} again stops at once)\n`)
    controller.abort(signal)
  }
  const signals = ['SIGTERM', 'SIGINT'] as const
  for (const s of signals) process.on(s, handler)
  return { signal: controller.signal, dispose: () => signals.forEach((s) => process.off(s, handler)) }
}

const program = new Command()
  .name('ingest')
  .description(
    'Extract news articles and write them into Neo4j (NEO4J_URI, default the local instance of `npm run neo4j:start`).\n' +
      'PATHS are files, folders (read recursively), globs or - for stdin, in any format `extract` reads.\n' +
      'Re-ingesting an unchanged article changes nothing; a changed one (same URL) has its old facts replaced.',
  )
  .argument('[paths...]', 'files, folders, globs, or - for stdin')
  .option('--remove <idOrUrl>', 'delete one article (by its id or URL, never by the file it came from), its facts and the entities no other article mentions')
  .option('--dry-run', 'extract and report, write nothing (no Neo4j needed)')
  .option('--batch-size <n>', 'articles per write transaction', intOption(1), DEFAULT_BATCH_SIZE)
  .option('--workers <n>', 'extraction worker threads (0: extract in the main thread)', intOption(0), defaultWorkers())
  .option('--json', 'print the closing summary as one JSON object')
  .option('--no-progress', 'no progress bar or progress lines')
  .action(async (paths: string[], opts: Options) => {
    process.exitCode = await runIngest(paths, opts)
  })

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(errorLine((e as Error).message))
  process.exitCode = 1
})
