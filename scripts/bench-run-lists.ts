// `node --expose-gc --import tsx scripts/bench-run-lists.ts [articles] [--tree DIR]`: what the ingest command's own
// lists hold per article for a whole run (issue 13, docs/memory.md): a folder of that many (empty) files named
// as bench:scale names its 100,000 step's, listed by expandPaths; the inputs made from them as the command does
// (src/cli/ingest.ts: 15d3bcf held `{ path, name }`, NamedFile now holds the path only); the run's article ids
// (pipeline.ts `seenInRun`: 15d3bcf's Map<id, { source, textHash }>, rebuilt here as it was, against
// RunArticles), fed with articles as they come from a worker (structured-cloned, so their strings are the
// worker's copies). Each figure is the live heap after a full collection (plus ArrayBuffers, for RunArticles'
// hash store) before and after the step, divided by the articles.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { expandPaths, NamedFile, sourceNamer } from '../src/ingest/paths.ts'
import { RunArticles } from '../src/ingest/run-articles.ts'
import { DEFAULT_CORPUS } from './support/shared.ts'
import { liveHeapBytes } from './support/live-heap.ts'

const N = Number(process.argv[2] ?? 100_000)

const used = (): number => liveHeapBytes({ arrayBuffers: true })
const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex')
const rows: string[] = []
const step = (what: string, build: () => unknown): unknown => {
  const before = used()
  const held = build()
  const after = used()
  rows.push(`| ${what} | ${((after - before) / 2 ** 20).toFixed(1)} | ${Math.round((after - before) / N)} |`)
  return held
}

const tmp = mkdtempSync(join(tmpdir(), 'bench-scale-'))
try {
  // bench:scale's layout: <tmp>/corpus/<from>-<to>/e<edition>-<PolNeAR file name>
  const dir = join(tmp, 'corpus', `10000-${10000 + N}`)
  mkdirSync(dir, { recursive: true })
  const names = readdirSync(DEFAULT_CORPUS).sort()
  for (let i = 0; i < N; i++) writeFileSync(join(dir, `e${12 + Math.floor(i / names.length)}-${names[i % names.length]}`), '')

  const files = (await (step('expandPaths: the files listed', () => expandPaths([dir])) as ReturnType<typeof expandPaths>)).files
  const nameOf = sourceNamer([dir])
  let inputs = step('inputs as on 15d3bcf: { path, name }', () => files.map((f) => ({ path: f, name: nameOf(f) }))) as { path: string; name?: string }[]
  inputs = []
  inputs = step('inputs now: NamedFile', () => files.map((f) => new NamedFile(f, nameOf))) as NamedFile[]

  // articles as a worker hands them over: the id (url:<sha1>), the source (the file's path), the text hash
  const arriving = (i: number): { id: string; source: string; textHash: string } =>
    deserialize(serialize({ id: `url:${sha1(`https://example.com/news/${i}`)}`, source: inputs[i].path, textHash: sha1(`text of article ${i}`) }))
  let old: unknown = step('seenInRun as on 15d3bcf: Map<id, { source, textHash }>', () => {
    const seen = new Map<string, { source: string; textHash: string }>()
    for (let i = 0; i < N; i++) {
      const a = arriving(i)
      seen.set(a.id, { source: a.source === inputs[i].path ? inputs[i].path : a.source, textHash: a.textHash })
    }
    return seen
  })
  old = null
  const now = step('seenInRun now: RunArticles', () => {
    const seen = new RunArticles()
    for (let i = 0; i < N; i++) {
      const a = arriving(i)
      seen.note(a.id, a.textHash, a.source, inputs[i].path)
    }
    return seen
  }) as RunArticles
  console.log(`${N} articles (node ${process.version}); live heap + ArrayBuffers after full collections\n`)
  console.log('| what | MB | bytes an article |\n|---|---|---|')
  console.log(rows.join('\n'))
  void [old, now.size, inputs.length, files.length]
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
