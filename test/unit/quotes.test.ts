// Quotes and speakers: the seed article, and short texts written for these tests (fictional people).
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/extract/nlp.ts'
import { findEntities, type EntityLayer } from '../../src/extract/entities.ts'
import { findQuotes, findAttributions } from '../../src/extract/quotes.ts'
import { sentimentOf } from '../../src/extract/sentiment.ts'
import type { Quote } from '../../src/extract/types.ts'
import { externalData, readSeed } from '../support/external.ts'

const SEED = externalData('seed', import.meta.filename)

function seed(): { text: string; layer: EntityLayer; quotes: Quote[] } {
  const { text } = readSeed(SEED.path)
  const start = text.indexOf('A small number of North Korean troops')
  const end = text.indexOf('Updated:')
  expect(start).toBeGreaterThan(0)
  expect(end).toBeGreaterThan(start)
  const doc = analyse(text)
  const ranges = [{ start, end }]
  const layer = findEntities(doc, ranges)
  return { text, layer, quotes: findQuotes(doc, layer, ranges, 'seed') }
}

function quotesOf(text: string): { quotes: Quote[]; layer: EntityLayer } {
  const doc = analyse(text)
  const ranges = [{ start: 0, end: text.length }]
  const layer = findEntities(doc, ranges)
  return { quotes: findQuotes(doc, layer, ranges, 'a'), layer }
}

const direct = (qs: Quote[]): Quote[] => qs.filter((q) => q.kind === 'direct')
const speakerText = (text: string, q: Quote): string | null => (q.speakerStart === null || q.speakerEnd === null ? null : text.slice(q.speakerStart, q.speakerEnd))

describe.skipIf(!SEED.present)('seed article', () => {
  // vitest collects a skipped suite too: read the seed only when it is there
  const { text, layer, quotes } = SEED.present ? seed() : { text: '', ...quotesOf('') }
  const ryder = layer.entities.find((e) => e.name === 'Pat Ryder')
  const biden = layer.entities.find((e) => e.name === 'Joe Biden')

  it('finds the six direct quotes with their speakers: four Pat Ryder, two Joe Biden', () => {
    const d = direct(quotes)
    expect(d.map((q) => q.text.slice(0, 24))).toEqual([
      'smaller number',
      'We remain concerned that',
      'I am concerned about it',
      'If they cross into Ukrai',
      'the quid pro quo',
      'As you well know, we\'ve ',
    ])
    expect(ryder).toBeDefined()
    expect(biden).toBeDefined()
    expect(d.map((q) => q.speakerId)).toEqual([ryder!.id, ryder!.id, biden!.id, biden!.id, ryder!.id, ryder!.id])
    expect(d.map((q) => q.speakerName)).toEqual(['Pat Ryder', 'Pat Ryder', 'Joe Biden', 'Joe Biden', 'Pat Ryder', 'Pat Ryder'])
  })

  it('keeps the span naming the speaker at the quote: a name, a short name or a pronoun', () => {
    const d = direct(quotes)
    expect(speakerText(text, d[1])).toBe('he')
    expect(speakerText(text, d[2])).toBe('Mr Biden')
    expect(speakerText(text, d[3])).toBe('he')
    expect(speakerText(text, d[4])).toBe('Maj Gen Ryder')
    expect(d[1].cue).toBe('told')
    expect(d[3].cue).toBe('added')
  })

  it('adds the resolved pronouns to the speaker\'s mentions, in order', () => {
    const pronouns = ryder!.mentions.filter((m) => m.kind === 'pronoun')
    expect(pronouns.map((m) => m.text)).toEqual(['he', 'he'])
    const starts = ryder!.mentions.map((m) => m.start)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
  })

  it('finds the reported statements of the US, the Pentagon, Pat Ryder, Joe Biden and South Korean leaders', () => {
    const reported = quotes.filter((q) => q.kind === 'indirect')
    const by = (name: string): Quote[] => reported.filter((q) => q.speakerName === name)
    expect(by('United States').map((q) => q.cue)).toContain('believes')
    expect(by('United States')[0].text).toMatch(/^North Korea has sent about 10,000 soldiers/)
    expect(by('Pentagon')[0].text).toMatch(/^A small number of North Korean troops have arrived/)
    expect(by('Pat Ryder')[0].text).toMatch(/^about 2,000 North Korean soldiers were near Kursk/)
    expect(by('Joe Biden')[0].text).toMatch(/^Ukraine should strike back/)
    const korean = reported.find((q) => q.speakerStart !== null && text.slice(q.speakerStart, q.speakerEnd!) === 'South Korean and western leaders')
    expect(korean?.text).toMatch(/^North Korea's involvement could prolong/)
    expect(korean?.speakerId).toBe('country:KR')
  })

  it('gives ids in text order, offsets into the full text, the evidence sentence, aboutIds and sentiment', () => {
    quotes.forEach((q, i) => {
      expect(q.id).toBe(`seed#q${i + 1}`)
      expect(text.slice(q.start, q.end)).toBe(q.text)
      expect(text.slice(q.sentence.start, q.sentence.end)).toBe(q.sentence.text)
      expect(q.sentence.start).toBeLessThanOrEqual(q.start)
      expect(q.sentence.end).toBeGreaterThanOrEqual(q.end)
      expect(q.sentiment).toBeGreaterThanOrEqual(-1)
      expect(q.sentiment).toBeLessThanOrEqual(1)
    })
    const quid = direct(quotes)[4]
    expect(quid.aboutIds).toEqual(expect.arrayContaining(['person:kim-jong-un', 'person:vladimir-putin']))
    expect(quid.aboutIds).not.toContain(ryder!.id)
    const concerned = direct(quotes)[1]
    expect(concerned.aboutIds).toEqual(expect.arrayContaining(['country:RU', 'country:UA']))
    expect(concerned.sentiment).toBeLessThan(0)
  })
})

describe('pairing quotation marks', () => {
  it('pairs straight marks and curly marks', () => {
    const t = '"We will win," said Dana Whitfield. “They will lose,” Mark Ostrow replied.'
    const { quotes } = quotesOf(t)
    expect(direct(quotes).map((q) => [q.text, speakerText(t, q)])).toEqual([
      ['We will win', 'Dana Whitfield'],
      ['They will lose', 'Mark Ostrow'],
    ])
  })

  it('runs a quote over paragraphs when the next paragraph reopens it', () => {
    const t = 'Mayor Lena Hargrove spoke at length.\n\n“The bridge is finished. It cost less than we feared.\n\n“Next year we start on the tunnel,” she said.'
    const { quotes } = quotesOf(t)
    const d = direct(quotes)
    expect(d).toHaveLength(1)
    expect(d[0].text).toMatch(/^The bridge is finished\..*\n\n“Next year we start on the tunnel$/s)
    expect(speakerText(t, d[0])).toBe('she')
    expect(d[0].speakerName).toBe('Lena Hargrove')
  })

  it('ends an unclosed quote with its paragraph when the next one does not reopen it', () => {
    const t = '“This never closes, said nobody.\n\nThe council met on Tuesday. “Fine,” Omar Castell said.'
    const { quotes } = quotesOf(t)
    const d = direct(quotes)
    expect(d.map((q) => q.text)).toContain('Fine')
    expect(d.every((q) => !q.text.includes('\n'))).toBe(true)
  })

  it('takes short single-quoted partials and leaves apostrophes alone', () => {
    const t = 'Senator Ruth Abernathy called the plan ‘a fantasy’ and said voters’ patience was running out.'
    const { quotes } = quotesOf(t)
    const d = direct(quotes)
    expect(d.map((q) => q.text)).toEqual(['a fantasy'])
    expect(d[0].speakerName).toBe('Ruth Abernathy')
  })

  it('gives a partial quote inside a sentence the speaker of its reported statement', () => {
    const t = 'Governor Alma Reyes said the budget was “a disgrace” and would be vetoed.'
    const { quotes } = quotesOf(t)
    const d = direct(quotes)
    expect(d.map((q) => q.text)).toEqual(['a disgrace'])
    expect(d[0].speakerName).toBe('Alma Reyes')
    const r = quotes.find((q) => q.kind === 'indirect')
    expect(r?.text).toBe('the budget was “a disgrace” and would be vetoed')
  })

  it('survives unbalanced marks and empty input', () => {
    expect(quotesOf('').quotes).toEqual([])
    expect(() => quotesOf('He said “ and then ” ” “ nothing “')).not.toThrow()
  })

  it('drops a mark never closed in a long text instead of swallowing the rest', () => {
    const filler = 'The committee met again and the members discussed the budget at length. '.repeat(250)
    const t = `Officials said “this opens and never closes. ${filler}“It is finished,” Ines Vargo said.`
    const d = direct(quotesOf(t).quotes)
    expect(d.map((q) => q.text)).toEqual(['It is finished'])
  })

  it('stays fast on text with no sentence punctuation and many quotes', () => {
    const words = 'the minister said that Anna Berg told reporters “ we will win ” and he added '
    const t = words.repeat(3000)
    const doc = analyse(t)
    const ranges = [{ start: 0, end: t.length }]
    const layer = findEntities(doc, ranges)
    const started = performance.now()
    const quotes = findQuotes(doc, layer, ranges, 'big')
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(quotes.length).toBeGreaterThan(1000)
    // reported statements do not pile up over text with no full stops: their text stays about the size of the input
    expect(quotes.reduce((n, q) => n + q.text.length, 0)).toBeLessThan(2 * t.length)
    for (const e of layer.entities) {
      const keys = e.mentions.map((m) => `${m.start}:${m.end}`)
      expect(new Set(keys).size).toBe(keys.length)
      expect(e.mentions.map((m) => m.start)).toEqual(e.mentions.map((m) => m.start).sort((a, b) => a - b))
    }
  })
})

describe('speakers', () => {
  it('resolves a pronoun to the last person who spoke, and a quote with no cue inherits the running speaker', () => {
    const t = 'Coach Ivan Morel praised his players on Sunday. “They never gave up,” he told reporters.\n\n“We will be back next season.”'
    const { quotes, layer } = quotesOf(t)
    const d = direct(quotes)
    expect(d).toHaveLength(2)
    const morel = layer.entities.find((e) => e.name === 'Ivan Morel')
    expect(d[0].speakerId).toBe(morel?.id)
    expect(d[1].speakerId).toBe(morel?.id)
    expect(d[1].cue).toBeNull()
    expect(morel?.mentions.some((m) => m.kind === 'pronoun' && m.text === 'he')).toBe(true)
  })

  it('lets organisations and countries speak', () => {
    const t = 'The ministry said the talks would resume. Canada says it will send aid, the State Department said on Friday.'
    const { quotes } = quotesOf(t)
    const reported = quotes.filter((q) => q.kind === 'indirect')
    expect(reported.map((q) => q.speakerStart === null ? null : t.slice(q.speakerStart, q.speakerEnd!))).toEqual(
      expect.arrayContaining(['The ministry', 'the State Department']),
    )
    expect(reported.some((q) => q.speakerId === 'country:CA')).toBe(true)
  })

  it('reads "according to X" and title phrases', () => {
    const t = 'The factory will close in May, according to a senior official. “We had no choice,” a company spokeswoman said.'
    const { quotes } = quotesOf(t)
    const acc = quotes.find((q) => q.cue === 'according to')
    expect(acc?.text).toBe('The factory will close in May')
    expect(acc && t.slice(acc.speakerStart!, acc.speakerEnd!)).toBe('a senior official')
    const d = direct(quotes)
    expect(d.map((q) => t.slice(q.speakerStart!, q.speakerEnd!))).toEqual(['a company spokeswoman'])
    expect(d[0].speakerId).toBeNull()
  })

  it('does not hand a quote that ends its sentence to the next sentence\'s subject', () => {
    const t = 'Critics called the scheme “reckless.” Finance chief Nadia Orlov said she disagreed.'
    const atts = findAttributions(analyse(t), findEntities(analyse(t), [{ start: 0, end: t.length }]), [{ start: 0, end: t.length }])
    const q = atts.find((a) => a.kind === 'direct')
    expect(q && t.slice(q.speakerStart!, q.speakerEnd!)).toBe('Critics')
  })
})

describe('sentiment', () => {
  it('scores quote text with wink-nlp', () => {
    expect(sentimentOf('This is a wonderful, happy day')).toBeGreaterThan(0)
    expect(sentimentOf('This is a terrible, awful disaster')).toBeLessThan(0)
    expect(sentimentOf('   ')).toBe(0)
  })
})
