// The article's text with its annotations as nested HTML elements: quotes outermost, then the
// fragments of mixed quotes, then entity mentions. Spans may overlap or cross each other's
// boundaries, so the text is cut at every boundary and, segment by segment, the elements that
// cover it are closed and reopened as needed: the HTML always nests, an element split in parts
// repeats its data-start/data-end (and only its first part opens with the label and the anchor).
import { escapeHtml } from './html.ts'

export interface Span {
  start: number
  end: number
  /** 0 quotes, 1 fragments, 2 mentions: lower layers enclose higher ones */
  layer: number
  /** opening tag; `first` is true for the first part of the span */
  open: (first: boolean) => string
  close: string
}

/** spans that lie inside the text and hold at least one character */
export function validSpan(start: unknown, end: unknown, length: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) <= length && (start as number) < (end as number)
}

export function highlight(text: string, spans: Span[]): string {
  const live = spans.filter((s) => validSpan(s.start, s.end, text.length))
  // enclosing first: layer, then earlier start, then longer
  const order = (a: Span, b: Span) => a.layer - b.layer || a.start - b.start || b.end - a.end
  const byStart = [...live].sort((a, b) => a.start - b.start)
  const cuts = [...new Set([0, text.length, ...live.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b)
  const opened = new Set<Span>()
  // a sweep over the cuts: the spans covering the current segment (few at a time), not a scan of all
  let active: Span[] = []
  let next = 0
  let stack: Span[] = []
  let out = ''
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]]
    active = active.filter((s) => s.end > from)
    while (next < byStart.length && byStart[next].start <= from) active.push(byStart[next++])
    const want = active.filter((s) => s.end >= to).sort(order)
    let keep = 0
    while (keep < stack.length && keep < want.length && stack[keep] === want[keep]) keep++
    for (let j = stack.length - 1; j >= keep; j--) out += stack[j].close
    for (let j = keep; j < want.length; j++) {
      out += want[j].open(!opened.has(want[j]))
      opened.add(want[j])
    }
    stack = want
    out += escapeHtml(text.slice(from, to))
  }
  for (let j = stack.length - 1; j >= 0; j--) out += stack[j].close
  return out
}
