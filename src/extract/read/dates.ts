// Dates as the readers meet them -> YYYY-MM-DD (the date as written; no time-zone shifting).

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?'
const MONTH_DAY_YEAR = new RegExp(`^(?:[a-z]+,?\\s+)?${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i')
const DAY_MONTH_YEAR = new RegExp(`^(?:[a-z]+,?\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s+(\\d{4})\\b`, 'i')
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?![\d])/

/** A line that is just a written date ("October 29, 2024", "Tuesday 29 October 2024"), as news pages print it. */
export function isDateLine(line: string): boolean {
  const s = line.trim()
  return s.length <= 40 && (MONTH_DAY_YEAR.test(s) || DAY_MONTH_YEAR.test(s) || ISO.test(s))
}

function ymd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function monthIndex(name: string): number {
  const key = name.toLowerCase().slice(0, 3)
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1
}

/** YYYY-MM-DD from an ISO string, a written date, or epoch seconds/milliseconds; null when it is none of these. */
export function normaliseDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value < 1e11 ? value * 1000 : value
    const d = new Date(ms)
    return Number.isNaN(d.getTime()) ? null : ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  }
  if (typeof value !== 'string') return null
  const s = value.trim()
  let m = ISO.exec(s)
  if (m) return ymd(+m[1], +m[2], +m[3])
  m = MONTH_DAY_YEAR.exec(s)
  if (m) return ymd(+m[3], monthIndex(m[1]), +m[2])
  m = DAY_MONTH_YEAR.exec(s)
  if (m) return ymd(+m[3], monthIndex(m[2]), +m[1])
  const t = new Date(s)
  if (s === '' || Number.isNaN(t.getTime())) return null
  return ymd(t.getFullYear(), t.getMonth() + 1, t.getDate())
}
