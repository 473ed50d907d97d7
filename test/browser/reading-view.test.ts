// The pages people look at, in a real browser (Debian's headless Chromium through playwright-core),
// over the sample corpus (examples/articles) ingested into the throwaway Neo4j of the global setup,
// plus one hostile article written for this test. The API runs in-process on a free port.
//   - GraphiQL: every example tab answers with data on its first Run
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

  it('GraphiQL: every example tab answers with data on its first Run', async () => {
    for (let i = 0; i < EXAMPLE_TABS.length; i++) {
      // a fresh page of a fresh profile each time: the first Run after opening GraphiQL
      await browser.context.clearCookies()
      const w = await visit('/graphql')
      await w.page.evaluate(() => localStorage.clear())
      await w.page.reload({ waitUntil: 'load' })
      const tabs = w.page.locator('.graphiql-tab')
      await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(EXAMPLE_TABS.length)
      await tabs.nth(i).locator('.graphiql-tab-button').click()
      const answered = w.page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' &&
        (r.request().postData() ?? '').includes(EXAMPLE_TABS[i].query.split('\n')[1].split('(')[0]))
      await w.page.locator('.graphiql-execute-button').click()
      const body = (await (await answered).json()) as { data?: Record<string, unknown>; errors?: unknown[] }
      expect(body.errors, `tab ${i + 1}`).toBeUndefined()
      const values = Object.values(body.data ?? {})
      expect(values.length, `tab ${i + 1}`).toBeGreaterThan(0)
      // every root field answered with something (a list with items, or an object)
      for (const v of values) expect(Array.isArray(v) ? v.length : v === null ? 0 : 1, `tab ${i + 1}`).toBeGreaterThan(0)
      const pane = w.page.locator('.graphiql-response')
      await expect.poll(() => pane.innerText(), { timeout: 15_000 }).toContain('"data"')
      expect(await pane.innerText()).not.toContain('"errors"')
      await noErrors(w)
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
    const quote = a.quotes[Number(n) - 1]
    expect(at.start).toBe(quote.start)
    expect(quote.text.trim()).toBe(quoted)
    expect(at.text).toContain(quote.text.slice(1, -1).trim().slice(0, 40))
    expect(at.focused).toBe(`q-${n}`)
    expect(at.top).toBeGreaterThanOrEqual(0)
    expect(at.top).toBeLessThan(at.height)
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
    await noErrors(w)
  })
})
