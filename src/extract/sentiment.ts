// Sentiment of a span of the document, from wink-nlp's own scorer.
//
// wink scores each sentence as it reads the document (the mean of its sentiment-bearing words,
// sign-flipped under negation) and a document as the mean of its sentences. A quote's sentiment is
// the mean of the scores of the sentences it overlaps, taken from the read the pipeline already made:
// wink's scorer ignores words that carry no sentiment, so the attribution around a direct quote
// ("..., he said") rarely moves the figure, and no second read of the quote texts is needed (that
// read was about 15% of the whole extraction's time).
import { analyse, type Doc } from './nlp.ts'

/** The mean wink-nlp sentiment (-1..1, rounded to 3 decimals) of the sentences overlapping [start, end); 0 when none. */
export function spanSentiment(doc: Doc, start: number, end: number): number {
  const sentences = doc.sentences
  // the first sentence ending after `start` (sentences are in text order)
  let lo = 0
  let hi = sentences.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sentences[mid].end <= start) lo = mid + 1
    else hi = mid
  }
  let sum = 0
  let count = 0
  for (let k = lo; k < sentences.length && sentences[k].start < end; k++) {
    sum += sentences[k].sentiment
    count++
  }
  return count === 0 ? 0 : Math.round((sum / count) * 1000) / 1000
}

/** wink-nlp's sentiment of one text, -1..1, rounded to 3 decimals; 0 for blank text. */
export function sentimentOf(text: string): number {
  return spanSentiment(analyse(text), 0, text.length)
}
