// The read queries of Entity.related (issue 13): the top related entities from the pair aggregate's rank
// indexes, the evidence between two entities, and the co-mention counts the pair aggregate does not keep
// (co-mentions.ts: kept only between two big entities). Re-exported by read.ts.
import { CO_MENTION_COUNT } from './co-mentions.ts'
import { PAGE_PREFIX, RELATED_PAIR_PREFIX } from './pages.ts'
import { ENTITY, RELATION } from './read-fragments.ts'

/**
 * The `limit` entities most related to the entity bound to `e`, heaviest first (rows `w`, its
 * RELATED_WEIGHT; `o`, the other end; `rank`): up to `limit` entries of each rank index (pages.ts
 * RELATED_RANK), not every relationship of `e`. `limit` is a Cypher expression (a parameter). Shared with
 * the reading view's entity page.
 */
export const TOP_RELATED = (limit: string) => `CALL (e) {
    MATCH ()-[w:RELATED_WEIGHT]->() WHERE w.rankFrom STARTS WITH ${PAGE_PREFIX('e.id')}
    WITH w ORDER BY w.rankFrom LIMIT ${limit}
    RETURN w, w.rankFrom AS rank, endNode(w) AS o
    UNION ALL
    MATCH ()-[w:RELATED_WEIGHT]->() WHERE w.rankTo STARTS WITH ${PAGE_PREFIX('e.id')}
    WITH w ORDER BY w.rankTo LIMIT ${limit}
    RETURN w, w.rankTo AS rank, startNode(w) AS o
  }
  WITH e, w, o, rank ORDER BY rank LIMIT ${limit}`

/**
 * The `limit` entities most related to the entity bound to `e`, as \`value\` (the rows of RELATED_ENTITIES):
 * shared by RELATED_ENTITIES and the entity lookup that reads its `related` with it (ENTITY_BY_REF_WITH).
 * Without `relations` (the request asks no `relations` of them: the API's lookahead) the evidence is not
 * read and each row's `relations` is empty: ~950 of the 1,164 db hits of Trump's related(first: 10) at
 * 10,000 bench:scale articles were the 5 relations of each pair with both their ends.
 */
export const RELATED_OF = (limit: string, relations = true, more?: RelatedMore) => `CALL (e) {
  ${TOP_RELATED(limit)}
  ${relations ? `CALL (e, o) {
    MATCH ()-[r:RELATED]->() WHERE r.pair STARTS WITH ${RELATED_PAIR_PREFIX('e', 'o')}
    WITH r ORDER BY r.pair LIMIT 5
    WITH r, startNode(r) AS rs, endNode(r) AS rt
    RETURN collect(${RELATION('r', 'rs', 'rt')}) AS relations
  }` : 'WITH e, w, o, rank, [] AS relations'}${more ? `
  ${more.calls}` : ''}
  RETURN collect({fromId: e.id, entity: ${ENTITY('o')}, weight: toInteger(w.weight), coMentions: toInteger(w.coMentions), relations: relations${more ? `, ${more.fields}` : ''}}) AS value
}`

/**
 * What RELATED_OF reads more of each related entity \`o\` (read-entity.ts: its children the request asks):
 * `calls`, subqueries on \`o\` (and \`e\`, \`w\`, \`rank\`, \`relations\`), and `fields`, the map entries they add to each row
 */
export interface RelatedMore {
  calls: string
  fields: string
}

/**
 * Entities connected to each entity, ranked by weight = 2 per verb-typed relation + 1 per
 * co_mention relation (both are sentence-level evidence) between the two, then by the other's id.
 * The weight is the pair aggregate the writers keep (aggregates.ts RELATED_WEIGHT), and the top
 * $limit are read in order from its two rank indexes (pages.ts RELATED_RANK: the pairs where the
 * entity has the smaller id, and those where it has the larger), at most 2 x $limit index entries
 * instead of grouping every RELATED of the entity. The evidence of each is the first 5 of the
 * relations between the two in the order of their `pair` key (typed ones first, then article id,
 * start, type, end), read from its index: 5 entries, not the relations of either end. `coMentions`:
 * the count the RELATED_WEIGHT keeps when both ends are big (co-mentions.ts), else null (CO_MENTIONS
 * counts it: the smaller end is mentioned in fewer than storeMin articles).
 */
export const RELATED_ENTITIES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
${RELATED_OF('$limit')}
RETURN id AS key, value`
/** RELATED_ENTITIES without the evidence (`relations` empty): for a request that asks none */
export const RELATED_ENTITIES_LEAN = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
${RELATED_OF('$limit', false)}
RETURN id AS key, value`

/**
 * Articles naming both entities of each pair, counted from the page keys of MENTIONS (co-mentions.ts
 * CO_MENTION_COUNT: about 2 db hits per article of the one mentioned in fewer). For the pairs whose
 * RELATED_WEIGHT keeps no count: those with an end mentioned in fewer than storeMin articles (so at most
 * ~2 x storeMin db hits a pair), or all on a store with no storeMin yet (not migrated since).
 */
export const CO_MENTIONS = `
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair.a}), (b:Entity {id: pair.b})
RETURN pair.key AS key, ${CO_MENTION_COUNT('a', 'b')} AS value`
