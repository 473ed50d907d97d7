// `npm run bench:scale [-- --articles 1000,10000,100000]`: how query cost and ingest rate grow with the
// corpus (issue 13). A synthetic corpus is built from the PolNeAR train texts: edition 0 is the texts as
// they are, every later edition the same texts with an edition line added (so new article ids) and, in a
// part of its articles (--vary), the people's first names and surnames swapped for fictional ones made
// up for that edition, so the number of people grows with the corpus and not only the counts. (The
// quotes keep their words: a synthetic load, never shown as facts.) It is ingested in steps into an EMPTY
// throwaway Neo4j (temporary folder, free ports; stopped and deleted at the end) by the ingest command,
// and after each step the API (`npm start`'s server, RESPONSE_CACHE_MS=0) is loaded with autocannon at 1
// and 8 connections for each query of the issue's list. One table at the end: req/s, p50 and p99 per
// step, the growth between the last two steps, ingest rate, store size per article and peak memory, and the CPU
// milliseconds a request costs the API, Neo4j and the load generator at the most connections (from /proc).
// Never part of `npm test`.
import type { ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Command, InvalidArgumentError } from 'commander'
import neo4j, { type Driver } from 'neo4j-driver'
import { intOption } from '../src/cli/options.ts'
import { migrate } from '../src/graph/migrate.ts'
import { neo4jMemory, startNeo4j, throwawayPorts, type Neo4jInstance } from './neo4j.ts'
import { dbHitsPerRequest } from './support/db-hits.ts'
import { fmtMs, loadGraphql, median, medianFigures, stopChild, type Figures } from './support/bench.ts'
import { cpuDuring, cpuSeconds, memoryOf, runIngest, startApi, threadCpuSeconds, type LoadCpu } from './support/processes.ts'
import { QUERIES, rows, targets, type Targets } from './support/scale-queries.ts'
import { corpusDir, DEFAULT_CORPUS } from './support/shared.ts'


/** what `npm run ingest -- --json` prints last (the fields read here) */
interface CliSummary {
  articles: { new: number; updated: number; unchanged: number; failed: number }
  seconds: number
  /** the search index rebuilt after the articles (src/graph/search-index.ts), not in `seconds` */
  searchIndexRebuilt?: { seconds: number } | null
  peakRssMb: number
}

const COUNTS = `
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (p:Person) RETURN count(p) AS people }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (q:Quote) RETURN count(q) AS quotes }
RETURN articles, people, entities, quotes`
/** the words of the people's names (first names and surnames), and those of every other entity's name */
const NAME_WORDS = `
MATCH (e:Entity) WHERE e.name CONTAINS ' '
RETURN e.name AS name, e:Person AS person`

// ------------------------------------------------------------------ the synthetic corpus

const SYLLABLES = ['bar', 'cel', 'dor', 'fen', 'gal', 'hol', 'ister', 'jor', 'kel', 'lom', 'mar', 'nev', 'or', 'pell', 'quin', 'ros', 'sel', 'tam', 'ul', 'var', 'wen', 'yst', 'zor', 'bri', 'cado', 'lind']
const NOT_A_NAME = new Set(['The', 'And', 'But', 'For', 'Mr', 'Mrs', 'Ms', 'Dr', 'President', 'Senator', 'Governor', 'Sen', 'Gov', 'Rep', 'Former', 'New', 'Saint'])

function hashBytes(s: string): Buffer {
  return createHash('sha1').update(s).digest()
}

/** a made-up name word, the same for the same edition and word */
function fictional(edition: number, word: string, syllables: number): string {
  const h = hashBytes(`${edition}\0${word}`)
  let out = ''
  for (let i = 0; i < syllables; i++) out += SYLLABLES[h[i] % SYLLABLES.length]
  return out[0].toUpperCase() + out.slice(1)
}

class Corpus {
  readonly names: string[]
  private texts = new Map<string, string>()
  private pattern: RegExp | null = null
  private firstNames = new Set<string>()

  constructor(
    private dir: string,
    private vary: number,
  ) {
    this.names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort()
    if (!this.names.length) throw new Error(`${dir}: no texts`)
  }

  /** the name words to swap, from the people of the graph after edition 0 (words of other entities' names excluded) */
  setNames(rows: { name: string; person: boolean }[]): number {
    const keep = new Set<string>()
    const others = new Set<string>()
    const isWord = (w: string) => /^[A-Z][a-z'’-]{2,}$/.test(w) && !NOT_A_NAME.has(w)
    for (const { name, person } of rows) {
      const words = name.split(/\s+/)
      if (!person) words.forEach((w) => others.add(w))
      else {
        if (isWord(words[0])) {
          keep.add(words[0])
          this.firstNames.add(words[0])
        }
        if (isWord(words.at(-1)!)) keep.add(words.at(-1)!)
      }
    }
    const words = [...keep].filter((w) => !others.has(w)).sort((a, b) => b.length - a.length)
    this.pattern = words.length ? new RegExp(`\\b(?:${words.map((w) => w.replace(/[-']/g, '\\$&')).join('|')})\\b`, 'g') : null
    return words.length
  }

  get articlesPerEdition(): number {
    return this.names.length
  }

  /** article i of the synthetic corpus: its file name and text */
  article(i: number): { file: string; text: string; renamed: boolean } {
    const edition = Math.floor(i / this.names.length)
    const name = this.names[i % this.names.length]
    let text = this.texts.get(name)
    if (text === undefined) this.texts.set(name, (text = readFileSync(join(this.dir, name), 'utf8')))
    if (edition === 0) return { file: `e0-${name}`, text, renamed: false }
    const renamed = this.pattern !== null && hashBytes(`${edition}\0${name}`)[0] / 256 < this.vary
    if (renamed) text = text.replace(this.pattern!, (w) => fictional(edition, w, this.firstNames.has(w) ? 2 : 3))
    return { file: `e${edition}-${name}`, text: `${text}\n\n[edition ${edition}]\n`, renamed }
  }
}

// ------------------------------------------------------------------ measuring

function sizes(v: string): number[] {
  const list = v.split(',').map((s) => intOption(1)(s.trim()))
  if (list.some((n, i) => i > 0 && n <= list[i - 1])) throw new InvalidArgumentError('sizes must grow, e.g. 1000,3000')
  return list
}

function duBytes(path: string): number {
  let total = 0
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, entry.name)
    if (entry.isDirectory()) total += duBytes(p)
    else if (entry.isFile()) total += statSync(p).size
  }
  return total
}

const say = (line: string) => process.stderr.write(`[bench:scale] ${line}\n`)
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

interface Step {
  articles: number
  counts: Record<string, unknown>
  targets: Targets
  ingest: { articles: number; seconds: number; failed: number; peakRssMb: number; rebuildSeconds: number }
  storeBytes: number
  neo4jPeak: number
  apiPeak: number
  figures: Record<string, Record<number, Figures & { answerErrors: boolean; cpu: CpuPerRequest }>>
  /** Neo4j db hits of all the Cypher one request runs (PROFILE), and how many queries */
  dbHits: Record<string, { hits: number; queries: number }>
  load: number[]
  /** Neo4j's CPU, % of one core, over a few seconds with no client just before the load; its busiest threads */
  neo4jIdle: { pct: number; threads: string }
}

/**
 * CPU milliseconds per answered request over a load (processes.ts cpuDuring): what a req/s figure is made of. It
 * moves less than req/s with how fast the shared machine is at the moment, but it moves too (docs/scale.md, run k)
 */
type CpuPerRequest = LoadCpu

/** the CPU per answered request of `run`, for the API and Neo4j processes and this one */
async function withCpu(pids: { api: number; neo4j: number }, run: () => Promise<Figures>): Promise<Figures & { cpu: CpuPerRequest }> {
  const { result: f, cpuMs } = await cpuDuring(pids, run)
  const per = (ms: number) => (f.answered ? ms / f.answered : 0)
  return { ...f, cpu: { api: per(cpuMs.api), neo4j: per(cpuMs.neo4j), load: per(cpuMs.load) } }
}

interface Opts {
  articles: number[]
  corpus: string
  vary: number
  duration: number
  repeat: number
  connections: number[]
  queries: string[]
  workers?: number
  batchSize?: number
  heap?: string
  pageCache?: string
  /** neo4j.conf lines (`key=value`) in place of the launcher's line of the same key, e.g. to try a setting */
  neo4jConf: string[]
  keep: boolean
}

const IDLE_SAMPLE_MS = 5000

/**
 * Neo4j's CPU over `ms` with no client: work a write leaves behind (a checkpoint, index updates) that the
 * load after it would share the cores with. The busiest threads by name, with their share of a core.
 */
async function idleCpu(pid: number, ms: number): Promise<{ pct: number; threads: string }> {
  const [c0, t0] = [cpuSeconds(pid), threadCpuSeconds(pid)]
  await new Promise((r) => setTimeout(r, ms))
  const [c1, t1] = [cpuSeconds(pid), threadCpuSeconds(pid)]
  const pct = (s: number) => Math.round((s * 100_000) / ms)
  const threads = [...t1]
    .map(([name, s]) => [name, s - (t0.get(name) ?? 0)] as const)
    .filter(([, s]) => pct(s) >= 5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, s]) => `${name} ${pct(s)}%`)
    .join(', ')
  return { pct: pct(c1 - c0), threads }
}

async function ingestStep(corpus: Corpus, from: number, to: number, dir: string, uri: string, opts: Opts): Promise<CliSummary> {
  mkdirSync(dir, { recursive: true })
  for (let i = from; i < to; i++) {
    const { file, text } = corpus.article(i)
    writeFileSync(join(dir, file), text)
  }
  const extra = [
    ...(opts.workers !== undefined ? ['--workers', String(opts.workers)] : []),
    ...(opts.batchSize !== undefined ? ['--batch-size', String(opts.batchSize)] : []),
  ]
  const { summary } = await runIngest<CliSummary>(uri, [dir, ...extra])
  rmSync(dir, { recursive: true, force: true }) // the graph holds the texts; the files are not needed again
  return summary
}

async function measure(url: string, pids: { api: number; neo4j: number }, t: Targets, opts: Opts): Promise<Step['figures']> {
  const out: Step['figures'] = {}
  for (const key of opts.queries) {
    const q = QUERIES[key]
    const body = JSON.stringify({ query: q.query, variables: q.vars(t) })
    // warm-up: the first answers compile the query's plan (and, on a fresh JVM, its code) and fill the
    // page cache; a cold server under load can time out on them, so up to three tries, one at a time
    let errors: unknown[] | undefined
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      errors = ((await res.json()) as { errors?: unknown[] }).errors
      if (!errors) break
    }
    if (errors) say(`${key}: the answer has errors (the row is marked; the load goes on): ${JSON.stringify(errors).slice(0, 300)}`)
    await loadGraphql(url, body, 8, 2)
    out[key] = {}
    for (const c of opts.connections) {
      const runs: (Figures & { cpu: CpuPerRequest })[] = []
      for (let r = 0; r < opts.repeat; r++) runs.push(await withCpu(pids, () => loadGraphql(url, body, c, opts.duration)))
      const cpu = { api: median(runs.map((r) => r.cpu.api)), neo4j: median(runs.map((r) => r.cpu.neo4j)), load: median(runs.map((r) => r.cpu.load)) }
      const f = { ...medianFigures(runs), answerErrors: Boolean(errors), cpu }
      out[key][c] = f
      say(
        `  ${q.label.padEnd(32)} c=${String(c).padEnd(2)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${fmtMs(f.p50)} ms  p99 ${fmtMs(f.p99)} ms` +
          `  CPU ms/request: API ${cpu.api.toFixed(2)}, Neo4j ${cpu.neo4j.toFixed(2)}, load generator ${cpu.load.toFixed(2)}${f.errors ? `  errors ${f.errors}` : ''}`,
      )
    }
  }
  return out
}

function table(steps: Step[], opts: Opts): string {
  const n = (x: number) => x.toLocaleString('en-US')
  const head = ['query', 'c', ...steps.map((s) => `${n(s.articles)} articles: req/s, p50, p99 (ms)`)]
  const last = steps.at(-1)!
  const prev = steps.length > 1 ? steps.at(-2)! : null
  if (prev) head.push(`p50 growth ${n(prev.articles)} -> ${n(last.articles)}`)
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
  for (const key of opts.queries) {
    for (const c of opts.connections) {
      const cells = steps.map((s) => {
        const f = s.figures[key]?.[c]
        if (!f) return '-'
        if (f.rps === 0) return `no answer within ${opts.duration} s`
        return `${f.rps.toFixed(0)}, ${fmtMs(f.p50)}, ${fmtMs(f.p99)}${f.errors ? ` (${f.errors} failed)` : ''}${f.answerErrors ? ' (GraphQL errors)' : ''}`
      })
      const row = [QUERIES[key].label, String(c), ...cells]
      if (prev) {
        const a = prev.figures[key]?.[c]
        const b = last.figures[key]?.[c]
        row.push(!a || !b ? '-' : a.rps === 0 || b.rps === 0 ? 'no answer in a step' : a.p50 > 0 ? `${(b.p50 / a.p50).toFixed(2)}x` : `${fmtMs(a.p50)} -> ${fmtMs(b.p50)} ms`)
      }
      lines.push(`| ${row.join(' | ')} |`)
    }
  }
  const extra = (label: string, f: (s: Step) => string) => {
    const row = [label, '', ...steps.map(f)]
    if (prev) row.push('')
    lines.push(`| ${row.join(' | ')} |`)
  }
  extra('graph: articles, people, entities, quotes', (s) => `${n(Number(s.counts.articles))}, ${n(Number(s.counts.people))}, ${n(Number(s.counts.entities))}, ${n(Number(s.counts.quotes))}`)
  extra('ingest rate of the step', (s) => `${(s.ingest.articles / s.ingest.seconds).toFixed(1)} articles/s (${n(s.ingest.articles)} in ${s.ingest.seconds.toFixed(0)} s${s.ingest.rebuildSeconds ? `, of which ${s.ingest.rebuildSeconds.toFixed(1)} s rebuilding the search index` : ''}${s.ingest.failed ? `, ${s.ingest.failed} failed` : ''})`)
  extra('peak RSS: ingest, Neo4j, API', (s) => `${s.ingest.peakRssMb} MB, ${mb(s.neo4jPeak)}, ${mb(s.apiPeak)}`)
  extra('store on disk incl. transaction logs (per article)', (s) => `${mb(s.storeBytes)} (${Math.round(s.storeBytes / Number(s.counts.articles) / 1024)} KB)`)
  extra('Neo4j CPU with no client, just before the load', (s) => `${s.neo4jIdle.pct}% of a core`)
  extra('load average during the step', (s) => s.load.map((x) => x.toFixed(1)).join(', '))
  // CPU per request at the most connections: what the req/s above are made of, and what the cores allow
  const c = Math.max(...opts.connections)
  const cores = availableParallelism()
  const cpuHead = ['query', ...steps.map((s) => `${n(s.articles)} articles: API + Neo4j + load generator = ms`)]
  lines.push(
    '',
    `CPU per request at ${c} connections, in ms, and the req/s that ${cores} cores busy with nothing else would allow at that cost:`,
    '',
    `| ${cpuHead.join(' | ')} |`,
    `|${cpuHead.map(() => '---').join('|')}|`,
  )
  for (const key of opts.queries) {
    const cells = steps.map((s) => {
      const cpu = s.figures[key]?.[c]?.cpu
      if (!cpu) return '-'
      const sum = cpu.api + cpu.neo4j + cpu.load
      return `${cpu.api.toFixed(2)} + ${cpu.neo4j.toFixed(2)} + ${cpu.load.toFixed(2)} = ${sum.toFixed(2)} (${sum > 0 ? n(Math.round((cores * 1000) / sum)) : '-'} req/s)`
    })
    lines.push(`| ${[QUERIES[key].label, ...cells].join(' | ')} |`)
  }
  const hits = ['query', ...steps.map((s) => `${n(s.articles)} articles: db hits (Cypher queries)`)]
  if (prev) hits.push(`growth ${n(prev.articles)} -> ${n(last.articles)}`)
  lines.push('', `| ${hits.join(' | ')} |`, `|${hits.map(() => '---').join('|')}|`)
  for (const key of opts.queries) {
    const row = [QUERIES[key].label, ...steps.map((s) => (s.dbHits[key] ? `${n(s.dbHits[key].hits)} (${s.dbHits[key].queries})` : '-'))]
    if (prev) {
      const a = prev.dbHits[key]?.hits
      const b = last.dbHits[key]?.hits
      row.push(a && b ? `${(b / a).toFixed(2)}x` : '-')
    }
    lines.push(`| ${row.join(' | ')} |`)
  }
  return lines.join('\n')
}

async function main(opts: Opts): Promise<void> {
  const corpus = new Corpus(corpusDir(resolve(opts.corpus)), opts.vary)
  const tmp = mkdtempSync(join(tmpdir(), 'bench-scale-'))
  let instance: Neo4jInstance | null = null
  let driver: Driver | null = null
  let api: { child: ChildProcess; url: string } | null = null
  const steps: Step[] = []
  try {
    say(`starting a throwaway Neo4j in ${tmp} ...`)
    instance = await startNeo4j({
      dataDir: join(tmp, 'neo4j'),
      // NEO4J_BOLT_PORT / NEO4J_HTTP_PORT when set (a shared machine's allotted ports), else free ones
      ...(await throwawayPorts()),
      heap: opts.heap,
      pageCache: opts.pageCache,
      memory: 'auto',
      conf: opts.neo4jConf,
      stopOnExit: !opts.keep,
      log: say,
    })
    driver = neo4j.driver(instance.uri, { scheme: 'none', principal: '', credentials: '' })
    await migrate(driver)
    let done = 0
    let namesSet = false
    for (const size of opts.articles) {
      say(`step to ${size} articles: ingesting ${size - done} (load average ${loadavg()[0].toFixed(1)}) ...`)
      const loads = [loadavg()[0]]
      const ingest = { articles: 0, seconds: 0, failed: 0, peakRssMb: 0, rebuildSeconds: 0 }
      let from = done
      while (from < size) {
        // the fictional names of later editions are made from the people edition 0 put in the graph
        const to = namesSet ? size : Math.min(size, corpus.articlesPerEdition)
        if (!namesSet && from >= corpus.articlesPerEdition) {
          const swapped = corpus.setNames((await rows(driver, NAME_WORDS)) as { name: string; person: boolean }[])
          say(`edition 0 is in: ${swapped} name words to swap in ${Math.round(opts.vary * 100)}% of the later editions' articles`)
          namesSet = true
          continue
        }
        const s = await ingestStep(corpus, from, to, join(tmp, 'corpus', `${from}-${to}`), instance.uri, opts)
        ingest.articles += s.articles.new + s.articles.updated + s.articles.unchanged
        ingest.failed += s.articles.failed
        // the ingest command's whole work: its articles and the search index it rebuilt after them
        ingest.seconds += s.seconds + (s.searchIndexRebuilt?.seconds ?? 0)
        ingest.rebuildSeconds += s.searchIndexRebuilt?.seconds ?? 0
        ingest.peakRssMb = Math.max(ingest.peakRssMb, s.peakRssMb)
        from = to
      }
      done = size
      loads.push(loadavg()[0])
      const [counts] = await rows(driver, COUNTS)
      const t = await targets(driver)
      say(`graph: ${JSON.stringify(counts)}; targets ${JSON.stringify(t)}`)
      const dbHits = await dbHitsPerRequest(driver, Object.fromEntries(opts.queries.map((k) => [k, JSON.stringify({ query: QUERIES[k].query, variables: QUERIES[k].vars(t) })])))
      say(`db hits per request: ${JSON.stringify(dbHits)}`)
      const neo4jIdle = await idleCpu(instance.pid, IDLE_SAMPLE_MS)
      say(`Neo4j with no client for ${IDLE_SAMPLE_MS / 1000} s before the load: ${neo4jIdle.pct}% of a core (${neo4jIdle.threads || 'no thread busy'})`)
      api = await startApi(instance.uri, { env: { RESPONSE_CACHE_MS: '0' } })
      const figures = await measure(api.url, { api: api.child.pid!, neo4j: instance.pid }, t, opts)
      const apiPeak = memoryOf(api.child.pid!).hwm
      await stopChild(api.child)
      api = null
      loads.push(loadavg()[0])
      steps.push({
        articles: size,
        counts,
        targets: t,
        ingest,
        storeBytes: duBytes(join(instance.dataDir, 'data')),
        neo4jPeak: memoryOf(instance.pid).hwm,
        apiPeak,
        figures,
        dbHits,
        load: loads,
        neo4jIdle,
      })
      process.stdout.write(`\n${table(steps, opts)}\n\n`)
    }
    const t = steps.at(-1)!.targets
    process.stdout.write(
      `bench:scale: ${opts.articles.join(', ')} articles (${Math.round(opts.vary * 100)}% of later editions with fictional names); response cache off; ` +
        `${opts.duration} s per figure (median of ${opts.repeat}); last step's targets: most quoted "${t.mostQuoted}", people "${t.person}" and "${t.person2}", search "${t.typo}". ` +
        `Neo4j heap ${opts.heap ?? neo4jMemory().heap}, page cache ${opts.pageCache ?? neo4jMemory().pageCache}${opts.neo4jConf.length ? `, ${opts.neo4jConf.join(', ')}` : ''}; load average per step: before ingest, after ingest, after the load.\n`,
    )
  } finally {
    if (api) await stopChild(api.child)
    await driver?.close()
    if (opts.keep) say(`kept: Neo4j ${instance?.uri} (pid ${instance?.pid}), data in ${tmp}; stop with npm run neo4j:stop -- -d ${join(tmp, 'neo4j')}`)
    else {
      await instance?.stop()
      rmSync(tmp, { recursive: true, force: true })
    }
  }
}

/** one --neo4j-conf line, checked: a setting's key (letters, digits, dots, underscores), '=', a value */
function confLine(v: string, prev: string[]): string[] {
  if (!/^[A-Za-z][\w.]*=\S.*$/.test(v.trim())) throw new InvalidArgumentError('a neo4j.conf line, key=value (e.g. db.checkpoint.interval.time=30m)')
  return [...prev, v.trim()]
}

const raw = new Command()
  .name('bench:scale')
  .description('Query cost and ingest rate as the corpus grows: a synthetic corpus from the PolNeAR train texts ingested in steps into a throwaway Neo4j, the API loaded after each step (response cache off).')
  .option('--articles <sizes>', 'corpus sizes of the steps, comma-separated, growing', sizes, [1000, 3000])
  .option('--corpus <dir>', 'the folder of texts the editions are made of', DEFAULT_CORPUS)
  .option('--vary <fraction>', "share of a later edition's articles whose people get fictional names", (v) => {
    const x = Number(v)
    if (!(x >= 0 && x <= 1)) throw new InvalidArgumentError('a fraction from 0 to 1')
    return x
  }, 0.5)
  .option('--duration <s>', 'seconds of load per figure', intOption(1), 5)
  .option('--repeat <n>', 'runs per figure; the median is printed', intOption(1), 1)
  .option('--connections <list>', 'connections, comma-separated', '1,8')
  .option('--queries <list>', `which queries, comma-separated (${Object.keys(QUERIES).join(', ')})`, Object.keys(QUERIES).join(','))
  .option('--workers <n>', 'extraction worker threads of the ingest command', intOption(0))
  .option('--batch-size <n>', 'articles per write transaction', intOption(1))
  .option('--heap <size>', "Neo4j's heap, e.g. 2g (default: NEO4J_HEAP_SIZE, else from the machine's memory, as npm start)")
  .option('--page-cache <size>', "Neo4j's page cache, e.g. 2g (default: NEO4J_PAGECACHE_SIZE, else from the machine's memory)")
  .option('--neo4j-conf <key=value>', "a neo4j.conf line for the throwaway Neo4j (repeat for more), in place of the launcher's line of that key", confLine, [])
  .option('--keep', 'leave the Neo4j running and its data in place at the end')
  .parse()
  .opts<Omit<Opts, 'connections' | 'queries'> & { connections: string; queries: string }>()

const queries = raw.queries.split(',').map((s) => s.trim())
const unknown = queries.filter((q) => !(q in QUERIES))
if (unknown.length) {
  console.error(`--queries: no query ${unknown.map((q) => `"${q}"`).join(', ')}; the queries are ${Object.keys(QUERIES).join(', ')}`)
  process.exit(1)
}
main({ ...raw, keep: Boolean(raw.keep), queries, connections: raw.connections.split(',').map((s) => intOption(1)(s.trim())) }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
