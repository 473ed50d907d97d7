// Stage 3 of the quote stage: speaker spans -> entities of the layer. A name by the entity spans
// inside it (a person wins: "Pentagon press secretary Pat Ryder" is Pat Ryder); he/she to the last
// person who spoke nearby, else the last person named first in a sentence; it/they to the last
// organisation or country. Resolved pronouns are added to the entity's mentions.
import type { Doc } from '../nlp.ts'
import type { EntityLayer } from '../entities.ts'
import type { Entity, Mention } from '../types.ts'
import { GROUP_PRONOUNS, PERSON_PRONOUNS } from '../lexicon/cues.ts'
import { firstAtLeast, tokenAtOrAfter } from './marks.ts'
import type { Part } from './statements.ts'


const OWNER_AS_SUBJECT: ReadonlyMap<string, string> = new Map([['his', 'he'], ['His', 'He'], ['its', 'it'], ['Its', 'It'], ['their', 'they'], ['Their', 'They']])

export interface SpanIndex {
  starts: number[]
  ends: number[]
  ids: string[]
}

export function indexSpans(layer: EntityLayer): SpanIndex {
  const spans = [...layer.spans].sort((a, b) => a.start - b.start)
  return { starts: spans.map((s) => s.start), ends: spans.map((s) => s.end), ids: spans.map((s) => s.entityId) }
}

/** index of the first span with start >= pos */
export function firstAtOrAfter(ix: SpanIndex, pos: number): number {
  return firstAtLeast(ix.starts, pos)
}

export function resolveSpeakers(doc: Doc, layer: EntityLayer, atts: Part[]): void {
  const ix = indexSpans(layer)
  const typeOf = (id: string): string | undefined => layer.byId.get(id)?.type
  const pending = new Map<Entity, Mention[]>()
  const gender = genders(doc, layer)
  // the last person who spoke, and where: "he" after a statement of theirs is them
  let lastSpeaker = null as { id: string; end: number } | null
  for (const a of atts) {
    if (a.speakerStart === null || a.speakerEnd === null) continue
    const s = a.speakerStart, e = a.speakerEnd
    const said = doc.text.slice(s, e)
    // an owner of a noun cue ("his claim that") points where its subject form would
    const word = OWNER_AS_SUBJECT.get(said) ?? said
    if (PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word)) {
      const person = PERSON_PRONOUNS.has(word)
      const want = person ? (word === 'he' || word === 'He' || word === 'him' ? 'm' : 'f') : null
      const fits = (id: string): boolean => want === null || gender.get(id) === undefined || gender.get(id) === want
      // the last speaker, unless a person who opens a later sentence came between ("Strandell played it down. She said ...")
      const named = resolvePronoun(doc, ix, typeOf, s, person, fits)
      const recent: { id: string; end: number } | null = person && lastSpeaker !== null && s - lastSpeaker.end < RECENT_SPEAKER_CHARS && fits(lastSpeaker.id) ? lastSpeaker : null
      a.speakerId = recent !== null && (named === null || named.at < recent.end) ? recent.id : named?.id ?? null
      const entity = a.speakerId === null ? undefined : layer.byId.get(a.speakerId)
      if (entity !== undefined) {
        if (want !== null && !gender.has(entity.id)) gender.set(entity.id, want)
        const list = pending.get(entity)
        const mention: Mention = { start: s, end: e, text: said, kind: 'pronoun' }
        if (list === undefined) pending.set(entity, [mention])
        else list.push(mention)
      }
    } else {
      a.speakerId = speakerEntity(doc.text, ix, typeOf, s, e)
    }
    if (a.speakerId !== null && typeOf(a.speakerId) === 'Person') lastSpeaker = { id: a.speakerId, end: e }
  }
  addPronounMentions(pending)
}

/**
 * The entity a speaker phrase names: a person wins over the organisation they speak for; in an
 * apposition ("Magnus Ekholm, Nordvatten Kraft’s chief executive", "the mayor, Juhani Kivelä") the
 * first part naming a person; within a part the rightmost name ("Pentagon press secretary Pat
 * Ryder"); a possessor ("Nordvatten Kraft’s") is the employer, not the speaker.
 */
export function speakerEntity(text: string, ix: SpanIndex, typeOf: (id: string) => string | undefined, s: number, e: number): string | null {
  let best: string | null = null
  let person: string | null = null
  let personPart = -1
  let part = 0
  let cursor = s
  for (let k = firstAtOrAfter(ix, s); k < ix.starts.length && ix.starts[k] < e; k++) {
    if (ix.ends[k] > e) break
    part += countCommas(text, cursor, ix.starts[k])
    cursor = ix.starts[k]
    const possessor = /^\s*['’]s?\b/.test(text.slice(ix.ends[k], ix.ends[k] + 3))
    const id = ix.ids[k]
    if (!possessor || best === null) best = id
    if (typeOf(id) === 'Person' && !possessor && (personPart < 0 || personPart === part)) {
      person = id
      personPart = part
    }
  }
  return person ?? best
}

export function countCommas(text: string, a: number, b: number): number {
  let n = 0
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === 0x2c) n++
  return n
}

/** Gender of people where the text says it: an honorific right before a mention ("Ms Lehtinen", "Mr. Ekholm"). */
export function genders(doc: Doc, layer: EntityLayer): Map<string, 'm' | 'f'> {
  const out = new Map<string, 'm' | 'f'>()
  for (const sp of layer.spans) {
    if (layer.byId.get(sp.entityId)?.type !== 'Person' || out.has(sp.entityId)) continue
    // an honorific ends in "r", "s" or "." and a space right before the name: most spans have none
    const c = doc.text.charCodeAt(sp.start - 2)
    if (doc.text.charCodeAt(sp.start - 1) !== 32 || (c !== 0x72 && c !== 0x73 && c !== 0x2e)) continue
    const before = doc.text.slice(Math.max(0, sp.start - 6), sp.start)
    if (/\bMr\.? $/.test(before)) out.set(sp.entityId, 'm')
    else if (/\b(Ms|Mrs|Miss)\.? $/.test(before)) out.set(sp.entityId, 'f')
  }
  return out
}

/** how far back (characters) the last speaker can be what "he said" points at */
export const RECENT_SPEAKER_CHARS = 700

export function resolvePronoun(doc: Doc, ix: SpanIndex, typeOf: (id: string) => string | undefined, at: number, person: boolean, fits: (id: string) => boolean): { id: string; at: number } | null {
  let k = firstAtOrAfter(ix, at) - 1
  let fallback: { id: string; at: number } | null = null
  for (let seen = 0; k >= 0 && seen < 80; k--, seen++) {
    const id = ix.ids[k]
    const type = typeOf(id)
    if (person ? type !== 'Person' : type !== 'Organisation' && type !== 'Country') continue
    if (!person) return { id, at: ix.starts[k] }
    if (!fits(id)) continue
    if (fallback === null) fallback = { id, at: ix.starts[k] }
    // prefer a person who opens a sentence (a subject) over one named in passing
    if (isFirstPersonOfSentence(doc, ix, typeOf, k)) return { id, at: ix.starts[k] }
  }
  return fallback
}

export function isFirstPersonOfSentence(doc: Doc, ix: SpanIndex, typeOf: (id: string) => string | undefined, k: number): boolean {
  const t = tokenAtOrAfterStart(doc, ix.starts[k])
  const sent = doc.sentences[doc.sentenceOf[t]]
  for (let j = k - 1; j >= 0 && j > k - 40 && ix.starts[j] >= sent.start; j--) if (typeOf(ix.ids[j]) === 'Person') return false
  return true
}

export function tokenAtOrAfterStart(doc: Doc, pos: number): number {
  return Math.min(doc.tokens.length - 1, tokenAtOrAfter(doc, pos))
}

/** Adds pronoun mentions to their entities, once per span, keeping each entity's mentions sorted by start. */
export function addPronounMentions(pending: Map<Entity, Mention[]>): void {
  for (const [entity, added] of pending) {
    const seen = new Set(entity.mentions.map((m) => `${m.start}:${m.end}`))
    let grew = false
    for (const m of added) {
      const key = `${m.start}:${m.end}`
      if (seen.has(key)) continue
      seen.add(key)
      entity.mentions.push(m)
      grew = true
    }
    if (grew) entity.mentions.sort((a, b) => a.start - b.start || a.end - b.end)
  }
}
