// Answers, db hits and Cypher queries of many read requests (issue 13), answered in this process by a
// checkout's API with a PROFILE-ing executor, on a graph that is already there (e.g. bench:scale --keep):
// whoSaidWhatAbout of the 25 most quoted entities (three selections), a person's quotes (with and
// without `about`), quotes by speaker and subject, the nested query, and Query.path between ~345 pairs
// (the most mentioned entities and a spread of minor ones; maxHops 1, 4 and 6). Never part of npm test.
//
//   npx tsx scripts/bench-answers.ts BOLT_URI CHECKOUT_DIR OUT.json   answers of that checkout's API
//   npx tsx scripts/bench-answers.ts --compare BEFORE.json AFTER.json  which answers differ (paths: how), db hits
import neo4j from 'neo4j-driver'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { toPlain } from '../src/graph/read.ts'

type Out = Record<string, { answer: string; hits: number; queries: number }>
if (process.argv[2] === '--compare') {
  const [a, b] = process.argv.slice(3).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Out)
  type Step = { to: { id: string }; kind: string }
  const path = (o: Out[string]) => (JSON.parse(o.answer) as { data?: { path: Step[] | null } }).data?.path
  const kinds: Record<string, number> = {}
  const note = (k: string) => (kinds[k] = (kinds[k] ?? 0) + 1)
  for (const k of Object.keys(a)) {
    if (a[k].answer === b[k].answer) continue
    if (!k.startsWith('path')) { note(`differs: ${k}`); continue }
    const [pa, pb] = [path(a[k]), path(b[k])]
    if (pa === undefined || pb === undefined) note('path: an error')
    else if (pa === null || pb === null) note('path: found by one only')
    else if (pa.length !== pb.length) note('path: other length')
    else if (pa.map((s) => s.to.id).join() !== pb.map((s) => s.to.id).join()) note('path: other nodes, same length')
    else if (pa.map((s) => s.kind).join() !== pb.map((s) => s.kind).join()) note('path: same nodes, other kinds of step')
    else note('path: same nodes and kinds, other evidence')
  }
  console.log(`${Object.keys(a).length} requests; answers that differ:`, kinds)
  const by: Record<string, number[]> = {}
  for (const k of Object.keys(a)) {
    const v = (by[k.split(' ')[0]] ??= [0, 0, 0, 0, 0, 0, 0])
    v[0]++; v[1] += a[k].hits; v[2] += b[k].hits; v[3] += a[k].queries; v[4] += b[k].queries
    v[5] = Math.max(v[5], a[k].hits); v[6] = Math.max(v[6], b[k].hits)
  }
  for (const [t, v] of Object.entries(by)) {
    console.log(`${t.padEnd(7)} ${String(v[0]).padStart(4)} requests  db hits mean ${Math.round(v[1] / v[0])} -> ${Math.round(v[2] / v[0])}, max ${v[5]} -> ${v[6]}  Cypher queries mean ${(v[3] / v[0]).toFixed(2)} -> ${(v[4] / v[0]).toFixed(2)}`)
  }
  process.exit(0)
}
const [uri, tree, out] = process.argv.slice(2)
if (!uri || !tree || !out) {
  console.error('usage: bench-answers.ts BOLT_URI CHECKOUT_DIR OUT.json | --compare BEFORE.json AFTER.json')
  process.exit(2)
}
const driver = neo4j.driver(uri, { scheme: 'basic', principal: '', credentials: '' } as never)
const server = await import(pathToFileURL(join(tree, 'src/api/server.ts')).href)
const config = await import(pathToFileURL(join(tree, 'src/config.ts')).href)
const rows = async (q: string) => (await driver.executeQuery(q, {}, { routing: 'READ' })).records.map((r) => toPlain(r.toObject()) as { name: string; id: string })
const quoted = (await rows(`MATCH (e:Entity) WHERE e.quotedAboutCount > 0 RETURN e.name AS name ORDER BY e.quotedAboutCount DESC, e.id LIMIT 25`)).map((r) => r.name)
const speakers = (await rows(`MATCH (e:Person) WHERE e.quoteCount > 0 RETURN e.name AS name ORDER BY e.quoteCount DESC, e.id LIMIT 25`)).map((r) => r.name)
const people = (await rows(`MATCH (e:Entity) RETURN e.name AS name, e.id AS id ORDER BY coalesce(e.articleCount,0) DESC, e.id LIMIT 40`))
const minor = (await rows(`MATCH (e:Entity) WHERE e.articleCount >= 1 RETURN e.name AS name, e.id AS id ORDER BY e.id LIMIT 400`)).filter((_, i) => i % 20 === 0)
const bodies: [string, string, Record<string, unknown>][] = []
const WHO = `query W($about: String!, $f: Int, $p: Int) { whoSaidWhatAbout(about: $about, first: $f, quotesPerSpeaker: $p) { speaker { id name type } speakerName count quotes { id text kind article { title publishedAt } } } }`
const WHO_ALL = `query W($about: String!) { whoSaidWhatAbout(about: $about, first: 5, quotesPerSpeaker: 4) { speaker { id name } speakerName count quotes { id text kind sentence start end cue sentiment speakerName publishedAt fragments { text } speaker { id } about { id name } article { id title url } } } }`
for (const n of quoted) { bodies.push([`who ${n}`, WHO, { about: n, f: 10, p: 10 }]); bodies.push([`who3 ${n}`, WHO, { about: n, f: 20, p: 3 }]); bodies.push([`whoall ${n}`, WHO_ALL, { about: n }]) }
const PQ = `query P($name: String!) { entity(name: $name) { id name ... on Person { quotes(first: 10) { totalCount edges { node { text kind about { name } article { title } } } } } } }`
const PQA = `query P($name: String!, $about: String) { entity(name: $name) { id name ... on Person { quotes(first: 5, about: $about) { totalCount edges { node { id text } } } } } }`
const QA = `query Q($about: String!, $sp: String) { quotes(filter: { about: $about, speaker: $sp }, first: 7) { totalCount edges { node { id text speaker { name } } } } }`
for (const n of speakers) { bodies.push([`pq ${n}`, PQ, { name: n }]); for (const x of quoted.slice(0, 4)) { bodies.push([`pqa ${n} ${x}`, PQA, { name: n, about: x }]); bodies.push([`qa ${n} ${x}`, QA, { about: x, sp: n }]) } }
const NESTED = `query Nested($name: String!) { entity(name: $name) { id name mentionCount
      related(first: 5) { weight entity { name type
        ... on Person { quotes(first: 3) { totalCount edges { node { text about { name } article { title } } } } }
        articles(first: 3) { totalCount edges { node { title publishedAt } } } } } } }`
for (const n of speakers.slice(0, 10)) bodies.push([`nested ${n}`, NESTED, { name: n }])
// entity(name) with its children read in its own query (src/api/entity-ahead.ts): pages, aliases, fragments, @skip
const EQ = [
  `query E($name: String!) { entity(name: $name) { id name related(first: 4) { weight coMentions entity { id name } relations { type evidence } } } }`,
  `query E($name: String!, $after: String) { entity(name: $name) { id ... on Person { quotes(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id text sentence speaker { name } } } } } } }`,
  `query E($name: String!) { entity(name: $name) { id ... on Person { a: quotes(first: 2) { totalCount } b: quotes(first: 3) { edges { node { id } } } } } }`,
  `query E($name: String!) { entity(name: $name) { id ...F related { weight } } } fragment F on Person { quotes { totalCount edges { node { id start end cue publishedAt article { id url } } } } }`,
  `query E($name: String!, $s: Boolean!) { entity(name: $name) { id ... on Person { quotes(first: 4) @skip(if: $s) { totalCount } } ... on Organisation { quotes(first: 1) { totalCount } } } }`,
  // Entity.related through its loader (search is no entity(name)): with and without its relations, and relations under a fragment or @include
  `query E($name: String!) { search(query: $name, first: 2) { id related(first: 3) { weight entity { id } } } }`,
  `query E($name: String!, $s: Boolean!) { search(query: $name, first: 2) { id related(first: 3) { weight ...R relations @include(if: $s) { type } } } } fragment R on RelatedEntity { relations { evidence } }`,
  `query E($name: String!, $s: Boolean!) { entity(name: $name) { id related(first: 3) { weight relations @include(if: $s) { type evidence } } } }`,
]
const after = Buffer.from('o:1').toString('base64url')
for (const n of [...speakers.slice(0, 8), ...people.slice(0, 8).map((p) => p.name), ...minor.slice(0, 6).map((p) => p.name), 'nobody at all', minor[0]?.id ?? 'x:y']) {
  EQ.forEach((q, i) => bodies.push([`ent${i} ${n}`, q, { name: n, after, s: i % 2 === 0 }]))
}
// names as a user types them (src/graph/name-keys.ts): lowered, upper-cased, each alias; through the
// entityByName loader (ENTITIES_BY_NAME) and through a query that resolves its own name (ENTITY_REF)
const aliased = await rows(`MATCH (e:Entity) WHERE size(coalesce(e.aliases, [])) > 0 RETURN e.name AS name, e.aliases[0..3] AS id ORDER BY coalesce(e.articleCount,0) DESC, e.id LIMIT 30`)
const typed = [...people.slice(0, 20).flatMap((p) => [p.name.toLowerCase(), p.name.toUpperCase()]), ...aliased.flatMap((p) => p.id as unknown as string[]), ...minor.map((p) => p.name.toLowerCase()), 'TRUMP', 'trump', 'Ünknown Ñame', 'K\u212aelvin']
const NAME = `query N($name: String!) { entity(name: $name) { id name mentionCount } articles(filter: { mentions: $name }, first: 2) { totalCount edges { node { id } } } }`
for (const n of typed) bodies.push([`name ${n}`, NAME, { name: n }])
const PATH = `query Path($from: String!, $to: String!, $h: Int) { path(from: $from, to: $to, maxHops: $h) { from { id name } kind label to { id name } evidence article { id } } }`
const ends = [...people.slice(0, 20), ...minor]
for (let i = 0; i < ends.length; i++) for (let j = i + 1; j < ends.length; j += 3) bodies.push([`path ${ends[i].id} ${ends[j].id}`, PATH, { from: ends[i].name, to: ends[j].name, h: 4 }])
for (const a of people.slice(0, 6)) for (const b of minor.slice(0, 6)) bodies.push([`path6 ${a.id} ${b.id}`, PATH, { from: a.name, to: b.name, h: 6 }])
for (const a of people.slice(0, 6)) for (const b of people.slice(6, 12)) bodies.push([`path1 ${a.id} ${b.id}`, PATH, { from: a.name, to: b.name, h: 1 }])
let hits = 0, queries = 0
type Plan = { dbHits: number; children: Plan[] }
const hitsOf = (p: Plan | false | undefined): number => (p ? p.dbHits + p.children.reduce((n, c) => n + hitsOf(c), 0) : 0)
const executor = {
  get roundTrips() { return queries },
  async run(query: string, params: Record<string, unknown> = {}) {
    queries++
    const session = driver.session({ defaultAccessMode: neo4j.session.READ })
    try { const r = await session.run(`PROFILE ${query}`, params); hits += hitsOf(r.summary.profile as Plan | false); return r.records.map((x) => toPlain(x.toObject())) } finally { await session.close() }
  },
}
const { yoga } = server.createApp(config.loadConfig({}), driver, { executor, responseCacheTtlMs: 0, ingest: null })
const res: Out = {}
const sums: Record<string, { hits: number; queries: number; n: number }> = {}
for (const [name, query, variables] of bodies) {
  hits = 0; queries = 0
  const r = await yoga.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  const answer = await r.text()
  res[name] = { answer, hits, queries }
  const kind = name.split(' ')[0]
  sums[kind] ??= { hits: 0, queries: 0, n: 0 }; sums[kind].hits += hits; sums[kind].queries += queries; sums[kind].n++
}
writeFileSync(out, JSON.stringify(res, null, 1))
for (const [k, v] of Object.entries(sums)) console.log(k.padEnd(8), 'n', v.n, 'hits/req', (v.hits / v.n).toFixed(1), 'queries/req', (v.queries / v.n).toFixed(2))
await driver.close()
