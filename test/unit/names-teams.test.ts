// Sports teams named after their place (src/extract/names/teams.ts), on short texts written for these
// tests: fictional towns and players; countries are the lexicon's.
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/extract/nlp.ts'
import { sportOf } from '../../src/extract/names/teams.ts'
import { layerOf, idsOf, textsOf } from '../support/layers.ts'


describe('sports teams named after their place', () => {
  it('reads a country beating another in a football report as two teams, and the country named as a place as the country', () => {
    const l = layerOf('SOCCER - NORWAY EDGE PAST CHILE .\nOSLO 1996-08-30\nNorway beat Chile 2-1 in a World Cup qualifier on Saturday . Tor Aasland scored both goals for Norway before halftime . Chile had not lost in Norway since 1990 , coach Ramon Etxeberri said .\n')
    const ids = idsOf(l)
    expect(ids).toContain('org:norway-football-team')
    expect(ids).toContain('org:chile-football-team')
    expect(textsOf(l, 'org:norway-football-team')).toEqual(['NORWAY', 'Norway', 'Norway'])
    // "in Norway" is the country
    expect(textsOf(l, 'country:NO')).toEqual(['Norway'])
    expect(l.byId.get('org:norway-football-team')!.type).toBe('Organisation')
    expect(l.byId.get('org:norway-football-team')!.name).toBe('Norway football team')
    // each of the team's mentions is a country's name (what named-entity annotation types), the country's own none
    expect(l.byId.get('org:norway-football-team')!.mentions.map((m) => m.nameType)).toEqual(['Country', 'Country', 'Country'])
    expect(l.byId.get('country:NO')!.mentions.map((m) => m.nameType)).toEqual([undefined])
  })
  it('reads the towns of a results line as teams, keeping the town of the dateline and after "in" a place', () => {
    const text = 'BASEBALL - RESULTS .\nKELBROOK 1996-08-30\nResults of games on Thursday ( home team in CAPS ) :\nKELBROOK 4 Ashworth 3\nDunmere 6 FELTHAM 2\nMarco Tessaro homered twice and the pitcher Dale Okafor held on as Kelbrook won again . Tessaro bought a house in Kelbrook last year .\n'
    const l = layerOf(text)
    const ids = idsOf(l)
    expect(ids).toContain('org:kelbrook-baseball-team')
    expect(ids).toContain('org:ashworth-baseball-team')
    expect(ids).toContain('org:dunmere-baseball-team')
    expect(ids).toContain('org:feltham-baseball-team')
    expect(l.byId.get('org:kelbrook-baseball-team')!.name).toBe('Kelbrook baseball team')
    expect(textsOf(l, 'org:kelbrook-baseball-team')).toEqual(['KELBROOK', 'Kelbrook'])
    // the dateline and "in Kelbrook" stay the town
    const town = l.entities.find((e) => e.type === 'Place' && e.name.toLowerCase() === 'kelbrook')
    expect(town?.mentions.map((m) => m.text)).toEqual(['KELBROOK', 'Kelbrook'])
  })
  it('reads the rows of a standings table as teams, and a dateline with its country as places', () => {
    const l = layerOf('BASEBALL - STANDINGS .\nVELLAN , Norway 1996-08-30\nStandings after the games of Friday ( tabulate under won , lost , percentage ) :\nVELLAN 75 58 .564\nDUNMERE 70 63 .526\n" We will win it , " said Vellan manager Marco Tessaro , whose pitcher struck out nine in the baseball game .\n')
    expect(textsOf(l, 'org:vellan-baseball-team')).toEqual(['VELLAN'])
    expect(textsOf(l, 'org:dunmere-baseball-team')).toEqual(['DUNMERE'])
    expect(l.entities.find((e) => e.type === 'Place' && e.name.toLowerCase() === 'vellan')?.mentions.map((m) => m.text)[0]).toBe('VELLAN')
    expect(textsOf(l, 'country:NO')).toEqual(['Norway'])
  })
  it('leaves a club named in full ("Kelbrook Rangers") and a nickname ("Rangers") as they are', () => {
    const l = layerOf('BASEBALL - RANGERS WIN .\nThe Kelbrook Rangers beat the Ashworth Hawks 5-3 on Friday . Marco Tessaro homered twice for the Rangers , whose pitcher struck out nine .\n')
    const ids = idsOf(l)
    expect(ids).toContain('org:kelbrook-rangers')
    expect(ids).toContain('org:ashworth-hawks')
    expect(ids.filter((id) => id.endsWith('-team'))).toEqual([])
    // a plural place name is a place all the same
    const results = layerOf('BASEBALL - RESULTS .\nResults of games on Thursday :\nST MARCUS 4 Ashworth 3\nThe pitcher struck out nine .\n')
    expect(idsOf(results)).toContain('org:st-marcus-baseball-team')
    expect(ids.some((id) => id.includes('rangers-baseball-team') || id.includes('hawks-baseball-team'))).toBe(false)
  })
  it('keeps countries countries outside sports reports, whatever the verbs', () => {
    const l = layerOf('Norway beat Chile to the contract for the new port , the trade ministry said on Monday . Talks between Norway and Chile on fishing rights will resume in Oslo .\n')
    const ids = idsOf(l)
    expect(ids).toContain('country:NO')
    expect(ids).toContain('country:CL')
    expect(ids.some((id) => id.endsWith('-team'))).toBe(false)
  })
  it('makes no teams in an article that names a sport but plays no game, unless it opens with the sport', () => {
    // politics that talks tennis three times: a sports report by its words, with no result and no team
    const text =
      'Senator Halvard Moen visits Norway .\nSenator Halvard Moen , who played tennis at college , flew to Norway and Chile this week . ' +
      'His tennis partner , the Gallup pollster Ines Okafor , said the senator still plays tennis on Sundays . ' +
      'Veltro Media and Kelbrook Analytics paid for the trip , aides said .\n'
    const ids = idsOf(layerOf(text))
    expect(ids).toContain('country:NO')
    expect(ids).toContain('country:CL')
    expect(ids.some((id) => id.endsWith('-team'))).toBe(false)
    // the same words after a wire's slug: a report, whose countries are their teams
    expect(idsOf(layerOf(`TENNIS - ${text}`))).toContain('org:chile-tennis-team')
  })
  it('keeps a player\'s nationality in brackets the country', () => {
    const l = layerOf('TENNIS - RESULTS .\nResults of the tennis tournament on Friday ( prefix number denotes seeding ) :\n1 - Tor Aasland ( Norway ) beat Ramon Etxeberri ( Chile ) 6-3 6-4\nNorway and Chile meet in the team match on Sunday .\n')
    expect(textsOf(l, 'country:NO')).toEqual(['Norway'])
    expect(textsOf(l, 'org:norway-tennis-team')).toEqual(['Norway'])
  })
  it('names the sport of a report, none when two sports are as frequent, and null for other news', () => {
    expect(sportOf(analyse('CRICKET - Aasland took four wickets as the innings closed .'))).toBe('cricket')
    expect(sportOf(analyse('The tennis and rugby clubs share a ground : tennis courts , rugby pitch .'))).toBe('')
    expect(sportOf(analyse('The council voted on the budget on Monday and the mayor said the match of views was close .'))).toBeNull()
  })
})

describe("a country's name as a person's surname", () => {
  it('joins a lone country name to the person of the article whose surname it is, but not after a place preposition', () => {
    const l = layerOf('VENICE 1996-08-31\nDirector Tomas Chad says his new film is his best . " It took ten years , " Chad said on Saturday . Chad will show it in Chad next spring .\n')
    expect(textsOf(l, 'person:tomas-chad')).toEqual(['Tomas Chad', 'Chad', 'Chad'])
    expect(textsOf(l, 'country:TD')).toEqual(['Chad'])
  })
})
