// HTML pages: the article's main text and title through Mozilla's Readability on a linkedom document
// (scripts, styles, navigation and boilerplate dropped). Paragraph structure is kept as blank lines,
// so offsets index the extracted text, which is the article text of the output.
import { createRequire } from 'node:module'
import type { Readability } from '@mozilla/readability'
import type { parseHTML } from 'linkedom'
import type { ArticleInput } from '../types.ts'
import { normaliseDate } from './dates.ts'

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
])
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME'])

interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNode>
}

/** Visible text of a subtree: block elements become paragraphs (blank lines), <br> a line break. */
export function textOf(root: DomNode): string {
  const parts: string[] = []
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/g, ' '))
      return
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return
    const name = node.nodeName.toUpperCase()
    if (SKIP.has(name)) return
    if (name === 'BR') {
      parts.push('\n')
      return
    }
    const block = BLOCK.has(name)
    if (block) parts.push('\n\n')
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i])
    if (block) parts.push('\n\n')
  }
  walk(root)
  return parts
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

// The HTML stack loads on the first page read: linkedom alone took ~100 ms of every extraction
// worker's start, and most inputs are plain text or JSON.
const require = createRequire(import.meta.url)
let html: { parseHTML: typeof parseHTML; Readability: typeof Readability } | null = null
function htmlStack(): NonNullable<typeof html> {
  html ??= { parseHTML: (require('linkedom') as typeof import('linkedom')).parseHTML, Readability: (require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability }
  return html
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

export function readHtml(page: string): ArticleInput {
  const { document } = htmlStack().parseHTML(page)
  // metadata first: Readability rewrites the document
  const url = metaContent(document, ['link[rel="canonical"]', 'meta[property="og:url"]'])
  const date = metaContent(document, ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]', 'meta[name="pubdate"]'])
  const ogTitle = metaContent(document, ['meta[property="og:title"]'])
  const h1 = document.querySelector('h1')?.textContent?.trim() || null
  const author = metaContent(document, ['meta[name="author"]', 'meta[property="article:author"]'])
  const fallbackTitle = document.querySelector('title')?.textContent?.trim() || null
  const fallbackBody = document.body ? textOf(document.body as unknown as DomNode) : textOf(document as unknown as DomNode)

  const parsed = parseMain(document)
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
