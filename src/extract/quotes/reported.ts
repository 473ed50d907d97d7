// Reported speech: the content of each cue that does not introduce a direct quote (./direct.ts), then
// where each content ends beside the others of its sentence (./attributions.ts puts them together).
// Speech cues get the clause after the cue (past "told reporters" and "that"), or the sentence before it
// in "…, the Pentagon said"; "according to X" either way; beliefs and intentions ("X wants to ...") and
// stances on an object ("X endorsed Clinton") too.
import { DOCUMENT_NOUNS, GROUP_PRONOUNS, INTENT_LEMMAS, OBJECT_LEMMAS, OBJECT_TAKING, PERSON_PRONOUNS, SPEECH_LEMMAS, THOUGHT_LEMMAS, TOPIC_LEMMAS } from '../lexicon/cues.ts'
import type { Marked } from './marks.ts'
import { CLAUSE_OPENERS, LONG_CONTENT_TOKENS, MAX_CONTENT_TOKENS, SENT_END, hasVerb, npRightFrom, sentenceBounds, type Ctx, type CueHit } from './cues.ts'

/** Sets the content of every cue of `cues` (in text order) that reports speech, and ends each where the statements beside it begin. */
export function reportedContents(ctx: Ctx, quotes: Marked[], cues: CueHit[]): void {
  for (const hit of cues) {
    if (hit.usedByDirect || hit.sp === null || hit.preset === true) continue
    reportedContent(ctx, quotes, hit, hit.sp)
  }
  endBeforeNextStatement(ctx, cues)
  endBeforeRepeatedCue(ctx, cues)
  for (const h of cues) if (h.content !== null && h.content[1] - h.content[0] > MAX_CONTENT_TOKENS) h.content[1] = h.content[0] + MAX_CONTENT_TOKENS
  endBeforeOuterTag(ctx, cues)
}

/** the content of one cue `hit` with its speaker `sp`, if it reports any */
function reportedContent(ctx: Ctx, quotes: Marked[], hit: CueHit, sp: [number, number]): void {
  const { doc, pos, inQuote } = ctx
  const { tokens } = doc
  const i = hit.tok
  const [sa, sb] = sentenceBounds(doc, i)
  let last = sb
  while (last > i && (SENT_END.has(tokens[last]) || pos[last] === 'SPACE' || (pos[last] === 'PUNCT' && inQuote[last] < 0))) last--
  if (hit.lemma === 'according to') {
    hit.content = accordingTo(ctx, i, sp[1], sa, last)
    return
  }
  const after = sp[0] > i ? sp[1] + 1 : i + 1
  let c = after
  // step over the reporter's object ("told reporters", "told CNN's Jake Tapper") and short phrases before "that"
  if (OBJECT_TAKING.has(hit.lemma)) {
    const np = npRightFrom(ctx, c, last)
    if (np !== null) c = np[1] + 1
  }
  for (let k = c; k <= Math.min(last, c + 8); k++) {
    if (tokens[k] === 'that' && pos[k] !== 'DET' && inQuote[k] < 0) { c = k; break }
    if (pos[k] === 'VERB' || pos[k] === 'AUX' || inQuote[k] >= 0) break
  }
  const opener = c
  while (c <= last && CLAUSE_OPENERS.has(tokens[c]) && inQuote[c] < 0) c++
  const forward = last - c + 1
  const isThought = THOUGHT_LEMMAS.has(hit.lemma)
  const subjectBefore = sp[1] < i
  const personSubject = subjectBefore && !(pos[sp[1]] === 'PRON' && !PERSON_PRONOUNS.has(tokens[sp[1]]) && !GROUP_PRONOUNS.has(tokens[sp[1]]))
  const topic = TOPIC_LEMMAS.get(hit.lemma)
  if (topic !== undefined) {
    // "X talked about continuing the progress", "as Y spoke about how the consulate was taken", "Trump has
    // not responded to Calderon's remarks": what it was about, or what answered
    let k = i + 1
    while (k < last && pos[k] === 'ADV' && inQuote[k] < 0) k++
    if (personSubject && tokens[k] === topic && k + 1 <= last && inQuote[k + 1] < 0) {
      const e = objectEnd(ctx, k + 1, last)
      if (e - (k + 1) < 40) hit.content = [k + 1, e]
      return
    }
    // "responded that ...": reported speech as any speech verb's
    if (!SPEECH_LEMMAS.has(hit.lemma)) return
  }
  if (OBJECT_LEMMAS.has(hit.lemma)) {
    // "X endorsed Clinton" / "X opposes the deal, saying ...": the object, up to the clause's end
    if (!personSubject) return
    const e = objectEnd(ctx, c, last)
    if (c <= e && e - c < 30 && OBJECT_POS.has(pos[c])) hit.content = [c, e]
    return
  }
  if ((hit.lemma === 'show' || hit.lemma === 'find') && subjectBefore && DOCUMENT_NOUNS.has(tokens[sp[1]].toLowerCase()) && tokens[c] !== 'that' && !hasVerb(doc, c, last)) {
    // "polls show Clinton with a narrow edge", "the survey finds Trump up four points": what a document shows
    const e = objectEnd(ctx, c, last)
    if (c <= e && e - c < 40 && OBJECT_POS.has(pos[c])) hit.content = [c, e]
    return
  }
  // a short clause needs its verb: "said it would stay", not "said Tuesday"
  if (forward >= (INTENT_LEMMAS.has(hit.lemma) ? 2 : 4 - (forward >= 2 && hasVerb(doc, c + 1, last) ? 2 : 0)) && !(subjectBefore && i + 1 <= last && tokens[i + 1] === ',')) {
    if (INTENT_LEMMAS.has(hit.lemma) && !(tokens[c] === 'to' || tokens[c] === 'that' || pos[c] === 'PRON' || pos[c] === 'PROPN' || pos[c] === 'NOUN' || pos[c] === 'DET')) return
    if (isThought && !INTENT_LEMMAS.has(hit.lemma) && tokens[c] !== 'that' && !hasVerb(doc, c, last)) return
    if (!isThought && !SPEECH_LEMMAS.has(hit.lemma)) return
    // verbs that report speech only with a clause ("continued their search", "responded by settling",
    // "read some of their files", "tweeted on Friday" report nothing): a "that", or a subject and a verb
    if (CLAUSE_ONLY_LEMMAS.has(hit.lemma) && tokens[opener] !== 'that' && !(CLAUSE_SUBJECT_POS.has(pos[c]) && hasVerb(doc, c + 1, last))) return
    hit.content = [c, subordinateEnd(ctx, sa, sp[0], c, last)]
    return
  }
  // inverted: "…, the Pentagon said on Tuesday." / "…, said Smith."
  const spStart = Math.min(sp[0], i)
  let comma = spStart - 1
  while (comma > sa && pos[comma] === 'SPACE') comma--
  // the tag may close with a comma and the sentence go on: "…, Sanders said, a policy that …"
  const tagEnd = (sp[0] > i ? sp[1] : i) + 1
  const tagClosed = tokens[tagEnd] === ','
  // beliefs and findings tag a sentence too: "…, a study by the council found."
  const tags = SPEECH_LEMMAS.has(hit.lemma) ? forward <= 8 || tagClosed : isThought && !INTENT_LEMMAS.has(hit.lemma) && (forward <= 3 || tagClosed)
  if (comma > sa && tokens[comma] === ',' && tags && tagClosed && last - tagEnd >= 2 && inQuote[tagEnd + 1] < 0 && parenthetical(ctx, sa, comma)) {
    // "Mr. Obama, officials said, has become ..." / "As Election Day nears, Stone says, the number ...":
    // a tag inside its sentence reports both sides of it
    hit.content = [sa, last]
    return
  }
  // "While A said B, the figures showed C": the comma closes a subordinate clause, no tag follows it
  if (comma > sa && (tokens[comma] === ',' || tokens[comma] === '—') && tags && !SUBORDINATORS.has(tokens[sa].toLowerCase())) {
    let s0 = sa
    // never start inside a quote that began before the sentence
    while (s0 < comma && (inQuote[s0] >= 0 && quotes[inQuote[s0]].open < doc.start[sa])) s0++
    if (comma - s0 >= 3) hit.content = [s0, comma - 1]
  }
}

/** the tags an object or a document's finding opens with */
const OBJECT_POS = new Set(['PROPN', 'NOUN', 'DET', 'ADJ', 'NUM', 'PRON'])

/**
 * The content of "according to X" (the cue at `i`, its source ending at `spEnd`) in its sentence [sa, last]:
 * what follows the source's comma when it opens the sentence, else what comes before it; null for too little
 */
function accordingTo(ctx: Ctx, i: number, spEnd: number, sa: number, last: number): [number, number] | null {
  const { tokens } = ctx.doc
  if (i <= sa + 1) {
    // "According to X, ...": the content follows the comma that closes the source phrase
    let c = spEnd + 1
    for (let k = c; k <= last && k < spEnd + 10; k++) if (tokens[k] === ',') { c = k + 1; break }
    return last - c >= 2 ? [c, last] : null
  }
  let e = i - 1
  while (e > sa && (tokens[e] === ',' || tokens[e] === '—')) e--
  return e - sa >= 2 ? [sa, e] : null
}

/** a long reported statement ends where the next one in its sentence begins: "X said A, and Y said B" */
function endBeforeNextStatement(ctx: Ctx, cues: CueHit[]): void {
  const { pos, inQuote } = ctx
  for (let h = 0; h < cues.length; h++) {
    const content = cues[h].content
    if (content === null || content[1] - content[0] <= LONG_CONTENT_TOKENS) continue
    for (let g = h + 1; g < cues.length && cues[g].tok <= content[1]; g++) {
      const next = cues[g]
      if (next.sp === null || next.sp[0] <= cues[h].tok) continue
      const stop = Math.min(next.sp[0], next.tok) - 1
      // a statement nested at the content's start ("X said that Y told reporters ...") is part of it
      if (stop <= content[0]) continue
      if (stop < content[1]) {
        let e = stop
        while (e > content[0] && (pos[e] === 'CCONJ' || pos[e] === 'PUNCT' || pos[e] === 'SPACE') && inQuote[e] < 0) e--
        content[1] = e
      }
      break
    }
  }
}

/**
 * "X said A, adding B" / "X said A and said B": PolNeAR makes the second cue a statement of its own,
 * so the first ends before it. A second cue with no conjunction or punctuation before it is part of the
 * first statement's words ("X said she had no plans to yell ...", "told reporters his office would stop
 * opposing ..."): it cuts nothing, and its statement, inside the first with the same speaker, joins it.
 */
function endBeforeRepeatedCue(ctx: Ctx, cues: CueHit[]): void {
  const { pos, inQuote } = ctx
  for (let h = 0; h < cues.length; h++) {
    const content = cues[h].content, sp = cues[h].sp
    if (content === null || sp === null) continue
    for (let g = h + 1; g < cues.length && cues[g].tok <= content[1]; g++) {
      const next = cues[g]
      if ((next.content === null && !next.usedByDirect) || next.sp === null || next.sp[0] !== sp[0] || next.sp[1] !== sp[1] || next.tok <= content[0]) continue
      let e = next.tok - 1
      let coordinated = false
      while (e > content[0] && (pos[e] === 'CCONJ' || pos[e] === 'PUNCT' || pos[e] === 'SPACE' || pos[e] === 'ADV' || pos[e] === 'AUX' || pos[e] === 'PART') && inQuote[e] < 0) {
        if (pos[e] === 'CCONJ' || pos[e] === 'PUNCT') coordinated = true
        e--
      }
      if (!coordinated) continue
      if (e > content[0]) content[1] = Math.min(content[1], e)
      break
    }
  }
}

/**
 * "Canada says it will send aid, the State Department said": a tag that reports this cue's own
 * sentence ends the content of the cue it reports
 */
function endBeforeOuterTag(ctx: Ctx, cues: CueHit[]): void {
  const { pos, inQuote } = ctx
  for (let h = 0; h < cues.length; h++) {
    const content = cues[h].content
    if (content === null) continue
    for (let g = h + 1; g < cues.length && cues[g].tok <= content[1]; g++) {
      const outer = cues[g]
      if (outer.content === null || outer.sp === null || outer.content[0] > cues[h].tok || outer.content[1] < cues[h].tok) continue
      let e = Math.min(outer.sp[0], outer.tok) - 1
      while (e > content[0] && (pos[e] === 'PUNCT' || pos[e] === 'SPACE') && inQuote[e] < 0) e--
      if (e > content[0]) content[1] = Math.min(content[1], e)
      break
    }
  }
}

/** The end of an object or topic phrase from token `from`: the clause's next comma, semicolon, "and" + verb or quote, at most `last`. */
function objectEnd(ctx: Ctx, from: number, last: number): number {
  const { tokens } = ctx.doc
  const { pos, inQuote } = ctx
  let e = from
  while (e < last && tokens[e + 1] !== ',' && tokens[e + 1] !== ';' && !(tokens[e + 1] === 'and' && pos[e + 2] === 'VERB') && inQuote[e + 1] < 0) e++
  return e
}

/**
 * Does the sentence part [sa, comma) before a tag ("A, he said, B") need what follows the tag: no
 * verb of its own ("Mr. Obama, officials said, has ...", "It was, he said, one of ...") or a
 * subordinate clause ("Unless countries act, the experts say, the world ...")?
 */
function parenthetical(ctx: Ctx, sa: number, comma: number): boolean {
  let k = sa
  while (k < comma && (ctx.pos[k] === 'SPACE' || ctx.pos[k] === 'PUNCT')) k++
  if (ctx.inQuote[k] >= 0) return false
  if (SUBORDINATORS.has(ctx.doc.tokens[k]?.toLowerCase() ?? '')) return true
  for (let j = k; j < comma; j++) if (ctx.pos[j] === 'VERB' || ctx.inQuote[j] >= 0) return false
  return true
}

/** words opening a subordinate clause before the main one: "While Ramos said that A, he appears uneasy" */
const SUBORDINATORS = new Set(['while', 'although', 'though', 'because', 'if', 'when', 'whereas', 'unless', 'since', 'after', 'before', 'as', 'once'])

/**
 * The end of reported content [c, last] whose cue sits in a subordinate clause opening the sentence
 * (the speaker at most a few tokens after the subordinator): the clause ends at the first comma, and
 * the main clause after it is the writer's.
 */
function subordinateEnd(ctx: Ctx, sa: number, spStart: number, c: number, last: number): number {
  const { tokens } = ctx.doc
  let k = sa
  while (k < spStart && ctx.pos[k] === 'SPACE') k++
  if (!SUBORDINATORS.has(tokens[k]?.toLowerCase() ?? '') || spStart - k > 3) return last
  for (let e = c + 1; e <= last; e++) {
    if (tokens[e] === ',' && ctx.inQuote[e] < 0) return e - 1 > c ? e - 1 : last
  }
  return last
}

/** cues that report speech or thought forward only with a clause after them */
const CLAUSE_ONLY_LEMMAS = new Set(['continue', 'read', 'write', 'post', 'respond', 'reply', 'answer', 'tweet', 'repeat'])
/** the tags a clause's subject opens with */
const CLAUSE_SUBJECT_POS = new Set(['PRON', 'PROPN', 'DET', 'NOUN', 'NUM', 'ADJ'])
