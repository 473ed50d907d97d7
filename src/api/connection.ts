// Relay-style connections over offset pages. The cursor is opaque (base64url of the row's offset
// in a total order), `first` defaults to 10 and is capped at 100.
import { GraphQLError } from 'graphql'
import type { Page } from '../graph/read.ts'

export const DEFAULT_FIRST = 10
export const MAX_FIRST = 100

export interface Edge<T> {
  cursor: string
  node: T
}

export interface Connection<T> {
  edges: Edge<T>[]
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }
  totalCount: number
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })
}

/** `first` as given, defaulted and capped (never above MAX_FIRST); negative is refused */
export function clampFirst(first: number | null | undefined, fallback = DEFAULT_FIRST, max = MAX_FIRST): number {
  if (first === null || first === undefined) return fallback
  if (first < 0) throw badInput('`first` must not be negative')
  return Math.min(first, max)
}

/** the cursors of the first pages, made once (every edge of every answer carries one) */
const CURSORS = Array.from({ length: 1024 }, (_, i) => Buffer.from(`o:${i}`).toString('base64url'))

export function encodeCursor(offset: number): string {
  return CURSORS[offset] ?? Buffer.from(`o:${offset}`).toString('base64url')
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined || cursor === '') return -1
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!m) throw badInput('`after` is not a cursor this API gave out')
  return Number(m[1])
}

export interface PageArgs {
  first?: number | null
  after?: string | null
}

/** skip/limit for a page: one row more than asked, to know whether there is a next page */
export function pageWindow(args: PageArgs): { skip: number; limit: number; first: number } {
  const first = clampFirst(args.first)
  const skip = decodeCursor(args.after) + 1
  return { skip, limit: first + 1, first }
}

export function toConnection<T>(page: Page<T>, window: { skip: number; first: number }): Connection<T> {
  const rows = page.rows.slice(0, window.first)
  const edges = rows.map((node, i) => ({ cursor: encodeCursor(window.skip + i), node }))
  return {
    edges,
    pageInfo: {
      hasNextPage: page.rows.length > window.first || window.skip + rows.length < page.total,
      hasPreviousPage: window.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.total,
  }
}

export function emptyConnection<T>(): Connection<T> {
  return toConnection<T>({ rows: [], total: 0 }, { skip: 0, first: 0 })
}
