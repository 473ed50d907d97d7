// Repeated questions run compiled (issue 13: the API's own cost per request). graphql-jit turns a
// document into JavaScript that resolves exactly its fields, where graphql-js walks the document and
// the schema for every value it completes: on whoSaidWhatAbout's ~500 fields that walk was the
// largest share of the API's execution time. Compiling costs more than one execution (the benchmarks'
// questions and the GraphiQL examples: a median of 1-2 ms, the largest 21-25 ms), so a query runs compiled only once the
// same document (yoga's parser cache hands back one object for one query text) has been executed
// `after` times: clients send the same few texts again and again; a one-off query, or a stream of
// distinct ones, never pays the compile. And only a large answer runs compiled (at least
// COMPILE_MIN_VALUES values in the budget's estimate before execution, budget.ts): compiled, an answer
// of ~570 values (whoSaidWhatAbout, 10 speakers x 10 quotes) cost the API 9% less CPU, one of ~220
// (the nested question, most of its values behind DataLoader promises) 5-12% more (docs/scale.md).
// Mutations always run on graphql-js.
//
// The answers are graphql-js's, byte for byte (api.test.ts compares them): graphql-jit's field
// errors carry their locations but not the document's nodes, from which yoga re-creates every
// error it sends (and so dropped them), and list `data` before `errors`; both are put back here.
import { GraphQLError, getOperationAST } from 'graphql'
import type { DocumentNode, ExecutionResult, Source, SourceLocation } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { compileQuery, isCompiledQuery } from 'graphql-jit'
import type { CompiledQuery } from 'graphql-jit'
import type { AnswerBudget } from './budget.ts'

/** how many executions of a document run on graphql-js before it runs compiled */
export const COMPILE_AFTER = 2

/** the fewest values (the budget's estimate) an answer must be expected to hold to run compiled */
export const COMPILE_MIN_VALUES = 300

/** how many executions ran compiled so far (for the tests and the benchmarks) */
export interface CompiledRuns {
  runs: number
}

/** the offset in `body` of a 1-based line and column */
function offsetOf(body: string, { line, column }: SourceLocation): number {
  const lineBreak = /\r\n|[\n\r]/g
  let start = 0
  for (let l = 1; l < line; l++) {
    const m = lineBreak.exec(body)
    if (!m) break
    start = m.index + m[0].length
  }
  return start + column - 1
}

/** a compiled run's field error as graphql-js makes it: located in the document's source */
function located(error: GraphQLError, source: Source | undefined): GraphQLError {
  if (error.nodes || error.source || !error.locations?.length || !source) return error
  return new GraphQLError(error.message, {
    source,
    positions: error.locations.map((l) => offsetOf(source.body, l)),
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  })
}

export function useCompiledRepeats(
  { after = COMPILE_AFTER, minValues = COMPILE_MIN_VALUES }: { after?: number; minValues?: number } = {},
  counter: CompiledRuns = { runs: 0 },
): Plugin {
  // per document: how often it ran, and per operation name its compiled query (null: a mutation, or one
  // graphql-jit could not compile), made once
  const documents = new WeakMap<DocumentNode, { runs: number; byName: Map<string, CompiledQuery | null> }>()
  const compiledOf = (seen: { byName: Map<string, CompiledQuery | null> }, args: { document: DocumentNode; schema: Parameters<typeof compileQuery>[0]; operationName?: string | null }) => {
    const key = args.operationName ?? ''
    let query = seen.byName.get(key)
    if (query === undefined) {
      const isQuery = getOperationAST(args.document, args.operationName)?.operation === 'query'
      const c = isQuery ? compileQuery(args.schema, args.document, args.operationName ?? undefined) : null
      seen.byName.set(key, (query = c && isCompiledQuery(c) ? c : null))
    }
    return query
  }
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      let seen = documents.get(args.document)
      if (!seen) documents.set(args.document, (seen = { runs: 0, byName: new Map() }))
      if (seen.runs < after) {
        seen.runs++
        return
      }
      const estimated = (args.contextValue as { budget?: AnswerBudget }).budget?.estimatedFields ?? 0
      if (estimated < minValues) return
      const query = compiledOf(seen, args)
      if (!query) return
      counter.runs++
      const source = args.document.loc?.source
      setExecuteFn(async (a) => {
        const result = (await query.query(a.rootValue, a.contextValue, a.variableValues)) as ExecutionResult
        // refused before anything ran (its variables): graphql-js's own words for it
        if (!('data' in result)) return executeFn(a)
        if (!result.errors?.length) return result
        const { errors, ...rest } = result
        return { errors: errors.map((e) => located(e, source)), ...rest }
      })
    },
  }
}
