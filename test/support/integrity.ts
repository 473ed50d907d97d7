// The graph holds no partial article: integrity checks over the whole graph, each a query counting
// violations (all must be 0). Used by the bad-corpus, fault and concurrency tests.
import type { Driver } from 'neo4j-driver'

/** Integrity of the whole graph: each query counts violations, all must be 0. */
export const INTEGRITY: Record<string, string> = {
  'articles without their text or hash (claimed, never written)': 'MATCH (a:Article) WHERE a.textHash IS NULL OR a.text IS NULL RETURN count(a) AS n',
  'quotes not IN exactly one article': 'MATCH (q:Quote) WHERE COUNT { (q)-[:IN]->(:Article) } <> 1 RETURN count(q) AS n',
  'quotes IN an article other than their articleId': 'MATCH (q:Quote)-[:IN]->(a:Article) WHERE q.articleId <> a.id OR NOT q.id STARTS WITH a.id + "#q" RETURN count(q) AS n',
  // quotes are numbered q1..qN per article: a missing one shows as a highest number above the count
  'articles missing some of their quotes': `
    MATCH (q:Quote)-[:IN]->(a:Article)
    WITH a, count(q) AS n, max(toInteger(split(q.id, '#q')[-1])) AS highest
    WHERE highest <> n RETURN count(a) AS n`,
  'mentions whose offsets disagree with their count': 'MATCH (:Article)-[m:MENTIONS]->() WHERE size(m.starts) <> m.count OR size(m.ends) <> m.count RETURN count(m) AS n',
  'entities no article mentions (orphans)': `
    MATCH (e:Entity) WHERE NOT (e)<-[:MENTIONS]-(:Article) AND NOT (e)<-[:IN_COUNTRY]-(:Entity) AND NOT (e)-[:WROTE]->(:Article)
    RETURN count(e) AS n`,
  'facts whose article is not in the graph': `
    MATCH ()-[r:RELATED|HOLDS_ROLE|IN_COUNTRY]->() WHERE NOT EXISTS { MATCH (a:Article {id: r.articleId}) }
    RETURN count(r) AS n`,
  'SAID not from an entity to a quote, ABOUT not from a quote to an entity': `
    MATCH (x)-[r:SAID|ABOUT]->(y)
    WHERE (type(r) = 'SAID' AND NOT (x:Entity AND y:Quote)) OR (type(r) = 'ABOUT' AND NOT (x:Quote AND y:Entity))
    RETURN count(r) AS n`,
}

export async function integrityViolations(d: Driver): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const [name, query] of Object.entries(INTEGRITY)) out[name] = Number((await d.executeQuery(query)).records[0].get('n'))
  return out
}
/** what integrityViolations returns for a sound graph */
export const NONE: Record<string, number> = Object.fromEntries(Object.keys(INTEGRITY).map((k) => [k, 0]))
