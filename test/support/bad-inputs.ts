// The bad input corpus: every kind of input that should not break `extract` or `ingest`, written
// into a folder at test time. Small text kinds live in test/fixtures/bad/ (readable, written for
// the project); binary, encoded, huge and file-system kinds are made here, so nothing big or
// unreadable is committed. See test/fixtures/bad/README.md.
//
//   const corpus = buildBadCorpus(dir)            // writes every kind (and the good articles) into dir
//   corpus.kinds  -> [{ kind, description, files, expect }]
//   corpus.vanish -> a file to delete between listing and reading (the test's hook does it)
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BAD_FIXTURES = fileURLToPath(new URL('../fixtures/bad/', import.meta.url))
export const GOOD_FIXTURES = join(BAD_FIXTURES, 'good')

/**
 * What a kind must get: `article` every file reads into at least one valid article; `error` one
 * clear error naming the file and no article; `some` some articles and one error per bad record;
 * `either` a valid article or one clear error (both are acceptable answers).
 */
export type Expectation = 'article' | 'error' | 'some' | 'either'

export interface BadKind {
  kind: string
  description: string
  /** paths relative to the corpus folder */
  files: string[]
  expect: Expectation
}

export interface BadCorpus {
  dir: string
  kinds: BadKind[]
  /** the good articles' files, relative to dir */
  good: string[]
  /** a readable file (relative) the vanish hook deletes after the folder is listed */
  vanish: string
}

export interface BuildOptions {
  /** include the 20 MB article and the 5 MB line (default true) */
  big?: boolean
}

const MB = 1024 * 1024

/** A plain news article of about `bytes` bytes: varied paragraphs, a direct quote every fourth one. */
export function bigArticle(bytes: number): string {
  const towns = ['Lindholm', 'Skarvik', 'Osterby', 'Varnes', 'Tornvik']
  const people = ['Maren Ostvik', 'Henrik Dahle', 'Greta Holm', 'Nils Aaberg', 'Astrid Moen']
  const parts: string[] = ['Harbour inquiry publishes its full record\n\n']
  let size = parts[0].length
  for (let i = 0; size < bytes; i++) {
    const who = people[i % people.length]
    const town = towns[(i * 3) % towns.length]
    const p =
      i % 4 === 0
        ? `"The record of day ${i} shows the pier in ${town} was inspected," ${who} said.\n\n`
        : `On day ${i} the inquiry heard from officials of ${town} about repairs costing ${1000 + i} crowns, and ${who} took notes.\n\n`
    parts.push(p)
    size += p.length
  }
  return parts.join('')
}

const ARTICLE = 'Bridge opens in Osterby\n\nThe new bridge in Osterby opened on Monday, engineer Nils Aaberg said. "It took six years," Aaberg said.\n'

function encodeUtf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le')
  if (bigEndian) le.swap16()
  return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), le])
}

/** Writes the whole corpus (bad kinds and good articles) into dir, which must exist. */
export function buildBadCorpus(dir: string, options: BuildOptions = {}): BadCorpus {
  const big = options.big ?? true
  const kinds: BadKind[] = []
  const add = (kind: string, expect: Expectation, description: string, files: Record<string, string | Buffer>) => {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
    kinds.push({ kind, description, files: Object.keys(files), expect })
  }
  const fixture = (kind: string, expect: Expectation, description: string, name: string) => {
    copyFileSync(join(BAD_FIXTURES, name), join(dir, name))
    kinds.push({ kind, description, files: [name], expect })
  }

  // --- bytes and encodings
  add('empty', 'either', 'a file of 0 bytes', { 'empty.txt': '' })
  add('whitespace only', 'either', 'spaces, tabs and newlines only', { 'whitespace.txt': ' \t \n\n   \r\n\t\t\n  ' })
  add('binary', 'error', 'a PNG header and random-looking bytes', {
    'photo.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 512 }, (_, i) => (i * 37) % 256)]),
  })
  add('control characters', 'error', 'no NUL, but mostly C0 control characters', {
    'controls.txt': Buffer.from(Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? 0x41 : 1 + (i % 8)))),
  })
  add('invalid UTF-8', 'error', 'an article with stray continuation and truncated multi-byte sequences', {
    'invalid-utf8.txt': Buffer.concat([Buffer.from('Mayor Greta Holm said '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x82]), Buffer.from(' the fees would rise.\n')]),
  })
  add('Latin-1 text', 'error', 'an article in ISO-8859-1 (é as one byte 0xE9)', {
    'latin1.txt': Buffer.from('Le maire Andr\u00e9 L\u00e9vesque a dit que le pont \u00e9tait ouvert. "C\'est fini," L\u00e9vesque a dit.\n', 'latin1'),
  })
  add('UTF-16 LE with BOM', 'article', 'the article encoded UTF-16 little-endian with FF FE', { 'utf16le.txt': encodeUtf16(ARTICLE, false) })
  add('UTF-16 BE with BOM', 'article', 'the article encoded UTF-16 big-endian with FE FF', { 'utf16be.txt': encodeUtf16(ARTICLE, true) })
  add('UTF-8 with BOM', 'article', 'EF BB BF before the article', { 'utf8-bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)]) })
  add('NUL in the middle', 'error', 'a good article with one NUL byte in its middle', {
    'nul-middle.txt': Buffer.concat([Buffer.from(ARTICLE.slice(0, 60)), Buffer.from([0]), Buffer.from(ARTICLE.slice(60))]),
  })
  add('CRLF line endings', 'article', 'the article with Windows line endings', { 'crlf.txt': ARTICLE.replace(/\n/g, '\r\n') + '\r\nMayor Greta Holm said: "Welcome."\r\n' })
  add('CR-only line endings', 'article', 'classic Mac line endings (\\r only)', { 'cr-only.txt': ARTICLE.replace(/\n/g, '\r') })

  // --- size and shape of the text
  if (big) {
    add('20 MB article', 'either', 'one plain article of 20 MB (generated at test time)', { 'huge-20mb.txt': bigArticle(20 * MB) })
    add('one line of 5 MB', 'either', 'a single line of 5 MB of words, no newline, no full stop', {
      'line-5mb.txt': Array.from({ length: (5 * MB) / 8 }, (_, i) => ['harbour', 'council', 'Lindholm', 'bridge'][i % 4].padEnd(7, 's')).join(' '),
    })
  }
  add('one word of 1 MB', 'either', 'a million letters with no space', { 'long-word.txt': 'Lindholm'.repeat(MB / 8) })
  add('many tiny paragraphs', 'either', '50,000 paragraphs of one short sentence each', {
    'tiny-paragraphs.txt': Array.from({ length: 50_000 }, (_, i) => (i % 10 === 0 ? 'Holm said yes.' : 'Yes.')).join('\n\n'),
  })
  add('extremely many quotation marks', 'either', '200,000 quotation marks of every kind, a few words between', {
    'quote-marks.txt': Array.from({ length: 50_000 }, (_, i) => `"“”'${i % 100 === 0 ? ' Holm said ' : ''}`).join(''),
  })
  fixture('punctuation only', 'either', 'punctuation, symbols and digits, no words', 'punctuation-only.txt')

  // --- quotation marks
  fixture('unbalanced quotation marks', 'article', 'quotes opened and never closed, stray closing marks', 'unbalanced-quotes.txt')
  fixture('nested quotation marks', 'article', 'quotes inside quotes inside quotes, straight and curly', 'nested-quotes.txt')
  fixture('quotes with no speaker', 'article', 'quotes with no cue verb and no name anywhere', 'quotes-no-speaker.txt')
  fixture('only quotes', 'article', 'every line a quote, no other text', 'only-quotes.txt')

  // --- scripts and names
  fixture('emoji and combining accents in names', 'article', 'names in NFD (e + U+0308) with emoji inside and beside them', 'names-emoji-accents.txt')
  fixture('right-to-left (Arabic)', 'article', 'an Arabic article with an English paragraph', 'rtl-arabic.txt')
  fixture('right-to-left (Hebrew) with bidi controls', 'article', 'Hebrew with RLM and RLO/PDF bidi control characters', 'rtl-hebrew.txt')
  add('file name with emoji and combining accents', 'article', 'a good article whose file name is NFD with emoji and spaces', {
    ['Zoe\u0308 \u{1F30A} notes \u05D0.txt']: ARTICLE,
  })

  // --- formats
  fixture('HTML with scripts and no body', 'either', 'a head with scripts and styles, no <body>', 'html-script-no-body.html')
  fixture('malformed HTML', 'article', 'unclosed tags, a comment that never ends', 'html-malformed.html')
  fixture('news header and no body', 'either', "the seed's news format: header lines only", 'news-header-only.txt')
  fixture('malformed JSON', 'error', 'a JSON object cut off in a string', 'malformed.json')
  fixture('JSON of the wrong shape', 'error', 'an object with no text field (text nested in another field)', 'wrong-shape.json')
  fixture('JSON scalar', 'error', 'a JSON file holding one string', 'scalar.json')
  add('JSON text not a string', 'error', 'text is a number, title an object', { 'text-number.json': JSON.stringify({ title: { x: 1 }, text: 12345 }) })
  add('JSON array of non-objects', 'some', 'one good article among null, a number and a list', {
    'mixed-array.json': JSON.stringify([null, 7, ['text'], { title: 'Ferry fares', text: 'Ferry fares rise in May, harbour director Maren Ostvik said.' }]),
  })
  fixture('JSON Lines with one bad line', 'some', 'three lines, the middle one cut short', 'jsonl-one-bad-line.jsonl')
  fixture('lone surrogate in JSON', 'either', 'escapes \\ud800 and \\udfff with no partner in the text', 'lone-surrogate.json')
  add('deeply nested JSON', 'error', '100,000 nested arrays', { 'deep.json': '['.repeat(100_000) + ']'.repeat(100_000) })
  add('JSON with 1,000 tiny articles', 'article', 'one array of 1,000 one-sentence articles', {
    'many-articles.json': JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ url: `https://news.example.org/brief/${i}`, title: `Brief ${i}`, text: `Councillor Ivar Lund said brief number ${i} was approved.` }))),
  })

  // --- the file system
  symlinkSync(join(dir, 'no-such-target.txt'), join(dir, 'dangling-link.txt'))
  kinds.push({ kind: 'dangling symlink', description: 'a symlink to a file that does not exist', files: ['dangling-link.txt'], expect: 'error' })
  mkdirSync(join(dir, 'folder-named-like-a-file.txt'))
  kinds.push({ kind: 'folder named like a file', description: 'an empty folder called folder-named-like-a-file.txt', files: ['folder-named-like-a-file.txt'], expect: 'either' })
  // a FIFO would block a reader waiting for a writer; both commands refuse it as not a regular file.
  // (A socket is tested in test/unit/input-guards.test.ts: it exists only while a server listens.)
  execFileSync('mkfifo', [join(dir, 'named-pipe.txt')])
  kinds.push({ kind: 'FIFO (named pipe)', description: 'a named pipe with no writer, where a file is expected', files: ['named-pipe.txt'], expect: 'error' })
  add('vanishes between listing and reading', 'error', 'a good article deleted after the folder is listed, before it is read', { 'vanishing.txt': ARTICLE.replace('Monday', 'Tuesday') })
  copyFileSync(join(GOOD_FIXTURES, '2032-03-01-ferry-line.txt'), join(dir, 'duplicate-ferry-line.txt'))
  kinds.push({ kind: 'duplicate of a good article', description: 'the same text as a good article under another name (same article id)', files: ['duplicate-ferry-line.txt'], expect: 'article' })

  const good: string[] = []
  mkdirSync(join(dir, 'good'), { recursive: true })
  for (const name of readdirSync(GOOD_FIXTURES).sort()) {
    copyFileSync(join(GOOD_FIXTURES, name), join(dir, 'good', name))
    good.push(join('good', name))
  }
  return { dir, kinds, good, vanish: 'vanishing.txt' }
}

/** A Markdown table of rows (first row the header), cells with | and newlines escaped. */
export function markdownTable(rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
  const [head, ...body] = rows
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n')
}

// ---------------------------------------------------------------- results and the docs/reliability.md table

/** where the tests leave each kind's outcome, for the docs/reliability.md table */
export const BAD_CORPUS_RESULTS = join(tmpdir(), 'newsgraph-bad-corpus')

export interface KindResult {
  kind: string
  file: string
  expect: Expectation
  extract?: string
  ingest?: string
}

/** an error line without its "error: <path>" prefix: the reason a person reads */
export function reasonOf(line: string, path: string): string {
  const rest = line.replace(/^error: /, '')
  const tail = rest.startsWith(path) ? rest.slice(path.length) : rest
  const reason = tail.replace(/^(\s*(\[\d+\]|line \d+))?:\s*/, '')
  const where = /^\s*(\[\d+\]|line \d+)/.exec(tail)?.[1]
  const short = reason.length > 70 ? `${reason.slice(0, 67)}...` : reason
  return where ? `${where}: ${short}` : short
}

/** "1 article (3 quotes, 5 entities)", "error: <reason>", or both for files with bad records */
export function describeExtract(articles: { quotes: unknown[]; entities: unknown[] }[], errors: string[], path: string): string {
  const parts: string[] = []
  if (articles.length) {
    const q = articles.reduce((n, a) => n + a.quotes.length, 0)
    const e = articles.reduce((n, a) => n + a.entities.length, 0)
    parts.push(`${articles.length} article${articles.length > 1 ? 's' : ''} (${q} quotes, ${e} entities)`)
  }
  for (const line of errors) parts.push(`error: ${reasonOf(line, path)}`)
  return parts.length ? parts.join('; ') : 'nothing (no file to read)'
}

/** The docs/reliability.md table from the results the two tests left (either column may be missing). */
export function resultsTable(): string {
  const read = (name: string): KindResult[] => {
    try {
      return JSON.parse(readFileSync(join(BAD_CORPUS_RESULTS, name), 'utf8')) as KindResult[]
    } catch {
      return []
    }
  }
  const extract = read('extract.json')
  const ingest = read('ingest.json')
  const rows = new Map<string, KindResult>()
  for (const r of [...extract, ...ingest]) rows.set(`${r.kind}\0${r.file}`, { ...rows.get(`${r.kind}\0${r.file}`), ...r, extract: rows.get(`${r.kind}\0${r.file}`)?.extract ?? r.extract })
  return markdownTable([
    ['kind', 'file', '`extract` gives', '`ingest` gives'],
    ...[...rows.values()].map((r) => [r.kind, `\`${r.file}\``, r.extract ?? '(not run)', r.ingest ?? '(not run)']),
  ])
}

/** why an outcome does not meet the kind's expectation, or null when it does */
export function mismatch(expect: Expectation, articles: number, errors: string[], kind: string): string | null {
  switch (expect) {
    case 'article':
      return articles > 0 && errors.length === 0 ? null : 'expected valid articles and no error'
    case 'error':
      return articles === 0 && errors.length === 1 ? null : 'expected one error and no article'
    case 'some':
      if (articles === 0 || errors.length === 0) return 'expected some articles and an error per bad record'
      return errors.every((e) => / (\[\d+\]|line \d+): /.test(e)) ? null : 'a record error should name the record'
    case 'either':
      if (errors.length > 1) return 'more than one error for one file'
      if (articles > 0 && errors.length > 0) return 'articles and an error for one file'
      if (articles === 0 && errors.length === 0 && !kind.startsWith('folder')) return 'neither an article nor an error'
      return null
  }
}

/** The texts of the good articles (test/fixtures/bad/good), as plain text. */
export function goodTexts(): string[] {
  const texts: string[] = []
  for (const name of readdirSync(GOOD_FIXTURES).sort()) {
    const raw = readFileSync(join(GOOD_FIXTURES, name), 'utf8')
    if (name.endsWith('.txt')) texts.push(raw)
    else if (name.endsWith('.json')) texts.push((JSON.parse(raw) as { text: string }).text)
    else for (const line of raw.split('\n').filter((l) => l.trim())) texts.push((JSON.parse(line) as { text: string }).text)
  }
  return texts
}

/** A folder of n distinct plain-text articles (the good texts, each copy with its own edition line); returns dir. */
export function goodCorpus(dir: string, n: number): string {
  const texts = goodTexts()
  mkdirSync(dir, { recursive: true })
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `${String(i).padStart(4, '0')}.txt`), `${texts[i % texts.length]}\nEdition ${i} of the regional digest.\n`)
  return dir
}
