// The GraphQL questions the benchmarks ask of the API (bench-scale, bench-request-cost) and the
// targets they ask about, picked from the graph: the most quoted entity, the two people who say the
// most, and a typo of the first one's surname (a search must be forgiving); the first one's full name is
// searched too, as most searches are typed.
import type { Driver } from 'neo4j-driver'
import { toPlain } from '../../src/graph/read.ts'

export const QUERIES: Record<string, { label: string; query: string; vars: (t: Targets) => Record<string, unknown> }> = {
  who: {
    label: 'whoSaidWhatAbout (most quoted)',
    query: `query Who($about: String!) { whoSaidWhatAbout(about: $about, first: 10) {
      speaker { id name type } speakerName count quotes { text kind article { title publishedAt } } } }`,
    vars: (t) => ({ about: t.mostQuoted }),
  },
  personQuotes: {
    label: "a person's quotes + totalCount",
    query: `query PersonQuotes($name: String!) { entity(name: $name) { id name
      ... on Person { quotes(first: 10) { totalCount edges { node { text kind about { name } article { title } } } } } } }`,
    vars: (t) => ({ name: t.person }),
  },
  quotesAbout: {
    label: 'quotes(about) + totalCount',
    query: `query QuotesAbout($about: String!) { quotes(filter: { about: $about }, first: 10) {
      totalCount edges { node { text speaker { name } article { title } } } } }`,
    vars: (t) => ({ about: t.mostQuoted }),
  },
  quotesBy: {
    label: 'quotes(speaker) + totalCount',
    query: `query QuotesBy($speaker: String!) { quotes(filter: { speaker: $speaker }, first: 10) {
      totalCount edges { node { text about { name } article { title } } } } }`,
    vars: (t) => ({ speaker: t.person }),
  },
  articles: {
    label: 'articles(mentions) + totalCount',
    query: `query Mentioning($name: String!) { articles(filter: { mentions: $name }, first: 10) {
      totalCount edges { node { id title publishedAt } } } }`,
    vars: (t) => ({ name: t.mostQuoted }),
  },
  related: {
    label: 'entity.related',
    query: `query Related($name: String!) { entity(name: $name) { name related(first: 10) { weight coMentions entity { name type } } } }`,
    vars: (t) => ({ name: t.person }),
  },
  path: {
    label: 'path (two prominent people)',
    query: `query Path($from: String!, $to: String!) { path(from: $from, to: $to, maxHops: 4) { from { name } kind label to { name } evidence } }`,
    vars: (t) => ({ from: t.person, to: t.person2 }),
  },
  search: {
    label: 'search (a typo)',
    query: `query Search($q: String!) { search(query: $q, first: 10) { id name type mentionCount } }`,
    vars: (t) => ({ q: t.typo }),
  },
  searchName: {
    label: 'search (a full name)',
    query: `query SearchName($q: String!) { search(query: $q, first: 10) { id name type mentionCount } }`,
    vars: (t) => ({ q: t.person }),
  },
  stats: {
    label: 'stats',
    query: `{ stats { articles people organisations countries places quotes relations } }`,
    vars: () => ({}),
  },
  nested: {
    label: 'nested, three levels',
    query: `query Nested($name: String!) { entity(name: $name) { id name mentionCount
      related(first: 5) { weight entity { name type
        ... on Person { quotes(first: 3) { totalCount edges { node { text about { name } article { title } } } } }
        articles(first: 3) { totalCount edges { node { title publishedAt } } } } } } }`,
    vars: (t) => ({ name: t.person }),
  },
}

/** the bench's targets, picked from the graph after each step (they may change as it grows) */
export interface Targets {
  mostQuoted: string
  person: string
  person2: string
  typo: string
}
const MOST_QUOTED = `
MATCH (e:Entity)<-[:ABOUT]-(q:Quote)
RETURN e.name AS name, count(q) AS n ORDER BY n DESC, name LIMIT 1`
const MOST_QUOTING_PEOPLE = `
MATCH (p:Person)-[:SAID]->(q:Quote)
WITH p, count(q) AS n WHERE p.name CONTAINS ' '
RETURN p.name AS name, n ORDER BY n DESC, name LIMIT 2`

export async function rows(driver: Driver, query: string): Promise<Record<string, unknown>[]> {
  const res = await driver.executeQuery(query, {}, { routing: 'READ' })
  return res.records.map((r) => toPlain(r.toObject()) as Record<string, unknown>)
}

export async function targets(driver: Driver): Promise<Targets> {
  const [quoted] = await rows(driver, MOST_QUOTED)
  const people = await rows(driver, MOST_QUOTING_PEOPLE)
  if (!quoted || people.length < 2) throw new Error('the graph has no quoted entity or fewer than two quoting people')
  const surname = String(people[0].name).split(' ').at(-1)!.toLowerCase()
  // a typo in the surname, as a user would type it: the search must be forgiving
  const typo = surname.length > 4 ? surname.slice(0, 2) + surname.slice(3) : surname
  return { mostQuoted: String(quoted.name), person: String(people[0].name), person2: String(people[1].name), typo }
}
