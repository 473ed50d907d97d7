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

  it('gives one statement per thing said: four by Pat Ryder (two mixed, with their quoted fragments), Joe Biden\'s reported and direct ones', () => {
    expect(ryder).toBeDefined()
    expect(biden).toBeDefined()
    const of = (id: string): Quote[] => quotes.filter((q) => q.speakerId === id)
    expect(of(ryder!.id).map((q) => [q.kind, q.text.slice(0, 24), q.fragments.map((f) => f.text)])).toEqual([
      ['mixed', 'about 2,000 North Korean', ['smaller number']],
      ['direct', 'We remain concerned that', [expect.stringMatching(/^We remain concerned that .* Ukrainian forces$/)]],
      ['mixed', 'The Pentagon is looking ', ['the quid pro quo']],
      ['direct', 'As you well know, we\'ve ', [expect.stringMatching(/^As you well know, .* concerning$/)]],
    ])
    // the reported statement once, and its "adding …" clause on its own (PolNeAR: two attributions), beside the two direct quotes
    expect(of(biden!.id).map((q) => [q.kind, q.cue, q.text])).toEqual([
      ['indirect', 'said', 'Ukraine should strike back if North Korean troops crossed into its territory'],
      ['indirect', 'adding', 'he was worried about their presence in the Kursk region'],
      ['direct', 'said', 'I am concerned about it'],
      ['direct', 'added', 'If they cross into Ukraine, yes'],
    ])
  })

  it('never lets two statements overlap, and keeps every fragment inside its statement', () => {
    for (let i = 1; i < quotes.length; i++) expect(quotes[i].start).toBeGreaterThanOrEqual(quotes[i - 1].end)
    for (const q of quotes) {
      for (const f of q.fragments) {
        expect(text.slice(f.start, f.end)).toBe(f.text)
        expect(f.start).toBeGreaterThanOrEqual(q.start)
        expect(f.end).toBeLessThanOrEqual(q.end)
      }
      expect(q.fragments.length > 0).toBe(q.kind !== 'indirect')
    }
  })

  it('keeps the span naming the speaker at the quote: a name, a short name or a pronoun', () => {
    const d = direct(quotes)
    expect(speakerText(text, d[0])).toBe('he')
    expect(speakerText(text, d[1])).toBe('Mr Biden')
    expect(speakerText(text, d[2])).toBe('he')
    const quid = quotes.find((q) => q.kind === 'mixed' && q.text.includes('quid pro quo'))
    expect(quid && speakerText(text, quid)).toBe('Maj Gen Ryder')
    expect(d[0].cue).toBe('told')
    expect(d[2].cue).toBe('added')
  })

  it('adds the resolved pronouns to the speaker\'s mentions, in order', () => {
    const pronouns = ryder!.mentions.filter((m) => m.kind === 'pronoun')
    expect(pronouns.map((m) => m.text)).toEqual(['he', 'he'])
    const starts = ryder!.mentions.map((m) => m.start)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
  })

  it('finds the reported statements of the US, the Pentagon, Pat Ryder, Joe Biden and South Korean leaders', () => {
    const reported = quotes.filter((q) => q.kind === 'indirect')
    const by = (name: string): Quote[] => quotes.filter((q) => q.kind !== 'direct' && q.speakerName === name)
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
    const quid = quotes.find((q) => q.text.includes('quid pro quo'))!
    expect(quid.aboutIds).toEqual(expect.arrayContaining(['person:kim-jong-un', 'person:vladimir-putin']))
    expect(quid.aboutIds).not.toContain(ryder!.id)
    const concerned = direct(quotes)[0]
    expect(concerned.aboutIds).toEqual(expect.arrayContaining(['country:RU', 'country:UA']))
    expect(concerned.sentiment).toBeLessThan(0)
  })
})

describe('sentences that open with a verb', () => {
  it('reads a participle cue after a verb opening the text, with no token before it (once an extraction failure)', () => {
    for (const text of ['Go home, saying it was late.', 'Played on Sunday, saying nothing new.', 'Rain fell. Expect delays, adding that the roads will close.']) {
      expect(() => quotesOf(text), text).not.toThrow()
    }
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
    // two cues, two statements (PolNeAR's convention); the apostrophe of voters’ is no fragment
    expect(quotes.map((q) => [q.kind, q.text, q.speakerName, q.fragments.map((f) => f.text)])).toEqual([
      ['mixed', 'the plan ‘a fantasy’', 'Ruth Abernathy', ['a fantasy']],
      ['indirect', 'voters’ patience was running out', 'Ruth Abernathy', []],
    ])
  })

  it('makes reported words with a partial quote one mixed statement, the quote its fragment', () => {
    const t = 'Governor Alma Reyes said the budget was “a disgrace” and would be vetoed.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.kind, q.text, q.speakerName, q.fragments.map((f) => f.text)])).toEqual([
      ['mixed', 'the budget was “a disgrace” and would be vetoed', 'Alma Reyes', ['a disgrace']],
    ])
  })

  it('keeps a quote split by its cue one direct statement with two fragments', () => {
    const t = '“We will rebuild the pier,” harbour master Tilda Novak said. “It will take two years.”\n\nThe council meets on Monday.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.kind, q.speakerName, q.fragments.map((f) => f.text)])).toEqual([
      ['direct', 'Tilda Novak', ['We will rebuild the pier', 'It will take two years.']],
    ])
  })

  it('reads a tag inside its sentence as reporting both sides of it', () => {
    const t = 'The harbour, Tilda Novak said, would close for the winter.\n\nUnless the council pays, the engineers say, the pier will fall.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.kind, q.text, q.speakerName])).toEqual([
      ['indirect', 'The harbour, Tilda Novak said, would close for the winter', 'Tilda Novak'],
      ['indirect', 'Unless the council pays, the engineers say, the pier will fall', 'the engineers'],
    ])
  })

  it('finds the subject past a time phrase, a percentage and a relative clause with which', () => {
    const t = 'Voters in a county poll last year said the ferry should stay.\n\nAbout 47% say they would pay more for it.\n\nExecutives at Nordhamn Freight, which runs the ferry, say the fares will rise.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => q.text)).toEqual(['the ferry should stay', 'they would pay more for it', 'the fares will rise'])
    expect(quotes.every((q) => q.speakerStart !== null)).toBe(true)
  })

  it('attributes the writer\'s evidential judgement with no speaker, and not "appeared on"', () => {
    const t = 'Mayor Karin Lund appeared to soften her stance on the dam.\n\nLund appeared on local radio on Monday.\n\nIt seems that the council will vote in May.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.text, q.cue, q.speakerName])).toEqual([
      ['Mayor Karin Lund appeared to soften her stance on the dam', 'appeared', null],
      ['the council will vote in May', 'seems', null],
    ])
  })

  it('attributes what someone talked about, expressed or attacked', () => {
    const t = 'Tilda Novak talked about rebuilding the old pier.\n\nAnna Holm expressed doubt that the ferry would run.\n\nHolm attacked the harbour board for the delay.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.text, q.speakerName])).toEqual([
      ['rebuilding the old pier', 'Tilda Novak'],
      ['the ferry would run', 'Anna Holm'],
      ['the harbour board for the delay', 'Anna Holm'],
    ])
  })

  it('lets a poll speak, and reads a stance noun owned by its speaker', () => {
    const t = 'In a Nordhamn Post poll released Monday, 52 percent backed the new pier.\n\nThe latest polls show Karin Lund with a narrow lead.\n\nHer support for the ferry line, which runs twice a day, is well known.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => q.text)).toEqual(['52 percent backed the new pier', 'Karin Lund with a narrow lead', 'the ferry line'])
    expect(quotes.map((q) => (q.speakerStart === null ? null : t.slice(q.speakerStart, q.speakerEnd!)))).toEqual(['a Nordhamn Post poll released Monday', 'The latest polls', 'Her'])
  })

  it('reads what answered a remark, and takes "state" before a title or a relative clause for the noun', () => {
    const t = 'Karin Lund has not responded to the harbour board\'s remarks.\n\nThe tour visits Ostby and Vik, towns that voted for the pier, and state Rep. Anna Holm will join it.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.text, q.speakerName])).toEqual([['the harbour board\'s remarks', 'Karin Lund']])
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
  it('resolves a pronoun to the last person who spoke, and a quote with no cue goes on with the running statement', () => {
    const t = 'Coach Ivan Morel praised his players on Sunday. “They never gave up,” he told reporters.\n\n“We will be back next season.”'
    const { quotes, layer } = quotesOf(t)
    const d = direct(quotes)
    // PolNeAR's convention: a quote continued in the next paragraph with no cue of its own is the same attribution
    expect(d).toHaveLength(1)
    expect(d[0].fragments.map((f) => f.text)).toEqual(['They never gave up', 'We will be back next season.'])
    const morel = layer.entities.find((e) => e.name === 'Ivan Morel')
    expect(d[0].speakerId).toBe(morel?.id)
    expect(d[0].cue).toBe('told')
    expect(morel?.mentions.some((m) => m.kind === 'pronoun' && m.text === 'he')).toBe(true)
  })

  it('lets organisations and countries speak', () => {
    const t = 'The ministry said the talks would resume. Canada says it will send aid. Officials expect the ships to leave soon, the State Department said on Friday.'
    const { quotes } = quotesOf(t)
    const reported = quotes.filter((q) => q.kind === 'indirect')
    expect(reported.map((q) => q.speakerStart === null ? null : t.slice(q.speakerStart, q.speakerEnd!))).toEqual(
      expect.arrayContaining(['The ministry', 'the State Department']),
    )
    expect(reported.some((q) => q.speakerId === 'country:CA')).toBe(true)
  })

  it('keeps a statement nested in another inside it, once, with the outer speaker', () => {
    const t = 'Canada says it will send aid, the State Department said on Friday.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.text, q.speakerStart === null ? null : t.slice(q.speakerStart, q.speakerEnd!)])).toEqual([
      ['Canada says it will send aid', 'the State Department'],
    ])
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

  it('makes quotes no one is named for statements of their own, not one statement of an unknown speaker', () => {
    const t = 'Voices from the square\n\n"Prices have doubled since the winter."\n\n"Nobody listens to us out here."\n\n"We will be back next week."'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.kind, q.text, q.speakerStart])).toEqual([
      ['direct', 'Prices have doubled since the winter.', null],
      ['direct', 'Nobody listens to us out here.', null],
      ['direct', 'We will be back next week.', null],
    ])
  })

  it('takes a surname a tagger reads as a verb or a time word as the speaker ("Cook said", "Day said")', () => {
    const t = 'The minister spoke at noon. Cook said the harbour would reopen in spring. Day said the ferries were already booked.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.text, q.speakerStart === null ? null : t.slice(q.speakerStart, q.speakerEnd!)])).toEqual([
      ['the harbour would reopen in spring', 'Cook'],
      ['the ferries were already booked', 'Day'],
    ])
  })

  it('reads a speaker and a colon opening a headline, and a speech noun owned by its speaker', () => {
    const t = 'Mayor Lina Varga: Harbour tax will fund the new ferries. Varga spoke on Monday.\n\nCouncillor Petri Aalto’s claim that the tax would double drew laughter at the meeting.'
    const { quotes } = quotesOf(t)
    const colon = quotes.find((q) => q.text.startsWith('Harbour tax'))
    expect(colon && [colon.text, t.slice(colon.speakerStart!, colon.speakerEnd!)]).toEqual(['Harbour tax will fund the new ferries', 'Mayor Lina Varga'])
    const claim = quotes.find((q) => q.cue === 'claim')
    expect(claim && t.slice(claim.speakerStart!, claim.speakerEnd!)).toBe('Councillor Petri Aalto')
    expect(claim?.text.startsWith('the tax would double')).toBe(true)
  })

  it('ends reported words in a clause opening with "while" at its comma: the main clause is the writer\'s', () => {
    const t = 'While Aino Lund said that the budget was balanced, the figures told another story.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => q.text)).toEqual(['the budget was balanced'])
  })

  it('reads a question opening a sentence ("Asked whether …,") as reported words, and a short clause with its verb ("said it would stay")', () => {
    const t = 'Asked whether he would run again, Aalto said “We will see.” When asked about the ferry tax, Varga said it would stay.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.kind, q.cue, q.text, q.speakerStart === null ? null : t.slice(q.speakerStart, q.speakerEnd!)])).toEqual([
      ['indirect', 'asked', 'whether he would run again', null],
      ['direct', 'said', 'We will see.', 'Aalto'],
      ['indirect', 'asked', 'the ferry tax', null],
      ['indirect', 'said', 'it would stay', 'Varga'],
    ])
  })

  it('reports nothing after a verb that reports only with a clause ("continued their search", "responded by settling")', () => {
    const t = 'Divers continued their search in the lake. Mr. Aalto responded by settling the dispute. Lehto wrote that the plan had failed.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => q.text)).toEqual(['the plan had failed'])
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

describe('statements of one speaker in one sentence', () => {
  it('ends a statement where a second cue of the same subject begins ("… but did not say …")', () => {
    const t = 'Mayor Ada Lindqvist said the ferry would run again in May but did not say who would pay for the repairs.'
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.text, q.speakerName])).toEqual([
      ['the ferry would run again in May', 'Ada Lindqvist'],
      ['who would pay for the repairs', 'Ada Lindqvist'],
    ])
  })

  it('keeps a cue inside a statement\'s words in that statement, with no comma or conjunction before it ("told reporters her office would stop opposing …")', () => {
    for (const [t, words] of [
      ['Mayor Ada Lindqvist told reporters her office would stop opposing the ferry plan next week.', 'her office would stop opposing the ferry plan next week'],
      ['Councillor Tove Brandt said she had no plans to yell at anyone during the vote.', 'she had no plans to yell at anyone during the vote'],
    ]) {
      const { quotes } = quotesOf(t)
      expect(quotes.map((q) => [q.kind, q.text])).toEqual([['indirect', words]])
    }
  })
})

describe('two apostrophes as a double mark', () => {
  it("pairs ''…'' as a quotation, with its tag and speaker", () => {
    const t = "''We will open the depot in March,'' said Hester Quayle, the firm's director. ''It is ready.''"
    const { quotes } = quotesOf(t)
    expect(quotes.map((q) => [q.kind, q.speakerName, q.fragments.map((f) => f.text)])).toEqual([
      ['direct', 'Hester Quayle', ['We will open the depot in March', 'It is ready.']],
    ])
  })
})

describe('what a statement is about', () => {
  it('does not take the cue tag between the parts of a direct statement for its subject ("," Ms Roe told parliament. "")', () => {
    const text =
      'Helga Roe is the foreign minister of Vellmark. Tomas Brandt leads the opposition.\n\n' +
      '“We are preparing for every outcome,” Ms Roe told parliament. “If Tomas Brandt still goes ahead, we will be ready.”\n'
    const { quotes, layer } = quotesOf(text)
    const roe = layer.entities.find((e) => e.name === 'Helga Roe')!
    const brandt = layer.entities.find((e) => e.name === 'Tomas Brandt')!
    const q = quotes.find((x) => x.text.includes('every outcome'))!
    expect(q.kind).toBe('direct')
    expect(q.speakerId).toBe(roe.id)
    // Brandt is named in the quoted words; Roe only in the tag between them
    expect(q.aboutIds).toContain(brandt.id)
    expect(q.aboutIds).not.toContain(roe.id)
  })

  it('keeps a speaker who names herself inside her quoted words as a subject', () => {
    const text = 'Helga Roe is the foreign minister of Vellmark.\n\n“Nobody will tell Helga Roe what to do,” Ms Roe told parliament. “Not now.”\n'
    const { quotes, layer } = quotesOf(text)
    const roe = layer.entities.find((e) => e.name === 'Helga Roe')!
    const q = quotes.find((x) => x.text.includes('Nobody'))!
    expect(q.speakerId).toBe(roe.id)
    expect(q.aboutIds).toContain(roe.id)
  })
})
