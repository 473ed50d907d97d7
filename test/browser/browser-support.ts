// What the browser tests need: Debian's Chromium (never a browser downloaded by a library), driven
// by playwright-core, and a page wrapper that records console errors, uncaught exceptions and
// dialogs. CHROMIUM_PATH overrides /usr/bin/chromium. Without Chromium the tests fail in CI (the
// environment says CI) and are skipped, with one line saying why, on a developer's machine.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium'
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH)
const IN_CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0'

/** screenshots of the run (kept out of git: test/browser/screenshots/ is in .gitignore) */
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url))

if (!HAVE_CHROMIUM) {
  if (IN_CI) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian's chromium package (.ci/run installs it) or CHROMIUM_PATH`)
  }
  process.stderr.write(`[browser] skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)\n`)
}

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface Browsing {
  /** one context for the tests that do not care about storage */
  context: BrowserContext
  /** a new context: no cookies, no local storage (GraphiQL keeps its tabs there) */
  fresh(): Promise<BrowserContext>
  close(): Promise<void>
}

const VIEWPORT = { width: 1280, height: 900 }

/** Chromium on a fresh profile: launch() gives it a new temporary --user-data-dir, deleted on close. */
export async function openBrowser(): Promise<Browsing> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS })
  const context = await browser.newContext({ viewport: VIEWPORT })
  return {
    context,
    fresh: () => browser.newContext({ viewport: VIEWPORT }),
    close: () => browser.close(),
  }
}

export interface WatchedPage {
  page: Page
  /** console errors and uncaught exceptions so far */
  errors: string[]
  /** dialogs (alert, confirm, prompt) that opened; each is dismissed */
  dialogs: string[]
}

export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage()
  const errors: string[] = []
  const dialogs: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`))
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  return { page, errors, dialogs }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const path = join(SCREENSHOTS, name)
  await page.screenshot({ path, fullPage: false })
  return path
}
