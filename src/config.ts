// Every setting of the service, read from the environment in one place.
// Defaults point at the local Neo4j that `npm run neo4j:start` runs.
import { existsSync } from 'node:fs'

if (existsSync('.env') && typeof process.loadEnvFile === 'function') process.loadEnvFile('.env')

export interface Config {
  neo4jUri: string
  /** true when NEO4J_URI was not set: the local instance is ours to start */
  neo4jLocal: boolean
  neo4jUser: string
  neo4jPassword: string
  neo4jDatabase: string
  port: number
  /** when set, the ingestArticle mutation is enabled and requires it as a bearer token */
  ingestToken: string | null
  /** allowed CORS origins; empty means any */
  corsOrigins: string[]
  /** per-query transaction timeout in milliseconds */
  queryTimeoutMs: number
  /** allow schema introspection (GraphiQL needs it); off also turns off "Did you mean" suggestions */
  introspection: boolean
  /** the interface the API listens on (default 127.0.0.1; the Docker image sets 0.0.0.0) */
  host: string
  /** how long read responses are cached, in ms; 0 turns the cache off */
  responseCacheMs: number
  /** Neo4j Browser's address, for the reading view's links (NEO4J_BROWSER_URL, else http://localhost:<NEO4J_HTTP_PORT or 7474>) */
  neo4jBrowserUrl: string
}

/** the shortest INGEST_TOKEN accepted: a bearer token guessable in a few tries is no lock */
export const MIN_INGEST_TOKEN_LENGTH = 16

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'off'])

/** true/false, 1/0, yes/no, on/off in any case; anything else is an error naming the variable */
export function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const v = raw.trim().toLowerCase()
  if (TRUE_WORDS.has(v)) return true
  if (FALSE_WORDS.has(v)) return false
  throw new Error(`${name} must be true or false (also 1/0, yes/no, on/off), got "${raw}"`)
}

function ingestToken(env: NodeJS.ProcessEnv): string | null {
  const token = env.INGEST_TOKEN?.trim() || null
  if (token !== null && token.length < MIN_INGEST_TOKEN_LENGTH) {
    throw new Error(
      `INGEST_TOKEN must be at least ${MIN_INGEST_TOKEN_LENGTH} characters (it is ${token.length}); generate one with: openssl rand -hex 24`,
    )
  }
  return token
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  return n
}

/** A TCP port setting: 1-65535, or with `anyFree` also 0 (the system picks a free port). */
function port(env: NodeJS.ProcessEnv, name: string, fallback: number, anyFree = false): number {
  const n = int(env, name, fallback)
  if (n > 65535 || (n === 0 && !anyFree)) throw new Error(`${name} must be a port from ${anyFree ? 0 : 1} to 65535, got "${env[name]}"`)
  return n
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const uri = env.NEO4J_URI?.trim()
  return {
    // unset: the local instance, on NEO4J_BOLT_PORT like the launcher (scripts/neo4j.ts), so ingest finds it too
    neo4jUri: uri || `bolt://127.0.0.1:${port(env, 'NEO4J_BOLT_PORT', 7687)}`,
    neo4jLocal: !uri,
    neo4jUser: env.NEO4J_USER || 'neo4j',
    neo4jPassword: env.NEO4J_PASSWORD ?? '',
    neo4jDatabase: env.NEO4J_DATABASE || 'neo4j',
    port: port(env, 'PORT', 4000, true), // 0: any free port (the tests' servers)
    ingestToken: ingestToken(env),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    queryTimeoutMs: int(env, 'QUERY_TIMEOUT_MS', 5000),
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', true),
    host: env.HOST?.trim() || '127.0.0.1',
    responseCacheMs: int(env, 'RESPONSE_CACHE_MS', 5000),
    neo4jBrowserUrl: env.NEO4J_BROWSER_URL?.trim() || `http://localhost:${port(env, 'NEO4J_HTTP_PORT', 7474)}`,
  }
}

