// Human-readable output of the commands. A file name (or any text from an input) may hold a newline or
// another control character: printed raw it could forge a second "error:" line, move the cursor or flip
// the direction of the rest of the line. Every such character is shown as an escape instead.

/** C0 and C1 controls, DEL, line/paragraph separators and the bidi embedding, override and isolate marks */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** text with every control character escaped (\n, \r, \t, else \xNN or \uNNNN), printable on one line */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
}

/** one line "error: <message>" for stderr, the message escaped */
export function errorLine(message: string): string {
  return `error: ${escapeControls(message)}\n`
}
