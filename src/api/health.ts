// Liveness, readiness and the Neo4j Browser files, answered before GraphQL sees the request.
//   /healthz  the process is up (always 200)
//   /readyz   Neo4j answers a trivial query within 2 s (200), else 503 with the reason
//   /browser/style.grass, /browser/guide   served from schema/browser/ when present (404 otherwise),
//             with CORS so Neo4j Browser on another port can fetch them
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'graphql-yoga'
import { PING, isUnavailable } from '../graph/read.ts'
import type { ReadExecutor } from '../graph/read.ts'

const READY_TIMEOUT_MS = 2000
const BROWSER_DIR = fileURLToPath(new URL('../../schema/browser/', import.meta.url))

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } })

async function probe(db: ReadExecutor): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`database did not answer within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS)
  })
  try {
    return await Promise.race([
      db.run(PING).then(
        () => null,
        (err: unknown) => (isUnavailable(err) || (err as Error)?.name === 'DatabaseUnavailableError' ? 'database unavailable' : 'database error'),
      ),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** the browser files: a name in the URL maps to candidate files and a content type */
const BROWSER_FILES: Record<string, { files: string[]; type: string }[]> = {
  '/browser/style.grass': [{ files: ['style.grass'], type: 'text/plain; charset=utf-8' }],
  '/browser/guide': [
    { files: ['guide.html'], type: 'text/html; charset=utf-8' },
    { files: ['guide.md'], type: 'text/markdown; charset=utf-8' },
  ],
}

function browserFile(pathname: string, dir: string): Response | null {
  const candidates = BROWSER_FILES[pathname]
  if (!candidates) return null
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS' }
  for (const c of candidates) {
    for (const f of c.files) {
      const path = `${dir}${f}`
      if (existsSync(path)) return new Response(readFileSync(path), { status: 200, headers: { 'content-type': c.type, ...cors } })
    }
  }
  return new Response(`not found: ${pathname} (no file in schema/browser/)`, { status: 404, headers: { 'content-type': 'text/plain', ...cors } })
}

export function useHealth(opts: { probe: ReadExecutor; browserDir?: string }): Plugin {
  const dir = opts.browserDir ?? BROWSER_DIR
  return {
    // not async: a GraphQL request passes on at once, without a promise to wait for (yoga runs the hooks in turn)
    onRequest({ url, request, endResponse }) {
      if (url.pathname === '/healthz') return endResponse(json(200, { status: 'ok' }))
      if (url.pathname === '/readyz') {
        return probe(opts.probe).then((problem) =>
          endResponse(problem ? json(503, { status: 'unavailable', error: problem }) : json(200, { status: 'ready' })))
      }
      if (url.pathname.startsWith('/browser/')) {
        if (request.method === 'OPTIONS') {
          return endResponse(new Response(null, { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS' } }))
        }
        const res = browserFile(url.pathname, dir)
        if (res) return endResponse(res)
      }
    },
  }
}
