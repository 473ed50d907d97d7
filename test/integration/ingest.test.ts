// Ingestion against a real Neo4j: idempotence, replacement of a changed article, --remove, a run
// killed with SIGKILL and rerun, two processes at once, bad files among good ones, no Neo4j.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { removeArticle } from '../../src/graph/write.ts'
import { ingestInputs, type InputSpec } from '../../src/ingest/pipeline.ts'
import { expandPaths } from '../../src/ingest/paths.ts'
import { openTestDriver, resetDatabase } from '../support/neo4j.ts'
import { ARTICLES, FIXTURES, fingerprint, graphCounts, makeCorpus, runCli, startCli } from './ingest-support.ts'

let driver: Driver
let env: Record<string, string>
const temp: string[] = []

beforeAll(async () => {
  driver = await openTestDriver()
  env = { NEO4J_URI: inject('neo4jUri') }
})
beforeEach(() => resetDatabase(driver))
afterAll(async () => {
  await driver?.close()
  for (const d of temp) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ingest-test-'))
  temp.push(d)
  return d
}

async function fixtureInputs(): Promise<InputSpec[]> {
  return (await expandPaths([ARTICLES])).files.map((path) => ({ path }))
}

const LAKE_URL = 'https://news.example.org/2031/04/09/lake-festival'

/** The lake-festival article with another text under the same URL: new people, one old one gone. */
function changedLakeArticle(dir: string): string {
  const original = JSON.parse(readFileSync(join(ARTICLES, '2031-04-09-lake-festival.json'), 'utf8'))
  const changed = {
    ...original,
    text:
      'The lake festival in Orsa has been called off, the town council said on Thursday.\n\n' +
      'Mayor Karin Ahlgren said the new sponsor had withdrawn. "We are as disappointed as everyone," Ahlgren said.\n\n' +
      'Festival treasurer Viktor Sandell said the money already paid for stages would be returned.',
  }
  const path = join(dir, 'lake-festival.json')
  writeFileSync(path, JSON.stringify(changed))
  return path
}

describe('ingest into Neo4j', () => {
  it('ingests the fixtures with their facts, and a second run changes nothing', async () => {
    const first = await ingestInputs(driver, await fixtureInputs(), { workers: 0, batchSize: 2 })
    expect(first.failures).toEqual([])
    expect(first.articles).toMatchObject({ new: 6, updated: 0, unchanged: 0, failed: 0 })
    const counts = await graphCounts(driver)
    const print = await fingerprint(driver)
    expect(counts.Article).toBe(6)
    expect(counts.Quote).toBeGreaterThan(10)
    expect(counts[':MENTIONS']).toBeGreaterThan(20)

    // the model: a quote with its speaker, its evidence and its article; entities with their type label
    const said = await driver.executeQuery(
      `MATCH (p:Person {name: 'Tomas Brandl'})-[:SAID]->(q:Quote)-[:IN]->(a:Article)
       RETURN q.text AS text, q.sentence AS sentence, q.start AS start, q.end AS end, a.text AS article`.replace('Tomas Brandl', 'Tomasz Brandl'),
    )
    expect(said.records.length).toBeGreaterThan(0)
    for (const r of said.records) {
      const article = r.get('article') as string
      expect(r.get('sentence')).toContain(r.get('text'))
      expect(article.slice(Number(r.get('start')), Number(r.get('end')))).toBe(r.get('text'))
    }
    const author = await driver.executeQuery(`MATCH (p:Entity:Person)-[:WROTE]->(a:Article {url: $url}) RETURN p.name AS name, a.publishedAt AS d`, { url: LAKE_URL })
    expect(author.records.map((r) => r.get('name'))).toEqual(['Marta Lindqvist'])
    expect(String(author.records[0].get('d'))).toBe('2031-04-09')
    const countries = await driver.executeQuery(`MATCH (c:Entity:Country {id: 'country:NO'}) RETURN c.iso2 AS iso2, c.iso3 AS iso3`)
    expect(countries.records.map((r) => [r.get('iso2'), r.get('iso3')])).toEqual([['NO', 'NOR']])
    const related = await driver.executeQuery(`MATCH (:Entity)-[r:RELATED]->(:Entity) MATCH (a:Article {id: r.articleId}) RETURN r.evidence AS ev, r.start AS s, r.end AS e, a.text AS text`)
    expect(related.records.length).toBeGreaterThan(0)
    for (const r of related.records) expect((r.get('text') as string).slice(Number(r.get('s')), Number(r.get('e')))).toBe(r.get('ev'))

    const second = await ingestInputs(driver, await fixtureInputs(), { workers: 0, batchSize: 4 })
    expect(second.articles).toMatchObject({ new: 0, updated: 0, unchanged: 6, failed: 0 })
    expect(await graphCounts(driver)).toEqual(counts)
    expect(await fingerprint(driver)).toEqual(print)
  })

  it('replaces the facts of an article whose text changed (same URL), keeping shared entities', async () => {
    const dir = tempDir()
    const changed = changedLakeArticle(dir)
    // the graph the changed article alone gives, next to the other fixtures
    const others = (await fixtureInputs()).filter((i) => !i.path.endsWith('lake-festival.json'))
    await ingestInputs(driver, [...others, { path: changed }], { workers: 0 })
    const expected = await fingerprint(driver)
    const expectedCounts = await graphCounts(driver)

    await resetDatabase(driver)
    await ingestInputs(driver, await fixtureInputs(), { workers: 0 })
    // the entities only the old text mentions
    const only = await driver.executeQuery(
      `MATCH (a:Article {url: $url})-[:MENTIONS]->(e:Entity)
       WHERE NOT EXISTS { MATCH (e)<-[:MENTIONS]-(other:Article) WHERE other <> a }
       RETURN e.id AS id`,
      { url: LAKE_URL },
    )
    const exclusive = only.records.map((r) => r.get('id') as string)
    expect(exclusive).toContain('person:lena-friberg')
    const run = await ingestInputs(driver, [{ path: changed }], { workers: 0 })
    expect(run.articles).toMatchObject({ new: 0, updated: 1, unchanged: 0, failed: 0 })
    expect(run.counts.entitiesDeleted).toBeGreaterThan(0)

    expect(await graphCounts(driver)).toEqual(expectedCounts)
    expect(await fingerprint(driver)).toEqual(expected)
    // the old article's own people are gone, the one still mentioned stays, the new one is there
    const people = await driver.executeQuery(`MATCH (a:Article {url: $url})-[:MENTIONS]->(p:Person) RETURN p.id AS id ORDER BY id`, { url: LAKE_URL })
    const ids = people.records.map((r) => r.get('id') as string)
    expect(ids).toContain('person:karin-ahlgren')
    expect(ids.some((id) => id.includes('sandell'))).toBe(true)
    const now = await driver.executeQuery(`MATCH (:Article {url: $url})-[:MENTIONS]->(e) RETURN collect(e.id) AS ids`, { url: LAKE_URL })
    const mentioned = now.records[0].get('ids') as string[]
    const left = await driver.executeQuery(`MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id`, { ids: exclusive.filter((id) => !mentioned.includes(id)) })
    expect(left.records.map((r) => r.get('id'))).toEqual([])
    const quotes = await driver.executeQuery(`MATCH (q:Quote)-[:IN]->(:Article {url: $url}) RETURN q.text AS t`, { url: LAKE_URL })
    expect(quotes.records.map((r) => r.get('t')).join(' ')).not.toContain('belongs to everyone')
  })

  it('--remove deletes one article, its facts and the entities no other article mentions', async () => {
    const others = (await fixtureInputs()).filter((i) => !i.path.endsWith('lake-festival.json'))
    await ingestInputs(driver, others, { workers: 0 })
    const expected = await fingerprint(driver)

    await resetDatabase(driver)
    await ingestInputs(driver, await fixtureInputs(), { workers: 0 })
    expect(await fingerprint(driver)).not.toEqual(expected)
    const run = await runCli(['--remove', LAKE_URL], env)
    expect(run.stderr).not.toMatch(/error/)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/removed 1 article/)
    expect(await fingerprint(driver)).toEqual(expected)

    // removing what is not there says so
    const again = await removeArticle(driver, LAKE_URL)
    expect(again.removed).toEqual([])
    const cli = await runCli(['--remove', LAKE_URL], env)
    expect(cli.code).toBe(1)
    expect(cli.stderr).toContain(LAKE_URL)
  })

  it('D9: --remove takes an id or a URL, never a source shared by several articles', async () => {
    const stdin = ['Orla Venn said: "The ferry runs again on Monday."', 'Piet Marlow said: "The ferry was never the problem."']
    for (const text of stdin) expect((await runCli(['-', '--no-progress'], env, Buffer.from(text))).code).toBe(0)
    const { ingestArticle } = await import('../../src/ingest/pipeline.ts')
    const viaApi = (text: string) => ({ text, bodyStart: 0, bodyEnd: text.length, meta: { title: null, publishedAt: null, authors: [], dateline: null, publisher: null, url: null } })
    await ingestArticle(driver, viaApi('Sanne Okoro said: "The bridge opens in May."'), 'api')
    await ingestArticle(driver, viaApi('Tomas Virel said: "May is too late."'), 'api')
    const articles = async () => (await driver.executeQuery('MATCH (a:Article) RETURN a.id AS id, a.source AS source ORDER BY id')).records.map((r) => `${r.get('source')} ${r.get('id')}`)
    const before = await articles()
    expect(before.filter((a) => a.startsWith('- '))).toHaveLength(2)

    for (const source of ['-', 'api']) {
      const run = await runCli(['--remove', source], env)
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe(`error: no article with id or URL "${source}" (never ingested, or already removed)\n`)
      expect((await removeArticle(driver, source)).removed).toEqual([])
    }
    expect(await articles()).toEqual(before)
    // by id, exactly that article
    const one = before.find((a) => a.startsWith('- '))!.split(' ')[1]
    const run = await runCli(['--remove', one], env)
    expect([run.code, run.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^removed 1 article\\(s\\) \\(${one}\\)`))])
    expect(await articles()).toEqual(before.filter((a) => !a.endsWith(one)))
  })

  it('D16: two inputs with the same URL and different texts in one run: the summary says which was stored', async () => {
    const dir = tempDir()
    const url = 'https://example.test/harbour-fees'
    const texts = { 'a.json': 'Ilse Varga said: "The harbour fees rise in June."', 'b.json': 'Ilse Varga said: "The harbour fees stay as they are."' }
    for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), JSON.stringify({ url, text }))
    for (const round of ['first', 'again']) {
      const run = await runCli([dir, '--workers', '0', '--no-progress'], env)
      expect(run.code, run.stderr).toBe(0)
      const a = join(dir, 'a.json')
      const b = join(dir, 'b.json')
      expect(run.stderr).toBe(`note: ${b}: the same URL (${url}) as ${a}, earlier in this run, with another text; ${b} is the one stored, ${a} is not written\n`)
      const counts = round === 'first' ? '1 new, 0 updated, 0 unchanged' : '0 new, 0 updated, 1 unchanged'
      expect(run.stdout).toContain(`articles: ${counts}, 0 failed, 1 not written (a later input of this run has the same URL and another text; see the notes above)`)
      const stored = await driver.executeQuery('MATCH (a:Article {url: $url}) RETURN a.text AS text', { url })
      expect(stored.records.map((r) => r.get('text'))).toEqual([texts['b.json']])
    }
  })

  it("Article.source: stored below the folder given, or as the file's name, never as the ingesting machine's path", async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'north'))
    writeFileSync(join(dir, 'a.txt'), 'Marit Solvik said: "The ferry is late again."')
    writeFileSync(join(dir, 'north', 'b.txt'), 'Jens Aldor said: "The road north is open."')
    const single = join(tempDir(), 'c.txt')
    writeFileSync(single, 'Runa Hale said: "The school opens on Monday."')
    const run = await runCli([dir, single, '--no-progress'], env)
    expect(run.code, run.stderr).toBe(0)
    const sources = await driver.executeQuery('MATCH (a:Article) RETURN a.source AS s ORDER BY s')
    const folder = basename(dir)
    expect(sources.records.map((r) => r.get('s'))).toEqual([`${folder}/a.txt`, `${folder}/north/b.txt`, 'c.txt'].sort())
  })

  it('a run killed with SIGKILL midway, then rerun, ends with the graph of one clean run', async () => {
    // the kill comes once >= 24 articles are committed (batches of 4, polled every 20 ms), so most of
    // the 120 are still to come for the rerun; 240 made the three ingests twice as long for the same point
    const TOTAL = 120
    const corpus = makeCorpus(TOTAL)
    temp.push(corpus)
    const args = [corpus, '--batch-size', '4', '--no-progress']
    const child = startCli(args, env)
    // kill it once some batches are committed and before the end
    for (let i = 0; i < 2000; i++) {
      const written = Number((await driver.executeQuery('MATCH (a:Article) RETURN count(a) AS n')).records[0].get('n'))
      if (written >= 24) break
      await new Promise((r) => setTimeout(r, 20))
    }
    child.kill('SIGKILL')
    const killed = await child.done
    expect(killed.signal).toBe('SIGKILL')
    const atKill = await graphCounts(driver)
    expect(atKill.Article).toBeGreaterThanOrEqual(24)
    expect(atKill.Article).toBeLessThan(TOTAL)
    // no half-written article: every committed article has its mentions
    const bare = await driver.executeQuery('MATCH (a:Article) WHERE NOT (a)-[:MENTIONS]->() RETURN count(a) AS n')
    expect(Number(bare.records[0].get('n'))).toBe(0)

    const rerun = await runCli([...args, '--json'], env)
    expect(rerun.code).toBe(0)
    const summary = JSON.parse(rerun.stdout)
    expect(summary.articles.unchanged).toBe(atKill.Article)
    expect(summary.articles.new).toBe(TOTAL - atKill.Article)
    const afterRerun = await fingerprint(driver)
    const countsAfterRerun = await graphCounts(driver)

    await resetDatabase(driver)
    const clean = await runCli(args, env)
    expect(clean.code).toBe(0)
    expect(await graphCounts(driver)).toEqual(countsAfterRerun)
    expect(await fingerprint(driver)).toEqual(afterRerun)
  }, 300_000) // three ingest runs: the kill test took over the 120 s default at load 20

  it('two ingest processes on the same files at once make no duplicates', async () => {
    const corpus = makeCorpus(120)
    temp.push(corpus)
    const args = [corpus, '--batch-size', '3', '--no-progress', '--json']
    const [a, b] = await Promise.all([runCli(args, env), runCli(args, env)])
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', ''])
    const sa = JSON.parse(a.stdout)
    const sb = JSON.parse(b.stdout)
    // each article is new in exactly one of the two runs
    expect(sa.articles.new + sb.articles.new).toBe(120)
    expect(sa.articles.new + sa.articles.unchanged).toBe(120)
    const both = await fingerprint(driver)
    const bothCounts = await graphCounts(driver)

    await resetDatabase(driver)
    await runCli(args, env)
    expect(await graphCounts(driver)).toEqual(bothCounts)
    expect(await fingerprint(driver)).toEqual(both)
  }, 300_000) // three ingest runs: the kill test took over the 120 s default at load 20

  it('a folder with bad files ingests the good ones, names each bad one and exits non-zero', async () => {
    const dir = tempDir()
    for (const f of ['2031-04-05-mountain-rail.txt', '2031-04-11-wire.jsonl']) copyFileSync(join(ARTICLES, f), join(dir, f))
    for (const f of ['broken.json', 'no-text.json']) copyFileSync(join(FIXTURES, 'bad', f), join(dir, f))
    writeFileSync(join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]))
    const run = await runCli([dir, join(dir, 'missing.txt'), '--no-progress'], env)
    expect(run.code).toBe(1)
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('error:'))
    expect(errors).toHaveLength(4)
    for (const name of ['broken.json', 'no-text.json', 'photo.txt', 'missing.txt']) expect(errors.filter((l) => l.includes(name))).toHaveLength(1)
    expect(run.stdout).toMatch(/3 new, 0 updated, 0 unchanged, 4 failed/)
    const n = await driver.executeQuery('MATCH (a:Article) RETURN count(a) AS n')
    expect(Number(n.records[0].get('n'))).toBe(3)
  })

  it('globs and stdin are inputs too', async () => {
    const text = readFileSync(join(ARTICLES, '2031-04-14-school-meals.txt'))
    const run = await runCli([join(ARTICLES, '*.jsonl'), '-', '--no-progress', '--json'], env, text)
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout)
    expect(summary.articles.new + summary.articles.unchanged).toBe(3)
    const sources = await driver.executeQuery('MATCH (a:Article) RETURN a.source AS s ORDER BY s')
    expect(sources.records.map((r) => r.get('s'))).toContain('-')
  })
})

describe('ingest without Neo4j', () => {
  it('says in one line, within 10 s, that Neo4j cannot be reached, naming the URI', async () => {
    const uri = 'bolt://127.0.0.1:1'
    const run = await runCli([ARTICLES], { NEO4J_URI: uri })
    expect(run.code).toBe(1)
    expect(run.ms).toBeLessThan(12_000)
    const lines = run.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(uri)
  })

  it('--dry-run extracts and reports without a database', async () => {
    const run = await runCli([ARTICLES, '--dry-run', '--no-progress'], { NEO4J_URI: 'bolt://127.0.0.1:1' })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/dry run: extracted 6 articles from 5 inputs/)
  })
})
