// Person names that are pieces of a longer name (src/extract/names/hygiene.ts: piecesOfLongerNames,
// titleOpensName, the headline evidence of commonWordCapitalisedOnlyFirst), a first name after a title
// (src/extract/names/titles.ts) and a common word after a title written in full, phrases in capitals,
// common words cut from names with "and", "for", "of", a possessive or quotation marks, a month as a first name,
// and a state's abbreviation named as the state; short texts written for these tests, fictional people.
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/extract/nlp.ts'
import { piecesOfLongerNames, titleOpensName, inCapitalsPhrase } from '../../src/extract/names/hygiene.ts'
import { firstNameAfterTitle } from '../../src/extract/names/titles.ts'
import type { RawMention } from '../../src/extract/mentions.ts'
import { layerOf, people } from '../support/layers.ts'


describe('pieces of longer names', () => {
  it('reads no person in a Title Case law name the tagger cut into pieces', () => {
    // the tagger reads "Farmer" and "Left Behind" as two people
    const l = layerOf('Lawmakers in Corvale voted to scrap No Farmer Left Behind, the old subsidy law, after a long debate.')
    expect(people(l)).toEqual([])
    // in a Title Case headline, where every word has a capital, the words of such a piece are pieces too
    const h = layerOf('Council Set to Scrap No Farmer Left Behind\n\nLawmakers in Corvale voted to scrap No Farmer Left Behind, the old subsidy law, after a long debate.')
    expect(people(h)).toEqual([])
  })

  it('keeps a common-word surname after a title or a party word', () => {
    const l = layerOf('President Baker spoke in Corvale about the budget on Monday. Republican Baker won the vote in Corvale.')
    expect(people(l)).toEqual(['Baker'])
  })

  it('makes a common word before a number weak ("Rule 12"), and a piece that names a person of the article still joins it', () => {
    const doc = analyse('The charter changed Rule 12 on Monday. Later Mara Rule said the Rule Bridge vote was fair.')
    const at = (w: string, from = 0): number => doc.tokens.indexOf(w, from)
    const rule = at('Rule')
    const person = at('Mara')
    const bridge = at('Rule', person + 2)
    const ms: RawMention[] = [
      { first: rule, last: rule, type: 'Person', kind: 'name' },
      { first: person, last: person + 1, type: 'Person', kind: 'name' },
      { first: bridge, last: bridge, type: 'Person', kind: 'name' },
    ]
    piecesOfLongerNames(doc, ms, null, null)
    expect(ms.map((m) => m.weak === true)).toEqual([true, false, true])
    // not when the neighbour may be a name ("Ted" + "Vandermolen") or a determiner opens the name ("The Harbour Informer")
    const d2 = analyse('Rubio set high hopes for Ted Vandermolen on Monday. She wrote for The Harbour Informer that week.')
    const ted = d2.tokens.indexOf('Ted')
    const inf = d2.tokens.indexOf('Harbour')
    const ms2: RawMention[] = [{ first: ted, last: ted, type: 'Person', kind: 'name' }, { first: inf, last: inf + 1, type: 'Person', kind: 'name' }]
    piecesOfLongerNames(d2, ms2, null, null)
    expect(ms2.map((m) => m.weak === true)).toEqual([false, false])
    const l = layerOf('Mara Rule spoke on Monday. The Rule Bridge vote was fair, Rule said.')
    expect(people(l)).toEqual(['Mara Rule'])
  })

  it('reads a title that opens a name of no person with that name ("Head Start", "Miss Galaxy")', () => {
    const l = layerOf('Orla Penhallow cited the Head Start program. Head Start serves children in Corvale.')
    expect(people(l)).not.toContain('Start')
    expect(l.entities.find((e) => e.name === 'Head Start')?.type).toBe('Organisation')
    expect(l.entities.find((e) => e.name === 'Head Start')?.mentions).toHaveLength(2)
    expect(people(layerOf('Orla Penhallow owned the Miss Galaxy pageant for a decade.'))).not.toContain('Galaxy')
    // a first name after a title is no such name, even when the article writes it only there
    const doc = analyse('Sen. Rose Talvenick spoke. Later Sen. Rose Talvenick left. The Head Start program grew.')
    expect(titleOpensName(doc, doc.tokens.indexOf('Sen.'), doc.tokens.indexOf('Rose'))).toBe(false)
    expect(titleOpensName(doc, doc.tokens.indexOf('Head'), doc.tokens.indexOf('Start'))).toBe(true)
  })

  it('reads no person in a common word that a title word written in full opens a name with ("General Turbine", "Executive Decree")', () => {
    // the tagger reads "Turbine" and "Decree" as people after the rank or title
    expect(people(layerOf('At Corvale Partners, Mr. Effrin helped General Turbine structure its sale of a unit last year. He helped conceive a plan.'))).toEqual(['Effrin'])
    expect(people(layerOf('Governor Orla Penhallow wants to curb water use via Executive Decree. She is set to sign a series of Executive Decrees on Monday.'))).toEqual(['Orla Penhallow'])
    // where the article writes the title before a proper name, it is a person's title there, and a common word after it a surname
    expect(people(layerOf('General Marren and General Ash inspected the base at Corvale on Monday.'))).toEqual(['Ash', 'Marren'])
    // an abbreviated title or an honorific is always a person's ("Mr. Baker" where "Baker" stands nowhere else)
    expect(people(layerOf('Orla Penhallow thanked Mr. Baker for the loan on Monday.'))).toContain('Baker')
  })

  it('reads no person in a slogan or sentence written in capitals', () => {
    const text = 'HOW NORWAY’S DECLINE AFFECTS THE REST OF THE WORLD “Norway’s slowdown is real,” said Tomas Reyl.'
    expect(people(layerOf(text))).toEqual(['Tomas Reyl'])
    const doc = analyse(text)
    expect(inCapitalsPhrase(doc, doc.tokens.indexOf('DECLINE'), doc.tokens.indexOf('DECLINE'))).toBe(true)
    // a headline in capitals that names someone holds a word outside the lexicon of common words
    const named = analyse('TOMAS REYL WINS THE VOTE IN CORVALE')
    expect(inCapitalsPhrase(named, 0, 1)).toBe(false)
    // nor is a run of two words a phrase
    const two = analyse('The sign read GREAT DAY on Monday.')
    expect(inCapitalsPhrase(two, two.tokens.indexOf('GREAT'), two.tokens.indexOf('GREAT'))).toBe(false)
  })

  it('joins a first name after a title to the surname the tagger read alone ("Sen. Ted" + "Varnick")', () => {
    expect(people(layerOf('Texas Sen. Ted Varnick says the new gun rules are wrong. Varnick spoke in Iowa.'))).toEqual(['Ted Varnick'])
    // the tagger reads "Texas Senator Ted" as one organisation and leaves the surname out
    expect(people(layerOf('Varnick: Rival Would Put Liberals On Court\n\nRepublican presidential candidate Texas Senator Ted Varnick argued that his rival would put liberals on the court.'))).toEqual(['Ted Varnick'])
    // wink reads "Ted" as a verb here
    expect(people(layerOf('It was hot, Mayor Ted Talbrook noted. Every year, a new influx of refugees arrives.'))).toEqual(['Ted Talbrook'])
    const doc = analyse('Mayor Ted Talbrook spoke. Mayor Says Talbrook Is Wrong')
    expect(firstNameAfterTitle(doc, doc.tokens.indexOf('Ted'), null)).toBe(true)
    // no title before it, or a verb of a Title Case headline, is no first name
    const says = doc.tokens.indexOf('Says')
    const headline = new Uint8Array(doc.tokens.length).fill(1, says - 1)
    expect(firstNameAfterTitle(doc, says, headline)).toBe(false)
    expect(firstNameAfterTitle(doc, doc.tokens.indexOf('Talbrook'), null)).toBe(false)
  })

  it('reads no person in a common word across "and" from another, before "for" or "of" and a name, after a possessive, or alone in quotation marks', () => {
    expect(people(layerOf('The tax-writing Ways and Means Committee met, said Orla Penhallow.'))).toEqual(['Orla Penhallow'])
    expect(people(layerOf('A celebratory event was held called Politics and Pies, at which Orla Penhallow spoke.'))).not.toContain('Pies')
    expect(people(layerOf('Mara Quill launched Democracy for Corvale, an organization that endorses candidates.'))).toEqual(['Mara Quill'])
    expect(people(layerOf('Critics faulted Mara Quill on Aug. 17 for continuing her vacation in Martha’s Vineyard instead of making an immediate visit to Corvale.'))).not.toContain('Vineyard')
    expect(people(layerOf('“There are no easy answers,” Mara Quill said of the Leave campaign. The \'\'Leave\'\' movement won.'))).toEqual(['Mara Quill'])
    // a person's common-word surname across "and" from a name that is no common word stands ("Varnick and Baker")
    expect(people(layerOf('Senators Varnick and Baker spoke in Corvale on Monday.'))).toContain('Baker')
  })

  it('reads no name in a chunk with no capital letter, and a rank of several words before a name as a rank', () => {
    expect(people(layerOf('Orla Penhallow spoke of our God-given rights in Corvale.'))).not.toContain('given')
    expect(people(layerOf('Navy spokesman Chief Petty Officer Lyle Whitcomb said the sailors were safe.'))).toEqual(['Lyle Whitcomb'])
  })

  it('reads no person in a title\'s plural', () => {
    expect(people(layerOf('The council\'s principals, the Chair, the Deputy Secretaries, the Under Secretaries and their staff met in Corvale on Monday.'))).toEqual([])
  })

  it('takes no body evidence from a word the body capitalises only at a quote start', () => {
    const text = 'Senator Says He’s For Grain Because ‘Grain Pays Him a Lot’\n\nOrla Penhallow spoke at length on Monday in Corvale. “Grain pays him a lot of money,” she said of her rival.'
    expect(people(layerOf(text))).not.toContain('Grain')
  })

  it('reads a month in a person name the tagger found as a first name', () => {
    const l = layerOf('Former Corvale governor Jan Talvenick, an early supporter of the plan, spoke on Monday.')
    expect(people(l)).toContain('Jan Talvenick')
    expect(people(l)).not.toContain('Talvenick')
    // a month with its dot, or before a number, stays a date
    expect(people(layerOf('On Jan. 5 Talvenick spoke, and on Jan 9 Talvenick left.'))).not.toContain('Jan Talvenick')
  })

  it('names a state abbreviation after a comma as the state; the mention keeps its text', () => {
    const l = layerOf('The festival in Brackwell, Fla., drew a crowd. Florida voters cheered.')
    const fl = l.entities.filter((e) => e.type === 'Place' && e.name === 'Florida')
    expect(fl).toHaveLength(1)
    expect(fl[0].id).toBe('place:florida')
    expect(fl[0].mentions.map((m) => m.text)).toEqual(['Fla.', 'Florida'])
    expect(l.entities.some((e) => e.name === 'Fla.')).toBe(false)
    // in brackets after a lawmaker's name, or before a title, it is the state too
    const b = layerOf('Several leaders, including Sens. Orla Penhallow (Ariz.) and Tomas Reyl (N.H.), spoke. Former Fla. Gov. Mara Quill agreed.')
    expect(people(b)).toEqual(['Mara Quill', 'Orla Penhallow', 'Tomas Reyl'])
    expect(b.entities.filter((e) => e.type === 'Place').map((e) => e.name).sort()).toEqual(['Arizona', 'Florida', 'New Hampshire'])
  })
})
