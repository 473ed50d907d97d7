import neo4j from 'neo4j-driver'
import { describe, expect, it } from 'vitest'
import { recordToRow, toPlain } from '../../src/graph/read-executor.ts'

describe('recordToRow', () => {
  it('gives what toPlain(record.toObject()) gives: integers and dates converted at any depth, the rest as it is', () => {
    const fields = () => [
      neo4j.int(7),
      'text',
      null,
      [neo4j.int(1), 'a', null, { n: neo4j.int(2), d: new neo4j.types.Date(2024, 5, 1), s: 'x', t: true, u: 1.5 }],
      { q: { id: 'q1', text: 'said', article: { title: 't', publishedAt: '2024-06-01' } }, list: [[neo4j.int(3)], []], none: null },
      new neo4j.types.DateTime(2024, 5, 1, 12, 0, 0, 0, 0),
    ]
    const keys = ['count', 'name', 'missing', 'list', 'map', 'when']
    const expected = toPlain(new neo4j.Record(keys, fields()).toObject())
    const row = recordToRow(new neo4j.Record(keys, fields()))
    expect(row).toEqual(expected)
    expect(row).toEqual({
      count: 7,
      name: 'text',
      missing: null,
      list: [1, 'a', null, { n: 2, d: '2024-05-01', s: 'x', t: true, u: 1.5 }],
      map: { q: { id: 'q1', text: 'said', article: { title: 't', publishedAt: '2024-06-01' } }, list: [[3], []], none: null },
      when: '2024-05-01T12:00:00Z',
    })
  })
})
