// splitStatements: how src/graph/migrate.ts cuts a Cypher script into statements (no database).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SCHEMA_FILE, splitStatements } from '../../src/graph/migrate.ts'

describe('splitStatements', () => {
  it('splits on semicolons and drops comments and blank statements', () => {
    const script = `// header comment; with a semicolon
CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);

/* block; comment */ CREATE INDEX b IF NOT EXISTS
  FOR (n:B) ON (n.y);   // trailing; comment
;;
`
    expect(splitStatements(script)).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)',
      'CREATE INDEX b IF NOT EXISTS\n  FOR (n:B) ON (n.y)',
    ])
  })

  it('keeps semicolons and comment marks inside strings and quoted names', () => {
    const script = `RETURN 'a;b' AS x, "c // d" AS y, \`e;f\` AS z; RETURN 'it\\'s; fine'`
    expect(splitStatements(script)).toEqual([`RETURN 'a;b' AS x, "c // d" AS y, \`e;f\` AS z`, `RETURN 'it\\'s; fine'`])
  })

  it('takes a last statement without a semicolon', () => {
    expect(splitStatements('RETURN 1;\nRETURN 2')).toEqual(['RETURN 1', 'RETURN 2'])
  })

  it('refuses an unterminated string or comment instead of guessing', () => {
    expect(() => splitStatements("RETURN 'open")).toThrow(/unterminated ' quote/)
    expect(() => splitStatements('RETURN 1 /* open')).toThrow(/unterminated \/\* comment/)
  })

  it('finds one idempotent statement per line of schema/graph.cypher', () => {
    const statements = splitStatements(readFileSync(SCHEMA_FILE, 'utf8'))
    expect(statements.length).toBeGreaterThanOrEqual(15)
    for (const statement of statements) expect(statement).toMatch(/^CREATE .* IF NOT EXISTS |^DROP (CONSTRAINT|INDEX) \w+ IF EXISTS$/)
  })
})
