// `node --expose-gc --import tsx scripts/bench-batch-bytes.ts [DIR] [--count N]`: what the writer holds per article
// while it waits to be written (issue 13, docs/memory.md): the prepared articles of the first N texts of DIR
// (default the PolNeAR train texts, 250: one batch), sent through a MessageChannel as an extraction worker sends
// them (a structured clone), then with their repeated strings shared (src/ingest/share-strings.ts). The figure is
// the live heap after two full collections, before and after, divided by the articles.
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import { extractOutcomes } from '../src/ingest/extract-step.ts'
import { shareStrings } from '../src/ingest/share-strings.ts'
import type { PreparedArticle } from '../src/graph/rows.ts'
import { DEFAULT_CORPUS } from './support/shared.ts'
import { liveHeapBytes } from './support/live-heap.ts'

const args = process.argv.slice(2)
const at = args.indexOf('--count')
const count = at >= 0 ? Number(args.splice(at, 2)[1]) : 250
const dir = resolve(args[0] ?? DEFAULT_CORPUS)
const used = (): number => liveHeapBytes()

const { port1, port2 } = new MessageChannel()
// made and sent in a function of its own, so that nothing of the worker's side is left to count
;(() => {
  const made: PreparedArticle[] = []
  for (const f of readdirSync(dir).sort().slice(0, count)) for (const o of extractOutcomes(join(dir, f))) if (o.ok) made.push(o.article)
  port1.postMessage(made)
})()
const empty = used()
const received = receiveMessageOnPort(port2)!.message as PreparedArticle[]
const asSent = used()
for (const a of received) shareStrings(a.rows)
const shared = used()
const kb = (bytes: number): string => (bytes / received.length / 1024).toFixed(1)
console.log(`${received.length} prepared articles of ${dir}: ${kb(asSent - empty)} KB each as received, ${kb(shared - empty)} KB with their strings shared`)
port1.close()
