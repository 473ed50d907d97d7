// Lines and blank-line-separated blocks of a text, with their character offsets (end exclusive, newline excluded).

export interface Line {
  text: string
  start: number
  end: number
}

/** The lines of text[from, to), each trimmed of surrounding spaces (offsets follow the trimmed text). */
export function linesOf(text: string, from = 0, to = text.length): Line[] {
  const out: Line[] = []
  let i = from
  while (i <= to) {
    let j = text.indexOf('\n', i)
    if (j < 0 || j > to) j = to
    let a = i
    let b = j
    while (a < b && /\s/.test(text[a])) a++
    while (b > a && /\s/.test(text[b - 1])) b--
    out.push({ text: text.slice(a, b), start: a, end: b })
    if (j >= to) break
    i = j + 1
  }
  return out
}

/** Consecutive non-blank lines grouped into blocks (paragraphs). */
export function blocksOf(lines: Line[]): Line[][] {
  const blocks: Line[][] = []
  let current: Line[] = []
  for (const line of lines) {
    if (line.text === '') {
      if (current.length) blocks.push(current)
      current = []
    } else current.push(line)
  }
  if (current.length) blocks.push(current)
  return blocks
}

/** Name-like pieces of a byline ("By A, B and C") with their offsets. */
export function splitNames(line: Line): Line[] {
  const out: Line[] = []
  const prefix = /^(?:by|words by|reporting by)\s+/i.exec(line.text)
  const from = prefix ? prefix[0].length : 0
  const sep = /\s*(?:,|&|;|\band\b)\s*/gi
  sep.lastIndex = from
  let at = from
  const push = (a: number, b: number) => {
    const piece = line.text.slice(a, b).trim()
    if (piece) {
      const lead = line.text.slice(a, b).indexOf(piece)
      out.push({ text: piece, start: line.start + a + lead, end: line.start + a + lead + piece.length })
    }
  }
  for (let m = sep.exec(line.text); m; m = sep.exec(line.text)) {
    if (m[0].length === 0) {
      sep.lastIndex++
      continue
    }
    push(at, m.index)
    at = m.index + m[0].length
  }
  push(at, line.text.length)
  return out
}
