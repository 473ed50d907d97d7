// Which country a place of an article lies in, where the article or the gazetteer says so:
// a capital city ("Kyiv" -> Ukraine), "Place, Country" ("Kursk, Russia") and "Country's Place"
// ("Russia's Kursk region"). One country per place per article: the one with most evidence.
import type { Entity, ExtractedArticle } from '../extract/types.ts'
import { CAPITALS, countryName } from '../extract/lexicon/countries.ts'

export interface PlaceInCountry {
  placeId: string
  countryId: string
  countryName: string
}

const COMMA_BETWEEN = /^\s*,\s*$/
const POSSESSIVE_BETWEEN = /^['’]s\s+$/

export function placesInCountries(x: ExtractedArticle, text: string): PlaceInCountry[] {
  const places = x.entities.filter((e) => e.type === 'Place')
  if (!places.length) return []
  const countryMentions = x.entities
    .filter((e) => e.type === 'Country')
    .flatMap((e) => e.mentions.filter((m) => m.kind === 'name').map((m) => ({ id: e.id, start: m.start, end: m.end })))
    .sort((a, b) => a.start - b.start)

  const out: PlaceInCountry[] = []
  for (const place of places) {
    const votes = new Map<string, number>()
    const vote = (id: string, w: number): void => void votes.set(id, (votes.get(id) ?? 0) + w)
    const capital = capitalOf(place)
    if (capital) vote(`country:${capital}`, 1)
    for (const m of place.mentions) {
      if (m.kind !== 'name') continue
      for (const c of countryMentions) {
        if (c.start >= m.end && c.start - m.end <= 3 && COMMA_BETWEEN.test(text.slice(m.end, c.start))) vote(c.id, 2)
        if (c.end <= m.start && m.start - c.end <= 3 && POSSESSIVE_BETWEEN.test(text.slice(c.end, m.start))) vote(c.id, 2)
      }
    }
    let best: string | null = null
    for (const [id, n] of votes) if (best === null || n > votes.get(best)! || (n === votes.get(best)! && id < best)) best = id
    if (best) out.push({ placeId: place.id, countryId: best, countryName: countryName(best.slice('country:'.length)) })
  }
  return out
}

function capitalOf(place: Entity): string | undefined {
  for (const n of [place.name, ...place.aliases]) {
    const code = CAPITALS.get(n.toLowerCase())
    if (code) return code
  }
  return undefined
}
