// A word cut from a text (slice, substring, a tokeniser's match) of 13 characters or more is, in V8, a "sliced
// string": a view that keeps the whole text alive as long as the word lives. A cache that keeps such words from one
// document to the next keeps every text one of them came from. So the extraction worker's heap grew by ~6 MB every
// 1,000 articles of bench:scale's corpus (whose later editions bring new names), to ~230 MB at 26,000 articles of
// one ingest process, most of it article texts (issue 13: the ingest's peak RSS; docs/memory.md).
const SLICED_FROM = 13

/** `s` as a string of its own: equal to it, holding no larger string alive (what a cache across documents keeps). */
export function ownString(s: string): string {
  // the concatenation is flattened into a new string of s.length + 1 characters when sliced; the slice is a view of that
  return s.length < SLICED_FROM ? s : (' ' + s).slice(1)
}
