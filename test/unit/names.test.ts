// The name finder on the seed article and on short texts written for these tests.
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/extract/nlp.ts'
import { findEntities, nameKey, type EntityLayer } from '../../src/extract/entities.ts'
import { externalData, readSeed } from '../support/external.ts'
import { layerOf } from '../support/layers.ts'

const SEED = externalData('seed', import.meta.filename)

function seedLayer(): EntityLayer {
  const { text } = readSeed(SEED.path)
  const start = text.indexOf('A small number of North Korean troops')
  const end = text.indexOf('Updated:')
  const author = text.indexOf('Thomas Watkins')
  const dateline = text.indexOf('Washington\n')
  expect(start).toBeGreaterThan(0)
  expect(end).toBeGreaterThan(start)
  return findEntities(analyse(text), [{ start, end }], [
    { start: author, end: author + 'Thomas Watkins'.length, type: 'Person' },
    { start: dateline, end: dateline + 'Washington'.length, type: 'Place' },
  ])
}

function names(layer: EntityLayer, type: string): string[] {
  return layer.entities.filter((e) => e.type === type).map((e) => e.name).sort()
}


describe.skipIf(!SEED.present)('seed article', () => {
  // vitest collects a skipped suite too: read the seed only when it is there
  const layer = SEED.present ? seedLayer() : layerOf('')
  it('finds exactly the five people, each once', () => {
    expect(names(layer, 'Person')).toEqual(['Joe Biden', 'Kim Jong-un', 'Pat Ryder', 'Thomas Watkins', 'Vladimir Putin'])
  })
  it('finds the five countries by ISO code', () => {
    expect(layer.entities.filter((e) => e.type === 'Country').map((e) => e.id).sort()).toEqual(['country:KP', 'country:KR', 'country:RU', 'country:UA', 'country:US'])
  })
  it('finds the Pentagon and the places', () => {
    expect(names(layer, 'Organisation')).toEqual(['Pentagon'])
    expect(names(layer, 'Place')).toEqual(expect.arrayContaining(['Kursk', 'Pyongyang', 'Washington']))
  })
  it('strips titles and ranks into roles', () => {
    expect(layer.roles).toEqual(expect.arrayContaining([
      { personId: 'person:pat-ryder', title: 'press secretary', orgId: 'org:pentagon' },
      { personId: 'person:vladimir-putin', title: 'president', orgId: 'country:RU' },
      { personId: 'person:kim-jong-un', title: 'leader', orgId: 'country:KP' },
    ]))
    const ryder = layer.byId.get('person:pat-ryder')!
    expect(ryder.mentions.map((m) => m.text)).toEqual(['Pat Ryder', 'Ryder'])
  })
  it('reads "[North Korea]" and "North Korean troops" as North Korea', () => {
    const nk = layer.byId.get('country:KP')!
    expect(nk.mentions.some((m) => m.kind === 'demonym' && m.text === 'North Korean')).toBe(true)
    expect(nk.mentions.filter((m) => m.kind === 'name').length).toBe(3)
  })
  it('keeps header words, months and weekdays out', () => {
    const all = layer.entities.flatMap((e) => e.mentions.map((m) => m.text))
    for (const w of ['News', 'Updated', 'October', 'Tuesday', 'July', 'Maj Gen', 'President']) expect(all).not.toContain(w)
  })
  it('maps every mention token to its entity', () => {
    for (const s of layer.spans) for (let k = s.firstToken; k <= s.lastToken; k++) expect(layer.entityOfToken[k]).toBe(s.entityId)
    for (let k = 1; k < layer.spans.length; k++) expect(layer.spans[k].start).toBeGreaterThanOrEqual(layer.spans[k - 1].start)
  })
})

describe('names in short texts', () => {
  it('joins U.S., US, United States and America into one country', () => {
    const l = layerOf('The U.S. said on Monday that the United States would act. America is ready, US officials said.')
    const us = l.entities.filter((e) => e.type === 'Country')
    expect(us.map((e) => e.id)).toEqual(['country:US'])
    expect(us[0].mentions.map((m) => m.text)).toEqual(['U.S.', 'United States', 'America', 'US'])
  })
  it('reads the short demonyms of Central Asia and the Caucasus, "Kazakstan" and a "U.S" cut before its full stop as their countries', () => {
    const l = layerOf('Tajik and Azeri envoys meet in Dorvale .\nThe Tajik envoy , Rustam Nazarov , met Azeris and Kazakhs from the U.S embassy in Kazakstan .\n')
    expect(l.entities.filter((e) => e.type === 'Country').map((e) => e.id).sort()).toEqual(['country:AZ', 'country:KZ', 'country:TJ', 'country:US'])
    expect(l.byId.get('country:KZ')!.mentions.map((m) => m.text)).toEqual(['Kazakhs', 'Kazakstan'])
    expect(l.entities.filter((e) => e.type !== 'Country').map((e) => e.id).sort()).toEqual(['person:rustam-nazarov', 'place:dorvale'])
  })
  it('joins "Mr Okafor" and "Okafor" to the full name, and strips honorifics and ranks', () => {
    const l = layerOf('Foreign Minister Adaeze Okafor met Col. Brendan Vasquez-Hale in Lagos. Mr Okafor said talks went well, and Col Vasquez-Hale agreed.')
    expect(names(l, 'Person')).toEqual(['Adaeze Okafor', 'Brendan Vasquez-Hale'])
    expect(l.byId.get('person:adaeze-okafor')!.mentions).toHaveLength(2)
    expect(l.roles).toContainEqual({ personId: 'person:adaeze-okafor', title: 'foreign minister', orgId: null })
  })
  it('normalises name keys', () => {
    expect(nameKey('José  Ramos-Horta')).toBe('jose-ramos-horta')
    expect(nameKey("Conan O'Brien")).toBe('conan-obrien')
  })
})
