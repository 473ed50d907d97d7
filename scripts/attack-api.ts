// `npm run attack:api`: the hostile requests of issue 17 (D1, D2) and a fuzz of nested connection
// queries against the API over PolNeAR train, while another client asks `{ stats { articles } }`
// every 100 ms. Prints the API's peak RSS and that client's worst latency. Targets: peak RSS
// under 600 MB, every probe answered within 1 s. Exit code 1 when a target is missed.
//
// The graph: NEO4J_URI when set, else a throwaway Neo4j from scripts/neo4j.ts kept in
// $TMPDIR/newsgraph-attack-neo4j (so a second run skips the ingest). The API is `npm start`'s
// src/cli/serve.ts in its own process, so its RSS is its own.
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { intOption } from '../src/cli/options.ts'
import { loadConfig } from '../src/config.ts'
import { connect } from '../src/graph/driver.ts'
import { migrate } from '../src/graph/migrate.ts'
import { freePort, startNeo4j, type Neo4jInstance } from './neo4j.ts'
import { memoryOf, startApi } from './support/processes.ts'
import { ensureCorpus, names } from './soak.ts'
import { DEFAULT_CORPUS } from './support/shared.ts'

const DATA_DIR = join(tmpdir(), 'newsgraph-attack-neo4j')
const TARGET_RSS = 600 * 1024 * 1024
const TARGET_PROBE_MS = 1000

const say = (line: string) => process.stderr.write(`[attack] ${line}\n`)
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** issue 17, D1: the exact request (n = 100 by default) */
export const D1_QUERY =
  'query($n:Int,$m:String!){entity(name:$m){related(first:$n){coMentions weight entity{name related(first:$n){coMentions entity{name articles(first:$n){totalCount edges{node{title quotes{text about{name}}}}}}}}}}}'

/** issue 17, D2: 20 aliased whoSaidWhatAbout, first = quotesPerSpeaker = $f, $p */
export function d2Query(operationName: string): string {
  const vars = Array.from({ length: 20 }, (_, k) => `$n${k}:String!`).join(',')
  const fields = Array.from({ length: 20 }, (_, k) => `w${k}:whoSaidWhatAbout(about:$n${k},first:$f,quotesPerSpeaker:$p){count quotes{text sentence article{title text}}}`).join(' ')
  return `query ${operationName}(${vars},$f:Int,$p:Int){${fields}}`
}

/** A random nested connection query with every `first` in a variable (1..100, often 100). */
export function fuzzQuery(i: number, rand: () => number = Math.random): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {}
  const decls: string[] = []
  let k = 0
  const first = () => {
    const name = `f${k++}`
    variables[name] = rand() < 0.5 ? 100 : 1 + Math.floor(rand() * 100)
    decls.push(`$${name}:Int`)
    return `$${name}`
  }
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]
  // every field with arguments gets its own alias, so two picks of one field never conflict
  let a = 0
  const alias = () => `a${a++}:`
  const entity = (d: number): string => {
    if (d <= 0) return 'name'
    const parts = ['name']
    for (let j = 0; j < 1 + Math.floor(rand() * 2); j++) {
      parts.push(
        pick([
          () => `${alias()}related(first:${first()}){weight coMentions entity{${entity(d - 1)}}}`,
          () => `${alias()}articles(first:${first()}){totalCount edges{node{${article(d - 1)}}}}`,
          () => `${alias()}quotesAbout(first:${first()}){totalCount edges{node{${quote(d - 1)}}}}`,
          () => `...on Person{${alias()}quotes(first:${first()}){edges{node{${quote(d - 1)}}}}}`,
        ])(),
      )
    }
    return parts.join(' ')
  }
  const article = (d: number): string => {
    const parts = ['title', ...(rand() < 0.3 ? ['text'] : [])]
    if (d > 0) parts.push(pick([() => `quotes{${quote(d - 1)}}`, () => `entities{count entity{${entity(d - 1)}}}`])())
    return parts.join(' ')
  }
  const quote = (d: number): string => {
    const parts = ['text sentence']
    if (d > 0) parts.push(pick([() => `about{${entity(d - 1)}}`, () => `article{${article(d - 1)}}`, () => `speaker{${entity(d - 1)}}`])())
    return parts.join(' ')
  }
  const depth = 1 + Math.floor(rand() * 4)
  let usesM = false
  const root = pick([
    () => ((usesM = true), `entity(name:$m){${entity(depth)}}`),
    () => `articles(first:${first()}){edges{node{${article(depth)}}}}`,
    () => `quotes(first:${first()}){edges{node{${quote(depth)}}}}`,
    () => ((usesM = true), `whoSaidWhatAbout(about:$m,first:${first()},quotesPerSpeaker:${first()}){count quotes{${quote(depth - 1)}}}`),
  ])()
  if (usesM) decls.unshift('$m:String!')
  return { query: `query Fuzz${i}(${decls.join(',')}){${root}}`, variables }
}

/**
 * The other client's slowest answers over the target (at most 5), each with the share of a core the API and
 * Neo4j used meanwhile: an API near a whole core was blocked by its own work; one far below it was waiting
 * (for Neo4j, or for a core the machine's other processes held).
 */
function slowest(probes: { t: number; ms: number }[], share: (from: number, to: number) => { api: number; neo4j: number }): string[] {
  const slow = probes.filter((p) => p.ms > TARGET_PROBE_MS).sort((a, b) => b.ms - a.ms).slice(0, 5)
  return slow.map((p) => {
    const s = share(p.t - p.ms, p.t)
    return `  slow answer: ${Math.round(p.ms)} ms at ${new Date(p.t).toISOString()}; meanwhile the API used ${(100 * s.api).toFixed(0)}% of a core, Neo4j ${(100 * s.neo4j).toFixed(0)}%`
  })
}

/** the 99th percentile of some latencies (0 for none) */
function p99(ms: number[]): number {
  if (!ms.length) return 0
  const sorted = [...ms].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]
}

/** CPU time a process has used so far (user + system, all its threads), in ms; 0 when it cannot be read */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0
  try {
    // /proc/PID/stat: fields after the command's closing parenthesis; utime and stime are the 12th and 13th
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}


interface Outcome {
  status: number
  bytes: number
  ms: number
  /** data, or the first error's code */
  kind: string
}

async function send(url: string, body: unknown, timeoutMs = 120_000): Promise<Outcome> {
  const t0 = performance.now()
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await res.text()
    const code = /"code":"(\w+)"/.exec(text)?.[1]
    const kind = code ?? (text.includes('"errors"') ? `error: ${(/"message":"([^"]{0,60})/.exec(text)?.[1] ?? '?')}` : 'answered')
    return { status: res.status, bytes: text.length, ms: performance.now() - t0, kind }
  } catch (err) {
    return { status: 0, bytes: 0, ms: performance.now() - t0, kind: `no answer: ${err instanceof Error ? err.message : String(err)}` }
  }
}

function summary(label: string, outcomes: Outcome[]): string {
  if (!outcomes.length) return label
  const kinds = new Map<string, number>()
  for (const o of outcomes) kinds.set(`${o.status} ${o.kind}`, (kinds.get(`${o.status} ${o.kind}`) ?? 0) + 1)
  const maxMs = Math.max(0, ...outcomes.map((o) => o.ms))
  const maxBytes = Math.max(0, ...outcomes.map((o) => o.bytes))
  return `${label}: ${outcomes.length} request(s); ${[...kinds].map(([k, n]) => `${n} x ${k}`).join(', ')}; slowest ${(maxMs / 1000).toFixed(1)} s; largest answer ${(maxBytes / 1e6).toFixed(2)} MB`
}

interface Options {
  corpus: string
  fuzz: number
  concurrency: number
  n: number
  /** write a V8 CPU profile of the API into this folder (node --cpu-prof) */
  cpuProf?: string
}

export async function attack(opts: Options): Promise<number> {
  const config = loadConfig()
  let neo4j: Neo4jInstance | null = null
  let uri = process.env.NEO4J_URI?.trim()
  if (!uri) {
    neo4j = await startNeo4j({ dataDir: DATA_DIR, boltPort: await freePort(), httpPort: await freePort(), pageCache: '256m', heap: '1g', log: say })
    uri = neo4j.uri
  }
  let server: { child: ChildProcess; url: string } | null = null
  const driver = await connect({ ...config, neo4jUri: uri })
  try {
    await migrate(driver, { database: config.neo4jDatabase })
    const held = await ensureCorpus(driver, config.neo4jDatabase, resolve(opts.corpus))
    const about = [...(await names(driver, config.neo4jDatabase, 'Country', 10)), ...(await names(driver, config.neo4jDatabase, 'Person', 10))]
    if (about.length < 20) throw new Error(`the graph names only ${about.length} countries and people; D2 needs 20`)
    say(`graph: ${held} articles of ${opts.corpus}`)

    server = await startApi(uri, opts.cpuProf ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${resolve(opts.cpuProf)}`] } : {})
    const { url } = server
    const pid = server.child.pid!
    const start = memoryOf(pid)
    let peak = start.rss
    // CPU used by the API and by Neo4j, sampled with the RSS: for a slow answer to the other client, whether the
    // API was busy (its own work blocking it) or hardly ran (the machine's other processes, or Neo4j, had the cores)
    const cpu: { t: number; api: number; neo4j: number }[] = []
    const sampler = setInterval(() => {
      cpu.push({ t: Date.now(), api: cpuMs(pid), neo4j: cpuMs(neo4j?.pid) })
      try {
        peak = Math.max(peak, memoryOf(pid).rss)
      } catch {
        // the process is gone: the probe and the phases say so
      }
    }, 100)
    /** the share of one core the API and Neo4j used between two times (from the samples around them) */
    const cpuShare = (from: number, to: number): { api: number; neo4j: number } => {
      const a = cpu.filter((c) => c.t <= from).at(-1) ?? cpu[0]
      const b = cpu.find((c) => c.t >= to) ?? cpu.at(-1)
      if (!a || !b || b.t <= a.t) return { api: 0, neo4j: 0 }
      return { api: (b.api - a.api) / (b.t - a.t), neo4j: (b.neo4j - a.neo4j) / (b.t - a.t) }
    }
    say(`API pid ${pid} at ${url}, RSS ${mb(start.rss)} at start`)

    // the other client: `{ stats { articles } }` every 100 ms, one at a time
    const probe = { sent: 0, failed: 0, maxMs: 0, slow: 0, failures: new Map<string, number>() }
    const probeTimes: { t: number; ms: number }[] = []
    let probing = true
    const prober = (async () => {
      while (probing) {
        const t0 = Date.now()
        const o = await send(url, { query: '{ stats { articles } }' }, 30_000)
        probe.sent++
        probeTimes.push({ t: Date.now(), ms: o.ms })
        if (o.status !== 200 || o.kind !== 'answered') {
          probe.failed++
          probe.failures.set(`${o.status} ${o.kind}`, (probe.failures.get(`${o.status} ${o.kind}`) ?? 0) + 1)
        }
        probe.maxMs = Math.max(probe.maxMs, o.ms)
        if (o.ms > TARGET_PROBE_MS) probe.slow++
        await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - t0))))
      }
    })()

    const lines: string[] = []
    const phase = async (label: string, run: () => Promise<Outcome[]>) => {
      const before = peak
      const t0 = Date.now()
      const outcomes = await run()
      const probed = probeTimes.filter((p) => p.t >= t0).map((p) => p.ms)
      const line = `${summary(label, outcomes)}; ${((Date.now() - t0) / 1000).toFixed(1)} s; API RSS peak ${mb(Math.max(before, peak))}, now ${mb(memoryOf(pid).rss)}; the other client meanwhile: ${probed.length} answers, p99 ${Math.round(p99(probed))} ms, max ${Math.round(Math.max(0, ...probed))} ms, ${probed.filter((ms) => ms > TARGET_PROBE_MS).length} over ${TARGET_PROBE_MS} ms`
      say(line)
      lines.push(line)
    }
    const pool = async <T>(items: T[], n: number, f: (item: T) => Promise<Outcome>) => {
      const out: Outcome[] = []
      let next = 0
      await Promise.all(Array.from({ length: n }, async () => {
        while (next < items.length) out.push(await f(items[next++]))
      }))
      return out
    }

    // the machine's own noise: the other client alone, no attack
    await phase('baseline: no attack, 20 s', async () => (await new Promise((r) => setTimeout(r, 20_000)), []))
    await phase(`D1 (n=${opts.n}, m="Donald Trump"), 3 at once`, () =>
      Promise.all(Array.from({ length: 3 }, () => send(url, { query: D1_QUERY, variables: { n: opts.n, m: 'Donald Trump' } }))))
    await phase('D1 with n = 10, 20, 30', () => pool([10, 20, 30], 3, (n) => send(url, { query: D1_QUERY, variables: { n, m: 'Donald Trump' } })))
    const d2Vars = { ...Object.fromEntries(about.slice(0, 20).map((name, k) => [`n${k}`, name])), f: 100, p: 100 }
    await phase('D2 (20 aliased whoSaidWhatAbout, first = quotesPerSpeaker = 100), 30 operation names, 2 at a time', () =>
      pool(Array.from({ length: 30 }, (_, i) => `D2Attack${i}`), 2, (name) => send(url, { query: d2Query(name), variables: d2Vars, operationName: name })))
    const fuzz = Array.from({ length: opts.fuzz }, (_, i) => {
      const q = fuzzQuery(i)
      return { ...q, variables: { ...q.variables, m: about[i % about.length] } }
    })
    await phase(`fuzz: ${opts.fuzz} nested connection queries, first in variables up to 100, ${opts.concurrency} at a time`, () =>
      pool(fuzz, opts.concurrency, (q) => send(url, q)))
    // idle: expired cache entries and answers must be let go
    await new Promise((r) => setTimeout(r, 15_000))
    probing = false
    await prober
    clearInterval(sampler)
    const end = memoryOf(pid)
    peak = Math.max(peak, end.rss)

    const ok = Math.max(peak, end.hwm) < TARGET_RSS && probe.maxMs <= TARGET_PROBE_MS && probe.failed === 0 && server.child.exitCode === null
    process.stdout.write(
      [
        'attack:api (issue 17: D1, D2 and a fuzz of nested connection queries) over PolNeAR train',
        ...lines,
        `API RSS: ${mb(start.rss)} at start, peak ${mb(Math.max(peak, end.hwm))} (VmHWM ${mb(end.hwm)}; sampled every 100 ms: ${mb(peak)}), ${mb(end.rss)} after 15 s idle; target < ${mb(TARGET_RSS)}`,
        `load average (1, 5, 15 min) at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores`,
        `other client ({ stats { articles } } every 100 ms): ${probe.sent} requests, ${probe.failed} failed${probe.failed ? ` (${[...probe.failures].map(([k, n]) => `${n} x ${k}`).join(', ')})` : ''}, p99 ${Math.round(p99(probeTimes.map((p) => p.ms)))} ms, max latency ${Math.round(probe.maxMs)} ms, ${probe.slow} over ${TARGET_PROBE_MS} ms; target: all within ${TARGET_PROBE_MS} ms`,
        ...slowest(probeTimes, cpuShare),
        `API still running: ${server.child.exitCode === null ? 'yes' : `no (exit ${server.child.exitCode})`}`,
        ok ? 'PASS' : 'FAIL',
      ].join('\n') + '\n',
    )
    return ok ? 0 : 1
  } finally {
    if (server && server.child.exitCode === null) {
      const child = server.child
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await gone
    }
    await driver.close()
    await neo4j?.stop()
  }
}

const program = new Command()
  .name('attack:api')
  .description('The hostile requests of issue 17 (D1, D2) and a fuzz of nested queries against the API over PolNeAR train; prints the API\'s peak RSS and another client\'s worst latency.')
  .option('--corpus <dir>', 'the articles the graph must hold (ingested when missing)', DEFAULT_CORPUS)
  .option('--fuzz <n>', 'how many fuzzed queries', intOption(1), 200)
  .option('--concurrency <n>', 'fuzzed queries at a time', intOption(1), 4)
  .option('--n <first>', 'the `first` of the D1 request', intOption(1), 100)
  .option('--cpu-prof <dir>', 'write a V8 CPU profile of the API (node --cpu-prof) into this folder, for where its time went')
  .action(async (opts: Options) => {
    process.exitCode = await attack(opts)
  })

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  program.parseAsync(process.argv).catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  })
}
