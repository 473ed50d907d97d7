// Likely duplicate entities for people to review (`npm run entities -- candidates`): pairs of nodes
// with evidence that they may be one entity, ranked. Read-only; the decisions are curation.ts's.
import type { Driver } from 'neo4j-driver'
import { compatible } from './resolve.ts'

export const ALL_ENTITIES = `
MATCH (e:Entity)
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases, COUNT { (e)<-[:MENTIONS]-(:Article) } AS articles`

export const CO_OCCURRENCE = `
UNWIND $pairs AS p
MATCH (a:Entity {id: p.a})<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(:Entity {id: p.b})
RETURN p.a AS a, p.b AS b, count(DISTINCT art) AS together`

/** the pairs people already said are two entities */
export const DISTINCT_PAIRS = `
MATCH (d:Decision {kind: 'distinct'})
RETURN d.a AS a, d.b AS b`

export interface CandidateEntity {
  id: string
  name: string
  type: string
  articles: number
}

export interface Candidate {
  a: CandidateEntity
  b: CandidateEntity
  score: number
  /** why they may be one: human-readable lines */
  evidence: string[]
  /** articles that mention both (the extraction kept them apart there: a sign they differ) */
  together: number
}

/** the words of a name, lower case, without punctuation or possessives */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}@]+/u)
    .filter(Boolean)
}

/** buckets larger than this (a common word) give no pairs: they would be noise and quadratic */
const MAX_BUCKET = 40

export async function findCandidates(driver: Driver, opts: { limit?: number; database?: string } = {}): Promise<Candidate[]> {
  const limit = opts.limit ?? 20
  const { records } = await driver.executeQuery(ALL_ENTITIES, {}, { database: opts.database, routing: 'READ' })
  const entities = records.map((r) => ({ id: r.get('id') as string, name: r.get('name') as string, type: r.get('type') as string, articles: Number(r.get('articles')), aliases: r.get('aliases') as string[] }))
  const apart = new Set((await driver.executeQuery(DISTINCT_PAIRS, {}, { database: opts.database, routing: 'READ' })).records.map((r) => [r.get('a'), r.get('b')].sort().join('\u0000')))

  const pairs = new Map<string, { a: (typeof entities)[number]; b: (typeof entities)[number]; score: number; evidence: string[] }>()
  const add = (x: (typeof entities)[number], y: (typeof entities)[number], score: number, why: string): void => {
    if (x.id === y.id) return
    const [a, b] = x.id < y.id ? [x, y] : [y, x]
    const key = `${a.id}\u0000${b.id}`
    if (apart.has(key)) return
    const p = pairs.get(key) ?? pairs.set(key, { a, b, score: 0, evidence: [] }).get(key)!
    if (p.evidence.includes(why)) return
    p.score += score
    p.evidence.push(why)
  }
  const bucket = <T>(m: Map<string, T[]>, k: string, v: T): void => void (m.get(k) ?? m.set(k, []).get(k)!).push(v)

  // 1. a name or alias in common (the same name typed differently is the strongest sign)
  const byName = new Map<string, (typeof entities)[number][]>()
  for (const e of entities) for (const n of new Set([e.name, ...e.aliases].map((s) => nameWords(s).join(' ')).filter(Boolean))) bucket(byName, n, e)
  for (const [n, es] of byName) {
    if (es.length < 2 || es.length > MAX_BUCKET) continue
    for (let i = 0; i < es.length; i++)
      for (let j = i + 1; j < es.length; j++) {
        const [x, y] = [es[i], es[j]]
        const both = nameWords(x.name).join(' ') === n && nameWords(y.name).join(' ') === n
        if (both && x.type !== y.type) add(x, y, 5, `same name "${x.name}" typed ${x.type} and ${y.type}`)
        else add(x, y, both ? 4 : 3, `share the name "${n}"`)
      }
  }
  // 2. people of one surname with compatible given names (initials, middle names), or a surname alone
  const bySurname = new Map<string, { e: (typeof entities)[number]; words: string[] }[]>()
  for (const e of entities) {
    const words = nameWords(e.name)
    if (words.length && (e.type === 'Person' || words.length === 1)) bucket(bySurname, words[words.length - 1], { e, words })
  }
  for (const [surname, es] of bySurname) {
    if (es.length < 2 || es.length > MAX_BUCKET) continue
    for (let i = 0; i < es.length; i++)
      for (let j = i + 1; j < es.length; j++) {
        const [x, y] = [es[i], es[j]]
        if (x.words.length > 1 && y.words.length > 1) {
          if (compatible(x.words, y.words)) add(x.e, y.e, 2, `compatible full names "${x.e.name}" ~ "${y.e.name}"`)
        } else if (x.words.length !== y.words.length) {
          const [one, full] = x.words.length === 1 ? [x.e, y.e] : [y.e, x.e]
          add(one, full, 1, `"${one.name}" is the surname of "${full.name}" (${es.filter((s) => s.words.length > 1).length} people of surname "${surname}")`)
        }
      }
  }

  // the strongest first; then how often they are mentioned
  const ranked = [...pairs.values()].sort((p, q) => q.score - p.score || q.a.articles + q.b.articles - (p.a.articles + p.b.articles) || (p.a.id + p.b.id < q.a.id + q.b.id ? -1 : 1))
  const top = ranked.slice(0, Math.max(limit * 5, 50))
  const together = new Map<string, number>()
  if (top.length) {
    const res = await driver.executeQuery(CO_OCCURRENCE, { pairs: top.map((p) => ({ a: p.a.id, b: p.b.id })) }, { database: opts.database, routing: 'READ' })
    for (const r of res.records) together.set(`${r.get('a')}\u0000${r.get('b')}`, Number(r.get('together')))
  }
  const strip = (e: (typeof entities)[number]): CandidateEntity => ({ id: e.id, name: e.name, type: e.type, articles: e.articles })
  return top
    .map((p) => {
      const n = together.get(`${p.a.id}\u0000${p.b.id}`) ?? 0
      const evidence = [...p.evidence, n ? `both mentioned in ${n} article(s): the extraction kept them apart there` : 'never mentioned in the same article']
      // two names one article keeps apart are probably two entities: half the score
      return { a: strip(p.a), b: strip(p.b), score: n ? p.score / 2 : p.score, evidence, together: n }
    })
    .sort((p, q) => q.score - p.score || q.a.articles + q.b.articles - (p.a.articles + p.b.articles) || (p.a.id + p.b.id < q.a.id + q.b.id ? -1 : 1))
    .slice(0, limit)
}
