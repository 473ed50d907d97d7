// The local Neo4j's heap and page cache when the user-facing starts choose them (scripts/neo4j.ts neo4jMemory):
// pure, from the environment and the machine's memory; no Neo4j is started.
import { describe, expect, it } from 'vitest'
import { LauncherError, neo4jMemory, parseSize } from '../../scripts/neo4j.ts'

const GB = 1024 ** 3

describe("the local Neo4j's memory (neo4j:start, npm start, the demo)", () => {
  it('takes an eighth of the machine for the heap and a quarter for the page cache', () => {
    expect(neo4jMemory({}, 24 * GB)).toMatchObject({ heap: '3g', pageCache: '6g' })
    expect(neo4jMemory({}, 64 * GB)).toMatchObject({ heap: '8g', pageCache: '16g' })
  })

  it('keeps at least 512 MB each on a small machine and caps the heap at 8 GB and the page cache at 32 GB', () => {
    expect(neo4jMemory({}, 2 * GB)).toMatchObject({ heap: '512m', pageCache: '512m' })
    expect(neo4jMemory({}, 512 * GB)).toMatchObject({ heap: '8g', pageCache: '32g' })
  })

  it('follows NEO4J_HEAP_SIZE and NEO4J_PAGECACHE_SIZE, each on its own', () => {
    expect(neo4jMemory({ NEO4J_HEAP_SIZE: '4G', NEO4J_PAGECACHE_SIZE: '12g' }, 24 * GB)).toMatchObject({ heap: '4g', pageCache: '12g' })
    const only = neo4jMemory({ NEO4J_PAGECACHE_SIZE: '10g' }, 24 * GB)
    expect(only).toMatchObject({ heap: '3g', pageCache: '10g' })
    expect(only.why).toMatch(/page cache from NEO4J_PAGECACHE_SIZE/)
  })

  it('refuses a setting that is not a size, naming the variable', () => {
    expect(() => neo4jMemory({ NEO4J_HEAP_SIZE: 'lots' })).toThrow(LauncherError)
    expect(() => neo4jMemory({ NEO4J_HEAP_SIZE: 'lots' })).toThrow(/NEO4J_HEAP_SIZE/)
    expect(() => neo4jMemory({ NEO4J_PAGECACHE_SIZE: '1m' })).toThrow(/NEO4J_PAGECACHE_SIZE.*at least 64m/)
    expect(parseSize('1.5g')).toBeNull()
    expect(parseSize('768m')).toBe(768 * 1024 * 1024)
  })
})
