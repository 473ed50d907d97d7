// Fragments shared by the read queries of read.ts, read-related.ts and read-path.ts (fixed text), and the
// entity lookups by id and by name (re-exported by read.ts).
import { exactNameLuceneQuery } from './name-keys.ts'
import { phraseLuceneQuery } from './read-executor.ts'
import { searchIndexName } from './search-index.ts'

/**
 * The fields of an entity that ENTITY reads and ENTITY_LEAN does not, by their GraphQL names, each with its
 * Cypher: the one list both the projection and the API's lookahead (src/api/lookahead.ts entityLeanAt) read.
 */
const ENTITY_EXTRA: Readonly<Record<string, (v: string) => string>> = {
  aliases: (v) => `coalesce(${v}.aliases, [])`,
  mergedIds: (v) => `coalesce(${v}.aliasIds, [])`,
  iso2: (v) => `${v}.iso2`,
  iso3: (v) => `${v}.iso3`,
}
export const ENTITY_FULL_FIELDS: readonly string[] = Object.keys(ENTITY_EXTRA)

export const ENTITY = (v: string) =>
  `${v} {.id, .name, .type, ${Object.entries(ENTITY_EXTRA).map(([name, read]) => `${name}: ${read(v)}`).join(', ')}}`

/**
 * An entity as ENTITY reads it without ENTITY_FULL_FIELDS (its aliases, merged ids and ISO codes): for a
 * request that asks none of them (src/api/lookahead.ts entityLeanAt), every other field of an entity being its id, name and type or read
 * by its id. An entity's aliases and merged ids grow with what resolution merged into it (issue 13).
 */
export const ENTITY_LEAN = (v: string) => `${v} {.id, .name, .type}`

/** a RELATED relationship `r` from node `s` to node `t` */
export const RELATION = (r: string, s: string, t: string) =>
  `{type: ${r}.type, source: ${ENTITY(s)}, target: ${ENTITY(t)},` +
  ` evidence: ${r}.evidence, start: ${r}.start, end: ${r}.end, articleId: ${r}.articleId}`

/** the filter of the lookups by name: the node's name or an alias, lowered, is the lowered name */
const NAMED = (l: string) => `toLower(node.name) = ${l}.lower OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = ${l}.lower)`

/**
 * The entities the lookup `l` (an EntityLookup) names by name or alias, as \`e\` (the branches of a UNION
 * after one that finds the id; each once): those whose name or an alias is the name in any case, from the
 * keyword index `entityLowerKeys` asked for \`l.exact\`, the lowered name as one term (name-keys.ts: only
 * the entities that bear the name come back); without `exact`, from the index of entity names (`l.searchIndex`,
 * search-index.ts) asked for the
 * phrase (50 candidates), and none when the name holds no word. Also curation's NAME_MATCHES.
 */
export const BY_NAME = (l: string) => `CALL (${l}) {
      WITH ${l} WHERE ${l}.exact IS NOT NULL
      CALL db.index.fulltext.queryNodes('entityLowerKeys', ${l}.exact) YIELD node
      RETURN node
      UNION
      WITH ${l} WHERE ${l}.exact IS NULL AND ${l}.phrase IS NOT NULL
      CALL db.index.fulltext.queryNodes(${l}.searchIndex, ${l}.phrase, {limit: 50}) YIELD node
      RETURN node
    }
    WITH ${l}, node WHERE ${NAMED(l)}
    RETURN node AS e`

/**
 * The entity $ref (an EntityLookup) names, as `v`: ENTITIES_BY_NAME for one name, as the first clause of
 * a query, so that a request naming its entity needs no round trip of its own to resolve it (issue 13).
 * No row when nothing matches: the caller then asks the entityByName loader, which also finds an id
 * merged into another entity.
 */
export const ENTITY_REF = (v: string, ref = '$ref') => `
CALL () {
  CALL () {
    MATCH (e:Entity {id: ${ref}.name}) RETURN e
    UNION
    WITH ${ref} AS l
    ${BY_NAME('l')}
  }
  WITH e ORDER BY coalesce(e.articleCount, 0) DESC, e.id LIMIT 1
  RETURN e AS ${v}
}`

/**
 * Entities by id; an id merged into another entity (its `aliasIds`, resolve.ts) finds that entity.
 * Merged ids are looked for only when no node has the id (a scan of the entities: rare, saved ids).
 */
export const ENTITIES_BY_ID = `
UNWIND $ids AS id
OPTIONAL MATCH (d:Entity {id: id})
CALL (id, d) {
  WITH d WHERE d IS NOT NULL
  RETURN d AS e
  UNION
  WITH id, d WHERE d IS NULL
  MATCH (m:Entity) WHERE id IN m.aliasIds
  WITH m ORDER BY coalesce(m.articleCount, 0) DESC, m.id LIMIT 1
  RETURN m AS e
}
RETURN id AS key, ${ENTITY('e')} AS entity`

/**
 * Resolve names to entities: the id itself, or (case-insensitively) the name or an alias, found
 * through the keyword index `entityLowerKeys` (BY_NAME; the `entityNames` phrase when the name has no such query). Several matches: the
 * one mentioned in the most articles wins (the `articleCount` the writers keep, aggregates.ts). With its
 * `mentionCount` (the counter the writers keep), so that `entity(name) { mentionCount }` needs no round
 * trip of its own (issue 13).
 */
export const ENTITIES_BY_NAME = `
UNWIND $lookups AS l
CALL (l) {
  MATCH (e:Entity {id: l.name}) RETURN e
  UNION
  WITH l
  ${BY_NAME('l')}
}
WITH l, e, coalesce(e.articleCount, 0) AS articles
ORDER BY articles DESC, e.id
WITH l, head(collect(e)) AS e
RETURN l.name AS key, ${ENTITY('e')} AS entity, coalesce(e.mentionCount, 0) AS mentionCount`

/** one name to resolve, as ENTITIES_BY_NAME and ENTITY_REF take it */
export interface EntityLookup {
  name: string
  lower: string
  phrase: string | null
  /** the keyword indexes' query for the name (name-keys.ts), or null: ask `phrase` */
  exact: string | null
  /** the index of entity names `phrase` is asked of (search-index.ts) */
  searchIndex: string
}
export const entityLookup = (name: string): EntityLookup => {
  const phrase = phraseLuceneQuery(name)
  return { name, lower: name.toLowerCase(), phrase, exact: exactNameLuceneQuery(name, phrase !== null), searchIndex: searchIndexName() }
}
