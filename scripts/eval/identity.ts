// `npm run eval -- identity CONLL_FILE ENTITIES_JSONL [--samples N] [--batch-size N] [--uri URI]`: how well the
// graph gives one node per real-world entity, measured on AIDA CoNLL-YAGO gold (Wikidata ids).
//
// Each CoNLL document is written as a plain-text article (tokens joined by single spaces, each
// sentence followed by "\n", as the gold offsets are built: ../shared/corpora/aida-dev/README.md),
// ingested by the project's own ingest command into a throwaway Neo4j (free
// ports, or NEO4J_BOLT_PORT / NEO4J_HTTP_PORT where set), and every MENTIONS span is
// read back with its entity id. Gold mentions are aligned by exact span. For human mentions and for
// all mentions with a Wikidata id it prints B-cubed precision / recall / F1 over the corpus, within
// articles and across articles (each mention's predicted and gold clusters restricted to mentions
// in other documents), fragmentation (distinct node ids per gold entity seen in 2+ documents),
// conflation (distinct gold entities per node) and a sample of splits and wrong merges.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import neo4j from 'neo4j-driver'
import { startNeo4j, throwawayPorts, type Neo4jInstance } from '../neo4j.ts'
import { migrate } from '../../src/graph/migrate.ts'
import { runIngest } from '../support/processes.ts'
import { readConll } from './conll.ts'


/** Deletes everything, in batches (CALL IN TRANSACTIONS needs an auto-commit transaction: session.run). */
const CLEAR = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS'

/** Every MENTIONS span of the graph with the article's source path and the entity's id. */
export const READ_SPANS = `
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
RETURN a.source AS source, e.id AS entityId, e.name AS name, m.starts AS starts, m.ends AS ends`

export interface GoldMention {
  doc: number
  start: number
  end: number
  text: string
  qid: string | null
  name: string | null
  human: boolean
}

/** One aligned mention: its document, gold entity and the node the graph put it on. */
export interface Aligned {
  doc: number
  gold: string
  node: string
  text: string
  goldName: string
}

export interface BCubed {
  p: number
  r: number
  f: number
  /** mentions scored (those with a non-empty restricted cluster) */
  n: number
}

function f1(p: number, r: number): number {
  return p + r ? (2 * p * r) / (p + r) : 0
}

/**
 * B-cubed over `ms`; `scope(i, j)` says whether mention j counts for mention i (same document,
 * other document, or any). Mentions whose restricted gold cluster (recall) or predicted cluster
 * (precision) is empty are left out of that average.
 */
export function bcubed(ms: Aligned[], scope: (a: Aligned, b: Aligned) => boolean): BCubed {
  const byGold = new Map<string, Aligned[]>()
  const byNode = new Map<string, Aligned[]>()
  for (const m of ms) {
    ;(byGold.get(m.gold) ?? byGold.set(m.gold, []).get(m.gold)!).push(m)
    ;(byNode.get(m.node) ?? byNode.set(m.node, []).get(m.node)!).push(m)
  }
  let pSum = 0
  let pN = 0
  let rSum = 0
  let rN = 0
  for (const m of ms) {
    const c = byNode.get(m.node)!.filter((x) => scope(m, x))
    const g = byGold.get(m.gold)!.filter((x) => scope(m, x))
    const both = c.filter((x) => x.gold === m.gold).length
    if (c.length) {
      pSum += both / c.length
      pN++
    }
    if (g.length) {
      rSum += both / g.length
      rN++
    }
  }
  const p = pN ? pSum / pN : 1
  const r = rN ? rSum / rN : 1
  return { p, r, f: f1(p, r), n: Math.max(pN, rN) }
}

export interface IdentityReport {
  mentions: number
  corpus: BCubed
  within: BCubed
  across: BCubed
  /** mean distinct node ids per gold entity seen in 2+ documents, and how many such entities are split */
  fragmentation: number
  multiDoc: number
  split: number
  /** mean distinct gold entities per node, and how many nodes hold more than one */
  conflation: number
  conflated: number
  splits: string[]
  merges: string[]
}

export function score(ms: Aligned[]): IdentityReport {
  const corpus = bcubed(ms, () => true)
  const within = bcubed(ms, (a, b) => a.doc === b.doc)
  const across = bcubed(ms, (a, b) => a.doc !== b.doc)
  const byGold = new Map<string, Aligned[]>()
  const byNode = new Map<string, Aligned[]>()
  for (const m of ms) {
    ;(byGold.get(m.gold) ?? byGold.set(m.gold, []).get(m.gold)!).push(m)
    ;(byNode.get(m.node) ?? byNode.set(m.node, []).get(m.node)!).push(m)
  }
  let frag = 0
  let multiDoc = 0
  let split = 0
  const splits: string[] = []
  for (const [gold, list] of [...byGold].sort((a, b) => b[1].length - a[1].length)) {
    if (new Set(list.map((m) => m.doc)).size < 2) continue
    multiDoc++
    const nodes = new Map<string, Set<string>>()
    for (const m of list) (nodes.get(m.node) ?? nodes.set(m.node, new Set()).get(m.node)!).add(m.text)
    frag += nodes.size
    if (nodes.size > 1) {
      split++
      splits.push(`${list[0].goldName} (${gold}): ${[...nodes].map(([n, t]) => `${n} [${[...t].join(' | ')}]`).join('  /  ')}`)
    }
  }
  let confl = 0
  let conflated = 0
  const merges: string[] = []
  for (const [node, list] of [...byNode].sort((a, b) => b[1].length - a[1].length)) {
    const golds = new Map<string, Set<string>>()
    for (const m of list) (golds.get(m.gold) ?? golds.set(m.gold, new Set()).get(m.gold)!).add(m.text)
    confl += golds.size
    if (golds.size > 1) {
      conflated++
      const name = (g: string): string => list.find((m) => m.gold === g)!.goldName
      merges.push(`${node}: ${[...golds].map(([g, t]) => `${name(g)} (${g}) [${[...t].join(' | ')}]`).join('  +  ')}`)
    }
  }
  return {
    mentions: ms.length,
    corpus,
    within,
    across,
    fragmentation: multiDoc ? frag / multiDoc : 1,
    multiDoc,
    split,
    conflation: byNode.size ? confl / byNode.size : 1,
    conflated,
    splits,
    merges,
  }
}

function fmt(b: BCubed): string {
  return `P ${b.p.toFixed(3)}  R ${b.r.toFixed(3)}  F1 ${b.f.toFixed(3)}  (${b.n} mentions)`
}

function print(title: string, r: IdentityReport, samples: number): void {
  console.log(`\n${title}: ${r.mentions} aligned mentions`)
  console.log(`  corpus   ${fmt(r.corpus)}`)
  console.log(`  within   ${fmt(r.within)}`)
  console.log(`  across   ${fmt(r.across)}`)
  console.log(`  fragmentation ${r.fragmentation.toFixed(3)} node ids per entity seen in 2+ documents (${r.split} of ${r.multiDoc} split)`)
  console.log(`  conflation    ${r.conflation.toFixed(3)} gold entities per node (${r.conflated} nodes hold more than one)`)
  if (samples > 0) {
    console.log(`  splits (${Math.min(samples, r.splits.length)} of ${r.splits.length}):`)
    for (const s of r.splits.slice(0, samples)) console.log(`    ${s}`)
    console.log(`  wrong merges (${Math.min(samples, r.merges.length)} of ${r.merges.length}):`)
    for (const s of r.merges.slice(0, samples)) console.log(`    ${s}`)
  }
}


export async function main(args: string[]): Promise<void> {
  const files = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  if (files.length < 2) throw new Error('usage: eval identity CONLL_FILE ENTITIES_JSONL [--samples N] [--batch-size N] [--uri URI (its data is DELETED)]')
  const samples = Number(opt('--samples') ?? 12)
  const docs = readConll(files[0])
  const gold: GoldMention[] = readFileSync(files[1], 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as GoldMention
      } catch {
        throw new Error(`${files[1]}: line ${i + 1} is not JSON`)
      }
    })

  const tmp = mkdtempSync(join(tmpdir(), 'eval-identity-'))
  let instance: Neo4jInstance | null = null
  const t0 = performance.now()
  try {
    const dir = join(tmp, 'docs')
    mkdirSync(dir)
    const pathOf = (i: number): string => join(dir, `doc-${String(i).padStart(4, '0')}.txt`)
    docs.forEach((d, i) => writeFileSync(pathOf(i), d.text + '\n'))
    let uri = opt('--uri')
    if (!uri) {
      process.stderr.write('starting a throwaway Neo4j...\n')
      instance = await startNeo4j({ dataDir: join(tmp, 'neo4j'), ...(await throwawayPorts()), heap: '512m', pageCache: '256m', stopOnExit: true, fastStart: true })
      uri = instance.uri
    }
    const driver = neo4j.driver(uri, { scheme: 'none', principal: '', credentials: '' })
    try {
      if (opt('--uri')) {
        // an instance given by the user is emptied first, as bench:ingest does
        const session = driver.session()
        try {
          await session.run(CLEAR)
        } finally {
          await session.close()
        }
      }
      await migrate(driver)
      const extra = opt('--batch-size') ? ['--batch-size', opt('--batch-size')!] : []
      const run = await runIngest(uri, [dir, ...extra])
      if (run.code !== 0) throw new Error(`ingest exited with ${run.code}: ${JSON.stringify(run.summary)}`)
      const res = await driver.executeQuery(READ_SPANS)
      // the graph stores an article's source relative to the folder ingested (the file name here)
      const docOf = new Map(docs.map((_, i) => [basename(pathOf(i)), i]))
      const span = new Map<string, string>()
      for (const r of res.records) {
        const doc = docOf.get(basename(r.get('source') as string))
        if (doc === undefined) continue
        const starts = (r.get('starts') as unknown[]).map(Number)
        const ends = (r.get('ends') as unknown[]).map(Number)
        starts.forEach((s, k) => span.set(`${doc}:${s}:${ends[k]}`, r.get('entityId') as string))
      }
      const linked = gold.filter((g) => g.qid && !g.text.includes('\n'))
      const aligned: (Aligned & { human: boolean })[] = []
      for (const g of linked) {
        const node = span.get(`${g.doc}:${g.start}:${g.end}`)
        if (node) aligned.push({ doc: g.doc, gold: g.qid!, node, text: g.text, goldName: g.name ?? g.text, human: g.human })
      }
      const humans = linked.filter((g) => g.human).length
      const alignedHumans = aligned.filter((a) => a.human)
      console.log(`identity: ${docs.length} documents ingested in ${((performance.now() - t0) / 1000).toFixed(0)} s; gold mentions with a Wikidata id (no line break inside): ${linked.length}, found by exact span ${aligned.length} (${((100 * aligned.length) / linked.length).toFixed(1)}%); of humans ${humans}, found ${alignedHumans.length}`)
      print('humans', score(alignedHumans), samples)
      print('all with a Wikidata id', score(aligned), samples)
    } finally {
      await driver.close()
    }
  } finally {
    await instance?.stop()
    rmSync(tmp, { recursive: true, force: true })
  }
}
