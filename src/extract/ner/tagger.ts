// The statistical name tagger: a greedy averaged perceptron over wink-nlp tokens, trained by
// scripts/train-ner.ts on CoNLL++ train. Its weights (weights.bin: gzipped, pruned, int8) are loaded
// once per process into a dense table indexed by hashed feature; tagging a token sums one row of
// NTAGS small integers per feature.
import { existsSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import type { Doc } from '../nlp.ts'
import * as F from './features.ts'

// module-local copies: the hot loop should not go through import bindings (tsx compiles them to getters)
const NTAGS = F.NTAGS
const TAG_CLASS = F.TAG_CLASS
const TAG_IS_BEGIN = F.TAG_IS_BEGIN
const { allowed, sequences, docCase, staticFeatures, dynamicFeatures, beginHistory, remember, MAX_FEATURES } = F

export type NerLabel = 'PER' | 'ORG' | 'LOC' | 'MISC'
export interface TaggedSpan {
  first: number
  last: number
  /** null for rule-based candidates whose type the lexicon rules decide */
  label: NerLabel | null
}

const LABELS: (NerLabel | null)[] = [null, 'PER', 'ORG', 'LOC', 'MISC']
const MAGIC = 0x3152454e // "NER1"

/**
 * Weights are stored as 16-bit integers on one linear scale (max |w| maps to 32767). Eight-bit codes
 * lose too much: a few bias-like weights run to the thousands while most are below one, and the
 * absolute error on the large ones swamps the margins between tags.
 */
const QMAX = 32767

/** Serialises averaged weights: rows with any non-zero code, row numbers delta- and varint-coded. */
export function encodeWeights(w: Float32Array, bits: number): Buffer {
  let max = 0
  for (let k = 0; k < w.length; k++) max = Math.max(max, Math.abs(w[k]))
  const scale = (max || 1) / QMAX
  const bytes: number[] = []
  let count = 0
  let last = 0
  const rows = w.length / NTAGS
  const q = new Int16Array(NTAGS)
  for (let r = 0; r < rows; r++) {
    let any = false
    for (let t = 0; t < NTAGS; t++) {
      q[t] = Math.round(w[r * NTAGS + t] / scale)
      if (q[t] !== 0) any = true
    }
    if (!any) continue
    let delta = r - last
    last = r
    count++
    while (delta >= 0x80) { bytes.push((delta & 0x7f) | 0x80); delta >>>= 7 }
    bytes.push(delta)
    for (let t = 0; t < NTAGS; t++) bytes.push(q[t] & 0xff, (q[t] >> 8) & 0xff)
  }
  const head = Buffer.alloc(16)
  head.writeUInt32LE(MAGIC, 0)
  head.writeUInt8(bits, 4)
  head.writeUInt8(NTAGS, 5)
  head.writeFloatLE(scale, 8)
  head.writeUInt32LE(count, 12)
  return Buffer.concat([head, Buffer.from(bytes)])
}

/** The dense table: one 16-bit weight per (feature bucket, tag); `scale` turns it back into the trained value. */
export interface Model { mask: number; w: Int16Array; scale: number }

export function decodeWeights(buf: Buffer, file: string): Model {
  if (buf.length < 16 || buf.readUInt32LE(0) !== MAGIC) throw new Error(`${file}: not a name tagger weight file`)
  const bits = buf.readUInt8(4)
  if (buf.readUInt8(5) !== NTAGS) throw new Error(`${file}: weights for ${buf.readUInt8(5)} tags, the tagger has ${NTAGS}`)
  const scale = buf.readFloatLE(8)
  const count = buf.readUInt32LE(12)
  const w = new Int16Array((1 << bits) * NTAGS)
  let p = 16
  let row = 0
  for (let n = 0; n < count; n++) {
    let delta = 0
    let shift = 0
    for (;;) {
      const b = buf[p++]
      delta |= (b & 0x7f) << shift
      if (b < 0x80) break
      shift += 7
    }
    row += delta
    const o = row * NTAGS
    for (let t = 0; t < NTAGS; t++, p += 2) w[o + t] = buf.readInt16LE(p)
  }
  if (p !== buf.length) throw new Error(`${file}: truncated or corrupt weights`)
  return { mask: (1 << bits) - 1, w, scale }
}

/** The weights as floats (for evaluating the encoded model in training). */
export function dequantise(m: Model): Float32Array {
  return Float32Array.from(m.w, (x) => x * m.scale)
}

const WEIGHTS_FILE = fileURLToPath(new URL('./weights.bin', import.meta.url))
let model: Model | null | undefined

/** The shipped model, loaded on first use; null when no weights are shipped. */
function loadModel(): Model | null {
  if (model !== undefined) return model
  model = existsSync(WEIGHTS_FILE) ? decodeWeights(gunzipSync(readFileSync(WEIGHTS_FILE)), WEIGHTS_FILE) : null
  return model
}

/** by POS id: closed-class words ("The", "In", "But" at a sentence start) start no name either */
const FUNCTION_POS: boolean[] = []
for (const p of ['DET', 'ADP', 'PRON', 'CCONJ', 'SCONJ', 'AUX', 'PART']) FUNCTION_POS[F.posId(p)] = true

// tagNames sums the scores of exactly nine tags (O plus B-/I- of four classes) in locals
if (NTAGS !== 9) throw new Error(`tagger.ts: the scoring loop is written for 9 tags, the features have ${NTAGS}`)

const feats = new Int32Array(MAX_FEATURES)
const scores = new Int32Array(NTAGS)

/**
 * Tags the doc's tokens (where mask is set) and returns the name spans with their CoNLL class,
 * or null when no weights are shipped.
 */
export interface Tagging {
  spans: TaggedSpan[]
  /** per doc token: 1 when the token lies in a Title Case line (a headline) */
  titleLine: Uint8Array
  /** per doc token: the document's case evidence for its word (bit 1 capitalised mid-sentence, bit 2 lowercase) */
  evidence: Uint8Array
}

export function tagNames(doc: Doc, mask: Uint8Array): Tagging | null {
  const m = loadModel()
  if (!m) return null
  const { w } = m
  const seqs = sequences(doc, mask)
  docCase(seqs)
  const titleLine = new Uint8Array(doc.tokens.length)
  const evidence = new Uint8Array(doc.tokens.length)
  for (const s of seqs) for (let k = 0; k < s.tokens.length; k++) {
    if (s.titleLine) titleLine[s.tokens[k]] = 1
    evidence[s.tokens[k]] = s.dcase[k]
  }
  const stamp = beginHistory()
  const spans: TaggedSpan[] = []
  for (const s of seqs) {
    let prev = 0
    let prev2 = 0
    let open: TaggedSpan | null = null
    for (let k = 0; k < s.words.length; k++) {
      // fast path: outside a name, a word without capitals (or with no letters) starts none;
      // most tokens of running text end here, unscored
      if (prev === 0 && !s.headline && (s.words[k].caseClass < 2 || FUNCTION_POS[s.pos[k]])) {
        if (open) { spans.push(open); open = null }
        prev2 = prev
        continue
      }
      let nf = staticFeatures(s, k, m.mask, feats)
      nf = dynamicFeatures(s, k, prev, prev2, stamp, m.mask, feats, nf)
      // the nine tag scores in locals: summing into a typed array loaded and stored each one per feature
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0
      for (let f = 0; f < nf; f++) {
        const o = feats[f]
        s0 += w[o]; s1 += w[o + 1]; s2 += w[o + 2]; s3 += w[o + 3]; s4 += w[o + 4]
        s5 += w[o + 5]; s6 += w[o + 6]; s7 += w[o + 7]; s8 += w[o + 8]
      }
      scores[0] = s0; scores[1] = s1; scores[2] = s2; scores[3] = s3; scores[4] = s4
      scores[5] = s5; scores[6] = s6; scores[7] = s7; scores[8] = s8
      let best = -1
      for (let t = 0; t < NTAGS; t++) if (allowed(prev, t) && (best < 0 || scores[t] > scores[best])) best = t
      remember(s, k, TAG_CLASS[best], stamp)
      if (open && (best === 0 || TAG_IS_BEGIN[best])) { spans.push(open); open = null }
      if (best !== 0) {
        if (!open) open = { first: s.tokens[k], last: s.tokens[k], label: LABELS[TAG_CLASS[best]] }
        else open.last = s.tokens[k]
      }
      prev2 = prev
      prev = best
    }
    if (open) spans.push(open)
  }
  return { spans, titleLine, evidence }
}
