// The extraction pipeline: one article in, one ExtractedArticle out, no I/O. Like spaCy's pipeline list,
// PIPELINE names the stages in the order they run; each adds one kind of annotation to the shared state and
// reads only what earlier stages added. Reading (bytes -> ArticleInput) happens before, in ./read.
//
// An article runs as one segment. A huge input (longer than SEGMENT_CHARS, far beyond any news article) runs
// segment by segment, cut at paragraph breaks, and the segments' results are merged: memory and time stay
// linear and no stage ever sees more than a segment. Entities merge by their stable ids; a bare surname is
// then only resolved within its segment.
import { analyseText, chunkRanges } from './chunked.ts'
import { findEntities, type EntityLayer } from './entities.ts'
import { articleId } from './ids.ts'
import { startDocument } from './ner/features.ts'
import type { Doc } from './nlp.ts'
import { findQuotes } from './quotes.ts'
import { findRelations } from './relations.ts'
import type { ArticleInput, ArticleMeta, Entity, ExtractedArticle, Quote, Relation, Role } from './types.ts'

export { readInput, readInputSettled, detectFormat, InputError } from './read/index.ts'
export type { Format, Settled } from './read/index.ts'

/** inputs longer than this many characters run in segments of at most this size */
export const SEGMENT_CHARS = 200_000

/** What the stages share: the input, the segment of it being read, and each stage's annotation once it has run. */
export interface PipelineState {
  input: ArticleInput
  article: ArticleMeta
  /** the part of the text this run covers: the whole text, or one segment of a huge input */
  segment: { start: number; end: number }
  /** the character ranges the stages read: the body within the segment (the news format's header lies outside) */
  ranges: { start: number; end: number }[]
  doc?: Doc
  layer?: EntityLayer
  quotes?: Quote[]
  relations?: Relation[]
}

export interface Stage {
  name: string
  run(state: PipelineState): void
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`pipeline order: ${what} has not run`)
  return value
}

export const PIPELINE: readonly Stage[] = [
  // wink-nlp tokens, POS and sentences, read in chunks; sentences kept within paragraphs and of bounded length
  {
    name: 'analyse',
    run: (s) => (s.doc = analyseText(s.input.text, { bodyStart: s.input.bodyStart, bodyEnd: s.input.bodyEnd, from: s.segment.start, to: s.segment.end })),
  },
  // names -> mentions -> entities, with the roles their titles give (byline author and dateline come as extra spans)
  {
    name: 'entities',
    run: (s) => {
      const extra = (s.input.metaSpans ?? []).filter((x) => x.start >= s.segment.start && x.end <= s.segment.end)
      s.layer = findEntities(need(s.doc, 'analyse'), s.ranges, extra)
    },
  },
  // direct and reported quotes with their speakers
  // (the headline's and standfirst's attributions too, linked to the body's speakers)
  {
    name: 'quotes',
    run: (s) => {
      const heads = (s.input.headLines ?? []).filter((x) => x.start >= s.segment.start && x.end <= s.segment.end)
      s.quotes = findQuotes(need(s.doc, 'analyse'), need(s.layer, 'entities'), s.ranges, s.article.id, heads)
    },
  },
  // entity-to-entity relations within sentences
  { name: 'relations', run: (s) => (s.relations = findRelations(need(s.doc, 'analyse'), need(s.layer, 'entities'), s.ranges)) },
]

export interface ExtractOptions {
  /** called after each stage with its wall time in milliseconds (profiling, the bench) */
  onStage?: (name: string, ms: number) => void
  /** segment size for long inputs (default SEGMENT_CHARS) */
  segmentChars?: number
}

/** The article's metadata with its stable id (from the URL, else the text). */
export function articleMeta(input: ArticleInput): ArticleMeta {
  const m = input.meta
  return {
    id: m.id ?? articleId(m.url, input.text),
    title: m.title,
    publishedAt: m.publishedAt,
    authors: m.authors,
    dateline: m.dateline,
    publisher: m.publisher,
    url: m.url,
  }
}

function runSegment(input: ArticleInput, article: ArticleMeta, segment: { start: number; end: number }, options: ExtractOptions): PipelineState {
  const body = { start: Math.max(input.bodyStart, segment.start), end: Math.min(input.bodyEnd, segment.end) }
  const state: PipelineState = { input, article, segment, ranges: body.end > body.start ? [body] : [] }
  // nothing to read: an empty (or blank) body gives an empty result
  if (body.end <= body.start || input.text.slice(body.start, body.end).trim() === '') return state
  for (const stage of PIPELINE) {
    const t0 = options.onStage ? performance.now() : 0
    stage.run(state)
    options.onStage?.(stage.name, performance.now() - t0)
  }
  return state
}

/** Merges the results of consecutive segments: entities by id, roles without repeats, quotes renumbered. */
function merge(articleIdValue: string, states: PipelineState[]): Pick<ExtractedArticle, 'entities' | 'quotes' | 'roles' | 'relations'> {
  const entities = new Map<string, Entity>()
  const roles = new Map<string, Role>()
  const quotes: Quote[] = []
  const relations: Relation[] = []
  for (const s of states) {
    for (const e of s.layer?.entities ?? []) {
      const seen = entities.get(e.id)
      if (!seen) entities.set(e.id, { ...e, aliases: [...e.aliases], mentions: [...e.mentions] })
      else {
        for (const a of e.aliases) if (a !== seen.name && !seen.aliases.includes(a)) seen.aliases.push(a)
        for (const m of e.mentions) seen.mentions.push(m)
      }
    }
    for (const r of s.layer?.roles ?? []) roles.set(`${r.personId}|${r.title}|${r.orgId}`, r)
    for (const q of s.quotes ?? []) quotes.push({ ...q, id: `${articleIdValue}#q${quotes.length + 1}` })
    for (const r of s.relations ?? []) relations.push(r)
  }
  return { entities: [...entities.values()], quotes, roles: [...roles.values()], relations }
}

/** Runs the pipeline over one article read from `source` (an input path, or "-" for stdin). */
export function extractArticle(input: ArticleInput, source: string, options: ExtractOptions = {}): ExtractedArticle {
  // the name tagger's word cache stays bounded between documents (ner/features.ts)
  startDocument()
  const article = articleMeta(input)
  const text = input.text
  const segmentChars = options.segmentChars ?? SEGMENT_CHARS
  if (text.length <= segmentChars) {
    const s = runSegment(input, article, { start: 0, end: text.length }, options)
    return { source, article, entities: s.layer?.entities ?? [], quotes: s.quotes ?? [], roles: s.layer?.roles ?? [], relations: s.relations ?? [] }
  }
  const states = chunkRanges(text, segmentChars).map(([start, end]) => runSegment(input, article, { start, end }, options))
  return { source, article, ...merge(article.id, states) }
}
