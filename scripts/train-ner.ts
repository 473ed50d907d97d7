// `npm run train:ner -- [--train FILE] [--dev FILE] [--epochs N] [--bits B] [--out FILE]`
// Trains the name tagger: a greedy averaged perceptron over wink-nlp's tokens of CoNLL text (BIO
// tags for PER, ORG, LOC, MISC), with the hashed features of src/extract/ner/features.ts. Gold
// token spans are aligned to wink's tokens by character offsets. Writes the averaged weights,
// pruned and quantised to int8, gzipped, to src/extract/ner/weights.bin (the tagger loads them).
// Train on conllpp_train.txt only; the dev file, when given, is only tagged to report accuracy.
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { analyse } from '../src/extract/nlp.ts'
import { readConll, type ConllDoc } from './eval/conll.ts'
import { NTAGS, TAGS, allowed, sequences, docCase, staticFeatures, dynamicFeatures, beginHistory, remember, MAX_FEATURES, TAG_CLASS, type Sequence } from '../src/extract/ner/features.ts'
import { encodeWeights, decodeWeights, dequantise } from '../src/extract/ner/tagger.ts'

interface Prepared {
  seqs: Sequence[]
  gold: Int8Array[]
}

function prepare(docs: ConllDoc[]): Prepared[] {
  return docs.map((d) => {
    const doc = analyse(d.text)
    const tagOf = new Int8Array(doc.tokens.length)
    for (const g of d.gold) {
      const b = TAGS.indexOf(`B-${g.label}` as (typeof TAGS)[number])
      if (b < 0) throw new Error(`unknown label ${g.label}`)
      let first = true
      for (let i = 0; i < doc.tokens.length; i++) {
        if (doc.start[i] >= g.start && doc.end[i] <= g.end && doc.pos[i] !== 'SPACE') {
          tagOf[i] = first ? b : b + 1
          first = false
        }
      }
    }
    const seqs = sequences(doc, null)
    docCase(seqs)
    return { seqs, gold: seqs.map((s) => Int8Array.from(s.tokens, (i) => tagOf[i])) }
  })
}

function arg(args: string[], name: string, fallback: string): string {
  const k = args.indexOf(name)
  return k >= 0 && args[k + 1] ? args[k + 1] : fallback
}

function shuffle<T>(a: T[], seed: number): void {
  let s = seed
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    const j = s % (i + 1)
    ;[a[i], a[j]] = [a[j], a[i]]
  }
}

/** Tags one document's sequences with the given weights (float), greedy, left to right. */
function tagDoc(p: Prepared, w: Float32Array, mask: number, feats: Int32Array, scores: Float64Array, onToken?: (s: number, k: number, nf: number, pred: number) => void): Int8Array[] {
  const stamp = beginHistory()
  return p.seqs.map((s, si) => {
    const out = new Int8Array(s.words.length)
    let prev = 0
    let prev2 = 0
    for (let k = 0; k < s.words.length; k++) {
      let nf = staticFeatures(s, k, mask, feats)
      nf = dynamicFeatures(s, k, prev, prev2, stamp, mask, feats, nf)
      scores.fill(0)
      for (let f = 0; f < nf; f++) {
        const o = feats[f]
        for (let t = 0; t < NTAGS; t++) scores[t] += w[o + t]
      }
      let best = -1
      for (let t = 0; t < NTAGS; t++) if (allowed(prev, t) && (best < 0 || scores[t] > scores[best])) best = t
      onToken?.(si, k, nf, best)
      // training, too, reads its own predictions as history (as the tagger will)
      out[k] = best
      remember(s, k, TAG_CLASS[best], stamp)
      prev2 = prev
      prev = best
    }
    return out
  })
}

function spanF1(data: Prepared[], w: Float32Array, mask: number): { f1: number; acc: number } {
  const feats = new Int32Array(MAX_FEATURES)
  const scores = new Float64Array(NTAGS)
  let tp = 0
  let np = 0
  let ng = 0
  let right = 0
  let all = 0
  const spansOf = (tags: Int8Array): Set<string> => {
    const s = new Set<string>()
    let a = -1
    for (let k = 0; k <= tags.length; k++) {
      const t = k < tags.length ? tags[k] : 0
      if (a >= 0 && (t === 0 || t % 2 === 1 || TAG_CLASS[t] !== TAG_CLASS[tags[a]])) { s.add(`${a}:${k}:${TAG_CLASS[tags[a]]}`); a = -1 }
      if (t !== 0 && (a < 0)) a = k
    }
    return s
  }
  for (const p of data) {
    const pred = tagDoc(p, w, mask, feats, scores)
    for (let si = 0; si < pred.length; si++) {
      const ps = spansOf(pred[si])
      const gs = spansOf(p.gold[si])
      for (const x of ps) if (gs.has(x)) tp++
      np += ps.size
      ng += gs.size
      for (let k = 0; k < pred[si].length; k++) { all++; if (pred[si][k] === p.gold[si][k]) right++ }
    }
  }
  const prec = tp / Math.max(1, np)
  const rec = tp / Math.max(1, ng)
  return { f1: prec + rec ? (2 * prec * rec) / (prec + rec) : 0, acc: right / all }
}

export async function main(args: string[]): Promise<void> {
  const trainFile = arg(args, '--train', '../shared/corpora/conllpp/conllpp_train.txt')
  const devFile = arg(args, '--dev', '')
  const epochs = Number(arg(args, '--epochs', '12'))
  const bits = Number(arg(args, '--bits', '20'))
  const out = arg(args, '--out', fileURLToPath(new URL('../src/extract/ner/weights.bin', import.meta.url)))
  if (/test/i.test(trainFile)) throw new Error('the test split is held out: train on conllpp_train.txt')
  const mask = (1 << bits) - 1
  const t0 = performance.now()
  const train = prepare(readConll(trainFile))
  const dev = devFile ? prepare(readConll(devFile)) : []
  console.log(`prepared ${train.length} training documents${dev.length ? `, ${dev.length} dev documents` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  const size = (mask + 1) * NTAGS
  const w = new Float32Array(size)
  const u = new Float32Array(size)
  let c = 1
  const feats = new Int32Array(MAX_FEATURES)
  const scores = new Float64Array(NTAGS)
  const order = train.map((_, i) => i)
  const averaged = (): Float32Array => {
    const a = new Float32Array(size)
    for (let k = 0; k < size; k++) a[k] = w[k] - u[k] / c
    return a
  }
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, epoch * 7919)
    let errors = 0
    let tokens = 0
    for (const d of order) {
      const p = train[d]
      tagDoc(p, w, mask, feats, scores, (si, k, nf, pred) => {
        tokens++
        const gold = p.gold[si][k]
        if (pred !== gold) {
          errors++
          for (let f = 0; f < nf; f++) {
            const o = feats[f]
            w[o + gold] += 1
            u[o + gold] += c
            w[o + pred] -= 1
            u[o + pred] -= c
          }
        }
        c++
      })
    }
    let line = `epoch ${epoch}: train token error ${(errors / tokens).toFixed(4)}`
    if (dev.length && (epoch % 2 === 0 || epoch === epochs)) {
      const r = spanF1(dev, averaged(), mask)
      line += `, dev span F1 (incl. MISC) ${r.f1.toFixed(4)}, token acc ${r.acc.toFixed(4)}`
    }
    console.log(line)
  }
  const avg = averaged()
  const mags = Array.from(avg.filter((x) => x !== 0), Math.abs).sort((a, b) => a - b)
  const q = (f: number): string => mags[Math.floor(mags.length * f)].toFixed(2)
  console.log(`non-zero weights ${mags.length}; |w| quantiles .5 ${q(0.5)} .9 ${q(0.9)} .99 ${q(0.99)} .999 ${q(0.999)} max ${mags[mags.length - 1].toFixed(2)}`)
  const bin = encodeWeights(avg, bits)
  if (dev.length) {
    const m = decodeWeights(bin, 'encoded weights')
    const r = spanF1(dev, dequantise(m), mask)
    console.log(`dev span F1 (incl. MISC) with the quantised weights ${r.f1.toFixed(4)}`)
  }
  const gz = gzipSync(bin, { level: 9 })
  writeFileSync(out, gz)
  console.log(`wrote ${out}: ${(gz.length / 1e6).toFixed(2)} MB (${TAGS.length} tags, ${bits}-bit feature hash)`)
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
