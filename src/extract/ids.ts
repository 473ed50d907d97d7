// The article's stable id: `url:<sha1 of URL>` when it has a URL, else `text:<sha1 of text>`.
// Re-reading the same article (same URL, or same text) gives the same id, so re-ingestion replaces it.
import { createHash } from 'node:crypto'

export function sha1(s: string): string {
  return createHash('sha1').update(s, 'utf8').digest('hex')
}

export function articleId(url: string | null | undefined, text: string): string {
  const u = url?.trim()
  return u ? `url:${sha1(u)}` : `text:${sha1(text)}`
}
