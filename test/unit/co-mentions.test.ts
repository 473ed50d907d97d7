// The co-mention difference of changed articles on the pairs of big entities (src/graph/co-mentions.ts,
// pure): what applyChange adds to the RELATED_WEIGHTs that keep a count.
import { describe, expect, it } from 'vitest'
import { contributionOf, type Contribution } from '../../src/graph/aggregates.ts'
import { coMentionStoreMinSetting, mentionChanges, othersNeeded, pairDifferences, weightPair } from '../../src/graph/co-mentions.ts'

const empty = (): Contribution => ({ entities: new Map(), spoke: new Map(), unattributed: new Map(), related: new Map(), mentionSets: new Map() })
const sets = (o: Record<string, string[]>) => new Map(Object.entries(o))

/** every pair of distinct entities in each set, +sign: the definition, over all entities */
function allPairs(list: [string[], number][], big: (id: string) => boolean): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [set, sign] of list) {
    const d = [...new Set(set)].filter(big)
    for (const x of d) for (const y of d) if (x < y) out[weightPair(x, y)] = (out[weightPair(x, y)] ?? 0) + sign
  }
  for (const k of Object.keys(out)) if (!out[k]) delete out[k]
  return out
}

describe('co-mention differences', () => {
  it('keeps each article once per entity, under its id, with sign 1 only', () => {
    const c = contributionOf(empty(), ['person:a', 'person:a', 'org:b'], [], 1, [], [], 'art1')
    contributionOf(c, ['org:c'], [], 1, [], [], 'art1')
    contributionOf(c, ['org:d'], [], -1, [], [], 'art2')
    expect(Object.fromEntries(c.mentionSets)).toEqual({ art1: ['person:a', 'org:b', 'org:c'] })
  })

  it('equal pairs(after) - pairs(before) over the big entities, whatever the articles gain and lose', () => {
    const big = (id: string) => !id.startsWith('small')
    const before = sets({ a1: ['x', 'y', 'z', 'small1'], a2: ['x', 'y'], a3: ['y', 'z'], a5: ['x', 'x', 'w'] })
    const after = sets({ a1: ['x', 'y', 'w', 'small2'], a2: ['x', 'y'], a4: ['z', 'w', 'x'], a5: ['x', 'w'] })
    const changes = mentionChanges(before, after)
    // a2 and a5 (the same entities) change nothing
    expect(changes).toHaveLength(3)
    const want = allPairs([...[...after.values()].map((s) => [s, 1] as [string[], number]), ...[...before.values()].map((s) => [s, -1] as [string[], number])], big)
    expect(Object.fromEntries(pairDifferences(changes, big))).toEqual(want)
    expect(want[weightPair('y', 'z')]).toBe(-2)
    expect(want[weightPair('x', 'z')]).toBeUndefined()
    expect(want[weightPair('w', 'z')]).toBe(1)
  })

  it('look up no pair with a small end, and need the counts only of articles with a big gained or lost entity', () => {
    const changes = mentionChanges(sets({}), sets({ a1: ['big1', 'small1', 'other'], a2: ['small2', 'other2'] }))
    const big = (id: string) => id.startsWith('big')
    expect(othersNeeded(changes, big, (id) => id !== 'other' && id !== 'other2')).toEqual(['other'])
    expect(pairDifferences(changes, big).size).toBe(0)
    expect(pairDifferences(changes, (id) => id !== 'small1').size).toBe(2)
  })

  it('reads its setting: a whole number >= 1, or the default', () => {
    expect(coMentionStoreMinSetting({ NEWSGRAPH_COMENTION_STORE_MIN: '25' })).toBe(25)
    expect(coMentionStoreMinSetting({})).toBeGreaterThan(1)
    expect(() => coMentionStoreMinSetting({ NEWSGRAPH_COMENTION_STORE_MIN: '0' })).toThrow(/whole number/)
    expect(() => coMentionStoreMinSetting({ NEWSGRAPH_COMENTION_STORE_MIN: 'x' })).toThrow(/whole number/)
  })
})
