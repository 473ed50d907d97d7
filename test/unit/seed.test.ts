// The integration point of the extraction: the seed article through readInput + extractArticle.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractArticle, readInput } from '../../src/extract/index.ts'
import { externalData } from '../support/external.ts'

const SEED = externalData('seed/000_78c788bb667fbbee.txt', import.meta.filename)

describe.skipIf(!SEED.present)('the seed article', () => {
  // vitest collects a skipped suite too: read the seed only when it is there
  const [input] = readInput(SEED.present ? readFileSync(SEED.path) : Buffer.from(''), SEED.path)
  const out = extractArticle(input, SEED.path)
  const namesOf = (type: string) => out.entities.filter((e) => e.type === type).map((e) => e.name)
  const nameOfId = new Map(out.entities.map((e) => [e.id, e.name]))

  it('has its header as metadata', () => {
    expect(out.article).toMatchObject({
      title: "North Korean troops arrive in Russia's Kursk region, US says",
      publishedAt: '2024-10-29',
      authors: ['Thomas Watkins'],
      dateline: 'Washington',
    })
  })

  it('names exactly these people, each once', () => {
    expect(namesOf('Person').sort()).toEqual(['Joe Biden', 'Kim Jong-un', 'Pat Ryder', 'Thomas Watkins', 'Vladimir Putin'])
  })

  it('names exactly these countries, each once', () => {
    expect(namesOf('Country').sort()).toEqual(['North Korea', 'Russia', 'South Korea', 'Ukraine', 'United States'])
  })

  it('names the Pentagon as the one organisation', () => {
    expect(namesOf('Organisation')).toEqual([expect.stringMatching(/^(the )?Pentagon$/i)])
  })

  it('names the places Kursk, Pyongyang and Washington, each once', () => {
    const places = namesOf('Place')
    for (const p of ['Kursk', 'Pyongyang', 'Washington']) expect(places.filter((n) => n === p), p).toHaveLength(1)
    expect(new Set(places).size).toBe(places.length)
  })

  it('takes no header or label words for entities', () => {
    const all = out.entities.flatMap((e) => [e.name, ...e.mentions.map((m) => m.text)])
    for (const word of ['News', 'Updated', 'AP', 'October', 'Tuesday', 'June', 'July']) expect(all).not.toContain(word)
    for (const e of out.entities) for (const m of e.mentions) if (e.name !== 'Thomas Watkins' && e.name !== 'Washington') expect(m.start).toBeGreaterThanOrEqual(input.bodyStart)
  })

  it('finds the six direct quotes: four by Pat Ryder, two by Joe Biden', () => {
    const direct = out.quotes.filter((q) => q.kind === 'direct')
    expect(direct.map((q) => [q.text, q.speakerId && nameOfId.get(q.speakerId)])).toEqual([
      ['smaller number', 'Pat Ryder'],
      ['We remain concerned that Russia intends to use these soldiers in combat or to support combat operations against Ukrainian forces,', 'Pat Ryder'],
      ['I am concerned about it,', 'Joe Biden'],
      ['If they cross into Ukraine, yes,', 'Joe Biden'],
      ['the quid pro quo', 'Pat Ryder'],
      ["As you well know, we've seen the relationship further deepening between [North Korea] and Russia, which is of course concerning,", 'Pat Ryder'],
    ].map(([text, who]) => [expect.stringContaining(text.replace(/,$/, '')), who]))
  })

  it('finds the reported statements of the US, the Pentagon, Pat Ryder, Joe Biden and South Korean leaders', () => {
    const speakers = new Set(out.quotes.filter((q) => q.kind === 'indirect').map((q) => q.speakerId && nameOfId.get(q.speakerId)))
    for (const who of ['United States', 'Pat Ryder', 'Joe Biden', 'South Korea']) expect(speakers.has(who), who).toBe(true)
    expect([...speakers].some((s) => s && /Pentagon/.test(s))).toBe(true)
  })

  it('relates North Korea to Russia by the verb "send"', () => {
    expect(out.relations).toContainEqual(expect.objectContaining({ type: 'send', sourceId: 'country:KP', targetId: 'country:RU' }))
  })
})
