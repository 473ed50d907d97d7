// Plain text: the whole text is the body; a short first line followed by a blank line is taken as the title
// (metadata only: it stays inside the body, so no name or quote in it is lost).
import type { ArticleInput } from '../types.ts'
import { blocksOf, linesOf } from './lines.ts'

const MAX_TITLE_CHARS = 200

export function readPlain(text: string): ArticleInput {
  const blocks = blocksOf(linesOf(text, 0, Math.min(text.length, 4 * MAX_TITLE_CHARS)))
  const first = blocks[0]
  // a title stands alone: one short line, with more text after it
  const title = first && first.length === 1 && first[0].text.length <= MAX_TITLE_CHARS && blocks.length > 1 ? first[0].text : null
  return {
    text,
    bodyStart: 0,
    bodyEnd: text.length,
    meta: { title, publishedAt: null, authors: [], dateline: null, publisher: null, url: null },
  }
}
