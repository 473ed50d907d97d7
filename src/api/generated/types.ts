import type { GraphQLResolveInfo } from 'graphql';
import type { EntityRow, ArticleRow, QuoteRow, RelationRow, RoleRow, RelatedRow, ArticleMentionRow, SpeakerQuotesRow, PathStepRow, StatsRow } from '../../graph/read.ts';
import type { Connection } from '../connection.ts';
import type { IngestResultModel, ApiContext } from '../context.ts';
import type { DecisionResult, UndoResultModel, StoredDecision } from '../../graph/curation.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

export type Article = {
  __typename?: 'Article';
  authors: Array<Scalars['String']['output']>;
  dateline?: Maybe<Scalars['String']['output']>;
  /** The entities the article mentions, most mentioned first. */
  entities: Array<ArticleMention>;
  id: Scalars['ID']['output'];
  /** YYYY-MM-DD, when known. */
  publishedAt?: Maybe<Scalars['String']['output']>;
  publisher?: Maybe<Scalars['String']['output']>;
  /** The quotes in the article, in reading order. */
  quotes: Array<Quote>;
  /** The relations read from the article's sentences, in reading order. */
  relations: Array<Relation>;
  /** The input path the article was ingested from. */
  source?: Maybe<Scalars['String']['output']>;
  text?: Maybe<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  url?: Maybe<Scalars['String']['output']>;
};


export type ArticleEntitiesArgs = {
  types?: InputMaybe<Array<EntityType>>;
};

export type ArticleConnection = {
  __typename?: 'ArticleConnection';
  edges: Array<ArticleEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ArticleEdge = {
  __typename?: 'ArticleEdge';
  cursor: Scalars['String']['output'];
  node: Article;
};

/** Every field narrows the articles. */
export type ArticleFilter = {
  author?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD, inclusive */
  from?: InputMaybe<Scalars['String']['input']>;
  /** An entity the article mentions (id, name or alias). */
  mentions?: InputMaybe<Scalars['String']['input']>;
  publisher?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive substring of the title. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD, inclusive */
  to?: InputMaybe<Scalars['String']['input']>;
};

export type ArticleInput = {
  authors?: InputMaybe<Array<Scalars['String']['input']>>;
  dateline?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD */
  publishedAt?: InputMaybe<Scalars['String']['input']>;
  publisher?: InputMaybe<Scalars['String']['input']>;
  /** Where the text came from (a path or a label); defaults to `api`. */
  source?: InputMaybe<Scalars['String']['input']>;
  text: Scalars['String']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

/** An entity as mentioned in one article. */
export type ArticleMention = {
  __typename?: 'ArticleMention';
  count: Scalars['Int']['output'];
  entity: Entity;
  /** Where the article names the entity: character offsets in Article.text, in reading order. */
  spans: Array<TextSpan>;
};

export type Country = Entity & {
  __typename?: 'Country';
  aliases: Array<Scalars['String']['output']>;
  articles: ArticleConnection;
  id: Scalars['ID']['output'];
  iso2?: Maybe<Scalars['String']['output']>;
  iso3?: Maybe<Scalars['String']['output']>;
  mentionCount: Scalars['Int']['output'];
  mergedIds: Array<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  /** Places known to lie in the country. */
  places: Array<Place>;
  /** Statements attributed to the country ("Japan said ..."). */
  quotes: QuoteConnection;
  quotesAbout: QuoteConnection;
  related: Array<RelatedEntity>;
  type: EntityType;
};


export type CountryArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type CountryQuotesArgs = {
  about?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type CountryQuotesAboutArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  speaker?: InputMaybe<Scalars['String']['input']>;
};


export type CountryRelatedArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A curation decision about entity identity (kept in the graph; applied whenever its entities are resolved, so it survives re-ingestion and applies to articles ingested later). */
export type CurationDecision = {
  __typename?: 'CurationDecision';
  /** The entity or name form decided about: an entity id or a merged (form) id. */
  a: Scalars['String']['output'];
  /** The other entity of merge and distinct. */
  b?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['String']['output'];
  /** d1, d2, ... in the order decisions were made */
  id: Scalars['ID']['output'];
  /** merge, distinct, split or rename */
  kind: Scalars['String']['output'];
  /** The name of rename. */
  name?: Maybe<Scalars['String']['output']>;
};

export type CurationResult = {
  __typename?: 'CurationResult';
  decision: CurationDecision;
  /** Where `a` resolves now (null when it is not in the graph yet). */
  entity?: Maybe<Entity>;
  /** How many records (an article's name form) moved to another entity. */
  moved: Scalars['Int']['output'];
  /** Where `b` resolves now (merge, distinct). */
  other?: Maybe<Entity>;
  /** Decisions this one replaced (an earlier rename of the same entity). */
  replaced: Array<Scalars['ID']['output']>;
};

/** A person, organisation, country or place named in the news. */
export type Entity = {
  /** Other names the entity goes by in the articles (short forms, surnames, demonyms, the forms merged into it). */
  aliases: Array<Scalars['String']['output']>;
  /** The articles that mention the entity, newest first. */
  articles: ArticleConnection;
  /** Stable id: `country:<ISO alpha-2>` for countries (`country:GB-ENG`, `country:GB-SCT`, `country:GB-WLS`, `country:GB-NIR` for the nations of the United Kingdom), else `person:<key>`, `org:<key>`, `place:<key>`. */
  id: Scalars['ID']['output'];
  /** How many times the entity is mentioned over all articles. */
  mentionCount: Scalars['Int']['output'];
  /** Ids of the name forms merged into this entity (an id saved before a merge still finds it through `entity(id:)`). */
  mergedIds: Array<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  /** Quotes about the entity, newest first; `speaker` narrows them to one speaker (id, name or alias). */
  quotesAbout: QuoteConnection;
  /** Entities most connected to this one, weighted by co-mentions and relations, with evidence. */
  related: Array<RelatedEntity>;
  type: EntityType;
};


/** A person, organisation, country or place named in the news. */
export type EntityArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A person, organisation, country or place named in the news. */
export type EntityQuotesAboutArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  speaker?: InputMaybe<Scalars['String']['input']>;
};


/** A person, organisation, country or place named in the news. */
export type EntityRelatedArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The kind of a named entity. */
export type EntityType =
  | 'COUNTRY'
  | 'ORGANISATION'
  | 'PERSON'
  | 'PLACE';

export type IngestResult = {
  __typename?: 'IngestResult';
  article: Article;
  /** Entities, quotes and relations of the article as stored. */
  entities: Scalars['Int']['output'];
  quotes: Scalars['Int']['output'];
  relations: Scalars['Int']['output'];
  /** new, updated (its text changed: the old facts were replaced) or unchanged (same text, nothing written) */
  status: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Extract and store one article (the same pipeline as the CLI). Enabled only when the server has INGEST_TOKEN; send it as `Authorization: Bearer <token>`. */
  ingestArticle: IngestResult;
  /** Curation: never merge `a` and `b`; resolution keeps them on two entities. */
  keepDistinct: CurationResult;
  /** Curation (like ingestArticle, only with INGEST_TOKEN): `a` and `b` (ids, merged ids, names or aliases) are one entity from now on, even across types. An ambiguous name is an error listing the candidates. */
  mergeEntities: CurationResult;
  /** Curation: the entity's display name is `name` instead of its most frequent full form. */
  renameEntity: CurationResult;
  /** Curation: the name form `form` (a merged id, or a name that is one form) leaves the entity it was resolved or merged into, for an entity of its own. */
  splitEntity: CurationResult;
  /** Curation: take a decision back by its id. */
  undoDecision: UndoResult;
};


export type MutationIngestArticleArgs = {
  input: ArticleInput;
};


export type MutationKeepDistinctArgs = {
  a: Scalars['String']['input'];
  b: Scalars['String']['input'];
};


export type MutationMergeEntitiesArgs = {
  a: Scalars['String']['input'];
  b: Scalars['String']['input'];
};


export type MutationRenameEntityArgs = {
  entity: Scalars['String']['input'];
  name: Scalars['String']['input'];
};


export type MutationSplitEntityArgs = {
  form: Scalars['String']['input'];
};


export type MutationUndoDecisionArgs = {
  id: Scalars['ID']['input'];
};

export type Organisation = Entity & {
  __typename?: 'Organisation';
  aliases: Array<Scalars['String']['output']>;
  articles: ArticleConnection;
  id: Scalars['ID']['output'];
  /** People holding a role in the organisation. */
  members: Array<Role>;
  mentionCount: Scalars['Int']['output'];
  mergedIds: Array<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  /** What the organisation said (statements attributed to it). */
  quotes: QuoteConnection;
  quotesAbout: QuoteConnection;
  related: Array<RelatedEntity>;
  type: EntityType;
};


export type OrganisationArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganisationQuotesArgs = {
  about?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganisationQuotesAboutArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  speaker?: InputMaybe<Scalars['String']['input']>;
};


export type OrganisationRelatedArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** One step of the shortest connection between two entities. */
export type PathStep = {
  __typename?: 'PathStep';
  article?: Maybe<Article>;
  /** The sentence the step was read from, when there is one. */
  evidence?: Maybe<Scalars['String']['output']>;
  from: Entity;
  /** RELATED, HOLDS_ROLE or IN_COUNTRY. */
  kind: Scalars['String']['output'];
  /** The relation's verb lemma (RELATED) or the title (HOLDS_ROLE). */
  label?: Maybe<Scalars['String']['output']>;
  to: Entity;
};

export type Person = Entity & {
  __typename?: 'Person';
  aliases: Array<Scalars['String']['output']>;
  articles: ArticleConnection;
  id: Scalars['ID']['output'];
  mentionCount: Scalars['Int']['output'];
  mergedIds: Array<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  /** What the person said, newest first; `about` narrows them to quotes about one entity (id, name or alias). */
  quotes: QuoteConnection;
  quotesAbout: QuoteConnection;
  related: Array<RelatedEntity>;
  /** Titles the person holds, with the organisation or country where known. */
  roles: Array<Role>;
  type: EntityType;
};


export type PersonArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type PersonQuotesArgs = {
  about?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type PersonQuotesAboutArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  speaker?: InputMaybe<Scalars['String']['input']>;
};


export type PersonRelatedArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Place = Entity & {
  __typename?: 'Place';
  aliases: Array<Scalars['String']['output']>;
  articles: ArticleConnection;
  /** The country the place lies in, where known. */
  country?: Maybe<Country>;
  id: Scalars['ID']['output'];
  mentionCount: Scalars['Int']['output'];
  mergedIds: Array<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  quotesAbout: QuoteConnection;
  related: Array<RelatedEntity>;
  type: EntityType;
};


export type PlaceArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type PlaceQuotesAboutArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  speaker?: InputMaybe<Scalars['String']['input']>;
};


export type PlaceRelatedArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One article with its entities, quotes and relations. */
  article?: Maybe<Article>;
  articles: ArticleConnection;
  /** The curation decisions, oldest first. */
  decisions: Array<CurationDecision>;
  /** One entity by id, or by a name or alias (the most mentioned when several match). */
  entity?: Maybe<Entity>;
  /** The shortest connection between two entities (id, name or alias); null when there is none within maxHops (default 4, at most 6). */
  path?: Maybe<Array<PathStep>>;
  quotes: QuoteConnection;
  /** Full-text search over entity names and aliases, forgiving of case and small typos. */
  search: Array<Entity>;
  stats: Stats;
  /** Quotes about an entity (id, name or alias), grouped by speaker, most prolific first; `first` speakers (default 10), each with its newest `quotesPerSpeaker` quotes (default 10, at most 100). */
  whoSaidWhatAbout: Array<SpeakerQuotes>;
};


export type QueryArticleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryEntityArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPathArgs = {
  from: Scalars['String']['input'];
  maxHops?: InputMaybe<Scalars['Int']['input']>;
  to: Scalars['String']['input'];
};


export type QueryQuotesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<QuoteFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
  types?: InputMaybe<Array<EntityType>>;
};


export type QueryWhoSaidWhatAboutArgs = {
  about: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  quotesPerSpeaker?: InputMaybe<Scalars['Int']['input']>;
};

/** One attributed statement: what one speaker said in one place. No two quotes of an article overlap. */
export type Quote = {
  __typename?: 'Quote';
  /** The entities the quote is about. */
  about: Array<Entity>;
  article: Article;
  /** The cue verb or phrase ("said", "according to"). */
  cue?: Maybe<Scalars['String']['output']>;
  end?: Maybe<Scalars['Int']['output']>;
  /** The quoted spans inside the statement, in text order (empty for INDIRECT). */
  fragments: Array<QuoteFragment>;
  id: Scalars['ID']['output'];
  kind: QuoteKind;
  /** YYYY-MM-DD of the article, when known. */
  publishedAt?: Maybe<Scalars['String']['output']>;
  /** The sentence (or sentences) holding the quote: its evidence. */
  sentence?: Maybe<Scalars['String']['output']>;
  /** wink-nlp sentiment, -1 (negative) .. 1 (positive): the mean of wink's scores of the sentences the quote lies in. */
  sentiment?: Maybe<Scalars['Float']['output']>;
  /** Who said it, when the speaker was resolved to an entity. */
  speaker?: Maybe<Entity>;
  /** The speaker as written in the article. */
  speakerName?: Maybe<Scalars['String']['output']>;
  /** Character offsets of the quote in the article's text (Article.text), end exclusive. */
  start?: Maybe<Scalars['Int']['output']>;
  /** The statement's words: quoted, reported, or both. */
  text: Scalars['String']['output'];
};

export type QuoteConnection = {
  __typename?: 'QuoteConnection';
  edges: Array<QuoteEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type QuoteEdge = {
  __typename?: 'QuoteEdge';
  cursor: Scalars['String']['output'];
  node: Quote;
};

/** Every field narrows the quotes; entity fields take an id, a name or an alias. */
export type QuoteFilter = {
  about?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD, inclusive */
  from?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<QuoteKind>;
  speaker?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive substring of the quoted words. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD, inclusive */
  to?: InputMaybe<Scalars['String']['input']>;
};

/** A quoted span inside a statement: offsets into the article text and the words there. */
export type QuoteFragment = {
  __typename?: 'QuoteFragment';
  end: Scalars['Int']['output'];
  start: Scalars['Int']['output'];
  text: Scalars['String']['output'];
};

/** How a statement gives its words: all inside quotation marks (DIRECT), reported with quoted parts (MIXED), or reported (INDIRECT). */
export type QuoteKind =
  | 'DIRECT'
  | 'INDIRECT'
  | 'MIXED';

/** An entity connected to another, with the weight and the evidence of the connection. */
export type RelatedEntity = {
  __typename?: 'RelatedEntity';
  /** Articles that mention both entities. */
  coMentions: Scalars['Int']['output'];
  entity: Entity;
  /** Sentence-level relations between the two (both directions), strongest evidence first (at most 5). */
  relations: Array<Relation>;
  /** 2 per verb-typed relation plus 1 per co_mention relation between the two (sentence-level evidence) */
  weight: Scalars['Float']['output'];
};

/** A relation read from one sentence of one article. */
export type Relation = {
  __typename?: 'Relation';
  article?: Maybe<Article>;
  end?: Maybe<Scalars['Int']['output']>;
  /** The sentence the relation was read from. */
  evidence?: Maybe<Scalars['String']['output']>;
  source: Entity;
  start?: Maybe<Scalars['Int']['output']>;
  target: Entity;
  /** The linking verb's lemma (e.g. "meet"), or `co_mention` when the sentence links them by no verb. */
  type: Scalars['String']['output'];
};

/** A person's title, with the organisation or country it belongs to where known. */
export type Role = {
  __typename?: 'Role';
  /** The article the role was read from. */
  article?: Maybe<Article>;
  /** The Organisation or Country, or null when the article names none. */
  organisation?: Maybe<Entity>;
  person: Person;
  title: Scalars['String']['output'];
};

/** The quotes of one speaker about an entity. */
export type SpeakerQuotes = {
  __typename?: 'SpeakerQuotes';
  /** How many quotes the speaker made about the entity (all of them, not only those listed). */
  count: Scalars['Int']['output'];
  /** The speaker's newest quotes about the entity (`quotesPerSpeaker` of them). */
  quotes: Array<Quote>;
  /** The speaker, or null for quotes whose speaker was not resolved to an entity. */
  speaker?: Maybe<Entity>;
  /** The speaker as written (the most frequent spelling). */
  speakerName?: Maybe<Scalars['String']['output']>;
};

export type Stats = {
  __typename?: 'Stats';
  articles: Scalars['Int']['output'];
  countries: Scalars['Int']['output'];
  organisations: Scalars['Int']['output'];
  people: Scalars['Int']['output'];
  places: Scalars['Int']['output'];
  quotes: Scalars['Int']['output'];
  relations: Scalars['Int']['output'];
};

/** A range of characters in an article's text, end exclusive. */
export type TextSpan = {
  __typename?: 'TextSpan';
  end: Scalars['Int']['output'];
  start: Scalars['Int']['output'];
};

export type UndoResult = {
  __typename?: 'UndoResult';
  /** The decision taken back. */
  decision: CurationDecision;
  moved: Scalars['Int']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Article: ResolverTypeWrapper<ArticleRow>;
  ArticleConnection: ResolverTypeWrapper<Connection<ArticleRow>>;
  ArticleEdge: ResolverTypeWrapper<Omit<ArticleEdge, 'node'> & { node: ResolversTypes['Article'] }>;
  ArticleFilter: ArticleFilter;
  ArticleInput: ArticleInput;
  ArticleMention: ResolverTypeWrapper<ArticleMentionRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Country: ResolverTypeWrapper<EntityRow>;
  CurationDecision: ResolverTypeWrapper<StoredDecision>;
  CurationResult: ResolverTypeWrapper<DecisionResult>;
  Entity: ResolverTypeWrapper<EntityRow>;
  EntityType: EntityType;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IngestResult: ResolverTypeWrapper<IngestResultModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Organisation: ResolverTypeWrapper<EntityRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PathStep: ResolverTypeWrapper<PathStepRow>;
  Person: ResolverTypeWrapper<EntityRow>;
  Place: ResolverTypeWrapper<EntityRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Quote: ResolverTypeWrapper<QuoteRow>;
  QuoteConnection: ResolverTypeWrapper<Connection<QuoteRow>>;
  QuoteEdge: ResolverTypeWrapper<Omit<QuoteEdge, 'node'> & { node: ResolversTypes['Quote'] }>;
  QuoteFilter: QuoteFilter;
  QuoteFragment: ResolverTypeWrapper<QuoteFragment>;
  QuoteKind: QuoteKind;
  RelatedEntity: ResolverTypeWrapper<RelatedRow>;
  Relation: ResolverTypeWrapper<RelationRow>;
  Role: ResolverTypeWrapper<RoleRow>;
  SpeakerQuotes: ResolverTypeWrapper<SpeakerQuotesRow>;
  Stats: ResolverTypeWrapper<StatsRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TextSpan: ResolverTypeWrapper<TextSpan>;
  UndoResult: ResolverTypeWrapper<UndoResultModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Article: ArticleRow;
  ArticleConnection: Connection<ArticleRow>;
  ArticleEdge: Omit<ArticleEdge, 'node'> & { node: ResolversParentTypes['Article'] };
  ArticleFilter: ArticleFilter;
  ArticleInput: ArticleInput;
  ArticleMention: ArticleMentionRow;
  Boolean: Scalars['Boolean']['output'];
  Country: EntityRow;
  CurationDecision: StoredDecision;
  CurationResult: DecisionResult;
  Entity: EntityRow;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  IngestResult: IngestResultModel;
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  Organisation: EntityRow;
  PageInfo: PageInfo;
  PathStep: PathStepRow;
  Person: EntityRow;
  Place: EntityRow;
  Query: Record<PropertyKey, never>;
  Quote: QuoteRow;
  QuoteConnection: Connection<QuoteRow>;
  QuoteEdge: Omit<QuoteEdge, 'node'> & { node: ResolversParentTypes['Quote'] };
  QuoteFilter: QuoteFilter;
  QuoteFragment: QuoteFragment;
  RelatedEntity: RelatedRow;
  Relation: RelationRow;
  Role: RoleRow;
  SpeakerQuotes: SpeakerQuotesRow;
  Stats: StatsRow;
  String: Scalars['String']['output'];
  TextSpan: TextSpan;
  UndoResult: UndoResultModel;
};

export type ArticleResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Article'] = ResolversParentTypes['Article']> = {
  authors?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  dateline?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  entities?: Resolver<Array<ResolversTypes['ArticleMention']>, ParentType, ContextType, Partial<ArticleEntitiesArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  publishedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publisher?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quotes?: Resolver<Array<ResolversTypes['Quote']>, ParentType, ContextType>;
  relations?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ArticleConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ArticleConnection'] = ResolversParentTypes['ArticleConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ArticleEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ArticleEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ArticleEdge'] = ResolversParentTypes['ArticleEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Article'], ParentType, ContextType>;
};

export type ArticleMentionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ArticleMention'] = ResolversParentTypes['ArticleMention']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  entity?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  spans?: Resolver<Array<ResolversTypes['TextSpan']>, ParentType, ContextType>;
};

export type CountryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Country'] = ResolversParentTypes['Country']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, Partial<CountryArticlesArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  iso2?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  iso3?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mentionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mergedIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  places?: Resolver<Array<ResolversTypes['Place']>, ParentType, ContextType>;
  quotes?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, Partial<CountryQuotesArgs>>;
  quotesAbout?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, Partial<CountryQuotesAboutArgs>>;
  related?: Resolver<Array<ResolversTypes['RelatedEntity']>, ParentType, ContextType, Partial<CountryRelatedArgs>>;
  type?: Resolver<ResolversTypes['EntityType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CurationDecisionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CurationDecision'] = ResolversParentTypes['CurationDecision']> = {
  a?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  b?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CurationResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CurationResult'] = ResolversParentTypes['CurationResult']> = {
  decision?: Resolver<ResolversTypes['CurationDecision'], ParentType, ContextType>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  moved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  other?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  replaced?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type EntityResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Entity'] = ResolversParentTypes['Entity']> = {
  __resolveType: TypeResolveFn<'Country' | 'Organisation' | 'Person' | 'Place', ParentType, ContextType>;
};

export type IngestResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['IngestResult'] = ResolversParentTypes['IngestResult']> = {
  article?: Resolver<ResolversTypes['Article'], ParentType, ContextType>;
  entities?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quotes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  relations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  ingestArticle?: Resolver<ResolversTypes['IngestResult'], ParentType, ContextType, RequireFields<MutationIngestArticleArgs, 'input'>>;
  keepDistinct?: Resolver<ResolversTypes['CurationResult'], ParentType, ContextType, RequireFields<MutationKeepDistinctArgs, 'a' | 'b'>>;
  mergeEntities?: Resolver<ResolversTypes['CurationResult'], ParentType, ContextType, RequireFields<MutationMergeEntitiesArgs, 'a' | 'b'>>;
  renameEntity?: Resolver<ResolversTypes['CurationResult'], ParentType, ContextType, RequireFields<MutationRenameEntityArgs, 'entity' | 'name'>>;
  splitEntity?: Resolver<ResolversTypes['CurationResult'], ParentType, ContextType, RequireFields<MutationSplitEntityArgs, 'form'>>;
  undoDecision?: Resolver<ResolversTypes['UndoResult'], ParentType, ContextType, RequireFields<MutationUndoDecisionArgs, 'id'>>;
};

export type OrganisationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Organisation'] = ResolversParentTypes['Organisation']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, Partial<OrganisationArticlesArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['Role']>, ParentType, ContextType>;
  mentionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mergedIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quotes?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, Partial<OrganisationQuotesArgs>>;
  quotesAbout?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, Partial<OrganisationQuotesAboutArgs>>;
  related?: Resolver<Array<ResolversTypes['RelatedEntity']>, ParentType, ContextType, Partial<OrganisationRelatedArgs>>;
  type?: Resolver<ResolversTypes['EntityType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PathStepResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PathStep'] = ResolversParentTypes['PathStep']> = {
  article?: Resolver<Maybe<ResolversTypes['Article']>, ParentType, ContextType>;
  evidence?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
};

export type PersonResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, Partial<PersonArticlesArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mentionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mergedIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quotes?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, Partial<PersonQuotesArgs>>;
  quotesAbout?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, Partial<PersonQuotesAboutArgs>>;
  related?: Resolver<Array<ResolversTypes['RelatedEntity']>, ParentType, ContextType, Partial<PersonRelatedArgs>>;
  roles?: Resolver<Array<ResolversTypes['Role']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EntityType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PlaceResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Place'] = ResolversParentTypes['Place']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, Partial<PlaceArticlesArgs>>;
  country?: Resolver<Maybe<ResolversTypes['Country']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mentionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mergedIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quotesAbout?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, Partial<PlaceQuotesAboutArgs>>;
  related?: Resolver<Array<ResolversTypes['RelatedEntity']>, ParentType, ContextType, Partial<PlaceRelatedArgs>>;
  type?: Resolver<ResolversTypes['EntityType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  article?: Resolver<Maybe<ResolversTypes['Article']>, ParentType, ContextType, RequireFields<QueryArticleArgs, 'id'>>;
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, Partial<QueryArticlesArgs>>;
  decisions?: Resolver<Array<ResolversTypes['CurationDecision']>, ParentType, ContextType>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType, Partial<QueryEntityArgs>>;
  path?: Resolver<Maybe<Array<ResolversTypes['PathStep']>>, ParentType, ContextType, RequireFields<QueryPathArgs, 'from' | 'to'>>;
  quotes?: Resolver<ResolversTypes['QuoteConnection'], ParentType, ContextType, Partial<QueryQuotesArgs>>;
  search?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType, RequireFields<QuerySearchArgs, 'query'>>;
  stats?: Resolver<ResolversTypes['Stats'], ParentType, ContextType>;
  whoSaidWhatAbout?: Resolver<Array<ResolversTypes['SpeakerQuotes']>, ParentType, ContextType, RequireFields<QueryWhoSaidWhatAboutArgs, 'about'>>;
};

export type QuoteResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Quote'] = ResolversParentTypes['Quote']> = {
  about?: Resolver<Array<ResolversTypes['Entity']>, ParentType, ContextType>;
  article?: Resolver<ResolversTypes['Article'], ParentType, ContextType>;
  cue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  end?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  fragments?: Resolver<Array<ResolversTypes['QuoteFragment']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['QuoteKind'], ParentType, ContextType>;
  publishedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sentence?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sentiment?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  speaker?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  speakerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  start?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QuoteConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['QuoteConnection'] = ResolversParentTypes['QuoteConnection']> = {
  edges?: Resolver<Array<ResolversTypes['QuoteEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QuoteEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['QuoteEdge'] = ResolversParentTypes['QuoteEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Quote'], ParentType, ContextType>;
};

export type QuoteFragmentResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['QuoteFragment'] = ResolversParentTypes['QuoteFragment']> = {
  end?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RelatedEntityResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RelatedEntity'] = ResolversParentTypes['RelatedEntity']> = {
  coMentions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  entity?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  relations?: Resolver<Array<ResolversTypes['Relation']>, ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RelationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Relation'] = ResolversParentTypes['Relation']> = {
  article?: Resolver<Maybe<ResolversTypes['Article']>, ParentType, ContextType>;
  end?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  evidence?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  start?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Entity'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RoleResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Role'] = ResolversParentTypes['Role']> = {
  article?: Resolver<Maybe<ResolversTypes['Article']>, ParentType, ContextType>;
  organisation?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  person?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SpeakerQuotesResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SpeakerQuotes'] = ResolversParentTypes['SpeakerQuotes']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quotes?: Resolver<Array<ResolversTypes['Quote']>, ParentType, ContextType>;
  speaker?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  speakerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type StatsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Stats'] = ResolversParentTypes['Stats']> = {
  articles?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  countries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  organisations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  people?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  places?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quotes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  relations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TextSpanResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TextSpan'] = ResolversParentTypes['TextSpan']> = {
  end?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UndoResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['UndoResult'] = ResolversParentTypes['UndoResult']> = {
  decision?: Resolver<ResolversTypes['CurationDecision'], ParentType, ContextType>;
  moved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  Article?: ArticleResolvers<ContextType>;
  ArticleConnection?: ArticleConnectionResolvers<ContextType>;
  ArticleEdge?: ArticleEdgeResolvers<ContextType>;
  ArticleMention?: ArticleMentionResolvers<ContextType>;
  Country?: CountryResolvers<ContextType>;
  CurationDecision?: CurationDecisionResolvers<ContextType>;
  CurationResult?: CurationResultResolvers<ContextType>;
  Entity?: EntityResolvers<ContextType>;
  IngestResult?: IngestResultResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Organisation?: OrganisationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PathStep?: PathStepResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Place?: PlaceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Quote?: QuoteResolvers<ContextType>;
  QuoteConnection?: QuoteConnectionResolvers<ContextType>;
  QuoteEdge?: QuoteEdgeResolvers<ContextType>;
  QuoteFragment?: QuoteFragmentResolvers<ContextType>;
  RelatedEntity?: RelatedEntityResolvers<ContextType>;
  Relation?: RelationResolvers<ContextType>;
  Role?: RoleResolvers<ContextType>;
  SpeakerQuotes?: SpeakerQuotesResolvers<ContextType>;
  Stats?: StatsResolvers<ContextType>;
  TextSpan?: TextSpanResolvers<ContextType>;
  UndoResult?: UndoResultResolvers<ContextType>;
};

