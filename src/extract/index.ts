// The extraction pipeline: one article in, one ExtractedArticle out, no I/O. Like spaCy's pipeline list,
// PIPELINE names the stages in the order they run; each adds one kind of annotation to the shared state and
// reads only what earlier stages added. Reading (bytes -> ArticleInput) happens before, in ./read.
import { analyseText } from './chunked.ts'
import { findEntities } from './entities.ts'
import { articleId } from './ids.ts'
import type { Doc } from './nlp.ts'
import { findQuotes } from './quotes.ts'
import { findRelations } from './relations.ts'
import type { EntityLayer } from './entities.ts'
import type { ArticleInput, ArticleMeta, ExtractedArticle, Quote, Relation } from './types.ts'

export { readInput, readInputSettled, detectFormat, InputError } from './read/index.ts'
export type { Format, Settled } from './read/index.ts'

/** What the stages share: the input, and each stage's annotation once it has run. */
export interface PipelineState {
  input: ArticleInput
  article: ArticleMeta
  /** the character ranges the stages read: the body (the news format's header lies outside) */
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
  // wink-nlp tokens, POS and sentences over the whole text, in chunks so a huge input cannot stall
  { name: 'analyse', run: (s) => (s.doc = analyseText(s.input.text, { bodyStart: s.input.bodyStart, bodyEnd: s.input.bodyEnd })) },
  // names -> mentions -> entities, with the roles their titles give (byline author and dateline come as extra spans)
  { name: 'entities', run: (s) => (s.layer = findEntities(need(s.doc, 'analyse'), s.ranges, s.input.metaSpans ?? [])) },
  // direct and reported quotes with their speakers
  { name: 'quotes', run: (s) => (s.quotes = findQuotes(need(s.doc, 'analyse'), need(s.layer, 'entities'), s.ranges, s.article.id)) },
  // entity-to-entity relations within sentences
  { name: 'relations', run: (s) => (s.relations = findRelations(need(s.doc, 'analyse'), need(s.layer, 'entities'), s.ranges)) },
]

export interface ExtractOptions {
  /** called after each stage with its wall time in milliseconds (profiling, the bench) */
  onStage?: (name: string, ms: number) => void
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

/** Runs the pipeline over one article read from `source` (an input path, or "-" for stdin). */
export function extractArticle(input: ArticleInput, source: string, options: ExtractOptions = {}): ExtractedArticle {
  const article = articleMeta(input)
  const state: PipelineState = { input, article, ranges: [{ start: input.bodyStart, end: input.bodyEnd }] }
  // nothing to read: an empty (or blank) body gives an empty result
  if (input.text.slice(input.bodyStart, input.bodyEnd).trim() !== '') {
    for (const stage of PIPELINE) {
      const t0 = options.onStage ? performance.now() : 0
      stage.run(state)
      options.onStage?.(stage.name, performance.now() - t0)
    }
  }
  return {
    source,
    article,
    entities: state.layer?.entities ?? [],
    quotes: state.quotes ?? [],
    roles: state.layer?.roles ?? [],
    relations: state.relations ?? [],
  }
}
