// HTML reading in bounded time (src/extract/read/html.ts): text extraction linear in the page, and a
// depth and size budget measured before parsing, with a clear error naming the file beyond it.
// Times are generous bounds for a loaded machine; the old code took minutes on these pages.
import { describe, expect, it } from 'vitest'
import { readInputSettled, InputError } from '../../src/extract/read/index.ts'
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, readHtml } from '../../src/extract/read/html.ts'

const QUOTE = '<p>Harbour master Tilde Okkeren said: "The pier stays open."</p>'
const nested = (n: number) => `<!doctype html><html><body>${'<div>'.repeat(n)}${QUOTE}${'</div>'.repeat(n)}</body></html>`

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now()
  const value = f()
  return { value, ms: performance.now() - t0 }
}

describe('HTML budgets', () => {
  it(`D6: a page nested deeper than ${MAX_HTML_DEPTH} levels is refused at once, naming the file`, () => {
    readHtml(QUOTE, 'warm.html') // loads linkedom, Readability and htmlparser2 outside the timing
    for (const depth of [5_000, 50_000]) {
      const { value, ms } = timed(() => readInputSettled(nested(depth), `deep-${depth}.html`))
      expect(value).toHaveLength(1)
      expect(value[0]).toBeInstanceOf(InputError)
      expect((value[0] as InputError).message).toBe(`deep-${depth}.html: HTML nesting deeper than ${MAX_HTML_DEPTH} levels (elements inside one another); not read`)
      expect(ms, `${depth} levels`).toBeLessThan(10_000)
    }
  })

  it('D6: a page just inside the depth budget is read, with its quote', () => {
    const { value, ms } = timed(() => readHtml(nested(MAX_HTML_DEPTH - 10), 'deep.html'))
    expect(value.text).toBe('Harbour master Tilde Okkeren said: "The pier stays open."')
    expect(ms).toBeLessThan(20_000)
  })

  it(`D6: a page of more than ${MAX_HTML_ELEMENTS} elements is refused, naming the file`, () => {
    const page = `<html><body>${'<i>x</i>'.repeat(MAX_HTML_ELEMENTS + 1)}</body></html>`
    expect(() => readHtml(page, 'wide.html')).toThrow(`wide.html: HTML with more than ${MAX_HTML_ELEMENTS} elements; not read`)
  })

  it('D6: 20,000 sibling elements and a 20,000-item list read in linear time, all their text kept', () => {
    readHtml(QUOTE, 'warm.html')
    const siblings = `<!doctype html><html><body>${QUOTE}<p>${'<b>w</b> '.repeat(20_000)}</p></body></html>`
    const a = timed(() => readHtml(siblings, 'siblings.html'))
    expect(a.value.text.match(/\bw\b/g)).toHaveLength(20_000)
    expect(a.ms).toBeLessThan(15_000)
    const list = `<!doctype html><html><body>${QUOTE}<ul>${Array.from({ length: 20_000 }, (_, i) => `<li>item ${i}</li>`).join('')}</ul></body></html>`
    const b = timed(() => readHtml(list, 'list.html'))
    expect(b.value.text).toContain('item 19999')
    expect(b.value.text).toContain('Tilde Okkeren said')
    expect(b.ms).toBeLessThan(15_000)
  })
})
