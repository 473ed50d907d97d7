// `npx tsx scripts/bench-write-cost.ts [--tree DIR] [--profile]`: the write work of one ingest of a corpus,
// counted, not timed (the figures are the same on a busy machine and a quiet one). Starts an EMPTY
// throwaway Neo4j (temporary folder, free ports), migrates it with the checkout's own migrate command,
// runs its ingest command once under scripts/support/statement-counter.mjs, and prints:
//
//   - the bytes the transaction log grew by during the ingest (what commits write: every record a
//     transaction creates or changes, before and after; a SET of an unchanged value writes nothing);
//   - statements, rows sent, Neo4j's update counters summed, and with --profile the db hits of every
//     statement (run under PROFILE), per statement and in total;
//   - entries and characters of each range index once the ingest is done (what the index writes held);
//   - the graph's size, and its fingerprint in OUT/fingerprint.txt (scripts/support/fingerprint.ts).
//
//   --tree DIR        the checkout whose migrate and ingest commands run (default: this one), e.g. a
//                     `git worktree` of an older commit, to compare the write path of two versions
//   --corpus DIR      the texts (default: PolNeAR train in $NEWSGRAPH_SHARED, else ../shared beside the clone)
//   --batch-size N    passed to the ingest command
//   --profile         db hits of every statement (PROFILE); the counters and log bytes do not need it
//   --out DIR         where stats.json, summary.json and fingerprint.txt go (default: a temporary folder)
//   --bolt-port N     the throwaway Neo4j on ports N (Bolt) and N+1 (HTTP) instead of free ones
//
// With --profile, STATEMENT_COUNTER_PLANS=FILE in the environment also writes each statement's plan to FILE:
// its operators, with their db hits and rows summed over the statement's calls (where the db hits go).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import neo4j, { type Driver } from 'neo4j-driver'
import { freePort, startNeo4j, type Neo4jInstance } from './neo4j.ts'
import { graphFingerprint } from './support/fingerprint.ts'
import { DEFAULT_CORPUS } from './support/shared.ts'
import { intOption, portOption } from '../src/cli/options.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const COUNTER = join(ROOT, 'scripts/support/statement-counter.mjs')

interface Opts {
  tree: string
  corpus: string
  batchSize?: number
  profile?: boolean
  out?: string
  boltPort?: number
}

const opts = new Command()
  .name('bench-write-cost')
  .option('--tree <dir>', "the checkout whose migrate and ingest commands run (needs its node_modules)", ROOT)
  .option('--corpus <dir>', 'the folder of texts', DEFAULT_CORPUS)
  .option('--batch-size <n>', 'articles per write transaction', intOption(1))
  .option('--profile', 'the db hits of every statement (each run under PROFILE)')
  .option('--out <dir>', 'where stats.json, summary.json and fingerprint.txt go')
  .option('--bolt-port <n>', "the throwaway Neo4j's Bolt port (its HTTP port the next one); default: free ports the system picks", portOption)
  .parse()
  .opts<Opts>()

interface StatementStats {
  calls: number
  rows: number
  dbHits: number
  paramBytes?: number
  records?: number
  updates: Record<string, number>
}

/** the bytes of the files under `dir` */
function bytesUnder(dir: string): number {
  if (!existsSync(dir)) return 0
  return readdirSync(dir, { withFileTypes: true }).reduce((n, f) => n + (f.isDirectory() ? bytesUnder(join(dir, f.name)) : statSync(join(dir, f.name)).size), 0)
}

/** Entries and characters (strings; 8 for any other value) of every range index, from the graph it indexes. */
async function indexSizes(driver: Driver): Promise<Record<string, { on: string; entries: number; chars: number }>> {
  const list = await driver.executeQuery("SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties WHERE type = 'RANGE' RETURN name, entityType, labelsOrTypes, properties ORDER BY name")
  const out: Record<string, { on: string; entries: number; chars: number }> = {}
  for (const i of list.records) {
    const [label] = i.get('labelsOrTypes') as string[]
    const props = i.get('properties') as string[]
    // schema names cannot be parameters: these come from SHOW INDEXES, quoted
    const q = (s: string) => '`' + s.replaceAll('`', '``') + '`'
    const pattern = i.get('entityType') === 'NODE' ? `(x:${q(label)})` : `()-[x:${q(label)}]->()`
    const present = props.map((p) => `x.${q(p)} IS NOT NULL`).join(' AND ')
    const size = props.map((p) => `CASE WHEN x.${q(p)} IS :: STRING THEN size(x.${q(p)}) ELSE 8 END`).join(' + ')
    const r = (await driver.executeQuery(`MATCH ${pattern} WHERE ${present} RETURN count(*) AS entries, sum(${size}) AS chars`)).records[0]
    out[i.get('name') as string] = { on: `${label}(${props.join(', ')})`, entries: Number(r.get('entries')), chars: Number(r.get('chars')) }
  }
  return out
}

const tree = resolve(opts.tree)
const tmp = mkdtempSync(join(tmpdir(), 'bench-write-cost-'))
const out = opts.out ? resolve(opts.out) : tmp
mkdirSync(out, { recursive: true })
let instance: Neo4jInstance | null = null
let driver: Driver | null = null
try {
  process.stderr.write('starting a throwaway Neo4j (heap 1g, page cache 512m)...\n')
  instance = await startNeo4j({ dataDir: join(tmp, 'neo4j'), boltPort: opts.boltPort ?? (await freePort()), httpPort: opts.boltPort !== undefined ? opts.boltPort + 1 : await freePort(), heap: '1g', pageCache: '512m', stopOnExit: true })
  driver = neo4j.driver(instance.uri, neo4j.auth.basic('neo4j', 'unused'))
  const env = { ...process.env, NEO4J_URI: instance.uri }
  const migrated = spawnSync(process.execPath, ['--import', 'tsx', join(tree, 'src/cli/migrate.ts')], { cwd: tree, env, stdio: ['ignore', 'ignore', 'inherit'] })
  if (migrated.status !== 0) throw new Error(`${tree}: migrate exited with ${migrated.status}`)
  const txLog = join(tmp, 'neo4j', 'data', 'transactions', 'neo4j')
  const before = bytesUnder(txLog)
  const statsFile = join(out, 'stats.json')
  const ingest = spawnSync(
    process.execPath,
    ['--import', COUNTER, '--import', 'tsx', join(tree, 'src/cli/ingest.ts'), opts.corpus, ...(opts.batchSize ? ['--batch-size', String(opts.batchSize)] : []), '--json', '--no-progress'],
    { cwd: tree, env: { ...env, STATEMENT_COUNTER_OUT: statsFile, STATEMENT_COUNTER_PROFILE: opts.profile ? '1' : '' }, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
  )
  if (!existsSync(statsFile) || ingest.status !== 0) throw new Error(`${tree}: ingest exited with ${ingest.status}${existsSync(statsFile) ? '' : ' and counted nothing'}`)
  const txLogBytes = bytesUnder(txLog) - before
  const cli = JSON.parse(ingest.stdout.toString().trim().split('\n').pop() ?? '{}') as { articles?: Record<string, number>; batchSize?: number }

  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Record<string, StatementStats>
  const totals: Record<string, number> = { statements: 0, rows: 0, dbHits: 0, paramBytes: 0, records: 0 }
  for (const s of Object.values(stats)) {
    totals.statements += s.calls
    totals.rows += s.rows
    totals.dbHits += s.dbHits
    totals.paramBytes += s.paramBytes ?? 0
    totals.records += s.records ?? 0
    for (const [k, n] of Object.entries(s.updates)) totals[k] = (totals[k] ?? 0) + n
  }
  const indexes = await indexSizes(driver)
  const graph = (await driver.executeQuery('MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS rels')).records[0]
  const fingerprint = await graphFingerprint(driver)
  writeFileSync(join(out, 'fingerprint.txt'), fingerprint.join('\n') + '\n')
  const summary = { tree, corpus: opts.corpus, batchSize: cli.batchSize, articles: cli.articles, txLogBytes, totals, indexes, graph: { nodes: Number(graph.get('nodes')), relationships: Number(graph.get('rels')) } }
  writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 1))

  const n = (x: number) => x.toLocaleString('en-US')
  const lines = [
    `bench:write-cost  ${tree}, batch ${cli.batchSize}, ${n(cli.articles?.new ?? 0)} articles written; graph ${n(summary.graph.nodes)} nodes, ${n(summary.graph.relationships)} relationships`,
    `transaction log   ${n(txLogBytes)} bytes`,
    `totals            ${Object.entries(totals).map(([k, x]) => `${k} ${n(x)}`).join(', ')}`,
    `range indexes     ${n(Object.values(indexes).reduce((s, i) => s + i.entries, 0))} entries, ${n(Object.values(indexes).reduce((s, i) => s + i.chars, 0))} characters`,
    ...Object.entries(indexes).filter(([, i]) => i.entries).map(([k, i]) => `  ${k.padEnd(26)} ${i.on.padEnd(34)} ${n(i.entries).padStart(8)} entries ${n(i.chars).padStart(11)} characters`),
    'statements (by db hits, then rows)',
    ...Object.entries(stats)
      .filter(([, s]) => s.rows || s.dbHits)
      .sort((a, b) => b[1].dbHits - a[1].dbHits || b[1].rows - a[1].rows)
      .map(([k, s]) => `  ${n(s.dbHits).padStart(10)} db hits ${String(s.calls).padStart(4)} calls ${n(s.rows).padStart(7)} rows ${n(s.paramBytes ?? 0).padStart(11)} B sent ${n(s.records ?? 0).padStart(7)} back  ${k.slice(0, 70)}`),
    `files             ${out} (summary.json, stats.json, fingerprint.txt)`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
} finally {
  await driver?.close()
  await instance?.stop()
  rmSync(join(tmp, 'neo4j'), { recursive: true, force: true })
  if (!opts.out) process.stderr.write(`(kept ${tmp} for its files)\n`)
}
