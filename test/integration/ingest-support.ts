// Helpers of the ingestion tests: run the real CLI, count and fingerprint the graph, make corpora.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Driver } from 'neo4j-driver'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const FIXTURES = join(ROOT, 'test/fixtures/ingest')
export const ARTICLES = join(FIXTURES, 'articles')
const CLI = join(ROOT, 'src/cli/ingest.ts')

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
}

/** Starts `ingest ARGS` as its own process; `done` settles when it exits. */
export function startCli(args: string[], env: Record<string, string>, stdin?: Buffer): { pid: number; kill: (s: NodeJS.Signals) => void; done: Promise<CliRun> } {
  const t0 = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  })
  if (stdin) child.stdin!.end(stdin)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => (stdout += d))
  child.stderr!.on('data', (d) => (stderr += d))
  const done = new Promise<CliRun>((resolve) =>
    child.on('exit', (code, signal) => {
      // let the pipes drain
      setTimeout(() => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 }), 20)
    }),
  )
  return { pid: child.pid!, kill: (s) => child.kill(s), done }
}

export function runCli(args: string[], env: Record<string, string>, stdin?: Buffer): Promise<CliRun> {
  return startCli(args, env, stdin).done
}

// the store's own bookkeeping (a (:Migration) marker that db:migrate leaves on an empty store too) is not data
export const COUNT_NODES = 'MATCH (n) WHERE NOT n:Migration UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label'
export const COUNT_RELS = 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type'

/** Nodes per label (the migration marker left out) and relationships per type. */
export async function graphCounts(driver: Driver): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const r of (await driver.executeQuery(COUNT_NODES)).records) out[r.get('label')] = Number(r.get('n'))
  for (const r of (await driver.executeQuery(COUNT_RELS)).records) out[`:${r.get('type')}`] = Number(r.get('n'))
  return out
}

/** Every node's labels and id, and every relationship's type, ends and the properties that make the fact. */
export const FINGERPRINT_NODES = `
MATCH (n)
RETURN reduce(s = '', l IN [x IN ['Article', 'Quote', 'Entity', 'Person', 'Organisation', 'Country', 'Place'] WHERE x IN labels(n)] | s + ':' + l) + ' ' + n.id + ' ' + coalesce(n.textHash, '') AS line`
export const FINGERPRINT_RELS = `
MATCH (a)-[r]->(b)
RETURN type(r) + ' ' + a.id + ' ' + b.id + ' ' + coalesce(r.articleId, '') + ' ' + coalesce(r.type, '') + ' ' +
       coalesce(r.title, '') + ' ' + coalesce(toString(r.start), '') + ' ' + coalesce(toString(r.count), '') + ' ' +
       coalesce(reduce(s = '', x IN coalesce(r.starts, []) | s + ',' + toString(x)), '') AS line`

/** A hash of the whole graph's ids and facts: equal graphs, equal fingerprints. */
export async function fingerprint(driver: Driver): Promise<{ hash: string; lines: number }> {
  const lines: string[] = []
  for (const q of [FINGERPRINT_NODES, FINGERPRINT_RELS]) for (const r of (await driver.executeQuery(q)).records) lines.push(r.get('line'))
  lines.sort()
  return { hash: createHash('sha1').update(lines.join('\n')).digest('hex'), lines: lines.length }
}

/** A folder of `n` distinct plain-text articles: the fixture texts, each copy with its own edition line. */
export function makeCorpus(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-corpus-'))
  const texts = ['2031-04-05-mountain-rail.txt', '2031-04-14-school-meals.txt'].map((f) => readFileSync(join(ARTICLES, f), 'utf8'))
  mkdirSync(dir, { recursive: true })
  for (let i = 0; i < n; i++) {
    writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), `${texts[i % texts.length]}\nEdition ${i} of the regional digest.\n`)
  }
  return dir
}
