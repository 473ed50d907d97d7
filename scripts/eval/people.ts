// `npm run eval -- people DIR...`: the PolNeAR people check on the graph users query. The folders
// (e.g. ../shared/corpora/polnear/train and dev; a folder holding `text/` is read from there) are
// ingested with the project's own ingest command into a throwaway Neo4j (temporary folder, free
// ports or NEO4J_BOLT_PORT / NEO4J_HTTP_PORT, stopped and deleted at the end), and every MENTIONS relationship is read back with the
// surface text of each name mention (the article's text between its starts and ends).
//
// (a) The 20 most-mentioned people. A person is the group of Person nodes whose names share a
//     "full key" (first and last name word, possessive and middle names or initials dropped:
//     "Donald J. Trump's" -> "donald trump"); its name mentions are counted on the main node (the
//     node of the group with the most name mentions) and on every other node. A name mention on
//     another node counts as the same person's when its text (possessive dropped, case folded) is
//     one of the person's name forms: the full name, the full name with middle names or initials
//     between the first and last word, the first initial with the surname ("D. Trump"), or the
//     surname alone, and the node it sits on is not another full-named person's (a bare "Clinton"
//     on Bill Clinton's node is his). A surname that two of the listed people share counts for the
//     more mentioned one only. A bare surname that the corpus leaves ambiguous is not counted for
//     anyone: issue 12's rule is that a surname-only mention joins the person its surname names when
//     the corpus makes that clear (the most mentioned, by articles, with at least twice the next) and
//     otherwise stays on its own node; so when another full-named person of the corpus with that
//     surname has more than half the listed person's articles (Jeb Bush in 85 PolNeAR articles,
//     George W. Bush in 61), a bare "Bush" has no referent the check can score and is reported in
//     the column "ambiguous" instead. Share = main / (main + other); the target is >= 98%.
// (b) Suspects: Person nodes whose name is not a person's, with the reason (see suspectReason).
// (c) To review: one-word Person names that are common English words no full name holds (not all wrong).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import neo4j, { type Driver } from 'neo4j-driver'
import { startNeo4j, throwawayPorts, type Neo4jInstance } from '../neo4j.ts'
import { migrate } from '../../src/graph/migrate.ts'
import { runIngest } from '../support/processes.ts'
import { textDirs } from '../support/shared.ts'
import { COUNTRY_NAMES, CAPITALS } from '../../src/extract/lexicon/countries.ts'
import { KNOWN_ORGS } from '../../src/extract/lexicon/words.ts'
import { US_STATES, MEDIA_ORGS, DESCRIPTORS, HEADLINE_VERBS, LEADING_FUNCTION_WORDS, NUMBER_WORDS, ORG_HEADS, PORTFOLIOS, PRONOUNS, GROUP_WORDS, STATE_ABBREVIATIONS, isContraction, isPartyStateTag } from '../../src/extract/lexicon/names.ts'
import { wink } from '../../src/extract/nlp.ts'


/** Every name mention of every entity, with the surface text cut from the article's stored text. */
export const NAME_MENTIONS = `
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WITH a, m, e, [i IN range(0, size(m.starts) - 1) WHERE m.kinds[i] = 'name' | substring(a.text, m.starts[i], m.ends[i] - m.starts[i])] AS texts
RETURN e.id AS id, e.name AS name, e.type AS type, a.id AS articleId, texts`

const POSSESSIVE = /(?:['’]s|(?<=s)['’])$/u

/** A name's words for matching: possessive dropped, case folded, diacritics kept. */
export function nameWords(name: string): string[] {
  return name.replace(POSSESSIVE, '').normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean)
}

const isInitial = (w: string): boolean => /^\p{L}\.?$/u.test(w) || /^(\p{L}\.){2,}$/u.test(w)

/** "donald trump" for "Donald J. Trump's"; null for a one-word name or one that starts with an initial. */
export function fullKey(name: string): string | null {
  const w = nameWords(name)
  if (w.length < 2 || isInitial(w[0]) || isInitial(w[w.length - 1])) return null
  return `${w[0]} ${w[w.length - 1]}`
}

/** The text is one of the name forms of the person whose full key is `key` (see the header). */
export function isNameForm(text: string, key: string): boolean {
  const [first, last] = key.split(' ')
  const w = nameWords(text)
  if (!w.length || w[w.length - 1] !== last) return false
  if (w.length === 1) return true
  if (w[0] === first) return true
  return w.length === 2 && isInitial(w[0]) && w[0][0] === first[0]
}

/** The reason of a one-word name that is a common word: a list to review, not all wrong (see suspectReason). */
export const COMMON_WORD = 'common word no full name holds'

/**
 * Why a Person node's name is not a person's, or null. `nameWords`: the words (lowercase) of the
 * corpus's Person names of two or more words; a one-word name that is a common English word (wink's
 * lexicon holds it: "Tonight", "Democracy") is suspect unless a person's full name holds it ("Trump",
 * "Bill").
 */
export function suspectReason(name: string, nameWords?: ReadonlySet<string>): string | null {
  const trimmed = name.trim()
  const lower = trimmed.toLowerCase()
  const w = lower.split(/\s+/)
  if (POSSESSIVE.test(trimmed)) return 'possessive'
  if (US_STATES.has(lower)) return 'US state'
  if (COUNTRY_NAMES.has(trimmed) || CAPITALS.has(lower)) return 'country or capital'
  if (MEDIA_ORGS.has(trimmed) || KNOWN_ORGS.has(trimmed)) return 'organisation or media'
  if (PRONOUNS.has(lower) || w.some((x) => isContraction(x))) return 'pronoun or contraction'
  if (/^\p{L}\.?$/u.test(trimmed) || w.every(isInitial)) return 'initials only'
  if (/\p{Lu}{2}/u.test(trimmed) && !/\p{Ll}/u.test(trimmed)) return 'ALL-CAPS'
  if (w.some((x) => x.replace(/[.,]$/, '').length > 1 && DESCRIPTORS.has(x.replace(/[.,]$/, '')))) return 'descriptor word'
  if (w.slice(1).some((x) => HEADLINE_VERBS.has(x))) return 'verb (headline fragment)'
  if (w.length > 1 && ORG_HEADS.has(w[w.length - 1])) return 'organisation head word'
  if (trimmed.startsWith('@')) return 'social handle'
  if (w.length > 1 && LEADING_FUNCTION_WORDS.has(w[0])) return 'function word first'
  if (NUMBER_WORDS.has(lower) || PORTFOLIOS.has(lower)) return 'number or portfolio word'
  if (GROUP_WORDS.has(lower)) return 'group of people'
  if (isPartyStateTag(trimmed) || STATE_ABBREVIATIONS.has(lower)) return 'party tag or state abbreviation'
  if (nameWords && w.length === 1 && wink.knows(lower) && !nameWords.has(lower)) return COMMON_WORD
  return null
}

interface Row {
  id: string
  name: string
  type: string
  /** the article of the mentions (rows without it count mentions instead of articles) */
  articleId?: string
  texts: string[]
}

function say(line: string): void {
  process.stderr.write(line + '\n')
}


export interface PersonRow {
  name: string
  main: number
  other: number
  share: number
  otherNodes: [string, number][]
  /** bare-surname mentions on other nodes that the corpus leaves ambiguous (not in main or other) */
  ambiguous: number
}

/** The table (a) from the rows read back: the `top` people by name mentions. */
export function peopleTable(rows: Row[], top = 20): PersonRow[] {
  const byNode = new Map<string, { name: string; type: string; texts: string[]; articles: Set<string> }>()
  for (const r of rows) {
    const n = byNode.get(r.id) ?? { name: r.name, type: r.type, texts: [], articles: new Set<string>() }
    n.texts.push(...r.texts)
    if (r.articleId !== undefined) n.articles.add(r.articleId)
    byNode.set(r.id, n)
  }
  // people: Person nodes grouped by full key
  const groups = new Map<string, { nodes: string[]; total: number; articles: Set<string> }>()
  for (const [id, n] of byNode) {
    if (n.type !== 'Person') continue
    const key = fullKey(n.name)
    if (!key) continue
    const g = groups.get(key) ?? { nodes: [], total: 0, articles: new Set<string>() }
    g.nodes.push(id)
    g.total += n.texts.length
    for (const a of n.articles) g.articles.add(a)
    groups.set(key, g)
  }
  // how much the corpus names each full-named person: articles (mentions when rows carry no article)
  const weight = (g: { total: number; articles: Set<string> }): number => g.articles.size || g.total
  const clearOwner = (key: string): boolean => {
    const last = key.split(' ')[1]
    const mine = weight(groups.get(key)!)
    for (const [k, g] of groups) if (k !== key && k.split(' ')[1] === last && 2 * weight(g) > mine) return false
    return true
  }
  const ranked = [...groups.entries()].sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1)).slice(0, top)
  // a surname shared by listed people counts for the most mentioned of them
  const surnameOwner = new Map<string, string>()
  for (const [key] of ranked) {
    const last = key.split(' ')[1]
    if (!surnameOwner.has(last)) surnameOwner.set(last, key)
  }
  const out: PersonRow[] = []
  for (const [key, g] of ranked) {
    const mainId = g.nodes.reduce((a, b) => (byNode.get(b)!.texts.length > byNode.get(a)!.texts.length ? b : a))
    const main = byNode.get(mainId)!
    let other = 0
    let ambiguous = 0
    const otherNodes = new Map<string, number>()
    const last = key.split(' ')[1]
    const owns = surnameOwner.get(last) === key
    const clear = clearOwner(key)
    for (const [id, n] of byNode) {
      if (id === mainId) continue
      const nk = fullKey(n.name)
      // another full-named person's node holds that person's mentions
      if (n.type === 'Person' && nk && nk !== key) continue
      let c = 0
      for (const t of n.texts) {
        if (!isNameForm(t, key)) continue
        if (nameWords(t).length === 1 && !owns) continue
        if (nameWords(t).length === 1 && !clear) { ambiguous++; continue }
        c++
      }
      if (c) { other += c; otherNodes.set(`${n.name} (${n.type})`, c) }
    }
    out.push({ name: main.name, main: main.texts.length, other, share: main.texts.length / Math.max(1, main.texts.length + other), otherNodes: [...otherNodes].sort((a, b) => b[1] - a[1]), ambiguous })
  }
  return out
}

/** The suspects (b): Person nodes whose name is not a person's, most mentioned first. */
export function suspects(rows: Row[]): { name: string; reason: string; mentions: number }[] {
  const m = new Map<string, { name: string; reason: string; mentions: number }>()
  const nameWords = new Set<string>()
  for (const r of rows) if (r.type === 'Person' && r.name.includes(' ')) for (const w of r.name.toLowerCase().split(/\s+/)) nameWords.add(w)
  for (const r of rows) {
    if (r.type !== 'Person') continue
    const reason = suspectReason(r.name, nameWords)
    if (!reason) continue
    const s = m.get(r.id) ?? { name: r.name, reason, mentions: 0 }
    s.mentions += r.texts.length
    m.set(r.id, s)
  }
  return [...m.values()].sort((a, b) => b.mentions - a.mentions || (a.name < b.name ? -1 : 1))
}

/** `main(['DIR', 'DIR', ...])` */
export async function main(args: string[]): Promise<void> {
  if (!args.length) throw new Error('usage: npm run eval -- people DIR... (e.g. ../shared/corpora/polnear/train ../shared/corpora/polnear/dev)')
  const paths = textDirs(args, 'people')
  const tmp = mkdtempSync(join(tmpdir(), 'eval-people-'))
  let instance: Neo4jInstance | null = null
  let driver: Driver | null = null
  try {
    say('starting a throwaway Neo4j...')
    instance = await startNeo4j({ dataDir: join(tmp, 'neo4j'), ...(await throwawayPorts()), heap: '1g', pageCache: '512m', stopOnExit: true, fastStart: true })
    driver = neo4j.driver(instance.uri, { scheme: 'none', principal: '', credentials: '' })
    await migrate(driver)
    const t0 = performance.now()
    const run = await runIngest(instance.uri, paths)
    say(`ingest: ${JSON.stringify(run.summary)}`)
    say(`ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    const res = await driver.executeQuery(NAME_MENTIONS)
    const rows: Row[] = res.records.map((r) => ({ id: r.get('id'), name: r.get('name'), type: r.get('type'), articleId: r.get('articleId'), texts: r.get('texts') }))
    const table = peopleTable(rows)
    const lines: string[] = []
    lines.push(`(a) the 20 most-mentioned people (name mentions; "other": the same person's name forms on other nodes)`)
    lines.push(`${'person'.padEnd(26)} ${'main'.padStart(6)} ${'other'.padStart(6)} ${'share'.padStart(7)} ${'ambig.'.padStart(6)}  largest other nodes`)
    let main = 0
    let other = 0
    for (const p of table) {
      main += p.main
      other += p.other
      const top = p.otherNodes.slice(0, 4).map(([n, c]) => `${n} ${c}`).join('; ')
      lines.push(`${p.name.slice(0, 26).padEnd(26)} ${String(p.main).padStart(6)} ${String(p.other).padStart(6)} ${(100 * p.share).toFixed(1).padStart(6)}% ${String(p.ambiguous).padStart(6)}  ${top}`)
    }
    const reached = table.filter((p) => p.share >= 0.98).length
    if (table.some((p) => p.ambiguous)) lines.push(`"ambig.": bare-surname mentions on other nodes not scored, as another full-named person of the corpus with that surname has more than half the person's articles (the resolution keeps them on their own node)`)
    lines.push(`overall share ${(100 * main / Math.max(1, main + other)).toFixed(1)}% (${main} of ${main + other}); ${reached} of ${table.length} people at >= 98%`)
    const all = suspects(rows)
    const sus = all.filter((s) => s.reason !== COMMON_WORD)
    const review = all.filter((s) => s.reason === COMMON_WORD)
    const byReason = new Map<string, number>()
    for (const s of sus) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1)
    lines.push('')
    lines.push(`(b) suspects: ${sus.length} Person nodes whose name is not a person's (target 0): ${[...byReason].map(([r, c]) => `${r} ${c}`).join(', ')}`)
    for (const s of sus.slice(0, 60)) lines.push(`  ${JSON.stringify(s.name)}  ${s.reason}  (${s.mentions} name mentions)`)
    if (sus.length > 60) lines.push(`  ... and ${sus.length - 60} more`)
    lines.push('')
    lines.push(`(c) to review: ${review.length} one-word Person names that are common English words (wink's lexicon) and no full name of the corpus holds; most are no person ("Electric" of "General Electric"), some are people named by a surname alone`)
    lines.push('  ' + review.map((s) => `${s.name} ${s.mentions}`).join(', '))
    process.stdout.write(lines.join('\n') + '\n')
  } finally {
    await driver?.close()
    await instance?.stop()
    rmSync(tmp, { recursive: true, force: true })
  }
}
