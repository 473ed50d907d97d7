// The pages people look at, in a real browser (Debian's headless Chromium through playwright-core),
// over the sample corpus (examples/articles) ingested into the throwaway Neo4j of the global setup,
// plus one hostile article written for this test. The API runs in-process on a free port.
//   - GraphiQL: every example tab answers with data when Run is pressed
//   - /view/article/:id highlights exactly the mentions and quotes the API reports (offsets)
//   - entity -> quote -> article lands on the quote's anchor
//   - an article carrying HTML and script shows them as text and runs nothing
//   - no page logs a console error
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Driver } from 'neo4j-driver'
import { EXAMPLE_TABS } from '../../src/api/examples.ts'
import { ingestInputs } from '../../src/ingest/pipeline.ts'
import { ingestExamples } from '../../scripts/demo.ts'
import { gql, ok, startApi } from '../integration/api-support.ts'
import type { RunningApi } from '../integration/api-support.ts'
import { openTestDriver, resetDatabase, testConfig } from '../support/neo4j.ts'
import { HAVE_CHROMIUM, openBrowser, screenshot, watchedPage } from './browser-support.ts'
import type { Browsing, WatchedPage } from './browser-support.ts'

/** fictional; every line tries to run script if the page ever used it as markup */
const HOSTILE = {
  title: 'Harbour board <script>window.__pwned = "title"</script> meets <img src=x onerror="window.__pwned=\'img\'">',
  date: '2026-04-01',
  url: 'https://hostile.example/2026/04/01/harbour-board',
  publisher: 'The Test Gazette <b>bold</b>',
  authors: ['Mirja <i>Tallqvist</i>'],
  text:
    'Harbour board chair Veli Kanerva met fishermen in Oulu on Tuesday. <script>window.__pwned = "text"; alert("pwned")</script>\n\n' +
    '“We will not sell the harbour <img src=x onerror="window.__pwned=\'quote\'; alert(1)">,” Mr Kanerva said. ' +
    'He added that the board </span></a><a href="javascript:alert(1)">would listen</a> to Finland.\n',
}

interface ApiArticle {
  id: string
  title: string | null
  text: string
  entities: { entity: { id: string; name: string }; spans: { start: number; end: number }[] }[]
  quotes: { id: string; text: string; kind: string; start: number; end: number; speaker: { id: string } | null }[]
}

const ARTICLE_QUERY = `query A($id: ID!) { article(id: $id) { id title text
  entities { entity { id name } spans { start end } }
  quotes { id text kind start end speaker { id } } } }`

const pathOf = (id: string) => `/view/article/${encodeURIComponent(id)}`

describe.skipIf(!HAVE_CHROMIUM)('pages in a real browser', () => {
  let driver: Driver
  let api: RunningApi
  let browser: Browsing
  let articleIds: string[] = []
  let hostileId = ''
  const tmp = mkdtempSync(join(tmpdir(), 'browser-test-'))

  const visit = async (path: string): Promise<WatchedPage> => {
    const w = await watchedPage(browser.context)
    const res = await w.page.goto(`${api.url}${path}`, { waitUntil: 'load' })
    expect(res?.status(), path).toBe(200)
    return w
  }
  const noErrors = async (w: WatchedPage) => {
    expect(w.errors).toEqual([])
    expect(w.dialogs).toEqual([])
    await w.page.close()
  }
  const article = async (id: string) => ok(await gql<{ article: ApiArticle }>(api.url, ARTICLE_QUERY, { id })).article

  beforeAll(async () => {
    driver = await openTestDriver()
    const { neo4jDatabase } = testConfig()
    await resetDatabase(driver, neo4jDatabase)
    const { summary } = await ingestExamples(driver, neo4jDatabase)
    expect(summary.failures).toEqual([])
    const hostileFile = join(tmp, 'hostile.json')
    writeFileSync(hostileFile, JSON.stringify(HOSTILE))
    const written = await ingestInputs(driver, [{ path: hostileFile }], { workers: 0, database: neo4jDatabase })
    expect(written.failures).toEqual([])
    // a shared test machine can be slow to plan a page's query the first time: no 5 s timeout here
    api = await startApi({ ...testConfig(), queryTimeoutMs: 60_000 }, driver)
    const listed = ok(await gql<{ articles: { edges: { node: { id: string; url: string | null } }[] } }>(
      api.url, '{ articles(first: 100) { edges { node { id url } } } }'))
    articleIds = listed.articles.edges.map((e) => e.node.id)
    hostileId = listed.articles.edges.find((e) => e.node.url === HOSTILE.url)!.node.id
    browser = await openBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await api?.close()
    await driver?.close()
    rmSync(tmp, { recursive: true, force: true })
  })

  it('GraphiQL: every example tab answers with data when Run is pressed', { timeout: 400_000 }, async () => {
    for (let i = 0; i < EXAMPLE_TABS.length; i++) {
      const tab = `tab ${i + 1}`
      // a fresh context each time (GraphiQL keeps its tabs in local storage): the first Run after opening GraphiQL
      const context = await browser.fresh()
      const w = await watchedPage(context)
      // GraphiQL loads the schema first (an introspection query); Run is pressed once it has it, as a reader would
      const introspected = w.page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' &&
        (r.request().postData() ?? '').includes('IntrospectionQuery'), { timeout: 60_000 })
      expect((await w.page.goto(`${api.url}/graphql`, { waitUntil: 'load' }))?.status()).toBe(200)
      expect((await introspected).status(), `${tab}: GraphiQL loads the schema`).toBe(200)
      const tabs = w.page.locator('.graphiql-tabs .graphiql-tab')
      await expect.poll(() => tabs.count(), { timeout: 60_000, message: `${tab}: GraphiQL shows the example tabs` }).toBe(EXAMPLE_TABS.length)
      const operation = /query (\w+)/.exec(EXAMPLE_TABS[i].query)![1]
      // the tab is open and its query is in the editor before Run is pressed (the tabs can be dragged,
      // and a click that lands while GraphiQL still settles can be taken for the start of a drag: click again)
      await expect.poll(async () => {
        await tabs.nth(i).locator('.graphiql-tab-button').dispatchEvent('click')
        return tabs.nth(i).getAttribute('class')
      }, { timeout: 30_000, message: `${tab} opens` }).toContain('graphiql-tab-active')
      await expect.poll(async () => (await w.page.locator('.graphiql-query-editor').innerText()).replace(/\s+/g, ' '), { timeout: 30_000, message: `${tab}: its query is in the editor` })
        .toContain(`query ${operation}`)
      // Run; a press GraphiQL takes while it still settles can be lost (seen on a fresh browser: no request
      // at all), so Run is pressed again when no answer came within 15 s, at most four times
      const isRun = (r: { url(): string; request(): { method(): string; postData(): string | null } }) => r.url().endsWith('/graphql') &&
        r.request().method() === 'POST' && !(r.request().postData() ?? '').includes('IntrospectionQuery')
      let res = null
      for (let press = 0; press < 4 && !res; press++) {
        const answered = w.page.waitForResponse(isRun, { timeout: 15_000 }).catch(() => null)
        await w.page.locator('.graphiql-execute-button').click()
        res = await answered
      }
      if (!res) throw new Error(`${tab}: Run sent no query in four presses`)
      expect(res.request().postData(), tab).toContain(`query ${operation}`)
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] }
      expect(body.errors, tab).toBeUndefined()
      expect(res.status(), tab).toBe(200)
      const values = Object.values(body.data ?? {})
      expect(values.length, tab).toBeGreaterThan(0)
      // every root field answered with something (a list with items, or an object)
      for (const v of values) expect(Array.isArray(v) ? v.length : v === null ? 0 : 1, tab).toBeGreaterThan(0)
      const pane = w.page.locator('.graphiql-response')
      await expect.poll(() => pane.innerText(), { timeout: 30_000, message: `${tab}: the result pane shows the data` }).toContain('"data"')
      expect(await pane.innerText(), tab).not.toContain('"errors"')
      if (i === 0) await screenshot(w.page, 'graphiql.png')
      expect(w.errors, tab).toEqual([])
      await context.close()
    }
  })

  it('the article page highlights exactly the mentions and quotes the API reports', async () => {
    let quotes = 0
    let mentions = 0
    for (const id of articleIds) {
      const a = await article(id)
      const w = await visit(pathOf(id))
      const seen = await w.page.evaluate(() => {
        const text = document.querySelector('#article-text')!
        const uniq = (sel: string, f: (e: HTMLElement) => string) => [...new Set([...text.querySelectorAll<HTMLElement>(sel)].map(f))].sort()
        // the text as shown, without the speaker labels the view adds at each quote
        const copy = text.cloneNode(true) as HTMLElement
        copy.querySelectorAll('.q-label').forEach((l) => l.remove())
        return {
          mentions: uniq('.m', (e) => `${e.dataset.entity} ${e.dataset.start}-${e.dataset.end}`),
          quotes: uniq('.q', (e) => `${e.dataset.quote} ${e.dataset.kind} ${e.dataset.start}-${e.dataset.end}`),
          anchors: [...text.querySelectorAll<HTMLElement>('.q[id]')].map((e) => e.id),
          text: copy.textContent,
        }
      })
      const expectedMentions = a.entities.flatMap((m) => m.spans.map((s) => `${m.entity.id} ${s.start}-${s.end}`)).sort()
      const expectedQuotes = a.quotes.map((q, i) => `${i + 1} ${q.kind.toLowerCase()} ${q.start}-${q.end}`).sort()
      expect(seen.mentions, id).toEqual([...new Set(expectedMentions)].sort())
      expect(seen.quotes, id).toEqual(expectedQuotes)
      expect(seen.anchors, id).toEqual(a.quotes.map((_, i) => `q-${i + 1}`))
      expect(seen.text, id).toBe(a.text)
      quotes += a.quotes.length
      mentions += expectedMentions.length
      if (a.title?.startsWith('Finland summons')) await screenshot(w.page, 'article.png')
      await noErrors(w)
    }
    // the sample corpus has both: the comparison above compared something
    expect(quotes).toBeGreaterThan(20)
    expect(mentions).toBeGreaterThan(100)
  })

  it('entity -> quote -> article lands on the quote', async () => {
    const found = ok(await gql<{ entity: { id: string } }>(api.url, '{ entity(name: "Finland") { id } }'))
    const w = await visit(`/view/entity/${encodeURIComponent(found.entity.id)}`)
    await screenshot(w.page, 'entity.png')
    // a direct quote in two parts shows the attribution between them aside ("…,” she said. “…")
    const asides = w.page.locator('blockquote.q-direct .q-aside')
    expect(await asides.count()).toBeGreaterThan(0)
    expect(await asides.first().innerText()).toMatch(/\bsaid\b/)
    const links = w.page.locator('a.quote-link')
    expect(await links.count()).toBeGreaterThan(3)
    // the third listed quote, followed with the keyboard
    const link = links.nth(2)
    const quoted = (await link.locator('xpath=ancestor::li[1]//blockquote').innerText()).trim()
    const href = (await link.getAttribute('href'))!
    expect(href).toMatch(/^\/view\/article\/[^#?/]+#q-\d+$/)
    await link.focus()
    await Promise.all([w.page.waitForURL((u) => u.pathname.startsWith('/view/article/')), w.page.keyboard.press('Enter')])
    const n = /#q-(\d+)$/.exec(href)![1]
    const landed = new URL(w.page.url())
    expect(landed.hash).toBe(`#q-${n}`)
    const at = await w.page.evaluate((id) => {
      const el = document.getElementById(id)!
      const r = el.getBoundingClientRect()
      const copy = el.cloneNode(true) as HTMLElement
      copy.querySelectorAll('.q-label').forEach((l) => l.remove())
      return { start: Number(el.dataset.start), text: copy.textContent, focused: document.activeElement?.id, top: r.top, height: innerHeight }
    }, `q-${n}`)
    const a = await article(decodeURIComponent(landed.pathname.slice('/view/article/'.length)))
    // anchors number the quotes in reading order (start, then id), as the view's position does; the API
    // lists an article's quotes by id, and a headline attribution (issue 15) has a later id but an earlier start
    const inReadingOrder = [...a.quotes].sort((x, y) => x.start - y.start || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    const quote = inReadingOrder[Number(n) - 1]
    expect(at.start).toBe(quote.start)
    expect(quote.text.trim()).toBe(quoted)
    expect(at.text).toContain(quote.text.slice(1, -1).trim().slice(0, 40))
    expect(at.focused).toBe(`q-${n}`)
    expect(at.top).toBeGreaterThanOrEqual(-1) // scrolled to the top edge, within a sub-pixel of it
    expect(at.top).toBeLessThan(at.height)
    await screenshot(w.page, 'article-at-quote.png')
    await noErrors(w)
  })

  it("the article page's links open its GraphQL query in GraphiQL and its subgraph in Neo4j Browser", async () => {
    const id = articleIds[0]
    const w = await visit(pathOf(id))
    const browserHref = (await w.page.locator('a', { hasText: 'subgraph in Neo4j Browser' }).getAttribute('href'))!
    const cmd = new URL(browserHref)
    expect(cmd.pathname).toBe('/browser/')
    expect(cmd.searchParams.get('cmd')).toBe('edit')
    expect(cmd.searchParams.get('arg')).toContain(`{id: '${id}'}`)
    await Promise.all([w.page.waitForURL(/\/graphql\?query=/), w.page.locator('a', { hasText: 'GraphQL query in GraphiQL' }).click()])
    await w.page.locator('.graphiql-execute-button').waitFor()
    const answered = w.page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' &&
      (r.request().postData() ?? '').includes('query Article'))
    await w.page.locator('.graphiql-execute-button').click()
    const body = (await (await answered).json()) as { data?: { article?: { id: string; quotes: unknown[] } }; errors?: unknown[] }
    expect(body.errors).toBeUndefined()
    expect(body.data?.article?.id).toBe(id)
    await noErrors(w)
  })

  it('a hostile article shows its HTML and script as text and runs nothing', async () => {
    const pages = [pathOf(hostileId), `/view/?q=${encodeURIComponent('<script>alert(1)</script> Kanerva')}`]
    const a = await article(hostileId)
    const kanerva = a.entities.find((m) => m.entity.name.includes('Kanerva'))
    if (kanerva) pages.push(`/view/entity/${encodeURIComponent(kanerva.entity.id)}`)
    for (const path of pages) {
      const w = await visit(path)
      await w.page.waitForTimeout(300)
      expect(await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), path).toBeUndefined()
      expect(await w.page.locator('main script, aside script, main img, main [onerror]').count(), path).toBe(0)
      const csp = (await w.page.request.get(`${api.url}${path}`)).headers()['content-security-policy']
      expect(csp).toContain("script-src 'self'")
      await noErrors(w)
    }
    const w = await visit(pathOf(hostileId))
    expect(await w.page.locator('h1').innerText()).toBe(HOSTILE.title)
    expect(await w.page.locator('#article-text').innerText()).toContain('<script>window.__pwned = "text"; alert("pwned")</script>')
    expect(await w.page.locator('#article-text a[href^="javascript:"]').count()).toBe(0)
    await noErrors(w)
  })

  it('the index page lists the latest articles and finds entities with the API search', async () => {
    const w = await visit('/view/')
    expect(await w.page.locator('ol.articles li').count()).toBe(Math.min(20, articleIds.length))
    await w.page.locator('#q').fill('lehtinin')
    await Promise.all([w.page.waitForURL(/\/view\/\?q=lehtinin/), w.page.keyboard.press('Enter')])
    const api1 = ok(await gql<{ search: { id: string }[] }>(api.url, '{ search(query: "lehtinin", first: 20) { id } }'))
    const hrefs = await w.page.locator('ul.results a.entity').evaluateAll((as) => as.map((x) => (x as HTMLAnchorElement).pathname))
    expect(hrefs).toEqual(api1.search.map((e) => `/view/entity/${encodeURIComponent(e.id)}`))
    expect(hrefs.length).toBeGreaterThan(0)
    await screenshot(w.page, 'search.png')
    await noErrors(w)
  })

  it('each page costs one Cypher round trip (two with a search), and says how long the server took', async () => {
    const finland = ok(await gql<{ entity: { id: string } }>(api.url, '{ entity(name: "Finland") { id } }')).entity.id
    const pages: [string, number][] = [
      ['/view/', 1],
      ['/view/?q=lehtinen', 2],
      [pathOf(articleIds[0]), 1],
      [`/view/entity/${encodeURIComponent(finland)}`, 1],
    ]
    const lines: string[] = []
    for (const [path, trips] of pages) {
      const times: number[] = []
      for (let i = 0; i < 7; i++) {
        const before = api.app.db.roundTrips
        const t0 = performance.now()
        const res = await fetch(`${api.url}${path}`)
        await res.text()
        times.push(performance.now() - t0)
        expect(res.status, path).toBe(200)
        expect(api.app.db.roundTrips - before, path).toBe(trips)
      }
      times.sort((a, b) => a - b)
      lines.push(`${path.padEnd(60)} median ${times[3].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[6].toFixed(0)})`)
    }
    process.stderr.write(`[browser] server time per page, sample corpus (7 GETs each):\n${lines.join('\n')}\n`)
  })
})
