// Every cross-cutting concern of the API, composed in one place: health, limits on what a request
// may ask (depth, cost, aliases, tokens, directives, body size), introspection policy, the ingest
// token, error masking and the response cache. Resolvers stay about the domain.
import { createHash, timingSafeEqual } from 'node:crypto'
import { GraphQLError, getOperationAST } from 'graphql'
import type { ASTVisitor, ValidationContext } from 'graphql'
import type { ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { EnvelopArmor } from '@escape.tech/graphql-armor'
import { LRUCache } from 'lru-cache'
import type { Config } from '../config.ts'
import { DatabaseUnavailableError, QueryTimeoutError, isUnavailable } from '../graph/read.ts'
import type { ReadExecutor } from '../graph/read.ts'
import { useAnswerBudget } from './budget.ts'
import { useCompiledRepeats } from './compiled.ts'
import type { CompiledRuns } from './compiled.ts'
import { useHealth } from './health.ts'

export const LIMITS = {
  maxDepth: 12,
  maxAliases: 20,
  maxTokens: 2000,
  maxDirectives: 20,
  /**
   * GraphQL Armor's cost: 2 per object, 1 per scalar, x1.5 per level, times a literal `first`
   * (variables are not seen; the resolvers cap `first` at 100 whatever the cost rule saw)
   */
  maxCost: 20_000,
  /** request body, bytes */
  maxBodyBytes: 100_000,
}

/**
 * Refuse request bodies over the limit (413), whether or not they announce their length, whatever
 * their content type (issue 17, D3: a chunked form-encoded or application/graphql body was parsed
 * whole). A chunked body is counted as it arrives, then handed to the parser yoga chose for its
 * type. ingestArticle's text has its own, smaller limit on top (the pipeline's).
 */
export function useBodyLimit(maxBytes: number): Plugin {
  const tooLarge = () =>
    new Response(JSON.stringify({ errors: [{ message: `request body larger than ${maxBytes} bytes` }] }), {
      status: 413,
      // the rest of the body may still be on its way: close the connection rather than reuse it
      headers: { 'content-type': 'application/json', connection: 'close' },
    })
  return {
    onRequestParse({ request, requestParser, endResponse, setRequestParser, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD') return // no body; node caps the URL
      const length = request.headers.get('content-length')
      if (length !== null) {
        // HTTP framing holds the body to its declared length: checking the header is enough
        if (!(Number(length) <= maxBytes)) return endResponse(tooLarge())
        return
      }
      if (!requestParser) return // yoga refuses a type it cannot parse, before reading the body
      // a chunked body announces no length: count it as it arrives
      setRequestParser(async (req) => {
        const chunks: Uint8Array[] = []
        let size = 0
        if (req.body) {
          const reader = req.body.getReader()
          for (;;) {
            const { done, value } = await reader.read()
            if (done) break
            size += value.byteLength
            if (size > maxBytes) {
              await reader.cancel().catch(() => undefined)
              return tooLarge()
            }
            chunks.push(value)
          }
        }
        const headers = new fetchAPI.Headers(req.headers)
        headers.delete('transfer-encoding')
        headers.set('content-length', String(size))
        return requestParser(new fetchAPI.Request(req.url, { method: req.method, headers, body: Buffer.concat(chunks) }))
      })
    },
  }
}

/**
 * Introspection off (and field suggestions with it) when config.introspection is false. A plain AST
 * rule rather than graphql's NoSchemaIntrospectionCustomRule, whose type checks fail when graphql is
 * loaded twice (ESM and CJS builds, as under vitest).
 */
export function useNoIntrospection(): Plugin {
  const rule = (context: ValidationContext): ASTVisitor => ({
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(new GraphQLError('introspection is disabled on this server', { nodes: [node] }))
      }
    },
  })
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule)
    },
  }
}

/** "Did you mean ...?" in any of graphql's messages: field, type, argument and enum value suggestions */
const SUGGESTION = /\s*Did you mean [^?]*\?/g

/** the errors with every suggestion dropped: a copy of each error that held one (graphql-jit's are frozen) */
const withoutSuggestions = <E extends Error>(errors: readonly E[]): E[] =>
  errors.map((e) => {
    const message = e.message.replace(SUGGESTION, '').trim()
    if (message === e.message) return e
    const g = e as Partial<GraphQLError>
    return new GraphQLError(message, { nodes: g.nodes, source: g.source, positions: g.positions, path: g.path, originalError: g.originalError, extensions: g.extensions }) as Error as E
  })

/**
 * With introspection off, no error names a part of the schema the client did not write (issue 17,
 * D13): graphql suggests fields, types, arguments and enum values ("Did you mean the enum value
 * PERSON?") in validation and in the coercion of variables; every such suggestion is dropped.
 */
export function useNoSuggestions(): Plugin {
  return {
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(withoutSuggestions(result))
      }
    },
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result || !result.errors?.length) return
      setResult({ ...result, errors: withoutSuggestions(result.errors) })
    },
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest()

/** Marks the context when the request carries `Authorization: Bearer <INGEST_TOKEN>`. */
export function useIngestToken(token: string | null): Plugin<{ request: Request }> {
  const expected = token ? digest(token) : null
  return {
    onContextBuilding({ context, extendContext }) {
      const header = context.request.headers.get('authorization') ?? ''
      const m = /^Bearer\s+(.+)$/i.exec(header.trim())
      const ok = expected !== null && m !== null && timingSafeEqual(digest(m[1].trim()), expected)
      extendContext({ ingestAuthorized: ok } as never)
    },
  }
}

/**
 * By name, not instanceof: graphql may be loaded twice (its ESM and CJS builds, e.g. under vitest),
 * and an error made by one is not an instance of the other's class.
 */
const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError'

/** The message a client sees for an error: database trouble said plainly, anything else masked. */
export function maskError(error: unknown, message: string): Error {
  const original = isGraphQLError(error) ? error.originalError : error
  if (isGraphQLError(error) && (!original || isGraphQLError(original))) return error
  if (original instanceof DatabaseUnavailableError || isUnavailable(original)) {
    return new GraphQLError('database unavailable: the graph database does not answer; try again shortly', {
      path: isGraphQLError(error) ? error.path : undefined,
      extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503 } },
    })
  }
  if (original instanceof QueryTimeoutError) {
    return new GraphQLError(`query timed out: ${original.message}; narrow the request`, {
      path: isGraphQLError(error) ? error.path : undefined,
      extensions: { code: 'QUERY_TIMEOUT' },
    })
  }
  console.error('[api] unexpected error:', original)
  return new GraphQLError(message, {
    path: isGraphQLError(error) ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  })
}

/**
 * A small per-process cache of whole read responses, serialised once: a hit skips parsing,
 * validation, execution and JSON encoding. Only queries without errors are kept, for `ttlMs`; the
 * key is the query text, operation name and variables plus a generation that `invalidate()` bumps
 * (after an ingest), so an ingest drops every cached response at once. An expired entry is
 * refreshed by one request while the others are served the previous answer.
 *
 * Bounded by memory, not by count (issue 17, D2): an LRU (lru-cache) of at most `maxBytes` of
 * serialised answers, where an answer over `maxEntryBytes` is served but never kept; only the JSON
 * text is held (not the result's objects); entries leave at the end of their stale window, also
 * when nothing asks for them (a timer purges them).
 */
/** how long other requests keep getting a stale entry while one request recomputes it */
const REFRESH_WAIT_MS = 10_000

export const CACHE_LIMITS = {
  /** all cached answers together, bytes of their JSON text (UTF-16 in memory: 2 per character) */
  maxBytes: 64_000_000,
  /** an answer larger than this is not cached */
  maxEntryBytes: 1_000_000,
}

/** a result that carries its own serialiser (yoga's result processor calls it) */
type ExecutionResultWithSerializer = ExecutionResult & { stringify?: (r: ExecutionResult) => string }

export interface ResultCache {
  plugin: Plugin
  invalidate: () => void
  /** entries and bytes held now (for tests and diagnostics) */
  stats: () => { entries: number; bytes: number }
  /** stops the purge timer */
  close: () => void
}

export function useResultCache(opts: { ttlMs: number; maxBytes?: number; maxEntryBytes?: number }): ResultCache {
  const maxBytes = opts.maxBytes ?? CACHE_LIMITS.maxBytes
  const maxEntryBytes = opts.maxEntryBytes ?? CACHE_LIMITS.maxEntryBytes
  type Entry = { body: string; expires: number }
  // an entry lives its TTL fresh, then another TTL stale (served while one request refreshes it),
  // then leaves (with a second's slack: the cache's clock is not Date.now())
  const entries = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    sizeCalculation: (e) => e.body.length * 2 + 200,
    ttl: opts.ttlMs * 2 + 1000,
  })
  const purge = opts.ttlMs > 0 ? setInterval(() => entries.purgeStale(), Math.max(1000, opts.ttlMs)) : null
  purge?.unref()
  const keys = new WeakMap<Request, string>()
  const queries = new WeakSet<Request>()
  /** keys being recomputed, and since when */
  const refreshing = new Map<string, number>()
  let generation = 0
  const serve = (body: string): ExecutionResultWithSerializer => ({ stringify: () => body })
  const plugin: Plugin = {
    onParams({ params, request, setResult }) {
      if (!params.query || params.extensions?.persistedQuery) return
      let variables: string
      try {
        variables = JSON.stringify(params.variables ?? {})
      } catch {
        return // variables nested too deeply to serialise (RangeError): not cached; validation refuses them
      }
      const key = createHash('sha1')
        .update(`${generation}\u0000${params.operationName ?? ''}\u0000${params.query}\u0000${variables}`)
        .digest('base64')
      const hit = entries.get(key)
      const now = Date.now()
      if (hit && hit.expires > now) return setResult(serve(hit.body))
      // stale while revalidating: one request refreshes an expired entry, the others meanwhile get
      // the old answer (for at most another TTL), so expiry never sends a burst of misses to Neo4j
      const since = refreshing.get(key)
      if (hit && hit.expires + opts.ttlMs > now && since !== undefined && now - since < REFRESH_WAIT_MS) return setResult(serve(hit.body))
      refreshing.set(key, now)
      // a request that never reaches a result (refused in validation) must not leave its key behind
      if (refreshing.size > 10_000) refreshing.clear()
      keys.set(request, key)
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request
      if (request && getOperationAST(args.document, args.operationName)?.operation === 'query') queries.add(request)
    },
    onExecutionResult({ request, result, setResult }) {
      const key = keys.get(request)
      if (key) refreshing.delete(key)
      if (!key || !queries.has(request) || !result || Symbol.asyncIterator in result || result.errors?.length) return
      const body = JSON.stringify(result)
      const cached: ExecutionResultWithSerializer = { ...result, stringify: () => body }
      setResult(cached)
      if (body.length * 2 > maxEntryBytes) return
      entries.set(key, { body, expires: Date.now() + opts.ttlMs })
    },
  }
  return {
    plugin,
    invalidate: () => {
      generation++
      entries.clear()
      refreshing.clear()
    },
    stats: () => ({ entries: entries.size, bytes: entries.calculatedSize }),
    close: () => {
      if (purge) clearInterval(purge)
    },
  }
}

export interface PluginOptions {
  config: Config
  /** used by /readyz */
  probe: ReadExecutor
  /** read responses are cached this long (ms); 0 turns the cache off */
  responseCacheTtlMs: number
  browserDir?: string
  /** when a query runs compiled (compiled.ts; default: after COMPILE_AFTER executions, COMPILE_MIN_VALUES values) */
  compile?: { after?: number; minValues?: number }
}

export interface ApiPlugins {
  plugins: Plugin[]
  /** drop every cached response (after an ingest) */
  invalidateCache: () => void
  /** how many executions ran compiled */
  compiled: CompiledRuns
}

export function createPlugins(opts: PluginOptions): ApiPlugins {
  const { config } = opts
  const armor = new EnvelopArmor({
    maxDepth: { n: LIMITS.maxDepth },
    maxAliases: { n: LIMITS.maxAliases },
    maxTokens: { n: LIMITS.maxTokens },
    maxDirectives: { n: LIMITS.maxDirectives },
    costLimit: { maxCost: LIMITS.maxCost },
    blockFieldSuggestion: { enabled: !config.introspection },
  })
  const cache = useResultCache({ ttlMs: opts.responseCacheTtlMs })
  const compiled: CompiledRuns = { runs: 0 }
  const plugins: Plugin[] = [
    useHealth({ probe: opts.probe, browserDir: opts.browserDir }),
    useBodyLimit(LIMITS.maxBodyBytes),
    ...(armor.protect().plugins as Plugin[]),
    useAnswerBudget(),
    useCompiledRepeats(opts.compile, compiled),
    ...(config.introspection ? [] : [useNoIntrospection(), useNoSuggestions()]),
    useIngestToken(config.ingestToken) as Plugin,
    ...(opts.responseCacheTtlMs > 0 ? [cache.plugin] : []),
  ]
  return { plugins, invalidateCache: cache.invalidate, compiled }
}
