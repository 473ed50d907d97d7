// src/config.ts: the environment -> typed settings, with defaults that point at the local Neo4j.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'

describe('loadConfig', () => {
  it('defaults to the local Neo4j of `npm run neo4j:start`, without auth', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      neo4jUri: 'bolt://127.0.0.1:7687',
      neo4jLocal: true,
      neo4jUser: 'neo4j',
      neo4jPassword: '',
      neo4jDatabase: 'neo4j',
      port: 4000,
      ingestToken: null,
      corsOrigins: [],
      queryTimeoutMs: 5000,
      introspection: true,
    })
  })

  it('takes every setting from the given environment', () => {
    const config = loadConfig({
      NEO4J_URI: ' neo4j+s://example.databases.test ',
      NEO4J_USER: 'reader',
      NEO4J_PASSWORD: 's3cret',
      NEO4J_DATABASE: 'news',
      PORT: '8080',
      INGEST_TOKEN: ' tok ',
      CORS_ORIGINS: 'https://a.test, https://b.test,,',
      QUERY_TIMEOUT_MS: '250',
      GRAPHQL_INTROSPECTION: 'false',
    })
    expect(config).toEqual({
      neo4jUri: 'neo4j+s://example.databases.test',
      neo4jLocal: false,
      neo4jUser: 'reader',
      neo4jPassword: 's3cret',
      neo4jDatabase: 'news',
      port: 8080,
      ingestToken: 'tok',
      corsOrigins: ['https://a.test', 'https://b.test'],
      queryTimeoutMs: 250,
      introspection: false,
    })
  })

  it('treats an empty or blank NEO4J_URI as unset, so the local instance is used', () => {
    expect(loadConfig({ NEO4J_URI: '' })).toMatchObject({ neo4jUri: 'bolt://127.0.0.1:7687', neo4jLocal: true })
    expect(loadConfig({ NEO4J_URI: '   ' })).toMatchObject({ neo4jLocal: true })
  })

  it('rejects a port or timeout that is not a non-negative integer, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a non-negative integer, got "eighty"')
    expect(() => loadConfig({ PORT: '-1' })).toThrow(/^PORT must/)
    expect(() => loadConfig({ QUERY_TIMEOUT_MS: '1.5' })).toThrow(/^QUERY_TIMEOUT_MS must/)
  })

  it('reads only the environment it is given', () => {
    const saved = process.env.PORT
    process.env.PORT = '1234'
    try {
      expect(loadConfig({}).port).toBe(4000)
    } finally {
      if (saved === undefined) delete process.env.PORT
      else process.env.PORT = saved
    }
  })

  it('agrees with .env.example, whose values are the defaults', () => {
    // a setting is either given its default (KEY=value) or documented and left unset (# KEY=value)
    const example: Record<string, string> = {}
    const documented: string[] = []
    for (const line of readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n')) {
      const m = /^(#\s*)?([A-Z0-9_]+)=(.*)$/.exec(line.trim())
      if (!m) continue
      documented.push(m[2])
      if (!m[1]) example[m[2]] = m[3]
    }
    const read = ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE', 'PORT', 'INGEST_TOKEN', 'CORS_ORIGINS', 'QUERY_TIMEOUT_MS', 'GRAPHQL_INTROSPECTION']
    expect(documented).toEqual(expect.arrayContaining(read))
    // NEO4J_URI stays unset there: setting it tells npm start and the demo not to run the local Neo4j
    expect(example.NEO4J_URI).toBeUndefined()
    expect(loadConfig(example)).toEqual(loadConfig({}))
  })
})
