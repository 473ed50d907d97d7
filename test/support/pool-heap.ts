// Run by test/unit/worker-heap.test.ts in a process started with the ingest's V8 flags (INGEST_NODE_FLAGS): an
// extraction pool with a capped worker heap, one input too big for it; prints what the pool rescued and the heap
// limits its workers reported, as JSON.
import { createExtractPool } from '../../src/ingest/pool.ts'

const STORY = 'Tarnmouth harbour reopened on Tuesday. "The quay is safe again," harbour master Orla Fenwick told reporters.\n\n'
const rescued: string[] = []
const pool = await createExtractPool(1, { heapMb: Number(process.argv[2]), onRescue: (path, why) => rescued.push(`${path}: ${why}`) })
const big = STORY.repeat(Math.ceil(4_000_000 / STORY.length))
const results = await Promise.all([pool.run('before.txt', STORY), pool.run('big.txt', big)])
await pool.close()
const failed = results.flatMap((r) => r.outcomes.filter((o) => !o.ok))
console.log(JSON.stringify({ rescued, failed: failed.length }))
