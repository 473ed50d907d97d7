// patches/neo4j-driver-bolt-connection+6.3.0.patch (applied by `npm install`'s postinstall): the
// driver's Chunker flushes its buffer to the socket whenever the buffer fills. At the stock 1400
// bytes, ingesting the 840 PolNeAR train articles took ~20,000 socket writes; at 16 KiB ~1,700.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const { Chunker } = require('neo4j-driver-bolt-connection/lib/channel/chunking.js')
const { alloc } = require('neo4j-driver-bolt-connection/lib/channel/channel-buf.js')

describe('the patched Bolt chunker', () => {
  it('sends 100 kB in a handful of socket writes, not one per 1.4 kB', () => {
    const writes: number[] = []
    const chunker = new Chunker({ write: (buf: { length: number }) => writes.push(buf.length) })
    chunker.putBytes(0, alloc(100_000))
    chunker.messageBoundary()
    chunker.flush()
    expect(writes.reduce((a, b) => a + b, 0)).toBeGreaterThan(100_000) // the data and the chunk headers
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(100_000 / 16_000))
  })
})
