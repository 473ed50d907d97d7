// Concurrency against a real Neo4j: (1) two ingest processes over the same articles at once, in
// opposite orders and with different batch sizes (so they lock shared entities in opposite orders),
// end with the graph of one run; (2) the API answering while an ingest writes: every article it
// returns has all its quotes (as many as extraction found), every quote its article, and no error.
// (ingest.test.ts runs two identical processes; these are the harder interleavings.)
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { extractInput } from '../../src/ingest/extract-step.ts'
import { goodCorpus } from '../support/bad-inputs.ts'
import { integrityViolations, NONE } from '../support/integrity.ts'
import { openTestDriver, resetDatabase, testConfig } from '../support/neo4j.ts'
import { gql, startApi, type RunningApi } from './api-support.ts'
import { fingerprint, graphCounts, runCli, startCli } from './ingest-support.ts'

let driver: Driver
let env: Record<string, string>
const temp: string[] = []

beforeAll(async () => {
  driver = await openTestDriver()
  env = { NEO4J_URI: inject('neo4jUri') }
})
afterAll(async () => {
  await driver?.close()
  for (const d of temp) rmSync(d, { recursive: true, force: true })
})

function corpus(n: number): { dir: string; files: string[] } {
  const dir = goodCorpus(mkdtempSync(join(tmpdir(), 'concurrency-')), n)
  temp.push(dir)
  return { dir, files: readdirSync(dir).sort().map((f) => join(dir, f)) }
}

describe('concurrent ingests', () => {
  it('two processes in opposite orders with different batch sizes end with the graph of one run', async () => {
    await resetDatabase(driver)
    const { dir, files } = corpus(160)
    const [a, b] = await Promise.all([
      runCli([dir, '--batch-size', '5', '--no-progress', '--json'], env),
      runCli([...[...files].reverse(), '--batch-size', '3', '--no-progress', '--json'], env),
    ])
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', ''])
    const sa = JSON.parse(a.stdout)
    const sb = JSON.parse(b.stdout)
    expect(sa.articles.new + sb.articles.new, 'each article is new in exactly one run').toBe(160)
    expect(sa.articles.failed + sb.articles.failed).toBe(0)
    const both = { counts: await graphCounts(driver), print: await fingerprint(driver) }
    expect(await integrityViolations(driver)).toEqual(NONE)
    console.log(`two writers: ${sa.articles.new} + ${sb.articles.new} new, ${both.print.lines} ids and facts`)

    await resetDatabase(driver)
    expect((await runCli([dir, '--no-progress'], env)).code).toBe(0)
    expect(await graphCounts(driver)).toEqual(both.counts)
    expect(await fingerprint(driver)).toEqual(both.print)
  }, 600_000)
})

describe('the API during an ingest', () => {
  let api: RunningApi

  beforeAll(async () => {
    api = await startApi(testConfig(), driver)
  })
  afterAll(() => api?.close())

  it('returns only whole articles and whole quotes, and no error, while the ingest writes', async () => {
    await resetDatabase(driver)
    const { dir, files } = corpus(200)
    // what each article must have once stored: the quotes the same extraction finds
    const expected = new Map<string, number>()
    for (const f of files) for (const o of extractInput(f).outcomes) if (o.ok) expected.set(o.article.id, o.article.rows.quotes.length)

    const ingest = startCli([dir, '--batch-size', '4', '--no-progress', '--json'], env)
    let finished = false
    void ingest.done.then(() => (finished = true))
    type Articles = { articles: { totalCount: number; edges: { node: { id: string; quotes: { id: string }[] } }[] }; quotes: { edges: { node: { id: string; article: { id: string } | null } }[] } }
    const query = '{ articles(first: 100) { totalCount edges { node { id quotes { id } } } } quotes(first: 100) { edges { node { id article { id } } } } }'
    let rounds = 0
    let seen = 0
    const totals: number[] = []
    const problems: string[] = []
    while (!finished || rounds < 3) {
      const r = await gql<Articles>(api.url, query)
      rounds++
      if (r.errors?.length || !r.data) {
        problems.push(`round ${rounds}: ${r.raw.slice(0, 300)}`)
        continue
      }
      totals.push(r.data.articles.totalCount)
      for (const { node } of r.data.articles.edges) {
        seen++
        if (node.quotes.length !== expected.get(node.id)) problems.push(`round ${rounds}: ${node.id} has ${node.quotes.length} quotes, extraction found ${expected.get(node.id)}`)
        const numbers = node.quotes.map((q) => Number(q.id.split('#q')[1])).sort((x, y) => x - y)
        if (numbers.some((n, i) => n !== i + 1)) problems.push(`round ${rounds}: ${node.id} quotes are not q1..qN: ${numbers.join(',')}`)
      }
      for (const { node } of r.data.quotes.edges) if (!node.article || !node.id.startsWith(`${node.article.id}#q`)) problems.push(`round ${rounds}: quote ${node.id} without its article`)
    }
    const run = await ingest.done
    expect(run.code, run.stderr).toBe(0)
    expect(problems).toEqual([])
    expect(totals.at(-1)).toBe(expected.size)
    // the API saw the graph grow, not only its end
    expect(new Set(totals).size, `totals seen: ${[...new Set(totals)].join(',')}`).toBeGreaterThan(2)
    console.log(`API during ingest: ${rounds} rounds, ${seen} articles checked, article totals seen ${[...new Set(totals)].join(' -> ')}`)
  }, 600_000)
})
