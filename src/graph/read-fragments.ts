// Fragments shared by the read queries of read.ts, read-related.ts and read-path.ts (fixed text).

export const ENTITY = (v: string) =>
  `${v} {.id, .name, .type, aliases: coalesce(${v}.aliases, []), mergedIds: coalesce(${v}.aliasIds, []), iso2: ${v}.iso2, iso3: ${v}.iso3}`

/** a RELATED relationship `r` from node `s` to node `t` */
export const RELATION = (r: string, s: string, t: string) =>
  `{type: ${r}.type, source: ${ENTITY(s)}, target: ${ENTITY(t)},` +
  ` evidence: ${r}.evidence, start: ${r}.start, end: ${r}.end, articleId: ${r}.articleId}`

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
    WITH ${ref} AS l WHERE l.phrase IS NOT NULL
    CALL db.index.fulltext.queryNodes('entityNames', l.phrase, {limit: 50}) YIELD node
    WITH l, node WHERE toLower(node.name) = l.lower OR any(a IN coalesce(node.aliases, []) WHERE toLower(a) = l.lower)
    RETURN node AS e
  }
  WITH e ORDER BY coalesce(e.articleCount, 0) DESC, e.id LIMIT 1
  RETURN e AS ${v}
}`
