// What one answer may cost, before and while it runs (issue 17, D1).
//
// Before: the size of the answer is estimated from the query *and its variables*: every list level
// multiplies by what the resolvers will really return at most (`first` as the resolvers clamp it:
// default 10, at most 100, whether written in the query or passed in a variable;
// `quotesPerSpeaker` likewise; a fixed allowance for the lists that take no `first`). A query whose
// estimate is over LIMITS.maxEstimatedFields is refused before anything runs.
//
// While it runs: every field resolved adds its share of the answer's JSON size to the request's
// budget, and the time since execution began is checked; past either bound the execution stops
// (the remaining fields fail at once, without reading the graph) and the answer is replaced by one
// error that says which bound was hit. So an answer is bounded in size and time whatever the query,
// including lists the estimate can only guess (an article's quotes, a speaker's quotes).
//
// And it takes turns: past BUDGET.sliceAfterFields fields an execution hands the event loop back after
// every BUDGET.sliceMs of work, so other clients' requests are answered while a large one is completed.
import { GraphQLError, Kind } from 'graphql'
import type { FragmentDefinitionNode, GraphQLField, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, GraphQLType, SelectionSetNode, ValueNode } from 'graphql'
import type { ExecutionResult, GraphQLFieldResolver } from 'graphql'
import { defaultFieldResolver, getOperationAST } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { DEFAULT_FIRST, MAX_FIRST } from './connection.ts'

export const BUDGET = {
  /** the estimate before execution: how many values the answer may hold (fields times list sizes) */
  maxEstimatedFields: 100_000,
  /** while executing: the answer's JSON size, approximately, in bytes */
  maxResponseBytes: 8_000_000,
  /** while executing: wall time from the start of execution, in ms */
  maxExecutionMs: 15_000,
  /** a query estimated above this many values is heavy: only `maxHeavy` of them run at once */
  heavyFields: 2_000,
  maxHeavy: 1,
  /** how long a heavy query may wait for its turn before it is refused (server busy), in ms */
  maxHeavyWaitMs: 10_000,
  /**
   * Time slicing: once an answer has resolved this many fields, its execution hands the event loop
   * back after every `sliceMs` of synchronous work, so other clients' requests are read, run and
   * answered in between (graphql-js otherwise completes a large answer in one uninterrupted run over
   * every list it holds). Light answers never reach it.
   */
  sliceAfterFields: 1_000,
  sliceMs: 8,
}

/**
 * Heavy queries take turns: with Neo4j on the same few cores, four concurrent answers of up to
 * 100,000 values kept it busy enough that a one-line query waited 4 s. Light queries never wait.
 */
export class Gate {
  private running = 0
  private readonly waiting: (() => void)[] = []
  constructor(private readonly slots: number) {}

  /** resolves to a release function, or to null when no slot came free within `waitMs` */
  async enter(waitMs: number): Promise<(() => void) | null> {
    if (this.running >= this.slots) {
      const turn = await new Promise<boolean>((resolve) => {
        const wake = () => {
          clearTimeout(timer)
          resolve(true)
        }
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(wake)
          if (i >= 0) this.waiting.splice(i, 1)
          resolve(false)
        }, waitMs)
        this.waiting.push(wake)
      })
      if (!turn) return null
    } else {
      this.running++
    }
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiting.shift()
      if (next) next() // the slot passes straight to the next in line
      else this.running--
    }
  }
}

/** what the estimate assumes for lists that take no `first` (the resolvers return all of them) */
const UNPAGED_LIST_ITEMS: Record<string, number> = {
  'Article.quotes': 20,
  'Article.entities': 20,
  'Article.relations': 20,
  'RelatedEntity.relations': 5,
  'Quote.about': 3,
  'Person.roles': 5,
  'Organisation.members': 10,
  'Country.places': 10,
  'Query.path': 6,
}
const DEFAULT_UNPAGED_ITEMS = 10
/** SpeakerQuotes.quotes: whoSaidWhatAbout's quotesPerSpeaker, default 10 as the resolver has it */
const DEFAULT_QUOTES_PER_SPEAKER = 10

// graphql's isListType/isObjectType/getNamedType check `instanceof` and throw when graphql is loaded
// twice (its ESM and CJS builds, as under vitest); these read the type's tag and printed form instead
const tag = (t: unknown) => Object.prototype.toString.call(t).slice(8, -1)
/** `[Quote!]!` is a list, `QuoteConnection!` is not */
const isList = (t: GraphQLType) => String(t).includes('[')
const namedType = (schema: GraphQLSchema, t: GraphQLType) => schema.getType(String(t).replace(/[[\]!]/g, ''))

function clampCount(value: unknown, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback
  return Math.max(0, Math.min(Math.trunc(value), MAX_FIRST))
}

/** the value of an argument: a literal, or a variable's value (or its default in the operation) */
function argValue(node: ValueNode | undefined, variables: Record<string, unknown>, defaults: Map<string, ValueNode>): unknown {
  if (!node) return undefined
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value
    if (variables[name] !== undefined) return variables[name]
    const d = defaults.get(name)
    return d && d.kind === Kind.INT ? Number(d.value) : undefined
  }
  if (node.kind === Kind.INT) return Number(node.value)
  return undefined
}

export interface Estimate {
  /** values in the answer, estimated with the variables' values and the resolvers' caps */
  fields: number
  /** the largest number of times one field can appear (the product of the list sizes above it) */
  maxRepeat: number
}

/**
 * The estimated size of an operation's answer. Fragments and type conditions are all counted (an
 * over-estimate where a selection depends on the entity's type). Validation has already refused
 * fragment cycles and unknown fields; the depth guard is a belt for the braces.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getOperationAST>[0],
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): Estimate {
  const op = getOperationAST(document, operationName)
  const estimate: Estimate = { fields: 0, maxRepeat: 1 }
  if (!op) return estimate
  const vars = variables ?? {}
  const defaults = new Map<string, ValueNode>()
  for (const d of op.variableDefinitions ?? []) if (d.defaultValue) defaults.set(d.variable.name.value, d.defaultValue)
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
  const root = op.operation === 'mutation' ? schema.getMutationType() : op.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType()
  if (!root) return estimate

  interface Scope {
    /** `first` of the connection field above (for its `edges`) */
    first?: number
    /** quotesPerSpeaker of the whoSaidWhatAbout above (for SpeakerQuotes.quotes) */
    perSpeaker?: number
  }

  const walk = (set: SelectionSetNode, parent: GraphQLNamedType, repeat: number, scope: Scope, depth: number): void => {
    if (depth > 64) return
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(sel.name.value)
        if (f) walk(f.selectionSet, schema.getType(f.typeCondition.name.value) ?? parent, repeat, scope, depth + 1)
        continue
      }
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) ?? parent : parent
        walk(sel.selectionSet, t, repeat, scope, depth + 1)
        continue
      }
      estimate.fields += repeat
      estimate.maxRepeat = Math.max(estimate.maxRepeat, repeat)
      if (!sel.selectionSet) continue // a scalar (or __typename)
      const fields = 'getFields' in parent ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>) : {}
      const def = fields[sel.name.value]
      if (!def) continue
      const given = new Map(sel.arguments?.map((a) => [a.name.value, argValue(a.value, vars, defaults)]))
      const hasFirst = def.args.some((a) => a.name === 'first')
      const first = hasFirst ? clampCount(given.get('first'), DEFAULT_FIRST) : undefined
      const child: Scope = {}
      if (def.args.some((a) => a.name === 'quotesPerSpeaker')) child.perSpeaker = clampCount(given.get('quotesPerSpeaker'), DEFAULT_QUOTES_PER_SPEAKER)
      else if (scope.perSpeaker !== undefined) child.perSpeaker = scope.perSpeaker
      let items = 1
      if (isList(def.type)) {
        const key = `${parent.name}.${def.name}`
        if (first !== undefined) items = first
        else if (def.name === 'edges' && scope.first !== undefined) items = scope.first
        else if (parent.name === 'SpeakerQuotes' && def.name === 'quotes') items = scope.perSpeaker ?? DEFAULT_QUOTES_PER_SPEAKER
        else items = UNPAGED_LIST_ITEMS[key] ?? DEFAULT_UNPAGED_ITEMS
      } else if (first !== undefined) {
        child.first = first // a connection: its `edges` hold `first` items
      }
      const type = namedType(schema, def.type)
      if (type) walk(sel.selectionSet, type, repeat * items, child, depth + 1)
    }
  }
  walk(op.selectionSet, root, 1, {}, 0)
  return estimate
}

/** at most this many waiting fields resume in one turn (what they return is completed in its microtasks) */
const MAX_RESUMED_PER_TURN = 256

/** the per-request budget of an executing answer */
export class AnswerBudget {
  bytes = 0
  /** fields resolved so far */
  fields = 0
  readonly started = Date.now()
  error: GraphQLError | null = null
  /** the current run of synchronous work (one turn of the event loop): whether one is on, and since when */
  private inRun = false
  private runStart = 0
  /** fields put off to a later turn, in order, and whether a turn is booked for them */
  private waiting: (() => void)[] = []
  private booked = false
  private readonly slicing: { sliceAfterFields: number; sliceMs: number }
  constructor(
    private readonly limits: { maxResponseBytes: number; maxExecutionMs: number; sliceAfterFields?: number; sliceMs?: number },
    /** how many values the estimate before execution expects the answer to hold (estimateCost) */
    readonly estimatedFields = 0,
  ) {
    this.slicing = { sliceAfterFields: limits.sliceAfterFields ?? BUDGET.sliceAfterFields, sliceMs: limits.sliceMs ?? BUDGET.sliceMs }
  }

  /**
   * Time slicing, asked before a field that holds more fields (an object or a list) resolves: true
   * when it must wait for a later turn of the event loop (see `later`), because this answer has run
   * `sliceMs` without a break (only past `sliceAfterFields` fields) or other fields wait already. A
   * run starts at the first field of a turn; a setImmediate marks its end (it fires once the
   * synchronous work and its microtasks are done), so a run resumed by Neo4j's reply counts from there.
   */
  mustWait(): boolean {
    if (this.fields < this.slicing.sliceAfterFields) return false
    if (this.waiting.length > 0) return true
    if (!this.inRun) {
      this.startRun()
      return false
    }
    return performance.now() - this.runStart >= this.slicing.sliceMs
  }

  /** runs `resolve` in a later turn, after the poll phase has read and started other clients' requests */
  later<T>(resolve: () => T): Promise<T> {
    return new Promise<T>((done, fail) => {
      this.waiting.push(() => {
        try {
          done(resolve())
        } catch (err) {
          fail(err)
        }
      })
      if (!this.booked) {
        this.booked = true
        setImmediate(this.resume)
      }
    })
  }

  private startRun(): void {
    this.inRun = true
    this.runStart = performance.now()
    setImmediate(this.endRun)
  }

  private readonly endRun = () => {
    this.inRun = false
  }

  /**
   * A later turn: resolves waiting fields for at most half a slice (graphql-js completes what they
   * return in the microtasks that follow, where their own children ask `mustWait` again), and books
   * another turn for the rest.
   */
  private readonly resume = () => {
    this.booked = false
    this.startRun()
    const budget = this.slicing.sliceMs / 2
    let i = 0
    while (i < this.waiting.length && i < MAX_RESUMED_PER_TURN) {
      this.waiting[i++]()
      if (performance.now() - this.runStart >= budget) break
    }
    this.waiting.splice(0, i)
    if (this.waiting.length > 0) {
      this.booked = true
      setImmediate(this.resume)
    }
  }

  /** called before each field resolves: throws once a bound has been passed */
  check(): void {
    if (this.error) throw this.error
    if (Date.now() - this.started > this.limits.maxExecutionMs) {
      this.fail(`the answer took longer than ${+(this.limits.maxExecutionMs / 1000).toFixed(1)} s to compute and was stopped; ask for fewer items per level or fewer nested levels`, 'ANSWER_TOO_SLOW')
    }
  }

  /** adds a resolved value's approximate JSON size (its key and, for a scalar, its value) */
  add(fieldName: string, value: unknown): void {
    let size = fieldName.length + 4
    if (typeof value === 'string') size += value.length + 2
    else if (Array.isArray(value)) size += 2 + value.length
    else if (value === null || value === undefined) size += 4
    else if (typeof value !== 'object') size += 8
    this.bytes += size
    if (this.bytes > this.limits.maxResponseBytes && !this.error) {
      this.fail(
        `the answer would be larger than ${+(this.limits.maxResponseBytes / 1e6).toFixed(1)} MB and was stopped; ask for fewer items per level or fewer nested levels`,
        'ANSWER_TOO_LARGE',
      )
    }
  }

  private fail(message: string, code: string): never {
    // with a path, graphql's locatedError hands this one error back as it is for every field that
    // throws it after the stop, instead of a new GraphQLError each (whose stack trace, source-mapped
    // under tsx, cost a quarter of the API's CPU under attack:api); the client sees a copy without it
    this.error = new GraphQLError(message, { extensions: { code }, path: [] })
    throw this.error
  }

  /** the error a stopped answer is replaced with */
  stopped(): GraphQLError | null {
    return this.error ? new GraphQLError(this.error.message, { extensions: this.error.extensions }) : null
  }
}

const isPromiseLike = (v: unknown): v is PromiseLike<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function'

/**
 * Wraps every field's resolver (in place: the schema is ours and built once) so that it draws on
 * the request's budget: `context.budget`, set by useAnswerBudget. Without one (e.g. a schema used
 * outside the server) the resolvers run as they are.
 */
export function meterSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (tag(type) !== 'GraphQLObjectType' || type.name.startsWith('__')) continue
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const resolve: GraphQLFieldResolver<unknown, { budget?: AnswerBudget }> = field.resolve ?? defaultFieldResolver
      // time slicing pauses before fields that hold fields (objects, lists of them); a scalar is cheap
      const leaf = !isList(field.type) && ['GraphQLScalarType', 'GraphQLEnumType'].includes(tag(namedType(schema, field.type)))
      const metered: GraphQLFieldResolver<unknown, { budget?: AnswerBudget }> = (source, args, context, info) => {
        const budget = context.budget!
        budget.check()
        budget.fields++
        const value = resolve(source, args, context, info)
        if (isPromiseLike(value)) {
          return Promise.resolve(value).then((v) => {
            budget.add(info.fieldName, v)
            return v
          })
        }
        budget.add(info.fieldName, value)
        return value
      }
      field.resolve = (source, args, context, info) => {
        const budget = context?.budget
        if (!budget) return resolve(source, args, context, info)
        if (!leaf && budget.mustWait()) return budget.later(() => metered(source, args, context, info))
        return metered(source, args, context, info)
      }
    }
  }
  return schema
}

/**
 * Refuses an operation whose estimated answer is too large (with the variables' values), gives each
 * execution its budget, and replaces an answer stopped by the budget with its one error.
 */
export function useAnswerBudget(limits: typeof BUDGET = BUDGET): Plugin {
  const gate = new Gate(limits.maxHeavy)
  // the estimate of a document (yoga's parser cache hands back the same one for the same text) with
  // an operation name and variables: a client asks the same few questions again and again
  const estimates = new WeakMap<object, Map<string, Estimate>>()
  const estimateOf = (args: Parameters<NonNullable<Plugin['onExecute']>>[0]['args']): Estimate => {
    const variables = args.variableValues as Record<string, unknown> | undefined
    let key: string
    try {
      key = `${args.operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`
    } catch {
      return estimateCost(args.schema, args.document, args.operationName, variables)
    }
    let known = estimates.get(args.document)
    if (!known) estimates.set(args.document, (known = new Map()))
    let estimate = known.get(key)
    if (!estimate) {
      estimate = estimateCost(args.schema, args.document, args.operationName, variables)
      if (known.size >= 64) known.clear()
      known.set(key, estimate)
    }
    return estimate
  }
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const estimate = estimateOf(args)
      if (estimate.fields > limits.maxEstimatedFields) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `query too costly: its answer could hold about ${estimate.fields.toLocaleString('en')} values (at most ${limits.maxEstimatedFields.toLocaleString('en')}), counting \`first\` and \`quotesPerSpeaker\` as given (also in variables, capped at ${MAX_FIRST}) at every level; ask for fewer items per level or fewer nested levels`,
              { extensions: { code: 'QUERY_TOO_COSTLY', cost: estimate.fields, maxCost: limits.maxEstimatedFields } },
            ),
          ],
        })
        return
      }
      let release: (() => void) | null = null
      if (estimate.fields > limits.heavyFields) {
        release = await gate.enter(limits.maxHeavyWaitMs)
        if (!release) {
          setResultAndStopExecution({
            errors: [
              new GraphQLError(`server busy: ${limits.maxHeavy} large queries are running and this one waited ${limits.maxHeavyWaitMs / 1000} s for its turn; try again shortly, or ask for less`, {
                extensions: { code: 'SERVER_BUSY', http: { status: 503 } },
              }),
            ],
          })
          return
        }
      }
      // should the execution throw past onExecuteDone, the slot still comes back
      if (release) setTimeout(release, limits.maxExecutionMs + 30_000).unref()
      const budget = new AnswerBudget(limits, estimate.fields)
      ;(args.contextValue as { budget?: AnswerBudget }).budget = budget
      return {
        onExecuteDone({ result, setResult }) {
          release?.()
          const stopped = budget.stopped()
          if (stopped && !isPromiseLike(result) && !(Symbol.asyncIterator in (result as object))) {
            setResult({ errors: [stopped] } satisfies ExecutionResult)
          }
        },
      }
    },
  }
}
