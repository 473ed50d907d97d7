// Coordinated names (src/extract/names/coordination.ts): "A and B" read as one name by the tagger is
// one mention per name when each part is a name on its own; names with "and" or "&" in them stay
// whole. Short texts written for these tests, with fictional people and organisations.
import { describe, expect, it } from 'vitest'
import { type EntityLayer } from '../../src/extract/entities.ts'
import { layerOf } from '../support/layers.ts'

const names = (l: EntityLayer): string[] => l.entities.filter((e) => e.type !== 'Country').map((e) => `${e.type}:${e.name}`).sort()
const mentionsOf = (l: EntityLayer, name: string): string[] => l.entities.find((e) => e.name === name)?.mentions.map((m) => m.text) ?? []

describe('coordinated names', () => {
  it('cuts "A and B" into one mention per name when the article or a lexicon names each part', () => {
    const known = layerOf('The Pentagon and State Department disagreed. The State Department said so.')
    expect(names(known)).toEqual(['Organisation:Pentagon', 'Organisation:State Department'])
    expect(mentionsOf(known, 'State Department')).toEqual(['State Department', 'State Department'])

    const firms = layerOf('Executives at Halvorsen Group and Marrow Capital met. Halvorsen Group said it would bid; Marrow Capital declined.')
    expect(names(firms)).toEqual(['Organisation:Halvorsen Group', 'Organisation:Marrow Capital'])
    expect(mentionsOf(firms, 'Marrow Capital')).toEqual(['Marrow Capital', 'Marrow Capital'])

    const text = 'Voters in Vermont and Ohio will choose on Tuesday, and the House and Senate will vote later. The House passed its bill.'
    const chambers = layerOf(text)
    expect(names(chambers)).toEqual(['Organisation:House', 'Organisation:Senate', 'Place:Ohio', 'Place:Vermont'])
    const house = chambers.entities.find((e) => e.name === 'House')!
    expect(house.mentions).toHaveLength(2)
    for (const e of chambers.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text)
  })

  it('reads the names after a plural title, and a surname beside a full name in one person span, as people', () => {
    expect(names(layerOf('Senators Holloway and Brandt voted against the bill on Tuesday.'))).toEqual(['Person:Brandt', 'Person:Holloway'])
    const l = layerOf('Ms Quennell and Anton Kovarik arrived. Dorota Quennell spoke.')
    expect(names(l)).toEqual(['Person:Anton Kovarik', 'Person:Dorota Quennell'])
    expect(mentionsOf(l, 'Dorota Quennell')).toEqual(['Quennell', 'Dorota Quennell'])
  })

  it('keeps whole a name with "and" or "&" whose parts the article does not name on their own', () => {
    expect(names(layerOf('Analysts at Hartwell & Pryce agreed, and Hartwell & Pryce raised its forecast. Shares of Brisco & Tallow fell.')))
      .toEqual(['Organisation:Brisco & Tallow', 'Organisation:Hartwell & Pryce'])
    expect(names(layerOf('Shares rose after the Office of Budget and Planning approved the deal, said the Centre for Rural and Coastal Studies.')))
      .toEqual(['Organisation:Centre for Rural and Coastal Studies', 'Organisation:Office of Budget and Planning'])
    // one part named elsewhere ("Parks") is not enough: the other ("Recreation Department") is no name of its own
    const l = layerOf('The Kovarik and Vellacourt Foundation gave money to the Parks and Recreation Department, a spokesman said. Parks officials welcomed it.')
    expect(names(l)).toContain('Organisation:Parks and Recreation Department')
    expect(names(l)).toContain('Organisation:Kovarik and Vellacourt Foundation')
    expect(names(layerOf('The study was paid for by the American Society of Welders and Riveters and the Halvorsen Institute.')))
      .toEqual(['Organisation:American Society of Welders and Riveters', 'Organisation:Halvorsen Institute'])
  })

  it('opens and ends no name on a conjunction', () => {
    const l = layerOf('Analysts at Marrow & Finch, where Ruth Finch works, agreed.')
    expect(l.entities.every((e) => !/^(&|and|or) |\s(&|and|or)$/.test(e.name) && e.mentions.every((m) => !/^(&|and|or) |\s(&|and|or)$/.test(m.text)))).toBe(true)
  })
})
