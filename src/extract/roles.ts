// Stage 4: roles. The title phrase right before a person's name ("Pentagon press secretary Maj Gen
// Pat Ryder", "Russian President Vladimir Putin", "North Korea's leader Kim Jong-un") gives the
// title (ranks and honorifics are dropped) and, when an organisation, country or demonym stands
// before the title, the organisation the title belongs to.
import type { Doc } from './nlp.ts'
import { HONORIFICS, RANKS, TITLES } from './lexicon/words.ts'
import { matchPhrase, titleStartBefore } from './names/titles.ts'

export interface RoleFound {
  /** the title as written, lowercased ("press secretary", "president") */
  title: string
  /** the token whose mention gives the organisation or country, or -1 */
  orgToken: number
}

/**
 * The role stated before the person name starting at token `first`, or null.
 * `mentionEndingAt(k)` tells whether a name or demonym mention ends at token k.
 */
export function roleBefore(doc: Doc, first: number, mentionEndingAt: (k: number) => boolean): RoleFound | null {
  const floor = doc.sentences[doc.sentenceOf[first]].firstToken
  const from = titleStartBefore(doc, first, floor)
  if (from === first) return null
  // keep the office titles, drop ranks and honorifics ("Maj Gen", "Mr")
  const parts: string[] = []
  let k = from
  while (k < first) {
    const title = matchPhrase(doc, k, first - 1, TITLES, true, 4)
    const other = Math.max(matchPhrase(doc, k, first - 1, RANKS, true, 3), matchPhrase(doc, k, first - 1, HONORIFICS, true, 2))
    if (title >= other && title > 0) {
      parts.push(doc.tokens.slice(k, k + title).join(' ').toLowerCase())
      k += title
    } else k += Math.max(other, 1)
  }
  const title = parts.filter((p) => p !== 'former' && p !== 'mr' && p !== 'dr').join(' ')
  if (!title) return null
  // the organisation: a mention ending right before the title, or before a possessive "'s"
  let orgToken = -1
  const before = from - 1
  if (before >= floor && mentionEndingAt(before)) orgToken = before
  else if (before - 1 >= floor && (doc.tokens[before] === "'s" || doc.tokens[before] === '’s') && mentionEndingAt(before - 1)) orgToken = before - 1
  return { title, orgToken }
}
