// The one error type of the readers: an input that cannot be read, with the reason a person can act on.
// The CLI prints it as one line naming the file; the other inputs carry on.

export class InputError extends Error {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`${source}: ${reason}`)
    this.name = 'InputError'
  }
}
