// `extract` over the bad input corpus (test/support/bad-inputs.ts): every kind gets valid articles
// (checked against schema/extraction.schema.json) or one clear error line naming its file, the good
// articles beside them still come out, and the process exits 1 rather than crashing. The outcome of
// each kind is written to BAD_CORPUS_RESULTS for the table in docs/reliability.md (bad-corpus-ingest prints it).
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSources } from '../../src/extract/sources.ts'
import { buildBadCorpus, BAD_CORPUS_RESULTS, describeExtract, mismatch, type BadCorpus, type KindResult } from '../support/bad-inputs.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/extraction.schema.json'), 'utf8'))
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema)

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function extractCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/extract.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => err.push(d))
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }))
  })
}

let dir: string
let corpus: BadCorpus
let run: Run
let articles: { source: string; quotes: unknown[]; entities: unknown[] }[]
let errors: string[]
/** the library walk with the vanish hook: sources read, and errors */
let vanished: { seen: string[]; failed: string[]; dir: string; corpus: BadCorpus }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bad-corpus-'))
  corpus = buildBadCorpus(dir)
  // the vanishing file is deleted by the library test below; the CLI sees it as a good article
  run = await extractCli([dir])
  articles = []
  for (const line of run.stdout.split('\n')) {
    if (!line) continue
    const a = JSON.parse(line)
    const valid = validate(a)
    expect(valid ? [] : validate.errors?.slice(0, 3), `${a.source}: valid against the schema`).toEqual([])
    articles.push(a)
  }
  errors = run.stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('npm warn'))

  // the same walker `extract` uses, with a hook deleting a file once the folder has been listed
  const small = mkdtempSync(join(tmpdir(), 'bad-vanish-'))
  const c = buildBadCorpus(small, { big: false })
  vanished = { seen: [], failed: [], dir: small, corpus: c }
  let first = true
  for await (const item of readSources([small])) {
    if (first) unlinkSync(join(small, c.vanish))
    first = false
    if (item.error) vanished.failed.push(item.error.message)
    else vanished.seen.push(item.source)
  }
}, 600_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  if (vanished) rmSync(vanished.dir, { recursive: true, force: true })
})

const of = (file: string) => join(dir, file)
/** articles of one file: sources are the path, or `path [i]` / `path line n` for records */
const articlesOf = (file: string) => articles.filter((a) => a.source === of(file) || a.source.startsWith(`${of(file)} `))
const errorsOf = (file: string) => errors.filter((l) => l.startsWith(`error: ${of(file)}:`) || l.startsWith(`error: ${of(file)} `))

describe('extract over the bad input corpus', () => {
  it('exits 1 (some inputs failed), crashes on none, and every stderr line is one error naming a file', () => {
    expect(run.signal).toBeNull()
    expect(run.code).toBe(1)
    for (const line of errors) expect(line, 'one line, "error: <path>: <reason>"').toMatch(new RegExp(`^error: ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S`))
    expect(run.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/)
  })

  it('gets every kind a valid result or one clear error naming its file, as the kind expects', () => {
    const results: KindResult[] = []
    const problems: string[] = []
    for (const k of corpus.kinds) {
      for (const file of k.files) {
        const isVanish = file === corpus.vanish
        const path = isVanish ? join(vanished.dir, file) : of(file)
        const got = isVanish ? [] : articlesOf(file)
        const errs = isVanish ? vanished.failed.filter((m) => m.startsWith(`${path}:`)).map((m) => `error: ${m}`) : errorsOf(file)
        results.push({ kind: k.kind, file, expect: k.expect, extract: describeExtract(got, errs, path) })
        const problem = mismatch(k.expect, got.length, errs, k.kind)
        if (problem) problems.push(`${k.kind} (${file}): ${problem}; got ${got.length} articles, errors ${JSON.stringify(errs.slice(0, 3))}${errs.length > 3 ? ` (+${errs.length - 3})` : ""}`)
      }
    }
    mkdirSync(BAD_CORPUS_RESULTS, { recursive: true })
    writeFileSync(join(BAD_CORPUS_RESULTS, 'extract.json'), JSON.stringify(results, null, 1))
    expect(problems).toEqual([])
    // errors only for files of the corpus: nothing else failed
    const named = new Set(corpus.kinds.flatMap((k) => k.files).filter((f) => f !== corpus.vanish).map(of))
    for (const line of errors) expect([...named].some((f) => line.startsWith(`error: ${f}`)), line).toBe(true)
  })

  it('still extracts the good articles beside the bad ones, with their quotes', () => {
    for (const file of corpus.good) {
      const got = articlesOf(file)
      expect(got.length, file).toBeGreaterThan(0)
      expect(errorsOf(file), file).toEqual([])
      for (const a of got) expect(a.quotes.length, `${file}: quotes found`).toBeGreaterThan(0)
    }
  })

  it('names a file deleted between listing and reading, and reads the rest of the folder', () => {
    const { dir: small, corpus: c, seen, failed } = vanished
    expect(failed.filter((m) => m.includes(c.vanish))).toEqual([`${join(small, c.vanish)}: no such file or directory`])
    for (const g of c.good) expect(seen.some((s) => s.startsWith(join(small, g))), g).toBe(true)
  })
})
