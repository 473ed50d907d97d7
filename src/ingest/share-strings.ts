// An article's rows as the main thread receives them from an extraction worker hold one string object per
// occurrence of every id: a structured clone (postMessage) shares objects it sees twice but copies strings
// each time. The article's id is in each of its mention, quote, relation and place rows, an entity's id in
// every row that names it, a quote's id in its SAID and ABOUT links, a sentence in the quotes and relations
// found in it, "name" in most mentions' kinds. The
// writer holds up to three batches of these rows (the one it writes, one queued, one filling: pipeline.ts),
// so the copies are a large share of its heap between batches (issue 13's peak RSS). shareStrings makes
// every equal value of those fields one string; the rows are equal before and after (values, not objects).
import type { Rows } from '../graph/rows.ts'

/** the one string object for each value seen in an article */
type Pool = Map<string, string>

function one(pool: Pool, s: string): string {
  const had = pool.get(s)
  if (had !== undefined) return had
  pool.set(s, s)
  return s
}

function all(pool: Pool, list: string[]): void {
  for (let i = 0; i < list.length; i++) list[i] = one(pool, list[i])
}

/** Makes the repeated ids and labels of one article's rows one string each (in place). */
export function shareStrings(rows: Rows): void {
  const pool: Pool = new Map()
  for (const a of rows.articles) a.id = one(pool, a.id)
  for (const e of rows.entities) {
    e.id = one(pool, e.id)
    e.type = one(pool, e.type)
    e.name = one(pool, e.name)
    all(pool, e.aliases)
  }
  for (const m of rows.mentions) {
    m.articleId = one(pool, m.articleId)
    m.entityId = one(pool, m.entityId)
    m.group = one(pool, m.group)
    m.formName = one(pool, m.formName)
    m.formType = one(pool, m.formType)
    all(pool, m.formAliases)
    all(pool, m.kinds)
    all(pool, m.titles)
  }
  for (const q of rows.quotes) {
    q.id = one(pool, q.id)
    q.articleId = one(pool, q.articleId)
    q.kind = one(pool, q.kind)
    if (q.cue !== null) q.cue = one(pool, q.cue)
    if (q.speakerName !== null) q.speakerName = one(pool, q.speakerName)
    // the sentence a quote is in is often a relation's evidence too
    q.sentence = one(pool, q.sentence)
  }
  for (const links of [rows.said, rows.about, rows.wrote]) {
    for (const l of links) {
      l.from = one(pool, l.from)
      l.to = one(pool, l.to)
    }
  }
  for (const r of rows.roles) {
    r.personId = one(pool, r.personId)
    r.orgId = one(pool, r.orgId)
    r.articleId = one(pool, r.articleId)
  }
  for (const r of rows.relations) {
    r.sourceId = one(pool, r.sourceId)
    r.targetId = one(pool, r.targetId)
    r.type = one(pool, r.type)
    r.articleId = one(pool, r.articleId)
    r.evidence = one(pool, r.evidence)
  }
  for (const p of rows.places) {
    p.placeId = one(pool, p.placeId)
    p.countryId = one(pool, p.countryId)
    p.articleId = one(pool, p.articleId)
  }
}
