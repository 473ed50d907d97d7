// The sample corpus (examples/articles) against its truth (test/fixtures/sample-truth.json), written
// together: first that the truth still describes the files (so an edit to one cannot silently drift from
// the other), then that the real pipeline finds every person and gives at least 90% of the direct quotes
// their right speaker. Failures list the misses.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { extractArticle, readInput } from '../../src/extract/index.ts'
import type { ArticleInput, ExtractedArticle, Quote } from '../../src/extract/types.ts'
import { loadSampleTruth, norm, type TruthArticle } from '../support/sample-truth.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const ARTICLES = join(ROOT, 'examples', 'articles')
const SEED_LINE_1 = /^ date (\d{4}-\d{2}-\d{2}) (.+)$/
const QUOTE_ACCURACY = 0.9

const truth = loadSampleTruth()
const files = readdirSync(ARTICLES).sort()

/** Every article in the corpus, read by the project's readers, keyed `file#record`. */
function readCorpus(): Map<string, ArticleInput> {
  const out = new Map<string, ArticleInput>()
  for (const file of files) {
    readInput(readFileSync(join(ARTICLES, file)), join(ARTICLES, file)).forEach((input, record) => {
      out.set(`${file}#${record}`, input)
    })
  }
  return out
}

const key = (a: TruthArticle): string => `${a.file}#${a.record}`
const body = (input: ArticleInput): string => input.text.slice(input.bodyStart, input.bodyEnd)

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length

describe('examples/articles and its truth agree', () => {
  const corpus = readCorpus()

  it('has 14 to 18 articles, each listed once in the truth', () => {
    expect(corpus.size).toBeGreaterThanOrEqual(14)
    expect(corpus.size).toBeLessThanOrEqual(18)
    expect(truth.articles.map(key).sort()).toEqual([...corpus.keys()].sort())
  })

  it('mixes the formats: mostly the seed news format, some JSON and JSONL, one HTML page', () => {
    const ext = (f: string): string => f.slice(f.lastIndexOf('.') + 1)
    const count = (e: string): number => files.filter((f) => ext(f) === e).length
    expect(count('txt')).toBeGreaterThan(files.length / 2)
    expect(count('json')).toBeGreaterThanOrEqual(1)
    expect(count('jsonl')).toBeGreaterThanOrEqual(1)
    expect(count('html')).toBe(1)
  })

  it('lays out every .txt like the seed: date line, caption, section labels, header, body, Updated line', () => {
    for (const file of files.filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(join(ARTICLES, file), 'utf8')
      const lines = text.split('\n')
      const first = SEED_LINE_1.exec(lines[0])
      expect(first, `${file}: first line`).not.toBeNull()
      expect(lines[1], `${file}: caption repeated`).toBe(first?.[2])
      expect(lines.slice(2, 7), `${file}: section labels`).toEqual(['', 'News', '', 'Europe', ''])
      expect(lines.at(-1), `${file}: last line`).toMatch(/^Updated: [A-Z][a-z]+ \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/)
      expect(text.endsWith('\n'), `${file}: the seed has no final newline`).toBe(false)
      const input = corpus.get(`${file}#0`)
      expect(input?.meta.publishedAt, `${file}: date`).toBe(first?.[1])
      expect(input?.meta.authors.length, `${file}: byline`).toBe(1)
      expect(input?.meta.dateline, `${file}: dateline`).toBeTruthy()
    }
  })

  it('reads each article with the date, byline, publisher and dateline it was written with', () => {
    for (const a of truth.articles) {
      const meta = (corpus.get(key(a)) as ArticleInput).meta
      expect({ publishedAt: meta.publishedAt, authors: meta.authors, publisher: meta.publisher }, key(a)).toEqual({
        publishedAt: a.publishedAt,
        authors: a.authors,
        publisher: a.publisher,
      })
      if (a.dateline) expect(meta.dateline, key(a)).toBe(a.dateline)
    }
  })

  it('keeps every article between 250 and 500 words', () => {
    for (const [k, input] of corpus) {
      const n = words(body(input))
      expect(n, k).toBeGreaterThanOrEqual(250)
      expect(n, k).toBeLessThanOrEqual(500)
    }
  })

  it('names every truth person in full in the body, and every quote opens with its truth words', () => {
    const problems: string[] = []
    for (const a of truth.articles) {
      const text = body(corpus.get(key(a)) as ArticleInput)
      for (const p of a.people) if (!text.includes(p)) problems.push(`${key(a)}: person "${p}" not in the body`)
      for (const q of a.quotes) {
        if (!text.includes(`“${q.start}`)) problems.push(`${key(a)}: no quote opening “${q.start}`)
        if (q.speaker !== null && !a.people.includes(q.speaker)) problems.push(`${key(a)}: speaker ${q.speaker} not in people`)
      }
      // every opening mark in the body is in the truth, except those that continue a quote into a new paragraph
      const opens = [...text.matchAll(/“/g)].filter((m) => !(text.startsWith('\n\n', m.index - 2) && continuesQuote(text, m.index - 2)))
      if (opens.length !== a.quotes.length) problems.push(`${key(a)}: ${opens.length} quotes in the text, ${a.quotes.length} in the truth`)
    }
    expect(problems, problems.join('\n')).toEqual([])
  })

  it('has the story the guide and README rely on: several people quoting across articles', () => {
    const articlesBySpeaker = new Map<string, Set<string>>()
    for (const a of truth.articles)
      for (const q of a.quotes) if (q.speaker) articlesBySpeaker.set(q.speaker, (articlesBySpeaker.get(q.speaker) ?? new Set()).add(key(a)))
    const recurring = [...articlesBySpeaker].filter(([, s]) => s.size >= 3).map(([p]) => p)
    expect(recurring.length).toBeGreaterThanOrEqual(5)
    expect(truth.articles.some((a) => a.quotes.some((q) => q.paragraphs === 2))).toBe(true)
  })
})

/** Whether the paragraph before `at` (a "\n\n“" match) ends inside an open quote, so this mark continues it. */
function continuesQuote(text: string, at: number): boolean {
  const paraStart = text.lastIndexOf('\n\n', at - 1)
  const para = text.slice(paraStart < 0 ? 0 : paraStart, at)
  return para.lastIndexOf('“') > para.lastIndexOf('”')
}

describe('the pipeline over examples/articles', () => {
  const results = new Map<string, ExtractedArticle>()

  beforeAll(() => {
    for (const [k, input] of readCorpus()) results.set(k, extractArticle(input, k))
  })

  it('finds every truth person as a Person', () => {
    const misses: string[] = []
    let total = 0
    for (const a of truth.articles) {
      const out = results.get(key(a)) as ExtractedArticle
      const people = out.entities.filter((e) => e.type === 'Person')
      for (const p of a.people) {
        total++
        const found = people.some((e) => norm(e.name) === norm(p) || e.aliases.some((al) => norm(al) === norm(p)))
        if (!found) {
          const as = out.entities.find((e) => norm(e.name) === norm(p))
          misses.push(`${key(a)}: ${p}${as ? ` (found as ${as.type})` : ''}`)
        }
      }
    }
    console.log(`people found: ${total - misses.length}/${total}`)
    expect(misses, `people not found as Person:\n${misses.join('\n')}`).toEqual([])
  })

  it(`gives at least ${QUOTE_ACCURACY * 100}% of direct quotes their right speaker`, () => {
    const misses: string[] = []
    let total = 0
    let partialTotal = 0
    let partialRight = 0
    for (const a of truth.articles) {
      const out = results.get(key(a)) as ExtractedArticle
      const nameOf = new Map(out.entities.map((e) => [e.id, e]))
      const speakerOf = (q: Quote): string => {
        const e = q.speakerId ? nameOf.get(q.speakerId) : undefined
        return e?.name ?? q.speakerName ?? '(none)'
      }
      const isSpeaker = (q: Quote, want: string): boolean => {
        const e = q.speakerId ? nameOf.get(q.speakerId) : undefined
        const names = e ? [e.name, ...e.aliases] : q.speakerName ? [q.speakerName] : []
        return names.some((n) => norm(n) === norm(want))
      }
      for (const t of a.quotes) {
        if (t.speaker === null) continue
        total++
        if (t.partial) partialTotal++
        const start = norm(t.start)
        // a quote found where its text begins with the truth's words; a partial quote may sit inside a reported one
        let candidates = out.quotes.filter((q) => norm(q.text).startsWith(start))
        if (candidates.length === 0) candidates = out.quotes.filter((q) => norm(q.text).includes(start))
        if (candidates.some((q) => isSpeaker(q, t.speaker as string))) {
          if (t.partial) partialRight++
          continue
        }
        const why = candidates.length === 0 ? 'not found' : `speaker ${candidates.map(speakerOf).join(' / ')}`
        misses.push(`${key(a)}: “${t.start}…” by ${t.speaker}${t.partial ? ' (partial)' : ''}: ${why}`)
      }
    }
    const right = total - misses.length
    console.log(`direct quotes with the right speaker: ${right}/${total} (${((100 * right) / total).toFixed(1)}%); partial quotes ${partialRight}/${partialTotal}`)
    if (misses.length) console.log(`misses:\n${misses.join('\n')}`)
    expect(right / total, `${misses.length} of ${total} quotes missed:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(QUOTE_ACCURACY)
  })
})
