// Curation decisions applied to resolution (src/graph/decisions.ts): pure, so checked here without a
// database; the end-to-end behaviour is test/integration/curation.test.ts. Fictional names throughout.
import { describe, expect, it } from 'vitest'
import { applyDecisions, refGroups, type Decision } from '../../src/graph/decisions.ts'
import { groupKey, recordKey, resolveGroup, type FormRecord, type GroupResolution } from '../../src/graph/resolve.ts'

let n = 0
function rec(form: string, name: string, type = 'Person', articleId = `a${++n}`): FormRecord {
  return { articleId, form, name, type, count: 1, aliases: [], date: null }
}
let seq = 0
function dec(kind: Decision['kind'], a: string, b: string | null = null, name: string | null = null): Decision {
  seq++
  return { id: `d${seq}`, seq, kind, a, b, name, groups: [...new Set([...refGroups(a), ...(b ? refGroups(b) : [])])] }
}

function resolveAll(records: FormRecord[], decisions: Decision[]): GroupResolution {
  const byGroup = new Map<string, FormRecord[]>()
  for (const r of records) {
    const g = groupKey(r.form, r.type)
    ;(byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(r)
  }
  const resolved = new Map([...byGroup].map(([g, rs]) => [g, resolveGroup(g, rs)]))
  return applyDecisions(byGroup, resolved, decisions)
}
const on = (out: GroupResolution, r: FormRecord) => out.target.get(recordKey(r))

const selma = [rec('person:selma-valdane', 'Selma Valdane'), rec('person:selma-valdane', 'Selma Valdane')]
const initial = rec('person:s-valdane', 'S. Valdane')
const bare = rec('person:valdane', 'Valdane')
const authority = [rec('org:brennhavn-harbour-authority', 'Brennhavn Harbour Authority', 'Organisation')]
const handle = rec('org:selmav', '@SelmaV', 'Organisation')
const all = [...selma, initial, bare, ...authority, handle]

describe('refGroups', () => {
  it('names every group a ref may be filed under, whatever its type', () => {
    expect(refGroups('person:selma-valdane')).toEqual(['valdane', 'k:selma-valdane'])
    expect(refGroups('org:selmav')).toEqual(['selmav'])
    expect(refGroups('country:NO')).toEqual(['country:NO'])
    for (const r of all) expect(refGroups(r.form)).toContain(groupKey(r.form, r.type))
  })
})

describe('applyDecisions', () => {
  it('without decisions is resolution itself', () => {
    const out = resolveAll(all, [])
    expect(on(out, initial)).toBe('person:selma-valdane')
    expect(on(out, handle)).toBe('org:selmav')
  })

  it('merges across name groups and types: the part with most articles keeps its id and type', () => {
    const out = resolveAll(all, [dec('merge', 'org:selmav', 'person:selma-valdane')])
    expect(on(out, handle)).toBe('person:selma-valdane')
    const e = out.entities.find((x) => x.id === 'person:selma-valdane')!
    expect(e).toMatchObject({ type: 'Person', name: 'Selma Valdane' })
    expect(e.aliases).toContain('@SelmaV')
    expect(e.aliasIds).toContain('org:selmav')
    expect(out.entities.find((x) => x.id === 'org:selmav')).toBeUndefined()
  })

  it('keeps distinct refs apart: the one that is not the node id leaves with its form', () => {
    const out = resolveAll(all, [dec('distinct', 'person:selma-valdane', 'person:s-valdane')])
    expect(on(out, initial)).toBe('person:s-valdane')
    expect(on(out, selma[0])).toBe('person:selma-valdane')
    // and a merge cannot join them again
    const again = resolveAll(all, [dec('distinct', 'person:selma-valdane', 'person:s-valdane'), dec('merge', 'person:s-valdane', 'person:selma-valdane')])
    expect(on(again, initial)).toBe('person:s-valdane')
  })

  it('splits a form off the node resolution put it on', () => {
    const out = resolveAll(all, [dec('split', 'person:valdane')])
    expect(on(out, bare)).toBe('person:valdane')
    expect(on(out, initial)).toBe('person:selma-valdane')
    expect(out.entities.find((x) => x.id === 'person:selma-valdane')!.aliases).not.toContain('Valdane')
  })

  it('renames: the name sticks and the computed one becomes an alias', () => {
    const out = resolveAll(all, [dec('rename', 'person:s-valdane', null, 'Selma K. Valdane')])
    const e = out.entities.find((x) => x.id === 'person:selma-valdane')!
    expect(e.name).toBe('Selma K. Valdane')
    expect(e.aliases).toEqual(['S. Valdane', 'Selma Valdane', 'Valdane'])
  })

  it('depends on the records and decisions, not on their order', () => {
    const ds = [dec('merge', 'org:selmav', 'person:selma-valdane'), dec('split', 'person:valdane'), dec('rename', 'person:selma-valdane', null, 'S. K. Valdane'), dec('merge', 'org:brennhavn-harbour-authority', 'person:valdane')]
    const one = resolveAll(all, ds)
    const two = resolveAll([...all].reverse(), [...ds].reverse())
    expect(two.entities).toEqual(one.entities)
    for (const r of all) expect(on(two, r)).toBe(on(one, r))
    expect(on(one, authority[0])).toBe('org:brennhavn-harbour-authority')
    expect(on(one, bare)).toBe('org:brennhavn-harbour-authority')
  })
})
