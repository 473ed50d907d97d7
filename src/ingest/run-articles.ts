// The articles a run has seen, for its one dedupe decision (pipeline.ts, `supersede`): the same article id
// twice in one run with another text. Kept for the whole run, one entry an article, so it is packed: the id
// and the text hash (sha1s in hex, as extraction makes them: src/extract/ids.ts, src/graph/rows.ts) as their
// bytes in growing buffers, found through an open-addressing table of entry numbers, and the source as the
// input's own path string when it is that (a whole file), not the worker's copy of it. 15d3bcf's
// `Map<id, { source, textHash }>` held 197 bytes an article of the main heap; this ~75
// (scripts/bench-run-lists.ts, docs/memory.md). Ids or hashes of another form (never from extraction) are kept
// whole in Maps beside it.
const SHA1_ID = /^(url|text):([0-9a-f]{40})$/
const SHA1_HEX = /^[0-9a-f]{40}$/
/** an entry's id: its kind (ID_URL, ID_TEXT, or ID_OTHER: in `otherIds`), then the sha1's 20 bytes */
const ID_BYTES = 21
const HASH_BYTES = 20
const ID_OTHER = 0
const ID_URL = 1
const ID_TEXT = 2

/** `buf` with room for `bytes`, doubled as it grows */
function room(buf: Buffer, bytes: number): Buffer {
  if (bytes <= buf.length) return buf
  const grown = Buffer.alloc(Math.max(bytes, buf.length * 2))
  buf.copy(grown)
  return grown
}

export class RunArticles {
  private count = 0
  private ids: Buffer = Buffer.alloc(1024 * ID_BYTES)
  private hashes: Buffer = Buffer.alloc(1024 * HASH_BYTES)
  /** entry number + 1 of the sha1 ids, at their first four bytes' slot or the next free one (0: free); at most half full */
  private slots = new Int32Array(2048)
  private readonly otherIds = new Map<string, number>()
  /** entry n's text hash when it is not a sha1 in hex */
  private readonly otherHashes = new Map<number, string>()
  /** entry n's source */
  private readonly sources: string[] = []
  /** the packed id last looked up, and the free slot where it goes when it was not found */
  private readonly key = Buffer.alloc(ID_BYTES)
  private slot = -1

  get size(): number {
    return this.count
  }

  /**
   * Notes an article read from `inputPath` as the latest copy of its id in this run. Returns the source of the copy
   * it follows when that one had another text; undefined for the first copy, or one with the same text.
   */
  note(id: string, textHash: string, source: string, inputPath: string): string | undefined {
    const seen = this.find(id)
    const n = seen >= 0 ? seen : this.add(id)
    const earlier = seen >= 0 && !this.hashIs(seen, textHash) ? this.sources[seen] : undefined
    this.sources[n] = source === inputPath ? inputPath : source
    this.setHash(n, textHash)
    return earlier
  }

  /** the id's entry number, or -1 (then `key` and `slot` say where a sha1 id goes) */
  private find(id: string): number {
    const m = SHA1_ID.exec(id)
    if (!m) {
      this.key[0] = ID_OTHER
      return this.otherIds.get(id) ?? -1
    }
    this.key[0] = m[1] === 'url' ? ID_URL : ID_TEXT
    this.key.write(m[2], 1, HASH_BYTES, 'hex')
    const mask = this.slots.length - 1
    for (let s = this.key.readUInt32LE(1) & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s] - 1
      if (e < 0) {
        this.slot = s
        return -1
      }
      if (this.ids.compare(this.key, 0, ID_BYTES, e * ID_BYTES, (e + 1) * ID_BYTES) === 0) return e
    }
  }

  /** a new entry for the id find() did not find */
  private add(id: string): number {
    const n = this.count++
    this.ids = room(this.ids, this.count * ID_BYTES)
    this.key.copy(this.ids, n * ID_BYTES)
    if (this.key[0] === ID_OTHER) {
      this.otherIds.set(id, n)
      return n
    }
    this.slots[this.slot] = n + 1
    if (this.count * 2 > this.slots.length) this.rehash()
    return n
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let e = 0; e < this.count; e++) {
      if (this.ids[e * ID_BYTES] === ID_OTHER) continue
      let s = this.ids.readUInt32LE(e * ID_BYTES + 1) & mask
      while (slots[s] !== 0) s = (s + 1) & mask
      slots[s] = e + 1
    }
    this.slots = slots
  }

  private hashIs(n: number, textHash: string): boolean {
    const other = this.otherHashes.get(n)
    if (other !== undefined) return other === textHash
    return SHA1_HEX.test(textHash) && this.hashes.toString('hex', n * HASH_BYTES, (n + 1) * HASH_BYTES) === textHash
  }

  private setHash(n: number, textHash: string): void {
    if (!SHA1_HEX.test(textHash)) {
      this.otherHashes.set(n, textHash)
      return
    }
    this.otherHashes.delete(n)
    this.hashes = room(this.hashes, (n + 1) * HASH_BYTES)
    this.hashes.write(textHash, n * HASH_BYTES, HASH_BYTES, 'hex')
  }
}
