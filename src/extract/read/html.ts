// HTML pages: the article's main text and title through Mozilla's Readability on a linkedom document
// (scripts, styles, navigation and boilerplate dropped). Paragraph structure is kept as blank lines,
// so offsets index the extracted text, which is the article text of the output.
//
// Budgets: linkedom's parser and Readability are super-linear in nesting depth (5,000 nested <div>s took
// minutes, 50,000 overflowed the stack) and Readability in width (20,000 sibling elements, seconds to
// minutes). A page is first measured by a streaming tokenizer (htmlparser2, the one linkedom parses with),
// in linear time: deeper than MAX_HTML_DEPTH or with more than MAX_HTML_ELEMENTS elements it is refused with
// the reason; past READABILITY_MAX_ELEMENTS Readability is skipped and the whole body's text is taken.
import { createRequire } from 'node:module'
import type { Readability } from '@mozilla/readability'
import type { Parser } from 'htmlparser2'
import type { parseHTML } from 'linkedom'
import type { ArticleInput } from '../types.ts'
import { normaliseDate } from './dates.ts'
import { InputError } from './errors.ts'

/** elements inside one another beyond which a page is refused (news pages nest 20 to 60 deep) */
export const MAX_HTML_DEPTH = 200
/** elements beyond which a page is refused (news pages hold a few thousand) */
export const MAX_HTML_ELEMENTS = 100_000
/**
 * Readability runs only on pages within these: its cost grows with elements times their depth (it reads the
 * text of every candidate's subtree) and faster than that with many siblings. Beyond them the body's text
 * is used, as for a page where Readability finds no article. Work is the sum of the depths of all elements
 * and text nodes (the size of every subtree, summed); a news page of 2,000 elements is ~40,000.
 */
export const READABILITY_MAX_ELEMENTS = 8_000
export const READABILITY_MAX_WORK = 250_000

export interface HtmlShape {
  elements: number
  /** the sum of the depths of all elements and text nodes */
  work: number
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
])
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME'])

interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  firstChild: DomNode | null
  nextSibling: DomNode | null
  parentNode: DomNode | null
}

/**
 * Visible text of a subtree: block elements become paragraphs (blank lines), <br> a line break.
 * Walks with firstChild/nextSibling and no recursion: linkedom's childNodes[i] costs O(n) a call, which
 * made a paragraph of 20,000 sibling elements take half a minute, and recursion overflows on deep pages.
 */
export function textOf(root: DomNode): string {
  const parts: string[] = []
  /** enters a node: its own text, or its opening break; true when its children are to be walked */
  const enter = (node: DomNode): boolean => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/g, ' '))
      return false
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return false
    const name = node.nodeName.toUpperCase()
    if (SKIP.has(name)) return false
    if (name === 'BR') {
      parts.push('\n')
      return false
    }
    if (BLOCK.has(name)) parts.push('\n\n')
    return true
  }
  const leave = (node: DomNode): void => {
    if (node.nodeType === 1 && BLOCK.has(node.nodeName.toUpperCase())) parts.push('\n\n')
  }
  let node: DomNode | null = root
  while (node) {
    if (enter(node) && node.firstChild) {
      node = node.firstChild
      continue
    }
    if (node !== root) leave(node)
    // climb until a node with a next sibling, closing the blocks left on the way
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode
      if (node && node !== root) leave(node)
    }
    if (!node || node === root) break
    node = node.nextSibling
  }
  leave(root)
  return parts
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

// The HTML stack loads on the first page read: linkedom alone took ~100 ms of every extraction
// worker's start, and most inputs are plain text or JSON.
const require = createRequire(import.meta.url)
let html: { parseHTML: typeof parseHTML; Readability: typeof Readability; Parser: typeof Parser } | null = null
function htmlStack(): NonNullable<typeof html> {
  html ??= {
    parseHTML: (require('linkedom') as typeof import('linkedom')).parseHTML,
    Readability: (require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability,
    Parser: (require('htmlparser2') as typeof import('htmlparser2')).Parser,
  }
  return html
}

/** Measures a page in one linear pass and refuses it, naming `source`, beyond the depth or size budget. */
export function checkHtmlBudget(page: string, source: string): HtmlShape {
  let depth = 0
  let elements = 0
  let work = 0
  const over = (reason: string) => new InputError(source, reason)
  const parser = new (htmlStack().Parser)({
    onopentag() {
      elements++
      depth++
      if (depth > MAX_HTML_DEPTH) throw over(`HTML nesting deeper than ${MAX_HTML_DEPTH} levels (elements inside one another); not read`)
      if (elements > MAX_HTML_ELEMENTS) throw over(`HTML with more than ${MAX_HTML_ELEMENTS} elements; not read`)
      work += depth
    },
    ontext() {
      work += depth + 1
    },
    onclosetag() {
      depth--
    },
  })
  parser.end(page)
  return { elements, work }
}

type HtmlDocument = ReturnType<typeof parseHTML>['document']
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0]

function metaContent(document: HtmlDocument, selectors: string[]): string | null {
  for (const sel of selectors) {
    const v = document.querySelector(sel)?.getAttribute('content') ?? document.querySelector(sel)?.getAttribute('href')
    if (v && v.trim()) return v.trim()
  }
  return null
}

/** Readability's view of the page, or null when it finds no article (the whole body is used then). */
function parseMain(document: HtmlDocument): ReturnType<Readability<DomNode>['parse']> {
  try {
    const { Readability } = htmlStack()
    return new Readability<DomNode>(document as unknown as ReadabilityDocument, { serializer: (n) => n as unknown as DomNode }).parse()
  } catch {
    return null
  }
}

/** The article of an HTML page; throws an InputError naming `source` for a page beyond the budgets. */
export function readHtml(page: string, source = 'HTML'): ArticleInput {
  const shape = checkHtmlBudget(page, source)
  const { document } = htmlStack().parseHTML(page)
  // metadata first: Readability rewrites the document
  const url = metaContent(document, ['link[rel="canonical"]', 'meta[property="og:url"]'])
  const date = metaContent(document, ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]', 'meta[name="pubdate"]'])
  const ogTitle = metaContent(document, ['meta[property="og:title"]'])
  const h1 = document.querySelector('h1')?.textContent?.trim() || null
  const author = metaContent(document, ['meta[name="author"]', 'meta[property="article:author"]'])
  const fallbackTitle = document.querySelector('title')?.textContent?.trim() || null
  const fallbackBody = document.body ? textOf(document.body as unknown as DomNode) : textOf(document as unknown as DomNode)

  // (Readability's own maxElemsToParse counts getElementsByTagName('*'), which linkedom answers with 0)
  const parsed = shape.elements <= READABILITY_MAX_ELEMENTS && shape.work <= READABILITY_MAX_WORK ? parseMain(document) : null
  const text = parsed?.content ? textOf(parsed.content) : fallbackBody
  let title = ogTitle ?? parsed?.title?.trim() ?? fallbackTitle
  if (h1 && title && title !== h1 && title.startsWith(h1)) title = h1
  const byline = (parsed?.byline ?? author ?? '').replace(/^by\s+/i, '').trim()
  return {
    text,
    bodyStart: 0,
    bodyEnd: text.length,
    meta: {
      title: title || null,
      publishedAt: normaliseDate(date ?? parsed?.publishedTime ?? null),
      authors: byline ? byline.split(/\s*(?:,|;|&|\band\b)\s*/i).filter(Boolean) : [],
      dateline: null,
      publisher: parsed?.siteName?.trim() || metaContent(document, ['meta[property="og:site_name"]']) || null,
      url,
    },
  }
}
