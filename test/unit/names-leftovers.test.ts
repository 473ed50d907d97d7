// Issue 12's name leftovers after the rules on titles, types and pieces: a state before a title
// (src/extract/names/titles.ts stateBeforeTitle), a state's abbreviation without its full stop
// (names/hygiene.ts stateOfAbbreviation), capitalised runs that overlap the tagger's names
// (mentions.ts capitalisedRuns), clubs read as people (names/types.ts clubNames), places named
// together before a plural place noun (coordinatedPlaces), and common words that name no person
// (names/hygiene.ts: a day's name, a unit, a product after its kind, a possessive with nothing
// possessed, a title's acronym, a word after a spaced hyphen). Short texts written for these tests:
// fictional people, clubs, towns and products; US states are the lexicon's.
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/extract/nlp.ts'
import { type EntityLayer } from '../../src/extract/entities.ts'
import { findMentions } from '../../src/extract/mentions.ts'
import { portfolioBeforeOrg } from '../../src/extract/names/titles.ts'
import { layerOf, idsOf, people } from '../support/layers.ts'

const textsOf = (l: EntityLayer, id: string): string[] => l.byId.get(id)?.mentions.filter((m) => m.kind === 'name').map((m) => m.text) ?? []

describe('a US state before a title', () => {
  it('reads "Texas Sen." and "the Ohio senator" as the states, not organisations', () => {
    const l = layerOf('The rally was led by Texas Sen. Marta Velloso , who spoke for an hour . Later , Ohio Senator Dirk Hallam and the Texas senator agreed .\n')
    expect(textsOf(l, 'place:texas')).toEqual(['Texas', 'Texas'])
    expect(textsOf(l, 'place:ohio')).toEqual(['Ohio'])
    expect(idsOf(l)).not.toContain('org:texas')
    expect(idsOf(l)).not.toContain('org:ohio')
    expect(people(l)).toEqual(['Dirk Hallam', 'Marta Velloso'])
  })
})

describe('a state\'s abbreviation without its full stop', () => {
  it('reads a dateline\'s "Calif" as California, one node with the state named in full', () => {
    const l = layerOf('Anna Berg moved to California in May .\nKELBROOK , Calif 1996-08-30\nBerg said she liked Kelbrook .\n')
    expect(textsOf(l, 'place:california')).toEqual(['California', 'Calif'])
    expect(idsOf(l)).not.toContain('place:calif')
  })
})

describe('capitalised runs and the tagger\'s names', () => {
  it('never makes two mentions of one word: "Queen of" does not run over the tagger\'s "Kelmora"', () => {
    const text = 'Division two\nLivingston 3 3 0 0 6 2 9\nQueen of Kelmora 3 2 0 1 5 4 6\nAyr 3 1 2 0 8 2 5\n'
    const ms = findMentions(analyse(text), [{ start: 0, end: text.length }])
    for (let i = 1; i < ms.length; i++) expect(ms[i].first).toBeGreaterThan(ms[i - 1].last)
  })
})

describe('clubs read as people', () => {
  it('reads a name that takes "are" ("Despite the defeat , Varnok are") as a club, with its full name', () => {
    const l = layerOf('SOCCER - VARNOK FANS LOCKED OUT .\nVarnok Dorvale must play their next home game behind closed doors after the fans hurled bottles at the visitors during a 1-0 home defeat in the league on Saturday .\nDespite the defeat , Varnok are well placed with 11 games to play in the championship , striker Pavel Ostrik said .\n')
    expect(people(l)).toEqual(['Pavel Ostrik'])
    expect(l.entities.filter((e) => e.type === 'Organisation').flatMap((e) => e.mentions.map((m) => m.text))).toEqual(expect.arrayContaining(['Varnok Dorvale', 'Varnok']))
  })
  it('reads a sports report\'s one-word "person" that ends a club\'s name ("MARLINS" of "the Kelbrook Marlins") as the club', () => {
    const l = layerOf('BASEBALL - ANTON VARGA LOWERS ERA AS MARLINS BEAT OTTERS .\nMajor league ERA leader Anton Varga threw an eight-hitter and Mila Dorn \'s RBI double snapped a fifth-inning tie as the Kelbrook Marlins beat the Dorvale Otters 3-1 for their seventh straight win Friday .\n')
    expect(idsOf(l)).not.toContain('person:marlins')
    expect(textsOf(l, 'org:marlins')).toEqual(['MARLINS'])
    expect(textsOf(l, 'person:anton-varga')).toEqual(['ANTON VARGA', 'Anton Varga'])
  })
})

describe('places named together', () => {
  it('reads "Arlow and Kettering counties" as two places, and their names alone later', () => {
    const l = layerOf('Democrats need big margins in suburban Arlow and Kettering counties , said Anna Berg . The chairs from Kettering and Arlow said so too .\n')
    expect(textsOf(l, 'place:arlow')).toEqual(['Arlow', 'Arlow'])
    expect(textsOf(l, 'place:kettering')).toEqual(['Kettering', 'Kettering'])
    expect(people(l)).toEqual(['Anna Berg'])
  })
})

describe('common words that name no person', () => {
  it('a day\'s name: "Christmas Eve"', () => {
    const l = layerOf('Then came Noche Buena with lechon asado - Christmas Eve with marinated pork - and then watching television , Anna Berg said .\n')
    expect(people(l)).toEqual(['Anna Berg'])
  })
  it('a unit after "degrees"', () => {
    const l = layerOf('The warming of the planet to 3.6 degrees Fahrenheit , or 2 degrees Celsius , above the preindustrial level , Anna Berg said .\n')
    expect(people(l)).toEqual(['Anna Berg'])
  })
  it('a product after its kind ("the drug Anchor")', () => {
    const l = layerOf('The firm is known for making the wrinkle-smoothing treatment Glow , while Kelbry makes the erectile dysfunction drug Anchor , Anna Berg said .\n')
    expect(people(l)).not.toContain('Anchor')
    expect(people(l)).toContain('Anna Berg')
  })
  it('a possessive with nothing possessed: a shop\'s or a company\'s name', () => {
    const l = layerOf('Four casinos — Kelbry’s , Orrin’s , Harbour and Dune Palace — gained , Anna Berg said . Revenue rose 5.5 percent at Kelbry’s and 5.0 percent at Harbour .\n')
    expect(people(l)).toEqual(['Anna Berg'])
  })
  it('keeps a person named with a possessive alone where the article names him in full', () => {
    const l = layerOf('Mark Delvin spoke on Friday . The choice was Delvin’s , his aide Anna Berg said .\n')
    expect(textsOf(l, 'person:mark-delvin')).toEqual(['Mark Delvin', 'Delvin'])
  })
  it('the words of a title cited with its acronym, and the acronym', () => {
    const l = layerOf('Anna Berg praised the Boycott Divestment and Sanction ( BDS ) movement and the Secretariat Telegram Processing System ( STePS ) , an electronic system .\n')
    expect(people(l)).toEqual(['Anna Berg'])
  })
  it('a common word opening a clause after a spaced hyphen', () => {
    const l = layerOf('WEDNESDAY’S ‘OUTLIERS’ - Links to the best of news at the intersection of polling and politics . Anna Berg edits them .\n')
    expect(people(l)).toEqual(['Anna Berg'])
  })
})

describe('a portfolio before an organisation\'s head word', () => {
  it('opens the organisation\'s name ("former Defense" + the tagger\'s "Department" was a person "Defense")', () => {
    const doc = analyse('She met former Defense Department aide Pavel Lind and the Varga Department of Kelmora .')
    const at = (w: string): number => doc.tokens.indexOf(w)
    expect(portfolioBeforeOrg(doc, at('Department'))).toBe(true)
    expect(portfolioBeforeOrg(doc, doc.tokens.lastIndexOf('Department'))).toBe(false)
  })
})
