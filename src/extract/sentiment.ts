// Sentiment of a stretch of text, from wink-nlp's own scorer on the shared instance.
// Only quote texts go through here (a second readDoc over the whole article would double the cost).
import { nlp, its } from './nlp.ts'

/** wink-nlp's sentiment of `text`, -1..1, rounded to 3 decimals; 0 for empty text. */
export function sentimentOf(text: string): number {
  if (text.trim() === '') return 0
  const score = nlp.readDoc(text).out(its.sentiment) as unknown as number
  return Number.isFinite(score) ? Math.round(score * 1000) / 1000 : 0
}
