// Every write statement that finds relationships by an indexed property asks for an index SEEK.
//
// The write path keeps the plan Neo4j made first (`CYPHER replan=skip`, src/graph/plan-cache.ts). A plan
// made while the graph was small may find relationships by scanning a whole index (a plain `USING INDEX`
// hint allows a scan) or their type, and that plan is then kept as the graph grows: in a 9,000-article
// ingest ARTICLE_FACTS_TO_MOVE ran for minutes a call on such a kept plan (docs/performance.md, "Kept
// plans must seek"). `USING INDEX SEEK` leaves the planner no scan to choose, whatever its statistics.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as aggregates from '../../src/graph/aggregates.ts'
import * as coMentions from '../../src/graph/co-mentions.ts'
import * as curation from '../../src/graph/curation.ts'
import * as decisions from '../../src/graph/decisions.ts'
import * as deferred from '../../src/graph/deferred.ts'
import * as groupLocks from '../../src/graph/group-locks.ts'
import * as moves from '../../src/graph/moves.ts'
import * as pages from '../../src/graph/pages.ts'
import * as plan from '../../src/graph/plan.ts'
import * as remove from '../../src/graph/remove.ts'
import * as write from '../../src/graph/write.ts'

/** (type, property) of every relationship range index of the schema */
function relationshipIndexes(): Set<string> {
  const schema = readFileSync(join(import.meta.dirname, '../../schema/graph.cypher'), 'utf8')
  const out = new Set<string>()
  for (const m of schema.matchAll(/FOR \(\)-\[(\w+):(\w+)\]-\(\) ON \(\1\.(\w+)\)/g)) out.add(`${m[2]}.${m[3]}`)
  return out
}

/** The Cypher texts a module exports: strings, arrays of strings, and expression builders called with placeholder names. */
function texts(mod: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = []
  for (const [name, v] of Object.entries(mod)) {
    if (typeof v === 'string' && /\b(MATCH|MERGE|CREATE)\b/.test(v)) out.push([name, v])
    else if (Array.isArray(v)) v.forEach((x, i) => typeof x === 'string' && /\bMATCH\b/.test(x) && out.push([`${name}[${i}]`, x]))
    else if (typeof v === 'function' && /^[A-Z_]+$/.test(name) && v.length >= 1 && v.length <= 3) {
      const s = (v as (...a: string[]) => unknown)('x1', 'x2', 'x3')
      if (typeof s === 'string' && /\bMATCH\b/.test(s)) out.push([name, s])
    }
  }
  return out
}

const NEXT_CLAUSE = /^(RETURN|WITH|CALL|UNWIND|SET|DELETE|DETACH|MERGE|CREATE|REMOVE|UNION|OPTIONAL|MATCH|FOREACH)\b/

/** The MATCH clause that starts `rest` (after its keyword): pattern, hints and WHERE, up to the next clause or subquery. */
function matchClause(rest: string): string {
  let nest = 0
  let i = 0
  for (; i < rest.length; i++) {
    const c = rest[i]
    if (c === '(' || c === '[' || (c === '{' && nest > 0)) nest++
    else if (c === ')' || c === ']' || (c === '}' && nest > 0)) nest--
    else if (c === '{' || c === '}') break
    else if (nest === 0 && /\W/.test(rest[i - 1] ?? ' ') && NEXT_CLAUSE.test(rest.slice(i)) && !/(STARTS|ENDS)\s+$/.test(rest.slice(0, i))) break
  }
  return rest.slice(0, i)
}

/** What in `text` looks relationships up by an indexed property without `USING INDEX SEEK` on it. */
export function unhintedLookups(text: string, indexed: Set<string>): string[] {
  const found: string[] = []
  for (const start of text.matchAll(/\bMATCH\b/g)) {
    const clause = matchClause(text.slice(start.index! + 5))
    const types = new Map<string, string>()
    for (const m of clause.matchAll(/\[(\w+):(\w+)\s*(\{[^}]*\})?\]/g)) {
      types.set(m[1], m[2])
      for (const p of (m[3] ?? '').matchAll(/(\w+)\s*:/g)) if (indexed.has(`${m[2]}.${p[1]}`)) found.push(`${m[1]}:${m[2]} {${p[1]}: ...} (a property map, not a hinted lookup)`)
    }
    for (const m of clause.matchAll(/\[:(\w+)\s*\{([^}]*)\}\]/g)) {
      for (const p of m[2].matchAll(/(\w+)\s*:/g)) if (indexed.has(`${m[1]}.${p[1]}`)) found.push(`:${m[1]} {${p[1]}: ...} (a property map, not a hinted lookup)`)
    }
    for (const m of clause.matchAll(/\b(\w+)\.(\w+)\s*(=|STARTS WITH|IN)\s/g)) {
      const type = types.get(m[1])
      if (!type || !indexed.has(`${type}.${m[2]}`)) continue
      if (!clause.includes(`USING INDEX SEEK ${m[1]}:${type}(${m[2]})`)) found.push(`${m[1]}:${type} by ${m[2]} ${m[3]}`)
    }
  }
  return found
}

describe('write statements seek indexed relationships', () => {
  const indexed = relationshipIndexes()

  it('reads the relationship indexes of the schema', () => {
    expect(indexed.has('MENTIONS.page')).toBe(true)
    expect(indexed.has('RELATED_WEIGHT.pair')).toBe(true)
  })

  it('flags a lookup without the SEEK hint, a plain USING INDEX and a property map', () => {
    expect(unhintedLookups('MATCH (a)-[m:MENTIONS]->(e) WHERE m.group IN $groups RETURN a', indexed)).toEqual(['m:MENTIONS by group IN'])
    expect(unhintedLookups('MATCH ()-[r:SAID]->(q) USING INDEX r:SAID(page) WHERE r.page STARTS WITH $k RETURN q', indexed)).toEqual(['r:SAID by page STARTS WITH'])
    expect(unhintedLookups('UNWIND $ids AS id MATCH ()-[r:RELATED {articleId: id}]->() DELETE r', indexed)).toHaveLength(1)
    expect(unhintedLookups('MATCH (a)-[m:MENTIONS]->(e) USING INDEX SEEK m:MENTIONS(group) WHERE m.group IN $groups RETURN a', indexed)).toEqual([])
    // a filter on a relationship reached from a bound node, or a property written, is not a lookup
    expect(unhintedLookups('MATCH (a:Article {id: $id})-[m:MENTIONS]->(e) WHERE m.group IS NOT NULL RETURN m', indexed)).toEqual([])
    expect(unhintedLookups('MATCH (a)-[m:MENTIONS]->(e) SET m.page = $p', indexed)).toEqual([])
  })

  const modules = { aggregates, coMentions, curation, decisions, deferred, groupLocks, moves, pages, plan, remove, write }
  for (const [file, mod] of Object.entries(modules)) {
    it(`${file}: every lookup of an indexed relationship property is an index seek`, () => {
      const misses = texts(mod as Record<string, unknown>).flatMap(([name, text]) => unhintedLookups(text, indexed).map((m) => `${name}: ${m}`))
      expect(misses).toEqual([])
    })
  }
})
