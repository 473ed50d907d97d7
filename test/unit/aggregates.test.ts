// What one article contributes to the aggregates (src/graph/aggregates.ts, pure): each entity, quote
// and (speaker, subject) pair once however many relationships lead there (two name forms of one
// article may have resolved to one node), and the quotes no entity said per speaker name.
import { describe, expect, it } from 'vitest'
import { contributionOf, type Contribution } from '../../src/graph/aggregates.ts'

const empty = (): Contribution => ({ entities: new Map(), spoke: new Map(), unattributed: new Map(), related: new Map(), mentionSets: new Map() })

describe('contributionOf', () => {
  it('counts an article once per entity, a quote once per speaker, subject and pair', () => {
    const c = contributionOf(empty(), ['person:a', 'person:a', 'country:XX'], [
      { speakers: ['person:a', 'person:a'], about: ['country:XX', 'country:XX', 'org:b'], speakerName: 'A' },
      { speakers: [], about: ['country:XX'], speakerName: 'officials' },
      { speakers: [], about: ['country:XX'], speakerName: '' },
    ], 1, [2, 3, 5])
    // mentions: the counts of every MENTIONS, both name forms of person:a included
    expect(Object.fromEntries(c.entities)).toEqual({
      'person:a': { articles: 1, mentions: 5, quotes: 1, about: 0 },
      'country:XX': { articles: 1, mentions: 5, quotes: 0, about: 3 },
      'org:b': { articles: 0, mentions: 0, quotes: 0, about: 1 },
    })
    expect(Object.fromEntries(c.spoke)).toEqual({ 'person:a\u0000country:XX': 1, 'person:a\u0000org:b': 1 })
    expect(Object.fromEntries(c.unattributed)).toEqual({ 'country:XX\u0000officials': 1, 'country:XX\u0000': 1 })
  })

  it('adds articles up and takes them away with sign -1', () => {
    const c = empty()
    contributionOf(c, ['person:a'], [{ speakers: ['person:a'], about: ['org:b'], speakerName: 'A' }])
    contributionOf(c, ['person:a'], [{ speakers: ['person:a'], about: ['org:b'], speakerName: 'A' }])
    expect(c.entities.get('person:a')).toEqual({ articles: 2, mentions: 0, quotes: 2, about: 0 })
    contributionOf(c, ['person:a'], [{ speakers: ['person:a'], about: ['org:b'], speakerName: 'A' }], -1, [4])
    expect(c.entities.get('person:a')).toEqual({ articles: 1, mentions: -4, quotes: 1, about: 0 })
    expect(c.spoke.get('person:a\u0000org:b')).toBe(1)
  })

  it('weighs the RELATED of a pair in either direction (2 typed, 1 co_mention), never a node with itself', () => {
    const c = contributionOf(empty(), [], [], 1, [], [
      { source: 'person:b', target: 'person:a', type: 'criticize' },
      { source: 'person:a', target: 'person:b', type: 'co_mention' },
      { source: 'person:a', target: 'person:a', type: 'co_mention' },
      { source: 'org:c', target: 'person:a', type: 'co_mention' },
    ])
    expect(Object.fromEntries(c.related)).toEqual({ 'person:a\u0000person:b': 3, 'org:c\u0000person:a': 1 })
    contributionOf(c, [], [], -1, [], [{ source: 'person:a', target: 'org:c', type: 'co_mention' }])
    expect(c.related.get('org:c\u0000person:a')).toBe(0)
  })
})
