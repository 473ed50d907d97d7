// `npm run bench:extract [-- --rounds N --dir DIR]`: tokens per second of the whole extract path (decode and read
// the bytes, extractArticle, JSON serialisation) beside wink-nlp's bare readDoc on the same texts in the same
// run. One warm-up round each, then the median of N rounds (the two alternate, so machine noise hits both).
// Also prints where the pipeline's time goes, stage by stage.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command } from 'commander'
import { extractArticle, readInput } from '../src/extract/index.ts'
import { wink as lean } from '../src/extract/nlp.ts'
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import { DEFAULT_CORPUS } from './support/shared.ts'

const opts = new Command()
  .option('--dir <dir>', 'folder of texts', DEFAULT_CORPUS)
  .option('--rounds <n>', 'measured rounds', '5')
  .parse()
  .opts<{ dir: string; rounds: string }>()

const files = readdirSync(opts.dir).filter((f) => !f.startsWith('.')).sort()
const bytes = files.map((f) => readFileSync(join(opts.dir, f)))
const texts = bytes.map((b) => new TextDecoder().decode(b))
const rounds = Math.max(1, Number(opts.rounds) || 5)
// the baseline is wink as it comes: the default pipe, readDoc and nothing else. (The pipeline's own instance,
// imported above and so created first, runs a leaner pipe; its bare readDoc is shown beside it.)
const wink = winkNLP(model)

// wink's token count on its very first pass over a text can differ slightly from later passes (its caches
// warm up), so the count is taken from the warm-up round on
let tokens = 0

const stageMs = new Map<string, number[]>()

function winkRound(): number {
  const t0 = performance.now()
  let n = 0
  for (const t of texts) n += wink.readDoc(t).tokens().length()
  tokens = n
  return performance.now() - t0
}

function leanRound(): number {
  const t0 = performance.now()
  for (const t of texts) lean.read(t, () => 0)
  return performance.now() - t0
}

function extractRound(record: boolean): number {
  const stages = new Map<string, number>()
  const onStage = (name: string, ms: number) => stages.set(name, (stages.get(name) ?? 0) + ms)
  const t0 = performance.now()
  let chars = 0
  for (let i = 0; i < files.length; i++) {
    for (const input of readInput(bytes[i], files[i])) chars += JSON.stringify(extractArticle(input, files[i], { onStage })).length
  }
  const ms = performance.now() - t0
  if (chars === 0) throw new Error('no output')
  if (record) for (const [name, v] of stages) stageMs.set(name, [...(stageMs.get(name) ?? []), v])
  return ms
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const perSec = (ms: number) => Math.round((tokens * 1000) / ms)

winkRound()
leanRound()
extractRound(false)
const winkMs: number[] = []
const leanMs: number[] = []
const extractMs: number[] = []
for (let r = 0; r < rounds; r++) {
  winkMs.push(winkRound())
  extractMs.push(extractRound(true))
  leanMs.push(leanRound())
}
const w = median(winkMs)
const l = median(leanMs)
const e = median(extractMs)
console.log(`texts ${files.length}, wink tokens ${tokens}, rounds ${rounds} (after one warm-up)`)
const row = (name: string, ms: number, all: number[]) =>
  console.log(`${name.padEnd(28)} median ${ms.toFixed(0).padStart(6)} ms  ${perSec(ms).toLocaleString('en').padStart(9)} tokens/s  (rounds: ${all.map((x) => x.toFixed(0)).join(', ')})`)
row('wink readDoc (default pipe)', w, winkMs)
row('wink readDoc (pipeline pipe)', l, leanMs)
row('extract path', e, extractMs)
console.log(`ratio extract/wink: ${(w / e).toFixed(2)} (target >= 0.5); against the pipeline's leaner readDoc: ${(l / e).toFixed(2)}`)
const stageTotal = [...stageMs.values()].reduce((s, v) => s + median(v), 0)
console.log(`stages (median ms per round): ${[...stageMs].map(([n, v]) => `${n} ${median(v).toFixed(0)}`).join(', ')}; read + JSON + other ${(e - stageTotal).toFixed(0)}`)
