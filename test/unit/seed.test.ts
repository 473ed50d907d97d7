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

  it('finds one statement per thing said: four by Pat Ryder (two mixed, with their fragments), Joe Biden\'s reported one once', () => {
    const body = out.quotes.filter((q) => q.start >= input.bodyStart)
    const quoted = body.filter((q) => q.kind !== 'indirect')
    expect(quoted.map((q) => [q.kind, q.fragments.map((f) => f.text), q.speakerId && nameOfId.get(q.speakerId)])).toEqual([
      ['mixed', ['smaller number'], 'Pat Ryder'],
      ['direct', ['We remain concerned that Russia intends to use these soldiers in combat or to support combat operations against Ukrainian forces'], 'Pat Ryder'],
      ['direct', ['I am concerned about it'], 'Joe Biden'],
      ['direct', ['If they cross into Ukraine, yes'], 'Joe Biden'],
      ['mixed', ['the quid pro quo'], 'Pat Ryder'],
      ['direct', ["As you well know, we've seen the relationship further deepening between [North Korea] and Russia, which is of course concerning"], 'Pat Ryder'],
    ])
    // Joe Biden's reported statement once, the "adding …" clause on its own, not inside it too
    const biden = body.filter((q) => q.kind === 'indirect' && q.speakerId && nameOfId.get(q.speakerId) === 'Joe Biden')
    expect(biden.map((q) => q.text)).toEqual([
      'Ukraine should strike back if North Korean troops crossed into its territory',
      'he was worried about their presence in the Kursk region',
    ])
  })

  it('attributes the headline to the United States and the standfirst to the Pentagon, the body\'s own entities', () => {
    const head = out.quotes.filter((q) => q.start < input.bodyStart)
    expect(head.map((q) => [q.kind, q.text, q.speakerId, q.cue])).toEqual([
      ['indirect', "North Korean troops arrive in Russia's Kursk region", 'country:US', 'says'],
      ['indirect', 'about 2,000 soldiers are on their way and a small group has already arrived', out.quotes.find((q) => q.start >= input.bodyStart && q.speakerName === 'Pentagon')?.speakerId, 'says'],
    ])
    expect(head[1].speakerId).toMatch(/pentagon/i)
    expect(head[0].aboutIds).toEqual(expect.arrayContaining(['country:KP', 'country:RU']))
  })

  it('finds the reported statements of the US, the Pentagon, Joe Biden and South Korean leaders', () => {
    const speakers = new Set(out.quotes.filter((q) => q.kind === 'indirect').map((q) => q.speakerId && nameOfId.get(q.speakerId)))
    for (const who of ['United States', 'Joe Biden', 'South Korea']) expect(speakers.has(who), who).toBe(true)
    expect([...speakers].some((s) => s && /Pentagon/.test(s))).toBe(true)
  })

  it('relates North Korea to Russia by the verb "send"', () => {
    expect(out.relations).toContainEqual(expect.objectContaining({ type: 'send', sourceId: 'country:KP', targetId: 'country:RU' }))
  })
})
