// PATHS of the ingest command -> input files: files as given, folders walked recursively (name
// order, hidden entries skipped, like src/extract/sources.ts), globs expanded (tinyglobby), and
// "-" for stdin. A path that names nothing is one failure naming it; the others still come out.
// Every entry that is not a folder is listed, FIFOs, sockets and devices included: reading it
// (readInputFile in src/extract/sources.ts, the same as `extract`'s) refuses it with its reason.
import { readdirSync, realpathSync, statSync } from 'node:fs'
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { glob, isDynamicPattern } from 'tinyglobby'
import { fileReason } from '../extract/sources.ts'

export const STDIN = '-'

/**
 * How the articles of a file are named in the graph (Article.source) instead of its path on the
 * ingesting machine: the path below the folder given (`ingest /data/corpus` stores
 * `corpus/2031/a.txt`), or the file name of a file or glob match given by itself.
 */
export function sourceNamer(roots: string[]): (file: string) => string {
  const folders = roots.filter((r) => {
    try {
      return statSync(r).isDirectory()
    } catch {
      return false
    }
  })
  return (file) => {
    for (const dir of folders) {
      const below = relative(dir, file)
      if (below && !below.startsWith('..') && !isAbsolute(below)) return [basename(resolve(dir)), ...below.split(sep)].join('/')
    }
    return basename(file)
  }
}

/**
 * A file of the run, its name (sourceNamer) made when its articles are read rather than held beside its path
 * from the start: a run of 100,000 files held ~90 bytes of name per file for the whole run
 * (scripts/bench-run-lists.ts). Structurally an InputSpec (pipeline.ts).
 */
export class NamedFile {
  constructor(
    readonly path: string,
    private readonly nameOf: (file: string) => string,
  ) {}

  get name(): string {
    return this.nameOf(this.path)
  }
}

export interface ExpandedPaths {
  files: string[]
  errors: { source: string; error: string }[]
}

function walk(dir: string, out: string[], seen: Set<string>, errors: ExpandedPaths['errors']): void {
  let real: string
  let names: string[]
  try {
    real = realpathSync(dir)
    if (seen.has(real)) return
    seen.add(real)
    names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort()
  } catch (e) {
    errors.push({ source: dir, error: `${dir}: ${fileReason(e)}` })
    return
  }
  for (const name of names) {
    const path = join(dir, name)
    let info
    try {
      info = statSync(path)
    } catch (e) {
      // a dangling link, or an entry gone since the listing: one failure naming it, not silence
      errors.push({ source: path, error: `${path}: ${fileReason(e)}` })
      continue
    }
    if (info.isDirectory()) walk(path, out, seen, errors)
    else out.push(path)
  }
}

export async function expandPaths(paths: string[]): Promise<ExpandedPaths> {
  const files: string[] = []
  const errors: ExpandedPaths['errors'] = []
  const seenDirs = new Set<string>()
  for (const p of paths) {
    if (p === STDIN) {
      files.push(STDIN)
      continue
    }
    let info
    try {
      info = statSync(p)
    } catch {
      info = null
    }
    if (info?.isDirectory()) walk(p, files, seenDirs, errors)
    else if (info) files.push(p)
    else if (isDynamicPattern(p)) {
      const matches = (await glob(p, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(p) })).sort()
      if (matches.length) files.push(...matches)
      else errors.push({ source: p, error: `${p}: no file matches this pattern` })
    } else errors.push({ source: p, error: `${p}: no such file or directory` })
  }
  // the same file named twice (a folder and a glob) is read once
  const unique = [...new Set(files)]
  return { files: unique, errors }
}
