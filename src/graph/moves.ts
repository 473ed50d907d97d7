// Moving the facts of stored records that resolution sends to another node (plan.ts planGroups:
// a plan's `moves`), and keeping the aggregates (aggregates.ts) across the moves by reading only what
// they change. Every fact of a moved (article, form) is found from its article and the page keys
// (pages.ts), never by expanding the node it leaves: that node may be a person the corpus names
// thousands of times. Stores get the page keys from `npm run db:migrate` (backfillPageKeys), which the
// commands that write run first (cli/graph.ts).
import type { ManagedTransaction } from 'neo4j-driver'
import { contributionOf, contributionOfFacts, factsOf, type ArticleFacts, type Contribution } from './aggregates.ts'
import { PAGE_KEY_OF, PAIR_PAGE_SPEAKER, RELATED_PAIR, SORT_OF } from './pages.ts'

/**
 * Moves one article's facts about one form from node `from` to node `to`: a relationship cannot
 * change its end, so each is copied (all its properties) and the old one deleted. Facts carry the
 * form they were written for (MENTIONS.form, SAID/ABOUT/WROTE.form, RELATED/HOLDS_ROLE/IN_COUNTRY
 * .sourceForm/.targetForm), so two forms of one article on one node move apart correctly, and each
 * relationship matches exactly one move. Every fact is found from its article, never by expanding
 * `from`: the node of a person the corpus names thousands of times would cost a batch what the
 * corpus holds (the index hints keep the planner from starting there).
 *
 * - MENTIONS, SAID, ABOUT by their page key (pages.ts), which names the node they are on and sorts
 *   by the article's date and id: the article's MENTIONS of `from` are the key `from` U+0001 <the
 *   article's sort part>, its quotes' SAID and ABOUT of `from` the keys that start with it and '#'
 *   (a quote's id is its article's id, '#' and its number; its date is its article's), so a move
 *   reads the few relationships it moves, not every MENTIONS, quote, SAID and ABOUT of the article.
 *   The new key is the old one with `to` in place of `from`; so is an ABOUT's pair page (pages.ts
 *   PAIR_PAGE_OF: the subject's id first), and a moved SAID rewrites the speaker part of the pair page
 *   of every ABOUT of its quote (a quote's few subjects; the two rewrites commute, so a quote whose
 *   speaker and subject both move, in one row or two, ends with both).
 * - WROTE from the article (its few authors).
 * - RELATED, HOLDS_ROLE, IN_COUNTRY by the index on articleId, both directions in one pass, kept when
 *   an end is the node `from` (compared as nodes: no property read) before their forms are read.
 *
 * One statement for every kind of fact. Returns, per move, each RELATED it moved: its ends' ids
 * before and after and its type (aggregates.ts: the RELATED weights change by exactly those).
 */
const MOVE_PAIR = (type: string) => `
CALL (mv, t, f) {
  MATCH (x)-[r:${type}]->(y) USING INDEX SEEK r:${type}(articleId)
  WHERE r.articleId = mv.articleId AND (x = f OR y = f)
  WITH mv, t, f, r, x, y, x = f AND r.sourceForm = mv.form AS source, y = f AND r.targetForm = mv.form AS target
  WHERE source OR target
  WITH r, x, y, CASE WHEN source THEN t ELSE x END AS s, CASE WHEN target THEN t ELSE y END AS o
  CREATE (s)-[n:${type}]->(o) SET n = properties(r)${type === 'RELATED' ? ` SET n.pair = ${RELATED_PAIR('s', 'n', 'o')}` : ''}
  DELETE r${type === 'RELATED' ? `
  RETURN collect({before: [x.id, y.id], after: [s.id, o.id], type: n.type}) AS related` : ''}
}`
export const MOVE_FACTS: readonly string[] = [
  `UNWIND $moves AS mv
MATCH (t:Entity {id: mv.to})
MATCH (a:Article {id: mv.articleId})
MATCH (f:Entity {id: mv.from})
WITH mv, t, a, f, ${PAGE_KEY_OF('mv.from', SORT_OF('a.publishedAt', 'mv.articleId'))} AS key
CALL (mv, t, a, f, key) {
  MATCH (a)-[r:MENTIONS]->(f) USING INDEX SEEK r:MENTIONS(page) WHERE r.page = key AND r.form = mv.form
  CREATE (a)-[n:MENTIONS]->(t) SET n = properties(r) SET n.page = mv.to + substring(r.page, size(mv.from)) DELETE r
}
CALL (mv, t, a, f, key) {
  MATCH (f)-[r:SAID]->(q:Quote) USING INDEX SEEK r:SAID(page) WHERE r.page STARTS WITH key + '#' AND r.form = mv.form AND a IN [(q)-[:IN]->(x) | x]
  CREATE (t)-[n:SAID]->(q) SET n = properties(r) SET n.page = mv.to + substring(r.page, size(mv.from)) DELETE r
  WITH mv, q
  MATCH (q)-[o:ABOUT]->()
  SET o.pairPage = ${PAIR_PAGE_SPEAKER('o.pairPage', "'e:' + mv.to")}
}
CALL (mv, t, a, f, key) {
  MATCH (q:Quote)-[r:ABOUT]->(f) USING INDEX SEEK r:ABOUT(page) WHERE r.page STARTS WITH key + '#' AND r.form = mv.form AND a IN [(q)-[:IN]->(x) | x]
  CREATE (q)-[n:ABOUT]->(t) SET n = properties(r) SET n.page = mv.to + substring(r.page, size(mv.from)), n.pairPage = mv.to + substring(r.pairPage, size(mv.from)) DELETE r
}
CALL (mv, t, a, f) {
  MATCH (a)<-[r:WROTE {form: mv.form}]-(f)
  CREATE (t)-[n:WROTE]->(a) SET n = properties(r) DELETE r
}${['HOLDS_ROLE', 'IN_COUNTRY', 'RELATED'].map(MOVE_PAIR).join('')}
RETURN related`,
]

/** one RELATED a move took to other ends (MOVE_FACTS): the ids of its ends before and after, and its type */
export interface MovedRelated {
  before: [string, string]
  after: [string, string]
  type: string
}

/**
 * What the articles whose facts a plan moves contribute before the moves and after them (as far as
 * the moves change it), from their facts read before (readFactsToMove), `nodeOf` (contributionOfFacts:
 * the node a fact is on after the moves) and the RELATED the moves took elsewhere. A RELATED counts in
 * the weight of its pair of ends alone, so the weights change by the moved ones only (one moved twice,
 * both its forms moving, is two rows whose middle pair cancels); the quotes the moves do not touch
 * contribute the same before and after, and are not read; an article's MENTIONS count together
 * (distinct entities): their nodes are read whole.
 */
export function movedContribution(facts: ArticleFacts[], nodeOf: (articleId: string, form: string | null, node: string) => string, related: MovedRelated[]): { before: Contribution; after: Contribution } {
  const before = contributionOfFacts(facts)
  const after = contributionOfFacts(facts, nodeOf)
  for (const r of related) {
    contributionOf(before, [], [], 1, [], [{ source: r.before[0], target: r.before[1], type: r.type }])
    contributionOf(after, [], [], 1, [], [{ source: r.after[0], target: r.after[1], type: r.type }])
  }
  return { before, after }
}

/**
 * What ARTICLE_CONTRIBUTIONS reads, of articles some of whose facts are about to move (MOVE_FACTS
 * above), and only what the moves change: one row per article (`moves`: the form and node
 * `from` of each of its moves), found by the page keys (pages.ts) as MOVE_FACTS finds them. Of its
 * MENTIONS, the node of each (`nodes`: an article counts once per entity, and co-mentions.ts needs
 * the whole set) and the form and count of those that move (`moving`); of its quotes, only those
 * with a SAID or ABOUT of a moved form on its node `from`, each with all its speakers and subjects
 * (a quote's contribution depends on its own speakers and subjects alone, so the others contribute
 * the same before and after); no RELATED (their weights change by what MOVE_FACTS returns of the
 * RELATED it moved: movedContribution). A quote is the article's when it is IN it (its key says so
 * too: its id starts with the article's and '#'), checked from the quote's side.
 */
export const ARTICLE_FACTS_TO_MOVE = `
UNWIND $articles AS row
MATCH (a:Article {id: row.id})
SET a._lock = true
REMOVE a._lock
WITH a, row, ${SORT_OF('a.publishedAt', 'row.id')} AS sort
RETURN row.id AS id, [(a)-[:MENTIONS]->(e:Entity) | e.id] AS nodes,
       COLLECT {
         UNWIND row.moves AS mv
         MATCH (a)-[m:MENTIONS]->() USING INDEX SEEK m:MENTIONS(page) WHERE m.page = ${PAGE_KEY_OF('mv.from', 'sort')} AND m.form = mv.form
         RETURN {node: mv.from, form: m.form, count: coalesce(m.count, 0)}
       } AS moving,
       [q IN COLLECT {
          UNWIND row.moves AS mv
          CALL (mv, sort) {
            MATCH ()-[r:SAID]->(q:Quote) USING INDEX SEEK r:SAID(page) WHERE r.page STARTS WITH ${PAGE_KEY_OF('mv.from', "sort + '#'")} AND r.form = mv.form
            RETURN q
            UNION
            MATCH (q:Quote)-[r:ABOUT]->() USING INDEX SEEK r:ABOUT(page) WHERE r.page STARTS WITH ${PAGE_KEY_OF('mv.from', "sort + '#'")} AND r.form = mv.form
            RETURN q
          }
          WITH DISTINCT q WHERE a IN [(q)-[:IN]->(x) | x]
          RETURN q
        } | {speakers: [(s:Entity)-[r:SAID]->(q) | {node: s.id, form: r.form}],
             about: [(q)-[r:ABOUT]->(x:Entity) | {node: x.id, form: r.form}],
             speakerName: coalesce(q.speakerName, '')}] AS quotes`

/**
 * An article's MENTIONS as ARTICLE_FACTS_TO_MOVE reads them: `nodes` the node of each, `moving` those
 * the moves take (their form, node and count). The others are kept with no form (no move maps them)
 * and no count: they count the same before and after the moves, so only their nodes matter (an
 * article counts once per entity; co-mentions.ts needs the whole set).
 */
function mentionedToMove(nodes: string[], moving: { node: string; form: string | null; count: unknown }[]): ArticleFacts['mentioned'] {
  const rest = [...nodes]
  for (const m of moving) {
    const i = rest.indexOf(m.node)
    if (i >= 0) rest.splice(i, 1)
  }
  return [...rest.map((node) => ({ node, form: null, count: 0 })), ...moving.map((m) => ({ node: m.node, form: m.form ?? null, count: Number(m.count) }))]
}

/**
 * Locks the articles of `moves` and reads what the moves will change of their facts
 * (ARTICLE_FACTS_TO_MOVE: their MENTIONS, the quotes the moves touch, no RELATED). Call before the
 * moves; what they contribute before and after is `movedContribution`.
 */
export async function readFactsToMove(tx: ManagedTransaction, moves: readonly { articleId: string; form: string; from: string }[]): Promise<ArticleFacts[]> {
  const byArticle = new Map<string, { form: string; from: string }[]>()
  for (const m of moves) (byArticle.get(m.articleId) ?? byArticle.set(m.articleId, []).get(m.articleId)!).push({ form: m.form, from: m.from })
  if (!byArticle.size) return []
  // each article is write-locked (ids sorted: one order for every writer) before its facts are read
  const articles = [...byArticle].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([id, list]) => ({ id, moves: list }))
  return (await tx.run(ARTICLE_FACTS_TO_MOVE, { articles })).records.map((r) => ({ ...factsOf(r), mentioned: mentionedToMove(r.get('nodes') as string[], r.get('moving') as { node: string; form: string | null; count: unknown }[]) }))
}

