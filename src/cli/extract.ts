// `npm run extract -- PATHS...`: files, folders (recursively) or "-" (stdin) -> one JSON object per article
// per line on stdout (JSON Lines); one error line per bad input on stderr; exit status 1 when any input failed.
import { Command } from 'commander'
import { extractArticle } from '../extract/index.ts'
import { readSources } from '../extract/sources.ts'
import { errorLine } from './print.ts'

function write(line: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(line)) resolve()
    else process.stdout.once('drain', resolve)
  })
}

export async function runExtract(paths: string[], options: { pretty?: boolean }): Promise<number> {
  let failed = 0
  for await (const item of readSources(paths)) {
    if (item.error) {
      failed++
      process.stderr.write(errorLine(item.error.message))
      continue
    }
    let json: string
    try {
      const result = extractArticle(item.input, item.source)
      json = options.pretty ? JSON.stringify(result, null, 2) : JSON.stringify(result)
    } catch (e) {
      failed++
      process.stderr.write(errorLine(`${item.source}: extraction failed: ${(e as Error).message}`))
      continue
    }
    await write(json + '\n')
  }
  return failed
}

const program = new Command()
  .name('extract')
  .description(
    'Extract people, organisations, countries, places, roles, quotes and relations from news articles.\n' +
      'Reads plain text, the news-page format, JSON, JSON Lines and HTML; prints one JSON object per article per line.',
  )
  .argument('<paths...>', 'files, folders (read recursively) or - for stdin')
  .option('--pretty', 'indent the JSON (one object per article, no longer one per line)')
  .action(async (paths: string[], options: { pretty?: boolean }) => {
    const failed = await runExtract(paths, options)
    if (failed > 0) process.exitCode = 1
  })

// a closed stdout (e.g. piped into `head`) ends the run quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw e
})

await program.parseAsync(process.argv)
