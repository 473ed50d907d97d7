// The run's article ids (src/ingest/run-articles.ts), packed (over 1,024 of them: its table grows), against the Map they replace (pipeline.ts on
// 15d3bcf: article id -> { source, textHash }, the earlier source told when a later copy has another text).
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { RunArticles } from '../../src/ingest/run-articles.ts'
import { NamedFile, sourceNamer } from '../../src/ingest/paths.ts'

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex')

/** the decision as 15d3bcf's pipeline made it */
function reference(): (id: string, textHash: string, source: string, inputPath: string) => string | undefined {
  const seen = new Map<string, { source: string; textHash: string }>()
  return (id, textHash, source, inputPath) => {
    const before = seen.get(id)
    seen.set(id, { source: source === inputPath ? inputPath : source, textHash })
    return before === undefined || before.textHash === textHash ? undefined : before.source
  }
}

describe('RunArticles', () => {
  it('tells what the Map it replaces told, over copies with the same and other texts', () => {
    const ref = reference()
    const run = new RunArticles()
    // a deterministic sequence: 5,000 articles drawn from 2,000 ids, 3 texts each, some under odd ids or hashes,
    // from whole files (the source is the input's path) or records of one (`path [i]`)
    let x = 12345
    const next = (n: number): number => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), (x >>> 8) % n)
    const told: (string | undefined)[] = []
    const ids = new Set<string>()
    for (let i = 0; i < 5000; i++) {
      const k = next(2000)
      // ids of other forms than extraction's (kept whole beside the packed ones), some close to a packed one
      const odd = [`odd id ${k}`, `url:${sha1(`u${k}`).toUpperCase()}`, `url:${sha1(`u${k}`).slice(1)}`, `urk:${sha1(`u${k}`)}`, `text:${sha1(`t${k}`)}0`]
      const id = k % 50 === 0 ? odd[(k / 50) % odd.length] : k % 2 ? `url:${sha1(`u${k}`)}` : `text:${sha1(`t${k}`)}`
      const t = next(3)
      const textHash = k % 70 === 0 ? `hash ${t}` : sha1(`text ${k} ${t}`)
      const path = `/corpus/file-${next(400)}.txt`
      const source = next(4) === 0 ? `${path} [${next(9)}]` : path
      ids.add(id)
      const want = ref(id, textHash, source, path)
      const got = run.note(id, textHash, source, path)
      expect(got).toBe(want)
      told.push(got)
    }
    expect(run.size).toBe(ids.size)
    expect(ids.size).toBeGreaterThan(1024)
    // the sequence does exercise both answers
    expect(told.filter((s) => s !== undefined).length).toBeGreaterThan(1000)
    expect(told.filter((s) => s === undefined).length).toBeGreaterThan(1000)
  })

  it('keeps the input path string it was given, not a copy', () => {
    const run = new RunArticles()
    const path = ['/corpus', 'a.txt'].join('/')
    run.note(`url:${sha1('a')}`, sha1('one'), `${path}`, path)
    const earlier = run.note(`url:${sha1('a')}`, sha1('two'), 'b.txt', 'b.txt')
    expect(earlier).toBe(path)
  })
})

describe('NamedFile', () => {
  it('names a file as sourceNamer does', () => {
    const nameOf = sourceNamer([process.cwd()])
    const file = `${process.cwd()}/sub/a.txt`
    expect(new NamedFile(file, nameOf)).toMatchObject({ path: file, name: nameOf(file) })
  })
})
