// PolNeAR scorer for quotes and speakers: `npm run eval -- polnear DIR` (DIR holds text/ and attributions/).
//
// Gold: for each article the first annotation file in name order (BRAT standoff: T lines
// "Source|Cue|Content start end[;start end...]\ttext", E lines linking them). A gold quote is an
// attribution whose Content contains a double quotation mark (" “ ”, or '' which the nyt articles use for
// both). Single marks ‘ ’ are left
// out: ’ is also this corpus's apostrophe ("Clinton’s"), so counting it would make nearly every
// attribution a "quote".
//
// Primary line, one to one: every Quote findQuotes hands a user is one unit. A unit is a "direct"
// prediction when it holds quoted words (kind direct or mixed), the mirror of the gold definition.
// Each unit may match at most one gold attribution and each gold attribution at most one unit
// (greedy, best overlaps first): a statement cut into fragments scores one hit and the rest as
// false positives, as a user listing the quotes would see it.
// Grouped line, beside it and labelled: findAttributions' parts joined by their `group` (a direct
// quote, its continuations and the reported statement it sits in), the scoring used before.
// A prediction matches a gold attribution when their overlap covers at least THRESHOLD of the gold
// Content's length; the speaker is right when the predicted speaker span overlaps the gold Source span.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyse, wink as reader } from '../../src/extract/nlp.ts'
import type { Doc } from '../../src/extract/nlp.ts'
import type { EntityLayer } from '../../src/extract/entities.ts'
import { findEntities } from '../../src/extract/entities.ts'
import { findAttributions, findQuotes, type Attribution } from '../../src/extract/quotes.ts'
import type { Quote } from '../../src/extract/types.ts'

type Frag = [number, number]

interface GoldAttribution {
  content: Frag[]
  source: Frag[] | null
  cue: Frag[] | null
  quote: boolean
}

interface Unit {
  frags: Frag[]
  speaker: Frag | null
  direct: boolean
}

interface ArticleCase {
  name: string
  text: string
  gold: GoldAttribution[]
  pred: Attribution[]
  quotes: Quote[]
}

const QUOTE_MARK = /["“”]|''/

/** Parses one BRAT standoff file; malformed lines are counted, not fatal. */
export function parseStandoff(ann: string, text: string): { atts: GoldAttribution[]; bad: number } {
  const spans = new Map<string, { type: string; frags: Frag[] }>()
  let bad = 0
  const lines = ann.split('\n')
  for (const line of lines) {
    if (!line.startsWith('T')) continue
    const [id, spec] = line.split('\t')
    if (spec === undefined) { bad++; continue }
    const sp = spec.indexOf(' ')
    const type = spec.slice(0, sp)
    const frags: Frag[] = []
    for (const part of spec.slice(sp + 1).split(';')) {
      const [a, b] = part.trim().split(' ').map(Number)
      if (Number.isInteger(a) && Number.isInteger(b) && b >= a) frags.push([a, b])
    }
    if (frags.length === 0) { bad++; continue }
    spans.set(id, { type, frags })
  }
  const atts: GoldAttribution[] = []
  for (const line of lines) {
    if (!line.startsWith('E')) continue
    const roles = new Map<string, Frag[]>()
    for (const part of (line.split('\t')[1] ?? '').split(' ')) {
      const [role, ref] = part.split(':')
      const span = ref === undefined ? undefined : spans.get(ref)
      if (span !== undefined) roles.set(role, span.frags)
    }
    const content = roles.get('Content')
    if (content === undefined) continue
    const quote = content.some(([a, b]) => QUOTE_MARK.test(text.slice(a, b)))
    atts.push({ content, source: roles.get('Source') ?? null, cue: roles.get('Cue') ?? null, quote })
  }
  return { atts, bad }
}

function length(frags: Frag[]): number {
  let n = 0
  for (const [a, b] of frags) n += b - a
  return n
}

function overlap(x: Frag[], y: Frag[]): number {
  let n = 0
  for (const [a, b] of x) for (const [c, d] of y) n += Math.max(0, Math.min(b, d) - Math.max(a, c))
  return n
}

type Mode = 'direct' | 'strict' | 'all'

/** The contract's quotes as scored units, one each: `direct` keeps those holding quoted words. */
function quoteUnits(quotes: Quote[], mode: Mode): Unit[] {
  const out: Unit[] = []
  for (const q of quotes) {
    const direct = q.kind !== 'indirect'
    if (mode !== 'all' && !direct) continue
    out.push({
      frags: [[q.start, q.end]],
      speaker: q.speakerStart === null || q.speakerEnd === null ? null : [q.speakerStart, q.speakerEnd],
      direct,
    })
  }
  return out
}

/** Groups attributions into scored units: `strict` keeps only direct quotes' own spans. */
function units(pred: Attribution[], mode: Mode): Unit[] {
  const byGroup = new Map<number, Attribution[]>()
  for (const a of pred) {
    const g = byGroup.get(a.group)
    if (g === undefined) byGroup.set(a.group, [a])
    else g.push(a)
  }
  const out: Unit[] = []
  for (const members of byGroup.values()) {
    const direct = members.some((m) => m.kind === 'direct')
    if (mode !== 'all' && !direct) continue
    const used = mode === 'strict' ? members.filter((m) => m.kind === 'direct') : members
    const withSpeaker = used.find((m) => m.speakerStart !== null) ?? members.find((m) => m.speakerStart !== null)
    out.push({
      frags: used.map((m): Frag => [m.start, m.end]),
      speaker: withSpeaker === undefined || withSpeaker.speakerStart === null || withSpeaker.speakerEnd === null ? null : [withSpeaker.speakerStart, withSpeaker.speakerEnd],
      direct,
    })
  }
  return out
}

interface Score {
  tp: number
  pred: number
  gold: number
  speakerRight: number
  speakerScored: number
  fp: { c: ArticleCase; u: Unit }[]
  fn: { c: ArticleCase; g: GoldAttribution }[]
  wrong: { c: ArticleCase; u: Unit; g: GoldAttribution }[]
}

function score(cases: ArticleCase[], mode: Mode, threshold: number, grouped = false): Score {
  const s: Score = { tp: 0, pred: 0, gold: 0, speakerRight: 0, speakerScored: 0, fp: [], fn: [], wrong: [] }
  for (const c of cases) {
    const gold = mode === 'all' ? c.gold : c.gold.filter((g) => g.quote)
    const pred = grouped ? units(c.pred, mode) : quoteUnits(c.quotes, mode)
    s.gold += gold.length
    s.pred += pred.length
    const pairs: [number, number, number][] = []
    for (let p = 0; p < pred.length; p++) {
      for (let g = 0; g < gold.length; g++) {
        const r = overlap(pred[p].frags, gold[g].content) / Math.max(1, length(gold[g].content))
        if (r >= threshold) pairs.push([r, p, g])
      }
    }
    pairs.sort((x, y) => y[0] - x[0])
    const pUsed = new Set<number>(), gUsed = new Set<number>()
    for (const [, p, g] of pairs) {
      if (pUsed.has(p) || gUsed.has(g)) continue
      pUsed.add(p)
      gUsed.add(g)
      s.tp++
      const src = gold[g].source
      if (src !== null) {
        s.speakerScored++
        const sp = pred[p].speaker
        if (sp !== null && overlap([sp], src) > 0) s.speakerRight++
        else s.wrong.push({ c, u: pred[p], g: gold[g] })
      }
    }
    pred.forEach((u, p) => { if (!pUsed.has(p)) s.fp.push({ c, u }) })
    gold.forEach((g, i) => { if (!gUsed.has(i)) s.fn.push({ c, g }) })
  }
  return s
}

function prf(s: Score): string {
  const p = s.pred === 0 ? 0 : s.tp / s.pred
  const r = s.gold === 0 ? 0 : s.tp / s.gold
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r)
  const acc = s.speakerScored === 0 ? 0 : s.speakerRight / s.speakerScored
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}  (tp ${s.tp}, pred ${s.pred}, gold ${s.gold})  speaker acc ${acc.toFixed(3)} (${s.speakerRight}/${s.speakerScored})`
}

const clip = (t: string, n = 160): string => (t.length > n ? t.slice(0, n - 40) + ' … ' + t.slice(-36) : t).replace(/\s+/g, ' ')
const show = (text: string, f: Frag[]): string => clip(f.map(([a, b]) => text.slice(a, b)).join(' ⟂ '))
const around = (text: string, f: Frag[], pad = 60): string => {
  const a = Math.min(...f.map((x) => x[0])), b = Math.max(...f.map((x) => x[1]))
  return clip(text.slice(Math.max(0, a - pad), Math.min(text.length, b + pad)), 400)
}

/**
 * The quote stage alone, three runs each (medians: the machine is shared), beside wink's bare readDoc
 * over the same texts in the same process for scale.
 */
function benchmark(prepared: { doc: Doc; layer: EntityLayer; ranges: { start: number; end: number }[] }[], tokens: number): void {
  // the three runs are interleaved, five rounds, so drifting load on a shared machine hits each alike
  const runs = {
    att: () => { for (const p of prepared) findAttributions(p.doc, p.layer, p.ranges) },
    quotes: () => { for (const p of prepared) findQuotes(p.doc, p.layer, p.ranges, 'bench') },
    wink: () => { for (const p of prepared) reader.read(p.doc.text, () => 0) },
  }
  const times: Record<keyof typeof runs, number[]> = { att: [], quotes: [], wink: [] }
  for (let round = 0; round < 5; round++) {
    for (const key of Object.keys(runs) as (keyof typeof runs)[]) {
      const t = performance.now()
      runs[key]()
      times[key].push(performance.now() - t)
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]
  const line = (what: string, ms: number): string => `  ${what.padEnd(42)} ${(ms / 1000).toFixed(3)} s  ${((1000 * ms) / tokens).toFixed(3)} µs/token  ${Math.round(tokens / (ms / 1000)).toLocaleString('en')} tokens/s`
  let quoteChars = 0, textChars = 0
  for (const p of prepared) {
    textChars += p.doc.text.length
    for (const q of findQuotes(p.doc, p.layer, p.ranges, 'bench')) quoteChars += q.text.length
  }
  const att = median(times.att), quotes = median(times.quotes), wink = median(times.wink)
  console.log(`bench over ${prepared.length} texts, ${tokens.toLocaleString('en')} tokens (median of 5 interleaved rounds):`)
  console.log(line('findAttributions (marks, cues, speakers)', att))
  console.log(line('findQuotes (+ sentiment, about, sentence)', quotes))
  console.log(line('wink readDoc alone, for scale', wink))
  console.log(`  quote texts re-read for sentiment: ${((100 * quoteChars) / textChars).toFixed(0)}% of the text; attributions / readDoc ${(att / wink).toFixed(2)}, findQuotes / readDoc ${(quotes / wink).toFixed(2)}`)
}

/** `main(['DIR', '--misses', '8', '--limit', 'N', '--bench'])` */
export async function main(args: string[]): Promise<void> {
  const dir = args.find((a) => !a.startsWith('--'))
  if (dir === undefined) throw new Error('usage: eval polnear DIR [--misses N] [--misses-of direct|all] [--cue WORD] [--limit N] [--bench]')
  const opt = (name: string, dflt: number): number => {
    const i = args.indexOf(name)
    return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : dflt
  }
  const misses = opt('--misses', 8)
  const limit = opt('--limit', Infinity)
  const textDir = join(dir, 'text'), annDir = join(dir, 'attributions')
  const texts = readdirSync(textDir).filter((f) => f.endsWith('.txt')).sort().slice(0, limit)
  const anns = readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort()
  const cases: ArticleCase[] = []
  let bad = 0, skipped = 0
  const timing = { attributions: 0, quotes: 0, tokens: 0 }
  const bench = args.includes('--bench')
  const prepared: { doc: Doc; layer: EntityLayer; ranges: { start: number; end: number }[] }[] = []
  for (const file of texts) {
    const base = file.slice(0, -4)
    const annFile = anns.find((a) => a.startsWith(base + '_') && /^[0-9a-z]+\.ann$/.test(a.slice(base.length + 1)))
    if (annFile === undefined) { skipped++; continue }
    const text = readFileSync(join(textDir, file), 'utf8')
    const parsed = parseStandoff(readFileSync(join(annDir, annFile), 'utf8'), text)
    bad += parsed.bad
    const doc = analyse(text)
    const ranges = [{ start: 0, end: text.length }]
    const layer = findEntities(doc, ranges)
    const t0 = performance.now()
    const pred = findAttributions(doc, layer, ranges)
    const t1 = performance.now()
    const quotes = findQuotes(doc, layer, ranges, base)
    const t2 = performance.now()
    timing.attributions += t1 - t0
    timing.quotes += t2 - t1
    timing.tokens += doc.tokens.length
    cases.push({ name: base, text, gold: parsed.atts, pred, quotes })
    if (bench) prepared.push({ doc, layer, ranges })
  }
  console.log(`PolNeAR ${dir}: ${cases.length} articles (${skipped} without annotations, ${bad} malformed annotation lines skipped)`)
  const rate = (ms: number): string => `${(ms / 1000).toFixed(3)} s, ${((1000 * ms) / timing.tokens).toFixed(3)} µs/token, ${Math.round(timing.tokens / (ms / 1000)).toLocaleString('en')} tokens/s`
  console.log(`quote stage, one cold pass (JIT warm-up included; --bench for medians) over ${timing.tokens.toLocaleString("en")} tokens: attributions ${rate(timing.attributions)}; findQuotes with sentiment ${rate(timing.quotes)}`)
  if (bench) benchmark(prepared, timing.tokens)
  const direct3 = score(cases, 'direct', 0.3)
  console.log('one to one (each Quote of findQuotes is one unit):')
  console.log(`  direct quotes    @0.3  ${prf(direct3)}`)
  console.log(`  direct quotes    @0.8  ${prf(score(cases, 'direct', 0.8))}`)
  console.log(`  all attributions @0.3  ${prf(score(cases, 'all', 0.3))}`)
  console.log('grouped (findAttributions\' parts joined by group, the earlier scoring):')
  console.log(`  direct quotes    @0.3  ${prf(score(cases, 'direct', 0.3, true))}`)
  console.log(`  direct quotes    @0.8  ${prf(score(cases, 'direct', 0.8, true))}`)
  console.log(`  strict (quote spans only, no reported content) @0.3  ${prf(score(cases, 'strict', 0.3, true))}`)
  console.log(`  all attributions @0.3  ${prf(score(cases, 'all', 0.3, true))}`)
  if (misses <= 0) return
  // --misses-of all: the misses of all attributions instead of the direct quotes
  const of = args.includes('--misses-of') && args[args.indexOf('--misses-of') + 1] === 'all' ? 'all' : 'direct'
  const m = of === 'all' ? score(cases, 'all', 0.3) : direct3
  const sample = <T>(xs: T[]): T[] => xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / misses)) === 0).slice(0, misses)
  // a false positive lying inside some gold attribution is the right words cut into the wrong unit
  const inside = (c: ArticleCase, u: Unit): boolean => c.gold.some((g) => overlap(u.frags, g.content) > 0.5 * length(u.frags))
  const fpInside = m.fp.filter(({ c, u }) => inside(c, u)).length
  console.log(`\n-- false positives (${of}, @0.3): ${m.fp.length}, of which ${fpInside} lie mostly inside a gold attribution (a fragment or a duplicate)`)
  for (const { c, u } of sample(m.fp)) console.log(`  [${c.name}] ${inside(c, u) ? '(inside gold) ' : ''}${show(c.text, u.frags)}\n      speaker: ${u.speaker === null ? '-' : c.text.slice(...u.speaker)}`)
  // --cue WORD: only the misses whose gold cue is WORD
  const cueArg = args.includes('--cue') ? args[args.indexOf('--cue') + 1] : undefined
  const fn = cueArg === undefined ? m.fn : m.fn.filter(({ c, g }) => g.cue !== null && g.cue.map(([a, b]) => c.text.slice(a, b)).join(' ').toLowerCase() === cueArg)
  console.log(`\n-- false negatives (${of}, @0.3): ${m.fn.length}${cueArg === undefined ? '' : `, ${fn.length} with the cue "${cueArg}"`}`)
  for (const { c, g } of sample(fn)) console.log(`  [${c.name}] ${around(c.text, g.content)}\n      gold content: ${show(c.text, g.content)}\n      gold source: ${g.source === null ? '-' : show(c.text, g.source)}`)
  // the gold cues of the misses, most frequent first: which kinds of attribution the extractor does not see
  const cues = new Map<string, number>()
  for (const { c, g } of m.fn) {
    const k = g.cue === null ? '(no cue)' : g.cue.map(([a, b]) => c.text.slice(a, b)).join(' ').toLowerCase().replace(/\s+/g, ' ')
    cues.set(k, (cues.get(k) ?? 0) + 1)
  }
  console.log(`  cues of the misses: ${[...cues].sort((x, y) => y[1] - x[1]).slice(0, 40).map(([k, v]) => `${k} ${v}`).join(', ')}`)
  console.log(`\n-- wrong speakers (${of}, @0.3): ${m.wrong.length}`)
  for (const { c, u, g } of sample(m.wrong)) console.log(`  [${c.name}] ${around(c.text, g.content, 80)}\n      predicted: ${u.speaker === null ? '-' : c.text.slice(...u.speaker)}   gold: ${g.source === null ? '-' : show(c.text, g.source)}`)
}

const invoked = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*\/scripts\//, '/scripts/'))
if (invoked) await main(process.argv.slice(2))
