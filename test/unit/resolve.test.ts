import { describe, expect, it } from 'vitest'
import { compatible, groupKey, recordKey, resolveGroup, type FormRecord } from '../../src/graph/resolve.ts'

// Fictional people throughout.
let n = 0
function rec(form: string, name: string, type = 'Person', date: string | null = null, articleId = `a${++n}`): FormRecord {
  return { articleId, form, name, type, count: 1, aliases: [], date }
}
const targetOf = (out: ReturnType<typeof resolveGroup>, r: FormRecord): string | undefined => out.target.get(recordKey(r))

describe('groupKey', () => {
  it('files every form by its last word whatever its type (the corpus decides the type), countries alone', () => {
    expect(groupKey('person:maren-ostvik', 'Person')).toBe('ostvik')
    expect(groupKey('org:ostvik', 'Organisation')).toBe('ostvik')
    expect(groupKey('org:ostvik-timber-group', 'Organisation')).toBe('group')
    // a person's name typed Organisation by one article meets the same name typed Person by the others
    expect(groupKey('org:maren-ostvik', 'Organisation')).toBe('ostvik')
    expect(groupKey('country:NO', 'Country')).toBe('country:NO')
  })
})

describe('compatible', () => {
  const w = (s: string) => s.split('-')
  it('takes initials and middle names', () => {
    expect(compatible(w('s-valdane'), w('selma-valdane'))).toBe(true)
    expect(compatible(w('oskar-luigi-brenn'), w('oskar-brenn'))).toBe(true)
    expect(compatible(w('oskar-l-brenn'), w('oskar-luigi-brenn'))).toBe(true)
  })
  it('keeps different first names apart', () => {
    expect(compatible(w('selma-valdane'), w('sven-valdane'))).toBe(false)
    expect(compatible(w('t-valdane'), w('selma-valdane'))).toBe(false)
  })
})

describe('resolveGroup', () => {
  it('joins variants, initials and a surname-only article to the one person of the surname', () => {
    const full = [rec('person:selma-valdane', 'Selma Valdane'), rec('person:selma-valdane', 'Selma Valdane')]
    const initial = rec('person:s-valdane', 'S. Valdane')
    const caps = rec('person:valdane', 'VALDANE')
    const out = resolveGroup('valdane', [caps, initial, ...full])
    for (const r of [...full, initial, caps]) expect(targetOf(out, r)).toBe('person:selma-valdane')
    expect(out.entities).toEqual([
      { id: 'person:selma-valdane', type: 'Person', name: 'Selma Valdane', aliases: ['S. Valdane', 'VALDANE'], aliasIds: ['person:s-valdane', 'person:valdane'] },
    ])
  })

  it('does not depend on the order of the records', () => {
    const rs = [rec('person:selma-valdane', 'Selma Valdane'), rec('person:sven-valdane', 'Sven Valdane'), rec('person:sven-valdane', 'Sven Valdane'),
      rec('person:s-valdane', 'S. Valdane'), rec('person:valdane', 'Valdane'), rec('org:valdane', 'Valdane', 'Organisation')]
    const a = resolveGroup('valdane', rs)
    const b = resolveGroup('valdane', [...rs].reverse())
    expect([...b.target].sort()).toEqual([...a.target].sort())
    expect(b.entities).toEqual(a.entities)
  })

  it('settles a bare surname by the clearly most mentioned person, and leaves a close call alone', () => {
    const sven = [1, 2, 3, 4].map(() => rec('person:sven-valdane', 'Sven Valdane'))
    const selma = rec('person:selma-valdane', 'Selma Valdane')
    const bare = rec('person:valdane', 'Valdane')
    expect(targetOf(resolveGroup('valdane', [...sven, selma, bare]), bare)).toBe('person:sven-valdane')
    const close = [rec('person:sven-valdane', 'Sven Valdane'), rec('person:selma-valdane', 'Selma Valdane'), bare]
    expect(targetOf(resolveGroup('valdane', close), bare)).toBe('person:valdane')
  })

  it('prefers the person mentioned around the article date', () => {
    const old = [1, 2, 3].map(() => rec('person:sven-valdane', 'Sven Valdane', 'Person', '2019-01-10'))
    const recent = rec('person:selma-valdane', 'Selma Valdane', 'Person', '2024-05-01')
    const bare = rec('person:valdane', 'Valdane', 'Person', '2024-05-20')
    expect(targetOf(resolveGroup('valdane', [...old, recent, bare]), bare)).toBe('person:selma-valdane')
  })

  it('an initial that fits two people joins neither', () => {
    const rs = [rec('person:selma-valdane', 'Selma Valdane'), rec('person:sven-valdane', 'Sven Valdane')]
    const s = rec('person:s-valdane', 'S. Valdane')
    expect(targetOf(resolveGroup('valdane', [...rs, s]), s)).toBe('person:s-valdane')
  })

  it('keeps a one-word place the corpus mostly knows as a place apart from a person of that surname', () => {
    const places = [1, 2, 3].map(() => rec('place:brennick', 'Brennick', 'Place'))
    const person = rec('person:anna-brennick', 'Anna Brennick')
    const out = resolveGroup('brennick', [...places, person])
    for (const p of places) expect(targetOf(out, p)).toBe('place:brennick')
    expect(out.entities.map((e) => [e.id, e.type])).toEqual([['person:anna-brennick', 'Person'], ['place:brennick', 'Place']])
  })

  it('one type per name by the weight of its mentions', () => {
    const out = resolveGroup('k:harlow-mills', [rec('org:harlow-mills', 'Harlow Mills', 'Organisation'), rec('org:harlow-mills', 'Harlow Mills', 'Organisation'), rec('place:harlow-mills', 'Harlow Mills', 'Place')])
    expect(out.entities).toEqual([{ id: 'org:harlow-mills', type: 'Organisation', name: 'Harlow Mills', aliases: [], aliasIds: ['place:harlow-mills'] }])
  })

  it('names the entity by its most frequent full form, not ALL-CAPS', () => {
    const out = resolveGroup('valdane', [rec('person:selma-valdane', 'SELMA VALDANE'), rec('person:selma-valdane', 'SELMA VALDANE'), rec('person:selma-valdane', 'Selma Valdane')])
    expect(out.entities[0].name).toBe('Selma Valdane')
  })
})

describe('resolveGroup heads', () => {
  it('an initial never heads a cluster that a full first name could head, even when mentioned as often', () => {
    const full = rec('person:selma-valdane', 'Selma Valdane')
    const initial = rec('person:s-valdane', 'S. Valdane')
    const out = resolveGroup('valdane', [initial, full])
    expect(targetOf(out, initial)).toBe('person:selma-valdane')
    expect(targetOf(out, full)).toBe('person:selma-valdane')
  })
})

describe('resolveGroup names', () => {
  it('names the entity by a full first name rather than an initial when both are as frequent', () => {
    const out = resolveGroup('valdane', [rec('person:s-valdane', 'S. Valdane'), rec('person:selma-valdane', 'Selma Valdane')])
    expect(out.entities.map((e) => e.name)).toEqual(['Selma Valdane'])
  })
})

describe('resolveGroup: the corpus decides the type of a multi-word form', () => {
  it('puts a full name the corpus mostly types Person in the person cluster, whatever one article typed it', () => {
    const people = [rec('person:maren-ostvik', 'Maren Ostvik'), rec('person:maren-ostvik', 'Maren Ostvik'), rec('person:maren-ostvik', 'Maren Ostvik')]
    const slip = rec('org:maren-ostvik', 'Maren Ostvik', 'Organisation')
    const place = rec('place:maren-ostvik', 'Maren Ostvik', 'Place')
    const surname = rec('person:ostvik', 'Ostvik')
    const out = resolveGroup('ostvik', [slip, surname, place, ...people])
    for (const r of [...people, slip, place, surname]) expect(targetOf(out, r)).toBe('person:maren-ostvik')
    expect(out.entities.map((e) => [e.id, e.type])).toEqual([['person:maren-ostvik', 'Person']])
  })
  it('keeps a multi-word name the corpus mostly types otherwise on its own node, apart from the surname person', () => {
    const orgs = [rec('org:ostvik-timber-group', 'Ostvik Timber Group', 'Organisation'), rec('org:ostvik-timber-group', 'Ostvik Timber Group', 'Organisation')]
    const slip = rec('person:ostvik-timber-group', 'Ostvik Timber Group')
    const out = resolveGroup('group', [...orgs, slip])
    for (const r of [...orgs, slip]) expect(targetOf(out, r)).toBe('org:ostvik-timber-group')
    expect(out.entities.map((e) => [e.id, e.type])).toEqual([['org:ostvik-timber-group', 'Organisation']])
  })
  it('still resolves groups filed by whole key in graphs written before (k:)', () => {
    const out = resolveGroup('k:harlow-mills', [rec('org:harlow-mills', 'Harlow Mills', 'Organisation'), rec('place:harlow-mills', 'Harlow Mills', 'Place')])
    expect(out.entities.map((e) => e.id)).toEqual(['org:harlow-mills'])
  })
})

describe('resolveGroup: one type per name', () => {
  it('a name typed organisation in some articles and place in others is one node, typed by the weight of its mentions', () => {
    const orgs = [rec('org:port-vellmar', 'Port Vellmar', 'Organisation'), rec('org:port-vellmar', 'Port Vellmar', 'Organisation')]
    const places = [rec('place:port-vellmar', 'Port Vellmar', 'Place'), rec('place:port-vellmar', 'Port Vellmar', 'Place'), rec('place:port-vellmar', 'Port Vellmar', 'Place')]
    const out = resolveGroup('vellmar', [...orgs, ...places])
    for (const r of [...orgs, ...places]) expect(targetOf(out, r)).toBe('place:port-vellmar')
    expect(out.entities.map((e) => [e.id, e.type])).toEqual([['place:port-vellmar', 'Place']])
  })
})

describe('resolveGroup: evidence in the article before the corpus', () => {
  it('a surname whose article also gave an initial joins the person that initial fits, not the most mentioned', () => {
    const pia = [rec('person:pia-halvard', 'Pia Halvard'), rec('person:pia-halvard', 'Pia Halvard'), rec('person:pia-halvard', 'Pia Halvard')]
    const oskar = rec('person:oskar-halvard', 'Oskar Halvard')
    const withInitial = { ...rec('person:halvard', 'Halvard'), aliases: ['O. Halvard'] }
    const bare = rec('person:halvard', 'Halvard')
    const out = resolveGroup('halvard', [...pia, oskar, withInitial, bare])
    expect(targetOf(out, withInitial)).toBe('person:oskar-halvard')
    // without that evidence the corpus rule decides: Pia is mentioned in three times the articles
    expect(targetOf(out, bare)).toBe('person:pia-halvard')
  })
  it('an initial that fits none of the people keeps the surname on its own node', () => {
    const pia = rec('person:pia-halvard', 'Pia Halvard')
    const other = { ...rec('person:halvard', 'Halvard'), aliases: ['K. Halvard'] }
    const out = resolveGroup('halvard', [pia, other])
    expect(targetOf(out, other)).toBe('person:halvard')
  })
  it('a title is no evidence of who is meant', () => {
    const pia = rec('person:pia-halvard', 'Pia Halvard')
    const titled = { ...rec('person:halvard', 'Halvard'), aliases: ['Mr. Halvard'] }
    const out = resolveGroup('halvard', [pia, titled])
    expect(targetOf(out, titled)).toBe('person:pia-halvard')
  })
})
