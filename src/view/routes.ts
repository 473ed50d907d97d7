// The reading view under /view/, answered before GraphQL sees the request (a yoga plugin, like
// health.ts): server-rendered pages over the queries of queries.ts, one round trip per page (the
// index page with a search: two). Pages carry a strict Content-Security-Policy: scripts and styles
// only from /view/static/, nothing inline, no frames, no plugins.
import { readFileSync } from 'node:fs'
import type { Plugin } from 'graphql-yoga'
import { SEARCH, int, searchInTurn, searchLuceneQueries, searchParams } from '../graph/read.ts'
import type { ReadExecutor } from '../graph/read.ts'
import { articlePage, entityPage, indexPage, messagePage, notFoundPage } from './pages.ts'
import type { PageLinks } from './pages.ts'
import { VIEW_ARTICLE, VIEW_ENTITY, VIEW_LATEST_ARTICLES } from './queries.ts'
import type { ArticlePageRow, EntityPageRow, LatestArticleRow, ViewEntity } from './queries.ts'

export const VIEW_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const SECURITY_HEADERS = {
  'content-security-policy': VIEW_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
}

const STATIC: Record<string, { file: URL; type: string }> = {
  '/view/static/view.css': { file: new URL('./static/view.css', import.meta.url), type: 'text/css; charset=utf-8' },
  '/view/static/view.js': { file: new URL('./static/view.js', import.meta.url), type: 'text/javascript; charset=utf-8' },
}

const LATEST = 20
const SEARCH_RESULTS = 20
const MAX_QUERY = 200

export interface ViewOptions {
  db: ReadExecutor
  links: PageLinks
}

const page = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS } })

/** the id in /view/<kind>/<id>, decoded; null when it is not a well-formed encoding */
function idAfter(pathname: string, prefix: string): string | null {
  try {
    const id = decodeURIComponent(pathname.slice(prefix.length))
    return id.length > 0 && id.length <= 1000 ? id : null
  } catch {
    return null
  }
}

async function route(url: URL, opts: ViewOptions): Promise<Response | null> {
  const { pathname } = url
  const file = STATIC[pathname]
  if (file) {
    return new Response(readFileSync(file.file), { status: 200, headers: { 'content-type': file.type, 'cache-control': 'max-age=300', ...SECURITY_HEADERS } })
  }
  if (pathname === '/view') return new Response(null, { status: 308, headers: { location: '/view/' } })
  if (pathname === '/view/') {
    const query = (url.searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY)
    const [latest, found] = await Promise.all([
      opts.db.run(VIEW_LATEST_ARTICLES, { limit: int(LATEST) }),
      searchInTurn(searchLuceneQueries(query), (lucene) => opts.db.run(SEARCH, searchParams(lucene, SEARCH_RESULTS))),
    ])
    const results = query ? found.map((r) => r.entity as ViewEntity) : null
    return page(200, indexPage(latest as unknown as LatestArticleRow[], { query, results }))
  }
  if (pathname.startsWith('/view/article/')) {
    const id = idAfter(pathname, '/view/article/')
    if (id === null) return page(400, notFoundPage('That is not a well-formed article id.'))
    const [row] = await opts.db.run(VIEW_ARTICLE, { id })
    if (!row) return page(404, notFoundPage(`No article has the id “${id}”.`))
    return page(200, articlePage(row as unknown as ArticlePageRow, opts.links))
  }
  if (pathname.startsWith('/view/entity/')) {
    const id = idAfter(pathname, '/view/entity/')
    if (id === null) return page(400, notFoundPage('That is not a well-formed entity id.'))
    const [row] = await opts.db.run(VIEW_ENTITY, { id, speakers: int(10), perSpeaker: int(5), said: int(10), related: int(12), verbScan: int(50) })
    if (!row) return page(404, notFoundPage(`No entity has the id “${id}”.`))
    return page(200, entityPage(row as unknown as EntityPageRow))
  }
  return page(404, notFoundPage('There is no such page.'))
}

/** The reading view as a yoga plugin: GET /view/... ends the request with a page. */
export function useReadingView(opts: ViewOptions): Plugin {
  return {
    // not async: a request outside /view passes on at once, without a promise to wait for
    onRequest({ url, request, endResponse }) {
      if (url.pathname !== '/view' && !url.pathname.startsWith('/view/')) return
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(new Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } }))
      }
      return viewPage(url, opts, endResponse)
    },
  }
}

/** a page of the reading view, or nothing (the request goes on to yoga) when no route answers it */
async function viewPage(url: URL, opts: ViewOptions, endResponse: (res: Response) => void): Promise<void> {
  try {
    const res = await route(url, opts)
    if (res) return endResponse(res)
  } catch (err) {
    const name = (err as Error)?.name
    if (name === 'DatabaseUnavailableError') return endResponse(page(503, messagePage('Unavailable', 'The graph database does not answer; try again shortly.')))
    if (name === 'QueryTimeoutError') return endResponse(page(503, messagePage('Too slow', 'The graph took too long to answer this page; try again shortly.')))
    console.error('[view] unexpected error:', err)
    return endResponse(page(500, messagePage('Error', 'Something went wrong while reading the graph.')))
  }
}
