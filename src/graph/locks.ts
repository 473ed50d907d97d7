// Write locks on nodes by id, as any SET takes one, held until the transaction ends. Callers pass the
// ids sorted, so that two writers lock in one order. Why each caller locks is said where it does:
// remove.ts (removing articles, orphan cleanup), aggregates.ts (reading an article's contribution).

const lockById = (label: 'Article' | 'Entity') => `
UNWIND $ids AS id
MATCH (n:${label} {id: id})
SET n._lock = true
REMOVE n._lock`

export const LOCK_ARTICLES = lockById('Article')
export const LOCK_ENTITIES = lockById('Entity')
