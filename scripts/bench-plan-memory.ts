// The memory of a bulk ingest's "doubling" batch without ingesting 100,000 articles (issue 13, docs/memory.md).
// A bulk ingest defers the big name groups (deferred.ts) and resolves them in full again once they have
// doubled since; the groups of a process grow together, so they double in the same batch, whose plan
// (plan.ts planGroups) then resolves every big group of the corpus at once.
//
//   build: copies the records of the groups holding at least --min records in the graph at --from (e.g.
//          PolNeAR train ingested) --copies times into the graph at --to (an empty throwaway Neo4j): new
//          articles `c<copy>-<id>` with the same dates, the same forms, names, types, aliases and nodes.
//   plan:  plans those groups in one transaction (rolled back) as the batch of a bulk ingest does at the
//          doubling: its GroupCache told (BigGroup) that each group held a --known share of its records
//          at its last full resolution. Prints the records read and resolved, the time, peak RSS and heap.
//          --tree DIR plans with another checkout's code (e.g. main's), so both are measured the same way.
//
//   npx tsx scripts/bench-plan-memory.ts build --from bolt://127.0.0.1:7820 --to bolt://127.0.0.1:7822 --copies 95
//   node --expose-gc --max-old-space-size=1024 --max-semi-space-size=4 --import tsx scripts/bench-plan-memory.ts plan --uri bolt://127.0.0.1:7822 [--tree DIR]
// With NEWSGRAPH_MEM_PROBE=FILE the plan's own probes (a full collection each) give its live heap.
import { join, resolve } from 'node:path'
import { Command } from 'commander'
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver'
import { migrate } from '../src/graph/migrate.ts'

const auth = { scheme: 'none', principal: '', credentials: '' }
const connect = (uri: string): Driver => neo4j.driver(uri, auth, { disableLosslessIntegers: true })
const say = (s: string): void => void process.stderr.write(`[bench-plan-memory] ${s}\n`)
const mb = (b: number): number => Math.round(b / 2 ** 20)

const GROUPS = `
MATCH ()-[m:MENTIONS]->() WHERE m.group IS NOT NULL
WITH m.group AS g, count(*) AS n WHERE n >= $min
RETURN g, n ORDER BY g`

const RECORDS = `
MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE m.group IN $groups
RETURN a.id AS id, toString(a.publishedAt) AS date, m.group AS group, m.form AS form, m.formName AS name, m.formType AS type,
       m.count AS count, coalesce(m.formAliases, []) AS aliases, e.id AS current, labels(e) AS labels`

const WRITE_COPY = `
UNWIND $articles AS x
CREATE (:Article {id: x.id, publishedAt: date(x.date)})
WITH count(*) AS done
UNWIND $rows AS r
MATCH (a:Article {id: r.article})
MERGE (e:Entity {id: r.current})
CREATE (a)-[:MENTIONS {group: r.group, form: r.form, formName: r.name, formType: r.type, count: r.count, formAliases: r.aliases}]->(e)`

async function build(o: { from: string; to: string; copies: number; min: number }): Promise<void> {
  const src = connect(o.from)
  const dst = connect(o.to)
  try {
    const groups = (await src.executeQuery(GROUPS, { min: o.min })).records.map((r) => r.get('g') as string)
    const recs = (await src.executeQuery(RECORDS, { groups })).records.map((r) => r.toObject())
    say(`${groups.length} groups of >= ${o.min} records: ${recs.length} records a copy`)
    await migrate(dst)
    const articles = [...new Map(recs.map((r) => [r.id as string, r.date as string | null])).entries()]
    for (let c = 0; c < o.copies; c++) {
      const rows = recs.map((r) => ({ ...r, article: `c${c}-${r.id as string}` }))
      await dst.executeQuery(WRITE_COPY, { articles: articles.map(([id, date]) => ({ id: `c${c}-${id}`, date })), rows })
      if (c % 10 === 9) say(`${c + 1} copies written`)
    }
    say(`${o.copies} copies: ${o.copies * recs.length} records`)
  } finally {
    await src.close()
    await dst.close()
  }
}

async function plan(o: { uri: string; tree: string; known: number; min: number; pack?: boolean }): Promise<void> {
  const root = resolve(o.tree)
  const { planGroups } = (await import(join(root, 'src/graph/plan.ts'))) as typeof import('../src/graph/plan.ts')
  const { GroupCache, CompactGroup } = (await import(join(root, 'src/graph/group-cache.ts'))) as typeof import('../src/graph/group-cache.ts')
  const driver = connect(o.uri)
  const session = driver.session()
  try {
    const sizes = (await driver.executeQuery(GROUPS, { min: o.min })).records.map((r) => [r.get('g') as string, r.get('n') as number] as const)
    const groups = sizes.map(([g]) => g)
    const total = sizes.reduce((n, [, k]) => n + k, 0)
    // what the process knows of each group from its last full resolution: a share of today's records, the rest placed since
    const cache = new GroupCache()
    const known = new Map<string, InstanceType<typeof CompactGroup>>()
    for (const [g, n] of sizes) {
      const size = Math.max(1, Math.round(n * o.known))
      known.set(g, new CompactGroup('earlier', [], { size, pending: n - size, forms: new Map() }))
    }
    cache.remember({ empty: [], token: 'earlier', records: known })
    say(`${groups.length} groups, ${total} records (the biggest ${Math.max(...sizes.map(([, n]) => n))}); planning with ${root}`)
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    const m0 = process.memoryUsage()
    let peakHeap = m0.heapUsed
    let peakTotal = m0.heapTotal
    const sample = setInterval(() => {
      const m = process.memoryUsage()
      peakHeap = Math.max(peakHeap, m.heapUsed)
      peakTotal = Math.max(peakTotal, m.heapTotal)
    }, 20)
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const tx = session.beginTransaction()
    let out: Awaited<ReturnType<typeof planGroups>>
    try {
      // packBig: false is what a bulk batch passes for the groups it only adds to (read by this code, ignored by older code)
      out = await planGroups(tx as unknown as ManagedTransaction, groups, [], { cache, packBig: o.pack ? undefined : () => false } as Parameters<typeof planGroups>[3])
    } finally {
      await tx.rollback()
    }
    const ms = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const m1 = process.memoryUsage()
    peakHeap = Math.max(peakHeap, m1.heapUsed)
    peakTotal = Math.max(peakTotal, m1.heapTotal)
    clearInterval(sample)
    cache.remember(out)
    gc?.()
    const held = process.memoryUsage().heapUsed
    const packed = [...out.records.values()].reduce((n, c) => n + c.length, 0)
    process.stdout.write(
      JSON.stringify({
        tree: root,
        pack: !!o.pack,
        groups: groups.length,
        records: total,
        rows: out.rows.length,
        moves: out.moves.length,
        packedRecords: packed,
        planMs: Math.round(ms),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        heapBeforeMb: mb(m0.heapUsed),
        peakHeapUsedMb: mb(peakHeap),
        peakHeapTotalMb: mb(peakTotal),
        heapAfterRememberMb: mb(held),
        cache: { groups: cache.size.groups, records: cache.size.records, mb: mb(cache.size.bytes) },
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }) + '\n',
    )
  } finally {
    await session.close()
    await driver.close()
  }
}

const program = new Command().name('bench-plan-memory')
program
  .command('build')
  .requiredOption('--from <uri>', 'the graph whose groups to copy')
  .requiredOption('--to <uri>', 'an empty throwaway Neo4j')
  .option('--copies <n>', 'copies of the records', Number, 95)
  .option('--min <n>', 'groups of at least this many records', Number, 9)
  .action((o) => build(o))
program
  .command('plan')
  .requiredOption('--uri <uri>', 'the graph built by `build`')
  .option('--tree <dir>', 'the checkout whose planGroups to run', '.')
  .option('--known <share>', "the share of a group's records its last full resolution saw", Number, 0.5)
  .option('--min <n>', 'plan the groups of at least this many records', Number, 100)
  .option('--pack', "pack every group's records for the GroupCache, big ones too (as a write that is not bulk does)")
  .action((o) => plan(o))
await program.parseAsync()
