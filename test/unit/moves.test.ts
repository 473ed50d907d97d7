// The aggregates across resolution's moves (src/graph/moves.ts movedContribution, pure): computed from
// what ARTICLE_FACTS_TO_MOVE reads (every MENTIONS' node, the moving ones with form and count, only the
// quotes the moves touch, no RELATED) and the RELATED MOVE_FACTS returns, the change must equal the
// one computed from every fact of the article before and after the moves.
import { describe, expect, it } from 'vitest'
import { contributionOfFacts, type ArticleFacts, type Contribution } from '../../src/graph/aggregates.ts'
import { movedContribution, type MovedRelated } from '../../src/graph/moves.ts'

type Move = { form: string; from: string; to: string }

/** after - before, without the zeros (what applyChange stores), and the articles' entity sets (co-mentions.ts) */
function change(before: Contribution, after: Contribution): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {}
  const put = (kind: string, key: string, n: number): void => {
    out[kind] ??= {}
    out[kind][key] = (out[kind][key] ?? 0) + n
    if (!out[kind][key]) delete out[kind][key]
  }
  for (const [c, sign] of [[after, 1], [before, -1]] as const) {
    for (const [id, d] of c.entities) for (const [k, n] of Object.entries(d)) put('entity ' + k, id, sign * n)
    for (const [k, n] of c.spoke) put('spoke', k, sign * n)
    for (const [k, n] of c.unattributed) put('unattributed', k, sign * n)
    for (const [k, n] of c.related) put('related', k, sign * n)
  }
  for (const kind of Object.keys(out)) if (!Object.keys(out[kind]).length) delete out[kind]
  for (const [c, when] of [[before, 'before'], [after, 'after']] as const) {
    for (const [id, nodes] of c.mentionSets) out[`entities of ${id} ${when}`] = Object.fromEntries([...nodes].sort().map((n) => [n, 1]))
  }
  return out
}

/** one article with two forms on one node, a quote with two speakers, RELATED among moved and unmoved forms */
const article: ArticleFacts = {
  id: 'art',
  mentioned: [
    { node: 'person:clinton', form: 'person:clinton', count: 3 },
    { node: 'person:bill-clinton', form: 'person:bill-clinton', count: 2 },
    { node: 'person:bill-clinton', form: 'person:w-j-clinton', count: 1 },
    { node: 'person:trump', form: 'person:trump', count: 4 },
    { node: 'org:fbi', form: 'org:fbi', count: 1 },
  ],
  quotes: [
    { speakers: [{ node: 'person:clinton', form: 'person:clinton' }, { node: 'person:trump', form: 'person:trump' }], about: [{ node: 'org:fbi', form: 'org:fbi' }], speakerName: 'Clinton' },
    { speakers: [], about: [{ node: 'person:clinton', form: 'person:clinton' }, { node: 'person:bill-clinton', form: 'person:bill-clinton' }], speakerName: 'aides' },
    { speakers: [{ node: 'person:trump', form: 'person:trump' }], about: [{ node: 'org:fbi', form: 'org:fbi' }], speakerName: 'Trump' },
  ],
  related: [
    { source: { node: 'person:clinton', form: 'person:clinton' }, target: { node: 'person:trump', form: 'person:trump' }, type: 'criticize' },
    { source: { node: 'person:clinton', form: 'person:clinton' }, target: { node: 'person:bill-clinton', form: 'person:w-j-clinton' }, type: 'co_mention' },
    { source: { node: 'person:trump', form: 'person:trump' }, target: { node: 'org:fbi', form: 'org:fbi' }, type: 'co_mention' },
  ],
}

/** what the moves do, from every fact: the contributions before and after */
function whole(moves: Move[]): { before: Contribution; after: Contribution } {
  const nodeOf = nodeAfter(moves)
  return { before: contributionOfFacts([article]), after: contributionOfFacts([article], nodeOf) }
}

function nodeAfter(moves: Move[]): (articleId: string, form: string | null, node: string) => string {
  return (_a, form, node) => moves.find((m) => m.form === form && m.from === node)?.to ?? node
}

/** what ARTICLE_FACTS_TO_MOVE reads and MOVE_FACTS returns (one move after the other), then movedContribution */
function read(moves: Move[]): { before: Contribution; after: Contribution } {
  const moving = article.mentioned.filter((m) => moves.some((mv) => mv.form === m.form && mv.from === m.node))
  const rest = article.mentioned.filter((m) => !moving.includes(m)).map((m) => ({ node: m.node, form: null, count: 0 }))
  const touched = (f: { node: string; form: string | null }): boolean => moves.some((mv) => mv.form === f.form && mv.from === f.node)
  const quotes = article.quotes.filter((q) => [...q.speakers, ...q.about].some(touched))
  const related: MovedRelated[] = []
  const ends = article.related.map((r) => ({ ...r, source: { ...r.source }, target: { ...r.target } }))
  for (const mv of moves) {
    for (const r of ends) {
      const s = r.source.form === mv.form && r.source.node === mv.from
      const t = r.target.form === mv.form && r.target.node === mv.from
      if (!s && !t) continue
      const before: [string, string] = [r.source.node, r.target.node]
      if (s) r.source.node = mv.to
      if (t) r.target.node = mv.to
      related.push({ before, after: [r.source.node, r.target.node], type: r.type })
    }
  }
  return movedContribution([{ id: article.id, mentioned: [...rest, ...moving], quotes, related: [] }], nodeAfter(moves), related)
}

describe('movedContribution', () => {
  const cases: [string, Move[]][] = [
    ['a surname-only form joins a person the article also names', [{ form: 'person:clinton', from: 'person:clinton', to: 'person:bill-clinton' }]],
    ['one of two forms on one node leaves it', [{ form: 'person:w-j-clinton', from: 'person:bill-clinton', to: 'person:w-clinton' }]],
    ['both ends of a RELATED move', [
      { form: 'person:clinton', from: 'person:clinton', to: 'person:hillary-clinton' },
      { form: 'person:w-j-clinton', from: 'person:bill-clinton', to: 'person:hillary-clinton' },
    ]],
    ['a speaker joins the other speaker of its quote', [{ form: 'person:clinton', from: 'person:clinton', to: 'person:trump' }]],
    ['a subject joins a speaker of the same quote', [{ form: 'org:fbi', from: 'org:fbi', to: 'person:trump' }]],
  ]
  for (const [name, moves] of cases) {
    it(`changes the aggregates as every fact read before and after would: ${name}`, () => {
      const w = whole(moves)
      const r = read(moves)
      expect(change(r.before, r.after)).toEqual(change(w.before, w.after))
    })
  }
})
