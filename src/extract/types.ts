// The contract of the extraction pipeline: what `extractArticle` returns and `extract` prints.
// schema/extraction.schema.json documents the same shape for consumers outside TypeScript.

export type EntityType = 'Person' | 'Organisation' | 'Country' | 'Place'
export type MentionKind = 'name' | 'demonym' | 'pronoun' | 'title'
/**
 * direct: all of the statement is inside quotation marks; mixed: reported words with quoted parts;
 * indirect: reported speech with nothing quoted.
 */
export type QuoteKind = 'direct' | 'mixed' | 'indirect'

export interface ArticleMeta {
  /** the article's stable id: derived from its URL when it has one, else from a hash of its text */
  id: string
  title: string | null
  /** YYYY-MM-DD or null */
  publishedAt: string | null
  authors: string[]
  dateline: string | null
  publisher: string | null
  url: string | null
}

/** What a reader (src/extract/read) makes of one input: the full text as read and where the body lies in it. */
export interface ArticleInput {
  /** the full text of the input as read; every offset in the output indexes this string */
  text: string
  /** the body's character range in `text` (header lines of the news format lie outside it) */
  bodyStart: number
  bodyEnd: number
  meta: Omit<ArticleMeta, 'id'> & { id?: string }
  /**
   * Names the reader found in header lines outside the body, for the entity stage (findEntities' `extra`):
   * the byline's authors (Person) and the dateline city (Place). Offsets index `text`.
   */
  metaSpans?: { start: number; end: number; type: EntityType }[]
  /** the headline and standfirst (outside the body), where the format has them: the quote stage reads their attributions */
  headLines?: { start: number; end: number }[]
}

export interface Mention {
  start: number
  end: number
  text: string
  kind: MentionKind
  /**
   * Only where the name's own class differs from the entity's: a country's name standing for its national
   * team ("England beat Pakistan") is a Country's name, and its entity the team, an Organisation. (Named-entity
   * annotation such as CoNLL types the name; entity linking such as AIDA links the team.)
   */
  nameType?: EntityType
}

export interface Entity {
  id: string
  type: EntityType
  name: string
  aliases: string[]
  mentions: Mention[]
}

/** A quoted span inside a statement. */
export interface QuoteFragment {
  start: number
  end: number
  text: string
}

/**
 * One attributed statement: what one speaker said in one place, direct, mixed or reported.
 * `text` is the statement's extent (a direct statement split by its cue, "A," he said. "B.", keeps
 * the tag between its parts); `fragments` are the quoted spans inside it, in text order.
 * No two quotes of an article overlap.
 */
export interface Quote {
  id: string
  text: string
  start: number
  end: number
  kind: QuoteKind
  fragments: QuoteFragment[]
  cue: string | null
  speakerId: string | null
  speakerName: string | null
  speakerStart: number | null
  speakerEnd: number | null
  aboutIds: string[]
  /** wink-nlp sentiment, -1..1: the mean of wink's scores of the sentences the quote lies in */
  sentiment: number
  /** the sentence (or sentences) holding the quote: the evidence stored with it */
  sentence: { text: string; start: number; end: number }
}

export interface Role {
  personId: string
  title: string
  /** an Organisation or Country id, or null */
  orgId: string | null
}

export interface Relation {
  /** the linking verb's lemma where there is one (e.g. "send"), else "co_mention" style type */
  type: string
  sourceId: string
  targetId: string
  /** evidence: the sentence span */
  start: number
  end: number
}

export interface ExtractedArticle {
  source: string
  article: ArticleMeta
  entities: Entity[]
  quotes: Quote[]
  roles: Role[]
  relations: Relation[]
}
