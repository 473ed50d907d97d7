// The seed's news-page format: a first line `date YYYY-MM-DD <caption> <credit>`, then the caption again,
// section labels ("News", "US"), the headline, the standfirst, the byline (author lines, then the dateline
// city), a written date line, the body, and a closing `Updated: ...` line. The header becomes metadata and
// stays outside the body range; the byline's names become `metaSpans` for the entity stage.
import type { ArticleInput } from '../types.ts'
import { isDateLine, normaliseDate } from './dates.ts'
import { blocksOf, linesOf, splitNames, type Line } from './lines.ts'

const FIRST_LINE = /^\s*date (\d{4}-\d{2}-\d{2})\b/
/** how far into the text the header (up to the date line) may reach */
const HEADER_CHARS = 6000
const HEADER_BLOCKS = 16

export function isNewsFormat(text: string): boolean {
  return FIRST_LINE.test(text.slice(0, 80))
}

/** a section label such as "News" or "US": a few words, no sentence punctuation */
function isLabel(block: Line[]): boolean {
  const s = block[0].text
  return block.length === 1 && s.length <= 25 && s.split(/\s+/).length <= 3 && !/[.!?:,"”]$/.test(s)
}

/** byline lines are short and carry no sentence punctuation */
function isBylineBlock(block: Line[]): boolean {
  return block.every((l) => l.text.length <= 80 && l.text.split(/\s+/).length <= 8 && !/[.!?"”]$/.test(l.text))
}

export function readNews(text: string): ArticleInput {
  const first = FIRST_LINE.exec(text)
  const publishedAt = first ? normaliseDate(first[1]) : null
  const headerEnd = Math.min(text.length, HEADER_CHARS)
  const blocks = blocksOf(linesOf(text, 0, headerEnd)).slice(0, HEADER_BLOCKS)

  // the block holding only a written date ends the header
  let dateBlock = -1
  for (let b = 1; b < blocks.length; b++) {
    if (blocks[b].length === 1 && isDateLine(blocks[b][0].text)) {
      dateBlock = b
      break
    }
  }

  const meta: ArticleInput['meta'] = { title: null, publishedAt, authors: [], dateline: null, publisher: null, url: null }
  const metaSpans: NonNullable<ArticleInput['metaSpans']> = []
  const headLines: NonNullable<ArticleInput['headLines']> = []
  let bodyStart: number
  if (dateBlock < 0) {
    // no recognisable header: everything after the first block (date line and caption) is body
    bodyStart = blocks.length > 1 ? blocks[1][0].start : text.length
  } else {
    const next = blocksOf(linesOf(text, blocks[dateBlock][0].end, text.length))[0]
    bodyStart = next ? next[0].start : text.length
    let mid = blocks.slice(1, dateBlock)
    const byline = mid.length > 1 && isBylineBlock(mid[mid.length - 1]) ? mid[mid.length - 1] : null
    if (byline) {
      mid = mid.slice(0, -1)
      const authorLines = byline.length > 1 ? byline.slice(0, -1) : byline
      for (const line of authorLines) {
        for (const name of splitNames(line)) {
          meta.authors.push(name.text)
          metaSpans.push({ start: name.start, end: name.end, type: 'Person' })
        }
      }
      if (byline.length > 1) {
        const place = byline[byline.length - 1]
        meta.dateline = place.text
        metaSpans.push({ start: place.start, end: place.end, type: 'Place' })
      }
    }
    const content = mid.filter((b) => !isLabel(b))
    const headline = content[0] ?? mid[mid.length - 1]
    if (headline) meta.title = headline.map((l) => l.text).join(' ')
    // the headline and the standfirst after it carry attributions of their own ("…, US says")
    for (const block of content.slice(0, 2)) headLines.push({ start: block[0].start, end: block[block.length - 1].end })
  }

  // a closing "Updated: ..." line is not body
  let bodyEnd = text.length
  const tail = linesOf(text, Math.max(bodyStart, text.length - 400), text.length).filter((l) => l.text !== '')
  const last = tail[tail.length - 1]
  if (last && /^updated:/i.test(last.text) && last.start >= bodyStart) bodyEnd = last.start
  while (bodyEnd > bodyStart && /\s/.test(text[bodyEnd - 1])) bodyEnd--
  return { text, bodyStart, bodyEnd, meta, metaSpans, headLines }
}
