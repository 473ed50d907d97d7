// Curation against a real Neo4j (src/graph/curation.ts, decisions.ts, src/cli/entities.ts, the API's
// mutations): decisions made with the CLI move the facts at once, keep derived names, aliases and
// merged ids equal to a recount, survive the removal and re-ingestion of every article, apply to an
// article ingested later, and give the same graph whether they were made before or after ingestion.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { decide, undoDecision } from '../../src/graph/curation.ts'
import { removeArticle } from '../../src/graph/write.ts'
import { openTestDriver, resetDatabase, testConfig } from '../support/neo4j.ts'
import { integrityViolations, NONE } from '../support/integrity.ts'
import { gql, startApi } from './api-support.ts'
import { fingerprint, ROOT, runCli } from './ingest-support.ts'

const IDENTITY = join(ROOT, 'test/fixtures/identity')
const FILES = readdirSync(IDENTITY).filter((f) => f.endsWith('.json')).sort().map((f) => join(IDENTITY, f))
const LATER = join(ROOT, 'test/fixtures/curation/2031-03-25-authority-later.json')
const LATER_URL = 'https://curation.example.org/2031-03-25/authority-later'
const ENTITIES_CLI = join(ROOT, 'src/cli/entities.ts')
const TOKEN = 'curation-test-token-0123456789'

let driver: Driver
let env: Record<string, string>

beforeAll(async () => {
  driver = await openTestDriver()
  env = { NEO4J_URI: inject('neo4jUri') }
})
afterAll(async () => {
  await driver?.close()
})

function entities(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTITIES_CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

const q = async (cypher: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject())

/** Entities with everything resolution derives, and the decisions (as identity.test.ts prints them). */
async function print() {
  const ents = await q(`MATCH (e:Entity) RETURN e.id + ' ' + e.type + ' ' + e.name + ' [' + reduce(s = '', a IN coalesce(e.aliases, []) | s + a + '|') + '] [' +
    reduce(s = '', a IN coalesce(e.aliasIds, []) | s + a + '|') + '] ' + reduce(s = '', l IN labels(e) | s + ':' + l) AS line`)
  const decisions = await q(`MATCH (d:Decision) RETURN d.id + ' ' + d.kind + ' ' + d.a + ' ' + coalesce(d.b, '') + ' ' + coalesce(d.name, '') AS line`)
  return { graph: await fingerprint(driver), entities: ents.map((r) => r.line as string).sort(), decisions: decisions.map((r) => r.line as string).sort() }
}

/** the node an article's mention of `text` is on */
async function at(url: string, text: string): Promise<string | null> {
  const rows = await q(
    `MATCH (a:Article {url: $url})-[m:MENTIONS]->(e:Entity)
     WHERE any(i IN range(0, size(m.starts) - 1) WHERE substring(a.text, m.starts[i], m.ends[i] - m.starts[i]) = $text)
     RETURN e.id AS id`,
    { url, text },
  )
  return (rows[0]?.id as string | undefined) ?? null
}
const url = (slug: string) => `https://identity.example.org/${slug}`

/**
 * Derived values recounted from the base facts (the MENTIONS' forms) and the decisions: a node's name
 * is one of its forms' names, or the name a rename gave it; its aliases are the other names; its
 * merged ids the other form ids. And every decision holds: merged refs on one node, distinct refs on
 * two, a split form's records on a node of its own, a renamed node showing its name.
 */
async function recountProblems(): Promise<string[]> {
  const out: string[] = []
  const rows = await q(`
    MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
    WITH e, collect(m) AS ms
    WITH e, reduce(s = [], m IN ms | s + [m.formName] + m.formAliases) AS names, [m IN ms | m.form] AS forms
    UNWIND names AS n
    WITH e, forms, collect(DISTINCT n) AS names
    RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.aliasIds AS aliasIds, names, forms`)
  const decisions = (await q('MATCH (d:Decision) RETURN d.kind AS kind, d.a AS a, d.b AS b, d.name AS name, d.seq AS seq ORDER BY d.seq')) as { kind: string; a: string; b: string | null; name: string | null }[]
  /** the node a ref finds: its id, else the node holding the most articles of that form */
  const nodeOf = async (ref: string): Promise<string | null> => {
    const r = await q(
      `OPTIONAL MATCH (a:Article)-[:MENTIONS {form: $ref}]->(h:Entity)
       WITH h, count(DISTINCT a) AS n ORDER BY n DESC, h.id
       WITH head(collect(h.id)) AS holder
       OPTIONAL MATCH (e:Entity {id: $ref}) WHERE EXISTS { (e)<-[:MENTIONS]-() }
       RETURN coalesce(e.id, holder) AS id`,
      { ref },
    )
    return (r[0]?.id as string | null) ?? null
  }
  const renamed = new Map<string, string>()
  for (const d of decisions) if (d.kind === 'rename') renamed.set((await nodeOf(d.a))!, d.name!)
  for (const r of rows) {
    const id = r.id as string
    const names = new Set(r.names as string[])
    const name = r.name as string
    if (renamed.has(id) ? renamed.get(id) !== name : !names.has(name)) out.push(`${id}: name ${name} is neither a form's name nor a rename`)
    const aliases = [...names].filter((n) => n !== name).sort()
    const ids = [...new Set(r.forms as string[])].filter((f) => f !== id).sort()
    if (JSON.stringify(aliases) !== JSON.stringify([...(r.aliases as string[])].sort())) out.push(`${id}: aliases ${r.aliases} != recount ${aliases}`)
    if (JSON.stringify(ids) !== JSON.stringify([...(r.aliasIds as string[])].sort())) out.push(`${id}: aliasIds ${r.aliasIds} != recount ${ids}`)
  }
  for (const d of decisions) {
    const a = await nodeOf(d.a)
    const b = d.b ? await nodeOf(d.b) : null
    if (d.kind === 'merge' && a && b && a !== b) out.push(`merge ${d.a} ${d.b}: on ${a} and ${b}`)
    if (d.kind === 'distinct' && a && a === b) out.push(`distinct ${d.a} ${d.b}: both on ${a}`)
    if (d.kind === 'split') {
      const elsewhere = await q('MATCH (:Article)-[:MENTIONS {form: $f}]->(e:Entity) WHERE e.id <> $f RETURN DISTINCT e.id AS id', { f: d.a })
      if (elsewhere.length) out.push(`split ${d.a}: records on ${elsewhere.map((x) => x.id).join(', ')}`)
    }
  }
  return out
}

describe('curation', () => {
  let curated: Awaited<ReturnType<typeof print>>

  it('the CLI lists candidates, makes decisions that move facts at once, refuses bad ones clearly, and undoes', async () => {
    await resetDatabase(driver)
    expect((await runCli([...FILES, '--no-progress'], env)).code).toBe(0)
    const before = await print()

    const cand = await entities(['candidates', '--json', '--limit', '5'])
    expect(cand.code, cand.stderr).toBe(0)
    const list = JSON.parse(cand.stdout) as { a: { id: string }; b: { id: string }; evidence: string[] }[]
    expect(list.length).toBeGreaterThan(0)
    expect(list.length).toBeLessThanOrEqual(5)
    const kessler = list.find((c) => [c.a.id, c.b.id].sort().join() === 'person:ida-kessler,person:kessler')
    expect(kessler?.evidence.join('\n')).toMatch(/surname of "Ida Kessler"[\s\S]*never mentioned in the same article/)
    const text = await entities(['candidates', '--limit', '1'])
    expect(text.stdout).toMatch(/^1\. score .*\n(\s+- .*\n)+\s+merge: npm run entities -- merge /)
    expect(text.stdout).not.toMatch(/^2\./m)

    // merge within a name group: the surname-only article joins the sister the user names
    let r = await entities(['merge', 'Kessler', 'Ida Kessler'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^decision d1: merge person:kessler person:ida-kessler\n/)
    expect(await at(url('2031-03-22/kessler-bare'), 'Kessler')).toBe('person:ida-kessler')
    expect(await recountProblems()).toEqual([])

    // merge across name groups: the authority's mentions move to Harlow Mills (more articles: its id stays)
    r = await entities(['merge', 'Harlow Mills', 'Brennhavn Harbour Authority'])
    expect(r.code, r.stderr).toBe(0)
    expect(await at(url('2031-03-02/valdane-port'), 'Brennhavn Harbour Authority')).toBe('org:harlow-mills')
    expect((await q("MATCH (e:Entity {id: 'org:harlow-mills'}) RETURN e.aliases AS a"))[0].a).toContain('Brennhavn Harbour Authority')
    expect(await q("MATCH (e:Entity {id: 'org:brennhavn-harbour-authority'}) RETURN e")).toEqual([])
    expect(await recountProblems()).toEqual([])

    // distinct: resolution joins "S. Valdane" to Selma Valdane; the decision keeps them apart
    expect(await at(url('2031-03-05/valdane-quays'), 'S. Valdane')).toBe('person:selma-valdane')
    r = await entities(['distinct', 'S. Valdane', 'Selma Valdane'])
    expect(r.code, r.stderr).toBe(0)
    expect(await at(url('2031-03-05/valdane-quays'), 'S. Valdane')).toBe('person:s-valdane')
    expect(await at(url('2031-03-02/valdane-port'), 'Selma Valdane')).toBe('person:selma-valdane')
    expect(await recountProblems()).toEqual([])

    // split: the surname-only "Orrin" that resolution put on Tomas Orrin gets a node of its own
    expect(await at(url('2031-03-16/orrin-bare'), 'Orrin')).toBe('person:tomas-orrin')
    r = await entities(['split', 'Orrin'])
    expect(r.code, r.stderr).toBe(0)
    const orrin = await at(url('2031-03-16/orrin-bare'), 'Orrin')
    expect(orrin).not.toBe('person:tomas-orrin')
    expect(r.stdout).toContain(`split ${orrin}`)
    expect(await recountProblems()).toEqual([])

    // rename: the display name sticks; the computed one stays an alias
    r = await entities(['rename', 'Tomas Orrin', 'Tomas J. Orrin'])
    expect(r.code, r.stderr).toBe(0)
    expect((await q("MATCH (e:Entity {id: 'person:tomas-orrin'}) RETURN e.name AS n, e.aliases AS a"))[0]).toEqual({ n: 'Tomas J. Orrin', a: expect.arrayContaining(['Tomas Orrin']) })
    expect(await recountProblems()).toEqual([])
    expect(await integrityViolations(driver)).toEqual(NONE)
    curated = await print()

    // refusals: exit status 1, one clear error line (an ambiguous name lists the candidates), nothing changed
    const refusals: [string[], RegExp][] = [
      [['merge', 'Nobody Here', 'Ida Kessler'], /^error: no entity is named "Nobody Here"/],
      [['merge', 'person:nobody-here', 'Ida Kessler'], /^error: no entity has the id person:nobody-here \(.*--allow-unknown\)/],
      [['merge', 'Ida Kessler', 'person:ida-kessler'], /^error: .* are already one entity \(person:ida-kessler\)/],
      [['distinct', 'Harlow Mills', 'Brennhavn Harbour Authority'], /^error: contradicts d2 \(merge org:harlow-mills org:brennhavn-harbour-authority\); undo it first/],
      [['split', 'Selma Valdane'], /^error: person:selma-valdane is the entity's own form/],
      [['split', 'Kessler'], /^error: person:kessler was merged by d1 .*undo d1/],
    ]
    for (const [args, message] of refusals) {
      const x = await entities(args)
      expect([x.code, x.stderr], args.join(' ')).toEqual([1, expect.stringMatching(message)])
    }
    // an ambiguous name: two entities named alike
    expect((await entities(['rename', 'Mona Kessler', 'Selma Valdane'])).code).toBe(0)
    const amb = await entities(['merge', 'Selma Valdane', 'Ida Kessler'])
    expect(amb.code).toBe(1)
    expect(amb.stderr).toMatch(/^error: "Selma Valdane" is ambiguous: it names 2 entities; give one of their ids:\n/)
    expect(amb.stderr).toMatch(/^ {2}person:mona-kessler "Selma Valdane" \(Person, 1 article\)$/m)
    expect(amb.stderr).toMatch(/^ {2}person:selma-valdane "Selma Valdane" \(Person, 2 articles\)$/m)
    const listed = await entities(['list'])
    expect(listed.stdout).toMatch(/^d1 .* merge person:kessler person:ida-kessler\n/)
    expect(listed.stdout).toMatch(/^d6 .* rename person:mona-kessler "Selma Valdane"\n/m)
    const undo = await entities(['undo', 'd6'])
    expect(undo.code, undo.stderr).toBe(0)
    expect((await q("MATCH (e:Entity {id: 'person:mona-kessler'}) RETURN e.name AS n"))[0].n).toBe('Mona Kessler')
    expect((await entities(['undo', 'd6'])).stderr).toMatch(/^error: no decision has the id d6/)
    const help = await entities(['merge', '--help'])
    expect(help.stdout).toMatch(/Usage: entities merge \[options\] <a> <b>/)
    expect(await recountProblems()).toEqual([])
    // the curated graph differs from the uncurated one only by the decisions' effects
    expect(curated.entities).not.toEqual(before.entities)
  }, 600_000)

  it('decisions survive the removal and re-ingestion of every article and apply to an article ingested later', async () => {
    // (the state of the previous test: decisions d1-d5 in force)
    for (const f of FILES) {
      const slug = f.split('/').pop()!.replace(/\.json$/, '').replace(/^(\d{4}-\d{2}-\d{2})-/, '$1/')
      expect((await removeArticle(driver, url(slug), { database: testConfig().neo4jDatabase })).removed.length).toBe(1)
    }
    expect(await q('MATCH (e:Entity) RETURN e.id')).toEqual([])
    expect(Number((await q('MATCH (d:Decision) RETURN count(d) AS n'))[0].n)).toBe(5)
    expect((await runCli([...[...FILES].reverse(), '--batch-size', '2', '--no-progress'], env)).code).toBe(0)
    expect(await print()).toEqual(curated)
    expect(await recountProblems()).toEqual([])

    expect((await runCli([LATER, '--no-progress'], env)).code).toBe(0)
    // the later article's mention joins the merged entity; with it the authority has as many articles
    // as Harlow Mills (2 each), so the merged node takes the smaller id and keeps the other as a merged id
    const joined = await at(LATER_URL, 'Brennhavn Harbour Authority')
    expect(joined).toBe('org:brennhavn-harbour-authority')
    expect(await at(url('2031-03-12/orrin-family'), 'Harlow Mills')).toBe(joined)
    expect((await q('MATCH (e:Entity {id: $id}) RETURN e.aliasIds AS ids', { id: joined }))[0].ids).toContain('org:harlow-mills')
    expect(await recountProblems()).toEqual([])
    expect(await integrityViolations(driver)).toEqual(NONE)

    // decisions made and undone on the same groups while that article is ingested again by another process
    const database = testConfig().neo4jDatabase
    expect((await removeArticle(driver, LATER_URL, { database })).removed).toHaveLength(1)
    const ingest = runCli([LATER, '--no-progress'], env)
    let settled = false
    void ingest.then(() => (settled = true))
    let rounds = 0
    while (!settled) {
      const made = await decide(driver, { kind: 'rename', a: 'Brennhavn Harbour Authority', name: 'Harlow Mills Ltd' }, { database })
      await undoDecision(driver, made.decision.id, { database })
      rounds++
    }
    const ingested = await ingest
    // the ingest's own words when it fails
    expect(ingested.code, ingested.stderr).toBe(0)
    await decide(driver, { kind: 'rename', a: 'org:harlow-mills', name: 'Harlow Mills Ltd' }, { database })
    expect(rounds).toBeGreaterThan(0)
    expect(await at(LATER_URL, 'Brennhavn Harbour Authority')).toBe(joined)
    expect(await at(url('2031-03-12/orrin-family'), 'Harlow Mills')).toBe(joined)
    expect((await q('MATCH (e:Entity {id: $id}) RETURN e.name AS n', { id: joined }))[0].n).toBe('Harlow Mills Ltd')
    expect(await recountProblems()).toEqual([])
    expect(await integrityViolations(driver)).toEqual(NONE)
  }, 600_000)

  it('gives the same graph when the decisions were made before the articles were ingested', async () => {
    await resetDatabase(driver)
    const database = testConfig().neo4jDatabase
    // by id, as a user who saved them would: the entities are not in the graph yet
    const early = [
      { kind: 'merge', a: 'person:kessler', b: 'person:ida-kessler' },
      { kind: 'merge', a: 'org:harlow-mills', b: 'org:brennhavn-harbour-authority' },
      { kind: 'distinct', a: 'person:s-valdane', b: 'person:selma-valdane' },
      { kind: 'split', a: (curated.decisions.find((d) => d.startsWith('d4 '))!).split(' ')[2] },
      { kind: 'rename', a: 'person:tomas-orrin', name: 'Tomas J. Orrin' },
    ] as const
    for (const d of early) await decide(driver, { ...d, allowUnknown: true }, { database })
    expect((await runCli([...FILES, '--no-progress'], env)).code).toBe(0)
    const now = await print()
    expect(now.entities).toEqual(curated.entities)
    expect(now.decisions).toEqual(curated.decisions)
    expect(now.graph).toEqual(curated.graph)
    expect(await recountProblems()).toEqual([])
  }, 600_000)

  it('the API makes decisions with the token only, with typed results, and finds merged names', async () => {
    const config = { ...testConfig(), ingestToken: TOKEN, queryTimeoutMs: 60_000 }
    const api = await startApi(config, driver)
    const closed = await startApi({ ...testConfig(), ingestToken: null }, driver)
    try {
      const merge = 'mutation($a: String!, $b: String!) { mergeEntities(a: $a, b: $b) { decision { id kind a b } entity { id name aliases mergedIds } other { id } moved } }'
      const off = await gql(closed.url, merge, { a: 'Mona Kessler', b: 'Ida Kessler' })
      expect(off.errors?.[0].extensions?.code).toBe('FORBIDDEN')
      const anon = await gql(api.url, merge, { a: 'Mona Kessler', b: 'Ida Kessler' })
      expect(anon.errors?.[0]).toMatchObject({ message: expect.stringMatching(/requires the header `Authorization: Bearer <INGEST_TOKEN>`/), extensions: { code: 'UNAUTHENTICATED' } })
      const wrong = await gql(api.url, merge, { a: 'Mona Kessler', b: 'Ida Kessler' }, { authorization: 'Bearer not-the-token-at-all-xx' })
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED')
      expect(await q("MATCH (d:Decision) WHERE d.a = 'person:mona-kessler' RETURN d")).toEqual([])

      const auth = { authorization: `Bearer ${TOKEN}` }
      type R = { mergeEntities: { decision: { id: string; kind: string; a: string; b: string }; entity: { id: string; name: string; aliases: string[]; mergedIds: string[] }; other: { id: string }; moved: number } }
      const m = await gql<R>(api.url, merge, { a: 'Mona Kessler', b: 'Ida Kessler' }, auth)
      expect(m.errors).toBeUndefined()
      expect(m.data!.mergeEntities.decision).toMatchObject({ kind: 'merge', a: 'person:mona-kessler', b: 'person:ida-kessler' })
      expect(m.data!.mergeEntities.entity.id).toBe(m.data!.mergeEntities.other.id)
      expect(m.data!.mergeEntities.moved).toBeGreaterThan(0)
      const merged = m.data!.mergeEntities.entity
      expect([merged.name, ...merged.aliases].sort()).toEqual(['Ida Kessler', 'Kessler', 'Mona Kessler'])
      expect(await recountProblems()).toEqual([])
      // entity(name:) and search find the merged entity by the name that was merged in
      const other = merged.name === 'Ida Kessler' ? 'Mona Kessler' : 'Ida Kessler'
      const found = await gql<{ entity: { id: string }; search: { id: string }[] }>(api.url, `{ entity(name: "${other}") { id } search(query: "${other}") { id } }`)
      expect(found.data!.entity.id).toBe(merged.id)
      expect(found.data!.search.map((e) => e.id)).toContain(merged.id)

      const bad = await gql(api.url, merge, { a: 'Nobody Here', b: 'Ida Kessler' }, auth)
      expect(bad.errors?.[0]).toMatchObject({ message: expect.stringMatching(/no entity is named "Nobody Here"/), extensions: { code: 'BAD_USER_INPUT' } })

      const rn = await gql<{ renameEntity: { decision: { kind: string; name: string }; entity: { name: string } } }>(
        api.url,
        'mutation { renameEntity(entity: "Edvin Orrin", name: "Edvin K. Orrin") { decision { kind name } entity { name } } }',
        {},
        auth,
      )
      expect(rn.data!.renameEntity).toEqual({ decision: { kind: 'rename', name: 'Edvin K. Orrin' }, entity: { name: 'Edvin K. Orrin' } })
      const ds = await gql<{ keepDistinct: { decision: { id: string }; entity: { id: string }; other: { id: string } } }>(
        api.url,
        'mutation { keepDistinct(a: "Tomas J. Orrin", b: "Edvin K. Orrin") { decision { id } entity { id } other { id } } }',
        {},
        auth,
      )
      expect(ds.errors).toBeUndefined()
      const sp = await gql<{ splitEntity: { entity: { id: string } } }>(api.url, 'mutation { splitEntity(form: "person:s-valdane") { entity { id } } }', {}, auth)
      expect(sp.errors?.[0].message).toMatch(/person:s-valdane is the entity's own form/)
      const un = await gql<{ undoDecision: { decision: { id: string } } }>(api.url, 'mutation($id: ID!) { undoDecision(id: $id) { decision { id } moved } }', { id: ds.data!.keepDistinct.decision.id }, auth)
      expect(un.data!.undoDecision.decision.id).toBe(ds.data!.keepDistinct.decision.id)
      const listed = await gql<{ decisions: { id: string; kind: string }[] }>(api.url, '{ decisions { id kind } }')
      expect(listed.data!.decisions.map((d) => d.kind)).toEqual(['merge', 'merge', 'distinct', 'split', 'rename', 'merge', 'rename'])
      expect(await recountProblems()).toEqual([])
      expect(await integrityViolations(driver)).toEqual(NONE)
    } finally {
      await api.close()
      await closed.close()
    }
  }, 300_000)
})
