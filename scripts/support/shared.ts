// The corpora and seed article beside the clone (`../shared`, or wherever NEWSGRAPH_SHARED points), which the
// benchmarks and evaluations read by default. They stay there: nothing of them is copied into the project.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ROOT } from './processes.ts'

/** The folder holding seed/ and corpora/: $NEWSGRAPH_SHARED, else ../shared beside the clone. */
export const SHARED_DIR = resolve(ROOT, process.env.NEWSGRAPH_SHARED?.trim() || '../shared')

/** The PolNeAR train texts: the benchmarks' default corpus. */
export const DEFAULT_CORPUS = join(SHARED_DIR, 'corpora/polnear/train/text')

/** `dir` when it exists, else an error naming it and how to point elsewhere. */
export function corpusDir(dir: string): string {
  if (!existsSync(dir)) {
    throw new Error(`${dir}: no such folder; pass the folder of texts with --corpus, or set NEWSGRAPH_SHARED to the folder holding corpora/ (default ../shared beside the clone)`)
  }
  return dir
}

/** the folders to ingest (an evaluation's arguments): each as given, or its `text/` when it holds one (a PolNeAR split) */
export function textDirs(args: string[], suite: string): string[] {
  return args.map((a) => {
    const dir = resolve(a)
    if (!existsSync(dir)) throw new Error(`${suite}: no such folder: ${a}`)
    return existsSync(join(dir, 'text')) ? join(dir, 'text') : dir
  })
}
