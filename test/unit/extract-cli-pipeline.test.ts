// The pipeline shell in process: stage order, relations, and huge inputs run in segments that merge cleanly.
import { describe, expect, it } from 'vitest'
import { extractArticle, PIPELINE, readInput } from '../../src/extract/index.ts'
import { analyseText } from '../../src/extract/chunked.ts'

const one = (text: string) => extractArticle(readInput(text, 'x.txt')[0], 'x.txt')

describe('extractArticle', () => {
  it('runs the stages in order', () => {
    expect(PIPELINE.map((s) => s.name)).toEqual(['analyse', 'entities', 'quotes', 'relations'])
    const seen: string[] = []
    extractArticle(readInput('Orla Fenwick visited Norway.', 'x.txt')[0], 'x.txt', { onStage: (n) => seen.push(n) })
    expect(seen).toEqual(['analyse', 'entities', 'quotes', 'relations'])
  })

  it('types a relation by the linking verb, with the sentence as evidence', () => {
    const text = 'Intro line.\n\nNorway has sent two patrol boats to Denmark this week. Canada and Mexico were not involved.'
    const out = one(text)
    const send = out.relations.find((r) => r.type === 'send')
    expect(send).toMatchObject({ sourceId: 'country:NO', targetId: 'country:DK' })
    expect(text.slice(send!.start, send!.end)).toBe('Norway has sent two patrol boats to Denmark this week.')
    expect(out.relations).toContainEqual(expect.objectContaining({ type: 'co_mention', sourceId: 'country:CA', targetId: 'country:MX' }))
    // no relation across sentences, none of an entity with itself
    expect(out.relations.some((r) => r.sourceId === 'country:DK' && r.targetId === 'country:CA')).toBe(false)
    expect(out.relations.every((r) => r.sourceId !== r.targetId)).toBe(true)
  })

  it('keeps sentences within paragraphs', () => {
    const doc = analyseText('A headline without a stop\n\nThe body begins here. It goes on')
    expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toEqual(['A headline without a stop', 'The body begins here.', 'It goes on'])
  })

  it('a long input run in segments gives the same entities and quotes as one run', () => {
    const para = (i: number) =>
      `Minister Tove Marheim met Karsten Lund in Oslo on day ${i}. "We made progress," Tove Marheim said. Norway and Denmark signed a note.\n\n`
    const text = Array.from({ length: 60 }, (_, i) => para(i)).join('')
    const input = readInput(text, 'long.txt')[0]
    const whole = extractArticle(input, 'long.txt')
    const parts = extractArticle(input, 'long.txt', { segmentChars: 2000 })
    const summary = (o: typeof whole) => o.entities.map((e) => [e.id, e.mentions.length]).sort()
    expect(summary(parts)).toEqual(summary(whole))
    expect(parts.quotes.map((q) => [q.start, q.end, q.speakerId])).toEqual(whole.quotes.map((q) => [q.start, q.end, q.speakerId]))
    expect(parts.quotes.map((q) => q.id)).toEqual(parts.quotes.map((_, k) => `${whole.article.id}#q${k + 1}`))
    expect(parts.relations.length).toBe(whole.relations.length)
  })
})
