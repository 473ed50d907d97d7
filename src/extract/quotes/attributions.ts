// The attributions of one document: stages 1-3 (./marks.ts, ./cues.ts, ./speakers.ts) put together.
// Each direct quote takes its speaker, in order of strength, from a tag right after it (“…,” he said /
// said X / “…” ― Name / “…,” Hannity pressed, only when the quote ends with , ? ! or a dash), a cue
// right before it (X said: “…”), a name and a colon (X: “…”), the first cue of its sentence
// (partials: X called the plan “a disaster”), or the running speaker: the quote or reported
// statement just before it, when this quote opens the next sentence or paragraph. Speech cues get
// reported content: the clause after the cue (past "told reporters" and "that"), or the sentence
// before it in "…, the Pentagon said"; "according to X" either way; beliefs and intentions ("X
// wants to ...") and stances on an object ("X endorsed Clinton") too.
// Direct quotes that share a cue (“A,” he said. “B.”), continue one, or sit inside a reported
// statement form one attribution `group`, which ./statements.ts turns into one statement.
import type { Doc } from '../nlp.ts'
import type { EntityLayer } from '../entities.ts'
import type { QuoteKind } from '../types.ts'
import { AUX_OR_ADVERB, DOCUMENT_NOUNS, GROUP_PRONOUNS, OBJECT_LEMMAS, INTENT_LEMMAS, OBJECT_TAKING, PERSON_PRONOUNS, SPEECH_LEMMAS, THOUGHT_LEMMAS, TOPIC_LEMMAS } from '../lexicon/cues.ts'
import { DASHES, isMark, isSpace, isTitle, lastNonSpace, pairMarks, tokenAtOrAfter, type Marked } from './marks.ts'
import {
  BE_FORMS, CLAUSE_OPENERS, LONG_CONTENT_TOKENS, MAX_CONTENT_TOKENS, POSSESSIVE, RELATIVE, SENT_END, continues, cueSurface, hasVerb,
  isBreak, isCueAt, isSpeakerWord, namePos, npLeftFrom, npRightFrom, objectBetween, participleSubject, sentenceBounds, startsStatement,
  subjectOf, type Ctx, type CueHit,
} from './cues.ts'
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
  const { text, tokens } = doc
  const n = tokens.length
  const pos = namePos(doc, layer)
  // 1. quotation marks
  const pairs: [number, number][] = []
  for (const r of ranges) pairMarks(text, Math.max(0, r.start), Math.min(text.length, r.end), pairs)
  const inQuote = new Int32Array(n).fill(-1)
  const quotes: Marked[] = []
  for (const [open, close] of pairs) {
    const twoOpen = text.charCodeAt(open) === 0x27
    let s = open + (twoOpen ? 2 : 1)
    let e = close
    const twoClose = e - 2 > s && text.charCodeAt(e - 1) === 0x27 && text.charCodeAt(e - 2) === 0x27
    if (twoClose) e -= 2
    else if (e > s && isMark(text.charCodeAt(e - 1))) e--
    while (s < e && isSpace(text.charCodeAt(s))) s++
    while (e > s && (isSpace(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 0x2c)) e--
    if (e <= s) continue
    // markup attributes (author="@x") are not quotes
    if (open > 0 && text.charCodeAt(open - 1) === 0x3d) continue
    const openTok = tokenAtOrAfter(doc, open)
    const ft = tokenAtOrAfter(doc, s)
    let lt = tokenAtOrAfter(doc, e) - 1
    if (lt < ft) lt = ft
    const hasClose = (twoClose || (close > 0 && isMark(text.charCodeAt(close - 1)))) && close - 1 > open
    // the token holding the closing mark's last character (wink reads '' as one token or two)
    const closeTok = !hasClose ? -1 : twoClose ? tokenAtOrAfter(doc, close) - 1 : tokenAtOrAfter(doc, close - 1)
    const q = quotes.length
    quotes.push({ open, close, s, e, ft, lt, closeTok, openTok })
    const last = closeTok >= 0 ? closeTok : lt
    for (let k = openTok; k <= last && k < n; k++) inQuote[k] = q
  }
  const ctx: Ctx = { doc, pos, inQuote }

  // 2. cues outside quotes, inside the body
  const inBody = (pos0: number): boolean => {
    for (const r of ranges) if (pos0 >= r.start && pos0 < r.end) return true
    return false
  }
  const cues: CueHit[] = []
  const cueAtTok = new Map<number, CueHit>()
  let lastHit: CueHit | null = null
  for (let i = 0; i < n; i++) {
    if (inQuote[i] >= 0) continue
    const lemma = isCueAt(ctx, i)
    if (lemma === null || !inBody(doc.start[i])) continue
    const [sa, sb] = sentenceBounds(doc, i)
    let sp: [number, number] | null
    if (lemma === 'according to') {
      sp = npRightFrom(ctx, i + 2, sb)
      // "according to sources": wink may tag a plural noun there as a verb
      // "according to sources", "according to people familiar with ...", "according to Democratic and independent analysts":
      // wink may tag the source's words otherwise; the source runs to the clause's end
      if (sp === null && i + 2 <= sb && inQuote[i + 2] < 0 && pos[i + 2] !== 'PUNCT') {
        let e = i + 2
        while (e < sb && e < i + 14 && inQuote[e + 1] < 0 && tokens[e + 1] !== ',' && !SENT_END.has(tokens[e + 1]) && pos[e + 1] !== 'SPACE') e++
        sp = [i + 2, e]
      }
    }
    else if (((tokens[i].endsWith('ing') && !BE_FORMS.has(tokens[i - 1]?.toLowerCase() ?? '')) || tokens[i - 1] === 'to') && i > sa && (sp = participleSubject(ctx, i, sa, lastHit)) !== null) {
      // "..., Biden said, adding he was worried" / "Trump unleashed tweets saying ...": the main verb's subject
    } else {
      sp = subjectOf(ctx, i, sa)
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
    }
    const hit: CueHit = { tok: i, lemma, sp, content: null, usedByDirect: false, group: -1 }
    cues.push(hit)
    cueAtTok.set(i, hit)
    lastHit = hit
  }

  // colon and noun cues ("Graham: …", "Sanders’s claim that …"), their content already set
  const phrases = phraseCues(ctx, (t) => inBody(doc.start[t]))
  if (phrases.length > 0) {
    cues.push(...phrases)
    cues.sort((x, y) => x.tok - y.tok)
  }

  // 3. speakers of direct quotes
  const quoteCue = new Int32Array(quotes.length).fill(-1)
  const dashSpeaker: ([number, number] | null)[] = new Array(quotes.length).fill(null)
  /** the speaker phrase found beside the quote itself, when it differs from the cue's subject */
  const quoteSpeaker: ([number, number] | null)[] = new Array(quotes.length).fill(null)
  /** an earlier speech cue of j's sentence, "X said ...", with no quote between: -1 if none */
  const outerCue = (j: number): number => {
    const [sa] = sentenceBounds(doc, j)
    for (let k = sa; k < j; k++) {
      if (inQuote[k] >= 0) return -1
      const h = cueAtTok.get(k)
      if (h !== undefined && h.sp !== null && h.sp[1] < k && !h.usedByDirect && SPEECH_LEMMAS.has(h.lemma)) return k
    }
    return -1
  }
  const sentenceHasCue = (j: number): boolean => {
    const [, sb] = sentenceBounds(doc, j)
    for (let k = j; k <= sb; k++) if (cueAtTok.has(k)) return true
    return false
  }
  for (let q = 0; q < quotes.length; q++) {
    const m = quotes[q]
    // (a) right after the quote: “…,” he said / said X / according to X / “…” ― Name
    const after = m.closeTok >= 0 ? m.closeTok + 1 : -1
    if (after > 0 && after < n) {
      let k = after
      const ender = lastNonSpace(text, m.open, m.close - 1)
      if (DASHES.has(tokens[k]) && pos[k + 1] === 'PROPN') {
        const np = npRightFrom(ctx, k + 1, Math.min(n - 1, k + 8))
        if (np !== null) {
          dashSpeaker[q] = np
          continue
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
            if (np !== null) quoteSpeaker[q] = np
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
            quoteSpeaker[q] = [k0, e]
          }
          quoteCue[q] = j
          hit.usedByDirect = true
          break
        }
        if (pos[j] === 'VERB' && !(tokens[j - 1] === '-' || tokens[j + 1] === '-')) {
          if (!taggable) break
          // “This is fantastic!” beamed Donald Hartley / “…,” Hannity pressed: a verb outside the lexicon right beside a name
          if (j === k && pos[k + 1] === 'PROPN') {
            const np = npRightFrom(ctx, k + 1, Math.min(n - 1, k + 10))
            if (np !== null) { quoteSpeaker[q] = np; break }
          }
          if (j > k && isSpeakerWord(ctx, k, j - 1) && (SENT_END.has(tokens[j + 1] ?? '.') || tokens[j + 1] === ',' || pos[j + 1] === 'ADP' || pos[j + 1] === 'PROPN')) {
            quoteSpeaker[q] = [k, j - 1]
            break
          }
          // “…,” Scott Pruitt, the attorney general of one of the states suing, said: keep the name before the comma
          if (pos[k] === 'PROPN') {
            const np = npRightFrom(ctx, k, j)
            if (np !== null && tokens[np[1] + 1] === ',' && sentenceHasCue(j)) quoteSpeaker[q] = np
          }
          break
        }
      }
    }
    if (quoteCue[q] >= 0) continue
    // (b) right before the quote: X said: “…” / X told reporters, “…” / X said via email that “…”
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
        if (outerCue(j) >= 0) break
        quoteCue[q] = j
        // "X called the plan “a disaster”": an object between cue and quote makes it reported speech
        // quoting a few words; "X told reporters: “…”" and "X said in a statement, “…”" introduce the quote
        if (OBJECT_TAKING.has(hit.lemma) || !objectBetween(pos, j + 1, m.openTok)) hit.usedByDirect = true
        break
      }
      if (pos[j] === 'VERB' || pos[j] === 'AUX') break
    }
    if (quoteCue[q] >= 0) continue
    // (b') a name and a colon: "Republican pollster Daron Shaw: “…”"
    {
      let c = m.openTok - 1
      while (c >= 0 && pos[c] === 'SPACE' && !isBreak(doc, c)) c--
      if (c > 0 && tokens[c] === ':' && inQuote[c - 1] < 0 && (pos[c - 1] === 'PROPN' || POSSESSIVE.has(tokens[c - 1]))) {
        const a0 = npLeftFrom(ctx, POSSESSIVE.has(tokens[c - 1]) ? c - 2 : c - 1, Math.max(0, c - 10))
        if (a0 >= 0) {
          quoteSpeaker[q] = [a0, c - 1]
          continue
        }
      }
    }
    // (c) earlier in the same sentence: the quote is part of reported speech (X called the plan “a disaster”);
    //     the first cue of the sentence is the outer one (Trump said that Clinton once described it as “…”)
    const [sa] = sentenceBounds(doc, m.openTok)
    for (let j = Math.max(sa, m.openTok - 60); j < m.openTok; j++) {
      if (inQuote[j] >= 0) continue
      const hit = cueAtTok.get(j)
      if (hit !== undefined && hit.sp !== null) {
        quoteCue[q] = j
        break
      }
    }
  }

  // 4. reported speech: the content of each cue not already introducing a direct quote
  for (const hit of cues) {
    if (hit.usedByDirect || hit.sp === null || hit.preset === true) continue
    const i = hit.tok
    const [sa, sb] = sentenceBounds(doc, i)
    let last = sb
    while (last > i && (SENT_END.has(tokens[last]) || pos[last] === 'SPACE' || (pos[last] === 'PUNCT' && inQuote[last] < 0))) last--
    if (hit.lemma === 'according to') {
      const spEnd = hit.sp[1]
      if (i <= sa + 1) {
        // "According to X, ...": the content follows the comma that closes the source phrase
        let c = spEnd + 1
        for (let k = c; k <= last && k < spEnd + 10; k++) if (tokens[k] === ',') { c = k + 1; break }
        if (last - c >= 2) hit.content = [c, last]
      } else {
        let e = i - 1
        while (e > sa && (tokens[e] === ',' || tokens[e] === '—')) e--
        if (e - sa >= 2) hit.content = [sa, e]
      }
      continue
    }
    const after = hit.sp[0] > i ? hit.sp[1] + 1 : i + 1
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
    const subjectBefore = hit.sp[1] < i
    const personSubject = subjectBefore && !(pos[hit.sp[1]] === 'PRON' && !PERSON_PRONOUNS.has(tokens[hit.sp[1]]) && !GROUP_PRONOUNS.has(tokens[hit.sp[1]]))
    const topic = TOPIC_LEMMAS.get(hit.lemma)
    if (topic !== undefined) {
      // "X talked about continuing the progress", "as Y spoke about how the consulate was taken", "Trump has
      // not responded to Calderon's remarks": what it was about, or what answered
      let k = i + 1
      while (k < last && pos[k] === 'ADV' && inQuote[k] < 0) k++
      if (personSubject && tokens[k] === topic && k + 1 <= last && inQuote[k + 1] < 0) {
        const e = objectEnd(ctx, k + 1, last)
        if (e - (k + 1) < 40) hit.content = [k + 1, e]
        continue
      }
      // "responded that ...": reported speech as any speech verb's
      if (!SPEECH_LEMMAS.has(hit.lemma)) continue
    }
    if (OBJECT_LEMMAS.has(hit.lemma)) {
      // "X endorsed Clinton" / "X opposes the deal, saying ...": the object, up to the clause's end
      if (!personSubject) continue
      const e = objectEnd(ctx, c, last)
      if (c <= e && e - c < 30 && (pos[c] === 'PROPN' || pos[c] === 'NOUN' || pos[c] === 'DET' || pos[c] === 'ADJ' || pos[c] === 'NUM' || pos[c] === 'PRON')) hit.content = [c, e]
      continue
    }
    if ((hit.lemma === 'show' || hit.lemma === 'find') && subjectBefore && DOCUMENT_NOUNS.has(tokens[hit.sp[1]].toLowerCase()) && tokens[c] !== 'that' && !hasVerb(doc, c, last)) {
      // "polls show Clinton with a narrow edge", "the survey finds Trump up four points": what a document shows
      const e = objectEnd(ctx, c, last)
      if (c <= e && e - c < 40 && (pos[c] === 'PROPN' || pos[c] === 'NOUN' || pos[c] === 'DET' || pos[c] === 'ADJ' || pos[c] === 'NUM' || pos[c] === 'PRON')) hit.content = [c, e]
      continue
    }
    // a short clause needs its verb: "said it would stay", not "said Tuesday"
    if (forward >= (INTENT_LEMMAS.has(hit.lemma) ? 2 : 4 - (forward >= 2 && hasVerb(doc, c + 1, last) ? 2 : 0)) && !(subjectBefore && i + 1 <= last && tokens[i + 1] === ',')) {
      if (INTENT_LEMMAS.has(hit.lemma) && !(tokens[c] === 'to' || tokens[c] === 'that' || pos[c] === 'PRON' || pos[c] === 'PROPN' || pos[c] === 'NOUN' || pos[c] === 'DET')) continue
      if (isThought && !INTENT_LEMMAS.has(hit.lemma) && tokens[c] !== 'that' && !hasVerb(doc, c, last)) continue
      if (!isThought && !SPEECH_LEMMAS.has(hit.lemma)) continue
      // verbs that report speech only with a clause ("continued their search", "responded by settling",
      // "read some of their files", "tweeted on Friday" report nothing): a "that", or a subject and a verb
      if (CLAUSE_ONLY_LEMMAS.has(hit.lemma) && tokens[opener] !== 'that' && !(CLAUSE_SUBJECT_POS.has(pos[c]) && hasVerb(doc, c + 1, last))) continue
      hit.content = [c, subordinateEnd(ctx, sa, hit.sp[0], c, last)]
      continue
    }
    // inverted: "…, the Pentagon said on Tuesday." / "…, said Smith."
    const spStart = Math.min(hit.sp[0], i)
    let comma = spStart - 1
    while (comma > sa && pos[comma] === 'SPACE') comma--
    // the tag may close with a comma and the sentence go on: "…, Sanders said, a policy that …"
    const tagClosed = tokens[(hit.sp[0] > i ? hit.sp[1] : i) + 1] === ','
    // beliefs and findings tag a sentence too: "…, a study by the council found."
    const tags = SPEECH_LEMMAS.has(hit.lemma) ? forward <= 8 || tagClosed : isThought && !INTENT_LEMMAS.has(hit.lemma) && (forward <= 3 || tagClosed)
    const tagEnd = (hit.sp[0] > i ? hit.sp[1] : i) + 1
    if (comma > sa && tokens[comma] === ',' && tags && tagClosed && last - tagEnd >= 2 && inQuote[tagEnd + 1] < 0 && parenthetical(ctx, sa, comma)) {
      // "Mr. Obama, officials said, has become ..." / "As Election Day nears, Stone says, the number ...":
      // a tag inside its sentence reports both sides of it
      hit.content = [sa, last]
      continue
    }
    // "While A said B, the figures showed C": the comma closes a subordinate clause, no tag follows it
    if (comma > sa && (tokens[comma] === ',' || tokens[comma] === '—') && tags && !SUBORDINATORS.has(tokens[sa].toLowerCase())) {
      let s0 = sa
      // never start inside a quote that began before the sentence
      while (s0 < comma && (inQuote[s0] >= 0 && quotes[inQuote[s0]].open < doc.start[sa])) s0++
      if (comma - s0 >= 3) hit.content = [s0, comma - 1]
    }
  }

  // a long reported statement ends where the next one in its sentence begins: "X said A, and Y said B"
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
  // "X said A, adding B" / "X said A and said B": PolNeAR makes the second cue a statement of its own,
  // so the first ends before it. A second cue with no conjunction or punctuation before it is part of the
  // first statement's words ("X said she had no plans to yell ...", "told reporters his office would stop
  // opposing ..."): it cuts nothing, and its statement, inside the first with the same speaker, joins it.
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
  for (const h of cues) if (h.content !== null && h.content[1] - h.content[0] > MAX_CONTENT_TOKENS) h.content[1] = h.content[0] + MAX_CONTENT_TOKENS
  // "Canada says it will send aid, the State Department said": a tag that reports this cue's own
  // sentence ends the content of the cue it reports
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

  // 5. partial quotes inside reported speech take its speaker; the rest inherit the running speaker
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
  resolveSpeakers(doc, layer, out)
  return out
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
