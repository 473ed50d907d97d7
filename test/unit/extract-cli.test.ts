// The extract command as a user runs it: a child process, JSON Lines on stdout, diagnostics on stderr.
import { describe, expect, it } from 'vitest'
import { outputLines as lines, runExtractCli } from '../fixtures/run-extract-cli.ts'

const runCli = (args: string[], stdin?: string) => runExtractCli(args, { stdin })

describe('npm run extract', () => {
  it('prints help', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Usage: extract \[options\] <paths\.\.\.>/)
    expect(r.stdout).toMatch(/--pretty/)
  })

  it('prints one JSON object per article per line for a folder, recursively, in name order', async () => {
    const r = await runCli(['test/fixtures/extract'])
    const out = lines(r.stdout).map((l) => JSON.parse(l))
    // article.json (1), articles.jsonl (2 good of 4 lines), news-article.txt, page.html, plain-article.txt
    expect(out.map((o) => o.source)).toEqual([
      'test/fixtures/extract/article.json',
      'test/fixtures/extract/articles.jsonl',
      'test/fixtures/extract/articles.jsonl',
      'test/fixtures/extract/news-article.txt',
      'test/fixtures/extract/page.html',
      'test/fixtures/extract/plain-article.txt',
    ])
    // the two bad JSON Lines records: one line each, naming file and line; exit status says something failed
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^error: test\/fixtures\/extract\/articles\.jsonl line 2: /),
      expect.stringMatching(/^error: test\/fixtures\/extract\/articles\.jsonl line 3: invalid JSON/),
    ])
    expect(r.code).toBe(1)
    const news = out[3]
    expect(news.article).toMatchObject({ title: 'Norway and Denmark agree to share ferry patrols, ministers say', publishedAt: '2025-03-14', authors: ['Ada Quill'], dateline: 'Oslo' })
    expect(Object.keys(news)).toEqual(['source', 'article', 'entities', 'quotes', 'roles', 'relations'])
  })

  it('reads stdin for "-" and exits 0 when all went well', async () => {
    const r = await runCli(['-'], 'Mayor Orla Fenwick visited Brindle on Monday. "It went well," she said.\n')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const [o] = lines(r.stdout).map((l) => JSON.parse(l))
    expect(o.source).toBe('-')
    expect(o.article.id).toMatch(/^text:[0-9a-f]{40}$/)
  })

  it('names a missing path and still prints the others', async () => {
    const r = await runCli(['no/such/file.txt', 'test/fixtures/extract/plain-article.txt'])
    expect(r.code).toBe(1)
    expect(lines(r.stderr)).toEqual(['error: no/such/file.txt: no such file or directory'])
    expect(lines(r.stdout)).toHaveLength(1)
  })

  it('--pretty indents the output', async () => {
    const r = await runCli(['--pretty', 'test/fixtures/extract/plain-article.txt'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\{\n {2}"source": "test\/fixtures\/extract\/plain-article\.txt",/)
    expect(JSON.parse(r.stdout).article.title).toBe('Council delays vote on river bridge')
  })
})
