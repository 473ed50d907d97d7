// `npx tsx scripts/gen-big-input.ts --out /tmp/big.json [--mb 200] [--format json|jsonl]`: one big input of
// fictional news articles (made-up people, towns and councils), for measuring ingest's memory on one big file
// (issue 17, D7). Each record carries a short article text and, like many real exports, a bulky field that
// is not the text (`raw_html`), so the file reaches its size with a number of articles a dry run gets through
// in minutes. Written in pieces: the generator holds one record at a time.
import { closeSync, openSync, writeSync } from 'node:fs'
import { Command } from 'commander'
import { positiveNumber } from '../src/cli/options.ts'

const FIRST = ['Maren', 'Henrik', 'Greta', 'Nils', 'Ildra', 'Zebulon', 'Tova', 'Anselm', 'Petra', 'Orrin', 'Signe', 'Bertil']
const LAST = ['Ostvik', 'Dahle', 'Holm', 'Aaberg', 'Pomfrey', 'Quartzmann', 'Lindqvist', 'Brakke', 'Vessel', 'Harrow', 'Solberg', 'Tjomsland']
const TOWNS = ['Lindholm', 'Skarvik', 'Osterby', 'Varnes', 'Vexhollow', 'Brennmark', 'Fjellstad', 'Norrhamn']
const TOPICS = ['the harbour fees', 'the new ferry line', 'the bridge repairs', 'the school budget', 'the fishing quotas', 'the winter roads']
const ROLES = ['mayor', 'harbour director', 'council leader', 'head of the port authority', 'school inspector']

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export function article(i: number, rand: () => number, padChars: number): Record<string, unknown> {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]
  const person = () => `${pick(FIRST)} ${pick(LAST)}`
  const a = person()
  const b = person()
  const town = pick(TOWNS)
  const topic = pick(TOPICS)
  const text =
    `${a}, the ${pick(ROLES)} of ${town}, said on Tuesday that ${topic} would be settled before the summer. ` +
    `"We have waited long enough for ${topic}," ${a} said. ${b} of the ${pick(TOWNS)} council disagreed. ` +
    `"Nothing is settled until the vote," ${b} told reporters in ${town}.`
  const filler = `<div class="story">${text}</div>`
  return {
    url: `https://news.example.org/${town.toLowerCase()}/${i}`,
    title: `${town}: ${topic} (${i})`,
    publishedAt: `2031-0${1 + (i % 9)}-1${i % 10}`,
    author: person(),
    text,
    raw_html: filler.repeat(Math.max(1, Math.ceil(padChars / filler.length))),
  }
}

const program = new Command()
  .name('gen-big-input')
  .requiredOption('--out <path>', 'the file to write')
  .option('--mb <n>', 'its size in MB (10^6 bytes)', positiveNumber, 200)
  .option('--format <f>', 'json (one array) or jsonl', 'json')
  .option('--pad <chars>', 'characters of raw_html per record', (v) => Number(v), 4000)
  .action((opts: { out: string; mb: number; format: string; pad: number }) => {
    const rand = rng(17)
    const fd = openSync(opts.out, 'w')
    const limit = opts.mb * 1e6
    const json = opts.format === 'json'
    let size = 0
    let n = 0
    const put = (s: string) => (size += writeSync(fd, s))
    if (json) put('[\n')
    while (size < limit) {
      put((json && n ? ',\n' : '') + JSON.stringify(article(n, rand, opts.pad)) + (json ? '' : '\n'))
      n++
    }
    if (json) put('\n]\n')
    closeSync(fd)
    process.stderr.write(`${opts.out}: ${n} articles, ${(size / 1e6).toFixed(1)} MB (${opts.format})\n`)
  })

await program.parseAsync(process.argv)
