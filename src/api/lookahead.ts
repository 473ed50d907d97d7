// What a request asks below a field, read from the resolver's info, so a resolver can read what its
// children will need in its own Cypher query instead of leaving each to a DataLoader round trip
// (issue 13). @skip/@include are not evaluated: a field they drop is read and not shown, never the reverse.
import { Kind } from 'graphql'
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql'
import type { QuoteParts } from '../graph/read.ts'

/** the fields of the selection sets, through inline fragments and fragment spreads */
function fieldsOf(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[]): FieldNode[] {
  const out: FieldNode[] = []
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) out.push(sel)
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet)
      else {
        const fragment = info.fragments[sel.name.value]
        if (fragment) walk(fragment.selectionSet)
      }
    }
  }
  sets.forEach(walk)
  return out
}

/** the names of the fields asked at `path` below the resolver's own field (e.g. ['edges', 'node']) */
export function fieldsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []))
  for (const name of path) {
    sets = fieldsOf(info, sets).flatMap((f) => (f.name.value === name && f.selectionSet ? [f.selectionSet] : []))
  }
  return new Set(fieldsOf(info, sets).map((f) => f.name.value))
}

/** the scalar fields of a Quote that the lean projection reads only when asked (QuoteParts.details) */
const QUOTE_DETAILS = ['start', 'end', 'cue', 'sentiment', 'speakerName', 'publishedAt', 'fragments']
/** what the lean projection reads of an article (read.ts ARTICLE_LEAN); any other field asked reads it whole */
const ARTICLE_LEAN = new Set(['id', 'title', 'publishedAt', '__typename'])

/**
 * Which of a quote's neighbours and fields the quotes at `path` are asked for: the projection of a
 * lean QuoteParts (read.ts). Over-inclusive where the request is conditional (@skip/@include,
 * fragments on types), never under.
 */
export function quotePartsAt(info: GraphQLResolveInfo, path: readonly string[]): QuoteParts {
  const asked = fieldsAt(info, path)
  const article = asked.has('article')
  return {
    article,
    about: asked.has('about'),
    speaker: asked.has('speaker'),
    lean: true,
    sentence: asked.has('sentence'),
    details: QUOTE_DETAILS.some((f) => asked.has(f)),
    articleDetails: article && [...fieldsAt(info, [...path, 'article'])].some((f) => !ARTICLE_LEAN.has(f)),
  }
}
