// GraphQL Code Generator: resolver types from the schema (schema first). `npm run codegen` writes
// src/api/generated/types.ts, which is committed so `npm run typecheck` works in a fresh clone;
// test/unit/api-codegen.test.ts fails when it is out of date with schema/schema.graphql.
import type { CodegenConfig } from '@graphql-codegen/cli'

const rows = '../../graph/read.ts'

export const generates = {
  'src/api/generated/types.ts': {
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      useTypeImports: true,
      contextType: '../context.ts#ApiContext',
      // enum values are the GraphQL names (PERSON, DIRECT); resolvers.ts maps them to the graph's values
      enumsAsTypes: true,
      mappers: {
        Entity: `${rows}#EntityRow`,
        Person: `${rows}#EntityRow`,
        Organisation: `${rows}#EntityRow`,
        Country: `${rows}#EntityRow`,
        Place: `${rows}#EntityRow`,
        Article: `${rows}#ArticleRow`,
        Quote: `${rows}#QuoteRow`,
        Relation: `${rows}#RelationRow`,
        Role: `${rows}#RoleRow`,
        RelatedEntity: `${rows}#RelatedRow`,
        ArticleMention: `${rows}#ArticleMentionRow`,
        SpeakerQuotes: `${rows}#SpeakerQuotesRow`,
        PathStep: `${rows}#PathStepRow`,
        Stats: `${rows}#StatsRow`,
        QuoteConnection: '../connection.ts#Connection<QuoteRow>',
        ArticleConnection: '../connection.ts#Connection<ArticleRow>',
        IngestResult: '../context.ts#IngestResultModel',
        CurationResult: '../../graph/curation.ts#DecisionResult',
        UndoResult: '../../graph/curation.ts#UndoResultModel',
        CurationDecision: '../../graph/curation.ts#StoredDecision',
      },
      scalars: { ID: 'string' },
    },
  },
}

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates,
  hooks: {},
}

export default config
