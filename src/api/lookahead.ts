// What a request asks below a field, read from the resolver's info, so a resolver can read what its
// children will need in its own Cypher query instead of leaving each to a DataLoader round trip
// (issue 13). fieldsAt and quotePartsAt do not evaluate @skip/@include (a field they drop is read and not
// shown, never the reverse); childFields does, since what it finds is primed under the child's own key.
import { Kind } from 'graphql'
import type { FieldNode, FragmentSpreadNode, GraphQLResolveInfo, InlineFragmentNode, SelectionSetNode, ValueNode } from 'graphql'

/** what the lookahead reads of a resolver's info: its field's nodes and the document's fragments */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>
import type { QuoteParts } from '../graph/read.ts'
import { ENTITY_FULL_FIELDS } from '../graph/read-fragments.ts'

/** the fields of the selection sets, through inline fragments and fragment spreads */
function fieldsOf(info: Selection, sets: readonly SelectionSetNode[]): FieldNode[] {
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
export function fieldsAt(info: Selection, path: readonly string[]): Set<string> {
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

/** what an article's lean projection (read.ts ARTICLE_LEAN) leaves to the resolvers, read by the article's id */
const ARTICLE_BY_ID = ['text', 'entities', 'quotes', 'relations']

/**
 * Whether the articles at `path` below the resolver's field may be read as ARTICLE_LEAN with their id (read.ts
 * ENTITY_ARTICLES_LEAN): the request asks none of their other stored fields (url, authors, dateline, publisher,
 * source), through fragments; @skip/@include not evaluated, so a field it may skip still reads them whole.
 */
export function articleLeanAt(info: Selection, path: readonly string[]): boolean {
  for (const f of fieldsAt(info, path)) if (!ARTICLE_LEAN.has(f) && !ARTICLE_BY_ID.includes(f)) return false
  return true
}

/**
 * Which of a quote's neighbours and fields the quotes at `path` are asked for: the projection of a
 * lean QuoteParts (read.ts). Over-inclusive where the request is conditional (@skip/@include,
 * fragments on types), never under.
 */
export function quotePartsAt(info: Selection, path: readonly string[]): QuoteParts {
  const asked = fieldsAt(info, path)
  const article = asked.has('article')
  const articleAsked = article ? fieldsAt(info, [...path, 'article']) : new Set<string>()
  return {
    article,
    about: asked.has('about'),
    speaker: asked.has('speaker'),
    lean: true,
    sentence: asked.has('sentence'),
    details: QUOTE_DETAILS.some((f) => asked.has(f)),
    articleDetails: article && [...articleAsked].some((f) => !ARTICLE_LEAN.has(f)),
    // the ids only when asked: nothing else of a lean quote or of its lean article needs them
    id: asked.has('id'),
    articleId: articleAsked.has('id'),
    entitiesLean: entityLeanAt(info, [...path, 'about']) && entityLeanAt(info, [...path, 'speaker']),
  }
}

/**
 * Whether the entities at `path` below the resolver's field may be read as ENTITY_LEAN: the request asks none
 * of ENTITY_FULL_FIELDS (their aliases, merged ids and ISO codes) (through fragments on any type; @skip/@include not evaluated, so
 * a field it may skip still reads them whole).
 */
export function entityLeanAt(info: Selection, path: readonly string[]): boolean {
  const asked = fieldsAt(info, path)
  return !ENTITY_FULL_FIELDS.some((f) => asked.has(f))
}

/** a literal or variable value of an argument (Int, String, Boolean, null); `bad` for any other kind */
const BAD = Symbol('bad')
function valueOf(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined
  switch (node.kind) {
    case Kind.VARIABLE: return variables[node.name.value] // graphql coerced them, defaults applied
    case Kind.INT: return Number(node.value)
    case Kind.STRING: return node.value
    case Kind.BOOLEAN: return node.value
    case Kind.NULL: return null
    default: return BAD
  }
}

/** whether @skip/@include keep a selection (graphql's shouldIncludeNode, without its instanceof checks) */
function included(node: FieldNode | InlineFragmentNode | FragmentSpreadNode, variables: Record<string, unknown>): boolean {
  for (const d of node.directives ?? []) {
    const name = d.name.value
    if (name !== 'skip' && name !== 'include') continue
    const cond = valueOf(d.arguments?.find((a) => a.name.value === 'if')?.value, variables)
    if ((name === 'skip' && cond === true) || (name === 'include' && cond !== true)) return false
  }
  return true
}

/** a field directly below the resolver's own field, its arguments' values and the type its fragments narrow it to (null: any) */
export interface ChildField {
  node: FieldNode
  args: Record<string, unknown>
  onType: string | null
}

/**
 * The fields named `name` directly below the resolver's own field, through fragments, as graphql will
 * run them (@skip/@include evaluated), each with its arguments' values (literals and variables; null when
 * an argument is of another kind: the caller then leaves the field to its resolver) and the innermost
 * type condition above it.
 */
export function childFields(info: Selection & Pick<GraphQLResolveInfo, 'variableValues'>, name: string): ChildField[] | null {
  const vars = info.variableValues
  const out: ChildField[] = []
  let bad = false
  const walk = (set: SelectionSetNode, onType: string | null) => {
    for (const sel of set.selections) {
      if (!included(sel, vars)) continue
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== name) continue
        const args: Record<string, unknown> = {}
        for (const a of sel.arguments ?? []) {
          const v = valueOf(a.value, vars)
          if (v === BAD) bad = true
          else if (v !== undefined) args[a.name.value] = v
        }
        out.push({ node: sel, args, onType })
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, sel.typeCondition?.name.value ?? onType)
      else {
        const fragment = info.fragments[sel.name.value]
        if (fragment) walk(fragment.selectionSet, fragment.typeCondition.name.value)
      }
    }
  }
  for (const f of info.fieldNodes) if (f.selectionSet) walk(f.selectionSet, null)
  return bad ? null : out
}

/** whether the request may ask `name` directly below the resolver's field (true when childFields cannot tell) */
export function asksChild(info: Selection & Pick<GraphQLResolveInfo, 'variableValues'>, name: string): boolean {
  const fields = childFields(info, name)
  return fields === null || fields.length > 0
}
