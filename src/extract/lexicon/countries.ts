// Countries, their aliases and demonyms, from the world-countries package plus a small table of
// the forms news writes that the package lacks ("U.S.", "America", "Britain", "Turkey").
// Phrases are keyed by their token sequence joined with single spaces (see phraseKey).
import { createRequire } from 'node:module'
import type { Countries } from 'world-countries'

// the package is CommonJS whose typings declare an ES default export; load its data file directly
const countries = createRequire(import.meta.url)('world-countries/countries.json') as Countries

export interface CountryInfo {
  /** ISO 3166-1 alpha-2 (ISO 3166-2 for the nations of the United Kingdom: GB-ENG, GB-SCT, GB-WLS, GB-NIR) */
  code: string
  /** the name used for the entity */
  name: string
}

/** Names the entity should carry when the package's common name is not the usual English one. */
const DISPLAY_NAME: Record<string, string> = { TR: 'Turkey', CZ: 'Czech Republic', CD: 'Democratic Republic of the Congo' }

/** Extra aliases, by ISO code. */
const EXTRA_ALIASES: Record<string, string[]> = {
  US: ['U.S.', 'U.S', 'U.S.A.', 'US', 'USA', 'America', 'United States', 'the United States'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain'],
  RU: ['Russia', 'Soviet Union', 'USSR'],
  KR: ['South Korea', 'Republic of Korea', 'ROK'],
  KP: ['North Korea', 'DPRK'],
  TR: ['Turkey'],
  CZ: ['Czech Republic'],
  NL: ['Holland', 'Netherlands'],
  MM: ['Burma'],
  CD: ['Congo-Kinshasa', 'Zaire'],
  CN: ['China', 'PRC'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  VA: ['Vatican', 'Holy See'],
  PS: ['Gaza', 'West Bank', 'Palestinian Territories'],
  BA: ['Bosnia'],
  MK: ['Macedonia'],
  CI: ['Ivory Coast'],
  // the spelling of the 1990s wires; "U.S" is how wink reads "U.S." before a full stop or at a line's start
  KZ: ['Kazakstan'],
}

/** Demonyms the package lacks or gives to a different country. */
const EXTRA_DEMONYMS: Record<string, string[]> = {
  US: ['American', 'Americans', 'U.S.'],
  GB: ['British', 'Briton', 'Britons'],
  RU: ['Russian', 'Russians', 'Soviet'],
  NL: ['Dutch'],
  CD: ['Congolese'],
  KP: ['North Korean', 'North Koreans'],
  KR: ['South Korean', 'South Koreans'],
  IL: ['Israeli', 'Israelis'],
  PS: ['Palestinian', 'Palestinians'],
  BA: ['Bosnian', 'Bosnians'],
  TR: ['Turk', 'Turks', 'Turkish'],
  CN: ['Chinese'],
  DE: ['German', 'Germans'],
  FR: ['French'],
  // the package gives Central Asia and the Caucasus only their "-stani" or Russian-style forms ("Tadzhik")
  TJ: ['Tajik', 'Tajiks'],
  KZ: ['Kazakh', 'Kazakhs'],
  UZ: ['Uzbek', 'Uzbeks'],
  KG: ['Kyrgyz'],
  AZ: ['Azeri', 'Azeris'],
}

/**
 * The nations of the United Kingdom, each its own country entity (ISO 3166-2 code): news names
 * England, Scotland, Wales and Northern Ireland as such (their own parliaments, ministers, teams),
 * not as the United Kingdom, which "UK", "Britain" and "British" name.
 */
const NATIONS: { code: string; name: string; aliases: string[]; demonyms: string[] }[] = [
  { code: 'GB-ENG', name: 'England', aliases: ['England'], demonyms: ['English'] },
  { code: 'GB-SCT', name: 'Scotland', aliases: ['Scotland'], demonyms: ['Scottish', 'Scot', 'Scots'] },
  { code: 'GB-WLS', name: 'Wales', aliases: ['Wales'], demonyms: ['Welsh'] },
  { code: 'GB-NIR', name: 'Northern Ireland', aliases: ['Northern Ireland'], demonyms: [] },
]

/** Two-letter codes and short forms too ambiguous to match as names on their own. */
const SKIP_ALIASES = new Set(['Mann', 'Thai', 'Viti', 'Éire', 'Island', 'Prathet', 'Togolese', 'Mannin', 'Dominique', 'Timor', 'Saudi', 'Guiana', 'Reunion', 'Pitcairn', 'IN', 'IT', 'AM', 'ME', 'NO', 'BE', 'TO', 'IS', 'AS', 'AT', 'BY', 'DO', 'GO', 'HE', 'MY', 'ON', 'SO', 'US', 'OR', 'AN', 'ID', 'AD', 'MA', 'PA', 'LA', 'GA', 'CO', 'SA', 'NE', 'AL', 'CA', 'DE', 'MD', 'NC', 'SC', 'VA', 'WA', 'TN', 'KY', 'MT', 'MO', 'MS', 'NH', 'NJ', 'NM', 'NY', 'OK', 'PR', 'SD', 'TX', 'UT', 'VT', 'WV', 'WI', 'WY', 'FL', 'MN', 'MI', 'IL', 'IA', 'KS', 'AR', 'AZ', 'CT', 'DC', 'GU', 'HI', 'LA', 'ND', 'NV', 'OH', 'OR', 'RI', 'AK'])

/**
 * Splits a phrase the way wink-nlp tokenises names: on spaces, hyphens kept as their own token,
 * a possessive "'s" split off. Joined with single spaces, it is the lookup key.
 */
export function phraseKey(phrase: string): string {
  return phrase
    .replace(/-/g, ' - ')
    .replace(/(['’]s)\b/g, ' $1')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
}

export const COUNTRY_BY_CODE = new Map<string, CountryInfo>()
/** exact-case phrase key -> country code (names and aliases) */
export const COUNTRY_NAMES = new Map<string, string>()
/** lowercase phrase key -> country code (names and aliases), for typing spans found otherwise */
export const COUNTRY_NAMES_LOWER = new Map<string, string>()
/** exact-case phrase key -> country code (demonyms, singular and plural) */
export const DEMONYMS = new Map<string, string>()
export const DEMONYMS_LOWER = new Map<string, string>()
/** lowercase capital-city name -> country code */
export const CAPITALS = new Map<string, string>()
/** first token of every country name or demonym -> longest phrase length in tokens */
export const COUNTRY_FIRST = new Map<string, number>()

function addName(map: Map<string, string>, lower: Map<string, string>, phrase: string, code: string, overwrite: boolean): void {
  const key = phraseKey(phrase)
  if (!key || SKIP_ALIASES.has(key) && !(EXTRA_ALIASES[code] ?? []).includes(key)) return
  if (/[^\p{Script=Latin}\p{P}\s\d]/u.test(key)) return
  if (overwrite || !map.has(key)) map.set(key, code)
  const lk = key.toLowerCase()
  if (overwrite || !lower.has(lk)) lower.set(lk, code)
  const first = key.split(' ')[0]
  const len = key.split(' ').length
  COUNTRY_FIRST.set(first, Math.max(COUNTRY_FIRST.get(first) ?? 0, len))
}

function plural(demonym: string): string[] {
  if (/(ese|ss|sh|ch|i)$/.test(demonym)) return demonym.endsWith('i') ? [demonym + 's'] : []
  return [demonym + 's']
}

for (const c of countries) {
  const code = c.cca2
  COUNTRY_BY_CODE.set(code, { code, name: DISPLAY_NAME[code] ?? c.name.common })
  addName(COUNTRY_NAMES, COUNTRY_NAMES_LOWER, c.name.common, code, false)
  addName(COUNTRY_NAMES, COUNTRY_NAMES_LOWER, c.name.official, code, false)
  for (const alt of c.altSpellings) if (alt.length > 3) addName(COUNTRY_NAMES, COUNTRY_NAMES_LOWER, alt, code, false)
  const d = c.demonyms?.eng
  if (d) for (const form of new Set([d.m, d.f])) {
    if (!form) continue
    for (const f of [form, ...plural(form)]) addName(DEMONYMS, DEMONYMS_LOWER, f, code, false)
  }
  for (const cap of c.capital ?? []) CAPITALS.set(cap.toLowerCase(), code)
}
for (const [code, list] of Object.entries(EXTRA_ALIASES)) for (const a of list) addName(COUNTRY_NAMES, COUNTRY_NAMES_LOWER, a.replace(/^the /, ''), code, true)
for (const [code, list] of Object.entries(EXTRA_DEMONYMS)) for (const a of list) addName(DEMONYMS, DEMONYMS_LOWER, a, code, true)
for (const n of NATIONS) {
  COUNTRY_BY_CODE.set(n.code, { code: n.code, name: n.name })
  for (const a of n.aliases) addName(COUNTRY_NAMES, COUNTRY_NAMES_LOWER, a, n.code, true)
  for (const d of n.demonyms) addName(DEMONYMS, DEMONYMS_LOWER, d, n.code, true)
}
CAPITALS.set('washington', 'US')

export function countryName(code: string): string {
  return COUNTRY_BY_CODE.get(code)?.name ?? code
}
