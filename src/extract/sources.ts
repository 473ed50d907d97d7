// Inputs for the commands: files, folders (walked recursively, in name order, hidden entries skipped) and
// "-" for stdin, each read into its articles. Yields one item per article or per error, never throws for
// a bad input, so one bad file never stops the others. `extract` and `ingest` both read through this.
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { InputError, readInputSettled } from './read/index.ts'
import type { ArticleInput } from './types.ts'

export type SourceItem = { source: string; input: ArticleInput; error?: undefined } | { source: string; error: InputError; input?: undefined }

/** larger inputs are refused rather than read into memory */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024

export interface SourceOptions {
  /** where "-" reads from (default process.stdin) */
  stdin?: AsyncIterable<Uint8Array | string>
}

async function readStream(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)
    size += b.length
    if (size > MAX_INPUT_BYTES) throw new Error(`larger than ${MAX_INPUT_BYTES} bytes`)
    chunks.push(b)
  }
  return Buffer.concat(chunks)
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException
  if (err.code === 'ENOENT') return 'no such file or directory'
  if (err.code === 'EACCES') return 'permission denied'
  return err.message ?? String(e)
}

function* settle(data: Uint8Array, source: string): Generator<SourceItem> {
  for (const r of readInputSettled(data, source)) {
    if (r instanceof InputError) yield { source, error: r }
    else yield { source, input: r }
  }
}

async function* walk(path: string, seen: Set<string>): AsyncGenerator<SourceItem> {
  let info
  try {
    info = await stat(path)
  } catch (e) {
    yield { source: path, error: new InputError(path, reason(e)) }
    return
  }
  if (info.isDirectory()) {
    const real = await realpath(path)
    if (seen.has(real)) return
    seen.add(real)
    let names: string[]
    try {
      names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort()
    } catch (e) {
      yield { source: path, error: new InputError(path, reason(e)) }
      return
    }
    for (const name of names) yield* walk(join(path, name), seen)
    return
  }
  if (!info.isFile()) {
    yield { source: path, error: new InputError(path, 'not a regular file') }
    return
  }
  if (info.size > MAX_INPUT_BYTES) {
    yield { source: path, error: new InputError(path, `too large (${info.size} bytes; the limit is ${MAX_INPUT_BYTES})`) }
    return
  }
  let data: Uint8Array
  try {
    data = await readFile(path)
  } catch (e) {
    yield { source: path, error: new InputError(path, reason(e)) }
    return
  }
  yield* settle(data, path)
}

/** Every article of every path, in order; folders recursively; "-" is stdin. */
export async function* readSources(paths: string[], options: SourceOptions = {}): AsyncGenerator<SourceItem> {
  const seen = new Set<string>()
  for (const path of paths) {
    if (path === '-') {
      let data: Uint8Array
      try {
        data = await readStream(options.stdin ?? process.stdin)
      } catch (e) {
        yield { source: '-', error: new InputError('-', reason(e)) }
        continue
      }
      yield* settle(data, '-')
    } else yield* walk(path, seen)
  }
}
