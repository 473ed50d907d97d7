// Entities by their exact name or alias, case-insensitively (issue 13: a name lookup whose cost follows
// the entities that bear the name, not the corpus). The lookups (read-fragments.ts ENTITY_REF and
// ENTITIES_BY_NAME) used to ask the `entityNames` full-text index for the name as a phrase, 50 candidates,
// and keep those whose name or an alias equals it: every candidate's name and aliases read, and the
// candidates (names that contain the phrase: "Cheeto Donald Trump", "Ted Cruz and Donald Trump", ...) grow
// with the corpus up to the 50 (at 10,000 bench:scale articles ~32 for "Donald Trump", 78 db hits of the
// 159 its path cost). Two full-text indexes with the `keyword` analyzer (schema/graph.cypher: each name,
// each alias as one term, as stored: Neo4j keeps them in the writing transaction, nothing derived to keep
// exact) are asked instead for a regular expression that matches the name in any case: only the entities
// that bear the name come back, and the same filter as before keeps exactly those whose lowered name or
// alias equals the lowered name.
//
// The expression is made, code point by code point of the lowered name, of a class of every code point
// that lowers to it (JavaScript's toLowerCase, as the lowered name is made; Cypher's toLower, Java's, agrees
// on them), so it matches every stored value the filter keeps. A name it cannot cover that way gets null,
// and the lookup asks the phrase as before: one whose lowered form holds U+0307 (what "İ" lowers to, two
// code points), and one longer than any stored name can be (MAX_EXACT_CHARS).

/** longer than any name or alias the graph can hold (extraction and curation cap names at 200 characters) */
export const MAX_EXACT_CHARS = 400

/** the single code point `s` is, or null */
const single = (s: string): number | null => (s.length === String.fromCodePoint(s.codePointAt(0)!).length ? s.codePointAt(0)! : null)

/**
 * The lowercase code points whose case group (fullCaseGroups) is more than themselves and their one
 * uppercase (hex: code point, then its group): "k" with the Kelvin sign, "σ" with the final "ς", the
 * Greek letters' symbol forms, the titlecase digraphs, ... Made by fullCaseGroups over every code point
 * (test/unit/name-keys.test.ts checks this table against it, for the Node it runs on).
 */
const WIDER: ReadonlyMap<number, readonly number[]> = new Map(
  (
    '69:49,69,131 6b:4b,6b,212a 73:53,73,17f b5:b5,39c,3bc df:df,1e9e e5:c5,e5,212b 131:49,69,131 ' +
    '17f:53,73,17f 1c6:1c4,1c5,1c6 1c9:1c7,1c8,1c9 1cc:1ca,1cb,1cc 1f3:1f1,1f2,1f3 345:345,399,3b9,1fbe ' +
    '3b2:392,3b2,3d0 3b5:395,3b5,3f5 3b8:398,3b8,3d1,3f4 3b9:345,399,3b9,1fbe 3ba:39a,3ba,3f0 ' +
    '3bc:b5,39c,3bc 3c0:3a0,3c0,3d6 3c1:3a1,3c1,3f1 3c2:3a3,3c2,3c3 3c3:3a3,3c2,3c3 3c6:3a6,3c6,3d5 ' +
    '3c9:3a9,3c9,2126 3d0:392,3b2,3d0 3d1:398,3b8,3d1 3d5:3a6,3c6,3d5 3d6:3a0,3c0,3d6 3f0:39a,3ba,3f0 ' +
    '3f1:3a1,3c1,3f1 3f5:395,3b5,3f5 432:412,432,1c80 434:414,434,1c81 43e:41e,43e,1c82 441:421,441,1c83 ' +
    '442:422,442,1c84,1c85 44a:42a,44a,1c86 463:462,463,1c87 1c80:412,432,1c80 1c81:414,434,1c81 ' +
    '1c82:41e,43e,1c82 1c83:421,441,1c83 1c84:422,442,1c84,1c85 1c85:422,442,1c84,1c85 1c86:42a,44a,1c86 ' +
    '1c87:462,463,1c87 1c88:1c88,a64a,a64b 1e61:1e60,1e61,1e9b 1e9b:1e60,1e61,1e9b 1f80:1f80,1f88 ' +
    '1f81:1f81,1f89 1f82:1f82,1f8a 1f83:1f83,1f8b 1f84:1f84,1f8c 1f85:1f85,1f8d 1f86:1f86,1f8e ' +
    '1f87:1f87,1f8f 1f90:1f90,1f98 1f91:1f91,1f99 1f92:1f92,1f9a 1f93:1f93,1f9b 1f94:1f94,1f9c ' +
    '1f95:1f95,1f9d 1f96:1f96,1f9e 1f97:1f97,1f9f 1fa0:1fa0,1fa8 1fa1:1fa1,1fa9 1fa2:1fa2,1faa ' +
    '1fa3:1fa3,1fab 1fa4:1fa4,1fac 1fa5:1fa5,1fad 1fa6:1fa6,1fae 1fa7:1fa7,1faf 1fb3:1fb3,1fbc ' +
    '1fbe:345,399,3b9,1fbe 1fc3:1fc3,1fcc 1ff3:1ff3,1ffc a64b:1c88,a64a,a64b '
  )
    .trim()
    .split(' ')
    .map((e) => {
      const [c, group] = e.split(':')
      return [parseInt(c, 16), group.split(',').map((x) => parseInt(x, 16))] as const
    }),
)

/**
 * Every code point that lowers to the lowercase code point `cp` (as toLowerCase lowers it), or
 * uppercases as `cp` does ("σ" and the final "ς" alike: "Σ" lowers to either by its context), `cp`
 * among them, ascending: from WIDER, else `cp` and its uppercase.
 */
export function caseGroup(cp: number): readonly number[] {
  const wider = WIDER.get(cp)
  if (wider) return wider
  const u = single(String.fromCodePoint(cp).toUpperCase())
  return u !== null && u !== cp && single(String.fromCodePoint(u).toLowerCase()) === cp ? [Math.min(cp, u), Math.max(cp, u)] : [cp]
}

/**
 * caseGroup from a scan of every code point (~1.1M toLowerCase and toUpperCase: the test's check of
 * WIDER), and the highest code point that some case mapping changes.
 */
export function fullCaseGroups(): { group: (cp: number) => number[]; highestCased: number } {
  let highestCased = 0
  const lowers = new Map<number, number[]>()
  const uppers = new Map<number, number[]>()
  const add = (m: Map<number, number[]>, key: number, x: number) => {
    const list = m.get(key)
    if (list) list.push(x)
    else m.set(key, [x])
  }
  for (let x = 0; x <= 0x10ffff; x++) {
    if (x >= 0xd800 && x <= 0xdfff) continue
    const s = String.fromCodePoint(x)
    const l = single(s.toLowerCase())
    const u = single(s.toUpperCase())
    if (l !== x || u !== x) highestCased = x
    if (l !== null) add(lowers, l, x)
    if (u !== null) add(uppers, u, x)
  }
  const group = (cp: number) => {
    const u = single(String.fromCodePoint(cp).toUpperCase())
    return [...new Set([cp, ...(lowers.get(cp) ?? []), ...(u === null ? [] : (uppers.get(u) ?? []))])].sort((a, b) => a - b)
  }
  return { group, highestCased }
}

/** a code point as a Lucene RegExp atom: ASCII letters and digits as they are, anything else escaped */
const atom = (cp: number) => (/^[A-Za-z0-9]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\${String.fromCodePoint(cp)}`)

/**
 * A Lucene regular-expression query (`/.../`) for the keyword name indexes that matches every value whose
 * lowercase is `input`'s lowercase (and perhaps more: the lookups filter as before), or null when the
 * lookup must ask the phrase instead (see the head) or the name holds no word (`hasWords` false: no lookup).
 */
export function exactNameLuceneQuery(input: string, hasWords: boolean): string | null {
  if (!hasWords) return null
  const lower = input.toLowerCase()
  if (lower.includes('\u0307') || [...lower].length > MAX_EXACT_CHARS) return null
  let out = ''
  for (const ch of lower) {
    const cp = ch.codePointAt(0)!
    const all = caseGroup(cp)
    out += all.length === 1 ? atom(cp) : `[${all.map(atom).join('')}]`
  }
  return `/${out}/`
}
