// The aggregates across resolution's moves (src/graph/moves.ts movedContribution, pure): computed from
// what ARTICLE_FACTS_TO_MOVE reads (every MENTIONS' node, the moving ones with form and count, only the
// quotes the moves touch, no RELATED) and the RELATED MOVE_FACTS returns, the change must equal the
// one computed from every fact of the article before and after the moves.
import { describe, expect, it } from 'vitest'
import { contributionOfFacts, type ArticleFacts, type Contribution } from '../../src/graph/aggregates.ts'
import { movedContribution, type MovedRelated } from '../../src/graph/moves.ts'
import { pairPage } from '../../src/graph/pages.ts'

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

// The pair pages of ABOUT (pages.ts PAIR_PAGE_OF: subject, speaker, quote) across the moves: MOVE_FACTS
// puts the new subject's id in front of a moved ABOUT's key and rewrites the speaker part of every ABOUT
// of a quote whose SAID moved (the string operations below are those of its Cypher). Applied move by
// move in either order, they must give the key recomputed from the nodes after the moves, as the
// recount check (pages.ts pageKeyDifferences) does on a real graph (test/integration/aggregates.test.ts).
describe('pair pages across moves', () => {
  type Q = { id: string; speaker: { node: string; form: string } | null; name: string; about: { node: string; form: string }[] }
  const quotes: Q[] = [
    { id: 'art#q1', speaker: { node: 'person:clinton', form: 'person:clinton' }, name: 'Clinton', about: [{ node: 'org:fbi', form: 'org:fbi' }, { node: 'person:trump', form: 'person:trump' }] },
    { id: 'art#q2', speaker: null, name: 'aides', about: [{ node: 'person:clinton', form: 'person:clinton' }, { node: 'person:bill-clinton', form: 'person:w-j-clinton' }] },
    { id: 'art#q3', speaker: { node: 'person:trump', form: 'person:trump' }, name: 'Trump', about: [{ node: 'person:trump', form: 'person:trump' }] },
  ]
  const date = '2016-10-28'
  const keyOf = (q: Q, x: string, nodeOf: (f: { node: string; form: string }) => string) =>
    pairPage(x, q.speaker ? { id: nodeOf(q.speaker) } : { name: q.name }, date, q.id)
  const cases: [string, Move[]][] = [
    ['a speaker moves', [{ form: 'person:clinton', from: 'person:clinton', to: 'person:hillary-clinton' }]],
    ['a subject moves', [{ form: 'org:fbi', from: 'org:fbi', to: 'org:federal-bureau' }]],
    ['a quote\'s speaker and subject move (two moves)', [
      { form: 'person:clinton', from: 'person:clinton', to: 'person:hillary-clinton' },
      { form: 'org:fbi', from: 'org:fbi', to: 'org:federal-bureau' },
    ]],
    ['one form is both the speaker and a subject of a quote', [{ form: 'person:trump', from: 'person:trump', to: 'person:donald-trump' }]],
    ['an unattributed quote\'s subject moves', [{ form: 'person:w-j-clinton', from: 'person:bill-clinton', to: 'person:w-clinton' }]],
  ]
  for (const [name, moves] of cases) {
    for (const order of ['as given', 'reversed']) {
      it(`${name}, ${order}`, () => {
        const nodeOf = (f: { node: string; form: string }) => moves.find((m) => m.form === f.form && m.from === f.node)?.to ?? f.node
        // each ABOUT with its key as written, and the node of the quote's speaker and of the subject as they move
        const rels = quotes.flatMap((q) => q.about.map((x) => ({ q, x: { ...x }, s: q.speaker ? { ...q.speaker } : null, key: keyOf(q, x.node, (f) => f.node) })))
        for (const mv of order === 'as given' ? moves : [...moves].reverse()) {
          for (const r of rels) {
            // MOVE_FACTS, SAID branch: every ABOUT of the quote gets the new speaker part
            if (r.s && r.s.form === mv.form && r.s.node === mv.from) {
              for (const o of rels.filter((o) => o.q === r.q)) {
                const k = o.key.split('\u0001')
                o.key = `${k[0]}\u0001e:${mv.to}\u0001${k.at(-1)}`
              }
            }
          }
          for (const r of rels) if (r.s && r.s.form === mv.form && r.s.node === mv.from) r.s.node = mv.to
          // ABOUT branch: the new subject's id in front
          for (const r of rels) {
            if (r.x.form === mv.form && r.x.node === mv.from) {
              r.key = mv.to + r.key.slice(mv.from.length)
              r.x.node = mv.to
            }
          }
        }
        expect(rels.map((r) => r.key)).toEqual(quotes.flatMap((q) => q.about.map((x) => keyOf(q, nodeOf(x), nodeOf))))
      })
    }
  }
})
