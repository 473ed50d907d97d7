// Removal: the facts of articles deleted (when an article is removed, or before it is written
// again with a changed text), and the entities that no article mentions any more (orphans),
// safely against concurrent writers.
import type { Driver, ManagedTransaction } from 'neo4j-driver'
import { keepingAggregates } from './aggregates.ts'
import { LOCK_ARTICLES, LOCK_ENTITIES } from './locks.ts'
import { groupsOfArticles, lockGroups } from './group-locks.ts'
import { resolveGroups } from './plan.ts'
import { writeWithRetries, type WriteOptions } from './retry.ts'

/** Every entity an article links to (mentions, authors, and the countries of its places): the candidates for orphan cleanup. */
export const LINKED_ENTITIES = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(e:Entity)
RETURN e.id AS entityId
UNION
UNWIND $ids AS id
MATCH (p:Entity)-[:WROTE]->(:Article {id: id})
RETURN p.id AS entityId
UNION
UNWIND $ids AS id
MATCH (:Entity)-[r:IN_COUNTRY]->(c:Entity) USING INDEX SEEK r:IN_COUNTRY(articleId) WHERE r.articleId = id
RETURN c.id AS entityId`

/** Quotes of the articles, with their SAID / IN / ABOUT relationships. */
export const DELETE_QUOTES = `
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:IN]-(q:Quote)
DETACH DELETE q`

/** Entity-to-entity facts of the articles, found by the relationship indexes on articleId (schema/graph.cypher). */
export const DELETE_RELATED = `
UNWIND $ids AS id
MATCH ()-[r:RELATED]->() USING INDEX SEEK r:RELATED(articleId) WHERE r.articleId = id
DELETE r`
export const DELETE_ROLES = `
UNWIND $ids AS id
MATCH ()-[r:HOLDS_ROLE]->() USING INDEX SEEK r:HOLDS_ROLE(articleId) WHERE r.articleId = id
DELETE r`
export const DELETE_IN_COUNTRY = `
UNWIND $ids AS id
MATCH ()-[r:IN_COUNTRY]->() USING INDEX SEEK r:IN_COUNTRY(articleId) WHERE r.articleId = id
DELETE r`

export const DELETE_ARTICLE_LINKS = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[r:MENTIONS|WROTE]-()
DELETE r`

export const DELETE_ARTICLES = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a`

/** Entities no article mentions any more (a country stays while a place lies in it); run after LOCK_ENTITIES. */
export const DELETE_ORPHANS = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (e)<-[:MENTIONS]-(:Article) }
  AND NOT EXISTS { (e)-[:WROTE]->(:Article) }
  AND NOT EXISTS { (e)<-[:IN_COUNTRY]-(:Entity) }
DETACH DELETE e
RETURN count(*) AS deleted`

/** Deletes the facts of the articles `ids` (not the article nodes); returns the entities they linked to. */
export async function deleteFacts(tx: ManagedTransaction, ids: string[]): Promise<string[]> {
  const linked = await tx.run(LINKED_ENTITIES, { ids })
  // AGGREGATES HOOK (aggregates.ts): the counts lose what these articles contributed
  await keepingAggregates(tx, ids, async () => {
    for (const query of [DELETE_QUOTES, DELETE_RELATED, DELETE_ROLES, DELETE_IN_COUNTRY, DELETE_ARTICLE_LINKS]) await tx.run(query, { ids })
  })
  return [...new Set(linked.records.map((r) => r.get('entityId') as string))]
}

/**
 * Deletes the entities of `ids` that no article links to any more, safe against concurrent writers:
 * it first write-locks them (LOCK_ENTITIES). Under read committed, "no article mentions e" read
 * without the lock can be stale: another transaction may be linking a new article to e (creating a
 * relationship takes only a shared lock on its nodes), and DETACH DELETE would wait for it to commit and then delete its new links with
 * e. The exclusive lock waits for those writers to commit, so DELETE_ORPHANS, run after it as a
 * statement of its own, sees their links and keeps e; a writer that comes after the lock waits,
 * finds e deleted, and its transaction is run again (NODE_DELETED_RACE) and creates e anew.
 */
export async function deleteOrphans(tx: ManagedTransaction, ids: string[]): Promise<number> {
  if (!ids.length) return 0
  // in id order, as MERGE_ENTITIES takes them, so that writers wait for each other rather than deadlock
  const sorted = [...ids].sort()
  await tx.run(LOCK_ENTITIES, { ids: sorted })
  const res = await tx.run(DELETE_ORPHANS, { ids: sorted })
  return Number(res.records[0]?.get('deleted') ?? 0)
}

/**
 * Finds an article by its id or its URL. Not by its source: many articles share one (every
 * article of a JSON file, every one read from stdin `-`, every one added through the API `api`).
 */
export const FIND_ARTICLE = `
MATCH (a:Article)
WHERE a.id = $key OR a.url = $key
RETURN a.id AS id`

/**
 * The articles still there after LOCK_ARTICLES: of two removals of the same article at once, the
 * second waits for the first and then finds nothing (or, having read the node before it was
 * deleted, fails with a deleted-node race and is run again, finding nothing).
 */
export const ARTICLES_STILL_THERE = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id`

export interface RemoveResult {
  /** the ids of the removed articles (none when nothing matched, or a concurrent removal got there first) */
  removed: string[]
  entitiesDeleted: number
}

/** Deletes one article (by id or URL), its facts, and every entity no other article mentions. One transaction. */
export async function removeArticle(driver: Driver, idOrUrl: string, opts: WriteOptions = {}): Promise<RemoveResult> {
  const ids = (tx: ManagedTransaction, query: string, params: Record<string, unknown>) =>
    tx.run(query, params).then((r) => [...new Set(r.records.map((x) => x.get('id') as string))].sort())
  return writeWithRetries(driver, opts, async (tx) => {
    const found = await ids(tx, FIND_ARTICLE, { key: idOrUrl })
    if (!found.length) return { removed: [], entitiesDeleted: 0 }
    await tx.run(LOCK_ARTICLES, { ids: found })
    const present = await ids(tx, ARTICLES_STILL_THERE, { ids: found })
    if (!present.length) return { removed: [], entitiesDeleted: 0 }
    // the name groups its forms belong to are resolved again without it (src/graph/resolve.ts)
    const groups = await groupsOfArticles(tx, present)
    await lockGroups(tx, groups)
    const candidates = await deleteFacts(tx, present)
    await tx.run(DELETE_ARTICLES, { ids: present })
    const { vacated } = await resolveGroups(tx, groups)
    return { removed: present, entitiesDeleted: await deleteOrphans(tx, [...new Set([...candidates, ...vacated])]) }
  })
}
