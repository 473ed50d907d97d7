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
  /** allow schema introspection (GraphiQL needs it) */
  introspection: boolean
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  return n
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const uri = env.NEO4J_URI?.trim()
  return {
    neo4jUri: uri || 'bolt://127.0.0.1:7687',
    neo4jLocal: !uri,
    neo4jUser: env.NEO4J_USER || 'neo4j',
    neo4jPassword: env.NEO4J_PASSWORD ?? '',
    neo4jDatabase: env.NEO4J_DATABASE || 'neo4j',
    port: int(env, 'PORT', 4000),
    ingestToken: env.INGEST_TOKEN?.trim() || null,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    queryTimeoutMs: int(env, 'QUERY_TIMEOUT_MS', 5000),
    introspection: env.GRAPHQL_INTROSPECTION !== 'false',
  }
}

export const config = loadConfig()
