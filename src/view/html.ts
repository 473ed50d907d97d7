// Safe HTML by construction: `html` is a tagged template whose interpolated values are escaped
// unless they are themselves `Html` (made by `html` or, for text the view built itself, `raw`).
// Every text from an article, an entity or a request passes through `escapeHtml`.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

/** markup the view wrote itself (never text from an article or a request) */
export const raw = (s: string): Html => new Html(s)

type Part = Html | string | number | null | undefined | false | readonly Part[]

function render(v: Part): string {
  if (v === null || v === undefined || v === false) return ''
  if (v instanceof Html) return v.value
  if (Array.isArray(v)) return v.map(render).join('')
  return escapeHtml(String(v))
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]
  return new Html(out)
}

/** an id in a URL path segment (article ids hold ':' and '#') */
export const seg = (id: string): string => encodeURIComponent(id)

export const articleHref = (id: string, quotePosition?: number): string =>
  `/view/article/${seg(id)}${quotePosition ? `#q-${quotePosition}` : ''}`

export const entityHref = (id: string): string => `/view/entity/${seg(id)}`
