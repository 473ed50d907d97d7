// Parsers of the number options that the commands and the scripts share. Commander calls one with the
// option's text; an InvalidArgumentError becomes its usual refusal, naming the option and the value:
// "error: option '--batch-size <n>' argument '0' is invalid. expected an integer >= 1".
import { InvalidArgumentError } from 'commander'

/** an option that takes a whole number of at least `min` (and at most `max`) */
export function intOption(min: number, max?: number): (value: string) => number {
  return (value) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(max === undefined ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`)
    }
    return n
  }
}

/** an option that takes a TCP port */
export const portOption = intOption(1, 65535)

/** an option that takes a number above 0, fractions allowed */
export function positiveNumber(value: string): number {
  const n = Number(value)
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number above 0')
  return n
}
