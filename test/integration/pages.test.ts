// The index-backed "newest N" pages (src/graph/pages.ts, issue 13) against a straightforward full read
// and sort of the base facts: on a graph with many articles and quotes of one date or of none (ties
// broken by id), pages of 1, 2 and 3 over the whole list give the same rows in the same order, for the
// articles mentioning an entity, the quotes it said, the quotes about it, one speaker's quotes about
// it (both ways round), Query.quotes/articles pages and whoSaidWhatAbout's quotes per speaker.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import neo4j, { type Driver } from 'neo4j-driver'
import * as Q from '../../src/graph/read.ts'
import { ASC, ascKey, DESC, descKey, pageKeyDifferences } from '../../src/graph/pages.ts'
import { goodCorpus } from '../support/bad-inputs.ts'
import { openTestDriver, resetDatabase, testConfig } from '../support/neo4j.ts'
import { ROOT, runCli } from './ingest-support.ts'

const IDENTITY = join(ROOT, 'test/fixtures/identity')
const FILES = readdirSync(IDENTITY).filter((f) => f.endsWith('.json')).sort().map((f) => join(IDENTITY, f))
const database = testConfig().neo4jDatabase
let driver: Driver
let dir: string

const int = (n: number) => neo4j.int(n)
async function rows(query: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  return (await driver.executeQuery(query, params, { database })).records.map((r) => r.toObject())
}
const ids = (list: unknown) => (list as { id: string }[]).map((r) => r.id)

// the reference: every fact of the entity read and sorted, as the reads did before the page keys
const NEWEST = (v: string) => `${v}.publishedAt IS NULL, ${v}.publishedAt DESC, ${v}.id`
const ALL_ARTICLES = `MATCH (a:Article)-[:MENTIONS]->(:Entity {id: $id}) WITH DISTINCT a ORDER BY ${NEWEST('a')} RETURN collect(a.id) AS ids`
const ALL_SAID = `MATCH (:Entity {id: $id})-[:SAID]->(q:Quote) WITH DISTINCT q ORDER BY ${NEWEST('q')} RETURN collect(q.id) AS ids`
const ALL_ABOUT = `MATCH (q:Quote)-[:ABOUT]->(:Entity {id: $id}) WITH DISTINCT q ORDER BY ${NEWEST('q')} RETURN collect(q.id) AS ids`
const ALL_SAID_ABOUT = `MATCH (:Entity {id: $s})-[:SAID]->(q:Quote)-[:ABOUT]->(:Entity {id: $x}) WITH DISTINCT q ORDER BY ${NEWEST('q')} RETURN collect(q.id) AS ids`
const ALL_BY_SPEAKER = `
MATCH (q:Quote)-[:ABOUT]->(:Entity {id: $id})
WITH DISTINCT q ORDER BY ${NEWEST('q')}
OPTIONAL MATCH (s:Entity)-[:SAID]->(q)
WITH s, CASE WHEN s IS NULL THEN coalesce(q.speakerName, '') END AS name, collect(q.id) AS qs
RETURN s.id AS speaker, name, qs`

async function all(query: string, params: Record<string, unknown>): Promise<string[]> {
  return (await rows(query, params))[0].ids as string[]
}

/** every page of `size` over `expected`, read by `page(skip, limit)`, concatenated, and each page checked */
async function expectPages(label: string, expected: string[], size: number, page: (skip: number, limit: number) => Promise<string[]>): Promise<void> {
  for (let skip = 0; skip < expected.length + size; skip += size) {
    expect(await page(skip, size), `${label}, skip ${skip} limit ${size}`).toEqual(expected.slice(skip, skip + size))
  }
}

beforeAll(async () => {
  driver = await openTestDriver()
  await resetDatabase(driver)
  dir = goodCorpus(mkdtempSync(join(tmpdir(), 'pages-')), 45)
  const r = await runCli([dir, ...FILES, '--batch-size', '7', '--no-progress'], { NEO4J_URI: inject('neo4jUri') })
  expect(r.code, r.stderr).toBe(0)
})
afterAll(async () => {
  await driver?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('newest-first pages read from the page indexes', () => {
  it('every page key names the node its fact is on', async () => {
    expect(await pageKeyDifferences(driver, database)).toEqual([])
  })

  it('the Cypher of the compact numbers in keys writes what ascKey and descKey do', async () => {
    const ns = [0, 1, 9, 10, 42, 99, 100, 12345, 999999999, 1000000000, 9999999999]
    // as the writers send them: whole numbers that may travel as floats
    const r = await rows(`UNWIND $ns AS n RETURN collect(${ASC('n')}) AS asc, collect(${DESC('n')}) AS desc, collect(${DESC('toFloat(n)')}) AS fromFloat`, { ns: ns.map(int) })
    expect(r[0]).toEqual({ asc: ns.map(ascKey), desc: ns.map(descKey), fromFloat: ns.map(descKey) })
  })

  it('articles mentioning an entity: the same pages as a full read and sort, ties and undated included', async () => {
    const top = await rows(`MATCH (e:Entity) WHERE e.articleCount >= 4 RETURN e.id AS id ORDER BY e.articleCount DESC, e.id LIMIT 8`)
    expect(top.length).toBeGreaterThan(3)
    // the graph has what makes ordering hard: one entity's articles sharing a date, and undated ones
    const ties = await rows(`MATCH (a:Article)-[:MENTIONS]->(e:Entity {id: $id}) WITH DISTINCT a
      RETURN count(a) - count(DISTINCT a.publishedAt) AS tied, count(a) - count(a.publishedAt) AS undated`, { id: top[0].id })
    expect(Number(ties[0].tied)).toBeGreaterThan(3)
    for (const { id } of top) {
      const expected = await all(ALL_ARTICLES, { id })
      const total = (await rows(Q.ENTITY_ARTICLES, { ids: [id], skip: int(0), limit: int(1) }))[0].total
      expect(Number(total), String(id)).toBe(expected.length)
      for (const size of [1, 3]) {
        await expectPages(`ENTITY_ARTICLES ${id}`, expected, size, async (skip, limit) =>
          ids((await rows(Q.ENTITY_ARTICLES, { ids: [id], skip: int(skip), limit: int(limit) }))[0].rows))
        await expectPages(`ARTICLES_MENTIONING_PAGE ${id}`, expected, size, async (skip, limit) =>
          ids((await rows(Q.ARTICLES_MENTIONING_PAGE, { entityId: id, skip: int(skip), limit: int(limit) }))[0].rows))
      }
    }
  })

  it("an entity's quotes, the quotes about it and one speaker's about another: the same pages as a full read", async () => {
    const speakers = await rows(`MATCH (e:Entity) WHERE e.quoteCount >= 2 RETURN e.id AS id ORDER BY e.quoteCount DESC, e.id LIMIT 6`)
    const subjects = await rows(`MATCH (e:Entity) WHERE e.quotedAboutCount >= 2 RETURN e.id AS id ORDER BY e.quotedAboutCount DESC, e.id LIMIT 6`)
    expect(speakers.length).toBeGreaterThan(1)
    expect(subjects.length).toBeGreaterThan(1)
    const page = async (query: string, params: Record<string, unknown>, skip: number, limit: number) =>
      ids((await rows(query, { ...params, skip: int(skip), limit: int(limit) }))[0].rows)
    for (const { id } of speakers) {
      const expected = await all(ALL_SAID, { id })
      await expectPages(`QUOTES_BY_SPEAKERS ${id}`, expected, 2, (skip, limit) => page(Q.QUOTES_BY_SPEAKERS, { ids: [id], aboutId: null }, skip, limit))
      await expectPages(`QUOTES_PAGE speaker ${id}`, expected, 3, (skip, limit) => page(Q.QUOTES_PAGE, { speakerId: id, aboutId: null }, skip, limit))
    }
    // the pairs with the most quotes, read from either side (the one with fewer quotes, by the counters)
    const pairs = await rows('MATCH (s:Entity)-[r:SPOKE_ABOUT]->(x:Entity) RETURN s.id AS s, x.id AS x, r.count AS n ORDER BY r.count DESC, s.id, x.id LIMIT 8')
    expect(Number(pairs[0].n)).toBeGreaterThan(1)
    for (const { s: id, x } of pairs) {
      const both = await all(ALL_SAID_ABOUT, { s: id, x })
      await expectPages(`QUOTES_BY_SPEAKERS ${id} about ${x}`, both, 1, (skip, limit) => page(Q.QUOTES_BY_SPEAKERS, { ids: [id], aboutId: x }, skip, limit))
      await expectPages(`QUOTES_ABOUT_ENTITIES ${x} by ${id}`, both, 2, (skip, limit) => page(Q.QUOTES_ABOUT_ENTITIES, { ids: [x], speakerId: id }, skip, limit))
      await expectPages(`QUOTES_PAGE ${id} about ${x}`, both, 1, (skip, limit) => page(Q.QUOTES_PAGE, { speakerId: id, aboutId: x }, skip, limit))
    }
    for (const { id } of subjects) {
      const expected = await all(ALL_ABOUT, { id })
      await expectPages(`QUOTES_ABOUT_ENTITIES ${id}`, expected, 2, (skip, limit) => page(Q.QUOTES_ABOUT_ENTITIES, { ids: [id], speakerId: null }, skip, limit))
      await expectPages(`QUOTES_PAGE about ${id}`, expected, 3, (skip, limit) => page(Q.QUOTES_PAGE, { speakerId: null, aboutId: id }, skip, limit))
    }
  })

  it('co-mentions of a pair: the articles naming both, as expanding every article counts them', async () => {
    const top = await rows(`MATCH (e:Entity) WHERE e.articleCount >= 2 RETURN e.id AS id ORDER BY e.articleCount DESC, e.id LIMIT 6`)
    const pairs = top.flatMap((a, i) => top.slice(i + 1).map((b) => ({ key: `${a.id}|${b.id}`, a: a.id, b: b.id })))
    const got = new Map((await rows(Q.CO_MENTIONS, { pairs })).map((r) => [r.key, Number(r.value)]))
    let some = 0
    for (const p of pairs) {
      const [ref] = await rows('MATCH (:Entity {id: $a})<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(:Entity {id: $b}) RETURN count(DISTINCT art) AS n', p)
      expect(got.get(p.key), p.key).toBe(Number(ref.n))
      some += Number(ref.n) > 1 ? 1 : 0
    }
    expect(some).toBeGreaterThan(0)
  })

  it("whoSaidWhatAbout: each speaker's newest quotes as a full read grouped by speaker gives them", async () => {
    const subjects = await rows(`MATCH (e:Entity) WHERE e.quotedAboutCount >= 2 RETURN e.id AS id ORDER BY e.quotedAboutCount DESC, e.id LIMIT 6`)
    for (const { id } of subjects) {
      const expected = new Map((await rows(ALL_BY_SPEAKER, { id })).map((r) => [r.speaker ? `s:${r.speaker}` : `n:${r.name}`, r.qs as string[]]))
      for (const per of [1, 2]) {
        const got = await rows(Q.WHO_SAID_WHAT_ABOUT, { aboutId: id, first: int(100), perSpeaker: int(per) })
        expect(got.length, String(id)).toBe(expected.size)
        for (const g of got) {
          const speaker = g.speaker as { id: string } | null
          const key = speaker ? `s:${speaker.id}` : `n:${(g.speakerName as string | null) ?? ''}`
          expect(ids(g.quotes), `${id} ${key} per ${per}`).toEqual(expected.get(key)!.slice(0, per))
        }
      }
    }
    expect(subjects.length).toBeGreaterThan(1)
  })
})
