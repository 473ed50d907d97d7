// `npm run eval -- <suite> ARGS...`: scores the extraction against gold and prints precision, recall, F1 and
// a sample of misses. Suites: polnear DIR (quotes and speakers), conll FILE (names),
// people DIR... (one node per person and no non-person Person nodes, on the graph itself), search DIR... (typos
// forgiven). Each lives in scripts/eval/.
const SUITES: Record<string, { usage: string; load: () => Promise<{ main: (args: string[]) => unknown }> }> = {
  polnear: { usage: 'polnear DIR   quotes and speakers against PolNeAR attributions (e.g. ../shared/corpora/polnear/dev)', load: () => import('./eval/polnear.ts') },
  people: { usage: 'people DIR...  the PolNeAR people check: ingests into a throwaway Neo4j, prints the top people\'s share on one node and non-person Person nodes', load: () => import('./eval/people.ts') },
  identity: { usage: 'identity CONLL ENTITIES   one node per entity against AIDA ids (e.g. ../shared/corpora/conllpp/conllpp_dev.txt ../shared/corpora/aida-dev/conllpp_dev.entities.jsonl)', load: () => import('./eval/identity.ts') },
  conll: { usage: 'conll FILE    typed names against CoNLL++ (e.g. ../shared/corpora/conllpp/conllpp_dev.txt)', load: () => import('./eval/conll.ts') },
  search: { usage: 'search DIR... | --uri URI   one typo in the names of the entities in the most articles: found first, or in the top 10 (--entities N)', load: () => import('./eval/search.ts') },
}

function usage(): string {
  return `usage: npm run eval -- <suite> ARGS...\n${Object.values(SUITES)
    .map((s) => `  ${s.usage}`)
    .join('\n')}\n`
}

const [suite, ...args] = process.argv.slice(2)
if (!suite || suite === '--help' || suite === '-h') {
  process.stdout.write(usage())
} else if (!SUITES[suite]) {
  process.stderr.write(`eval: unknown suite "${suite}"\n${usage()}`)
  process.exitCode = 2
} else {
  const mod = await SUITES[suite].load()
  await mod.main(args)
}
