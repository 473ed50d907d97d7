// `node --expose-gc --import tsx scripts/bench-word-cache.ts [words]`: what one word costs in the name tagger's word
// cache (src/extract/ner/features.ts, bounded by WORD_CACHE_MAX between documents; issue 13, docs/memory.md): made-up
// words (fresh strings, as a text's tokens are) through wordInfo, the live heap after two full collections before and
// after, divided by the words.
import { WORD_CACHE_MAX, forgetWords, wordInfo } from '../src/extract/ner/features.ts'
import { liveHeapBytes } from './support/live-heap.ts'

const words = Number(process.argv[2] ?? 200_000)
const used = (): number => liveHeapBytes()
forgetWords()
const before = used()
for (let i = 0; i < words; i++) wordInfo(Buffer.from(`Kwazor${i.toString(36)}`).toString())
const after = used()
const each = (after - before) / words
console.log(`${words} words: ${each.toFixed(0)} bytes each in the cache; WORD_CACHE_MAX ${WORD_CACHE_MAX} is ~${((each * WORD_CACHE_MAX) / 2 ** 20).toFixed(0)} MB, the within-document bound of 300,000 ~${((each * 300_000) / 2 ** 20).toFixed(0)} MB`)
