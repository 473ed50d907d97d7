// The records of the name groups a process wrote last, kept between its write transactions
// (plan.ts, planGroups), packed so that what it holds is bounded in bytes, not in records.
import type { GroupPlan } from './plan.ts'
import type { StoredRecord } from './resolve.ts'
import { bigGroupOf, type BigGroup } from './deferred.ts'

/** Numbers per record in CompactGroup.cols: indexes into its tables, and the mention count. */
const FORM = 0
const NAME = 1
const TYPE = 2
const COUNT = 3
const ALIASES = 4
const DATE = 5
const CURRENT = 6
/** the record's article id: its kind (ID_URL, ID_TEXT; ID_OTHER: the id is in the string table at ARTICLE), then its sha1's 20 bytes as five integers */
const ARTICLE_KIND = 7
const ARTICLE = 8
const WIDTH = 13
/** DATE column of a record with no date */
const NO_DATE = -1
const ID_OTHER = 0
const ID_URL = 1
const ID_TEXT = 2
/** an article id as extraction makes it (src/extract/ids.ts) */
const SHA1_ID = /^(url|text):([0-9a-f]{40})$/
const idBytes = Buffer.alloc(20)

/**
 * The GroupCache's budget: NEWSGRAPH_GROUP_CACHE_MB (MB of its estimate; 0 keeps nothing between transactions),
 * else DEFAULT_GROUP_CACHE_MB.
 */
// 50: what 64 held before article ids were packed (a record's estimate fell to 0.77-0.79 of what it was in the 10,000 step of
// bench:scale, the same records and groups: docs/memory.md, "The run's own lists packed"); 24 read more records back; a stall
// once blamed on 24 was a kept scan plan (test/unit/plan-hints.test.ts)
export const DEFAULT_GROUP_CACHE_MB = 50
export function groupCacheBytes(): number {
  const v = process.env.NEWSGRAPH_GROUP_CACHE_MB
  const n = v === undefined || v === '' ? DEFAULT_GROUP_CACHE_MB : Number(v)
  return (Number.isFinite(n) && n >= 0 ? n : DEFAULT_GROUP_CACHE_MB) * 2 ** 20
}

/** Bytes a string costs on the V8 heap, near enough for a budget (header, then one or two bytes a character). */
function stringBytes(s: string): number {
  // eslint-disable-next-line no-control-regex
  return 24 + (/^[\x00-\xff]*$/.test(s) ? s.length : 2 * s.length)
}

/**
 * One group's records, columnar: the forms, names, types, dates and nodes of a group repeat from
 * article to article ("Donald Trump", `person:donald-trump`, Person), so each is kept once in the
 * group's string table, and a record is thirteen integers: seven for those and its mention count,
 * six for its article id (`url:` or `text:` and a sha1: its kind and the sha1's bytes), whose string,
 * one for each record of a small group and repeated in every group the article mentions, was most of a
 * packed record (~52 bytes a record instead of ~110 with the id as a string, and ~700 as an object
 * with eight properties and its own copies of the strings).
 */
export class CompactGroup {
  readonly bytes: number
  readonly length: number
  private readonly strings: string[] = []
  private readonly aliasLists: string[][] = []
  private readonly cols: Int32Array

  constructor(
    readonly token: string,
    records: StoredRecord[],
    /** what a bulk ingest may defer of the group (deferred.ts), from these records */
    readonly big: BigGroup | null = bigGroupOf(records),
    /** the group's BigGroup only, its records left out (summary) */
    readonly summaryOnly = false,
  ) {
    const at = new Map<string, number>()
    const lists = new Map<string, number>()
    // a group's own objects (this, its arrays, the Int32Array and its buffer, its entry in the cache's Map):
    // heap snapshots at 5,000 bench-ingest articles retained 10.6 MB for 4,831 groups whose estimate with
    // 64 bytes here was 7.9 MB, i.e. ~590 bytes a group more
    let bytes = 650
    const str = (s: string): number => {
      let i = at.get(s)
      if (i === undefined) {
        at.set(s, (i = this.strings.push(s) - 1))
        bytes += 8 + stringBytes(s)
      }
      return i
    }
    const list = (l: string[]): number => {
      const key = l.join('\u0000')
      let i = lists.get(key)
      if (i === undefined) {
        lists.set(key, (i = this.aliasLists.push(l.map((a) => this.strings[str(a)])) - 1))
        bytes += 16 + 8 * l.length
      }
      return i
    }
    this.cols = new Int32Array(records.length * WIDTH)
    records.forEach((r, n) => {
      const c = n * WIDTH
      this.cols[c + FORM] = str(r.form)
      this.cols[c + NAME] = str(r.name)
      this.cols[c + TYPE] = str(r.type)
      this.cols[c + COUNT] = r.count
      this.cols[c + ALIASES] = list(r.aliases)
      this.cols[c + DATE] = r.date === null ? NO_DATE : str(r.date)
      this.cols[c + CURRENT] = str(r.current)
      const id = SHA1_ID.exec(r.articleId)
      if (!id) {
        this.cols[c + ARTICLE_KIND] = ID_OTHER
        this.cols[c + ARTICLE] = str(r.articleId)
        return
      }
      this.cols[c + ARTICLE_KIND] = id[1] === 'url' ? ID_URL : ID_TEXT
      idBytes.write(id[2], 'hex')
      for (let k = 0; k < 5; k++) this.cols[c + ARTICLE + k] = idBytes.readInt32LE(4 * k)
    })
    this.bytes = bytes + this.cols.byteLength
    this.length = records.length
  }

  /** the article id of record n */
  private articleOf(n: number): string {
    const c = n * WIDTH
    const kind = this.cols[c + ARTICLE_KIND]
    if (kind === ID_OTHER) return this.strings[this.cols[c + ARTICLE]]
    for (let k = 0; k < 5; k++) idBytes.writeInt32LE(this.cols[c + ARTICLE + k], 4 * k)
    return (kind === ID_URL ? 'url:' : 'text:') + idBytes.toString('hex')
  }

  /** A big group's BigGroup without its records (planGroups' `packBig`): GroupCache.remember keeps the BigGroup and no records. */
  static summary(token: string, big: BigGroup): CompactGroup {
    return new CompactGroup(token, [], big, true)
  }

  /** Whether a record is of an article not in `articles`. */
  hasArticleOutside(articles: Set<string>): boolean {
    if (!articles.size) return this.length > 0
    for (let n = 0; n < this.length; n++) if (!articles.has(this.articleOf(n))) return true
    return false
  }

  /** The records as planGroups reads them (alias lists are shared between records: never modified). */
  records(): StoredRecord[] {
    const out = new Array<StoredRecord>(this.length)
    const s = this.strings
    for (let n = 0; n < out.length; n++) {
      const c = n * WIDTH
      const date = this.cols[c + DATE]
      out[n] = {
        articleId: this.articleOf(n),
        form: s[this.cols[c + FORM]],
        name: s[this.cols[c + NAME]],
        type: s[this.cols[c + TYPE]],
        count: this.cols[c + COUNT],
        aliases: this.aliasLists[this.cols[c + ALIASES]],
        date: date === NO_DATE ? null : s[date],
        current: s[this.cols[c + CURRENT]],
      }
    }
    return out
  }
}

/**
 * The records of the groups a process wrote last, kept between its write transactions so that a
 * bulk ingest does not read every record of "trump" or "clinton" back from the graph after every
 * batch (that read grows with the corpus, so a whole ingest grew with its square). An entry is
 * used only while its group's token in the graph is the one this process committed
 * (LOCK_ROTATE_GROUPS): any other writer that changed the group gave it another token, and its
 * records are read again. Bounded in bytes (an estimate of the heap the packed records take,
 * CompactGroup), whatever the size of the corpus: least recently used groups are dropped beyond
 * `maxBytes`; a group bigger than that alone is not kept. The groups every batch touches are used
 * by every batch, so they stay. What the cache holds changes only how records are read, never the
 * resolution.
 */
export class GroupCache {
  private readonly entries = new Map<string, CompactGroup>()
  private held = 0
  private heldRecords = 0
  /** the groups big enough for a bulk ingest to defer (deferred.ts), as of their last full resolution here */
  private readonly bigGroups = new Map<string, BigGroup>()
  constructor(readonly maxBytes = groupCacheBytes()) {}

  /** What this process knows of a big group since it last resolved it in full (deferred.ts). */
  big(group: string): BigGroup | undefined {
    return this.bigGroups.get(group)
  }

  /** Learns a big group from the graph (deferred.ts readBigGroups), for a group this process has not resolved in full. */
  learn(group: string, big: BigGroup): void {
    if (!this.bigGroups.has(group)) this.bigGroups.set(group, big)
  }

  /** A committed bulk batch placed `records` new records of the group provisionally (new forms on the nodes in `forms`). */
  deferred(group: string, records: number, forms: Map<string, string>): void {
    // its records held here are no longer all of them (and its token has changed)
    this.drop(group)
    const big = this.bigGroups.get(group)
    if (!big) return
    big.pending += records
    for (const [f, node] of forms) big.forms.set(f, node)
  }

  /** The group's records as written with `token`, or undefined. */
  get(group: string, token: string | null): StoredRecord[] | undefined {
    return this.entry(group, token)?.records()
  }

  /** The group's packed records as written with `token`, or undefined (planGroups expands them one group at a time). */
  entry(group: string, token: string | null): CompactGroup | undefined {
    const e = this.entries.get(group)
    if (!e || token === null || e.token !== token) return undefined
    // most recently used last
    this.entries.delete(group)
    this.entries.set(group, e)
    return e
  }

  /** Remembers what a committed transaction left in the groups (call only after its commit). */
  remember(plan: Pick<GroupPlan, 'token' | 'empty' | 'records'>): void {
    if (!plan.token) return
    for (const g of plan.empty) {
      this.drop(g)
      this.bigGroups.delete(g)
    }
    for (const [g, e] of plan.records) {
      this.drop(g)
      if (e.big) this.bigGroups.set(g, e.big)
      else this.bigGroups.delete(g)
      if (e.summaryOnly || e.bytes > this.maxBytes) continue
      this.entries.set(g, e)
      this.held += e.bytes
      this.heldRecords += e.length
    }
    for (const g of this.entries.keys()) {
      if (this.held <= this.maxBytes) break
      this.drop(g)
    }
  }

  private drop(group: string): void {
    const e = this.entries.get(group)
    if (!e) return
    this.entries.delete(group)
    this.held -= e.bytes
    this.heldRecords -= e.length
  }

  get size(): { groups: number; records: number; bytes: number } {
    return { groups: this.entries.size, records: this.heldRecords, bytes: this.held }
  }
}

/**
 * The records a process knows a group to hold: a big group's as of its last full resolution here and the records
 * placed since (GroupCache.big), else the size of the BigGroup the graph keeps for it (`kept`, LOCK_ROTATE_GROUPS
 * or DIRTY_GROUPS: at its last full resolution by any process); undefined for a group not known to be big.
 */
export function knownRecords(cache: GroupCache | null, kept?: ReadonlyMap<string, number>): (group: string) => number | undefined {
  return (g) => {
    const big = cache?.big(g)
    return big ? big.size + big.pending : kept?.get(g)
  }
}

/**
 * `groups` in order, in chunks of at most `maxGroups` groups and, but for a single group, `maxRecords` records as far
 * as `known` knows them (knownRecords; a group not known to be big counts none); with `bigOnly`, only the groups
 * known to be big. A caller reads or resolves one chunk and lets it go before the next.
 */
export function chunkByKnownRecords(
  groups: Iterable<string>,
  known: (group: string) => number | undefined,
  maxRecords: number,
  opts: { maxGroups?: number; bigOnly?: boolean } = {},
): string[][] {
  const maxGroups = opts.maxGroups ?? Infinity
  const chunks: string[][] = []
  let chunk: string[] = []
  let records = 0
  for (const g of groups) {
    const size = known(g)
    if (size === undefined && opts.bigOnly) continue
    const n = size ?? 0
    if (chunk.length && (chunk.length >= maxGroups || records + n > maxRecords)) {
      chunks.push(chunk)
      chunk = []
      records = 0
    }
    chunk.push(g)
    records += n
  }
  if (chunk.length) chunks.push(chunk)
  return chunks
}
