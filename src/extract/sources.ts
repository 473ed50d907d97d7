// Inputs for the commands: files, folders (walked recursively, in name order, hidden entries skipped) and
// "-" for stdin, each read into its articles. Yields one item per article or per error, never throws for
// a bad input, so one bad file never stops the others. `extract` and `ingest` both read through this.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { chunksOf, InputError, readSettled } from './read/index.ts'
import type { ArticleInput } from './types.ts'

export type SourceItem = { source: string; input: ArticleInput; error?: undefined } | { source: string; error: InputError; input?: undefined }

/** larger inputs are refused rather than read into memory */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024

export interface SourceOptions {
  /** where "-" reads from (default process.stdin) */
  stdin?: AsyncIterable<Uint8Array | string>
}

// ---------------------------------------------------------------- the one reading path of `extract` and `ingest`
// Both commands read every file and stdin through readInputFile and readInputStream, so they refuse the
// same inputs with the same words: anything but a regular file (a FIFO would block, /dev/zero never ends),
// and anything over MAX_INPUT_BYTES, checked while reading (a file may grow after it was listed).

/** the reason a person reads for a failed file-system call */
export function fileReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException
  if (err.code === 'ENOENT') return 'no such file or directory'
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied'
  if (err.code === 'EISDIR') return 'is a folder'
  if (err.code === 'ELOOP') return 'too many levels of symbolic links'
  return err.message ?? String(e)
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isDirectory()) return 'a folder'
  return 'not a file'
}

/** why an entry cannot be an input (not a regular file, too large), or null when it can be read */
export function entryProblem(info: Stats): string | null {
  if (!info.isFile()) return `not a regular file (${kindOf(info)})`
  if (info.size > MAX_INPUT_BYTES) return tooLarge(info.size)
  return null
}

function tooLarge(size: number | null): string {
  return `too large (${size === null ? 'more than ' + MAX_INPUT_BYTES : size} bytes; the limit is ${MAX_INPUT_BYTES})`
}

/**
 * The bytes of one input file; throws an InputError naming it when it is not a regular file, is over
 * MAX_INPUT_BYTES (also when it grows past it while read) or cannot be read. Opened non-blocking, so a
 * FIFO is refused instead of waiting for a writer; the checks are on the opened file, not on a name
 * that may have changed since it was listed.
 */
export function readInputFile(path: string): Uint8Array {
  const chunks: Uint8Array[] = []
  let total = 0
  // one read of the stated size (and a byte more, to see growth), then chunks while it keeps growing
  for (const chunk of inputChunks(path, { first: 'whole', copy: true })) {
    chunks.push(chunk)
    total += chunk.length
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)
}

/** the size of the chunks an input file is read in when it is read as a stream */
export const CHUNK_BYTES = 1024 * 1024

/**
 * The bytes of one input file in chunks, with readInputFile's checks and refusals (thrown while iterating,
 * before the first chunk for a file that is not a regular file or is too large). A chunk is valid until the
 * next one is asked for (one buffer is reused) unless `copy` is set; `first: 'whole'` reads the stated size
 * in one go.
 */
export function* inputChunks(path: string, opts: { first?: 'whole' | 'chunk'; copy?: boolean } = {}): Generator<Uint8Array> {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (e) {
    // a socket cannot be opened at all (ENXIO): say what it is rather than the system's words
    let problem: string | null = null
    try {
      problem = entryProblem(statSync(path))
    } catch {
      // the open's own reason stands
    }
    throw new InputError(path, problem ?? fileReason(e))
  }
  try {
    const info = fstatSync(fd)
    const problem = entryProblem(info)
    if (problem) throw new InputError(path, problem)
    let total = 0
    if (opts.first === 'whole') {
      const first = Buffer.allocUnsafe(info.size + 1)
      const got = readAll(fd, first)
      total = got
      yield first.subarray(0, got)
      if (got <= info.size) return
    }
    const buf = Buffer.allocUnsafe(CHUNK_BYTES)
    for (;;) {
      const got = readAll(fd, buf)
      if (got === 0) break
      total += got
      if (total > MAX_INPUT_BYTES) throw new InputError(path, tooLarge(null))
      yield opts.copy ? Buffer.from(buf.subarray(0, got)) : buf.subarray(0, got)
      // readAll stops short only at the end of the file
      if (got < buf.length) break
    }
  } catch (e) {
    if (e instanceof InputError) throw e
    throw new InputError(path, fileReason(e))
  } finally {
    closeSync(fd)
  }
}

/** fills buf from fd until it is full or the file ends; the bytes read */
function readAll(fd: number, buf: Buffer): number {
  let off = 0
  while (off < buf.length) {
    const n = readSync(fd, buf, off, buf.length - off, null)
    if (n === 0) break
    off += n
  }
  return off
}

/** The bytes of a stream (stdin), refused with an InputError naming `source` past MAX_INPUT_BYTES. */
export async function readInputStream(stream: AsyncIterable<Uint8Array | string>, source = '-'): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)
      size += b.length
      if (size > MAX_INPUT_BYTES) throw new InputError(source, tooLarge(null))
      chunks.push(b)
    }
  } catch (e) {
    if (e instanceof InputError) throw e
    throw new InputError(source, fileReason(e))
  } finally {
    if (size > MAX_INPUT_BYTES) (stream as { destroy?: () => void }).destroy?.()
  }
  return Buffer.concat(chunks)
}

/** the articles of one input, one at a time as its chunks are read (a JSON array or JSON Lines file is never held whole) */
function* settle(chunks: Iterable<Uint8Array | string>, source: string): Generator<SourceItem> {
  for (const { settled: r } of readSettled(chunks, source)) {
    if (r instanceof InputError) yield { source, error: r }
    else yield { source, input: r }
  }
}

async function* walk(path: string, seen: Set<string>): AsyncGenerator<SourceItem> {
  let info
  try {
    info = await stat(path)
  } catch (e) {
    yield { source: path, error: new InputError(path, fileReason(e)) }
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
      yield { source: path, error: new InputError(path, fileReason(e)) }
      return
    }
    for (const name of names) yield* walk(join(path, name), seen)
    return
  }
  yield* settle(inputChunks(path), path)
}

/** Every article of every path, in order; folders recursively; "-" is stdin. */
export async function* readSources(paths: string[], options: SourceOptions = {}): AsyncGenerator<SourceItem> {
  const seen = new Set<string>()
  for (const path of paths) {
    if (path === '-') {
      let data: Uint8Array
      try {
        data = await readInputStream(options.stdin ?? process.stdin)
      } catch (e) {
        yield { source: '-', error: e as InputError }
        continue
      }
      yield* settle(chunksOf(data), '-')
    } else yield* walk(path, seen)
  }
}
