// `ingest` over the bad input corpus (test/support/bad-inputs.ts) into a real Neo4j: each kind is
// stored whole or refused with one clear error naming its file, the good articles beside them are
// stored, and the graph holds no partial article. Then the table of both commands in docs/reliability.md
// ("Bad input") is printed (the unit test test/unit/bad-corpus.test.ts leaves the `extract` column in
// BAD_CORPUS_RESULTS).
//
// The run is the CLI's own two steps (expandPaths, then ingestInputs) with a hook between them that
// deletes one file after the folder was listed; a second, CLI run over the small corpus checks the
// exit status and the error lines, and that a rerun changes nothing.
import { mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { expandPaths } from '../../src/ingest/paths.ts'
import { extractInput } from '../../src/ingest/extract-step.ts'
import { ingestInputs, type Failure, type IngestSummary } from '../../src/ingest/pipeline.ts'
import { BAD_CORPUS_RESULTS, buildBadCorpus, mismatch, reasonOf, resultsTable, type BadCorpus, type KindResult } from '../support/bad-inputs.ts'
import { integrityViolations, NONE } from '../support/integrity.ts'
import { openTestDriver, resetDatabase } from '../support/neo4j.ts'
import { fingerprint, graphCounts, runCli } from './ingest-support.ts'

let driver: Driver
let dir: string
let corpus: BadCorpus
let summary: IngestSummary
let failures: Failure[]


/** stored quotes per article id */
const STORED = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, COUNT { (:Quote)-[:IN]->(a) } AS quotes`
/** articles stored from one file (its path, or a record of it) */
const FROM_SOURCE = 'MATCH (a:Article) WHERE a.source = $path OR a.source STARTS WITH $path + " " RETURN a.id AS id'

async function stored(ids: string[]): Promise<Map<string, number>> {
  const res = await driver.executeQuery(STORED, { ids })
  return new Map(res.records.map((r) => [r.get('id') as string, Number(r.get('quotes'))]))
}

const BIG = 1024 * 1024
const of = (file: string) => join(dir, file)
const failuresOf = (file: string) => failures.filter((f) => f.source === of(file) || f.source.startsWith(`${of(file)} `))

beforeAll(async () => {
  driver = await openTestDriver()
  await resetDatabase(driver)
  dir = mkdtempSync(join(tmpdir(), 'bad-corpus-ingest-'))
  corpus = buildBadCorpus(dir)
  const expanded = await expandPaths([dir])
  unlinkSync(of(corpus.vanish)) // the hook: listed, then gone before it is read
  summary = await ingestInputs(driver, expanded.files.map((path) => ({ path })), { batchSize: 10 })
  failures = [...expanded.errors, ...summary.failures]
}, 900_000)

afterAll(async () => {
  await driver?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('ingest over the bad input corpus', () => {
  it('stores each kind whole or refuses it with one clear error naming its file', async () => {
    const results: KindResult[] = []
    const problems: string[] = []
    for (const k of corpus.kinds) {
      for (const file of k.files) {
        const path = of(file)
        const errs = failuresOf(file).map((f) => `error: ${f.error}`)
        for (const e of errs) expect(e, 'the error names the file').toContain(path)
        // the articles the file holds: by extraction (small files, so ids cover duplicates), else by source
        let ids: string[]
        let expectedQuotes: Map<string, number> | null = null
        let size: number
        try {
          size = statSync(path).isFile() ? statSync(path).size : 0
        } catch {
          size = 0
        }
        if (size > 0 && size < BIG) {
          const x = extractInput(path)
          expectedQuotes = new Map()
          for (const o of x.outcomes) if (o.ok) expectedQuotes.set(o.article.id, o.article.rows.quotes.length)
          ids = [...expectedQuotes.keys()]
        } else {
          ids = (await driver.executeQuery(FROM_SOURCE, { path })).records.map((r) => r.get('id') as string)
        }
        const inGraph = await stored(ids)
        if (expectedQuotes) {
          for (const [id, q] of expectedQuotes) {
            if (!inGraph.has(id)) problems.push(`${k.kind} (${file}): article ${id} extracted but not stored`)
            else if (inGraph.get(id) !== q) problems.push(`${k.kind} (${file}): ${id} has ${inGraph.get(id)} quotes stored, ${q} extracted`)
          }
        }
        const problem = mismatch(k.expect, inGraph.size, errs, k.kind)
        if (problem) problems.push(`${k.kind} (${file}): ${problem}; stored ${inGraph.size}, errors ${JSON.stringify(errs.slice(0, 3))}`)
        const quotes = [...inGraph.values()].reduce((a, b) => a + b, 0)
        const parts = inGraph.size ? [`${inGraph.size} article${inGraph.size > 1 ? 's' : ''} stored (${quotes} quotes)`] : []
        for (const e of errs) parts.push(`error: ${reasonOf(e, path)}`)
        results.push({ kind: k.kind, file, expect: k.expect, ingest: parts.join('; ') || 'nothing (no file to read)' })
      }
    }
    mkdirSync(BAD_CORPUS_RESULTS, { recursive: true })
    writeFileSync(join(BAD_CORPUS_RESULTS, 'ingest.json'), JSON.stringify(results, null, 1))
    console.log(`\n${resultsTable()}\n`)
    expect(problems).toEqual([])
  })

  it('stores the good articles beside the bad ones, with every quote extracted', async () => {
    for (const file of corpus.good) {
      const x = extractInput(of(file))
      const want = new Map(x.outcomes.flatMap((o) => (o.ok ? [[o.article.id, o.article.rows.quotes.length] as const] : [])))
      expect(want.size, file).toBeGreaterThan(0)
      expect(await stored([...want.keys()]), file).toEqual(want)
      expect(failuresOf(file), file).toEqual([])
    }
  })

  it('holds no partial article: every stored article has all its facts, nothing dangles', async () => {
    expect(await integrityViolations(driver)).toEqual(NONE)
    // the summary agrees with the graph
    const counts = await graphCounts(driver)
    expect(counts.Article).toBe(summary.articles.new)
  })

  it('the CLI exits 1 naming each bad file once per bad record, and a rerun changes nothing', async () => {
    const small = mkdtempSync(join(tmpdir(), 'bad-corpus-cli-'))
    try {
      await resetDatabase(driver)
      const c = buildBadCorpus(small, { big: false })
      unlinkSync(join(small, c.vanish))
      const env = { NEO4J_URI: inject('neo4jUri') }
      const first = await runCli([small, '--no-progress', '--json'], env)
      expect(first.code).toBe(1)
      const lines = first.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'))
      for (const l of lines) expect(l, 'one line per failure, naming a file of the corpus').toMatch(new RegExp(`^error: ${small.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`))
      const s1 = JSON.parse(first.stdout) as IngestSummary
      expect(lines).toHaveLength(s1.articles.failed)
      const after1 = await fingerprint(driver)
      expect(await integrityViolations(driver)).toEqual(NONE)

      const second = await runCli([small, '--no-progress', '--json'], env)
      expect(second.code).toBe(1)
      const s2 = JSON.parse(second.stdout) as IngestSummary
      expect(s2.articles).toMatchObject({ new: 0, updated: 0, unchanged: s1.articles.new + s1.articles.unchanged, failed: s1.articles.failed })
      expect(await fingerprint(driver)).toEqual(after1)
    } finally {
      rmSync(small, { recursive: true, force: true })
    }
  }, 300_000) // two CLI runs over the small corpus: over the 120 s default at load 20
})
