// The row shapes the read queries (read.ts) return, and what the GraphQL resolvers are typed with.
import type { ArticleMeta } from '../extract/types.ts'

export type EntityTypeName = 'Person' | 'Organisation' | 'Country' | 'Place'

export interface EntityRow {
  id: string
  /** present when the query read it with the entity (SEARCH): the writers' counter (aggregates.ts) */
  mentionCount?: number
  name: string
  type: EntityTypeName
  aliases: string[]
  /** ids of the name forms merged into the entity (resolve.ts) */
  mergedIds: string[]
  iso2: string | null
  iso3: string | null
}

/** An article as the API reads it: the extraction's metadata plus the input it came from. */
export interface ArticleRow extends ArticleMeta {
  source: string | null
}

export interface QuoteRow {
  id: string
  /** present when the query was asked for them (QuoteParts): the quote's article, subjects and speaker, read with it */
  article?: ArticleRow | null
  about?: EntityRow[]
  speaker?: EntityRow | null
  text: string
  start: number | null
  end: number | null
  kind: 'direct' | 'mixed' | 'indirect'
  /** offsets of the quoted fragments in the article text (parallel lists; empty for indirect) */
  fragmentStarts: number[]
  fragmentEnds: number[]
  cue: string | null
  sentiment: number | null
  speakerName: string | null
  sentence: string | null
  publishedAt: string | null
  articleId: string
  speakerId: string | null
  aboutIds: string[]
}

export interface RelationRow {
  type: string
  source: EntityRow
  target: EntityRow
  evidence: string | null
  start: number | null
  end: number | null
  articleId: string | null
}

export interface RoleRow {
  person: EntityRow
  title: string
  organisation: EntityRow | null
  articleId: string | null
}

export interface RelatedRow {
  /** the entity whose neighbour this is */
  fromId: string
  entity: EntityRow
  weight: number
  /** the articles that mention both, when the pair's RELATED_WEIGHT keeps it (both ends big: co-mentions.ts), else null */
  coMentions: number | null
  relations: RelationRow[]
}

export interface ArticleMentionRow {
  entity: EntityRow
  count: number
  starts: number[]
  ends: number[]
}

export interface SpeakerQuotesRow {
  speaker: EntityRow | null
  speakerName: string | null
  count: number
  quotes: QuoteRow[]
}

export interface PathStepRow {
  from: EntityRow
  to: EntityRow
  kind: string
  label: string | null
  evidence: string | null
  articleId: string | null
}

export interface StatsRow {
  articles: number
  people: number
  organisations: number
  countries: number
  places: number
  quotes: number
  relations: number
}

export interface Page<T> {
  rows: T[]
  total: number
}
