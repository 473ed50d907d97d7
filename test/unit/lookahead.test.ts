import { Kind, parse } from 'graphql'
import type { FragmentDefinitionNode, OperationDefinitionNode } from 'graphql'
import { describe, expect, it } from 'vitest'
import { childFields, entityLeanAt, quotePartsAt } from '../../src/api/lookahead.ts'
import { SEARCH, SEARCH_LEAN, quoteQueries, type QuoteParts } from '../../src/graph/read.ts'
import { ENTITY, ENTITY_LEAN } from '../../src/graph/read-fragments.ts'

/** the resolver info of the document's first top-level field, as graphql gives it */
function infoOf(query: string, variableValues: Record<string, unknown> = {}) {
  const doc = parse(query)
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  )
  const field = op.selectionSet.selections[0]
  if (field.kind !== Kind.FIELD) throw new Error('no field')
  return { fieldNodes: [field], fragments, variableValues }
}

describe('childFields (what entity(name) reads ahead)', () => {
  it('finds a child through inline fragments and spreads, with its arguments and type condition', () => {
    const info = infoOf(
      `query($n: String!, $f: Int) { entity(name: $n) { id ... on Person { quotes(first: $f, after: "bzow") { totalCount } } ...R } }
       fragment R on Entity { related(first: 3) { weight } }`,
      { n: 'x', f: 4 },
    )
    const quotes = childFields(info, 'quotes')!
    expect(quotes.map((c) => [c.args, c.onType])).toEqual([[{ first: 4, after: 'bzow' }, 'Person']])
    expect(childFields(info, 'related')!.map((c) => [c.args, c.onType])).toEqual([[{ first: 3 }, 'Entity']])
    expect(childFields(info, 'articles')).toEqual([])
  })

  it('evaluates @skip and @include as graphql does, on fields and fragments', () => {
    const q = `query($s: Boolean!) { entity(name: "x") {
      ... on Person @include(if: $s) { quotes(first: 1) { totalCount } }
      ... on Country { quotes(first: 2) @skip(if: $s) { totalCount } } } }`
    expect(childFields(infoOf(q, { s: true }), 'quotes')!.map((c) => c.args)).toEqual([{ first: 1 }])
    expect(childFields(infoOf(q, { s: false }), 'quotes')!.map((c) => c.args)).toEqual([{ first: 2 }])
  })

  it('gives up (null) on an argument it cannot read', () => {
    expect(childFields(infoOf('{ entity(name: "x") { related(first: [1]) { weight } } }'), 'related')).toBeNull()
    // a variable that was not given is absent, as graphql leaves it
    expect(childFields(infoOf('query($f: Int) { entity(name: "x") { related(first: $f) { weight } } }'), 'related')![0].args).toEqual({})
  })
})

describe('quotePartsAt (what a quote page reads with its quotes)', () => {
  it('reads the ids of a lean quote and of its article only when the request asks them', () => {
    const who = infoOf('{ whoSaidWhatAbout(about: "x") { quotes { text kind article { title publishedAt } } } }')
    expect(quotePartsAt(who, ['quotes'])).toMatchObject({ lean: true, article: true, articleDetails: false, id: false, articleId: false })
    const withIds = infoOf('{ whoSaidWhatAbout(about: "x") { quotes { id text ...A } } } fragment A on Quote { article { id title } }')
    expect(quotePartsAt(withIds, ['quotes'])).toMatchObject({ article: true, articleDetails: false, id: true, articleId: true })
  })

  it("reads a quote's subjects and speaker lean unless one of them is asked its aliases, merged ids or ISO codes", () => {
    const lean = infoOf('{ quotes { edges { node { text about { name } speaker { id name } } } } }')
    expect(quotePartsAt(lean, ['edges', 'node'])).toMatchObject({ about: true, speaker: true, entitiesLean: true })
    const full = infoOf('{ quotes { edges { node { text about { name } speaker { ... on Country { iso2 } } } } } }')
    expect(quotePartsAt(full, ['edges', 'node'])).toMatchObject({ about: true, speaker: true, entitiesLean: false })
    const p: QuoteParts = { article: false, about: true, speaker: true, lean: true }
    expect(quoteQueries({ ...p, entitiesLean: true }).QUOTES_PAGE).toBe(
      quoteQueries(p).QUOTES_PAGE.replace(ENTITY('qpx'), ENTITY_LEAN('qpx')).replace(ENTITY('qps'), ENTITY_LEAN('qps')))
    // without subjects or speaker to read, one text whatever entitiesLean says
    expect(quoteQueries({ ...p, about: false, speaker: false, entitiesLean: true }).QUOTES_PAGE).toBe(quoteQueries({ ...p, about: false, speaker: false }).QUOTES_PAGE)
  })

  it('makes the projection without the ids that are not asked, and with them otherwise', () => {
    const q = (p: Partial<QuoteParts>) => quoteQueries({ article: true, about: false, speaker: false, lean: true, ...p }).QUOTES_PAGE
    const without = q({ id: false, articleId: false })
    // the article sought by the id the quote's page key holds (sk), not by the quote's IN
    const article = "article: head(COLLECT { MATCH (qpa:Article {id: split(split(sk, ' ')[1], '#')[0]}) RETURN qpa {"
    expect(without).toContain(`q {.text, .kind, ${article}.title, publishedAt`)
    // undefined (a caller that does not say) reads both, as before
    expect(q({})).toContain(`q {.id, .text, .kind, ${article}.id, .title, publishedAt`)
    expect(q({ id: true, articleId: false })).toContain(`q {.id, .text, .kind, ${article}.title,`)
    // the whole article (articleDetails) is read whatever articleId says, and both variants are one text
    expect(q({ articleDetails: true, articleId: false })).toBe(q({ articleDetails: true, articleId: true }))
  })
})

describe('entityLeanAt (entities read without their aliases, merged ids and ISO codes)', () => {
  it('is lean unless the request asks one of those, through fragments too', () => {
    expect(entityLeanAt(infoOf('{ search(query: "x") { id name type mentionCount } }'), [])).toBe(true)
    expect(entityLeanAt(infoOf('{ search(query: "x") { id ... on Country { iso2 } } }'), [])).toBe(false)
    expect(entityLeanAt(infoOf('{ search(query: "x") { ...F } } fragment F on Entity { aliases }'), [])).toBe(false)
    expect(entityLeanAt(infoOf('{ whoSaidWhatAbout(about: "x") { speaker { id name type } count } }'), ['speaker'])).toBe(true)
    expect(entityLeanAt(infoOf('{ whoSaidWhatAbout(about: "x") { speaker { mergedIds } } }'), ['speaker'])).toBe(false)
  })

  it('picks the lean texts, which differ from the full ones only in the projection', () => {
    expect(SEARCH_LEAN).toBe(SEARCH.replace(ENTITY('node'), ENTITY_LEAN('node')))
    const p: QuoteParts = { article: true, about: false, speaker: false, lean: true, id: false, articleId: false }
    expect(quoteQueries({ ...p, speakerLean: false }).WHO_SAID_WHAT_ABOUT_REF).toBe(quoteQueries(p).WHO_SAID_WHAT_ABOUT_REF)
    expect(quoteQueries({ ...p, speakerLean: true }).WHO_SAID_WHAT_ABOUT_REF).toBe(quoteQueries(p).WHO_SAID_WHAT_ABOUT_REF.replace(ENTITY('s'), ENTITY_LEAN('s')))
    // the other queries do not read a group's speaker: one text whatever speakerLean says
    expect(quoteQueries({ ...p, speakerLean: true }).QUOTES_PAGE).toBe(quoteQueries(p).QUOTES_PAGE)
  })
})
