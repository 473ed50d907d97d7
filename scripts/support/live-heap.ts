// The live heap of a measuring script (the bench-*-bytes, -heap and -cache scripts): what is left after two full
// collections (a second frees what the first could only mark for release: src/ingest/heap.ts). Needs
// `node --expose-gc`, checked when this module loads, before the script does any work.
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')

/** heapUsed after two full collections, in bytes; with `arrayBuffers`, plus the ArrayBuffers' memory outside the heap */
export function liveHeapBytes(opts: { arrayBuffers?: boolean } = {}): number {
  gc!()
  gc!()
  const m = process.memoryUsage()
  return m.heapUsed + (opts.arrayBuffers ? m.arrayBuffers : 0)
}
