// The input guards `extract` and `ingest` share (src/extract/sources.ts): the same refusals with the
// same words for FIFOs, sockets, devices, inputs over MAX_INPUT_BYTES and an endless stdin, and file
// names that cannot forge an output line. The commands run as a user runs them (child processes);
// `ingest` runs with --dry-run, so no graph is needed.
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_INPUT_BYTES, readInputFile, readInputStream } from '../../src/extract/sources.ts'
import { escapeControls } from '../../src/cli/print.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ARTICLE = 'Ferry line reopens in Varnes\n\nThe ferry line to Varnes reopened on Monday, harbour master Tilde Okkeren said. "The boats are back," Okkeren said.\n'

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
}

/** runs `extract` or `ingest --dry-run --no-progress` (killed after timeoutMs); stdinBytes streams that many bytes of text into stdin */
function cli(command: 'extract' | 'ingest', args: string[], opts: { timeoutMs?: number; stdinBytes?: number } = {}): Promise<Run> {
  const t0 = performance.now()
  const extra = command === 'ingest' ? ['--dry-run', '--no-progress', '--workers', '0'] : []
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, `src/cli/${command}.ts`), ...extra, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 90_000)
    child.stdin.on('error', () => {}) // the command may stop reading (and exit) before all is written
    if (opts.stdinBytes) {
      const chunk = Buffer.alloc(1024 * 1024, 'harbour council said yes. ')
      let left = opts.stdinBytes
      const pump = () => {
        while (left > 0) {
          left -= chunk.length
          if (!child.stdin.write(chunk)) return void child.stdin.once('drain', pump)
        }
        child.stdin.end()
      }
      pump()
    } else child.stdin.end()
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - t0 })
    })
  })
}

const errorLines = (r: Run) => r.stderr.split('\n').filter((l) => l.startsWith('error: '))

let dir: string
let socketServer: Server
const good = () => join(dir, 'good.txt')

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'input-guards-'))
  writeFileSync(good(), ARTICLE)
  execFileSync('mkfifo', [join(dir, 'fifo.txt')])
  // a sparse file over the limit: no disk used, but stat says 300 MB
  const fd = openSync(join(dir, 'huge.txt'), 'w')
  ftruncateSync(fd, 300 * 1024 * 1024)
  closeSync(fd)
  // a folder holding a FIFO, a socket and a good article
  mkdirSync(join(dir, 'folder'))
  writeFileSync(join(dir, 'folder', 'b-good.txt'), ARTICLE)
  execFileSync('mkfifo', [join(dir, 'folder', 'a-fifo.txt')])
  socketServer = createServer()
  await new Promise<void>((resolve) => socketServer.listen(join(dir, 'folder', 'c-socket.txt'), resolve))
  writeFileSync(join(dir, 'binary\nerror: forged line.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]))
})

afterAll(async () => {
  await new Promise((resolve) => socketServer?.close(resolve))
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the shared reading path', () => {
  it('D5: readInputFile refuses a FIFO at once instead of waiting for a writer', () => {
    expect(() => readInputFile(join(dir, 'fifo.txt'))).toThrow(`${join(dir, 'fifo.txt')}: not a regular file (a FIFO)`)
  })

  it('D5: readInputFile refuses /dev/zero and /dev/urandom', () => {
    expect(() => readInputFile('/dev/zero')).toThrow('/dev/zero: not a regular file (a character device)')
    expect(() => readInputFile('/dev/urandom')).toThrow('/dev/urandom: not a regular file (a character device)')
  })

  it('D5: readInputStream stops at MAX_INPUT_BYTES and names the input', async () => {
    const chunk = Buffer.alloc(16 * 1024 * 1024, 'a')
    let given = 0
    async function* endless() {
      for (;;) {
        given += chunk.length
        yield chunk
      }
    }
    await expect(readInputStream(endless(), '-')).rejects.toThrow(`-: too large (more than ${MAX_INPUT_BYTES} bytes; the limit is ${MAX_INPUT_BYTES})`)
    expect(given).toBeLessThanOrEqual(MAX_INPUT_BYTES + chunk.length)
  })
})

describe('extract and ingest refuse the same inputs with the same words', () => {
  it('D5: ingest refuses a FIFO like extract does, and reads the file beside it', async () => {
    const [e, i] = await Promise.all([cli('extract', [join(dir, 'fifo.txt'), good()], { timeoutMs: 90_000 }), cli('ingest', [join(dir, 'fifo.txt'), good()], { timeoutMs: 90_000 })])
    const want = `error: ${join(dir, 'fifo.txt')}: not a regular file (a FIFO)`
    expect(e.signal, 'extract finished').toBeNull()
    expect(i.signal, 'ingest finished (did not hang on the FIFO)').toBeNull()
    expect(errorLines(e)).toEqual([want])
    expect(errorLines(i)).toEqual([want])
    expect(e.code).toBe(1)
    expect(i.code).toBe(1)
    expect(e.stdout.split('\n').filter(Boolean)).toHaveLength(1)
    expect(i.stdout).toMatch(/extracted 1 articles from 2 inputs/)
  }, 120_000)

  it('D5: ingest refuses /dev/zero and /dev/urandom like extract does, without reading them', async () => {
    const args = ['/dev/zero', '/dev/urandom', good()]
    const [e, i] = await Promise.all([cli('extract', args, { timeoutMs: 90_000 }), cli('ingest', args, { timeoutMs: 90_000 })])
    const want = ['error: /dev/zero: not a regular file (a character device)', 'error: /dev/urandom: not a regular file (a character device)']
    expect(i.signal, 'ingest finished').toBeNull()
    expect(errorLines(e)).toEqual(want)
    expect(errorLines(i)).toEqual(want)
    expect(i.code).toBe(1)
    expect(i.stdout).toMatch(/extracted 1 articles from 3 inputs/)
  }, 120_000)

  it('D5: ingest refuses a file over the size limit like extract does', async () => {
    const args = [join(dir, 'huge.txt'), good()]
    const [e, i] = await Promise.all([cli('extract', args, { timeoutMs: 90_000 }), cli('ingest', args, { timeoutMs: 90_000 })])
    const want = `error: ${join(dir, 'huge.txt')}: too large (314572800 bytes; the limit is ${MAX_INPUT_BYTES})`
    expect(i.signal, 'ingest finished').toBeNull()
    expect(errorLines(e)).toEqual([want])
    expect(errorLines(i)).toEqual([want])
    expect(i.stdout).toMatch(/extracted 1 articles from 2 inputs/)
  }, 120_000)

  it('D5: ingest limits stdin like extract does', async () => {
    const bytes = MAX_INPUT_BYTES + 8 * 1024 * 1024
    const e = await cli('extract', ['-'], { stdinBytes: bytes, timeoutMs: 90_000 })
    const i = await cli('ingest', ['-', good()], { stdinBytes: bytes, timeoutMs: 90_000 })
    const want = `error: -: too large (more than ${MAX_INPUT_BYTES} bytes; the limit is ${MAX_INPUT_BYTES})`
    expect(i.signal, 'ingest finished').toBeNull()
    expect(errorLines(e)).toEqual([want])
    expect(errorLines(i)).toEqual([want])
    expect(i.code).toBe(1)
    expect(i.stdout).toMatch(/extracted 1 articles/)
  }, 200_000)

  it('D12: a folder holding a FIFO and a socket: both commands name each, exit 1, and read the rest', async () => {
    const folder = join(dir, 'folder')
    const [e, i] = await Promise.all([cli('extract', [folder], { timeoutMs: 90_000 }), cli('ingest', [folder], { timeoutMs: 90_000 })])
    const want = [`error: ${join(folder, 'a-fifo.txt')}: not a regular file (a FIFO)`, `error: ${join(folder, 'c-socket.txt')}: not a regular file (a socket)`]
    expect(errorLines(e)).toEqual(want)
    expect(errorLines(i).sort()).toEqual(want)
    expect(e.code).toBe(1)
    expect(i.code).toBe(1)
    expect(JSON.parse(e.stdout.split('\n')[0]).source).toBe(join(folder, 'b-good.txt'))
    expect(i.stdout).toMatch(/extracted 1 articles from 3 inputs/)
  }, 120_000)
})

describe('names in human-readable output', () => {
  it('D17: escapeControls shows newlines, other controls and bidi overrides as escapes', () => {
    expect(escapeControls('a\nerror: b\r\t\u0007\u009b\u202e\u2028c')).toBe('a\\nerror: b\\r\\t\\x07\\x9b\\u202e\\u2028c')
    expect(escapeControls('Zoe\u0308 \u{1F30A} \u05D0.txt')).toBe('Zoe\u0308 \u{1F30A} \u05D0.txt')
  })

  it('D17: a file name with a newline cannot forge a second error line (extract and ingest)', async () => {
    const name = join(dir, 'binary\nerror: forged line.txt')
    const [e, i] = await Promise.all([cli('extract', [name, good()]), cli('ingest', [name, good()])])
    for (const r of [e, i]) {
      const lines = r.stderr.split('\n').filter(Boolean)
      expect(lines.filter((l) => l.startsWith('error: '))).toEqual([`error: ${join(dir, 'binary\\nerror: forged line.txt')}: binary file (contains NUL bytes), not text`])
      expect(lines.some((l) => l.startsWith('error: forged'))).toBe(false)
    }
  }, 120_000)
})
