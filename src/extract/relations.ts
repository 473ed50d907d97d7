// Stage 6: relations. Entity to entity within a sentence: each pair of neighbouring mentions of two different
// entities (pronouns left out) is related, typed by the lemma of the first content verb between them
// ("North Korea has sent ... soldiers to ... Russia" -> "send"), or `co_mention` when neither a verb nor
// punctuation stands between them ("Russia's Kursk region", "Kim Jong-un and Vladimir Putin").
// The evidence is the sentence span. Linear in the number of mentions: only neighbours are paired.
import type { EntityLayer, EntitySpan } from './entities.ts'
import type { ItsFunction } from 'wink-nlp'
import { its, wink, type Doc } from './nlp.ts'
import type { Relation } from './types.ts'
import { ownString } from './own-string.ts'

export const CO_MENTION = 'co_mention'
/** neighbours further apart than this many tokens are not related */
const MAX_GAP_TOKENS = 30
/** verbs too light to name a relation: the pair falls back to the next verb, or co_mention */
const LIGHT_VERBS = new Set(['be', 'have', 'do', 'get', 'let', 'will', 'would', 'can', 'could', 'may', 'might', 'shall', 'should', 'must'])

// wink's typings give `its.lemma` a third (addons) parameter that ItsFunction lacks; the call is the documented one
const LEMMA = its.lemma as unknown as ItsFunction<string>
const lemmaCache = new Map<string, string>()

/** a verb's lemma out of context (cached: a text has few distinct verbs) */
export function verbLemma(word: string): string {
  const key = word.toLowerCase()
  let lemma = lemmaCache.get(key)
  if (lemma === undefined) {
    lemma = wink.read(key, (doc) => (doc.tokens().out(LEMMA) as string[])[0]) ?? key
    if (lemmaCache.size > 50_000) lemmaCache.clear()
    lemma = ownString(lemma)
    lemmaCache.set(ownString(key), lemma)
  }
  return lemma
}

function linkingVerb(doc: Doc, from: number, to: number): string | null {
  for (let k = from; k < to; k++) {
    if (doc.pos[k] !== 'VERB') continue
    const lemma = verbLemma(doc.tokens[k])
    if (!LIGHT_VERBS.has(lemma)) return lemma
  }
  return null
}

/** no punctuation between two mentions (a comma or quotation mark usually ends the phrase linking them) */
function plainGap(doc: Doc, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (doc.pos[k] === 'PUNCT' && doc.tokens[k] !== '-') return false
  return true
}

export function findRelations(doc: Doc, layer: EntityLayer, ranges: { start: number; end: number }[]): Relation[] {
  const inRanges = (s: EntitySpan) => ranges.some((r) => s.start >= r.start && s.end <= r.end)
  const spans = layer.spans.filter((s) => s.kind !== 'pronoun' && inRanges(s)).sort((a, b) => a.start - b.start)
  const out: Relation[] = []
  const seen = new Set<string>()
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1]
    const b = spans[i]
    if (a.entityId === b.entityId || b.firstToken <= a.lastToken) continue
    const sentence = doc.sentenceOf[a.firstToken]
    if (sentence !== doc.sentenceOf[b.firstToken] || b.firstToken - a.lastToken > MAX_GAP_TOKENS) continue
    const type = linkingVerb(doc, a.lastToken + 1, b.firstToken) ?? (plainGap(doc, a.lastToken + 1, b.firstToken) ? CO_MENTION : null)
    if (type === null) continue
    const { start, end } = doc.sentences[sentence]
    const key = `${type}|${a.entityId}|${b.entityId}|${start}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ type, sourceId: a.entityId, targetId: b.entityId, start, end })
  }
  return out
}
