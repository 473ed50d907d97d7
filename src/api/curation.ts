// The curation mutations' backend (mergeEntities, keepDistinct, splitEntity, renameEntity,
// undoDecision): the same calls as `npm run entities` (src/graph/curation.ts). A refusal that is the
// caller's to fix (unknown or ambiguous entity, contradiction) is a BAD_USER_INPUT error with the
// candidates of an ambiguous name in its extensions.
import { GraphQLError } from 'graphql'
import type { Driver } from 'neo4j-driver'
import { CurationError, decide, undoDecision, type DecisionInput, type DecisionResult, type UndoResultModel } from '../graph/curation.ts'

export interface CurationFns {
  decide: (input: DecisionInput) => Promise<DecisionResult>
  undo: (id: string) => Promise<UndoResultModel>
}

const MAX_ARG = 200

function userError<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((err: unknown) => {
    if (err instanceof CurationError) {
      const candidates = err.candidates.length ? { candidates: err.candidates.map((c) => ({ ...c })) } : {}
      throw new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT', ...candidates } })
    }
    throw err
  })
}

export function createCuration(driver: Driver, database: string): CurationFns {
  return {
    decide: (input) => {
      for (const v of [input.a, input.b, input.name]) {
        if (v !== undefined && v.length > MAX_ARG) throw new GraphQLError(`arguments must be at most ${MAX_ARG} characters`, { extensions: { code: 'BAD_USER_INPUT' } })
      }
      return userError(() => decide(driver, input, { database }))
    },
    undo: (id) => userError(() => undoDecision(driver, id, { database })),
  }
}
