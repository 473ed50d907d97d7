// The local Neo4j's ports follow NEO4J_BOLT_PORT / NEO4J_HTTP_PORT in `neo4j:start` and in `npm start`'s
// launcher call (scripts/neo4j.ts localPorts). No Neo4j is started: a port held here makes the launcher
// refuse before it runs java, naming the port it would have used.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { localBoltUri, localPorts, throwawayPorts } from '../../scripts/neo4j.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const servers: Server[] = []
const dirs: string[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function holdPort(): Promise<number> {
  const server = createServer()
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as { port: number }).port
}

describe('the local Neo4j ports', () => {
  it('also seen: localPorts takes the options, else NEO4J_BOLT_PORT / NEO4J_HTTP_PORT, else 7687 / 7474', () => {
    expect(localPorts({}, {})).toEqual({ boltPort: 7687, httpPort: 7474 })
    expect(localPorts({}, { NEO4J_BOLT_PORT: '7688', NEO4J_HTTP_PORT: ' 7475 ' })).toEqual({ boltPort: 7688, httpPort: 7475 })
    expect(localPorts({ boltPort: 9000 }, { NEO4J_BOLT_PORT: '7688' })).toEqual({ boltPort: 9000, httpPort: 7474 })
    expect(localBoltUri({ NEO4J_BOLT_PORT: '7688' })).toBe('bolt://127.0.0.1:7688')
    expect(() => localPorts({}, { NEO4J_HTTP_PORT: 'http' })).toThrow('NEO4J_HTTP_PORT must be a TCP port (1-65535), got "http"')
  })

  it('also seen: npm run neo4j:start starts on NEO4J_BOLT_PORT (refusing it here, as it is held)', async () => {
    const port = await holdPort()
    const dir = mkdtempSync(join(tmpdir(), 'neo4j-ports-'))
    dirs.push(dir)
    const r = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', 'scripts/neo4j.ts', '--data-dir', dir, 'start', '--timeout', '5'], {
        cwd: ROOT,
        timeout: 60_000,
        env: { ...process.env, NEO4J_BOLT_PORT: String(port), NEO4J_HTTP_PORT: '' },
      }, (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout, stderr }))
      child.stdin?.end()
    })
    expect(r.stdout + r.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`)
    expect(r.code).not.toBe(0)
  }, 70_000)

  it('a throwaway instance (the evals, bench:scale) takes NEO4J_BOLT_PORT / NEO4J_HTTP_PORT where set, else free ports', async () => {
    expect(await throwawayPorts({ NEO4J_BOLT_PORT: '7991', NEO4J_HTTP_PORT: '7992' })).toEqual({ boltPort: 7991, httpPort: 7992 })
    const free = await throwawayPorts({ NEO4J_HTTP_PORT: '7992' })
    expect(free.httpPort).toBe(7992)
    expect(free.boltPort).not.toBe(7687)
    expect(free.boltPort).toBeGreaterThan(0)
    await expect(throwawayPorts({ NEO4J_BOLT_PORT: 'seven' })).rejects.toThrow('NEO4J_BOLT_PORT must be a TCP port (1-65535), got "seven"')
  })
})
