// `npx tsx scripts/jfr-split.ts FILE.jfr [--top N]`: where a Neo4j server's CPU went, from a Java Flight
// Recorder file (bench-ingest --jfr FILE records the timed runs). Reads `jfr print --events jdk.ExecutionSample`
// (JDK's jfr tool, deep stacks) and prints the stack samples of the Bolt worker threads split by phase of a
// write transaction (the commit's parts: commands from the transaction state, index updates, the log, the
// store; else the statements' execution), the other threads by name, the collector's pauses
// (jdk.GarbageCollection), and the methods most often on top of a stack. Samples, not time: the profile
// takes one every 10-20 ms from each running Java thread, so shares are what to read.
import { execFileSync } from 'node:child_process'

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
const top = Number(args[args.indexOf('--top') + 1]) || 25
if (!file) {
  process.stderr.write('usage: npx tsx scripts/jfr-split.ts FILE.jfr [--top N]\n')
  process.exit(2)
}

const print = (events: string, depth = 96): string =>
  execFileSync('jfr', ['print', '--events', events, '--stack-depth', String(depth), file], { maxBuffer: 1 << 30, encoding: 'utf8' })

interface Sample {
  thread: string
  frames: string[]
}

function samples(text: string): Sample[] {
  const out: Sample[] = []
  let cur: Sample | null = null
  let inStack = false
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line.startsWith('jdk.ExecutionSample')) {
      cur = { thread: '', frames: [] }
      out.push(cur)
      inStack = false
    } else if (!cur) continue
    else if (line.startsWith('sampledThread')) cur.thread = /"([^"]*)"/.exec(line)?.[1] ?? line
    else if (line.startsWith('stackTrace = [')) inStack = true
    else if (inStack && line === ']') inStack = false
    else if (inStack && line && line !== '...') cur.frames.push(line.replace(/\s+line:.*$/, ''))
  }
  return out
}

/** the first rule (outermost frame first) that a sample's stack matches */
const PHASES: [string, RegExp][] = [
  ['commit: index updates (range, full-text)', /IndexUpdat|IndexingService|IndexUpdateListener|indexUpdates|RangeIndex|GBPTree|lucene|Fulltext|IndexAccessor|IndexPopulat/],
  ['commit: transaction log', /TransactionLogWriter|LogEntryWriter|PhysicalFlushableChannel|TransactionAppender|ChecksumChannel|LogFile/],
  ['commit: apply to store', /TransactionApplier|NeoStoreTransactionApplier|CommandHandler|StorageEngine.*apply|applyTo/],
  ['commit: commands from transaction state', /TransactionRecordState|TxStateVisitor|CommandCreation|createCommands|extractCommands|RecordStateVisitor|RecordChange|PropertyCreator|PropertyDeleter|RelationshipCreator|RelationshipGroupGetter|DynamicRecordAllocator|Loaders/],
]

function phaseOf(s: Sample): string {
  const inCommit = s.frames.some((f) => /KernelTransactionImplementation\.(commit|closeTransaction)|TransactionCommitProcess|commitTransaction/.test(f))
  if (!inCommit) return /Bolt|bolt/.test(s.thread) ? 'statements (Cypher execution, planning)' : 'other'
  for (const [name, re] of PHASES) if (s.frames.some((f) => re.test(f))) return name
  return 'commit: other'
}

const count = <K>(keys: K[]): [K, number][] => {
  const m = new Map<K, number>()
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
  return [...m].sort((a, b) => b[1] - a[1])
}
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1).padStart(5)}%`

const all = samples(print('jdk.ExecutionSample'))
const threadGroup = (t: string) => t.replace(/[-\s]?\d+$/, '').replace(/\[.*$/, '').trim()
say(`${all.length} stack samples`)
say('by thread:')
for (const [t, n] of count(all.map((s) => threadGroup(s.thread))).slice(0, 12)) say(`  ${String(n).padStart(7)} ${pct(n, all.length)}  ${t}`)
const bolt = all.filter((s) => /Bolt|bolt/.test(s.thread))
say(`Bolt worker samples by phase (${bolt.length}):`)
for (const [p, n] of count(bolt.map(phaseOf))) say(`  ${String(n).padStart(7)} ${pct(n, bolt.length)}  ${p}`)
say(`top of stack, Bolt workers (${top}):`)
for (const [f, n] of count(bolt.map((s) => s.frames[0] ?? '?')).slice(0, top)) say(`  ${String(n).padStart(7)} ${pct(n, bolt.length)}  ${f}`)
const statements = bolt.filter((s) => phaseOf(s).startsWith('statements'))
const txIndex = statements.filter((s) => s.frames.some((f) => /IndexTxStateUpdater|indexDoUpdateEntry|TxState\.index/.test(f))).length
say(`statements keeping the transaction's own index updates (IndexTxStateUpdater): ${txIndex} ${pct(txIndex, bolt.length)} of the Bolt samples`)
const commit = bolt.filter((s) => phaseOf(s).startsWith('commit'))
say(`top of stack, commit (${top}):`)
for (const [f, n] of count(commit.map((s) => s.frames[0] ?? '?')).slice(0, top)) say(`  ${String(n).padStart(7)} ${pct(n, commit.length)}  ${f}`)

// the collector: pauses summed (wall time; the throughput collector works them on every core)
const gc = print('jdk.GarbageCollection', 1)
let pauses = 0
let gcs = 0
for (const m of gc.matchAll(/sumOfPauses = ([\d.]+) (ms|s|us)/g)) {
  gcs++
  pauses += Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'us' ? 0.001 : 1)
}
say(`collections: ${gcs}, pauses summed ${(pauses / 1000).toFixed(2)} s`)
// the JIT: compilations summed (the compiler threads' time, which the stack samples do not show)
const ms = (text: string, field: string): number[] =>
  [...text.matchAll(new RegExp(`${field} = ([\\d.]+) (ms|s|us|ns)`, 'g'))].map((m) => Number(m[1]) * ({ s: 1000, ms: 1, us: 0.001, ns: 1e-6 } as Record<string, number>)[m[2]])
const jit = ms(print('jdk.Compilation', 1), 'duration')
say(`JIT compilations: ${jit.length}, summed ${(jit.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s`)

function say(line: string): void {
  process.stdout.write(line + '\n')
}
