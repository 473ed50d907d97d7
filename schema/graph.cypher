// Constraints and indexes of the graph model (README.md, "Graph model").
// Applied by `npm run db:migrate`, the ingest command and the server on start (src/graph/migrate.ts):
// every statement is idempotent (IF NOT EXISTS), statements end with a semicolon, and lines starting
// with // are comments.

// Unique ids make MERGE safe and re-ingestion idempotent; each constraint is backed by a range index,
// so lookups by id need no index of their own. Every entity carries Entity plus its type's label, so
// entity_id alone keeps every Person, Organisation, Country and Place id unique: look a typed entity
// up as (:Entity:Person {id: ...}) to use it.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT quote_id IF NOT EXISTS FOR (n:Quote) REQUIRE n.id IS UNIQUE;

// Dropped in 0.2 (databases made by 0.1 still have them): per-type copies of entity_id, and the
// index of quotes by article (an article's quotes are found through their IN relationships). Every
// index is updated on every write: these five cost ingestion about 7% of Neo4j's time and answered
// nothing entity_id and the IN relationships do not.
DROP CONSTRAINT person_id IF EXISTS;
DROP CONSTRAINT organisation_id IF EXISTS;
DROP CONSTRAINT country_id IF EXISTS;
DROP CONSTRAINT place_id IF EXISTS;
DROP INDEX quote_article_id IF EXISTS;

// Entity search by name or alias: the full-text index `entityNames` over [n.name, n.aliases] (Neo4j
// 5.26 full-text indexes take LIST<STRING> properties, so `aliases` is indexed as it is stored). Not
// made here: it is rebuilt in one piece after a bulk ingest under a second name, `entityNamesB` over
// [n.aliases, n.name], and back, so the migration makes it only when neither exists
// (src/graph/search-index.ts). By hand: CREATE FULLTEXT INDEX entityNames IF NOT EXISTS FOR (n:Entity)
// ON EACH [n.name, n.aliases] when SHOW FULLTEXT INDEXES lists neither name.
// Entities by their exact name or alias in any case (src/graph/name-keys.ts, the lookups of entity(name),
// path, quotes and articles by name): `nameKeys`, the name and each alias lowered, each key one term
// (the `keyword` analyzer), asked for the lowered name as one term, so only the entities that bear the
// name are read, not every name that contains it.
CREATE FULLTEXT INDEX entityLowerKeys IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameKeys] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
// Dropped (2026-12-04): the keyword indexes of `name` and `aliases` as stored, asked for a regular
// expression of the name in any case; the term of `entityLowerKeys` costs Neo4j a third of it.
DROP INDEX entityNameKeys IF EXISTS;
DROP INDEX entityAliasKeys IF EXISTS;

// Articles by URL (ingest and --remove look an article up by URL).
CREATE RANGE INDEX article_url IF NOT EXISTS FOR (n:Article) ON (n.url);

// Dropped (made before issue 13's page keys): the indexes of Article and Quote `publishedAt`. No read
// uses them (checked with EXPLAIN on a dated graph: the date filters of Query.articles and Query.quotes,
// `$from IS NULL OR publishedAt >= date($from)`, are label scans or start from an entity; the pages
// newest first read the `newest` and `page` keys), while every dated article and quote wrote an entry.
DROP INDEX article_published_at IF EXISTS;
DROP INDEX quote_published_at IF EXISTS;

// Per-article relationships: re-ingesting an article deletes exactly the ones that carry its id.
CREATE RANGE INDEX related_article_id IF NOT EXISTS FOR ()-[r:RELATED]-() ON (r.articleId);
CREATE RANGE INDEX holds_role_article_id IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.articleId);
CREATE RANGE INDEX in_country_article_id IF NOT EXISTS FOR ()-[r:IN_COUNTRY]-() ON (r.articleId);

// Entity resolution (src/graph/resolve.ts): the records of a name group are found by the group key
// on MENTIONS, and a writer locks the group's (:NameGroup) node while it resolves the group.
CREATE CONSTRAINT name_group_key IF NOT EXISTS FOR (n:NameGroup) REQUIRE n.key IS UNIQUE;
CREATE RANGE INDEX mentions_group IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.group);
// the groups a bulk ingest left to resolve later (src/graph/deferred.ts)
CREATE RANGE INDEX name_group_dirty IF NOT EXISTS FOR (n:NameGroup) ON (n.dirty);

// Curation decisions (src/graph/curation.ts): one id each, and the counter that orders them.
CREATE CONSTRAINT decision_id IF NOT EXISTS FOR (n:Decision) REQUIRE n.id IS UNIQUE;

// An entity's pages newest first (src/graph/pages.ts): the articles mentioning it, its quotes, the
// quotes about it, read in order from these indexes on the key each MENTIONS, SAID and ABOUT carries
// (entity id, U+0001, a sort key of the article's or quote's date and id), LIMIT n entries per page.
CREATE RANGE INDEX mentions_page IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.page);
CREATE RANGE INDEX said_page IF NOT EXISTS FOR ()-[r:SAID]-() ON (r.page);
CREATE RANGE INDEX about_page IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.page);
// One speaker's quotes about an entity, newest first (pages.ts PAIR_PAGE_OF): whoSaidWhatAbout's quotes per
// speaker and the quotes given both a speaker and a subject read n entries of the pair's page.
CREATE RANGE INDEX about_pair_page IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.pairPage);
// The articles newest first (pages.ts ARTICLE_NEWEST): Query.articles with no filter and the reading
// view's latest articles read the first entries in order.
CREATE RANGE INDEX article_newest IF NOT EXISTS FOR (a:Article) ON (a.newest);
// The speakers about an entity, most prolific first (pages.ts SPEAKER_RANK): whoSaidWhatAbout reads
// its top speakers in order from these, not a sort of every speaker of the entity.
CREATE RANGE INDEX spoke_about_rank IF NOT EXISTS FOR ()-[r:SPOKE_ABOUT]-() ON (r.rank);
CREATE RANGE INDEX quoted_unattributed_rank IF NOT EXISTS FOR ()-[r:QUOTED_UNATTRIBUTED]-() ON (r.rank);
// The entities related to an entity, heaviest first (pages.ts RELATED_RANK): Entity.related reads its
// top N from these (one per end of the pair aggregate RELATED_WEIGHT), and the evidence of each pair
// in order from the key each RELATED carries (pages.ts RELATED_PAIR).
CREATE RANGE INDEX related_weight_rank_from IF NOT EXISTS FOR ()-[r:RELATED_WEIGHT]-() ON (r.rankFrom);
CREATE RANGE INDEX related_weight_rank_to IF NOT EXISTS FOR ()-[r:RELATED_WEIGHT]-() ON (r.rankTo);
CREATE RANGE INDEX related_pair IF NOT EXISTS FOR ()-[r:RELATED]-() ON (r.pair);
// The RELATED_WEIGHTs of pairs of two big entities, which keep their co-mention count, by pair key
// (co-mentions.ts: the writers add an article's co-mentions to them, ADD_CO_MENTIONS).
CREATE RANGE INDEX related_weight_pair IF NOT EXISTS FOR ()-[r:RELATED_WEIGHT]-() ON (r.pair);
CREATE CONSTRAINT migration_key IF NOT EXISTS FOR (n:Migration) REQUIRE n.key IS UNIQUE;
