// The article's authors as Person entities, for (:Person)-[:WROTE]->(:Article): the Person of the
// article whose name or alias is the byline name (the readers give byline names as spans, so they
// are usually entities already), else a Person made from the name with the extraction's id rule.
import { entityId } from '../extract/entities.ts'
import type { ExtractedArticle } from '../extract/types.ts'

export interface Author {
  id: string
  name: string
}

function key(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

export function authorsOf(x: ExtractedArticle): Author[] {
  const people = new Map<string, string>()
  for (const e of x.entities) if (e.type === 'Person') for (const n of [e.name, ...e.aliases]) if (!people.has(key(n))) people.set(key(n), e.id)
  const out: Author[] = []
  for (const name of x.article.authors) {
    const clean = name.trim()
    if (!clean || !/\p{L}/u.test(clean)) continue
    const id = people.get(key(clean)) ?? entityId('Person', clean)
    if (!out.some((a) => a.id === id)) out.push({ id, name: clean })
  }
  return out
}
