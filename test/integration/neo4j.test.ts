// The real Neo4j: writes through neo4j-driver read back as written; an unreachable URI fails with one
// sentence; and the launcher's own lifecycle (start, no-op start, stop, restart keeps data, no
// process left), on a second throwaway instance so the shared one is left alone.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import neo4j, { type Driver } from 'neo4j-driver'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { connect, CONNECT_DEADLINE_MS } from '../../src/graph/driver.ts'
import { freePort, neo4jStatus, startNeo4j, stopNeo4j } from '../../scripts/neo4j.ts'
import { clearDatabase, openTestDriver, testConfig } from '../support/neo4j.ts'

const WRITE_PEOPLE = `
UNWIND $people AS p
MERGE (e:Entity:Person {id: p.id})
SET e.name = p.name, e.aliases = p.aliases, e.born = date(p.born), e.mentions = p.mentions`
const WRITE_WORKS_FOR = `
MATCH (p:Person {id: $personId})
MERGE (o:Entity:Organisation {id: $orgId}) SET o.name = $orgName
MERGE (p)-[:HOLDS_ROLE {title: $title, articleId: $articleId}]->(o)`
const READ_PEOPLE = `
MATCH (e:Person)
OPTIONAL MATCH (e)-[r:HOLDS_ROLE]->(o:Organisation)
RETURN e.id AS id, e.name AS name, e.aliases AS aliases, e.born AS born, e.mentions AS mentions,
       labels(e) AS labels, r.title AS title, o.name AS org
ORDER BY id`

describe('neo4j-driver against the test instance', () => {
  let driver: Driver
  beforeAll(async () => {
    driver = await openTestDriver()
  })
  beforeEach(() => clearDatabase(driver))
  afterAll(() => driver?.close())

  it('reads back the nodes, properties and relationships it wrote', async () => {
    const database = testConfig().neo4jDatabase
    const people = [
      { id: 'person:ada-quill', name: 'Ada Quill', aliases: ['Ms Quill', 'A. Quill'], born: '1971-03-04', mentions: 3 },
      { id: 'person:bo-tenner', name: 'Bo Tenner', aliases: [], born: '1990-12-31', mentions: 1 },
    ]
    await driver.executeQuery(WRITE_PEOPLE, { people }, { database })
    await driver.executeQuery(
      WRITE_WORKS_FOR,
      { personId: 'person:ada-quill', orgId: 'org:harbour-council', orgName: 'Harbour Council', title: 'chair', articleId: 'text:1' },
      { database },
    )

    const { records } = await driver.executeQuery(READ_PEOPLE, {}, { database })
    const rows = records.map((r) => r.toObject())
    expect(rows.map((r) => r.id)).toEqual(['person:ada-quill', 'person:bo-tenner'])
    expect(rows[0]).toMatchObject({ name: 'Ada Quill', aliases: ['Ms Quill', 'A. Quill'], title: 'chair', org: 'Harbour Council' })
    expect([...rows[0].labels].sort()).toEqual(['Entity', 'Person'])
    expect(neo4j.isDate(rows[0].born)).toBe(true)
    expect(rows[0].born.toString()).toBe('1971-03-04')
    expect(neo4j.integer.toNumber(rows[0].mentions)).toBe(3)
    expect(rows[1]).toMatchObject({ name: 'Bo Tenner', aliases: [], title: null, org: null })
  })

  it('clearDatabase leaves no node behind', async () => {
    const database = testConfig().neo4jDatabase
    await driver.executeQuery('UNWIND range(1, $n) AS i CREATE (:Scratch {i: i})', { n: 250 }, { database })
    await clearDatabase(driver)
    const { records } = await driver.executeQuery('MATCH (n) RETURN count(n) AS n', {}, { database })
    expect(neo4j.integer.toNumber(records[0].get('n'))).toBe(0)
  })
})

describe('connect() when Neo4j cannot be reached', () => {
  const settings = (uri: string) => ({ neo4jUri: uri, neo4jUser: 'neo4j', neo4jPassword: '', neo4jDatabase: 'neo4j' })

  it('names the URI in one sentence when nothing listens', async () => {
    const uri = `bolt://127.0.0.1:${await freePort()}`
    const t0 = Date.now()
    const error = await connect(settings(uri)).then(() => null, (err: Error) => err)
    expect(error?.message).toMatch(new RegExp(`^Cannot reach Neo4j at ${uri}: .*ECONNREFUSED.*\\.$`))
    expect(error?.message).not.toContain('\n')
    expect(Date.now() - t0).toBeLessThan(10_000)
  })

  it('gives up within the deadline when the server accepts but never answers', async () => {
    const sockets: import('node:net').Socket[] = []
    const silent: Server = createServer((s) => sockets.push(s))
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done))
    const address = silent.address()
    const uri = `bolt://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const t0 = Date.now()
    try {
      const error = await connect(settings(uri)).then(() => null, (err: Error) => err)
      expect(error?.message).toBe(`Cannot reach Neo4j at ${uri}: no answer within ${CONNECT_DEADLINE_MS / 1000} s.`)
      expect(Date.now() - t0).toBeLessThan(10_000)
    } finally {
      for (const s of sockets) s.destroy()
      silent.close()
    }
  })

  it('rejects a URI that is not Bolt', async () => {
    await expect(connect(settings('http://127.0.0.1:7474'))).rejects.toThrow(/^Cannot reach Neo4j at http:\/\/127\.0\.0\.1:7474: .*scheme/)
  })
})

// Needs java and the launcher, so only when the global setup started the instance itself. It maps the
// class archive when there is one but never writes one (writing makes a stop slower).
describe.skipIf(!inject('neo4jThrowaway'))('the launcher (a second throwaway instance)', () => {
  let dataDir: string
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'newsgraph-launcher-test-'))
  })
  afterAll(async () => {
    await stopNeo4j(dataDir)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('starts, is a no-op when running, stops with no process left, and keeps data across a restart', async () => {
    const [boltPort, httpPort] = [await freePort(), await freePort()]
    const first = await startNeo4j({ dataDir, boltPort, httpPort, pageCache: '64m', fastStart: true, classArchive: 'use', stopOnExit: true })
    expect(first).toMatchObject({ started: true, uri: `bolt://127.0.0.1:${boltPort}`, boltPort, httpPort })
    expect(neo4jStatus(dataDir)).toMatchObject({ running: true, pid: first.pid, boltPort, httpPort })

    const browser = await fetch(`${first.httpUrl}/browser/`)
    expect(browser.status).toBe(200)
    expect(await browser.text()).toContain('<title>Neo4j Browser</title>')

    const again = await startNeo4j({ dataDir })
    expect(again).toMatchObject({ started: false, pid: first.pid, boltPort })

    const settings = { neo4jUri: first.uri, neo4jUser: 'neo4j', neo4jPassword: '', neo4jDatabase: 'neo4j' }
    let driver = await connect(settings)
    await driver.executeQuery('CREATE (:Survivor {name: $name})', { name: 'kept across restarts' })
    await driver.close()

    await first.stop()
    expect(neo4jStatus(dataDir)).toMatchObject({ running: false, pid: null })
    await expect.poll(() => alive(first.pid), { timeout: 5_000 }).toBe(false)

    const second = await startNeo4j({ dataDir, boltPort, httpPort, pageCache: '64m', fastStart: true, classArchive: 'use', stopOnExit: true })
    expect(second.started).toBe(true)
    expect(second.pid).not.toBe(first.pid)
    driver = await connect(settings)
    const { records } = await driver.executeQuery('MATCH (s:Survivor) RETURN s.name AS name')
    await driver.close()
    expect(records.map((r) => r.get('name'))).toEqual(['kept across restarts'])

    await second.stop()
    await expect.poll(() => alive(second.pid), { timeout: 5_000 }).toBe(false)
    expect(await stopNeo4j(dataDir)).toBeNull() // nothing left to stop
  }, 300_000) // two cold starts and stops: slow when the two cores are shared
})

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
