// Who introduces each direct quote: the cue or the speaker phrase right beside it, tried in order of
// strength (./attributions.ts puts them together with the reported statements):
//   (a) right after it: “…,” he said / said X / “…” ― Name / “…,” Hannity pressed (a tag after a
//       quote that ends its sentence with a full stop is the next sentence's, not this quote's);
//   (b) right before it: X said: “…” / X told reporters, “…” / X said via email that “…”;
//   (b') a name and a colon: "Republican pollster Daron Shaw: “…”";
//   (c) the first cue earlier in its sentence: the quote is part of reported speech (X called the plan “a disaster”).
// Each part is a function of its own: V8 optimises (and, when its assumptions fail, re-optimises) a
// function at a time, and one function of every part was the extraction's largest compile.
import { AUX_OR_ADVERB, OBJECT_TAKING, SPEECH_LEMMAS } from '../lexicon/cues.ts'
import { DASHES, lastNonSpace, type Marked } from './marks.ts'
import { POSSESSIVE, RELATIVE, SENT_END, isBreak, isSpeakerWord, npLeftFrom, npRightFrom, objectBetween, sentenceBounds, type Ctx, type CueHit } from './cues.ts'

/** What introduces each direct quote, by the quote's index. */
export interface DirectCues {
  /** the token of the quote's own cue (a key of the cue map), -1 for none */
  cue: Int32Array
  /** the speaker after a dash (“…” ― Name) */
  dash: ([number, number] | null)[]
  /** the speaker phrase found beside the quote itself, when it differs from the cue's subject */
  speaker: ([number, number] | null)[]
}

/** The cue or speaker of each of `quotes`, from the verb cues by token (`cueAtTok`); marks the cues that introduce a quote `usedByDirect`. */
export function directCues(ctx: Ctx, quotes: Marked[], cueAtTok: Map<number, CueHit>): DirectCues {
  const d: DirectCues = {
    cue: new Int32Array(quotes.length).fill(-1),
    dash: new Array<[number, number] | null>(quotes.length).fill(null),
    speaker: new Array<[number, number] | null>(quotes.length).fill(null),
  }
  for (let q = 0; q < quotes.length; q++) {
    if (tagAfter(ctx, quotes[q], q, cueAtTok, d)) continue
    if (d.cue[q] >= 0) continue
    cueBefore(ctx, quotes[q], q, cueAtTok, d)
    if (d.cue[q] >= 0) continue
    if (nameColon(ctx, quotes[q], q, d)) continue
    sentenceCue(ctx, quotes[q], q, cueAtTok, d)
  }
  return d
}

/** (a): a tag right after quote `m` (index q); true when a dash names its speaker, which settles the quote */
function tagAfter(ctx: Ctx, m: Marked, q: number, cueAtTok: Map<number, CueHit>, d: DirectCues): boolean {
  const { doc, pos, inQuote } = ctx
  const { text, tokens } = doc
  const n = tokens.length
  const after = m.closeTok >= 0 ? m.closeTok + 1 : -1
  if (after <= 0 || after >= n) return false
  let k = after
  const ender = lastNonSpace(text, m.open, m.close - 1)
  if (DASHES.has(tokens[k]) && pos[k + 1] === 'PROPN') {
    const np = npRightFrom(ctx, k + 1, Math.min(n - 1, k + 8))
    if (np !== null) {
      d.dash[q] = np
      return true
    }
  }
  const commaAfter = tokens[k] === ',' || DASHES.has(tokens[k])
  if (commaAfter) k++
  // a quote that ends its sentence with a full stop is not tagged afterwards: the next sentence is someone else's
  const taggable = commaAfter || ender === 0x2c || ender === 0x3f || ender === 0x21 || ender === 0x2014 || ender === 0x2d
  let paren = 0
  for (let j = k, steps = 0; j < n && steps < 16; j++, steps++) {
    if (tokens[j] === '(') paren++
    else if (tokens[j] === ')') paren--
    if (inQuote[j] >= 0 || isBreak(doc, j) || (paren <= 0 && SENT_END.has(tokens[j]))) break
    const hit = cueAtTok.get(j)
    if (hit !== undefined) {
      if (j === k) {
        // “…,” said X
        const np = npRightFrom(ctx, j + 1, Math.min(n - 1, j + 12))
        if (np !== null) d.speaker[q] = np
        else if (hit.sp === null) break
      } else {
        if (!taggable) break
        // “…,” Sen. Claire McCaskill (D-Mo.) said / “…,” a narrator in the Clinton ad asks: the words between are the speaker
        let e = j - 1
        while (e > k && (AUX_OR_ADVERB.has(tokens[e].toLowerCase()) || pos[e] === 'ADV' || tokens[e] === ',')) e--
        // "Dr Grace Okafor, the commission’s director-general," / "Mr Alatalo, 71,": some name or noun must be there
        let named = false
        for (let t = k; t <= e && !named; t++) named = pos[t] === 'PROPN' || pos[t] === 'NOUN' || pos[t] === 'PRON'
        if (!named) break
        let k0 = k
        while (k0 < e && (pos[k0] === 'CCONJ' || pos[k0] === 'ADV')) k0++
        d.speaker[q] = [k0, e]
      }
      d.cue[q] = j
      hit.usedByDirect = true
      break
    }
    if (pos[j] === 'VERB' && !(tokens[j - 1] === '-' || tokens[j + 1] === '-')) {
      if (!taggable) break
      // “This is fantastic!” beamed Donald Hartley / “…,” Hannity pressed: a verb outside the lexicon right beside a name
      if (j === k && pos[k + 1] === 'PROPN') {
        const np = npRightFrom(ctx, k + 1, Math.min(n - 1, k + 10))
        if (np !== null) { d.speaker[q] = np; break }
      }
      if (j > k && isSpeakerWord(ctx, k, j - 1) && (SENT_END.has(tokens[j + 1] ?? '.') || tokens[j + 1] === ',' || pos[j + 1] === 'ADP' || pos[j + 1] === 'PROPN')) {
        d.speaker[q] = [k, j - 1]
        break
      }
      // “…,” Scott Pruitt, the attorney general of one of the states suing, said: keep the name before the comma
      if (pos[k] === 'PROPN') {
        const np = npRightFrom(ctx, k, j)
        if (np !== null && tokens[np[1] + 1] === ',' && sentenceHasCue(ctx, j, cueAtTok)) d.speaker[q] = np
      }
      break
    }
  }
  return false
}

/** does j's sentence hold a cue from j on? */
function sentenceHasCue(ctx: Ctx, j: number, cueAtTok: Map<number, CueHit>): boolean {
  const [, sb] = sentenceBounds(ctx.doc, j)
  for (let k = j; k <= sb; k++) if (cueAtTok.has(k)) return true
  return false
}

/** (b): a cue right before quote `m` (index q) */
function cueBefore(ctx: Ctx, m: Marked, q: number, cueAtTok: Map<number, CueHit>, d: DirectCues): void {
  const { doc, pos, inQuote } = ctx
  const { tokens } = doc
  let k = m.openTok - 1
  while (k >= 0 && (tokens[k] === ':' || tokens[k] === ',' || tokens[k] === 'that' || pos[k] === 'SPACE') && !(pos[k] === 'SPACE' && tokens[k].includes('\n\n'))) {
    if (pos[k] === 'SPACE' && tokens[k].includes('\n') && tokens[k + 1] !== undefined && k + 1 < m.openTok && tokens[k - 1] !== ':') break
    k--
  }
  for (let j = k, steps = 0; j >= 0 && steps < 8; j--, steps++) {
    if (inQuote[j] >= 0 || SENT_END.has(tokens[j]) || (isBreak(doc, j) && tokens[j + 1] !== undefined && j !== k)) break
    const hit = cueAtTok.get(j)
    if (hit !== undefined && hit.sp !== null) {
      // "…, saying anybody who complains about a microphone “…”": the relative clause is not the speaker
      if (hit.sp[0] === hit.sp[1] && RELATIVE.has(tokens[hit.sp[0]].toLowerCase())) break
      // "Ahlgren said the company expected “a robust debate”": the cue sits inside an earlier
      // statement of its sentence, whose speaker the quote belongs to
      if (outerCue(ctx, j, cueAtTok) >= 0) break
      d.cue[q] = j
      // "X called the plan “a disaster”": an object between cue and quote makes it reported speech
      // quoting a few words; "X told reporters: “…”" and "X said in a statement, “…”" introduce the quote
      if (OBJECT_TAKING.has(hit.lemma) || !objectBetween(pos, j + 1, m.openTok)) hit.usedByDirect = true
      break
    }
    if (pos[j] === 'VERB' || pos[j] === 'AUX') break
  }
}

/** an earlier speech cue of j's sentence, "X said ...", with no quote between: -1 if none */
function outerCue(ctx: Ctx, j: number, cueAtTok: Map<number, CueHit>): number {
  const [sa] = sentenceBounds(ctx.doc, j)
  for (let k = sa; k < j; k++) {
    if (ctx.inQuote[k] >= 0) return -1
    const h = cueAtTok.get(k)
    if (h !== undefined && h.sp !== null && h.sp[1] < k && !h.usedByDirect && SPEECH_LEMMAS.has(h.lemma)) return k
  }
  return -1
}

/** (b'): a name and a colon right before quote `m` (index q); true when found */
function nameColon(ctx: Ctx, m: Marked, q: number, d: DirectCues): boolean {
  const { doc, pos, inQuote } = ctx
  const { tokens } = doc
  let c = m.openTok - 1
  while (c >= 0 && pos[c] === 'SPACE' && !isBreak(doc, c)) c--
  if (c > 0 && tokens[c] === ':' && inQuote[c - 1] < 0 && (pos[c - 1] === 'PROPN' || POSSESSIVE.has(tokens[c - 1]))) {
    const a0 = npLeftFrom(ctx, POSSESSIVE.has(tokens[c - 1]) ? c - 2 : c - 1, Math.max(0, c - 10))
    if (a0 >= 0) {
      d.speaker[q] = [a0, c - 1]
      return true
    }
  }
  return false
}

/**
 * (c): the first cue with a subject earlier in quote `m`'s sentence (index q): the quote is part of reported
 * speech, and the sentence's first cue the outer one (Trump said that Clinton once described it as “…”)
 */
function sentenceCue(ctx: Ctx, m: Marked, q: number, cueAtTok: Map<number, CueHit>, d: DirectCues): void {
  const [sa] = sentenceBounds(ctx.doc, m.openTok)
  for (let j = Math.max(sa, m.openTok - 60); j < m.openTok; j++) {
    if (ctx.inQuote[j] >= 0) continue
    const hit = cueAtTok.get(j)
    if (hit !== undefined && hit.sp !== null) {
      d.cue[q] = j
      break
    }
  }
}
