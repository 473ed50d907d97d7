// `npm run eval -- search DIR... | --uri URI`: how well search forgives a typo, on the graph users query. The
// folders (e.g. ../shared/corpora/polnear/train) are ingested with the project's own ingest command into a
// throwaway Neo4j (as the people check does), or `--uri` reads a graph that is already there (e.g. one kept
// by `bench:scale --keep`; read only). For each of the --entities entities in the most articles (default
// 300), each of its names (its name and every alias) that holds a word of 4+ letters is searched as a
// user would mistype it: the middle letter of its longest word dropped (as bench:scale's typo). The query
// is the API's own (searchLuceneQueries asked in turn, SEARCH with searchParams, first 10); a hit is the entity itself at
// the top, or among the 10. Printed by where the typo is: in the entity's name, in an alias, and in an
// alias word the name does not hold (the typos only the aliases' field can forgive), with misses; for
// two letters dropped from one long word of the name; and for the same names searched as they are. The gold
// is the graph's own names: this measures the search, not the extraction. Never part of `npm test`.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import neo4j, { type Driver } from 'neo4j-driver'
import { intOption } from '../../src/cli/options.ts'
import { startNeo4j, throwawayPorts, type Neo4jInstance } from '../neo4j.ts'
import { migrate } from '../../src/graph/migrate.ts'
import { refreshSearchIndex } from '../../src/graph/search-index.ts'
import { SEARCH_LEAN, int, searchInTurn, searchLuceneQueries, searchParams, searchTerms } from '../../src/graph/read.ts'
import { runIngest } from '../support/processes.ts'
import { textDirs } from '../support/shared.ts'

const say = (line: string) => process.stderr.write(`[eval search] ${line}\n`)

const TOP_ENTITIES = `
MATCH (e:Entity) WHERE e.articleCount > 0
RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases
ORDER BY e.articleCount DESC, e.id LIMIT $n`

/**
 * `name` with its longest word of `minLetters`+ letters (the first of equals) changed by `edit`, given the
 * word and the index of its middle letter; null when it has no such word
 */
function editLongestWord(name: string, minLetters: number, edit: (w: string, middle: number) => string): string | null {
  const words = name.split(/\s+/u)
  const i = words.reduce((best, w, j) => (w.length >= minLetters && (best < 0 || w.length > words[best].length) ? j : best), -1)
  if (i < 0) return null
  words[i] = edit(words[i], Math.floor(words[i].length / 2))
  return words.join(' ')
}

/** a user's typo of a name: the middle letter of its longest word of 4+ letters dropped; null when it has none */
export function typoOf(name: string): string | null {
  return editLongestWord(name, 4, (w, m) => w.slice(0, m) + w.slice(m + 1))
}

/** where a name's typo is: the entity's name, an alias, or an alias with a word the name does not hold */
export function typoKind(form: string, name: string, isAlias: boolean): Kind {
  if (!isAlias) return 'name'
  const own = new Set(searchTerms(name))
  return searchTerms(form).some((w) => !own.has(w)) ? 'alias word not in the name' : 'alias'
}

type Kind = 'name' | 'alias' | 'alias word not in the name' | 'name, two letters (a word of 8+)' | 'none (the name or alias as it is)'
const KINDS: Kind[] = ['name', 'alias', 'alias word not in the name', 'name, two letters (a word of 8+)', 'none (the name or alias as it is)']

/** two typos in one long word: the letters 2 before and 2 after the middle of its longest word of 8+ letters dropped; null when it has none */
export function twoTyposOf(name: string): string | null {
  return editLongestWord(name, 8, (w, m) => w.slice(0, m - 2) + w.slice(m - 1, m + 2) + w.slice(m + 3))
}

interface Tally { queries: number; top1: number; top10: number; misses: string[] }

async function measure(driver: Driver, entities: number): Promise<Map<Kind, Tally>> {
  const tally = new Map<Kind, Tally>(KINDS.map((k) => [k, { queries: 0, top1: 0, top10: 0, misses: [] }]))
  const res = await driver.executeQuery(TOP_ENTITIES, { n: int(entities) }, { routing: 'READ' })
  for (const r of res.records) {
    const id = r.get('id') as string
    const name = r.get('name') as string
    const forms: [string, boolean][] = [[name, false], ...(r.get('aliases') as string[]).filter((a) => a.toLowerCase() !== name.toLowerCase()).map((a): [string, boolean] => [a, true])]
    for (const [form, isAlias] of forms) {
      const typo = typoOf(form)
      if (!typo) continue
      const two = isAlias ? null : twoTyposOf(form)
      const searches: [string, Kind][] = [[typo, typoKind(form, name, isAlias)], [form, 'none (the name or alias as it is)'], ...(two ? [[two, 'name, two letters (a word of 8+)'] as [string, Kind]] : [])]
      for (const [query, kind] of searches) {
        const lucenes = searchLuceneQueries(query)
        if (!lucenes.length) continue
        const hits = await searchInTurn(lucenes, async (lucene) => (await driver.executeQuery(SEARCH_LEAN, searchParams(lucene, 10), { routing: 'READ' })).records)
        const ids = hits.map((h) => (h.get('entity') as { id: string }).id)
        const t = tally.get(kind)!
        t.queries++
        if (ids[0] === id) t.top1++
        if (ids.includes(id)) t.top10++
        else t.misses.push(`"${query}" for ${name}${isAlias ? ` (alias "${form}")` : ''}`)
      }
    }
  }
  return tally
}

export async function main(args: string[]): Promise<void> {
  const cmd = new Command('eval -- search')
    .description('the names of the entities in the most articles searched with one typo, two, or none: found first, or in the top 10')
    .argument('[dirs...]', 'folders of articles to ingest into a throwaway Neo4j (a PolNeAR split: its text/)')
    .option('--uri <uri>', 'read this graph instead (e.g. one kept by bench:scale --keep); read only')
    .option('--entities <n>', 'how many of the entities in the most articles', intOption(1), 300)
    .parse(args, { from: 'user' })
  const dirs = cmd.args
  const { uri, entities } = cmd.opts<{ uri?: string; entities: number }>()
  if (!uri && !dirs.length) cmd.error('give folders to ingest or --uri')
  const tmp = uri ? null : mkdtempSync(join(tmpdir(), 'eval-search-'))
  let instance: Neo4jInstance | null = null
  let driver: Driver | null = null
  try {
    if (uri) {
      driver = neo4j.driver(uri, { scheme: 'none', principal: '', credentials: '' })
      await refreshSearchIndex(driver) // the index of entity names in use (a compaction alternates its name)
    } else {
      say('starting a throwaway Neo4j...')
      instance = await startNeo4j({ dataDir: join(tmp!, 'neo4j'), ...(await throwawayPorts()), heap: '1g', pageCache: '512m', stopOnExit: true, fastStart: true })
      driver = neo4j.driver(instance.uri, { scheme: 'none', principal: '', credentials: '' })
      await migrate(driver)
      const run = await runIngest(instance.uri, textDirs(dirs, 'search'))
      say(`ingest: ${JSON.stringify(run.summary)}`)
    }
    const tally = await measure(driver, entities)
    const lines = [`search for the names of the ${entities} entities in the most articles, with one typo, two, or none (a hit: the entity first, or in the top 10)`]
    for (const [kind, t] of tally) {
      const share = (x: number) => (t.queries ? x / t.queries : 0).toFixed(3)
      lines.push(`  typo in ${`${kind}:`.padEnd(40)} ${String(t.queries).padStart(5)} queries  top 1 ${share(t.top1)}  top 10 ${share(t.top10)}`)
    }
    for (const [kind, t] of tally) if (t.misses.length) lines.push(`misses, typo in ${kind} (${t.misses.length}): ${t.misses.slice(0, 12).join('; ')}${t.misses.length > 12 ? '; ...' : ''}`)
    process.stdout.write(lines.join('\n') + '\n')
  } finally {
    await driver?.close()
    await instance?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  }
}
