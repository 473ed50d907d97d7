// The reading view's pages as plain functions from the rows of src/view/queries.ts to HTML.
// Every text from an article, an entity or a request goes through `html` (escaped); the only
// script is /view/static/view.js (none of the pages needs it to work).
import { timelineChart } from './chart.ts'
import { highlight } from './highlight.ts'
import type { Span } from './highlight.ts'
import { articleHref, entityHref, html, raw } from './html.ts'
import type { Html } from './html.ts'
import type {
  ArticlePageRow,
  ArticleQuoteRow,
  EntityPageRow,
  LatestArticleRow,
  ListedQuote,
  QuoteFragment,
  ViewArticleMeta,
  ViewEntity,
} from './queries.ts'

export interface PageLinks {
  /** Neo4j Browser, e.g. http://localhost:7474 */
  neo4jBrowser: string
}

const TYPE_CLASS: Record<string, string> = { Person: 't-person', Organisation: 't-org', Country: 't-country', Place: 't-place' }
const typeClass = (type: string) => TYPE_CLASS[type] ?? 't-other'

function layout(title: string, body: Html, opts: { wide?: boolean } = {}): string {
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · newsgraph</title>
<link rel="stylesheet" href="/view/static/view.css">
<script src="/view/static/view.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><nav aria-label="Site"><a href="/view/">newsgraph</a> <a href="/graphql">GraphiQL</a></nav></header>
<div class="${opts.wide ? 'page wide' : 'page'}">${body}</div>
<footer class="site"><p>Reading view of the newsgraph API. Every highlight is what the extraction found; check it against the text.</p></footer>
</body>
</html>`.value}\n`
}

/** an entity link whose type is said in words as well as by colour */
function entityLink(e: ViewEntity, label?: string): Html {
  return html`<a class="entity ${typeClass(e.type)}" href="${entityHref(e.id)}">${label ?? e.name}</a> <span class="type-tag ${typeClass(e.type)}">${e.type}</span>`
}

function articleLine(a: ViewArticleMeta): Html {
  return html`<a href="${articleHref(a.id)}">${a.title || a.id}</a>${a.publishedAt ? html` <time datetime="${a.publishedAt}">${a.publishedAt}</time>` : ''}${a.publisher ? html` · ${a.publisher}` : ''}`
}

// ---------------------------------------------------------------------------------------------
// /view/

export function indexPage(latest: LatestArticleRow[], search: { query: string; results: ViewEntity[] | null }): string {
  const results =
    search.results === null
      ? ''
      : html`<section aria-labelledby="results-h"><h2 id="results-h">Entities matching “${search.query}”</h2>
${search.results.length === 0 ? html`<p>Nothing matches. The search forgives case and small typos; try fewer words.</p>` : html`<ul class="results">${search.results.map((e) => html`<li>${entityLink(e)}${e.aliases.length ? html` <span class="aliases">also ${e.aliases.slice(0, 4).join(', ')}</span>` : ''}</li>`)}</ul>`}
</section>`
  return layout(search.results === null ? 'Reading view' : `Search: ${search.query}`, html`<main id="main">
<h1>newsgraph: who said what about whom</h1>
<search><form method="get" action="/view/" role="search">
<label for="q">Search people, organisations, countries and places</label>
<input id="q" name="q" type="search" value="${search.query}" maxlength="200" autocomplete="off">
<button type="submit">Search</button>
</form></search>
${results}
<section aria-labelledby="latest-h"><h2 id="latest-h">Latest articles</h2>
${latest.length === 0 ? html`<p>The graph holds no article yet: ingest some with <code>npm run ingest</code>.</p>` : html`<ol class="articles">${latest.map((r) => html`<li>${articleLine(r.article)} <span class="counts">${r.entities} entities, ${r.quotes} quotes</span></li>`)}</ol>`}
</section>
</main>`)
}

// ---------------------------------------------------------------------------------------------
// /view/article/:id

const KIND_LABEL: Record<string, string> = { direct: 'direct quote', indirect: 'reported speech', mixed: 'mixed quote' }

/** direct and indirect as stored; any other kind (e.g. issue 15's mixed) is shown like a direct quote */
const quoteClass = (kind: string) => (kind === 'indirect' ? 'q q-indirect' : `q q-direct${kind === 'direct' ? '' : ` q-${kind.replace(/[^a-z]/g, '')}`}`)

/** fragments of a mixed quote, when the graph holds them (a list, or a list encoded as JSON) */
export function quoteFragments(value: unknown): QuoteFragment[] {
  let v = value
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v)
    } catch {
      return []
    }
  }
  return Array.isArray(v) ? v.filter((f): f is QuoteFragment => typeof f === 'object' && f !== null) : []
}

function speakerLabel(q: ArticleQuoteRow, position: number): Html {
  const who = q.speaker
    ? html`<a class="speaker ${typeClass(q.speaker.type)}" href="${entityHref(q.speaker.id)}">${q.speaker.name}</a>`
    : html`<span class="speaker unresolved">${q.speakerName || 'unknown speaker'}</span>`
  return html`<span class="q-label" data-quote="${position}"><span class="q-no">${position}</span> ${who} <span class="q-kind">${KIND_LABEL[q.kind] ?? q.kind}</span></span>`
}

function articleSpans(row: ArticlePageRow): Span[] {
  const spans: Span[] = []
  row.quotes.forEach((q, i) => {
    const n = i + 1
    const label = speakerLabel(q, n).value
    spans.push({
      start: q.start,
      end: q.end,
      layer: 0,
      open: (first) =>
        html`<span class="${quoteClass(q.kind)}" data-kind="${q.kind}" data-start="${q.start}" data-end="${q.end}" data-quote="${n}"${first ? raw(` id="q-${n}" tabindex="-1"`) : ''}>`.value + (first ? label : ''),
      close: '</span>',
    })
    for (const f of quoteFragments(q.fragments)) {
      if (typeof f.start !== 'number' || typeof f.end !== 'number') continue
      spans.push({
        start: f.start,
        end: f.end,
        layer: 1,
        open: () => html`<span class="fragment fragment-${String(f.kind ?? 'part').toLowerCase().replace(/[^a-z]/g, '')}" data-start="${f.start}" data-end="${f.end}">`.value,
        close: '</span>',
      })
    }
  })
  for (const m of row.mentions) {
    const e = m.entity
    m.starts.forEach((start, i) => {
      const end = m.ends[i]
      spans.push({
        start,
        end,
        layer: 2,
        open: () =>
          html`<a class="m ${typeClass(e.type)}" href="${entityHref(e.id)}" data-entity="${e.id}" data-type="${e.type}" data-start="${start}" data-end="${end}" title="${e.type}: ${e.name}">`.value,
        close: '</a>',
      })
    })
  }
  return spans
}

const cypherString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const graphqlString = (s: string) => JSON.stringify(s)

/** the Cypher a reader runs in Neo4j Browser to see the article's subgraph */
export function articleCypher(id: string): string {
  return `MATCH (a:Article {id: ${cypherString(id)}})
OPTIONAL MATCH m = (a)-[:MENTIONS]->(:Entity)
OPTIONAL MATCH s = (:Entity)-[:SAID]->(:Quote)-[:IN]->(a)
RETURN a, m, s`
}

/** the GraphQL query of the article page, for GraphiQL */
export function articleGraphQL(id: string): string {
  return `# The article of the reading view, as the API answers it
query Article {
  article(id: ${graphqlString(id)}) {
    id title publishedAt authors publisher url
    entities { count entity { id name type } }
    quotes { id text kind cue speakerName speaker { id name type } about { name type } }
  }
}`
}

function legend(): Html {
  return html`<section aria-labelledby="legend-h" class="legend"><h2 id="legend-h">Key</h2>
<ul>
<li><span class="m t-person">Person</span> solid underline</li>
<li><span class="m t-org">Organisation</span> dashed underline</li>
<li><span class="m t-country">Country</span> double underline</li>
<li><span class="m t-place">Place</span> dotted underline</li>
<li><span class="q q-direct">“Direct quote”</span> solid bar at the left, labelled <em>direct quote</em></li>
<li><span class="q q-indirect">Reported speech</span> dashed outline, labelled <em>reported speech</em></li>
</ul></section>`
}

export function articlePage(row: ArticlePageRow, links: PageLinks): string {
  const a = row.article
  const title = a.title || a.id
  const text = row.text ?? ''
  const body = raw(highlight(text, articleSpans(row)))
  const browserUrl = `${links.neo4jBrowser}/browser/?cmd=edit&arg=${encodeURIComponent(articleCypher(a.id))}`
  const graphiqlUrl = `/graphql?query=${encodeURIComponent(articleGraphQL(a.id))}`
  const byType = (type: string) => row.mentions.filter((m) => m.entity.type === type)
  return layout(title, html`<main id="main">
<article aria-labelledby="title">
<h1 id="title">${title}</h1>
<p class="meta">${a.publishedAt ? html`<time datetime="${a.publishedAt}">${a.publishedAt}</time>` : 'undated'}${a.authors.length ? html` · by ${a.authors.join(', ')}` : ''}${a.publisher ? html` · ${a.publisher}` : ''}${a.dateline ? html` · ${a.dateline}` : ''}</p>
<div class="text" id="article-text">${body}</div>
</article>
</main>
<aside aria-label="About this article">
<section aria-labelledby="open-h"><h2 id="open-h">Open elsewhere</h2>
<ul class="plain">
<li><a href="${browserUrl}" rel="noopener">The article's subgraph in Neo4j Browser</a></li>
<li><a href="${graphiqlUrl}">Its GraphQL query in GraphiQL</a></li>
${a.url ? html`<li><a href="${a.url}" rel="noopener noreferrer">The original</a></li>` : ''}
</ul></section>
<section aria-labelledby="meta-h"><h2 id="meta-h">Metadata</h2>
<dl>
<dt>Id</dt><dd><code>${a.id}</code></dd>
${a.source ? html`<dt>Source</dt><dd><code>${a.source}</code></dd>` : ''}
<dt>Quotes</dt><dd>${row.quotes.length} (${row.quotes.filter((q) => q.kind === 'indirect').length} reported)</dd>
<dt>Entities</dt><dd>${row.mentions.length}</dd>
</dl></section>
${row.roles.length ? html`<section aria-labelledby="roles-h"><h2 id="roles-h">Roles</h2><ul class="plain">${row.roles.map((r) => html`<li>${entityLink(r.person)}: ${r.title}, ${entityLink(r.organisation)}</li>`)}</ul></section>` : ''}
<section aria-labelledby="ents-h"><h2 id="ents-h">Who and what it names</h2>
${['Person', 'Organisation', 'Country', 'Place'].map((t) => {
  const ms = byType(t)
  return ms.length ? html`<h3>${t === 'Person' ? 'People' : t === 'Country' ? 'Countries' : `${t}s`}</h3><ul class="plain">${ms.map((m) => html`<li>${entityLink(m.entity)} <span class="counts">×${m.count}</span></li>`)}</ul>` : ''
})}
</section>
${legend()}
</aside>`, { wide: true })
}

// ---------------------------------------------------------------------------------------------
// /view/entity/:id

/**
 * A statement's text cut at its quoted fragments (offsets into the article, `start` its own): the
 * pieces in order, each marked whether it is quoted. Fragments outside the text or out of order are
 * ignored; without fragments the whole text is one unquoted piece.
 */
export function quotePieces(text: string, start: number | null, fragments: QuoteFragment[]): { text: string; quoted: boolean }[] {
  const pieces: { text: string; quoted: boolean }[] = []
  let at = 0
  if (start !== null) {
    for (const f of fragments) {
      if (typeof f.start !== 'number' || typeof f.end !== 'number') continue
      const s = f.start - start
      const e = f.end - start
      if (!(s >= at && e > s && e <= text.length)) continue
      if (s > at) pieces.push({ text: text.slice(at, s), quoted: false })
      pieces.push({ text: text.slice(s, e), quoted: true })
      at = e
    }
  }
  if (at < text.length) pieces.push({ text: text.slice(at), quoted: false })
  return pieces
}

/**
 * A listed quote's words: in a direct quote the words between its quoted parts ("she said") are the
 * attribution, shown aside; in a mixed quote its quoted parts are underlined as on the article page.
 */
function quoteWords(q: ListedQuote): Html {
  const pieces = quotePieces(q.text, q.start, quoteFragments(q.fragments))
  if (q.kind === 'direct' && pieces.some((p) => p.quoted)) {
    return html`${pieces.map((p) => (p.quoted || !/\p{L}/u.test(p.text) ? html`${p.text}` : html`<span class="q-aside">${p.text}</span>`))}`
  }
  if (q.kind === 'mixed') return html`${pieces.map((p) => (p.quoted ? html`<span class="fragment">${p.text}</span>` : html`${p.text}`))}`
  return html`${q.text}`
}

function listedQuote(q: ListedQuote, speaker?: Html): Html {
  const kind = KIND_LABEL[q.kind] ?? q.kind
  return html`<li class="${quoteClass(q.kind)}-item"><blockquote class="${quoteClass(q.kind)}" data-kind="${q.kind}"><p>${quoteWords(q)}</p></blockquote>
<p class="source">${speaker ? html`${speaker}, ` : ''}<span class="q-kind">${kind}</span>${q.cue ? html` (“${q.cue}”)` : ''} · <a class="quote-link" href="${articleHref(q.article.id, q.position)}">${q.article.title || q.article.id}, quote ${q.position}</a>${q.publishedAt ? html` · <time datetime="${q.publishedAt}">${q.publishedAt}</time>` : ''}</p></li>`
}

export function entityPage(row: EntityPageRow): string {
  const e = row.entity
  const heard = row.about.reduce((n, g) => n + g.count, 0)
  return layout(e.name, html`<main id="main">
<h1 id="title">${e.name} <span class="type-tag ${typeClass(e.type)}">${e.type}</span></h1>
<p class="meta">Mentioned ${row.mentionCount} times in ${row.articleCount} articles · ${heard} quotes about ${e.name} in the groups below · ${row.saidCount} quotes by ${e.name}</p>
<section aria-labelledby="about-h"><h2 id="about-h">Who said what about ${e.name}</h2>
${row.about.length === 0 ? html`<p>No quote is about ${e.name}.</p>` : row.about.map((g, i) => html`<section class="speaker-group" aria-labelledby="sp-${i}">
<h3 id="sp-${i}">${g.speaker ? entityLink(g.speaker) : html`${g.speakerName || 'Unknown speaker'} <span class="type-tag t-other">not resolved</span>`} <span class="counts">${g.count} ${g.count === 1 ? 'quote' : 'quotes'}${g.count > g.quotes.length ? html`, newest ${g.quotes.length} shown` : ''}</span></h3>
<ul class="quotes">${g.quotes.map((q) => listedQuote(q))}</ul>
</section>`)}
</section>
<section aria-labelledby="said-h"><h2 id="said-h">What ${e.name} said</h2>
${row.said.length === 0 ? html`<p>No quote is attributed to ${e.name}.</p>` : html`${row.saidCount > row.said.length ? html`<p>The newest ${row.said.length} of ${row.saidCount}.</p>` : ''}<ul class="quotes">${row.said.map((q) => listedQuote(q))}</ul>`}
</section>
<section aria-labelledby="time-h"><h2 id="time-h">Over time</h2>
${timelineChart(row.timeline, e.name)}
</section>
</main>
<aside aria-label="About ${e.name}">
<section aria-labelledby="names-h"><h2 id="names-h">Names</h2>
<dl><dt>Id</dt><dd><code>${e.id}</code></dd>
<dt>Aliases</dt><dd>${e.aliases.length ? e.aliases.join(', ') : 'none'}</dd></dl>
</section>
${row.roles.length ? html`<section aria-labelledby="roles-h"><h2 id="roles-h">Roles</h2><ul class="plain">${row.roles.map((r) => html`<li>${r.title}${r.organisation ? html`, ${entityLink(r.organisation)}` : ''}</li>`)}</ul></section>` : ''}
${row.members.length ? html`<section aria-labelledby="members-h"><h2 id="members-h">People in roles here</h2><ul class="plain">${row.members.map((m) => html`<li>${entityLink(m.person)}: ${m.title}</li>`)}</ul></section>` : ''}
<section aria-labelledby="related-h"><h2 id="related-h">Related</h2>
${row.related.length === 0 ? html`<p>None.</p>` : html`<ul class="plain">${row.related.map((r) => html`<li>${entityLink(r.entity)}${r.verbs.length ? html` <span class="counts">(${r.verbs.join(', ')})</span>` : ''}</li>`)}</ul>`}
</section>
</aside>`, { wide: true })
}

export function messagePage(title: string, what: string): string {
  return layout(title, html`<main id="main"><h1>${title}</h1><p>${what}</p><p><a href="/view/">Back to the reading view</a></p></main>`)
}

export const notFoundPage = (what: string): string => messagePage('Not found', what)
