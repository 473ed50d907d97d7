// NEWSGRAPH_WRITE_PROFILE=1 or 2 (write-profile.ts): also sums deterministic counts of the write path
// (records resolved, resolved nodes sent to SET_RESOLVED, facts moved, groups deferred), printed to
// stderr at exit. Kept apart from write-profile.ts, which imports the statement modules, so that
// those modules can count without an import cycle.
const COUNTS = ['1', '2'].includes(process.env.NEWSGRAPH_WRITE_PROFILE ?? '') ? new Map<string, number>() : null
if (COUNTS) {
  process.on('exit', () => {
    process.stderr.write(`write counts: ${[...COUNTS].map(([k, n]) => `${k} ${n}`).join(', ')}\n`)
  })
}

/** Adds `n` to the count `name` (a no-op unless NEWSGRAPH_WRITE_PROFILE is set). */
export function countProfile(name: string, n: number): void {
  if (COUNTS) COUNTS.set(name, (COUNTS.get(name) ?? 0) + n)
}
