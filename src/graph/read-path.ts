// The read queries of Query.path (issue 13): the shortest connection between two entities through
// relations, roles and places. Re-exported by read.ts.
//
// The search runs over the pair aggregate RELATED_WEIGHT (aggregates.ts: one relationship per pair of
// entities with RELATED facts between them), HOLDS_ROLE and IN_COUNTRY, not over the RELATED facts: the
// same paths and lengths (two entities are joined by a RELATED_WEIGHT exactly when RELATED facts join
// them), but a breadth-first search then expands each related neighbour once, not once per sentence
// that relates them, so what it reads follows the number of neighbours and not how much has been
// written about them. Each RELATED_WEIGHT step of the path found shows the first RELATED of its pair in
// the order of the `pair` key (pages.ts: typed relations before co-mentions, then by article id,
// start, type, end; one index entry), the evidence Entity.related lists first.
import { RELATED_PAIR_PREFIX } from './pages.ts'
import { ENTITY, ENTITY_REF } from './read-fragments.ts'

export const MAX_PATH_HOPS = 6
export const DEFAULT_PATH_HOPS = 4

/**
 * A shortest path between the nodes bound to `a` and `b` (distinct), at most `hops` steps, as `ns` (its
 * nodes) and `rs` (its steps). Two entities with RELATED facts between them are one step apart, found
 * by one seek in the `pair` key's index (the first of the pair in that order); the others by a
 * shortest-path search over the pair aggregate, roles and places (which would otherwise walk the
 * neighbours of one end until it met the other: hundreds of db hits between two big entities).
 */
const PATH_FIND = (hops: number) => `
WITH a, b, head(COLLECT {
  MATCH ()-[r:RELATED]->() WHERE r.pair STARTS WITH ${RELATED_PAIR_PREFIX('a', 'b')}
  WITH r ORDER BY r.pair LIMIT 1
  RETURN r
}) AS direct
CALL (a, b, direct) {
  WITH a, b, direct WHERE direct IS NOT NULL
  RETURN [a, b] AS ns, [direct] AS rs
  UNION ALL
  WITH a, b, direct WHERE direct IS NULL
  MATCH p = shortestPath((a)-[:RELATED_WEIGHT|HOLDS_ROLE|IN_COUNTRY*..${Math.max(hops, 1)}]-(b))
  RETURN nodes(p) AS ns, relationships(p) AS rs
}`

/** the path `ns`, `rs` as `nodes` and `rels`: a RELATED_WEIGHT step as the first RELATED of its pair */
const PATH_STEPS = `
CALL (ns, rs) {
  UNWIND range(0, size(rs) - 1) AS i
  WITH i, ns[i] AS s, ns[i + 1] AS t, rs[i] AS step
  CALL (s, t, step) {
    // the guard in the seek's prefix (null seeks nothing), as QUOTE_SCAN's in read.ts
    WITH CASE WHEN type(step) = 'RELATED_WEIGHT' THEN ${RELATED_PAIR_PREFIX('s', 't')} END AS pp
    MATCH ()-[r:RELATED]->() WHERE r.pair STARTS WITH pp
    WITH r ORDER BY r.pair LIMIT 1
    RETURN r
    UNION ALL
    WITH step WHERE type(step) <> 'RELATED_WEIGHT'
    RETURN step AS r
  }
  WITH i, r ORDER BY i
  RETURN collect({kind: type(r), label: coalesce(r.type, r.title), evidence: r.evidence, articleId: r.articleId}) AS rels
}
RETURN [n IN ns | ${ENTITY('n')}] AS nodes, rels`

/**
 * The shortest connection between $fromId and $toId. Cypher takes no parameter for a variable-length
 * bound, so there is one prebuilt constant per allowed bound (1..MAX_PATH_HOPS).
 */
export const PATH_QUERIES: readonly string[] = Array.from({ length: MAX_PATH_HOPS + 1 }, (_, hops) => `
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
${PATH_FIND(hops)}
${PATH_STEPS}`)

/**
 * PATH_QUERIES between the entities $fromRef and $toRef name (EntityLookups, ENTITY_REF), resolved in
 * the same query (one round trip, not one for the names and one for the path): no row when either
 * names nothing; `same` when both name one entity (no search: shortestPath refuses a path from a node
 * to itself); else `found`, the path as PATH_QUERIES returns it in a list of one, or empty.
 */
export const PATH_REF_QUERIES: readonly string[] = Array.from({ length: MAX_PATH_HOPS + 1 }, (_, hops) => `
${ENTITY_REF('a', '$fromRef')}
${ENTITY_REF('b', '$toRef')}
RETURN a = b AS same, COLLECT {
  WITH a, b WHERE a <> b
  ${PATH_FIND(hops)}
  ${PATH_STEPS.replace(/\nRETURN (.*) AS nodes, rels$/, '\nRETURN {nodes: $1, rels: rels} AS found')}
} AS found`)
