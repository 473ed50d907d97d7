// `node --expose-gc --import tsx scripts/bench-extract-heap.ts DIR [--count N]`: the live heap of one process that
// extracts the first N texts of DIR in turn, as an extraction worker does (issue 13, docs/memory.md): after every 500
// texts, after two full collections. Caches kept across documents show as growth; a bench:scale corpus folder
// (its later editions bring new names) is the hard case. At the end, what forgetting the name tagger's word cache frees.
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { forgetWords } from '../src/extract/ner/features.ts'
import { extractOutcomes } from '../src/ingest/extract-step.ts'
import { liveHeapBytes } from './support/live-heap.ts'

const args = process.argv.slice(2)
const at = args.indexOf('--count')
const count = at >= 0 ? Number(args.splice(at, 2)[1]) : 3000
if (!args[0]) throw new Error('usage: bench-extract-heap.ts DIR [--count N]')
const dir = resolve(args[0])
const usedMb = (): number => liveHeapBytes() / 2 ** 20
const files = readdirSync(dir).sort().slice(0, count)
const t0 = performance.now()
console.log(`start: ${usedMb().toFixed(1)} MB`)
files.forEach((f, i) => {
  for (const o of extractOutcomes(join(dir, f))) void o
  if ((i + 1) % 500 === 0 || i + 1 === files.length) console.log(`${i + 1} texts: ${usedMb().toFixed(1)} MB (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
})
const end = usedMb()
forgetWords()
console.log(`word cache forgotten: ${end.toFixed(1)} -> ${usedMb().toFixed(1)} MB`)
