// Curation: people's decisions about entity identity (merge, distinct, split, rename), stored in the
// graph as (:Decision) nodes and applied by resolution every time their name groups are resolved
// (decisions.ts says how). Making or undoing a decision takes the name groups' locks, as ingestion
// does, and resolves them again in the same transaction, so facts move at once and concurrent
// writers see either the graph before or after it.
import type { Driver, ManagedTransaction } from 'neo4j-driver'
import { refGroups } from './decisions.ts'
import type { Decision, DecisionKind } from './decisions.ts'
import { entityLookup } from './read.ts'
import { BY_NAME } from './read-fragments.ts'
import { lockGroups } from './group-locks.ts'
import { resolveGroups } from './plan.ts'
import { deleteOrphans } from './remove.ts'
import { isNoSuchSearchIndex, refreshSearchIndex } from './search-index.ts'

export type { DecisionKind } from './decisions.ts'

/** A refusal that is the user's to fix (unknown or ambiguous entity, contradiction): its message is safe to show. */
export class CurationError extends Error {
  constructor(
    message: string,
    readonly candidates: EntitySummary[] = [],
  ) {
    super(message)
    this.name = 'CurationError'
  }
}

export interface EntitySummary {
  id: string
  name: string
  type: string
  articles: number
  /** the form a name matched on that entity, when it matched a form rather than the entity */
  form?: string
}

/** a decision as the API and the CLI show it: what resolution applies (decisions.ts Decision) and when it was made */
export interface StoredDecision extends Omit<Decision, 'groups'> {
  createdAt: string
}

export interface DecisionInput {
  kind: DecisionKind
  /** entity id, form id, name or alias */
  a: string
  /** the other entity of merge and distinct */
  b?: string
  /** the new name of rename */
  name?: string
  /** accept ids not in the graph yet (the decision applies when their articles are ingested) */
  allowUnknown?: boolean
}

export interface DecisionResult {
  decision: StoredDecision
  /** decisions a rename replaced (the same entity's earlier rename) */
  replaced: string[]
  /** where the first ref resolves now, null when it is not in the graph */
  entity: EntitySummary | null
  /** the other ref's entity (merge, distinct) */
  other: EntitySummary | null
  /** records (article, form) that changed node */
  moved: number
}

export interface CurationOptions {
  database?: string
}

// ---------------------------------------------------------------------------------------------
// Cypher

const SUMMARY = (v: string) => `${v}.id AS id, ${v}.name AS name, ${v}.type AS type, COUNT { (${v})<-[:MENTIONS]-(:Article) } AS articles`

export const ENTITY_SUMMARY = `
MATCH (e:Entity {id: $id})
RETURN ${SUMMARY('e')}`

/** The entities holding a form id among their merged ids (a scan of the entities, as ENTITIES_BY_ID does). */
export const FORM_HOLDERS = `
MATCH (e:Entity) WHERE $form IN e.aliasIds
RETURN ${SUMMARY('e')}
ORDER BY articles DESC, id`

/**
 * Entities whose name or an alias is `$ref`'s name in any case (`$ref` an EntityLookup: the lookups' BY_NAME,
 * read-fragments.ts), with the forms of that name they hold.
 */
export const NAME_MATCHES = `
CALL () {
  WITH $ref AS l
  ${BY_NAME('l')}
}
OPTIONAL MATCH (:Article)-[m:MENTIONS]->(e)
WHERE toLower(m.formName) = $ref.lower OR any(a IN coalesce(m.formAliases, []) WHERE toLower(a) = $ref.lower)
WITH e, collect(DISTINCT CASE WHEN toLower(m.formName) = $ref.lower THEN m.form END) AS named, collect(DISTINCT m.form) AS aliased
RETURN ${SUMMARY('e')}, toLower(e.name) = $ref.lower AS byName, named, aliased
ORDER BY articles DESC, id`

/** The name groups the records on an entity are filed under. */
export const GROUPS_OF_ENTITY = `
MATCH (:Article)-[m:MENTIONS]->(:Entity {id: $id})
RETURN DISTINCT m.group AS group`

export const DECISIONS = `
MATCH (d:Decision)
RETURN d.id AS id, d.seq AS seq, d.kind AS kind, d.a AS a, d.b AS b, d.name AS name, toString(d.createdAt) AS createdAt, d.groups AS groups
ORDER BY d.seq`

export const DECISION_BY_ID = `
MATCH (d:Decision {id: $id})
RETURN d.id AS id, d.seq AS seq, d.kind AS kind, d.a AS a, d.b AS b, d.name AS name, toString(d.createdAt) AS createdAt, d.groups AS groups`

/** Numbers decisions in the order they are made (the counter's write lock serialises makers). */
export const CREATE_DECISION = `
MERGE (c:CurationLog {key: 'decisions'})
SET c.seq = coalesce(c.seq, 0) + 1
CREATE (d:Decision {id: 'd' + toString(c.seq), seq: c.seq, kind: $kind, a: $a, b: $b, name: $name, groups: $groups, createdAt: datetime()})
RETURN d.id AS id, d.seq AS seq, d.kind AS kind, d.a AS a, d.b AS b, d.name AS name, toString(d.createdAt) AS createdAt, d.groups AS groups`

export const DELETE_DECISIONS = `
UNWIND $ids AS id
MATCH (d:Decision {id: id})
DELETE d`

// ---------------------------------------------------------------------------------------------

const ID_LIKE = /^[a-z]+:\S+$/
const MAX_NAME = 200

function summary(r: { get: (k: string) => unknown }): EntitySummary {
  return { id: r.get('id') as string, name: r.get('name') as string, type: r.get('type') as string, articles: Number(r.get('articles')) }
}

function toDecision(r: { get: (k: string) => unknown }): StoredDecision & { groups: string[] } {
  return {
    id: r.get('id') as string,
    seq: Number(r.get('seq')),
    kind: r.get('kind') as DecisionKind,
    a: r.get('a') as string,
    b: (r.get('b') as string | null) ?? null,
    name: (r.get('name') as string | null) ?? null,
    createdAt: r.get('createdAt') as string,
    groups: (r.get('groups') as string[] | null) ?? [],
  }
}

const describe = (e: EntitySummary): string => `${e.id} "${e.name}" (${e.type}, ${e.articles} article${e.articles === 1 ? '' : 's'}${e.form ? `, form ${e.form}` : ''})`

interface Ref {
  /** what the decision stores: an entity id or a form id */
  ref: string
  /** the entity it finds now */
  entity: EntitySummary | null
}

/**
 * What an argument names. An entity id or a form id (a merged id) is taken as is. A name finds the
 * entity whose name it is; else the entity holding it as an alias: for `split` and `distinct` the
 * form of that name on it (so "S. Valdane" names the form, not the whole Selma Valdane), for
 * `merge` and `rename` the entity. Several matches are an error listing them.
 */
export async function resolveArgument(tx: ManagedTransaction, arg: string, kind: DecisionKind, allowUnknown = false): Promise<Ref> {
  const text = arg.trim()
  if (!text) throw new CurationError('an entity is required (an id, a name or an alias)')
  const byId = await tx.run(ENTITY_SUMMARY, { id: text })
  if (byId.records.length) return { ref: text, entity: summary(byId.records[0]) }
  const holders = await tx.run(FORM_HOLDERS, { form: text })
  if (holders.records.length) return { ref: text, entity: summary(holders.records[0]) }
  const ref = entityLookup(text)
  const rows = ref.phrase ? (await tx.run(NAME_MATCHES, { ref })).records : []
  const exact = rows.filter((r) => r.get('byName'))
  const pick = exact.length ? exact : rows
  if (ID_LIKE.test(text) && !pick.length) {
    if (allowUnknown) return { ref: text, entity: null }
    throw new CurationError(`no entity has the id ${text} (to decide about an entity before its articles are ingested, pass --allow-unknown)`)
  }
  if (!pick.length) throw new CurationError(`no entity is named "${text}" (names and aliases are matched whole, in any case; try \`entities candidates\` or the API's search)`)
  const forms = kind === 'split' || kind === 'distinct'
  if (forms && !exact.length) {
    // the forms of that name; only when none, the forms that had it as an alias in their article
    const named = pick.flatMap((r) => (r.get('named') as string[]).map((form) => ({ ...summary(r), form })))
    const options = named.length ? named : pick.flatMap((r) => (r.get('aliased') as string[]).map((form) => ({ ...summary(r), form })))
    if (options.length === 1) return { ref: options[0].form!, entity: options[0] }
    if (options.length > 1) throw new CurationError(`"${text}" is ambiguous: it is the name of ${options.length} forms; give one of their ids:\n${options.map((o) => `  ${o.form} on ${describe(o)}`).join('\n')}`, options)
  }
  if (pick.length > 1) {
    const options = pick.map(summary)
    throw new CurationError(`"${text}" is ambiguous: it names ${options.length} entities; give one of their ids:\n${options.map((o) => `  ${describe(o)}`).join('\n')}`, options)
  }
  const entity = summary(pick[0])
  return { ref: entity.id, entity }
}

async function groupsOf(tx: ManagedTransaction, ref: Ref): Promise<string[]> {
  const groups = new Set(refGroups(ref.ref))
  if (ref.entity) for (const r of (await tx.run(GROUPS_OF_ENTITY, { id: ref.entity.id })).records) if (r.get('group')) groups.add(r.get('group') as string)
  return [...groups]
}

/** Refusals: a decision that contradicts or repeats one already made, or that cannot do anything. */
function contradiction(input: { kind: DecisionKind; a: Ref; b: Ref | null }, existing: (StoredDecision & { groups: string[] })[]): string | null {
  const same = (d: StoredDecision) => d.b !== null && input.b !== null && ((d.a === input.a.ref && d.b === input.b.ref) || (d.a === input.b.ref && d.b === input.a.ref))
  const show = (d: StoredDecision) => `${d.id} (${d.kind} ${d.a}${d.b ? ` ${d.b}` : ''}${d.name ? ` "${d.name}"` : ''})`
  for (const d of existing) {
    if (input.kind === 'merge' && same(d)) return d.kind === 'merge' ? `already decided: ${show(d)}` : `contradicts ${show(d)}; undo it first (\`entities undo ${d.id}\`)`
    if (input.kind === 'distinct' && same(d)) return d.kind === 'distinct' ? `already decided: ${show(d)}` : `contradicts ${show(d)}; undo it first (\`entities undo ${d.id}\`)`
    if (input.kind === 'split' && d.kind === 'split' && d.a === input.a.ref) return `already decided: ${show(d)}`
    if (input.kind === 'split' && d.kind === 'merge' && (d.a === input.a.ref || d.b === input.a.ref)) return `${input.a.ref} was merged by ${show(d)}: to undo that merge, \`entities undo ${d.id}\``
  }
  return null
}

async function readDecisions(tx: ManagedTransaction): Promise<(StoredDecision & { groups: string[] })[]> {
  return (await tx.run(DECISIONS)).records.map(toDecision)
}

async function summaryOf(tx: ManagedTransaction, ref: string): Promise<EntitySummary | null> {
  const byId = await tx.run(ENTITY_SUMMARY, { id: ref })
  if (byId.records.length) return summary(byId.records[0])
  const holders = await tx.run(FORM_HOLDERS, { form: ref })
  return holders.records.length ? summary(holders.records[0]) : null
}

async function resolveAndClean(tx: ManagedTransaction, groups: string[]): Promise<number> {
  const { vacated, moves } = await resolveGroups(tx, groups)
  await deleteOrphans(tx, vacated)
  return moves
}

async function decideTx(tx: ManagedTransaction, input: DecisionInput): Promise<DecisionResult> {
  const kind = input.kind
  if (!['merge', 'distinct', 'split', 'rename'].includes(kind)) throw new CurationError(`unknown decision "${kind}" (merge, distinct, split or rename)`)
  const two = kind === 'merge' || kind === 'distinct'
  if (two && !input.b?.trim()) throw new CurationError(`${kind} needs two entities`)
  const name = kind === 'rename' ? (input.name ?? '').trim().replace(/\s+/g, ' ') : null
  if (kind === 'rename' && !name) throw new CurationError('rename needs the new name')
  if (name && name.length > MAX_NAME) throw new CurationError(`the new name is ${name.length} characters long; the limit is ${MAX_NAME}`)
  const a = await resolveArgument(tx, input.a, kind, input.allowUnknown)
  const b = two ? await resolveArgument(tx, input.b!, kind, input.allowUnknown) : null
  if (b && (a.ref === b.ref || (kind === 'merge' && a.entity && b.entity && a.entity.id === b.entity.id))) {
    throw new CurationError(kind === 'merge' ? `${input.a} and ${input.b} are already one entity (${a.entity?.id ?? a.ref}): nothing to merge` : `${input.a} and ${input.b} are the same ${a.ref === b.ref ? 'ref' : 'entity'} (${a.ref})`)
  }
  if (kind === 'split' && a.entity && a.entity.id === a.ref) {
    throw new CurationError(`${a.ref} is the entity's own form, already on a node of its own; split one of the forms merged into it (its mergedIds / aliasIds)`)
  }
  const groups = [...new Set([...(await groupsOf(tx, a)), ...(b ? await groupsOf(tx, b) : [])])].sort()
  // the groups' locks before reading the decisions: two contradicting decisions made at once are serialised
  await lockGroups(tx, groups)
  const existing = await readDecisions(tx)
  const refusal = contradiction({ kind, a, b }, existing)
  if (refusal) throw new CurationError(refusal)
  const replaced = kind === 'rename' ? existing.filter((d) => d.kind === 'rename' && (d.a === a.ref || (a.entity && d.a === a.entity.id))).map((d) => d.id) : []
  if (replaced.length) await tx.run(DELETE_DECISIONS, { ids: replaced })
  const made = await tx.run(CREATE_DECISION, { kind, a: a.ref, b: b?.ref ?? null, name, groups })
  const moved = await resolveAndClean(tx, groups)
  const { groups: _groups, ...decision } = toDecision(made.records[0])
  return { decision, replaced, entity: await summaryOf(tx, a.ref), other: b ? await summaryOf(tx, b.ref) : null, moved }
}

/** Makes a decision and applies it at once (one transaction). Throws CurationError for the user's mistakes. */
export async function decide(driver: Driver, input: DecisionInput, opts: CurationOptions = {}): Promise<DecisionResult> {
  const session = driver.session({ database: opts.database, defaultAccessMode: 'WRITE' })
  try {
    return await session.executeWrite((tx) => decideTx(tx, input))
  } catch (err) {
    // a name is looked up in the index of entity names, which a rebuild in another process renamed
    if (!isNoSuchSearchIndex(err)) throw err
    await refreshSearchIndex(driver, opts.database)
    return await session.executeWrite((tx) => decideTx(tx, input))
  } finally {
    await session.close()
  }
}

export interface UndoResultModel {
  decision: StoredDecision
  moved: number
}

/** Deletes a decision and resolves its groups again without it. */
export async function undoDecision(driver: Driver, id: string, opts: CurationOptions = {}): Promise<UndoResultModel> {
  const session = driver.session({ database: opts.database, defaultAccessMode: 'WRITE' })
  try {
    return await session.executeWrite(async (tx) => {
      const found = await tx.run(DECISION_BY_ID, { id })
      if (!found.records.length) throw new CurationError(`no decision has the id ${id} (\`entities list\` shows them)`)
      const { groups, ...d } = toDecision(found.records[0])
      await lockGroups(tx, groups)
      await tx.run(DELETE_DECISIONS, { ids: [d.id] })
      return { decision: d, moved: await resolveAndClean(tx, groups) }
    })
  } finally {
    await session.close()
  }
}

/** Every decision, oldest first, with where its refs resolve now. */
export async function listDecisions(driver: Driver, opts: CurationOptions = {}): Promise<(StoredDecision & { entity: EntitySummary | null; other: EntitySummary | null })[]> {
  const session = driver.session({ database: opts.database, defaultAccessMode: 'READ' })
  try {
    return await session.executeRead(async (tx) => {
      const out = []
      for (const { groups: _g, ...d } of await readDecisions(tx)) out.push({ ...d, entity: await summaryOf(tx, d.a), other: d.b ? await summaryOf(tx, d.b) : null })
      return out
    })
  } finally {
    await session.close()
  }
}
