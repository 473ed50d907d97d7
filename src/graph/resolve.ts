// Corpus-level entity resolution: which graph node each article's entity lands on.
//
// Extraction is per article: it gives each entity a key (its id, e.g. `person:shane-warne`), a type,
// a name and aliases. Here that key is a *name form*. Every (article, form) pair is one record, kept
// on the article's MENTIONS relationship (`form`, `formName`, `formType`, `formAliases`, `group`).
// The node a record lands on is a pure function of the set of records of its *name group* (all
// forms sharing a surname key: "Shane Warne", "S. Warne", "WARNE", "Warne"), so the graph is the
// same whatever the order of the articles, their batches, or how many writers there are. After each
// batch, the groups it touched are resolved again (under a lock on a (:NameGroup) node) and the
// facts whose record changed node are moved: an early "Warne"-only article joins Shane Warne when
// the corpus learns who "Warne" is, and leaves again if that article is removed.
//
// The rules (resolveGroup):
// 1. Full person forms (two words or more) of a group are clustered: forms with a first name before
//    those with an initial, then most-mentioned first (articles), each later form joins the one earlier head it is compatible with (same surname,
//    first names equal or one an initial of the other, middle names a subsequence: "S. Warne" ~
//    "Shane Warne", "Oscar Scalfaro" ~ "Oscar Luigi Scalfaro", "Donald J. Trump" ~ "Donald Trump").
//    A form compatible with two heads joins neither.
// 2. A one-word form ("Warne", "LARA", "Mr Obama" after the extraction strips the title) joins the
//    person its surname names when that is clear: the only person of the group, or the one with at
//    least twice the articles of the next around the article's date (within DATE_WINDOW_DAYS, else
//    over the whole corpus). Otherwise it stays on a node of its own. A one-word form the corpus
//    mostly types as something else than a person (more articles than all of the group's people)
//    keeps its own node unless the article typed it Person ("York" the city, not Michael York).
// 3. Multi-word non-person forms are grouped by their whole key: the same name typed Organisation in
//    one article and Place in another is one node.
// 4. Each node's type is the type of most of its mentions; its id is the type's prefix and the key
//    of its head form; its name is its most frequent full form (by articles; ALL-CAPS only when
//    nothing else); its aliases are the names and aliases of its records; `aliasIds` the form ids
//    that now resolve to it (so an id a user saved keeps resolving after a merge).
//
// Curation decisions (merge, distinct, split, rename; src/graph/decisions.ts) are part of the input:
// resolving a group also resolves the groups its decisions link it to, and applies them last.
//
// This module is the pure rules. The write around them: the groups' locks and tokens in group-locks.ts;
// reading, resolving and packing the records group by group, applying the plan: plan.ts.

export interface FormRecord {
  articleId: string
  /** the extraction's entity id in that article */
  form: string
  name: string
  type: string
  /** mentions of the form in the article */
  count: number
  aliases: string[]
  /** the article's date, YYYY-MM-DD, or null */
  date: string | null
}

/** A record as the graph holds it: with the node it is on. */
export type StoredRecord = FormRecord & { current: string }

export interface ResolvedEntity {
  id: string
  type: string
  name: string
  aliases: string[]
  aliasIds: string[]
}

export interface GroupResolution {
  /** recordKey(record) -> node id */
  target: Map<string, string>
  entities: ResolvedEntity[]
}

export const DATE_WINDOW_DAYS = 45
const PREFIX: Record<string, string> = { Person: 'person', Organisation: 'org', Country: 'country', Place: 'place' }
/** the type a node id's prefix stands for (`org:acme` -> Organisation) */
export const TYPE_OF_PREFIX: Record<string, string> = Object.fromEntries(Object.entries(PREFIX).map(([type, prefix]) => [prefix, type]))
const TYPE_ORDER = ['Person', 'Organisation', 'Place', 'Country']

export function recordKey(r: { articleId: string; form: string }): string {
  return `${r.articleId}\u0000${r.form}`
}

/** The key part of a form id (`person:shane-warne` -> `shane-warne`). */
export function keyOf(form: string): string {
  const i = form.indexOf(':')
  return i >= 0 ? form.slice(i + 1) : form
}

/**
 * The name group of a form: countries alone (by ISO id), every other form by its last word (the
 * surname key), whatever the article typed it: "Donald Trump" typed Organisation in one article
 * meets "Donald Trump" typed Person in the others, and the corpus decides its type (resolveGroup).
 */
export function groupKey(form: string, type: string): string {
  if (type === 'Country' || form.startsWith('country:')) return form
  const words = keyOf(form).split('-').filter(Boolean)
  if (!words.length) return form
  return words[words.length - 1]
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** One given name matches another: equal, or one is the other's initial. */
function givenMatch(a: string, b: string): boolean {
  return a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))
}

/** Two full person keys of the same surname may name the same person. */
export function compatible(a: string[], b: string[]): boolean {
  if (a.length < 2 || b.length < 2 || a[a.length - 1] !== b[b.length - 1]) return false
  if (!givenMatch(a[0], b[0])) return false
  const ma = a.slice(1, -1)
  const mb = b.slice(1, -1)
  const [short, long] = ma.length <= mb.length ? [ma, mb] : [mb, ma]
  let j = 0
  for (const s of short) {
    while (j < long.length && !givenMatch(s, long[j])) j++
    if (j >= long.length) return false
    j++
  }
  return true
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000
}

/** a name that starts with an initial ("S. Warne") */
const INITIAL = /^\p{L}\.?(\s|$)/u
const isAllCaps = (s: string): boolean => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s)

/** Type by weight of mentions; ties in the fixed order Person, Organisation, Place, Country. */
function typeOf(records: FormRecord[]): string {
  const w = new Map<string, number>()
  for (const r of records) w.set(r.type, (w.get(r.type) ?? 0) + r.count)
  return [...w].sort((a, b) => b[1] - a[1] || TYPE_ORDER.indexOf(a[0]) - TYPE_ORDER.indexOf(b[0]))[0][0]
}

/** The most frequent full form over the articles (multi-word first, then not ALL-CAPS, then not an initial, then articles, then text). */
function nameOf(records: FormRecord[]): string {
  const arts = new Map<string, Set<string>>()
  for (const r of records) (arts.get(r.name) ?? arts.set(r.name, new Set()).get(r.name)!).add(r.articleId)
  const score = (n: string): number[] => [n.trim().split(/\s+/).length > 1 ? 0 : 1, isAllCaps(n) ? 1 : 0, INITIAL.test(n) ? 1 : 0, -arts.get(n)!.size]
  return [...arts.keys()].sort((a, b) => {
    const sa = score(a)
    const sb = score(b)
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i] - sb[i]
    return cmp(a, b)
  })[0]
}

/** The node's derived values; `renamed` is a curated name (decisions.ts), shown instead of the computed one. */
export function entityOf(id: string, type: string, records: FormRecord[], renamed?: string): ResolvedEntity {
  const name = renamed ?? nameOf(records)
  const aliases = new Set<string>()
  for (const r of records) {
    aliases.add(r.name)
    for (const a of r.aliases) aliases.add(a)
  }
  aliases.delete(name)
  const aliasIds = new Set(records.map((r) => r.form))
  aliasIds.delete(id)
  return { id, type, name, aliases: [...aliases].sort(cmp), aliasIds: [...aliasIds].sort(cmp) }
}

const articlesOf = (records: FormRecord[]): number => new Set(records.map((r) => r.articleId)).size

/** The words of a name as a form key's words: case and diacritics folded, dots and apostrophes dropped. */
function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}

/** Weight of mentions per type over `records`. */
function typeWeights(records: FormRecord[]): Map<string, number> {
  const w = new Map<string, number>()
  for (const r of records) w.set(r.type, (w.get(r.type) ?? 0) + r.count)
  return w
}

/** A form the corpus mostly types Person, by weight of mentions (ties go to Person, as in typeOf). */
function mostlyPerson(records: FormRecord[]): boolean {
  const w = typeWeights(records)
  const person = w.get('Person') ?? 0
  return person > 0 && [...w].every(([t, n]) => t === 'Person' || n <= person)
}

/** The node of one non-person name (all its records, any article): typed by the weight of its mentions. */
function nonPersonNodes(key: string, records: FormRecord[]): Map<string, FormRecord[]> {
  return new Map([[`${PREFIX[typeOf(records)] ?? 'entity'}:${key}`, records]])
}

/** Resolves one name group: a pure function of its records (their order does not matter). */
export function resolveGroup(group: string, records: FormRecord[]): GroupResolution {
  const target = new Map<string, string>()
  const members = new Map<string, { type: string | null; records: FormRecord[] }>()
  const put = (id: string, r: FormRecord): void => {
    target.set(recordKey(r), id)
    ;(members.get(id) ?? members.set(id, { type: null, records: [] }).get(id)!).records.push(r)
  }
  const byKey = new Map<string, FormRecord[]>()
  for (const r of records) {
    const k = keyOf(r.form)
    ;(byKey.get(k) ?? byKey.set(k, []).get(k)!).push(r)
  }

  if (group.startsWith('country:')) {
    // one node for the country
    const id = records.map((r) => r.form).sort(cmp)[0]
    for (const r of records) put(id, r)
    return finish(target, members)
  }
  if (group.startsWith('k:')) {
    // a multi-word name filed by its whole key (graphs written before every form went under its last word)
    for (const [k, rs] of byKey) for (const [id, list] of nonPersonNodes(k, rs)) for (const r of list) put(id, r)
    return finish(target, members)
  }

  // 1. full person forms (multi-word forms the corpus mostly types Person, all their records), clustered around the most mentioned
  const multi = [...byKey].filter(([k]) => k !== group && k.split('-').length > 1)
  const full = multi.filter(([, rs]) => mostlyPerson(rs))
  // heads are full first names before initials ("Shane Warne" before "S. Warne"), then the most mentioned
  const initialFirst = (k: string): number => (k.split('-')[0].length === 1 ? 1 : 0)
  full.sort((a, b) => initialFirst(a[0]) - initialFirst(b[0]) || articlesOf(b[1]) - articlesOf(a[1]) || cmp(a[0], b[0]))
  const heads: { key: string; words: string[]; records: FormRecord[] }[] = []
  for (const [key, rs] of full) {
    const words = key.split('-')
    const fits = heads.filter((h) => compatible(h.words, words))
    if (fits.length === 1) fits[0].records.push(...rs)
    else if (fits.length === 0) heads.push({ key, words, records: [...rs] })
    else for (const r of rs) put(`person:${key}`, r)
  }
  for (const h of heads) for (const r of h.records) put(`${PREFIX.Person}:${h.key}`, r)

  // 2. one-word forms: the group's person when clear, else a node of their own
  const single = byKey.get(group) ?? []
  const headArticles: Head[] = heads.map((h) => ({ id: `${PREFIX.Person}:${h.key}`, words: h.words, records: h.records, n: articlesOf(h.records) }))
  const peopleArticles = headArticles.reduce((n, h) => n + h.n, 0)
  const otherArticles = articlesOf(single.filter((r) => r.type !== 'Person'))
  const alone: FormRecord[] = []
  for (const r of single) {
    const pick = heads.length && (r.type === 'Person' || otherArticles <= peopleArticles) ? choose(headArticles, r) : null
    if (pick) put(pick, r)
    else alone.push(r)
  }
  // a one-word name left alone is typed by its records; Person when that is what most say
  if (alone.length) for (const [id, list] of nonPersonNodes(group, alone)) for (const r of list) put(id, r)
  // 3. multi-word forms the corpus mostly types otherwise: one node per name ("New York" under "york")
  for (const [k, rs] of multi) if (!mostlyPerson(rs)) for (const [id, list] of nonPersonNodes(k, rs)) for (const r of list) put(id, r)
  // anything else filed under this group (a form with no key words): its own node
  for (const r of records) if (!target.has(recordKey(r))) put(`${PREFIX[r.type] ?? 'entity'}:${keyOf(r.form)}`, r)
  return finish(target, members)
}

/** A person of a group as choose() sees it: its id, key words, records and articles. */
interface Head {
  id: string
  words: string[]
  records: FormRecord[]
  n: number
  /** date -> nearCount, memoised: choose runs once per one-word record, and many share a date */
  near?: Map<string, number>
}

/** The head's distinct articles within DATE_WINDOW_DAYS of `date`. */
function nearCount(h: Head, date: string): number {
  const memo = h.near ?? (h.near = new Map())
  let n = memo.get(date)
  if (n === undefined) {
    n = new Set(h.records.filter((x) => x.date && daysBetween(x.date, date) <= DATE_WINDOW_DAYS).map((x) => x.articleId)).size
    memo.set(date, n)
  }
  return n
}

/**
 * The person a one-word form names. Evidence in the article first: the initial the article also
 * used with the surname ("A. Stewart", kept among the record's aliases) leaves only the people it
 * fits (Alec Stewart, not Payne Stewart); none fits, the form stays on its own node.
 * Then the only one left, or the clearly most mentioned (around the article's date first).
 */
function choose(all: Head[], r: FormRecord): string | null {
  let heads = all
  const surname = all[0].words[all[0].words.length - 1]
  // the article's own initial for the name ("A. Stewart"): a title ("Mr. Stewart") says nothing here
  const fuller = r.aliases.map(nameWords).filter((w) => w.length > 1 && w[0].length === 1 && w[w.length - 1] === surname)
  if (fuller.length) {
    heads = all.filter((h) => fuller.some((w) => compatible(h.words, w)))
    if (!heads.length) return null
  }
  if (heads.length === 1) return heads[0].id
  const rank = (count: (h: (typeof heads)[number]) => number): string | null => {
    const ranked = heads.map((h) => ({ id: h.id, n: count(h) })).sort((a, b) => b.n - a.n || cmp(a.id, b.id))
    return ranked[0].n > 0 && ranked[0].n >= 2 * ranked[1].n ? ranked[0].id : null
  }
  if (r.date) {
    const date = r.date
    const near = (h: Head): number => nearCount(h, date)
    if (heads.some((h) => near(h) > 0)) return rank(near)
  }
  return rank((h) => h.n)
}

function finish(target: Map<string, string>, members: Map<string, { type: string | null; records: FormRecord[] }>): GroupResolution {
  const entities: ResolvedEntity[] = []
  for (const [id, m] of [...members].sort((a, b) => cmp(a[0], b[0]))) {
    // the id's prefix names the type the rules chose; the records' weight decides among the rest
    const prefixType = Object.keys(PREFIX).find((t) => id.startsWith(PREFIX[t] + ':'))
    entities.push(entityOf(id, prefixType ?? typeOf(m.records), m.records))
  }
  return { target, entities }
}
