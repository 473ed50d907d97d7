// D8: SIGTERM, as Docker, systemd or a shell's `kill` send it, to the commands as they are started:
// `npm start`, the Dockerfile's CMD and `npm run ingest`. The API closes gracefully (says so, exits
// 0, its port closed); the ingest starts no more inputs, writes the articles in hand, says how
// many it wrote and how many inputs it did not start, and exits 143; no process of either is left.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { freePort } from '../../scripts/neo4j.ts'
import { integrityViolations, NONE } from '../support/integrity.ts'
import { openTestDriver, resetDatabase } from '../support/neo4j.ts'
import { makeCorpus, ROOT } from './ingest-support.ts'

let driver: Driver
const temp: string[] = []
beforeAll(async () => {
  driver = await openTestDriver()
})
afterAll(async () => {
  await driver?.close()
  for (const d of temp) rmSync(d, { recursive: true, force: true })
})

interface Run {
  child: ChildProcess
  out: () => string
  err: () => string
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function run(command: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (err += d))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  )
  return { child, out: () => out, err: () => err, exit }
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms = 180_000): Promise<void> {
  const t0 = Date.now()
  while (!(await test())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** The process `pid` and all its descendants (npm -> sh -> node ...). */
function tree(pid: number): number[] {
  const rows = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number))
  const out = [pid]
  for (let i = 0; i < out.length; i++) for (const [p, pp] of rows) if (pp === out[i]) out.push(p)
  return out
}

/** Which of `pids` still run. */
function alive(pids: number[]): number[] {
  return pids.filter((p) => {
    try {
      process.kill(p, 0)
      return true
    } catch {
      return false
    }
  })
}

/** The Dockerfile's CMD, in its exec form. */
function dockerCmd(): string[] {
  const line = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').split('\n').find((l) => l.startsWith('CMD '))!
  return JSON.parse(line.slice(4)) as string[]
}

describe('D8: SIGTERM to the commands as started', () => {
  it('D8: the Dockerfile starts node itself, so SIGTERM reaches the process that serves', () => {
    expect(dockerCmd()[0]).toBe('node')
  })

  for (const how of ['npm start', 'the Dockerfile CMD']) {
    it(`D8: SIGTERM to ${how} closes the API gracefully and leaves no process`, async () => {
      const port = await freePort()
      const [command, ...args] = how === 'npm start' ? ['npm', 'start'] : dockerCmd()
      const api = run(command, args, { NEO4J_URI: inject('neo4jUri'), PORT: String(port) })
      await until('the API to listen', () => api.out().includes('GraphQL API at'))
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
      const pids = tree(api.child.pid!)
      api.child.kill('SIGTERM')
      const { code } = await api.exit
      expect(api.out()).toContain('[serve] SIGTERM: closing')
      expect(api.out()).toContain('[serve] bye')
      expect(code, api.err()).toBe(0)
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
      await until('its processes to end', () => alive(pids).length === 0, 5000).catch(() => {})
      expect(alive(pids), `of ${pids.join(', ')}`).toEqual([])
    }, 300_000)
  }

  it('D8: SIGTERM to npm run ingest stops it cleanly: it says what it wrote, and nothing writes after', async () => {
    await resetDatabase(driver)
    const corpus = makeCorpus(400)
    temp.push(corpus)
    const articles = async () => Number((await driver.executeQuery('MATCH (a:Article) RETURN count(a) AS n')).records[0].get('n'))
    const ingest = run('npm', ['run', 'ingest', '--', corpus, '--batch-size', '4', '--no-progress'], { NEO4J_URI: inject('neo4jUri') })
    await until('some articles written', async () => (await articles()) >= 8)
    const pids = tree(ingest.child.pid!)
    ingest.child.kill('SIGTERM')
    const { code } = await ingest.exit
    const said = /interrupted by SIGTERM: (\d+) articles written \((\d+) new, 0 updated, 0 unchanged\), (\d+) of 400 inputs not started; run the same command again to finish/.exec(ingest.err())
    expect(said, ingest.err()).not.toBeNull()
    expect(code).toBe(143)
    await until('its processes to end', () => alive(pids).length === 0, 5000).catch(() => {})
    expect(alive(pids), `of ${pids.join(', ')}`).toEqual([])
    // what it says it wrote is what the graph holds, whole, and nothing is written after it exited
    const written = Number(said![1])
    expect(await articles()).toBe(written)
    await new Promise((r) => setTimeout(r, 3000))
    expect(await articles()).toBe(written)
    expect(written + Number(said![3])).toBeLessThanOrEqual(400)
    expect(written).toBeLessThan(400)
    expect(await integrityViolations(driver)).toEqual(NONE)
  }, 300_000)
})
