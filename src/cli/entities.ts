// `npm run entities -- COMMAND`: curation of entity identity (src/graph/curation.ts).
//   candidates [--limit N] [--json]      likely duplicates with the evidence, strongest first
//   merge A B | distinct A B | split F | rename A NAME    make a decision (applied at once, kept in the graph)
//   list [--json] | undo ID              the decisions; take one back
// A and B are entity ids, merged (form) ids, names or aliases. Exit status 1 with one "error:" line
// (and the candidates of an ambiguous name) when a decision is refused.
import { Command } from 'commander'
import { intOption } from './options.ts'
import { findCandidates } from '../graph/candidates.ts'
import { CurationError, decide, listDecisions, undoDecision, type DecisionInput, type DecisionResult, type EntitySummary } from '../graph/curation.ts'
import { withGraph } from './graph.ts'
import { errorLine, escapeControls } from './print.ts'

const show = (e: EntitySummary | null, ref: string): string =>
  e ? `${escapeControls(e.id)} "${escapeControls(e.name)}" (${e.type}, ${e.articles} article${e.articles === 1 ? '' : 's'})` : `${escapeControls(ref)} (not in the graph yet)`

function printResult(r: DecisionResult, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n')
    return
  }
  const d = r.decision
  const what = {
    merge: `merge ${d.a} ${d.b}`,
    distinct: `distinct ${d.a} ${d.b}`,
    split: `split ${d.a}`,
    rename: `rename ${d.a} "${d.name}"`,
  }[d.kind]
  process.stdout.write(`decision ${d.id}: ${escapeControls(what)}\n`)
  if (r.replaced.length) process.stdout.write(`replaces ${r.replaced.join(', ')}\n`)
  process.stdout.write(`${escapeControls(d.a)} is now ${show(r.entity, d.a)}\n`)
  if (d.b) process.stdout.write(`${escapeControls(d.b)} is now ${show(r.other, d.b)}\n`)
  process.stdout.write(`${r.moved} record(s) (article, name form) moved\n`)
}

function decisionCommand(program: Command, kind: DecisionInput['kind'], args: string, description: string): void {
  program
    .command(`${kind} ${args}`)
    .description(description)
    .option('--allow-unknown', 'accept entity ids not in the graph yet: the decision applies when their articles are ingested')
    .option('--json', 'print the result as JSON')
    .action(async (x: string, y: string | undefined, opts: { allowUnknown?: boolean; json?: boolean }) => {
      const input: DecisionInput = { kind, a: x, allowUnknown: opts.allowUnknown }
      if (kind === 'rename') input.name = y
      else if (kind !== 'split') input.b = y
      await withGraph(async (driver, database) => printResult(await decide(driver, input, { database }), Boolean(opts.json)))
    })
}

export function program(): Command {
  const p = new Command()
    .name('entities')
    .description(
      'Curate entity identity: list likely duplicates and make decisions (merge, distinct, split, rename) that are kept in the graph, ' +
        'survive re-ingestion and apply to articles ingested later. Entities are given by id, merged id, name or alias. ' +
        'Settings come from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.',
    )
    .showHelpAfterError()
  p.command('candidates')
    .description('List pairs of entities that may be one, with the evidence (shared names, compatible names, same name typed differently, articles in common), strongest first')
    .option('--limit <n>', 'how many pairs', intOption(1), 20)
    .option('--json', 'print JSON')
    .action(async (opts: { limit: number; json?: boolean }) => {
      await withGraph(async (driver, database) => {
        const list = await findCandidates(driver, { limit: opts.limit, database })
        if (opts.json) return void process.stdout.write(JSON.stringify(list, null, 2) + '\n')
        if (!list.length) return void process.stdout.write('no candidates\n')
        list.forEach((c, i) => {
          process.stdout.write(`${i + 1}. score ${c.score}: ${show(c.a, c.a.id)}  ~  ${show(c.b, c.b.id)}\n`)
          for (const e of c.evidence) process.stdout.write(`     - ${escapeControls(e)}\n`)
          process.stdout.write(`     merge: npm run entities -- merge ${c.a.id} ${c.b.id}   keep apart: npm run entities -- distinct ${c.a.id} ${c.b.id}\n`)
        })
      })
    })
  decisionCommand(p, 'merge', '<a> <b>', 'A and B are one entity from now on, even across name groups and types; the merged node keeps the id of the part with more articles')
  decisionCommand(p, 'distinct', '<a> <b>', 'never merge A and B: resolution and merges keep them on two nodes')
  decisionCommand(p, 'split', '<form>', 'the name form (a merged id, or a name that is one form) leaves the entity resolution or a merge put it on, for a node of its own')
  decisionCommand(p, 'rename', '<entity> <name>', "the entity's display name is NAME instead of its most frequent full form; the computed name stays an alias")
  p.command('list')
    .description('The decisions, oldest first, with where they resolve now')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withGraph(async (driver, database) => {
        const list = await listDecisions(driver, { database })
        if (opts.json) return void process.stdout.write(JSON.stringify(list, null, 2) + '\n')
        if (!list.length) return void process.stdout.write('no decisions\n')
        for (const d of list) {
          const args = [d.a, d.b, d.name === null ? null : `"${d.name}"`].filter((x) => x !== null).join(' ')
          process.stdout.write(`${d.id}  ${d.createdAt}  ${d.kind} ${escapeControls(args)}\n     ${escapeControls(d.a)}: ${show(d.entity, d.a)}${d.b ? `\n     ${escapeControls(d.b)}: ${show(d.other, d.b)}` : ''}\n`)
        }
      })
    })
  p.command('undo <decision>')
    .description('Take a decision back (its id from `list`); the entities are resolved again without it')
    .action(async (id: string) => {
      await withGraph(async (driver, database) => {
        const r = await undoDecision(driver, id, { database })
        process.stdout.write(`undid ${r.decision.id} (${r.decision.kind} ${escapeControls([r.decision.a, r.decision.b].filter(Boolean).join(' '))}); ${r.moved} record(s) moved\n`)
      })
    })
  return p
}

program()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    // an ambiguous name's candidates follow the error line, one a line
    const [first, ...rest] = (err instanceof Error ? err.message : String(err)).split('\n')
    process.stderr.write(errorLine(first) + rest.map((l) => escapeControls(l) + '\n').join(''))
    process.exit(err instanceof CurationError ? 1 : 2)
  })
