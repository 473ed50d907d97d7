// The demo's steps (scripts/demo.ts: migrateGraph, ingestExamples, startDemoApi, the functions
// `npm run demo` calls) against the test Neo4j, then the sample corpus checked through GraphQL
// against its truth (test/fixtures/sample-truth.json, written with examples/articles): the people,
// the quotes with their speakers, the speakers about a country, the articles' dates and bylines,
// and a second ingestion that changes nothing. Thresholds come from the truth; failures list the misses.
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Driver } from 'neo4j-driver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLES_DIR, STATS_QUERY, ingestExamples, ingestSummaryLines, migrateGraph, queryApi, startDemoApi } from '../../scripts/demo.ts'
import type { DemoApi, ExamplesSummary } from '../../scripts/demo.ts'
import type { StatsRow } from '../../src/graph/read.ts'
import { clearDatabase, openTestDriver, testConfig } from '../support/neo4j.ts'
import { loadSampleTruth, norm } from '../support/sample-truth.ts'

/** share of the truth that must come out right: people as Person entities, direct quotes with their speaker */
const PEOPLE_RECALL = 0.9
const QUOTE_ACCURACY = 0.9
/** share of the speakers whoSaidWhatAbout names that must be truth entities (a wrong entity as speaker is a bug) */
const SPEAKER_PRECISION = 0.9

const truth = loadSampleTruth()
const truthPeople = [...new Set(truth.articles.flatMap((a) => a.people))].sort()
const truthSpeakers = new Set(truth.articles.flatMap((a) => [...a.people, ...a.organisations, ...a.countries]))
const speakerQuotes = truth.articles.flatMap((a) => a.quotes.filter((q) => q.speaker !== null).map((q) => ({ ...q, file: a.file })))

const ALL_STATS = '{ stats { articles people organisations countries places quotes relations } }'

interface EntityRef {
  __typename: string
  name: string
  aliases: string[]
}
interface QuoteNode {
  text: string
  kind: string
  speakerName: string | null
  speaker: EntityRef | null
  article: { source: string | null }
}
const QUOTES_BY_TEXT = `query ($text: String!) {
  quotes(filter: { text: $text }, first: 20) {
    edges { node { text kind speakerName speaker { __typename name aliases } article { source } } }
  }
}`
const ENTITY_BY_NAME = 'query ($name: String!) { entity(name: $name) { __typename name aliases } }'
const WHO_SAID_ABOUT = `query ($about: String!) {
  whoSaidWhatAbout(about: $about, first: 50) { speaker { __typename name aliases } speakerName count }
}`
const ARTICLES = '{ articles(first: 100) { totalCount edges { node { source publishedAt authors dateline publisher } } } }'

const names = (e: EntityRef | null): string[] => (e ? [e.name, ...e.aliases].map(norm) : [])
/** the corpus file an article came from: its source path without the record suffix of JSONL (" [1]") */
const fileOf = (source: string | null): string => basename(source ?? '').replace(/ \[\d+\]$/, '')

describe('npm run demo over examples/articles', () => {
  let driver: Driver
  let api: DemoApi
  let first: ExamplesSummary
  const database = testConfig().neo4jDatabase

  beforeAll(async () => {
    driver = await openTestDriver()
    await clearDatabase(driver)
    await migrateGraph(driver, database)
    first = await ingestExamples(driver, database)
    console.log(ingestSummaryLines(first.summary, first.files).join('\n'))
    // no response cache, so the counts read after the second ingestion are fresh
    api = await startDemoApi(testConfig(), driver, 0, { responseCacheTtlMs: 0 })
  })

  afterAll(async () => {
    await api?.close()
    await driver?.close()
  })

  it('ingests every article of the corpus as new, none failed', () => {
    const { articles, failures } = first.summary
    expect(failures, JSON.stringify(failures)).toEqual([])
    expect(articles).toMatchObject({ new: truth.articles.length, updated: 0, unchanged: 0, failed: 0, extracted: truth.articles.length })
  })

  it('answers the stats of the printed curl with non-zero counts, one Article per truth article', async () => {
    const { stats } = await queryApi<{ stats: StatsRow }>(api.url, ALL_STATS)
    console.log(`stats: ${JSON.stringify(stats)}`)
    expect(stats.articles).toBe(truth.articles.length)
    for (const [k, v] of Object.entries(stats)) expect(v, k).toBeGreaterThan(0)
    expect(stats.people).toBeGreaterThanOrEqual(Math.ceil(PEOPLE_RECALL * truthPeople.length))
    expect(stats.quotes).toBeGreaterThanOrEqual(Math.ceil(QUOTE_ACCURACY * speakerQuotes.length))
    // the exact query the demo prints answers too
    const printed = await queryApi<{ stats: { articles: number; people: number; quotes: number } }>(api.url, STATS_QUERY)
    expect(printed.stats).toEqual({ articles: stats.articles, people: stats.people, quotes: stats.quotes })
  })

  it(`has at least ${PEOPLE_RECALL * 100}% of the truth's ${truthPeople.length} people as Person entities`, async () => {
    const misses: string[] = []
    for (const person of truthPeople) {
      const { entity } = await queryApi<{ entity: EntityRef | null }>(api.url, ENTITY_BY_NAME, { name: person })
      if (entity?.__typename !== 'Person' || !names(entity).includes(norm(person))) {
        misses.push(`${person}: ${entity ? `${entity.__typename} "${entity.name}"` : 'no entity'}`)
      }
    }
    const found = truthPeople.length - misses.length
    console.log(`truth people as Person: ${found}/${truthPeople.length}${misses.length ? `; misses: ${misses.join('; ')}` : ''}`)
    expect(found / truthPeople.length, misses.join('\n')).toBeGreaterThanOrEqual(PEOPLE_RECALL)
  })

  it(`stores at least ${QUOTE_ACCURACY * 100}% of the truth's direct quotes with their speaker`, async () => {
    const misses: string[] = []
    for (const t of speakerQuotes) {
      // a quote stored from the article the truth puts it in, whose text begins with (or, for a partial quote, holds) the truth's words
      const { quotes } = await queryApi<{ quotes: { edges: { node: QuoteNode }[] } }>(api.url, QUOTES_BY_TEXT, { text: t.start })
      const here = quotes.edges.map((e) => e.node).filter((q) => fileOf(q.article.source) === t.file)
      const starting = here.filter((q) => norm(q.text).startsWith(norm(t.start)))
      const candidates = starting.length ? starting : here
      const want = norm(t.speaker as string)
      if (candidates.some((q) => names(q.speaker).includes(want))) continue
      const got = candidates.map((q) => (q.speaker ? `${q.speaker.__typename} ${q.speaker.name}` : `unresolved "${q.speakerName ?? ''}"`))
      misses.push(`${t.file}: “${t.start}…” by ${t.speaker}${t.partial ? ' (partial)' : ''}: ${got.length ? got.join(' / ') : 'not found'}`)
    }
    const right = speakerQuotes.length - misses.length
    console.log(`truth direct quotes stored with their speaker: ${right}/${speakerQuotes.length}${misses.length ? `\nmisses:\n${misses.join('\n')}` : ''}`)
    expect(right / speakerQuotes.length, misses.join('\n')).toBeGreaterThanOrEqual(QUOTE_ACCURACY)
  })

  it('keeps a quote over two paragraphs whole, with its speaker', async () => {
    // chosen from the truth: Anna-Kaisa Lehtinen's quote that runs on into the next paragraph
    const chosen = speakerQuotes.find((q) => q.start.startsWith('Every salmon that swims up the Torne'))
    expect(chosen).toMatchObject({ speaker: 'Anna-Kaisa Lehtinen', paragraphs: 2 })
    const secondParagraph = 'We will not accept a decision about our shared river'
    expect(readFileSync(join(EXAMPLES_DIR, chosen!.file), 'utf8')).toContain(`“${secondParagraph}`)
    const { quotes } = await queryApi<{ quotes: { edges: { node: QuoteNode }[] } }>(api.url, QUOTES_BY_TEXT, { text: chosen!.start })
    // a statement is the unit (issue 15): the quote may be one part of a statement that began before it ("A," she said. "B.")
    const node = quotes.edges.map((e) => e.node).find((q) => norm(q.text).includes(norm(chosen!.start)))
    expect(node, 'the quote is stored').toBeDefined()
    expect(node!.kind).toBe('DIRECT')
    expect(node!.speaker).toMatchObject({ __typename: 'Person', name: 'Anna-Kaisa Lehtinen' })
    expect(node!.text).toContain(secondParagraph)
  })

  it('names speakers from the truth for whoSaidWhatAbout a country the corpus is about (Finland)', async () => {
    const country = 'Finland'
    expect(truth.articles.filter((a) => a.countries.includes(country)).length).toBeGreaterThan(truth.articles.length / 2)
    const { whoSaidWhatAbout } = await queryApi<{ whoSaidWhatAbout: { speaker: EntityRef | null; speakerName: string | null; count: number }[] }>(
      api.url,
      WHO_SAID_ABOUT,
      { about: country },
    )
    const resolved = whoSaidWhatAbout.filter((s) => s.speaker !== null)
    const inTruth = resolved.filter((s) => [...truthSpeakers].some((t) => names(s.speaker).includes(norm(t))))
    const people = new Set(truthPeople.filter((p) => inTruth.some((s) => s.speaker!.__typename === 'Person' && names(s.speaker).includes(norm(p)))))
    const outside = resolved.filter((s) => !inTruth.includes(s)).map((s) => `${s.speaker!.__typename} ${s.speaker!.name} (${s.count})`)
    console.log(
      `whoSaidWhatAbout(${country}): ${whoSaidWhatAbout.length} speakers, ${resolved.length} resolved, ${inTruth.length} in the truth ` +
        `(${people.size} people: ${[...people].join(', ')})${outside.length ? `; not in the truth: ${outside.join(', ')}` : ''}`,
    )
    expect(people.size).toBeGreaterThanOrEqual(5)
    expect(inTruth.length / resolved.length, `speakers not in the truth: ${outside.join(', ')}`).toBeGreaterThanOrEqual(SPEAKER_PRECISION)
  })

  it('stores every article with the date and byline it was written with', async () => {
    const { articles } = await queryApi<{
      articles: { totalCount: number; edges: { node: { source: string | null; publishedAt: string | null; authors: string[] } }[] }
    }>(api.url, ARTICLES)
    expect(articles.totalCount).toBe(truth.articles.length)
    const stored = articles.edges.map((e) => `${fileOf(e.node.source)} ${e.node.publishedAt} ${e.node.authors.join(', ')}`).sort()
    const expected = truth.articles.map((a) => `${a.file} ${a.publishedAt} ${a.authors.join(', ')}`).sort()
    expect(stored).toEqual(expected)
  })

  it('changes nothing when run again: every article unchanged, the same counts', async () => {
    const before = await queryApi<{ stats: StatsRow }>(api.url, ALL_STATS)
    const again = await ingestExamples(driver, database)
    console.log(ingestSummaryLines(again.summary, again.files).join('\n'))
    expect(again.summary.articles).toMatchObject({ new: 0, updated: 0, unchanged: truth.articles.length, failed: 0 })
    expect(again.summary.counts.entitiesCreated).toBe(0)
    expect(again.summary.counts.quotes).toBe(0)
    const after = await queryApi<{ stats: StatsRow }>(api.url, ALL_STATS)
    expect(after.stats).toEqual(before.stats)
  })
})
