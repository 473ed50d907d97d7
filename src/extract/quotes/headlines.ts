// Attributions in a news page's headline and standfirst: "North Korean troops arrive in Kursk, US
// says" and "Pentagon says about 2,000 soldiers are on their way". Headlines drop articles and use
// the present tense, so the body's cue search does not fit them; one line is read with two
// patterns, content then ", Speaker says", or "Speaker says" then content. The speaker is linked to
// the entity the body names the same way ("US" -> the United States the body calls "the US"), so
// the header's statements join the same speakers; header words never become mentions (the header
// lies outside the body).
import type { EntityLayer } from '../entities.ts'
import { CUE_FORMS, SPEECH_LEMMAS } from '../lexicon/cues.ts'
import type { Part } from './statements.ts'

/** a speaker phrase in a headline is short */
const MAX_SPEAKER_WORDS = 6

/** The attributions of header lines (character ranges of `text`), as statement parts. */
export function headlineParts(text: string, lines: { start: number; end: number }[], layer: EntityLayer): Part[] {
  const out: Part[] = []
  if (lines.length === 0) return out
  const byName = nameIndex(layer)
  for (const line of lines) {
    const s = text.slice(line.start, line.end)
    const words = [...s.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)]
    for (let w = 0; w < words.length; w++) {
      const form = words[w][0]
      const lemma = CUE_FORMS.get(form)
      if (lemma === undefined || !SPEECH_LEMMAS.has(lemma)) continue
      const cueAt = words[w].index
      const before = s.slice(0, cueAt).trimEnd()
      const after = s.slice(cueAt + form.length)
      const comma = before.lastIndexOf(',')
      let part: Part | null = null
      if (comma > 0 && /^[\s.!]*$/.test(after)) {
        // "…, US says"
        const speaker = before.slice(comma + 1).trim()
        const content = before.slice(0, comma).trim()
        if (isSpeakerPhrase(speaker) && content.length > 0) {
          const sp = line.start + before.indexOf(speaker, comma)
          const c0 = line.start + before.indexOf(content)
          part = make(c0, c0 + content.length, sp, sp + speaker.length, form, byName.get(key(speaker)) ?? null)
        }
      } else if (comma < 0 && isSpeakerPhrase(before)) {
        // "Pentagon says …"
        const content = after.replace(/^\s*(that\s+)?/, '').replace(/[\s.]+$/, '')
        if (content.split(/\s+/).length >= 3) {
          const c0 = line.start + cueAt + form.length + after.indexOf(content)
          const sp = line.start + s.indexOf(before)
          part = make(c0, c0 + content.length, sp, sp + before.length, form, byName.get(key(before)) ?? null)
        }
      }
      if (part !== null) out.push(part)
      break
    }
  }
  // each header statement is one of its own
  out.forEach((p, i) => (p.group = -2 - i))
  return out
}

function make(start: number, end: number, spStart: number, spEnd: number, cue: string, speakerId: string | null): Part {
  return { kind: 'indirect', start, end, cueToken: -1, cue: cue.toLowerCase(), speakerStart: spStart, speakerEnd: spEnd, speakerId, group: -2 }
}

/** a short capitalised phrase: "US", "Pentagon", "UN chief", "Biden aides" */
function isSpeakerPhrase(s: string): boolean {
  const words = s.split(/\s+/).filter((w) => w !== '')
  return words.length > 0 && words.length <= MAX_SPEAKER_WORDS && /^\p{Lu}/u.test(words[0]) && !/[.!?:;"“”]/.test(s)
}

const key = (s: string): string => s.toLowerCase().replace(/^the\s+/, '').replace(/[.’']/g, '').trim()

/** name form (lower case, no leading "the", no dots) -> entity id, from every entity's name, aliases and named mentions */
function nameIndex(layer: EntityLayer): Map<string, string> {
  const m = new Map<string, string>()
  for (const e of layer.entities) {
    for (const form of [e.name, ...e.aliases, ...e.mentions.filter((x) => x.kind === 'name').map((x) => x.text)]) {
      const k = key(form)
      if (k !== '' && !m.has(k)) m.set(k, e.id)
    }
  }
  return m
}
