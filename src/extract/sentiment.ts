// Sentiment of quote texts, from wink-nlp's own scorer on the shared instance.
//
// wink scores a document as the mean of its sentences' scores (a sentence's score is the mean of
// its sentiment-bearing words, sign-flipped under negation). readDoc has a fixed cost per call that
// dwarfs the work for a short quote, so `sentimentsOf` reads all the quotes of an article as ONE
// document, each quote in its own paragraph, and gives each quote the mean of the scores of the
// sentences that start inside it: the same figure as reading it alone whenever wink splits the
// joined text at the paragraph breaks, which it does unless a quote ends with no punctuation and the
// next starts in lower case (then the shared sentence counts for the first quote).
import { nlp, its } from './nlp.ts'

const SEPARATOR = '\n\n'

/** wink-nlp's sentiment of one text, -1..1, rounded to 3 decimals; 0 for blank text. */
export function sentimentOf(text: string): number {
  return sentimentsOf([text])[0]
}

/** wink-nlp's sentiment of each text, -1..1, rounded to 3 decimals (0 for blank text), with one readDoc for all. */
export function sentimentsOf(texts: string[]): number[] {
  const out = new Array<number>(texts.length).fill(0)
  const starts: number[] = []
  const ends: number[] = []
  const which: number[] = []
  let joined = ''
  texts.forEach((t, i) => {
    if (t.trim() === '') return
    if (joined.length > 0) joined += SEPARATOR
    starts.push(joined.length)
    joined += t
    ends.push(joined.length)
    which.push(i)
  })
  if (which.length === 0) return out
  const wdoc = nlp.readDoc(joined)
  const sentences = wdoc.sentences().out() as string[]
  const scores = wdoc.sentences().out(its.sentiment) as unknown as number[]
  // the character offset of each sentence in the joined text
  const sentenceStart = new Int32Array(sentences.length)
  let cursor = 0
  for (let k = 0; k < sentences.length; k++) {
    const sentence = sentences[k].trim()
    const at = joined.indexOf(sentence.slice(0, 24), cursor)
    sentenceStart[k] = at >= 0 ? at : cursor
    // the next sentence starts after this one (a quote inside reported speech repeats its words)
    if (at >= 0) cursor = at + sentence.length
  }
  const spans = sentences
  const sum = new Float64Array(which.length)
  const count = new Int32Array(which.length)
  let q = 0
  for (let k = 0; k < spans.length; k++) {
    while (q + 1 < which.length && sentenceStart[k] >= starts[q + 1]) q++
    if (sentenceStart[k] >= ends[q] && q + 1 < which.length) continue
    sum[q] += Number.isFinite(scores[k]) ? scores[k] : 0
    count[q]++
  }
  for (let j = 0; j < which.length; j++) out[which[j]] = count[j] === 0 ? 0 : Math.round((sum[j] / count[j]) * 1000) / 1000
  return out
}
