// Statement assembly: the attributed parts the earlier stages found (direct quotes, reported
// content) become statements, one per thing a speaker said, as PolNeAR annotates attribution.
//
// 1. Parts with the same `group` (a direct quote, the quotes continuing it, the reported statement
//    it sits in) are one statement, in text order, until a part of another statement lies between
//    them: then the group goes on as a new statement.
// 2. No two statements overlap. One inside another with the same speaker, or one with no quoted
//    words of its own inside another (the "adding …" clause inside "X said …, adding …"), joins
//    the outer one, its quoted words becoming fragments of it. A statement that runs into the next
//    ends where the next begins.
// 3. The kind: DIRECT when the statement is all quoted words (its text outside the fragments is
//    punctuation, marks and the cue tag between parts), MIXED when reported words hold quoted
//    fragments, INDIRECT when nothing is quoted.
import type { QuoteKind } from '../types.ts'
import type { Attribution } from './attributions.ts'

/** One attributed part, as the quote stage finds it (attributions.ts). */
export type Part = Attribution

/** One statement: its extent, the quoted spans inside it, and the part that carries its cue and speaker. */
export interface Statement<P extends Part = Part> {
  kind: QuoteKind
  start: number
  end: number
  /** the quoted spans inside it, in text order, not overlapping */
  fragments: [number, number][]
  /** all its parts, in text order */
  parts: P[]
  /** the part whose cue and speaker the statement takes */
  lead: P
}

interface Open<P extends Part> {
  group: number
  start: number
  end: number
  parts: P[]
  /** the part giving cue and speaker, kept when nested statements join this one */
  lead?: P
}

/** Joins parts (sorted by start) into statements, none overlapping, in text order. */
export function assembleStatements<P extends Part>(text: string, parts: P[]): Statement<P>[] {
  const sorted = [...parts].sort((x, y) => x.start - y.start || (x.kind === y.kind ? 0 : x.kind === 'direct' ? 1 : -1))
  // 1. group runs: a group's statement stays open until a part of another statement begins after its end
  const done: Open<P>[] = []
  const open = new Map<number, Open<P>>()
  for (const p of sorted) {
    for (const [g, o] of open) {
      if (g !== p.group && o.end <= p.start) {
        done.push(o)
        open.delete(g)
      }
    }
    const o = open.get(p.group)
    if (o !== undefined && p.group >= 0) {
      o.parts.push(p)
      if (p.end > o.end) o.end = p.end
    } else {
      if (o !== undefined) {
        done.push(o)
        open.delete(p.group)
      }
      open.set(p.group, { group: p.group, start: p.start, end: p.end, parts: [p] })
    }
  }
  for (const o of open.values()) done.push(o)
  done.sort((x, y) => x.start - y.start || y.end - x.end)

  // 2. no overlaps: nested statements join the outer one or end it, a statement running into the next ends there
  const kept: Open<P>[] = []
  for (const s of done) {
    const prev = kept.length > 0 ? kept[kept.length - 1] : undefined
    if (prev === undefined || s.start >= prev.end) {
      kept.push(s)
      continue
    }
    if (s.end <= prev.end) {
      // nested
      const sp = leadOf(s.parts), pp = leadOf(prev.parts)
      const sameSpeaker = sp.speakerId !== null ? sp.speakerId === pp.speakerId : sp.speakerStart === pp.speakerStart
      const quoted = s.parts.some((p) => p.kind === 'direct')
      if (sameSpeaker || !quoted || prev.parts.some((p) => p.kind === 'direct')) {
        prev.lead ??= leadOf(prev.parts)
        prev.parts.push(...s.parts)
        prev.parts.sort((x, y) => x.start - y.start)
        continue
      }
      // another speaker's quoted words inside reported speech ("X said that Y called it “…”"): the outer ends before them
      prev.end = trimEnd(text, prev.start, s.start)
      prev.parts = prev.parts.filter((p) => p.start < prev.end)
      if (prev.end - prev.start < MIN_STATEMENT_CHARS || prev.parts.length === 0) kept.pop()
      kept.push(s)
      continue
    }
    // overlapping: the earlier one ends where this one begins
    prev.end = trimEnd(text, prev.start, s.start)
    prev.parts = prev.parts.filter((p) => p.start < prev.end)
    if (prev.end - prev.start < MIN_STATEMENT_CHARS || prev.parts.length === 0) kept.pop()
    kept.push(s)
  }

  // 3. fragments and kind
  const out: Statement<P>[] = []
  for (const s of kept) {
    const fragments: [number, number][] = []
    for (const p of s.parts) {
      if (p.kind !== 'direct') continue
      const a = p.start, b = Math.min(p.end, s.end)
      if (b <= a) continue
      const last = fragments.length > 0 ? fragments[fragments.length - 1] : undefined
      if (last !== undefined && a < last[1]) last[1] = Math.max(last[1], b)
      else fragments.push([a, b])
    }
    const allDirect = s.parts.every((p) => p.kind === 'direct')
    let kind: QuoteKind = fragments.length === 0 ? 'indirect' : 'mixed'
    let start = s.start, end = s.end
    if (fragments.length > 0 && (allDirect || onlyMarksOutside(text, s.start, s.end, fragments))) {
      kind = 'direct'
      start = fragments[0][0]
      end = fragments[fragments.length - 1][1]
    }
    out.push({ kind, start, end, fragments, parts: s.parts, lead: s.lead ?? leadOf(s.parts) })
  }
  return out
}

/** a statement shorter than this (characters) after trimming is dropped */
const MIN_STATEMENT_CHARS = 12

/** The part a statement takes its cue and speaker from: one with a cue and a resolved speaker, else a speaker span, else the first. */
function leadOf<P extends Part>(parts: P[]): P {
  return (
    parts.find((p) => p.cueToken >= 0 && p.speakerId !== null) ??
    parts.find((p) => p.speakerId !== null) ??
    parts.find((p) => p.speakerStart !== null) ??
    parts[0]
  )
}

const TRAILING = /[\s,;:—–\-“”"‘’'(]+$/

/** the end of text[a, b) with trailing spaces, commas, dashes and opening marks cut */
function trimEnd(text: string, a: number, b: number): number {
  const cut = text.slice(a, b).replace(TRAILING, '')
  return a + cut.length
}

/**
 * Is text[a, b) outside the fragments only punctuation, quotation marks, and cue tags between
 * fragments ("A," he said. "B.")? Then the statement is all quoted words.
 */
function onlyMarksOutside(text: string, a: number, b: number, fragments: [number, number][]): boolean {
  const gaps: [number, number][] = []
  let cursor = a
  for (const [s, e] of fragments) {
    gaps.push([cursor, s])
    cursor = e
  }
  gaps.push([cursor, b])
  const [head, ...rest] = gaps
  const tail = rest.pop() ?? [b, b]
  return !/[\p{L}\p{N}]/u.test(text.slice(head[0], head[1])) && !/[\p{L}\p{N}]/u.test(text.slice(tail[0], tail[1])) && rest.every(([s, e]) => e - s < 80)
}
