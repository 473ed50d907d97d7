// Name hygiene within one article (src/extract/names/hygiene.ts and its hooks in the mention and
// entity stages), on short texts written for these tests with fictional people; and the pure
// rules of the PolNeAR people check (scripts/eval/people.ts).
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/extract/nlp.ts'
import { type EntityLayer } from '../../src/extract/entities.ts'
import { displayName, chooseName, isInitialsOnly } from '../../src/extract/names/hygiene.ts'
import { fullKey, isNameForm, suspectReason, peopleTable, COMMON_WORD } from '../../scripts/eval/people.ts'
import { layerOf, people } from '../support/layers.ts'

const byName = (l: EntityLayer, name: string) => l.entities.find((e) => e.name === name)

describe('name hygiene', () => {
  it('keeps possessives out of names, ids, aliases and mention spans', () => {
    const text = 'Marta Vellacourt’s plan was cheered. Vellacourt\'s aides agreed, and Marta Vellacourt thanked them.'
    const l = layerOf(text)
    const e = l.byId.get('person:marta-vellacourt')!
    expect(e.name).toBe('Marta Vellacourt')
    expect(e.aliases).toEqual(['Vellacourt'])
    expect(e.mentions.map((m) => m.text)).toEqual(['Marta Vellacourt', 'Vellacourt', 'Marta Vellacourt'])
    for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text)
    expect(l.entities.some((x) => /['’]s?$/.test(x.name) || x.id.endsWith('s') && x.id.includes('vellacourts'))).toBe(false)
  })
  it('splits a possessive the same way after wink has cached the word whole (tokens never depend on earlier articles)', () => {
    // wink's lexicon cache learns "Quennell’s" whole from a sentence that ends on it
    analyse('The final word was Dorota Quennell’s.')
    const d = analyse('Dorota Quennell’s team won.')
    expect(d.tokens.slice(0, 3)).toEqual(['Dorota', 'Quennell', '’s'])
    expect(d.pos[2]).toBe('PART')
    const names = layerOf('The final word was Dorota Quennell’s. Dorota Quennell’s team won.').entities.map((e) => e.name)
    expect(names).toEqual(['Dorota Quennell'])
  })
  it('names an ALL-CAPS name in its usual case and keys it case-insensitively; the mention keeps its text', () => {
    const l = layerOf('Voters in NEW YORK waited. In New York the polls closed late. Anton Kovarik won. KOVARIK thanked them.')
    const ny = l.entities.filter((e) => e.name === 'New York')
    expect(ny).toHaveLength(1)
    expect(ny[0].mentions.map((m) => m.text)).toEqual(['NEW YORK', 'New York'])
    expect(l.byId.get('person:anton-kovarik')!.mentions.map((m) => m.text)).toEqual(['Anton Kovarik', 'KOVARIK'])
    expect(displayName('JEAN-PIERRE O\'MALLEN', 'Person')).toBe('Jean-Pierre O\'Mallen')
    expect(displayName('NATO', 'Organisation')).toBe('NATO')
    expect(displayName('NEW YORK', 'Place')).toBe('New York')
  })
  it('leaves party and descriptor words out of a name', () => {
    const l = layerOf('The vote was close, said Democrat Lena Morrow on Monday. A Republican walked out. Voters backed Tomas Brandt Republican of Ohio.')
    expect(people(l)).toEqual(['Lena Morrow', 'Tomas Brandt'])
  })
  it('takes a lowercase role word or verb between two names for no part of either', () => {
    const l = layerOf('Former Halvard Moen speechwriter Ines Okafor wrote the letter. She expects that when Tomas Brandt debates Karel Ostrander the polls will move, Tomas Brandt said.')
    expect(people(l).sort()).toEqual(['Halvard Moen', 'Ines Okafor', 'Karel Ostrander', 'Tomas Brandt'])
    expect(l.entities.flatMap((e) => [e.name, ...e.mentions.map((m) => m.text)]).filter((t) => /speechwriter|debates/.test(t))).toEqual([])
  })
  it('takes a school principal, a supervisor or a pastor before a name for a title, not a part of the name', () => {
    const l = layerOf('Kelbrook Elementary Principal Ines Okafor said the school would reopen. County Supervisor Karel Ostrander agreed.')
    expect(people(l)).toEqual(expect.arrayContaining(['Ines Okafor', 'Karel Ostrander']))
    expect(l.entities.flatMap((e) => [e.name, ...e.mentions.map((m) => m.text)]).filter((t) => /Principal|Supervisor/.test(t))).toEqual([])
  })
  it('names an entity with plain spaces when a mention has a no-break space; the mention keeps its text', () => {
    const l = layerOf('Lena\u00a0Morrow spoke first. Lena Morrow said the budget would pass, and Morrow left.')
    const e = byName(l, 'Lena Morrow')!
    expect(e.aliases).toEqual(['Morrow'])
    expect(e.mentions.map((m) => m.text)).toEqual(['Lena\u00a0Morrow', 'Lena Morrow', 'Morrow'])
  })
  it('leaves a capitalised preposition, conjunction or adverb before a name out of it', () => {
    const quoted = layerOf('She had a good line when she said, “Unlike Lena Morrow, I know that a budget is a plan, not a wish.”')
    expect(people(quoted)).toEqual(['Lena Morrow'])
    expect(quoted.entities[0].mentions.map((m) => m.text)).toEqual(['Lena Morrow'])
    expect(people(layerOf('Council Rejects Plan\nBy Karel Ostrander\nThe council voted on Monday.'))).toEqual(['Karel Ostrander'])
    // with a lowercase word after it, a phrase, not a name
    expect(people(layerOf("Would Mr. Morrow like to see it again? ''It's a higher-end version of 'Are You Smarter Than a Fifth Grader?'.''"))).not.toContain('Than a Fifth Grader')
  })
  it('takes neither a portfolio before its office nor a number word at a quote start for a name', () => {
    const names = (text: string) => layerOf(text).entities.map((e) => `${e.type}:${e.name}`).sort()
    expect(names('In Stockholm, Energy Minister Karin Strandell welcomed the review.')).toEqual(['Person:Karin Strandell', 'Place:Stockholm'])
    expect(names('Protesters on the bridge held up banners reading “One river, two countries, no dam” in Swedish.')).toEqual(['Country:Sweden'])
  })
  it('cuts a Title Case headline at its verb', () => {
    const l = layerOf('Lena Morrow Says Brandt Lied About Taxes\nLena Morrow said on Monday that the figures were wrong.')
    expect(people(l)).toEqual(['Lena Morrow'])
    expect(people(layerOf('Lena Morrow Hints Tomas Brandt Lied\nThe row went on.'))).toEqual(['Lena Morrow'])
    // a verb that is also a surname ends a name only between two full names
    expect(people(layerOf('Lena Morrow Burns Tomas Brandt Over Taxes\nThe row went on.'))).toEqual(['Lena Morrow'])
    expect(people(layerOf('The alderman, Karel D. Burns, said no. Karel Burns left.'))).toEqual(['Karel D. Burns'])
  })
  it('joins initials and middle names to the full name; the most frequent full form names the person', () => {
    const l = layerOf('Tomas J. Brandt arrived. Tomas Brandt spoke, and Tomas Brandt left. Lena Ashby Morrow met Lena Morrow\'s aides. Karel Ostrander bowled; K. Ostrander took two wickets.')
    expect(people(l)).toEqual(['Karel Ostrander', 'Lena Ashby Morrow', 'Tomas Brandt'])
    expect(byName(l, 'Tomas Brandt')!.id).toBe('person:tomas-brandt')
    expect(byName(l, 'Tomas Brandt')!.aliases).toEqual(['Tomas J. Brandt'])
    expect(byName(l, 'Lena Ashby Morrow')!.aliases).toEqual(['Lena Morrow'])
    expect(byName(l, 'Karel Ostrander')!.aliases).toEqual(['K. Ostrander'])
    expect(chooseName(['Tomas J. Brandt', 'Tomas Brandt', 'Brandt', 'Tomas Brandt'], 'Person')).toBe('Tomas Brandt')
  })
  it('keeps two different middles apart', () => {
    const l = layerOf('Senator Georg W. Hallam met Mayor Georg H. Hallam in the hall. Georg W. Hallam said no.')
    expect(people(l)).toEqual(['Georg H. Hallam', 'Georg W. Hallam'])
  })
  it('makes a social handle an alias of the person it is linked to, else no entity', () => {
    const l = layerOf('Lena Morrow (@lenamorrow) wrote that the vote was close. Later @quietvoter99 replied.')
    expect(byName(l, 'Lena Morrow')!.aliases).toEqual(['@lenamorrow'])
    expect(l.entities.some((e) => e.name.includes('quietvoter'))).toBe(false)
  })
  it('types states, media, pollsters and organisation heads as what they are; contractions and lone initials are no names', () => {
    const l = layerOf('Tomas Brandt campaigned in North Carolina on Monday. He said Indiana was next. CNN reported the rally. The Brandt Campaign said turnout was high. Morning Consult polled voters. “I\'m staying,” said S. in the crowd.')
    expect(people(l)).toEqual(['Tomas Brandt'])
    const typeOf = (n: string): string | undefined => byName(l, n)?.type
    expect(typeOf('North Carolina')).toBe('Place')
    expect(typeOf('Indiana')).toBe('Place')
    expect(typeOf('CNN')).toBe('Organisation')
    expect(typeOf('Brandt Campaign')).toBe('Organisation')
    expect(typeOf('Morning Consult')).toBe('Organisation')
  })
  it('takes no group of people, party tag or state abbreviation for a person', () => {
    const l = layerOf('Senator Arlo Fenwick called for a ban on Muslims entering the country. He said Hispanic voters and some 200,000 Iowans would back him.')
    expect(l.entities.map((e) => e.name)).toEqual(['Arlo Fenwick'])
    const tags = layerOf('Sen. Arlo Fenwick, R-Ariz., spoke in Gainesville, Fla., on Monday. Rep. Dana Whitcomb (D-Ore.) disagreed.')
    expect(people(tags)).toEqual(['Arlo Fenwick', 'Dana Whitcomb'])
    expect(tags.entities.filter((e) => e.type !== 'Person').map((e) => `${e.type}:${e.name}`)).toEqual(['Place:Gainesville', 'Place:Florida'])
  })
  it('takes no common word that only a sentence or quote start capitalises for a name, but keeps one the article names inside a sentence', () => {
    const l = layerOf('Arlo Fenwick said, “Tonight was supposed to be our night.” Sad. “Good economic news is bad political news,” he added.')
    expect(l.entities.map((e) => e.name)).toEqual(['Arlo Fenwick'])
    expect(people(layerOf('Baker said the plan works. Voters in Ohio liked what Mayor Baker said.'))).toEqual(['Baker'])
  })
  it('gives a name one type within the article', () => {
    for (const l of [layerOf('Halvorsen Kraft said prices rose. The company Halvorsen Kraft cut jobs. Analysts at Halvorsen Kraft agreed.')]) {
      const keys = l.entities.filter((e) => e.type !== 'Country').map((e) => e.id.split(':')[1])
      expect(new Set(keys).size).toBe(keys.length)
    }
  })
})

describe('abbreviations and country names are no people', () => {
  it('an abbreviation with dots is no person name on its own', () => {
    expect(isInitialsOnly(['O.K.'])).toBe(true)
    expect(isInitialsOnly(['K.J'])).toBe(true)
    expect(isInitialsOnly(['J.', 'R.'])).toBe(true)
    expect(isInitialsOnly(['K.J.', 'Halvard'])).toBe(false)
    expect(isInitialsOnly(['Ola'])).toBe(false)
    expect(people(layerOf('Most of them said: “This is O.K.”'))).toEqual([])
    expect(people(layerOf('Gov. K.J. "Buster" Halvard spoke first.'))).not.toContain('K.J.')
  })
  it('a country name typed Person on its own is the country, unless a person of the article bears it as surname', () => {
    // the tagger reads the second "China" (before a possessive) as a person here
    const l = layerOf('In China Ostvik College is pioneering with Technion for China’s first hi-tech university.')
    expect(people(l)).toEqual([])
    expect(l.byId.get('country:CN')!.mentions.map((m) => m.text)).toEqual(['China', 'China'])
    const k = layerOf('Dag Norway, a Vellmar banker, arrived. Norway said the talks went well.')
    expect(people(k)).toContain('Dag Norway')
  })
})

describe('the people check', () => {
  it('groups name forms by first and last word', () => {
    expect(fullKey('Donald J. Trump\'s')).toBe('donald trump')
    expect(fullKey('Trump')).toBeNull()
    expect(isNameForm('Lena Ashby Morrow', 'lena morrow')).toBe(true)
    expect(isNameForm('Morrow’s', 'lena morrow')).toBe(true)
    expect(isNameForm('L. Morrow', 'lena morrow')).toBe(true)
    expect(isNameForm('Ruth Morrow', 'lena morrow')).toBe(false)
  })
  it('flags Person names that are no person\'s', () => {
    expect(suspectReason('Indiana')).toBe('US state')
    expect(suspectReason('Morrow’s')).toBe('possessive')
    expect(suspectReason('I\'m')).toBe('pronoun or contraction')
    expect(suspectReason('S.')).toBe('initials only')
    expect(suspectReason('LOSES ELECTION')).toBe('ALL-CAPS')
    expect(suspectReason('Democrat Lena Morrow')).toBe('descriptor word')
    expect(suspectReason('Lena Morrow Says Brandt')).toBe('verb (headline fragment)')
    expect(suspectReason('Morrow Campaign')).toBe('organisation head word')
    expect(suspectReason('Unlike Lena Morrow')).toBe('function word first')
    expect(suspectReason('Energy')).toBe('number or portfolio word')
    expect(suspectReason('Iowans')).toBe('group of people')
    expect(suspectReason('R-Ariz')).toBe('party tag or state abbreviation')
    expect(suspectReason('Fla.')).toBe('party tag or state abbreviation')
    expect(suspectReason('Tonight', new Set(['lena', 'morrow']))).toBe(COMMON_WORD)
    expect(suspectReason('Baker', new Set(['mara', 'baker']))).toBeNull()
    expect(suspectReason('Paul D. Ryan')).toBeNull()
    expect(suspectReason('Lena Morrow')).toBeNull()
  })
  it('counts the same person\'s forms on other nodes, but not on another full-named person\'s node', () => {
    const rows = [
      { id: 'person:lena-morrow', name: 'Lena Morrow', type: 'Person', texts: ['Lena Morrow', 'Morrow', 'Lena Morrow'] },
      { id: 'person:lena-morrows', name: 'Lena Morrow’s', type: 'Person', texts: ['Lena Morrow’s'] },
      { id: 'org:morrow', name: 'Morrow', type: 'Organisation', texts: ['Morrow'] },
      { id: 'person:ruth-morrow', name: 'Ruth Morrow', type: 'Person', texts: ['Morrow'] },
    ]
    const [top] = peopleTable(rows, 1)
    expect(top).toMatchObject({ name: 'Lena Morrow', main: 3, other: 2 })
    expect(top.share).toBeCloseTo(0.6)
  })
  it('does not score a bare surname the corpus leaves ambiguous (another full-named person with more than half the articles)', () => {
    const rows = [
      { id: 'person:jorun-vask', name: 'Jorun Vask', type: 'Person', articleId: 'a1', texts: ['Jorun Vask', 'Vask'] },
      { id: 'person:jorun-vask', name: 'Jorun Vask', type: 'Person', articleId: 'a2', texts: ['Jorun Vask'] },
      { id: 'person:jorun-vask', name: 'Jorun Vask', type: 'Person', articleId: 'a3', texts: ['Jorun Vask'] },
      { id: 'person:helge-vask', name: 'Helge Vask', type: 'Person', articleId: 'a4', texts: ['Helge Vask'] },
      { id: 'person:helge-vask', name: 'Helge Vask', type: 'Person', articleId: 'a5', texts: ['Helge Vask'] },
      { id: 'person:vask', name: 'Vask', type: 'Person', articleId: 'a6', texts: ['Vask', 'Vask'] },
      { id: 'person:jorun-vasks', name: 'Jorun Vask’s', type: 'Person', articleId: 'a3', texts: ['Jorun Vask’s'] },
    ]
    // Helge has 2 articles, more than half of Jorun's 3: the two bare "Vask" are not Jorun's misses
    const [top] = peopleTable(rows, 1)
    expect(top).toMatchObject({ name: 'Jorun Vask', main: 4, other: 1, ambiguous: 2 })
    // with Helge in one article only, Jorun (3) is the clear owner and they count against her
    const [clear] = peopleTable(rows.filter((r) => r.articleId !== 'a5'), 1)
    expect(clear).toMatchObject({ main: 4, other: 3, ambiguous: 0 })
  })
})

describe('people named as rivals', () => {
  it('keeps a person a person after "rival" (a candidate\'s rival is a person as often as a company\'s)', () => {
    const l = layerOf('The senator won the caucuses, beating rival Ingrid Solvang in his fourth win. He trails rival Ingrid Solvang in delegates. Solvang captured three states.')
    expect(l.byId.get('person:ingrid-solvang')?.mentions.map((m) => m.text)).toEqual(['Ingrid Solvang', 'Ingrid Solvang', 'Solvang'])
    expect(l.entities.some((e) => e.type === 'Organisation')).toBe(false)
  })
})
