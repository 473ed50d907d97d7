// How planGroups reads a plan's groups from the real Neo4j (src/graph/plan.ts readGroupRecords): the records
// come a group at a time, and each group is announced complete after its last record and before the next
// group's first, so that the planner resolves it and lets its records go while the rest are read (a process
// new to a large graph read 2,176,900 records at once at 100,000 articles before: docs/memory.md).
import type { Driver } from 'neo4j-driver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readGroupRecords } from '../../src/graph/plan.ts'
import { openTestDriver, resetDatabase, testConfig } from '../support/neo4j.ts'

describe('reading the records of name groups', () => {
  let driver: Driver
  const database = testConfig().neo4jDatabase
  const GROUPS = ['valdane', 'orvane', 'brisket']

  beforeAll(async () => {
    driver = await openTestDriver()
    await resetDatabase(driver)
    // mentions written with their groups interleaved, so that the store's own order does not group them
    await driver.executeQuery(
      `UNWIND range(0, 59) AS i
       WITH i, $groups[i % 3] AS g
       MERGE (e:Entity {id: 'person:' + g})
       CREATE (a:Article {id: 'text:plan-read-' + i, publishedAt: date('2016-01-01') + duration({days: i})})
       CREATE (a)-[:MENTIONS {group: g, form: 'person:' + g, formName: g, formType: 'Person', count: 1, formAliases: []}]->(e)`,
      { groups: GROUPS },
      { database },
    )
  })
  afterAll(async () => {
    await driver?.close()
  })

  const read = (groups: string[], complete?: (g: string) => void) => {
    const events: string[] = []
    const session = driver.session({ database })
    const done = session
      .executeRead((tx) =>
        readGroupRecords(
          tx,
          groups,
          (g) => void events.push(`record ${g}`),
          (g) => {
            events.push(`complete ${g}`)
            complete?.(g)
          },
        ),
      )
      .finally(() => session.close())
    return { events, done }
  }

  it('gives each group its records together and announces it complete right after its last one', async () => {
    const { events, done } = read(GROUPS)
    expect(await done).toBe(60)
    const completed = events.filter((e) => e.startsWith('complete')).map((e) => e.slice('complete '.length))
    expect(completed.sort()).toEqual([...GROUPS].sort())
    // every record of a group comes before its completion, and none after it
    for (const g of GROUPS) {
      const at = events.indexOf(`complete ${g}`)
      expect(events.slice(0, at).filter((e) => e === `record ${g}`)).toHaveLength(20)
      expect(events.slice(at + 1).filter((e) => e === `record ${g}`)).toHaveLength(0)
      // and its completion comes right after its last record: the next event starts another group or ends the read
      expect(events[at - 1]).toBe(`record ${g}`)
    }
  })

  it('reads only the groups asked, and rejects with the error a completion threw', async () => {
    const { events, done } = read(['orvane', 'nobody'])
    expect(await done).toBe(20)
    expect(events.filter((e) => e.startsWith('complete'))).toEqual(['complete orvane'])
    const failing = read(GROUPS, (g) => {
      if (g === GROUPS.slice().sort()[0]) throw new Error(`cannot resolve ${g}`)
    })
    await expect(failing.done).rejects.toThrow(/cannot resolve brisket/)
  })
})
