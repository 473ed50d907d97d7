// GroupCache (src/graph/group-cache.ts): the packed records come back as they went in, and the cache stays within its byte budget.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { chunkByKnownRecords, CompactGroup, DEFAULT_GROUP_CACHE_MB, GroupCache, groupCacheBytes, knownRecords } from '../../src/graph/group-cache.ts'
import type { GroupPlan } from '../../src/graph/plan.ts'
import type { StoredRecord } from '../../src/graph/resolve.ts'

const rec = (articleId: string, form: string, extra: Partial<StoredRecord> = {}): StoredRecord => ({
  articleId, form, name: 'Donald Trump', type: 'Person', count: 2, aliases: ['Trump'], date: '2016-05-01', current: 'person:donald-trump', ...extra,
})

const plan = (token: string, records: Record<string, StoredRecord[]>, empty: string[] = []): Pick<GroupPlan, 'token' | 'empty' | 'records'> => ({
  empty, token, records: new Map(Object.entries(records).map(([g, rs]) => [g, new CompactGroup(token, rs)])),
})

describe('GroupCache', () => {
  it('gives back the records as remembered, only under the token they were written with', () => {
    const records = [
      rec('text:a', 'person:donald-trump'),
      rec('text:a', 'person:trump', { name: 'TRUMP', count: 1, aliases: [], date: null, current: 'person:trump' }),
      rec('text:b', 'org:trump-organization', { name: 'Trump Organization', type: 'Organisation', aliases: ['Trump Org', 'TO'], current: 'org:trump-organization' }),
    ]
    const cache = new GroupCache()
    cache.remember(plan('t1', { trump: records }))
    expect(cache.get('trump', 't1')).toEqual(records)
    expect(cache.get('trump', 't2')).toBeUndefined()
    expect(cache.get('trump', null)).toBeUndefined()
    expect(cache.size.records).toBe(3)
    cache.remember(plan('t3', {}, ['trump']))
    expect(cache.get('trump', 't1')).toBeUndefined()
    expect(cache.size).toEqual({ groups: 0, records: 0, bytes: 0 })
  })

  it("gives back extraction's article ids (url: or text: and a sha1, packed as integers) and any other id as they went in", () => {
    const sha = (s: string) => createHash('sha1').update(s).digest('hex')
    const ids = [`url:${sha('a')}`, `text:${sha('b')}`, `url:${sha('a')}`, `url:${sha('c').toUpperCase()}`, 'text:short', `text:${'f'.repeat(40)}`, `url:${'0'.repeat(40)}`]
    const records = ids.map((id, i) => rec(id, i % 2 ? 'person:trump' : 'person:donald-trump'))
    const group = new CompactGroup('t', records)
    expect(group.records()).toEqual(records)
    expect(group.hasArticleOutside(new Set(ids))).toBe(false)
    expect(group.hasArticleOutside(new Set(ids.filter((id) => id !== `text:${'f'.repeat(40)}`)))).toBe(true)
    // a sha1 id takes no string of its own: the group of 7 records holds 3 ids as strings and its forms, names, dates
    expect(group.bytes).toBeLessThan(new CompactGroup('t', records.map((r, i) => ({ ...r, articleId: `id ${i} ${'x'.repeat(40)}` }))).bytes - 5 * 60)
  })

  it('stays within its byte budget, dropping the least recently used groups first', () => {
    const many = (g: string, n: number) => Array.from({ length: n }, (_, i) => rec(`text:${g}-${i}`, `person:${g}`))
    const one = new GroupCache()
    one.remember(plan('t', { a: many('a', 100) }))
    const budget = Math.floor(one.size.bytes * 2.5)
    const cache = new GroupCache(budget)
    cache.remember(plan('t', { a: many('a', 100), b: many('b', 100) }))
    cache.get('a', 't')
    cache.remember(plan('t', { c: many('c', 100) }))
    expect(cache.size.bytes).toBeLessThanOrEqual(budget)
    expect(cache.get('b', 't')).toBeUndefined()
    expect(cache.get('a', 't')).toHaveLength(100)
    expect(cache.get('c', 't')).toHaveLength(100)
    // a group bigger than the whole budget is not kept
    cache.remember(plan('t', { d: many('d', 300) }))
    expect(cache.get('d', 't')).toBeUndefined()
  })

  it('takes its budget from NEWSGRAPH_GROUP_CACHE_MB, else the default', () => {
    const was = process.env.NEWSGRAPH_GROUP_CACHE_MB
    try {
      delete process.env.NEWSGRAPH_GROUP_CACHE_MB
      expect(groupCacheBytes()).toBe(DEFAULT_GROUP_CACHE_MB * 2 ** 20)
      process.env.NEWSGRAPH_GROUP_CACHE_MB = '8'
      expect(new GroupCache().maxBytes).toBe(8 * 2 ** 20)
      process.env.NEWSGRAPH_GROUP_CACHE_MB = 'lots'
      expect(groupCacheBytes()).toBe(DEFAULT_GROUP_CACHE_MB * 2 ** 20)
    } finally {
      if (was === undefined) delete process.env.NEWSGRAPH_GROUP_CACHE_MB
      else process.env.NEWSGRAPH_GROUP_CACHE_MB = was
    }
  })

  it('packs a group with what a bulk ingest may defer of it, and says whether records outlive a deletion', () => {
    const small = new CompactGroup('t', [rec('text:a', 'person:trump')])
    expect(small.big).toBeNull()
    const many = Array.from({ length: 120 }, (_, i) => rec(`text:${i}`, i % 3 ? 'person:trump' : 'person:donald-trump'))
    const big = new CompactGroup('t', many)
    expect(big.big?.size).toBe(120)
    expect(big.big?.forms.get('person:trump')).toBe('person:donald-trump')
    expect(small.hasArticleOutside(new Set())).toBe(true)
    expect(small.hasArticleOutside(new Set(['text:a']))).toBe(false)
    expect(small.hasArticleOutside(new Set(['text:b']))).toBe(true)
  })
  it("keeps a summarised big group's BigGroup and none of its records, dropping those it held", () => {
    const many = Array.from({ length: 120 }, (_, i) => rec(`text:${i}`, i % 3 ? 'person:trump' : 'person:donald-trump'))
    const cache = new GroupCache()
    cache.remember(plan('t1', { trump: many }))
    expect(cache.get('trump', 't1')).toHaveLength(120)
    const summary = CompactGroup.summary('t2', new CompactGroup('t2', many).big!)
    expect(summary.length).toBe(0)
    cache.remember({ ...plan('t2', {}), records: new Map([['trump', summary]]) })
    expect(cache.get('trump', 't2')).toBeUndefined()
    expect(cache.get('trump', 't1')).toBeUndefined()
    expect(cache.size).toEqual({ groups: 0, records: 0, bytes: 0 })
    expect(cache.big('trump')?.size).toBe(120)
    expect(cache.big('trump')?.forms.get('person:trump')).toBe('person:donald-trump')
  })
  it('chunks groups by the records known of them: its own BigGroups first, else the sizes the graph keeps', () => {
    const many = Array.from({ length: 120 }, (_, i) => rec(`text:${i}`, 'person:trump'))
    const cache = new GroupCache()
    cache.remember(plan('t1', { trump: many, small: [rec('text:a', 'person:small')] }))
    cache.deferred('trump', 30, new Map())
    // the graph's kept size of "trump" is older than what this process knows (120 + 30 placed since)
    const known = knownRecords(cache, new Map([['trump', 100], ['clinton', 90], ['sanders', 40]]))
    expect(['trump', 'clinton', 'sanders', 'small', 'other'].map(known)).toEqual([150, 90, 40, undefined, undefined])
    expect(chunkByKnownRecords(['clinton', 'other', 'sanders', 'small', 'trump'], known, 140)).toEqual([['clinton', 'other', 'sanders', 'small'], ['trump']])
    expect(chunkByKnownRecords(['clinton', 'other', 'sanders', 'small', 'trump'], known, 100, { bigOnly: true })).toEqual([['clinton'], ['sanders'], ['trump']])
    expect(chunkByKnownRecords(['a', 'b', 'c'], knownRecords(null), 10, { maxGroups: 2 })).toEqual([['a', 'b'], ['c']])
  })
})
