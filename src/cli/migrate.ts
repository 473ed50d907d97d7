// `npm run db:migrate`: apply schema/graph.cypher (constraints and indexes) to the configured Neo4j;
// with --compact-search, also rebuild the search index in one piece (src/graph/search-index.ts).
import { Command } from 'commander'
import { loadConfig } from '../config.ts'
import { connect } from '../graph/driver.ts'
import { migrate, SCHEMA_FILE } from '../graph/migrate.ts'
import { compactSearchIndex } from '../graph/search-index.ts'

async function main(argv: string[]): Promise<void> {
  const opts = new Command()
    .name('db:migrate')
    .description('Apply the constraints and indexes of schema/graph.cypher to Neo4j (idempotent). Settings come from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.')
    .option('--file <path>', 'the Cypher schema file', SCHEMA_FILE)
    .option('--compact-search', 'then rebuild the full-text index of entity names in one piece (searches go on meanwhile; the ingest does it by itself each time the entities grow by a quarter)')
    .parse(argv)
    .opts<{ file: string; compactSearch?: boolean }>()

  const config = loadConfig()
  let driver
  try {
    driver = await connect(config)
  } catch (err) {
    const hint = config.neo4jLocal ? ' (start the local one with `npm run neo4j:start`)' : ''
    throw new Error(`${err instanceof Error ? err.message.replace(/\.$/, '') : String(err)}${hint}.`, { cause: err })
  }
  try {
    const t0 = Date.now()
    const result = await migrate(driver, { database: config.neo4jDatabase, file: opts.file })
    console.log(`Applied ${result.statements} schema statements from ${result.file} to ${config.neo4jUri} (database ${config.neo4jDatabase}) in ${Date.now() - t0} ms.`)
    if (opts.compactSearch) {
      const c = await compactSearchIndex(driver, { database: config.neo4jDatabase })
      console.log(c.skipped ? `The search index was not rebuilt: ${c.skipped}.` : `Rebuilt the search index in one piece as ${c.to} (${c.entities} entities; ${c.from ?? 'none'} dropped) in ${c.ms} ms.`)
    }
  } finally {
    await driver.close()
  }
}

main(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
