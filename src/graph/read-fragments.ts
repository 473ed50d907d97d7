// Projections shared by the read queries of read.ts and read-related.ts (Cypher map projections; fixed text).

export const ENTITY = (v: string) =>
  `${v} {.id, .name, .type, aliases: coalesce(${v}.aliases, []), mergedIds: coalesce(${v}.aliasIds, []), iso2: ${v}.iso2, iso3: ${v}.iso3}`

/** a RELATED relationship `r` from node `s` to node `t` */
export const RELATION = (r: string, s: string, t: string) =>
  `{type: ${r}.type, source: ${ENTITY(s)}, target: ${ENTITY(t)},` +
  ` evidence: ${r}.evidence, start: ${r}.start, end: ${r}.end, articleId: ${r}.articleId}`
