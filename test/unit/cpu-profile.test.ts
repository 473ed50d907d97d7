import { describe, expect, it } from 'vitest'
import { summarise, type CpuProfile } from '../../scripts/support/cpu-profile.ts'

// a profile of five samples 1 ms apart: root > http handler > driver > a native write, root > GC, root > idle
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 })
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5, 6] },
    { id: 2, callFrame: frame('onRequest', 'node:_http_server'), children: [3] },
    { id: 3, callFrame: frame('run', 'file:///x/node_modules/neo4j-driver-core/lib/session.js'), children: [4] },
    { id: 4, callFrame: frame('writev') },
    { id: 5, callFrame: frame('(garbage collector)') },
    { id: 6, callFrame: frame('(idle)') },
  ],
  startTime: 1_000,
  endTime: 7_000,
  samples: [4, 3, 2, 5, 6, 4],
  timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
}

describe('cpu-profile summarise', () => {
  it('groups the samples by the leaf frame, natives to the frame above, and counts each group once per stack inclusively', () => {
    const s = summarise(profile)
    // the last sample has no following delta: five samples of 1 ms, one of them idle
    expect(s.busyMs).toBe(4)
    expect(Object.fromEntries(s.self)).toEqual({ 'neo4j driver': 2, 'Node HTTP': 1, GC: 1 })
    expect(s.inclusive.get('Node HTTP')).toBe(3)
    expect(s.functions.get('writev native')).toBe(1)
    expect(s.inclusiveFunctions.get('onRequest node:_http_server:1')).toBe(3)
  })

  it('keeps only the samples within the window', () => {
    // samples at 2,000 .. 7,000 µs: the window 3,500-5,500 holds those at 4,000 (driver) and 5,000 (GC)
    const s = summarise(profile, 3_500, 5_500)
    expect(Object.fromEntries(s.self)).toEqual({ 'Node HTTP': 1, GC: 1 })
  })
})
