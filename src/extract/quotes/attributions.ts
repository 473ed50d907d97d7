// The attributions of one document, put together from the quote stage's parts: quotation marks
// (./marks.ts), cues and their subjects (./cues.ts, ./phrases.ts), what introduces each direct quote
// (./direct.ts), the content of reported speech (./reported.ts), and the speakers as entities
// (./speakers.ts). A direct quote with none of its own takes the speaker of the reported statement it
// sits in (partials: X called the plan “a disaster”), of the tagged quote after it in its paragraph, or
// the running speaker: the quote or reported statement just before it, when this quote opens the next
// sentence or paragraph. Direct quotes that share a cue (“A,” he said. “B.”), continue one, or sit inside
// a reported statement form one attribution `group`, which ./statements.ts turns into one statement.
import type { Doc } from '../nlp.ts'
import type { EntityLayer } from '../entities.ts'
import type { QuoteKind } from '../types.ts'
import { AUX_OR_ADVERB } from '../lexicon/cues.ts'
import { isTitle, markQuotes, type Marked } from './marks.ts'
import {
  BE_FORMS, SENT_END, continues, cueSurface, isBreak, isCueAt, namePos, npRightFrom, participleSubject, sentenceBounds, startsStatement,
  subjectOf, type Ctx, type CueHit,
} from './cues.ts'
import { directCues, type DirectCues } from './direct.ts'
import { reportedContents } from './reported.ts'
import { resolveSpeakers } from './speakers.ts'
import { EVIDENTIAL, phraseCues } from './phrases.ts'

/** One attributed statement before it becomes a contract Quote. */
export interface Attribution {
  kind: QuoteKind
  /** content span (inside the marks for direct quotes) */
  start: number
  end: number
  /** the cue's token index, -1 when the quote has no cue of its own */
  cueToken: number
  cue: string | null
  speakerStart: number | null
  speakerEnd: number | null
  speakerId: string | null
  /** attributions with the same group are one statement: a direct quote, its continuations, and the reported statement it sits in */
  group: number
}

/**
 * The attributions of one document: direct quotes with their speakers, and reported speech.
 * `ranges` are the body's character ranges (header lines are not searched).
 */
export function findAttributions(doc: Doc, layer: EntityLayer, ranges: { start: number; end: number }[]): Attribution[] {
  const { quotes, inQuote } = markQuotes(doc, ranges)
  const ctx: Ctx = { doc, pos: namePos(doc, layer), inQuote }
  const inBody = (t: number): boolean => {
    const at = doc.start[t]
    for (const r of ranges) if (at >= r.start && at < r.end) return true
    return false
  }
  const { cues, cueAtTok } = findCues(ctx, inBody)
  const direct = directCues(ctx, quotes, cueAtTok)
  reportedContents(ctx, quotes, cues)
  const out = assemble(ctx, quotes, cues, cueAtTok, direct)
  resolveSpeakers(doc, layer, out)
  return out
}

/**
 * The cues of the body's tokens outside quotes (`inBody`), in text order: the verb cues, each with its subject,
 * also by token (`cueAtTok`: direct quotes take only these), and the colon and noun cues ("Graham: …",
 * "Sanders’s claim that …"), whose content is set already
 */
function findCues(ctx: Ctx, inBody: (t: number) => boolean): { cues: CueHit[]; cueAtTok: Map<number, CueHit> } {
  const cues: CueHit[] = []
  const cueAtTok = new Map<number, CueHit>()
  let lastHit: CueHit | null = null
  for (let i = 0; i < ctx.doc.tokens.length; i++) {
    if (ctx.inQuote[i] >= 0) continue
    const lemma = isCueAt(ctx, i)
    if (lemma === null || !inBody(i)) continue
    const hit: CueHit = { tok: i, lemma, sp: cueSubject(ctx, i, lemma, lastHit), content: null, usedByDirect: false, group: -1 }
    cues.push(hit)
    cueAtTok.set(i, hit)
    lastHit = hit
  }
  const phrases = phraseCues(ctx, inBody)
  if (phrases.length > 0) {
    cues.push(...phrases)
    cues.sort((x, y) => x.tok - y.tok)
  }
  return { cues, cueAtTok }
}

/** the speaker span of the verb cue `lemma` at token i (`lastHit` the cue before it), or null */
function cueSubject(ctx: Ctx, i: number, lemma: string, lastHit: CueHit | null): [number, number] | null {
  const { doc, pos, inQuote } = ctx
  const { tokens } = doc
  const [sa, sb] = sentenceBounds(doc, i)
  if (lemma === 'according to') {
    const sp = npRightFrom(ctx, i + 2, sb)
    // "according to sources", "according to people familiar with ...", "according to Democratic and independent analysts":
    // wink may tag the source's words otherwise (a plural noun as a verb); the source runs to the clause's end
    if (sp === null && i + 2 <= sb && inQuote[i + 2] < 0 && pos[i + 2] !== 'PUNCT') {
      let e = i + 2
      while (e < sb && e < i + 14 && inQuote[e + 1] < 0 && tokens[e + 1] !== ',' && !SENT_END.has(tokens[e + 1]) && pos[e + 1] !== 'SPACE') e++
      return [i + 2, e]
    }
    return sp
  }
  if (((tokens[i].endsWith('ing') && !BE_FORMS.has(tokens[i - 1]?.toLowerCase() ?? '')) || tokens[i - 1] === 'to') && i > sa) {
    // "..., Biden said, adding he was worried" / "Trump unleashed tweets saying ...": the main verb's subject
    const sp = participleSubject(ctx, i, sa, lastHit)
    if (sp !== null) return sp
  }
  let sp = subjectOf(ctx, i, sa)
  // "… and (also / did not) said", the coordinated verb's subject is the sentence's
  let co = i - 1
  while (co > sa && co > i - 4 && (AUX_OR_ADVERB.has(tokens[co].toLowerCase()) || pos[co] === 'ADV')) co--
  if (sp === null && co >= sa && co > 0 && (tokens[co] === 'and' || tokens[co] === 'but')) {
    // "Lehtinen welcomed the findings and said ...": the first verb's subject
    sp = participleSubject(ctx, i, sa, null)
  }
  if (sp === null && i > sa && (tokens[i - 1] === ',' || inQuote[i - 1] >= 0)) {
    // "…, said Smith." / "…,” said Smith, a ...": a name that ends the clause, not a new subject
    const np = npRightFrom(ctx, i + 1, sb)
    if (np !== null && (np[1] === sb || tokens[np[1] + 1] === ',' || SENT_END.has(tokens[np[1] + 1]) || pos[np[1] + 1] === 'ADP' || pos[np[1] + 1] === 'PROPN')) sp = np
  }
  return sp
}

/**
 * The attributions in text order: the reported statements, and the direct quotes with the speaker of their
 * own cue or phrase (`direct`), of the reported statement they sit in (partial quotes), of the tagged quote
 * after them, or the running speaker. Speakers are character spans here; resolveSpeakers makes them entities.
 */
function assemble(ctx: Ctx, quotes: Marked[], cues: CueHit[], cueAtTok: Map<number, CueHit>, direct: DirectCues): Attribution[] {
  const { doc, inQuote } = ctx
  const n = doc.tokens.length
  const { cue: quoteCue, dash: dashSpeaker, speaker: quoteSpeaker } = direct
  // partial quotes inside reported speech take its speaker; the rest inherit the running speaker
  const out: Attribution[] = []
  let groups = 0
  const speakerSpan = (hit: CueHit): [number, number] | null => (hit.sp === null ? null : [doc.start[hit.sp[0]], doc.end[hit.sp[1]]])
  for (const hit of cues) {
    if (hit.content === null) continue
    hit.group = groups++
  }
  let running: { group: number; hit: CueHit | null; sp: [number, number] | null; endTok: number } | null = null
  const directOut: Attribution[] = []
  // the reported statement each token's words belong to, for partial quotes inside reported speech
  const contentOf = new Int32Array(n).fill(-1)
  cues.forEach((h, idx) => {
    // the writer's evidential judgement gives a quote inside it no speaker: the quote keeps its own
    if (h.content === null || h.lemma === EVIDENTIAL) return
    for (let k = h.content[0]; k <= h.content[1]; k++) if (contentOf[k] < 0) contentOf[k] = idx
  })
  // a quote with no cue, followed in its paragraph by a tagged quote, belongs to that one (“A.” “B,” she said.)
  const nextTagged = (q: number): CueHit | undefined => {
    const m = quotes[q]
    if (q + 1 >= quotes.length || quoteCue[q + 1] < 0) return undefined
    const next = quotes[q + 1]
    for (let k = (m.closeTok >= 0 ? m.closeTok : m.lt) + 1; k < next.openTok; k++) {
      if (isBreak(doc, k)) return undefined
      if (inQuote[k] < 0 && doc.pos[k] !== 'PUNCT' && doc.pos[k] !== 'SPACE') return undefined
    }
    return cueAtTok.get(quoteCue[q + 1])
  }
  // reported statements in text order, for the running speaker
  const reportedHits = cues.filter((h) => h.content !== null && h.sp !== null)
  let rp = 0
  const lastReportedBefore = (tok: number): CueHit | null => {
    while (rp < reportedHits.length && reportedHits[rp].content![1] < tok) rp++
    return rp > 0 ? reportedHits[rp - 1] : null
  }
  for (let q = 0; q < quotes.length; q++) {
    const m = quotes[q]
    // a title in quotation marks (“Meet the Press”) is no quote unless a speech tag sits right beside it
    const tagged0 = quoteCue[q] >= 0 && cueAtTok.get(quoteCue[q])!.usedByDirect
    if (!tagged0 && quoteSpeaker[q] === null && dashSpeaker[q] === null && isTitle(doc, m.ft, m.lt)) continue
    const reported = lastReportedBefore(m.openTok)
    const tagged = nextTagged(q)
    let hit: CueHit | undefined = quoteCue[q] >= 0 ? cueAtTok.get(quoteCue[q]) : undefined
    const own = hit !== undefined
    if (hit === undefined && contentOf[m.ft] >= 0) hit = cues[contentOf[m.ft]]
    let group: number
    let sp: [number, number] | null = null
    let cueTok = -1
    const dash = dashSpeaker[q]
    const near = quoteSpeaker[q]
    if (hit !== undefined) {
      if (hit.group < 0) hit.group = groups++
      group = hit.group
      sp = own && near !== null ? [doc.start[near[0]], doc.end[near[1]]] : speakerSpan(hit)
      cueTok = own ? hit.tok : -1
    } else if (near !== null) {
      group = groups++
      sp = [doc.start[near[0]], doc.end[near[1]]]
    } else if (dash !== null) {
      group = groups++
      sp = [doc.start[dash[0]], doc.end[dash[1]]]
    } else if (reported !== null && (running === null || reported.content![1] > running.endTok) && continues(doc, inQuote, reported.content![1], m.openTok)) {
      // the paragraph before reported what this speaker said; the quote goes on with their words
      group = groups++
      sp = speakerSpan(reported)
      hit = reported
    } else if (running !== null && running.sp !== null && continues(doc, inQuote, running.endTok, m.openTok)) {
      // only a known speaker goes on: quotes no one is named for are each a statement of their own
      group = running.group
      sp = running.sp
      hit = running.hit ?? undefined
    } else if (tagged !== undefined) {
      hit = tagged
      if (hit.group < 0) hit.group = groups++
      group = hit.group
      sp = speakerSpan(hit)
    } else {
      if (!startsStatement(doc, m.openTok) || m.lt - m.ft < 3) continue
      group = groups++
    }
    const at: Attribution = {
      kind: 'direct', start: m.s, end: m.e, cueToken: cueTok, cue: cueTok >= 0 ? cueSurface(doc, cueTok) : null,
      speakerStart: sp === null ? null : sp[0], speakerEnd: sp === null ? null : sp[1], speakerId: null, group,
    }
    directOut.push(at)
    running = { group, hit: hit ?? null, sp, endTok: m.closeTok >= 0 ? m.closeTok : m.lt }
  }
  for (const hit of cues) {
    if (hit.content === null) continue
    const sp = speakerSpan(hit)
    out.push({
      kind: 'indirect', start: doc.start[hit.content[0]], end: doc.end[hit.content[1]], cueToken: hit.tok, cue: cueSurface(doc, hit.tok),
      speakerStart: sp === null ? null : sp[0], speakerEnd: sp === null ? null : sp[1], speakerId: null, group: hit.group,
    })
  }
  for (const d of directOut) out.push(d)
  out.sort((x, y) => x.start - y.start || (x.kind === y.kind ? 0 : x.kind === 'direct' ? 1 : -1))
  return out
}
