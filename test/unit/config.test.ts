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
      host: '127.0.0.1',
      responseCacheMs: 5000,
    })
  })

  it("the reading view's Neo4j Browser links follow NEO4J_HTTP_PORT, or NEO4J_BROWSER_URL when set", () => {
    expect(loadConfig({}).neo4jBrowserUrl).toBe('http://localhost:7474')
    expect(loadConfig({ NEO4J_HTTP_PORT: '7475' }).neo4jBrowserUrl).toBe('http://localhost:7475')
    expect(loadConfig({ NEO4J_HTTP_PORT: '7475', NEO4J_BROWSER_URL: 'https://graph.example.test' }).neo4jBrowserUrl).toBe('https://graph.example.test')
    expect(() => loadConfig({ NEO4J_HTTP_PORT: 'http' })).toThrow(/NEO4J_HTTP_PORT/)
  })

  it('without NEO4J_URI, points at the local instance on NEO4J_BOLT_PORT (as the launcher starts it), so ingest finds it', () => {
    expect(loadConfig({ NEO4J_BOLT_PORT: '7688' })).toMatchObject({ neo4jUri: 'bolt://127.0.0.1:7688', neo4jLocal: true })
    expect(loadConfig({ NEO4J_BOLT_PORT: '7688', NEO4J_URI: 'bolt://db.test:7687' }).neo4jUri).toBe('bolt://db.test:7687')
    expect(() => loadConfig({ NEO4J_BOLT_PORT: 'seven' })).toThrow(/NEO4J_BOLT_PORT/)
  })

  it('takes every setting from the given environment', () => {
    const config = loadConfig({
      NEO4J_URI: ' neo4j+s://example.databases.test ',
      NEO4J_USER: 'reader',
      NEO4J_PASSWORD: 's3cret',
      NEO4J_DATABASE: 'news',
      PORT: '8080',
      INGEST_TOKEN: ' tok-0123456789abcdef ',
      CORS_ORIGINS: 'https://a.test, https://b.test,,',
      QUERY_TIMEOUT_MS: '250',
      GRAPHQL_INTROSPECTION: 'false',
      HOST: '0.0.0.0',
      RESPONSE_CACHE_MS: '0',
      NEO4J_BROWSER_URL: 'https://graph.example.test',
    })
    expect(config).toEqual({
      neo4jUri: 'neo4j+s://example.databases.test',
      neo4jLocal: false,
      neo4jUser: 'reader',
      neo4jPassword: 's3cret',
      neo4jDatabase: 'news',
      port: 8080,
      ingestToken: 'tok-0123456789abcdef',
      corsOrigins: ['https://a.test', 'https://b.test'],
      queryTimeoutMs: 250,
      introspection: false,
      host: '0.0.0.0',
      responseCacheMs: 0,
      neo4jBrowserUrl: 'https://graph.example.test',
    })
  })

  it('D10: reads GRAPHQL_INTROSPECTION strictly: true/false/1/0/yes/no/on/off in any case, anything else an error naming it', () => {
    for (const off of ['false', 'False', 'FALSE', '0', 'no', 'No', 'off', 'OFF', ' off ']) {
      expect(loadConfig({ GRAPHQL_INTROSPECTION: off }).introspection, off).toBe(false)
    }
    for (const on of ['true', 'True', '1', 'yes', 'YES', 'on', 'On', '']) {
      expect(loadConfig({ GRAPHQL_INTROSPECTION: on }).introspection, on).toBe(true)
    }
    for (const bad of ['flase', 'disabled', 'nope', '2', 'f']) {
      expect(() => loadConfig({ GRAPHQL_INTROSPECTION: bad }), bad).toThrow(`GRAPHQL_INTROSPECTION must be true or false (also 1/0, yes/no, on/off), got "${bad}"`)
    }
  })

  it('refuses an INGEST_TOKEN shorter than 16 characters, saying how long it must be', () => {
    expect(() => loadConfig({ INGEST_TOKEN: 'secret' })).toThrow('INGEST_TOKEN must be at least 16 characters (it is 6)')
    expect(() => loadConfig({ INGEST_TOKEN: ' 123456789012345 ' })).toThrow(/^INGEST_TOKEN must be at least 16/)
    expect(loadConfig({ INGEST_TOKEN: '1234567890123456' }).ingestToken).toBe('1234567890123456')
    expect(loadConfig({ INGEST_TOKEN: '   ' }).ingestToken).toBeNull()
  })

  it('listens on 127.0.0.1 unless HOST says otherwise; RESPONSE_CACHE_MS is a non-negative integer', () => {
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1')
    expect(loadConfig({ HOST: ' :: ' }).host).toBe('::')
    expect(loadConfig({ RESPONSE_CACHE_MS: '250' }).responseCacheMs).toBe(250)
    expect(() => loadConfig({ RESPONSE_CACHE_MS: '-5' })).toThrow(/^RESPONSE_CACHE_MS must be a non-negative integer/)
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

  it('rejects a port outside 1-65535, naming the variable; PORT=0 asks for any free port', () => {
    expect(() => loadConfig({ NEO4J_BOLT_PORT: '99999' })).toThrow('NEO4J_BOLT_PORT must be a port from 1 to 65535, got "99999"')
    expect(() => loadConfig({ NEO4J_BOLT_PORT: '0' })).toThrow(/^NEO4J_BOLT_PORT must be a port/)
    expect(() => loadConfig({ NEO4J_HTTP_PORT: '70000' })).toThrow(/^NEO4J_HTTP_PORT must be a port/)
    expect(() => loadConfig({ PORT: '65536' })).toThrow('PORT must be a port from 0 to 65535, got "65536"')
    expect(loadConfig({ PORT: '0' }).port).toBe(0)
    expect(loadConfig({ NEO4J_BOLT_PORT: '65535' }).neo4jUri).toBe('bolt://127.0.0.1:65535')
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
    const read = ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE', 'PORT', 'INGEST_TOKEN', 'CORS_ORIGINS', 'QUERY_TIMEOUT_MS', 'GRAPHQL_INTROSPECTION', 'HOST', 'RESPONSE_CACHE_MS']
    expect(documented).toEqual(expect.arrayContaining(read))
    // NEO4J_URI stays unset there: setting it tells npm start and the demo not to run the local Neo4j
    expect(example.NEO4J_URI).toBeUndefined()
    expect(loadConfig(example)).toEqual(loadConfig({}))
  })
})
