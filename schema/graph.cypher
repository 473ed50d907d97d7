// Constraints and indexes of the graph model (README.md, "Graph model").
// Applied by `npm run db:migrate`, the ingest command and the server on start (src/graph/migrate.ts):
// every statement is idempotent (IF NOT EXISTS), statements end with a semicolon, and lines starting
// with // are comments.

// Unique ids make MERGE safe and re-ingestion idempotent; each constraint is backed by a range index,
// so lookups by id need no index of their own. Every entity carries Entity plus its type's label.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT quote_id IF NOT EXISTS FOR (n:Quote) REQUIRE n.id IS UNIQUE;

// Entity search by name or alias. Neo4j 5.26 full-text indexes take LIST<STRING> properties, so
// `aliases` is indexed as it is stored (checked: a node is found by any one of its aliases).
CREATE FULLTEXT INDEX entityNames IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases];

// Articles by date range and by URL (ingest looks an article up by URL).
CREATE RANGE INDEX article_published_at IF NOT EXISTS FOR (n:Article) ON (n.publishedAt);
CREATE RANGE INDEX article_url IF NOT EXISTS FOR (n:Article) ON (n.url);

// The quotes of an article, and time-ordered quotes.
CREATE RANGE INDEX quote_article_id IF NOT EXISTS FOR (n:Quote) ON (n.articleId);
CREATE RANGE INDEX quote_published_at IF NOT EXISTS FOR (n:Quote) ON (n.publishedAt);

// Per-article relationships: re-ingesting an article deletes exactly the ones that carry its id.
CREATE RANGE INDEX related_article_id IF NOT EXISTS FOR ()-[r:RELATED]-() ON (r.articleId);
CREATE RANGE INDEX holds_role_article_id IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.articleId);
CREATE RANGE INDEX in_country_article_id IF NOT EXISTS FOR ()-[r:IN_COUNTRY]-() ON (r.articleId);
