// The reading view's pure parts: highlighting nests whatever the spans do, and text is escaped.
import { describe, expect, it } from 'vitest'
import { highlight } from '../../src/view/highlight.ts'
import type { Span } from '../../src/view/highlight.ts'
import { escapeHtml, html, raw } from '../../src/view/html.ts'
import { articleCypher, quoteFragments, quotePieces } from '../../src/view/pages.ts'

const span = (name: string, start: number, end: number, layer: number): Span => ({
  start,
  end,
  layer,
  open: (first) => `<${name}${first ? ' first' : ''}>`,
  close: `</${name}>`,
})

/** drop the tags: what remains must be the text, escaped */
const textOf = (s: string) => s.replace(/<[^>]+>/g, '')

describe('highlight', () => {
  it('nests a mention inside a quote', () => {
    expect(highlight('a "b c" d', [span('q', 2, 7, 0), span('m', 3, 4, 2)])).toBe('a <q first>&quot;<m first>b</m> c&quot;</q> d')
  })

  it('splits a mention that crosses a quote boundary, opening it once as first', () => {
    const out = highlight('0123456789', [span('q', 0, 5, 0), span('m', 3, 8, 2)])
    expect(out).toBe('<q first>012<m first>34</m></q><m>567</m>89')
  })

  it('closes elements in the order it opened them, for crossing quotes', () => {
    const out = highlight('abcdefgh', [span('q', 0, 5, 0), span('r', 3, 8, 0)])
    expect(out).toBe('<q first>abc<r first>de</r></q><r>fgh</r>')
  })

  it('escapes the text and drops spans outside it', () => {
    const out = highlight('<script>x</script>', [span('m', 8, 9, 2), span('bad', 5, 50, 2), span('empty', 3, 3, 2)])
    expect(out).toBe('&lt;script&gt;<m first>x</m>&lt;/script&gt;')
    expect(textOf(out)).toBe(escapeHtml('<script>x</script>'))
  })
})

describe('html', () => {
  it('escapes interpolated text but not nested html or raw markup', () => {
    const inner = html`<b>${'<i>'}</b>`
    expect(html`<p title="${'"x"'}">${inner}${raw('<br>')}${['<', '>']}</p>`.value).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b><br>&lt;&gt;</p>')
  })
})

describe('links and unknown quote shapes', () => {
  it('quotes an article id as a Cypher string literal', () => {
    expect(articleCypher("x:1#'a\\b")).toContain("{id: 'x:1#\\'a\\\\b'}")
  })

  it('reads fragments from a list or JSON text and ignores anything else', () => {
    expect(quoteFragments([{ start: 1, end: 2 }])).toEqual([{ start: 1, end: 2 }])
    expect(quoteFragments('[{"start":1,"end":2,"kind":"direct"}]')).toEqual([{ start: 1, end: 2, kind: 'direct' }])
    expect(quoteFragments('not json')).toEqual([])
    expect(quoteFragments(null)).toEqual([])
  })
})

describe('quotePieces', () => {
  // "“Yes,” she said. “No.”" at offset 100: two quoted fragments with the attribution between them
  const text = '“Yes,” she said. “No.”'
  it('cuts a statement at its fragments, in order', () => {
    const pieces = quotePieces(text, 100, [
      { start: 100, end: 106 },
      { start: 117, end: 122 },
    ])
    expect(pieces).toEqual([
      { text: '“Yes,”', quoted: true },
      { text: ' she said. ', quoted: false },
      { text: '“No.”', quoted: true },
    ])
    expect(pieces.map((p) => p.text).join('')).toBe(text)
  })
  it('ignores fragments outside the text, out of order or without offsets, and keeps every character', () => {
    const pieces = quotePieces(text, 100, [{ start: 117, end: 122 }, { start: 100, end: 106 }, { start: 90, end: 95 }, { start: 120, end: 200 }, { text: 'x' }])
    expect(pieces).toEqual([
      { text: '“Yes,” she said. ', quoted: false },
      { text: '“No.”', quoted: true },
    ])
    expect(quotePieces(text, null, [{ start: 100, end: 106 }])).toEqual([{ text, quoted: false }])
  })
})
