// A fingerprint of a whole graph as sorted text lines, to compare the graph two versions of the write
// path leave from the same corpus (bench-ingest --fingerprint FILE; `diff` the files): every entity's
// id, labels, name, aliases, merged ids and aggregates; every other node's labels and id; every
// relationship's type, ends and the properties that make the fact (article, form, offsets, counts), and
// the co-mention count a RELATED_WEIGHT keeps (co-mentions.ts; nothing added to the line of one that keeps none).
import type { Driver } from 'neo4j-driver'

export const FINGERPRINT_ENTITIES = `
MATCH (e:Entity)
RETURN 'E ' + e.id + ' ' + reduce(s = '', l IN [x IN ['Person', 'Organisation', 'Country', 'Place'] WHERE x IN labels(e)] | s + ':' + l) +
       ' ' + coalesce(e.type, '') + ' | ' + coalesce(e.name, '') + ' | ' + reduce(s = '', a IN coalesce(e.aliases, []) | s + a + ';') +
       ' | ' + reduce(s = '', a IN coalesce(e.aliasIds, []) | s + a + ';') + ' | ' +
       coalesce(toString(e.articleCount), '') + '/' + coalesce(toString(e.quoteCount), '') + '/' + coalesce(toString(e.quotedAboutCount), '') AS line`

export const FINGERPRINT_OTHER_NODES = `
MATCH (n) WHERE NOT n:Entity
RETURN 'N ' + reduce(s = '', l IN labels(n) | s + ':' + l) + ' ' + coalesce(n.id, n.key, '') + ' ' + coalesce(n.textHash, '') AS line`

export const FINGERPRINT_RELATIONSHIPS = `
MATCH (a)-[r]->(b)
RETURN 'R ' + type(r) + ' ' + coalesce(a.id, a.key, '') + ' ' + coalesce(b.id, b.key, '') + ' ' + coalesce(r.articleId, '') + ' ' +
       coalesce(r.form, '') + ' ' + coalesce(r.sourceForm, '') + ' ' + coalesce(r.targetForm, '') + ' ' + coalesce(r.group, '') + ' ' +
       coalesce(r.type, '') + ' ' + coalesce(r.title, '') + ' ' + coalesce(r.speakerName, '') + ' ' + coalesce(toString(r.start), '') + ' ' +
       coalesce(toString(r.count), '') + ' ' + coalesce(reduce(s = '', x IN coalesce(r.starts, []) | s + ',' + toString(x)), '') +
       coalesce(' coMentions ' + toString(r.coMentions), '') AS line`

/** The graph's fingerprint lines, sorted. */
export async function graphFingerprint(driver: Driver): Promise<string[]> {
  const lines: string[] = []
  for (const q of [FINGERPRINT_ENTITIES, FINGERPRINT_OTHER_NODES, FINGERPRINT_RELATIONSHIPS]) {
    for (const r of (await driver.executeQuery(q)).records) lines.push(r.get('line') as string)
  }
  return lines.sort()
}
