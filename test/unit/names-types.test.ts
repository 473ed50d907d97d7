// Type repairs that read the whole article (src/extract/names/types.ts, and the weak-run rule of
// entities.ts countryNamesAlone), on short texts written for these tests: fictional people, towns and
// regions; countries and US states are the lexicon's.
import { describe, expect, it } from 'vitest'
import { layerOf, idsOf, textsOf } from '../support/layers.ts'


describe('type repairs over the whole article', () => {
  it('reads a headline\'s "Varga Kelmora" as the person Varga and the place Kelmora when the article names both apart', () => {
    const l = layerOf('Premier backs Varga Kelmora peace plan .\nDORVALE , Norway 1996-08-30\nPrime Minister Pavel Ostrik said on Friday that security chief Anton Varga \'s peace plan for the Kelmora region had his backing .\n" Varga is now in Kelmora , " Ostrik said . Varga will meet rebel leaders in Kelmora next week .\n')
    expect(idsOf(l)).not.toContain('person:varga-kelmora')
    expect(textsOf(l, 'person:anton-varga')).toEqual(['Varga', 'Anton Varga', 'Varga', 'Varga'])
    // every "Kelmora" is the place, none a person's alias
    expect(textsOf(l, 'place:kelmora')).toEqual(['Kelmora', 'Kelmora', 'Kelmora', 'Kelmora'])
    expect(l.entities.filter((e) => e.type === 'Person').flatMap((e) => e.aliases)).not.toContain('Kelmora')
  })
  it('reads a people\'s word before a noun ("former Kelmari leader", "the Kelmari war song") as no name', () => {
    const l = layerOf('Kelmari rebels agree to truce .\nHundreds of Kelmaris gathered in the square of Dorvale on Saturday . Posters showed former Kelmari leader Ivo Dastan , and children sang the Kelmari war song .\n')
    expect(idsOf(l)).not.toContain('person:kelmari')
    expect(textsOf(l, 'person:ivo-dastan')).toEqual(['Ivo Dastan'])
  })
  it('reads "N. Korea", "the South" and "the North" as the countries the article names, and "South" + "Carolina Gov ." as the state', () => {
    const l = layerOf('N. Korea urges S. Korea to return soldier .\nNorth Korea demanded on Monday that South Korea return a soldier who has lived in the South since the war , minister Pak Dong-su said .\nThe North accepted the offer , Pak said .\nFormer South Carolina Gov . Martin Lasko met him in Dorvale .\n')
    expect(textsOf(l, 'country:KP')).toEqual(['N. Korea', 'North Korea', 'North'])
    expect(textsOf(l, 'country:KR')).toEqual(['S. Korea', 'South Korea', 'South'])
    expect(textsOf(l, 'place:south-carolina')).toEqual(['South Carolina'])
    const ids = idsOf(l)
    for (const id of ['person:n-korea', 'place:s-korea', 'place:south', 'place:north', 'person:carolina-gov']) expect(ids).not.toContain(id)
  })
  it('joins a compass word the tagger cut off to the rest of a name ("West" + "Virginia University")', () => {
    const l = layerOf('Anna Berg , a professor at West Virginia University , said the study was sound . Berg spoke in Charleston , West Virginia .\n')
    const ids = idsOf(l)
    expect(ids).toContain('place:west-virginia-university')
    expect(ids).not.toContain('place:west')
    expect(ids).not.toContain('place:virginia-university')
  })
  it('leaves "the South" a place when the article names no country of that compass word', () => {
    const l = layerOf('Senator Ruth Calder toured the South on Monday , her aides said . Calder spoke in Dorvale .\n')
    expect(idsOf(l).filter((id) => id.startsWith('country:'))).toEqual([])
  })
  it('keeps a nationality in brackets a country when a weak run of capitals ends with it ("Tour of the Netherlands"), and a person\'s surname a person', () => {
    const l = layerOf('Cycling - Tour of the Netherlands results .\nVELDHAVEN , Netherlands 1996-08-31\nLeading results of the final stage of the Tour of the Netherlands :\n1. Pieter Maasland ( Netherlands ) Kelbrook 4:20:11\n2. Jan Osterkamp ( Netherlands ) Kelbrook same time\n3. Ivo Holland ( Sweden ) Dunmere same time\nHolland won the sprint .\n')
    expect(textsOf(l, 'country:NL')).toEqual(['Netherlands', 'Netherlands', 'Netherlands', 'Netherlands'])
    expect(idsOf(l).filter((id) => id.includes('netherlands'))).toEqual([])
    expect(textsOf(l, 'person:ivo-holland')).toEqual(['Ivo Holland', 'Holland'])
  })
  it('reads the all-caps name opening a dateline as a place, and the town\'s later mentions with it', () => {
    const l = layerOf('Villagers return home .\nLiutas Veremis\nDORVAL-MARTA , Norway 1996-08-31\nVillagers returned to their homes in Dorval-Marta on Saturday , a week after the floods .\n')
    expect(idsOf(l)).not.toContain('person:dorval-marta')
    expect(textsOf(l, 'place:dorval-marta')).toEqual(['DORVAL-MARTA', 'Dorval-Marta'])
  })
  it('reads a dateline\'s name the tagger calls an organisation as a place', () => {
    const l = layerOf('Motel fire kills two .\nKELBROOK CITY , N.H. 1996-08-30\nA motel exploded and burned on Friday , police said .\n')
    expect(idsOf(l)).toContain('place:kelbrook-city')
    expect(idsOf(l)).not.toContain('org:kelbrook-city')
  })
})
