// `npm run eval -- conll FILE`: scores the name finder against CoNLL(++) gold.
// Each document (split on -DOCSTART-) becomes one text, tokens joined by single spaces, one
// sentence a line. findEntities runs over the whole text; its "name" mentions are scored by exact
// character span and type against gold PER, ORG and LOC (Person; Organisation; Country and Place), the type
// of the name where the mention has one (`nameType`: a country's name standing for its team is a LOC name).
// MISC is left out on both sides (gold MISC dropped; demonym mentions are not names).
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { analyse } from '../../src/extract/nlp.ts'
import { findEntities } from '../../src/extract/entities.ts'
import type { EntityType } from '../../src/extract/types.ts'

export interface GoldSpan {
  start: number
  end: number
  /** PER, ORG, LOC or MISC */
  label: string
}
export interface ConllDoc {
  text: string
  gold: GoldSpan[]
}

/** Reads a CoNLL-2003 style file (word first column, IOB tag last) into documents. */
export function readConll(path: string): ConllDoc[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  const docs: ConllDoc[] = []
  let sentences: { word: string; tag: string }[][] = []
  let cur: { word: string; tag: string }[] = []
  const endSentence = (): void => {
    if (cur.length) sentences.push(cur)
    cur = []
  }
  const endDoc = (): void => {
    endSentence()
    if (sentences.length) docs.push(toDoc(sentences))
    sentences = []
  }
  for (const line of lines) {
    const t = line.trim()
    if (t.startsWith('-DOCSTART-')) { endDoc(); continue }
    if (!t) { endSentence(); continue }
    const cols = t.split(/\s+/)
    if (cols.length < 2) throw new Error(`${path}: malformed line "${t}"`)
    cur.push({ word: cols[0], tag: cols[cols.length - 1] })
  }
  endDoc()
  return docs
}

function toDoc(sentences: { word: string; tag: string }[][]): ConllDoc {
  let text = ''
  const gold: GoldSpan[] = []
  for (const [s, sent] of sentences.entries()) {
    if (s > 0) text += '\n'
    let open: GoldSpan | null = null
    for (const [k, { word, tag }] of sent.entries()) {
      if (k > 0) text += ' '
      const start = text.length
      text += word
      const label = tag === 'O' ? null : tag.slice(2)
      const begins = tag.startsWith('B-') || (label !== null && (!open || open.label !== label))
      if (open && (label === null || begins)) { gold.push(open); open = null }
      if (label !== null) {
        if (begins || !open) open = { start, end: text.length, label }
        else open.end = text.length
      }
    }
    if (open) gold.push(open)
  }
  return { text, gold }
}

const LABEL_OF: Record<EntityType, string> = { Person: 'PER', Organisation: 'ORG', Country: 'LOC', Place: 'LOC' }

interface Counts { tp: number; fp: number; fn: number }
function prf(c: Counts): string {
  const p = c.tp / Math.max(1, c.tp + c.fp)
  const r = c.tp / Math.max(1, c.tp + c.fn)
  const f = p + r ? (2 * p * r) / (p + r) : 0
  return `P ${p.toFixed(4)}  R ${r.toFixed(4)}  F1 ${f.toFixed(4)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`
}

export async function main(args: string[]): Promise<void> {
  const file = args.find((a) => !a.startsWith('--'))
  if (!file) throw new Error('usage: eval conll FILE [--misses N]')
  const missArg = args.indexOf('--misses')
  const nMiss = missArg >= 0 ? Number(args[missArg + 1]) : 25
  const docs = readConll(file)
  const total: Counts = { tp: 0, fp: 0, fn: 0 }
  const per: Record<string, Counts> = { PER: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 } }
  const untyped: Counts = { tp: 0, fp: 0, fn: 0 }
  const misses: string[] = []
  let tokens = 0
  const t0 = performance.now()
  for (const d of docs) {
    const doc = analyse(d.text)
    tokens += doc.tokens.length
    const layer = findEntities(doc, [{ start: 0, end: d.text.length }])
    const pred = new Map<string, string>()
    for (const e of layer.entities) for (const m of e.mentions) if (m.kind === 'name') pred.set(`${m.start}:${m.end}`, LABEL_OF[m.nameType ?? e.type])
    const gold = new Map<string, string>()
    for (const g of d.gold) if (g.label !== 'MISC') gold.set(`${g.start}:${g.end}`, g.label)
    const ctx = (key: string): string => {
      const [a, b] = key.split(':').map(Number)
      return `${d.text.slice(Math.max(0, a - 40), a).replace(/\n/g, ' / ')}[[${d.text.slice(a, b)}]]${d.text.slice(b, b + 40).replace(/\n/g, ' / ')}`
    }
    for (const [key, label] of pred) {
      const g = gold.get(key)
      if (g !== undefined) untyped.tp++
      else untyped.fp++
      if (g === label) { total.tp++; per[label].tp++ }
      else {
        total.fp++
        per[label].fp++
        misses.push(`FP ${label}${g ? ` (gold ${g})` : ''}: ${ctx(key)}`)
      }
    }
    for (const [key, label] of gold) {
      if (!pred.has(key)) untyped.fn++
      if (pred.get(key) !== label) {
        total.fn++
        per[label].fn++
        if (!pred.has(key)) misses.push(`FN ${label}: ${ctx(key)}`)
      }
    }
  }
  const secs = (performance.now() - t0) / 1000
  console.log(`CoNLL ${file}: ${docs.length} documents, ${tokens} wink tokens, ${secs.toFixed(1)} s (analyse + findEntities)`)
  console.log(`typed    ${prf(total)}`)
  for (const [label, c] of Object.entries(per)) console.log(`  ${label}    ${prf(c)}`)
  console.log(`untyped  ${prf(untyped)}`)
  if (nMiss > 0) {
    console.log(`\nSample of misses (${nMiss} of ${misses.length}):`)
    const step = Math.max(1, Math.floor(misses.length / nMiss))
    for (let k = 0; k < misses.length && k / step < nMiss; k += step) console.log('  ' + misses[k])
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
