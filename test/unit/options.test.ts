// The number options of the commands and scripts (src/cli/options.ts): what each takes and how it refuses.
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { intOption, portOption, positiveNumber } from '../../src/cli/options.ts'

/** parses argv with one option and returns its value, or the refusal commander would print */
function parse(flag: string, parser: (v: string) => number, argv: string[]): number | string {
  const cmd = new Command().exitOverride().configureOutput({ writeErr: () => undefined }).option(`${flag} <v>`, 'a number', parser)
  try {
    cmd.parse(argv, { from: 'user' })
    return cmd.opts()[flag.slice(2)] as number
  } catch (err) {
    return (err as Error).message
  }
}

describe('number options', () => {
  it('intOption takes whole numbers from its minimum and names the bound when it refuses', () => {
    expect(parse('--n', intOption(1), ['--n', '7'])).toBe(7)
    expect(parse('--n', intOption(0), ['--n', '0'])).toBe(0)
    expect(parse('--n', intOption(1), ['--n', '0'])).toBe("error: option '--n <v>' argument '0' is invalid. expected an integer >= 1")
    for (const bad of ['1.5', 'ten', '', '-3']) expect(parse('--n', intOption(1), ['--n', bad])).toMatch(/is invalid\. expected an integer >= 1$/)
  })

  it('portOption takes 1-65535 only', () => {
    expect(parse('--port', portOption, ['--port', '7687'])).toBe(7687)
    expect(parse('--port', portOption, ['--port', '65536'])).toMatch(/expected an integer from 1 to 65535$/)
    expect(parse('--port', portOption, ['--port', '0'])).toMatch(/expected an integer from 1 to 65535$/)
  })

  it('positiveNumber takes fractions above 0', () => {
    expect(parse('--mb', positiveNumber, ['--mb', '0.5'])).toBe(0.5)
    for (const bad of ['0', '-1', 'x', 'Infinity']) expect(parse('--mb', positiveNumber, ['--mb', bad])).toMatch(/expected a number above 0$/)
  })
})
