// What every resolver receives: the read executor, this request's DataLoaders, and the ingestion
// hook (null when INGEST_TOKEN is unset) with whether this request proved the token.
import type { ReadExecutor } from '../graph/read.ts'
import type { Loaders } from './loaders.ts'

export interface IngestArticleInput {
  text: string
  title?: string | null
  url?: string | null
  publishedAt?: string | null
  authors?: string[] | null
  dateline?: string | null
  publisher?: string | null
  source?: string | null
}

export interface IngestResultModel {
  articleId: string
  status: 'new' | 'updated' | 'unchanged'
  entities: number
  quotes: number
  relations: number
}

/** extract and store one article with the same pipeline as the CLI */
import type { CurationFns } from './curation.ts'

export type IngestFn = (input: IngestArticleInput) => Promise<IngestResultModel>

export interface ApiContext {
  db: ReadExecutor
  loaders: Loaders
  ingest: IngestFn | null
  /** the curation mutations (null when INGEST_TOKEN is unset, like ingest) */
  curate?: CurationFns | null
  /** set by the ingest-token plugin: the request carried `Authorization: Bearer <INGEST_TOKEN>` */
  ingestAuthorized?: boolean
  /** called after a successful ingest: drops cached read responses */
  afterIngest: () => void
}
