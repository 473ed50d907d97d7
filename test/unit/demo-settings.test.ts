// `npm run demo` with a bad setting in the environment: one line naming the setting, exit 2, nothing started
// (before, loadConfig's error escaped main's handler and Node printed its stack).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')

function demo(env: Record<string, string>): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/demo.ts')], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: r.status, stderr: r.stderr, stdout: r.stdout }
}

describe('npm run demo with a bad setting', () => {
  it.each([
    [{ NEO4J_BOLT_PORT: 'abc' }, 'NEO4J_BOLT_PORT must be a non-negative integer, got "abc"'],
    [{ PORT: 'eighty' }, 'PORT must be a non-negative integer, got "eighty"'],
  ])('%o: one line naming it, exit 2', (env, message) => {
    const r = demo(env)
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toBe(`[demo] ${message}`)
    expect(r.stdout).not.toMatch(/Neo4j started/)
  })
})
