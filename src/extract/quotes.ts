// Quotes and their speakers: one attributed statement per thing said, direct, mixed or reported.
//
// The stages, in src/extract/quotes/:
// 1. marks.ts: quotation marks paired over the body.
// 2. cues.ts: cue verbs outside quotes and their subjects.
// 3. attributions.ts: each direct quote's speaker and each cue's reported content; parts that are
//    one statement share a group. speakers.ts resolves speaker spans to entities.
// 4. statements.ts: the parts joined into statements, none overlapping, with their kind and the
//    quoted fragments inside them; headlines.ts adds the headline's and standfirst's attributions.
// findQuotes (here) makes them contract Quotes. Every search stays within SENTENCE_REACH tokens of
// its cue, so the stage is linear in the text.
import type { Doc } from './nlp.ts'
import type { EntityLayer } from './entities.ts'
import type { Quote } from './types.ts'
import { spanSentiment } from './sentiment.ts'
import { findAttributions } from './quotes/attributions.ts'
import { tokenAtOrAfter } from './quotes/marks.ts'
import { firstAtOrAfter, indexSpans } from './quotes/speakers.ts'
import { assembleStatements, type Part } from './quotes/statements.ts'
import { headlineParts } from './quotes/headlines.ts'

export { findAttributions, type Attribution } from './quotes/attributions.ts'

/** the evidence sentence is cut to this many characters either side of the quote */
const SENTENCE_CONTEXT_CHARS = 600

// ---------------------------------------------------------------- the contract

/**
 * The statements of one article as contract Quotes, in text order, with ids `${articleId}#q<n>`:
 * findAttributions' parts joined into statements (./quotes/statements.ts), none overlapping.
 */
export function findQuotes(doc: Doc, layer: EntityLayer, ranges: { start: number; end: number }[], articleId: string, heads: { start: number; end: number }[] = []): Quote[] {
  const parts: Part[] = findAttributions(doc, layer, ranges)
  const headParts = headlineParts(doc.text, heads, layer)
  const statements = assembleStatements(doc.text, headParts.length === 0 ? parts : [...headParts, ...parts])
  const ix = indexSpans(layer)
  return statements.map((st, n) => {
    const a = st.lead
    const text = doc.text.slice(st.start, st.end)
    const head = heads.find((h) => st.start >= h.start && st.end <= h.end)
    const sentence = head !== undefined ? { text: doc.text.slice(head.start, head.end), start: head.start, end: head.end } : sentenceAround(doc, st.start, st.end)
    const about = new Set<string>()
    if (head !== undefined) {
      // the header lies outside the entity layer's spans: entities named in the line by a name the body uses
      for (const e of layer.entities) if (e.id !== a.speakerId && e.mentions.some((m) => (m.kind === 'name' || m.kind === 'demonym') && namedIn(text, m.text))) about.add(e.id)
    }
    // the words said: a direct statement's quoted parts (what lies between them is marks and the cue tag, "," Ms Roe
    // told parliament. ""), any other statement's whole extent (its reported words are what was said)
    const said: [number, number][] = st.kind === 'direct' && st.fragments.length > 1 ? st.fragments : [[st.start, st.end]]
    // the entities named in its sentence; its speaker only where named within the words said (the header's loop above leaves the speaker out)
    for (let k = firstAtOrAfter(ix, sentence.start); k < ix.starts.length && ix.starts[k] < sentence.end; k++) {
      if (ix.ids[k] !== a.speakerId || saidIn(said, ix.starts[k], ix.ends[k])) about.add(ix.ids[k])
    }
    const speakerName = a.speakerId !== null ? layer.byId.get(a.speakerId)?.name ?? null : a.speakerStart !== null && a.speakerEnd !== null ? doc.text.slice(a.speakerStart, a.speakerEnd) : null
    return {
      id: `${articleId}#q${n + 1}`,
      text,
      start: st.start,
      end: st.end,
      kind: st.kind,
      fragments: st.fragments.map(([s, e]) => ({ start: s, end: e, text: doc.text.slice(s, e) })),
      cue: a.cue,
      speakerId: a.speakerId,
      speakerName,
      speakerStart: a.speakerStart,
      speakerEnd: a.speakerEnd,
      aboutIds: [...about],
      sentiment: spanSentiment(doc, st.start, st.end),
      sentence,
    }
  })
}

/** Is `name` in `text` as whole words? */
function namedIn(text: string, name: string): boolean {
  const i = text.indexOf(name)
  if (i < 0) return false
  const before = i === 0 ? ' ' : text[i - 1], after = text[i + name.length] ?? ' '
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)
}

/** Does the span [start, end) lie within one of the spans `said`? */
function saidIn(said: [number, number][], start: number, end: number): boolean {
  return said.some(([s, e]) => start >= s && end <= e)
}

function sentenceAround(doc: Doc, start: number, end: number): { text: string; start: number; end: number } {
  if (doc.tokens.length === 0) return { text: doc.text.slice(start, end), start, end }
  const a = doc.sentences[doc.sentenceOf[Math.min(doc.tokens.length - 1, tokenAtOrAfter(doc, start))]]
  const b = doc.sentences[doc.sentenceOf[Math.max(0, tokenAtOrAfter(doc, end) - 1)]]
  const s = Math.min(Math.max(a.start, start - SENTENCE_CONTEXT_CHARS), start)
  const e = Math.max(Math.min(b.end, end + SENTENCE_CONTEXT_CHARS), end)
  return { text: doc.text.slice(s, e), start: s, end: e }
}
