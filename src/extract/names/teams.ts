// Sports teams named after their place. In a sports report "England beat Pakistan by 107 runs",
// "Chicago 4 Houston 3" or "Austria and Scotland drew 0-0" name teams, not the country or the city:
// a news product wants "England cricket team" as an entity of its own, apart from England the
// country (which the same report may name too: "BIRMINGHAM , England", "in England").
//
// An article is a sports report when its words say so (sport names and the vocabulary of results:
// wickets, innings, goals, halftime, homers, ...). In such an article
// - a country's name (not a demonym) is its team, unless it is used as a place: after "in", "from",
//   "near" ..., in a dateline ("LONDON 1996-08-30", "BIRMINGHAM , England"), or in brackets after a
//   player's name ("Thomas Muster ( Austria )": a nationality);
// - a city's or region's name (typed Place or Organisation) is its team when one of its mentions in
//   the article is used as a team: in a results line ("Chicago 4 Houston 3"), before a result verb
//   ("Texas beat Cleveland"), after one ("drew with Texas", "lost to Texas", "against Texas"); then
//   all its mentions that are not used as a place are the team.
// The team is an organisation named "<place> <sport> team" when the article's sport is clear
// ("England cricket team", "Chicago baseball team"), else "<place> national team" for a country
// and "<place> team" for a city.
import type { Doc } from '../nlp.ts'
import { CAPITALS, COUNTRY_NAMES_LOWER, countryName } from '../lexicon/countries.ts'
import { US_STATES } from '../lexicon/names.ts'
import { KNOWN_ORGS, ORG_HINTS } from '../lexicon/words.ts'

/** The words of the article's sport (lowercase). */
const SPORT_WORDS = new Map<string, string>([
  ['cricket', 'cricket'], ['wicket', 'cricket'], ['wickets', 'cricket'], ['innings', 'cricket'], ['overs', 'cricket'],
  ['batsman', 'cricket'], ['batsmen', 'cricket'], ['bowler', 'cricket'], ['bowled', 'cricket'], ['one-day', 'cricket'],
  ['soccer', 'football'], ['football', 'football'], ['halftime', 'football'], ['striker', 'football'], ['midfielder', 'football'],
  ['goalkeeper', 'football'],
  ['rugby', 'rugby'], ['scrum-half', 'rugby'], ['fly-half', 'rugby'],
  ['tennis', 'tennis'], ['seeded', 'tennis'],
  ['baseball', 'baseball'], ['inning', 'baseball'], ['homer', 'baseball'], ['homers', 'baseball'], ['rbi', 'baseball'],
  ['pitcher', 'baseball'], ['bullpen', 'baseball'],
  ['basketball', 'basketball'], ['rebounds', 'basketball'],
  ['hockey', 'hockey'],
  // any sport: they count towards a sports report, not towards which sport
  ['match', ''], ['matches', ''], ['tournament', ''], ['semifinal', ''], ['semifinals', ''], ['semi-final', ''], ['quarter-final', ''],
  ['qualifier', ''], ['championship', ''], ['league', ''], ['standings', ''],
])

const SPORT_NAMES = new Set(['cricket', 'soccer', 'rugby', 'tennis', 'baseball', 'basketball', 'hockey'])

/** Result verbs: "X beat Y", "Y lost to X", "X and Y drew". */
const RESULT_VERBS = new Set(['beat', 'beats', 'drew', 'draw', 'defeated', 'edged', 'blanked', 'routed', 'thrashed', 'lost', 'won', 'crushed', 'outplayed', 'trounced'])
/** Nouns after a team's name ("Texas manager", "Kelbrook 's captain", "Norway 's lead"). */
const TEAM_NOUNS = new Set(['manager', 'coach', 'captain', 'skipper', 'pitcher', 'striker', 'goalkeeper', 'midfielder', 'defender', 'batsman',
  'bowler', 'side', 'squad', 'lineup', 'line-up', 'fans', 'supporters', 'lead', 'win', 'victory', 'defeat', 'debut', 'starters', 'innings', 'goal'])
/** Words right before a team: "beat X", "against X", "over X", "v X". */
const BEFORE_TEAM = new Set(['beat', 'against', 'v', 'vs', 'vs.', 'versus', 'defeated', 'edged', 'blanked', 'routed', 'thrashed', 'crushed'])
/** Words right before a place: the name is used as a place there. */
const LOCATIVE = new Set(['in', 'from', 'near', 'inside', 'outside', 'into', 'across', 'around', 'throughout', 'within', 'In', 'From'])
const DATE = /^\d{4}-\d\d-\d\d$/
const SCORE = /^\d{1,3}(-\d{1,3})?$/

/**
 * The article opens with a sport's name, as a wire's slug does ("CRICKET - ENGLAND V PAKISTAN", "Baseball-Results
 * of ...", "RTRS - Tennis - ..."): one of its first four tokens is, or begins with, the name.
 */
function opensWithSport(doc: Doc): boolean {
  for (let k = 0; k < Math.min(4, doc.tokens.length); k++) {
    const word = /^\p{L}+/u.exec(doc.tokens[k])?.[0].toLowerCase()
    if (word !== undefined && SPORT_NAMES.has(word)) return true
  }
  return false
}

/** The article's sport when it is a sports report (the most frequent; '' when two are level or none is named), else null. */
export function sportOf(doc: Doc): string | null {
  const counts = new Map<string, number>()
  let hits = 0
  let general = 0
  const headlineEnd = doc.sentences.length ? doc.sentences[0].lastToken : -1
  for (let k = 0; k < doc.tokens.length; k++) {
    const t = doc.tokens[k]
    // sport words are lowercase, or capitalised in a headline: most tokens are neither
    const c = t.charCodeAt(0)
    if (c < 65 || t.length < 4) continue
    const s = SPORT_WORDS.get(t) ?? (c <= 90 ? SPORT_WORDS.get(t.toLowerCase()) : undefined)
    if (s === undefined) continue
    if (!s) { general++; continue }
    // the sport's own name says more than its vocabulary ("CRICKET - ...", "in the soccer match")
    const named = SPORT_NAMES.has(t.toLowerCase())
    counts.set(s, (counts.get(s) ?? 0) + (named ? 3 : 1))
    // a sport named in the headline ("RUGBY UNION - ...") makes a sports report on its own
    hits += named && k <= headlineEnd ? 3 : 1
  }
  // a sport named in the headline, or three words of a sport, or two with three of any sport (politics
  // borrows "match", "league", "football" and "pitcher")
  if (hits < 3 && (hits < 2 || general < 3)) return null
  const ranked = [...counts].sort((a, b) => b[1] - a[1])
  return ranked.length > 1 && ranked[1][1] === ranked[0][1] ? '' : ranked[0][0]
}

/** A mention as the team stage sees it (entities' Placed). */
export interface TeamCandidate {
  first: number
  last: number
  type: string
  kind: string
  text: string
  country?: string
  orgName?: string
  weak?: boolean
  /** set when a country's name is retyped as its team: the class of the name itself */
  nameType?: string
}

function tok(doc: Doc, k: number): string {
  return k >= 0 && k < doc.tokens.length ? doc.tokens[k] : ''
}

/** The mention is used as a place: after a locative preposition, in a dateline, or a player's nationality in brackets. */
function usedAsPlace(doc: Doc, m: TeamCandidate): boolean {
  const before = tok(doc, m.first - 1)
  if (LOCATIVE.has(before)) return true
  // a dateline: "LONDON 1996-08-30", "KELBROOK , Norway 1996-08-30"
  if (DATE.test(tok(doc, m.last + 1)) || (tok(doc, m.last + 1) === ',' && DATE.test(tok(doc, m.last + 3)))) return true
  // "BIRMINGHAM , England": a place after a place and a comma
  if (before === ',' && /^\p{Lu}/u.test(tok(doc, m.first - 2)) && doc.sentenceOf[m.first - 2] === doc.sentenceOf[m.first] && m.first - 2 <= doc.sentences[doc.sentenceOf[m.first]].firstToken + 3) return true
  if (before === '(' && tok(doc, m.last + 1) === ')') return true
  return false
}

/** The mention is used as a team: a results line ("Chicago 4 Houston 3"), before or after a result verb. */
function usedAsTeam(doc: Doc, m: TeamCandidate): boolean {
  const after = tok(doc, m.last + 1)
  const after2 = tok(doc, m.last + 2)
  // "Chicago 4 Houston 3", "Australia 228-9 in 50 overs", a table's row "Chicago 70 64 .522"
  if (SCORE.test(after) && !DATE.test(after) && (after2 === '' || SCORE.test(after2) || /^\.\d+$/.test(after2) || /^\p{Lu}/u.test(after2) || after2 === '\n' || doc.pos[m.last + 2] === 'SPACE' || after2 === ',' || after2 === ';' || after2 === 'in')) return true
  if (RESULT_VERBS.has(after) || TEAM_NOUNS.has(after) || ((after === "'s" || after === '’s') && TEAM_NOUNS.has(after2))) return true
  const before = tok(doc, m.first - 1)
  if (BEFORE_TEAM.has(before)) return true
  // "drew with X", "lost to X", "win over X"
  const before2 = tok(doc, m.first - 2)
  if ((before === 'with' && (before2 === 'drew' || before2 === 'draw')) || (before === 'to' && before2 === 'lost') || (before === 'over' && /^(win|victory|victories|wins)$/.test(before2))) return true
  return false
}

/**
 * An organisation's name in a sports report that can only be a place's: no word of an organisation's
 * kind ("United", "City", "Club"), no acronym, not a known organisation. The tagger reads a city
 * that plays ("Kelbrook were held to a draw") as an organisation.
 */
function placeLike(text: string): boolean {
  if (KNOWN_ORGS.has(text) || (text.length <= 4 && !/\p{Ll}/u.test(text))) return false
  for (const w of text.toLowerCase().split(' ')) if (ORG_HINTS.has(w)) return false
  return true
}

/** First words of place names that end like a plural ("Los Angeles", "St Louis", "San Marcos"). */
const PLACE_FIRST_WORDS = new Set(['los', 'las', 'st', 'st.', 'saint', 'san', 'santa', 'sao', 'são', 'port', 'puerto', 'new', 'fort', 'mount'])

/**
 * A plural is a club's nickname ("Tigers", "Yankees", "Kelbrook Rangers", "White Sox"), not a
 * place: unless it is a country's or a capital's or a US state's name ("Texas", "Paris", "Wales"),
 * or opens like a place name ("Los Angeles", "St Louis").
 */
function nickname(text: string): boolean {
  if (!/[sx]$/i.test(text)) return false
  const words = text.toLowerCase().split(' ')
  if (words.length > 1) return !PLACE_FIRST_WORDS.has(words[0])
  return !(COUNTRY_NAMES_LOWER.has(words[0]) || CAPITALS.has(words[0]) || US_STATES.has(words[0]))
}

function usualCase(text: string): string {
  if (/\p{Ll}/u.test(text)) return text
  return text.toLowerCase().replace(/(^|[\s-])(\p{Ll})/gu, (_, p: string, c: string) => p + c.toUpperCase())
}

/**
 * Retypes, in a sports report, the mentions of countries and places that name a team: each becomes
 * an Organisation whose `orgName` is the team's name. Changes `placed` in place; returns how many.
 */
export function sportsTeams(doc: Doc, placed: TeamCandidate[], sport = sportOf(doc)): number {
  if (sport === null) return 0
  const teamName = (place: string, country: boolean): string => `${place} ${sport ? `${sport} team` : country ? 'national team' : 'team'}`
  // a club's full name begins with its place's ("Texas Rangers", "Northfield Rovers"): it is a name of its own
  const places = new Set<string>()
  for (const m of placed) if (m.kind === 'name' && (m.type === 'Place' || m.type === 'Organisation' || m.type === 'Country')) places.add(m.text.toLowerCase())
  const clubName = (text: string): boolean => {
    const words = text.toLowerCase().split(' ')
    for (let k = 1; k < words.length; k++) if (places.has(words.slice(0, k).join(' '))) return true
    return false
  }
  // a person's surname in the article is no place ("Holm" typed an organisation once)
  const surnames = new Set<string>()
  for (const m of placed) if (m.type === 'Person' && !m.weak) surnames.add(m.text.toLowerCase().split(' ').pop()!)
  // places (by text, case folded) that some mention in the article uses as a team
  const teamPlaces = new Set<string>()
  // whether any name is used as a team ("Norway beat Chile", "KELBROOK 4 Ashworth 3", "England captain"): an
  // article that names a sport but plays no game, unless it opens with the sport (a wire's "SOCCER - ..."), has no
  // teams (politics that mentions tennis or a basketball game in passing: else every country and organisation it
  // names would become one)
  let played = false
  for (const m of placed) {
    if (m.kind !== 'name' || (m.type !== 'Place' && m.type !== 'Organisation' && m.type !== 'Country') || m.orgName) continue
    if (m.text.split(' ').length > 3 || clubName(m.text) || usedAsPlace(doc, m)) continue
    if (nickname(m.text)) continue
    if (surnames.has(m.text.toLowerCase().split(' ').pop()!)) continue
    const team = usedAsTeam(doc, m)
    played ||= team
    if (m.type !== 'Country' && (team || (m.type === 'Organisation' && placeLike(m.text)))) teamPlaces.add(m.text.toLowerCase())
  }
  if (!played && !opensWithSport(doc)) return 0
  let n = 0
  for (const m of placed) {
    if (m.kind !== 'name' || usedAsPlace(doc, m)) continue
    if (m.type === 'Country' && m.country) {
      m.orgName = teamName(countryName(m.country), true)
      m.nameType = 'Country'
    } else if ((m.type === 'Place' || m.type === 'Organisation') && !m.orgName && teamPlaces.has(m.text.toLowerCase())) {
      m.orgName = teamName(usualCase(m.text), false)
    } else continue
    m.type = 'Organisation'
    m.country = undefined
    n++
  }
  return n
}
