// Text as the stages match it, with a map back to the text as read. Invisible characters and look-alikes
// broke names: a soft hyphen (&shy;), a zero-width space or joiner, or a bidi control inside a name cut it
// in two ("Ardan Ves" for "Ardan Ves<SHY>ko"), and a fullwidth or Cyrillic letter in a Latin name was cut
// off ("Ardan Ｖesko", "Ardan Вesko" -> "Ardan"). For matching, the text is normalised one code point at a
// time, so every character of the result comes from exactly one of the original:
//   - default-ignorable code points (soft hyphen, zero-width characters, bidi controls, variation selectors)
//     are removed;
//   - compatibility forms (fullwidth and halfwidth forms, Latin ligatures, mathematical letters) take their
//     NFKC form;
//   - a Cyrillic or Greek letter that looks like a Latin one, inside a word that also holds Latin letters,
//     becomes that Latin letter (a word wholly in Cyrillic or Greek is left as it is).
// Offsets found in the normalised text map back with `start`/`end`, so everything the pipeline reports
// still indexes the text as read.

export interface Normalised {
  /** the text for matching */
  text: string
  /** for each UTF-16 unit of `text` (and one past its end), the offset in the original of the code point it came from */
  start: Int32Array
  /** for each UTF-16 unit of `text`, the offset just past the original code point it came from */
  end: Int32Array
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u
/** blocks whose characters take their NFKC form: fullwidth/halfwidth forms, Latin ligatures, mathematical alphanumerics */
const COMPAT = /[\uFF00-\uFFEF\uFB00-\uFB06\u{1D400}-\u{1D7FF}]/u
const LATIN = /\p{Script=Latin}/u

/** Cyrillic and Greek letters drawn like Latin ones */
const CONFUSABLE: Record<string, string> = {
  // Cyrillic
  А: 'A', В: 'B', Е: 'E', З: '3', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', ο: 'o', ν: 'v',
}

/** The text for matching and its map to `text`; null when nothing in it needs normalising (the common case). */
export function normaliseForMatching(text: string): Normalised | null {
  if (!/[\p{Default_Ignorable_Code_Point}\uFF00-\uFFEF\uFB00-\uFB06\u{1D400}-\u{1D7FF}\u0370-\u03FF\u0400-\u052F]/u.test(text)) return null
  const out: string[] = []
  const start: number[] = []
  const end: number[] = []
  const emit = (s: string, from: number, to: number) => {
    out.push(s)
    for (let k = 0; k < s.length; k++) {
      start.push(from)
      end.push(to)
    }
  }
  let changed = false
  let i = 0
  while (i < text.length) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) {
      // ASCII: nothing to normalise, no regex
      out.push(text[i])
      start.push(i)
      end.push(i + 1)
      i++
      continue
    }
    const cp = text.codePointAt(i)!
    const ch = String.fromCodePoint(cp)
    const next = i + ch.length
    if (IGNORABLE.test(ch)) changed = true
    else if (COMPAT.test(ch)) {
      const n = ch.normalize('NFKC')
      changed ||= n !== ch
      emit(n, i, next)
    } else if (CONFUSABLE[ch] && mixedWord(text, i, next)) {
      changed = true
      emit(CONFUSABLE[ch], i, next)
    } else emit(ch, i, next)
    i = next
  }
  if (!changed) return null
  start.push(text.length)
  return { text: out.join(''), start: Int32Array.from(start), end: Int32Array.from(end) }
}

/** whether the word around text[from, to) holds a Latin letter (ignorable characters do not end a word) */
function mixedWord(text: string, from: number, to: number): boolean {
  const inWord = (c: string) => /[\p{L}\p{M}]/u.test(c) || IGNORABLE.test(c)
  for (let k = from - 1; k >= 0 && inWord(text[k]); k--) if (LATIN.test(text[k])) return true
  for (let k = to; k < text.length && inWord(text[k]); k++) if (LATIN.test(text[k])) return true
  return false
}

/** A span of the original text as the stages match it (a name's text, without its invisible characters). */
export function matchingText(original: string): string {
  return normaliseForMatching(original)?.text ?? original
}
