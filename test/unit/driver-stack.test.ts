// patches/neo4j-driver-core+6.3.0.patch: every Result captured its caller's stack as text when it was
// made, so that a failed query's error points at the code that ran it. Under tsx (source maps on) the
// text costs a source-map lookup per frame on every query; the patch keeps the captured frames and
// makes the text only when the query fails.
import { createRequire } from 'node:module'
import { afterEach, describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const Result = require('neo4j-driver-core/lib/result.js').default

const original = Error.prepareStackTrace
afterEach(() => {
  Error.prepareStackTrace = original
})

/** an observer promise whose query fails with `error` once something subscribes */
const failing = (error: Error) => Promise.resolve({ subscribe: (o: { onError: (e: Error) => void }) => o.onError(error), cancel() {}, pause() {}, resume() {} })

describe("the patched driver's Result", () => {
  it('makes no stack text for a query that does not fail', () => {
    let formatted = 0
    Error.prepareStackTrace = (e, frames) => {
      formatted++
      return original ? original(e, frames) : `${String(e)}\n${frames.map((f) => `    at ${String(f)}`).join('\n')}`
    }
    for (let i = 0; i < 10; i++) new Result(new Promise(() => {}), 'RETURN 1', {})
    expect(formatted).toBe(0)
  })

  it("still gives a failed query's error the stack of the code that ran it", async () => {
    function askTheGraphSomething() {
      return new Result(failing(new Error('boom')), 'RETURN 1', {})
    }
    const error = await askTheGraphSomething().then(
      () => null,
      (e: Error) => e,
    )
    expect(error?.message).toBe('boom')
    expect(error?.stack).toMatch(/^Error: boom\n/)
    expect(error?.stack).toContain('askTheGraphSomething')
  })
})
