// The pure half of ingestion: extracted articles -> the rows the write queries take, places in
// countries, authors, and PATHS -> files. No database.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ExtractedArticle } from '../../src/extract/types.ts'
import { MAX_ARTICLE_ROWS, mergeEntities, prepare, quoteId, sha1, toRows, validDate, writeBatchIsolated } from '../../src/graph/write.ts'
import { placesInCountries } from '../../src/ingest/places.ts'
import { authorsOf } from '../../src/ingest/authors.ts'
import { expandPaths } from '../../src/ingest/paths.ts'

// A small article written for this test (fictional people).
const TEXT = 'Mayor Ilse Brandt of Kiel met Sven Okonjo in Oslo, Norway on Monday. "We agree," Brandt said. Germany\'s Kiel harbour will open.'
const at = (s: string, from = 0) => TEXT.indexOf(s, from)

function article(): ExtractedArticle {
  const m = (s: string, kind: 'name' | 'title' = 'name', from = 0) => ({ start: at(s, from), end: at(s, from) + s.length, text: s, kind })
  return {
    source: 'memo.txt',
    article: { id: 'text:abc', title: 'Memo', publishedAt: '2031-02-30', authors: ['Ilse Brandt', 'Greta Holm'], dateline: null, publisher: null, url: null },
    entities: [
      { id: 'person:ilse-brandt', type: 'Person', name: 'Ilse Brandt', aliases: ['Brandt', 'Brandt'], mentions: [m('Brandt', 'name', 70), m('Ilse Brandt')] },
      { id: 'person:sven-okonjo', type: 'Person', name: 'Sven Okonjo', aliases: [], mentions: [m('Sven Okonjo')] },
      { id: 'place:kiel', type: 'Place', name: 'Kiel', aliases: [], mentions: [m('Kiel'), m('Kiel', 'name', 100)] },
      { id: 'place:oslo', type: 'Place', name: 'Oslo', aliases: [], mentions: [m('Oslo')] },
      { id: 'country:NO', type: 'Country', name: 'Norway', aliases: [], mentions: [m('Norway')] },
      { id: 'country:DE', type: 'Country', name: 'Germany', aliases: [], mentions: [m('Germany')] },
    ],
    quotes: [
      {
        id: 'q1', text: 'We agree', start: at('We agree'), end: at('We agree') + 8, kind: 'direct', cue: 'said',
        fragments: [{ start: at('We agree'), end: at('We agree') + 8, text: 'We agree' }],
        speakerId: 'person:ilse-brandt', speakerName: 'Brandt', speakerStart: at('Brandt', 70), speakerEnd: at('Brandt', 70) + 6,
        aboutIds: ['person:sven-okonjo', 'person:sven-okonjo', 'org:unknown'], sentiment: 0.3,
        sentence: { text: '"We agree," Brandt said.', start: at('"We'), end: at('said.') + 5 },
      },
    ],
    roles: [
      { personId: 'person:ilse-brandt', title: 'Mayor', orgId: null },
      { personId: 'person:ilse-brandt', title: 'Mayor', orgId: 'place:kiel' },
      { personId: 'person:ilse-brandt', title: 'Mayor', orgId: 'place:kiel' },
    ],
    relations: [
      { type: 'meet', sourceId: 'person:ilse-brandt', targetId: 'person:sven-okonjo', start: 0, end: at('Monday.') + 7 },
      { type: 'meet', sourceId: 'person:ilse-brandt', targetId: 'person:sven-okonjo', start: 0, end: at('Monday.') + 7 },
      { type: 'co_mention', sourceId: 'person:ilse-brandt', targetId: 'org:nowhere', start: 0, end: 5 },
    ],
  }
}

describe('toRows', () => {
  const x = article()
  const rows = toRows({ extracted: x, text: TEXT, placesInCountries: placesInCountries(x, TEXT), authors: authorsOf(x) })

  it('keeps the article, its text hash and only a real date', () => {
    expect(rows.articles).toHaveLength(1)
    expect(rows.articles[0]).toMatchObject({ id: 'text:abc', textHash: sha1(TEXT), publishedAt: null, source: 'memo.txt' })
    expect(validDate('2031-02-28')).toBe('2031-02-28')
    expect(validDate('2031-13-01')).toBeNull()
    expect(validDate('March 2031')).toBeNull()
  })

  it('gives quotes the <articleId>#q<n> id, their evidence, one SAID and de-duplicated ABOUT to known entities', () => {
    expect(quoteId('url:x', 'url:x#q4', 0)).toBe('url:x#q4')
    expect(rows.quotes.map((q) => q.id)).toEqual(['text:abc#q1'])
    expect(rows.quotes[0].sentence).toBe('"We agree," Brandt said.')
    expect(rows.said).toEqual([{ from: 'person:ilse-brandt', to: 'text:abc#q1' }])
    expect(rows.about).toEqual([{ from: 'text:abc#q1', to: 'person:sven-okonjo' }])
  })

  it('puts mentions in text order as parallel lists, roles with an organisation as HOLDS_ROLE and the others as titles', () => {
    const brandt = rows.mentions.find((m) => m.entityId === 'person:ilse-brandt')!
    expect(brandt.count).toBe(2)
    expect(brandt.starts).toEqual([at('Ilse Brandt'), at('Brandt', 70)])
    expect(brandt.ends).toEqual(brandt.starts.map((s, i) => s + (i === 0 ? 11 : 6)))
    expect(brandt.kinds).toEqual(['name', 'name'])
    expect(brandt.titles).toEqual(['Mayor'])
    expect(rows.roles).toEqual([{ personId: 'person:ilse-brandt', orgId: 'place:kiel', title: 'Mayor', articleId: 'text:abc' }])
  })

  it('keeps each relation once, with the sentence text as evidence, and drops those to unknown entities', () => {
    expect(rows.relations).toHaveLength(1)
    expect(rows.relations[0].evidence).toBe(TEXT.slice(0, at('Monday.') + 7))
  })

  it('links authors: a Person of the article by name, else a Person of their own', () => {
    expect(rows.wrote).toEqual([
      { from: 'person:ilse-brandt', to: 'text:abc' },
      { from: 'person:greta-holm', to: 'text:abc' },
    ])
    expect(rows.entities.find((e) => e.id === 'person:greta-holm')).toMatchObject({ type: 'Person', name: 'Greta Holm' })
  })

  it('places a capital and a "Place, Country" in their country, and "Country\'s Place" too', () => {
    expect(rows.places).toEqual(
      expect.arrayContaining([
        { placeId: 'place:oslo', countryId: 'country:NO', articleId: 'text:abc' },
        { placeId: 'place:kiel', countryId: 'country:DE', articleId: 'text:abc' },
      ]),
    )
    expect(rows.entities.find((e) => e.id === 'country:NO')).toMatchObject({ iso2: 'NO', iso3: 'NOR' })
  })

  it('merges the entities of a batch, each once with its aliases united', () => {
    const y = article()
    y.article.id = 'text:def'
    y.entities[0].aliases = ['Ilse', 'Brandt']
    const merged = mergeEntities([rows, toRows({ extracted: y, text: TEXT })])
    expect(merged.filter((e) => e.id === 'person:ilse-brandt')).toHaveLength(1)
    expect(merged.find((e) => e.id === 'person:ilse-brandt')!.aliases).toEqual(['Brandt', 'Ilse'])
    expect(merged.map((e) => e.id)).toEqual([...merged.map((e) => e.id)].sort())
  })
})

describe('the size guard', () => {
  it('refuses an article with more facts than one transaction may carry, before it reaches Neo4j', async () => {
    const x = article()
    const r = x.relations[0]
    x.relations = Array.from({ length: MAX_ARTICLE_ROWS }, (_, i) => ({ ...r, start: i, end: i + 1 }))
    const huge = prepare({ extracted: x, text: TEXT })
    expect(huge.size).toBeGreaterThan(MAX_ARTICLE_ROWS)
    // no driver: nothing may be sent
    const result = await writeBatchIsolated(null as never, [huge])
    expect(result.outcomes).toEqual([{ id: 'text:abc', source: 'memo.txt', status: 'failed', error: expect.stringMatching(/too large to write in one transaction: \d+ facts \(the limit is 50000\)/) }])
  })
})

describe('expandPaths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-paths-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'sub'))
  mkdirSync(join(dir, '.hidden'))
  for (const f of ['b.txt', 'a.json', 'sub/c.txt', '.hidden/d.txt', '.e.txt']) writeFileSync(join(dir, f), 'x')

  it('walks folders in name order without hidden entries, expands globs, keeps -, and names what matches nothing', async () => {
    const r = await expandPaths([dir, join(dir, 'sub/*.txt'), '-', join(dir, 'nope.txt'), join(dir, '*.xml')])
    expect(r.files).toEqual([join(dir, 'a.json'), join(dir, 'b.txt'), join(dir, 'sub/c.txt'), '-'])
    expect(r.errors.map((e) => e.error)).toEqual([`${join(dir, 'nope.txt')}: no such file or directory`, `${join(dir, '*.xml')}: no file matches this pattern`])
  })
})
