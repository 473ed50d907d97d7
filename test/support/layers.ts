// The entity layer of a short text, as the name tests read it (test/unit/names*.test.ts): the whole text in range.
import { analyse } from '../../src/extract/nlp.ts'
import { findEntities, type EntityLayer } from '../../src/extract/entities.ts'

export function layerOf(text: string): EntityLayer {
  return findEntities(analyse(text), [{ start: 0, end: text.length }])
}
/** the entities' ids, sorted */
export const idsOf = (l: EntityLayer): string[] => l.entities.map((e) => e.id).sort()
/** the texts of an entity's mentions, in text order (none when the layer has no such entity) */
export const textsOf = (l: EntityLayer, id: string): string[] => l.byId.get(id)?.mentions.map((m) => m.text) ?? []
/** the names of the Person entities, sorted */
export const people = (l: EntityLayer): string[] => l.entities.filter((e) => e.type === 'Person').map((e) => e.name).sort()
