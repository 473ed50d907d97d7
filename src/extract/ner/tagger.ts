// The statistical name tagger: an averaged perceptron over wink-nlp tokens (see scripts/train-ner.ts).
// Returns null while no weights are shipped, and the rule-based candidates take over.
import type { Doc } from '../nlp.ts'

export type NerLabel = 'PER' | 'ORG' | 'LOC' | 'MISC'
export interface TaggedSpan {
  first: number
  last: number
  /** null for rule-based candidates whose type the lexicon rules decide */
  label: NerLabel | null
}

export function tagNames(_doc: Doc, _mask: Uint8Array): TaggedSpan[] | null {
  return null
}
