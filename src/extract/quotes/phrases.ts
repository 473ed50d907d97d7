// Cues that are not verbs, found beside stage 2's cue verbs: attributions a reader sees without a
// speech verb.
// - A speaker and a colon opening a sentence: "Graham: Trump’s rhetoric is destroying the party." (the
//   headline form of "X says"). "Name: “…”" with a quote is stage 3's (b'), not this.
// - A reported question opening a sentence: "Asked whether he would run, Aalto said …" (the asker
//   unnamed unless "asked by X").
// - A speech or belief noun owned by its speaker: "Sanders’s claim that he can still win", "the
//   senator’s warning that ...", "his promise to repeal the law".
// Each becomes a CueHit whose speaker and content are set here (`preset`), so stage 4 leaves it alone and
// partial quotes inside its content join it as they join a verb's reported speech.
import { AUX_OR_ADVERB, DOCUMENT_NOUNS, EVIDENTIAL_FORMS, GROUP_PRONOUNS, NOUN_CUES, PERSON_PRONOUNS, SPEAKER_NOUNS, STANCE_NOUNS } from '../lexicon/cues.ts'
import { MAX_CONTENT_TOKENS, POSSESSIVE, SENT_END, isBreak, npLeftFrom, npRightFrom, type Ctx, type CueHit } from './cues.ts'

/** a colon's speaker phrase is a short name: "NY Daily News", "Clinton camp", "Poll" */
const MAX_COLON_SPEAKER_TOKENS = 5
/** words that open a line with a colon without naming who speaks: "Update: …", "Watch: …" */
const NOT_SPEAKERS = new Set(['update', 'updated', 'breaking', 'exclusive', 'watch', 'video', 'photo', 'photos', 'note', 'transcript', 'related', 'read', 'listen', 'correction', 'editor', 'q', 'a', 'question', 'answer', 'graphic', 'map', 'chart', 'timeline', 'analysis', 'opinion', 'review', 'live', 'full', 'text'])
/** possessive pronouns that own a noun cue: "his claim that" */
const OWNERS = new Set(['his', 'His', 'her', 'Her', 'their', 'Their', 'its', 'Its'])

/** The colon and noun cues of one document, in token order, their speaker and content already set. */
export function phraseCues(ctx: Ctx, inBody: (tok: number) => boolean): CueHit[] {
  const { doc } = ctx
  const { tokens } = doc
  const out: CueHit[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (ctx.inQuote[i] >= 0) continue
    const t = tokens[i]
    let hit: CueHit | null = null
    if (t === ':') hit = i > 0 ? colonCue(ctx, i) : null
    else if (t === 'Asked' || (t === 'asked' && WHEN.has(tokens[i - 1]))) hit = askedCue(ctx, i)
    // a noun cue after its owner is lower case ("Sanders’s claim"): one Set lookup, no lowercasing
    else if (i > 0 && NOUN_CUES.has(t) && (ctx.pos[i] === 'NOUN' || ctx.pos[i] === 'VERB')) hit = nounCue(ctx, i)
    else if (i > 0 && EVIDENTIAL_FORMS.has(t) && ctx.pos[i] === 'VERB') hit = evidentialCue(ctx, i)
    else if (i > 0 && STANCE_NOUNS.has(t) && ctx.pos[i] === 'NOUN' && tokens[i + 1] === STANCE_NOUNS.get(t)) hit = nounCue(ctx, i, i + 2)
    else if (t === 'In' && tokens[i + 1] !== undefined && (tokens[i + 1] === 'a' || tokens[i + 1] === 'an' || tokens[i + 1] === 'the' || ctx.pos[i + 1] === 'PROPN')) hit = documentCue(ctx, i)
    if (hit !== null && inBody(i)) out.push(hit)
  }
  return out
}

/** "Graham: Trump’s rhetoric is destroying the party." at a sentence's start */
function colonCue(ctx: Ctx, i: number): CueHit | null {
  const { doc, pos } = ctx
  const { tokens } = doc
  // a quote right after the colon is stage 3's
  let c = i + 1
  while (c < tokens.length && pos[c] === 'SPACE' && !isBreak(doc, c)) c++
  if (c >= tokens.length || ctx.inQuote[c] >= 0 || isBreak(doc, c)) return null
  let a = i
  while (a - 1 >= 0 && i - (a - 1) <= MAX_COLON_SPEAKER_TOKENS && ctx.inQuote[a - 1] < 0 && (pos[a - 1] === 'PROPN' || pos[a - 1] === 'NOUN' || pos[a - 1] === 'ADJ' || pos[a - 1] === 'DET' || POSSESSIVE.has(tokens[a - 1]) || (tokens[a - 1] === '.' && pos[a - 2] === 'PROPN' && tokens[a - 2].length <= 3))) a--
  if (a === i) return null
  // the phrase opens its sentence: nothing but a sentence end or a paragraph break before it
  const before = a - 1
  if (before >= 0 && !(isBreak(doc, before) || SENT_END.has(tokens[before]) || doc.sentenceOf[before] !== doc.sentenceOf[a])) return null
  if (pos[a] === 'DET' || pos[i - 1] === 'ADJ' || pos[i - 1] === 'DET') return null
  if (tokens[a].charCodeAt(0) < 65 || tokens[a].charCodeAt(0) > 90) return null
  let named = false
  for (let k = a; k < i; k++) {
    if (NOT_SPEAKERS.has(tokens[k].toLowerCase())) return null
    if (pos[k] === 'PROPN') named = true
  }
  if (!named && !SPEAKER_NOUNS.has(tokens[i - 1].toLowerCase()) && !SPEAKER_NOUNS.has(tokens[i - 1].toLowerCase().replace(/s$/, ''))) return null
  const end = clauseEnd(ctx, c)
  if (end - c < 2) return null
  return { tok: i, lemma: 'say', sp: [a, i - 1], content: [c, end], usedByDirect: false, group: -1, preset: true }
}

/** "Sanders’s claim that ...", "his promise to ..." */
function nounCue(ctx: Ctx, i: number, from = -1): CueHit | null {
  const { doc, pos } = ctx
  const { tokens } = doc
  const next = tokens[i + 1]
  let c: number
  if (from >= 0) c = from
  else if (next === 'that' && ctx.inQuote[i + 1] < 0) c = i + 2
  else if (next === 'to' && (pos[i + 2] === 'VERB' || pos[i + 2] === 'AUX')) c = i + 1
  else return null
  // the owner: "Sanders’s", "the senator’s", "his"; adjectives between ("his repeated claim")
  let o = i - 1
  while (o >= 0 && o > i - 3 && pos[o] === 'ADJ') o--
  if (o < 1 && !(o === 0 && OWNERS.has(tokens[o]))) return null
  let sp: [number, number] | null = null
  if (OWNERS.has(tokens[o])) sp = [o, o]
  else if (POSSESSIVE.has(tokens[o])) {
    const a = npLeftFrom(ctx, o - 1, Math.max(0, o - 12))
    if (a >= 0 && (pos[o - 1] === 'PROPN' || (pos[o - 1] === 'NOUN' && SPEAKER_NOUNS.has(tokens[o - 1].toLowerCase())) || PERSON_PRONOUNS.has(tokens[o - 1]) || GROUP_PRONOUNS.has(tokens[o - 1]))) sp = [a, o - 1]
  }
  if (sp === null) return null
  // a stance noun's object ends at its clause's comma: "her support for the bill, which ..."
  let end = clauseEnd(ctx, c)
  if (from >= 0) for (let k = c + 1; k < end; k++) if (tokens[k] === ',' && ctx.inQuote[k] < 0) { end = k - 1; break }
  if (end - c < (from >= 0 ? 0 : 2) || ctx.inQuote[c] >= 0) return null
  return { tok: i, lemma: 'say', sp, content: [c, end], usedByDirect: false, group: -1, preset: true }
}

/** "In a CBS News poll released Monday, 50 percent chose Clinton": a document opening a sentence speaks for what follows its comma */
function documentCue(ctx: Ctx, i: number): CueHit | null {
  const { doc } = ctx
  const { tokens } = doc
  let a = i - 1
  while (a >= 0 && ctx.pos[a] === 'SPACE' && !isBreak(doc, a)) a--
  if (a >= 0 && !(isBreak(doc, a) || SENT_END.has(tokens[a]) || doc.sentenceOf[a] !== doc.sentenceOf[i])) return null
  let comma = -1, head = -1
  for (let k = i + 1; k < tokens.length && k <= i + 14 && doc.sentenceOf[k] === doc.sentenceOf[i] && ctx.inQuote[k] < 0; k++) {
    if (tokens[k] === ',') { comma = k; break }
    if (DOCUMENT_NOUNS.has(tokens[k]) && head < 0) head = k
  }
  if (comma < 0 || head < 0) return null
  const c = comma + 1
  const end = clauseEnd(ctx, c)
  if (end - c < 3) return null
  return { tok: i, lemma: 'say', sp: [i + 1, comma - 1], content: [c, end], usedByDirect: false, group: -1, preset: true }
}

/** the lemma of the writer's evidential cues ("X seems to ...", "it appears that ..."), which have no speaker */
export const EVIDENTIAL = 'seem'

/**
 * The writer's evidential judgement, which PolNeAR annotates as an attribution with no source:
 * "Clinton appeared to assuage liberal concerns", "the field appeared poised to narrow", "It seems
 * that ...". The content is the subject with its complement; "appeared on Fox News" (appear as in
 * show up) has no complement and is no cue.
 */
function evidentialCue(ctx: Ctx, i: number): CueHit | null {
  const { doc, pos } = ctx
  const { tokens } = doc
  const s = doc.sentenceOf[i]
  let n = i + 1
  while (n < tokens.length && n <= i + 2 && pos[n] === 'ADV' && ctx.inQuote[n] < 0) n++
  if (n >= tokens.length || ctx.inQuote[n] >= 0) return null
  let b = i - 1
  while (b >= 0 && b > i - 4 && (AUX_OR_ADVERB.has(tokens[b].toLowerCase()) || pos[b] === 'ADV') && ctx.inQuote[b] < 0) b--
  if (b < 0 || doc.sentenceOf[b] !== s || ctx.inQuote[b] >= 0) return null
  if (tokens[b] === 'It' || tokens[b] === 'it') {
    // "It seems (that) ...", "it appears as if ..."
    let c = n
    if (tokens[c] === 'that') c++
    else if (tokens[c] === 'as' && (tokens[c + 1] === 'if' || tokens[c + 1] === 'though')) c += 2
    else return null
    const end = clauseEnd(ctx, c)
    return end - c < 2 ? null : { tok: i, lemma: EVIDENTIAL, sp: null, content: [c, end], usedByDirect: false, group: -1, preset: true }
  }
  const complement = (tokens[n] === 'to' && (pos[n + 1] === 'VERB' || pos[n + 1] === 'AUX')) || pos[n] === 'ADJ' || (pos[n] === 'VERB' && tokens[n].endsWith('ed') && tokens[n + 1] === 'to')
  if (!complement) return null
  const a = npLeftFrom(ctx, b, Math.max(doc.sentences[s].firstToken, b - 12))
  if (a < 0 || (pos[b] === 'PRON' && RELATIVE_PRONOUNS.has(tokens[b].toLowerCase()))) return null
  const end = clauseEnd(ctx, n)
  return end - n < 1 ? null : { tok: i, lemma: EVIDENTIAL, sp: null, content: [a, end], usedByDirect: false, group: -1, preset: true }
}

const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'what'])

const WHEN = new Set(['When', 'when', 'If', 'if', 'Once', 'once'])
/** what the question "Asked …" opens with */
const QUESTION_OPENERS = new Set(['if', 'whether', 'what', 'why', 'how', 'who', 'when', 'where', 'which', 'about', 'to'])

/**
 * A reported question opening a sentence: "Asked whether he would run, Aalto said …", "When asked
 * about the deal, …". The question runs to the comma; its asker is the "by X" phrase, else unnamed.
 */
function askedCue(ctx: Ctx, i: number): CueHit | null {
  const { doc } = ctx
  const { tokens } = doc
  let a = i - 1
  if (tokens[i] === 'asked') a--
  while (a >= 0 && ctx.pos[a] === 'SPACE' && !isBreak(doc, a)) a--
  if (a >= 0 && !(isBreak(doc, a) || SENT_END.has(tokens[a]) || doc.sentenceOf[a] !== doc.sentenceOf[i])) return null
  let c = i + 1
  let sp: [number, number] | null = null
  if (tokens[c] === 'by') {
    sp = npRightFrom(ctx, c + 1, Math.min(tokens.length - 1, c + 8))
    if (sp === null) return null
    c = sp[1] + 1
  }
  if (!QUESTION_OPENERS.has(tokens[c]?.toLowerCase() ?? '') || ctx.inQuote[c] >= 0) return null
  if (tokens[c] === 'about' || tokens[c] === 'to') c++
  let e = c
  while (e + 1 < tokens.length && e + 1 - c < MAX_CONTENT_TOKENS && doc.sentenceOf[e + 1] === doc.sentenceOf[c] && !isBreak(doc, e + 1) && !(tokens[e + 1] === ',' && ctx.inQuote[e + 1] < 0)) e++
  if (tokens[e + 1] !== ',' || e - c < 1) return null
  return { tok: i, lemma: 'ask', sp, content: [c, e], usedByDirect: false, group: -1, preset: true }
}

/** the last token of the clause opening at c: before the sentence's end, a paragraph break, or a semicolon */
function clauseEnd(ctx: Ctx, c: number): number {
  const { doc, pos } = ctx
  const { tokens } = doc
  const s = doc.sentenceOf[c]
  let e = c
  while (e + 1 < tokens.length && e + 1 - c < MAX_CONTENT_TOKENS && doc.sentenceOf[e + 1] === s && !isBreak(doc, e + 1) && tokens[e + 1] !== ';') e++
  while (e > c && (SENT_END.has(tokens[e]) || pos[e] === 'SPACE' || (pos[e] === 'PUNCT' && ctx.inQuote[e] < 0))) e--
  return e
}
