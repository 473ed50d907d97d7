// Name finder rules on top of the tagger, on short texts written for these tests, and the CoNLL
// reader of the evaluation harness.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/extract/nlp.ts'
import { findEntities, type EntityLayer } from '../../src/extract/entities.ts'
import { readConll } from '../../scripts/eval/conll.ts'

function layerOf(text: string): EntityLayer {
  return findEntities(analyse(text), [{ start: 0, end: text.length }])
}
const ids = (l: EntityLayer): string[] => l.entities.map((e) => e.id).sort()

describe('names on modern news', () => {
  it('reads a Title Case headline by the case the article gives its words', () => {
    const l = layerOf('Senators Weigh Tougher Rules As Budget Talks Stall Again\nSenator Maria Olsen of Vermont said on Tuesday that talks with the Treasury Department would resume in March. Olsen spoke at the University of Vermont.')
    expect(ids(l)).toEqual(['org:treasury-department', 'org:university-of-vermont', 'person:maria-olsen', 'place:vermont'])
    expect(l.byId.get('person:maria-olsen')!.mentions.map((m) => m.text)).toEqual(['Maria Olsen', 'Olsen'])
    expect(l.roles).toEqual([{ personId: 'person:maria-olsen', title: 'senator', orgId: null }])
  })
  it('keeps an organisation\'s "of" phrase whole', () => {
    const l = layerOf('Bank of America cut jobs in Charlotte, the bank said on Friday. Analysts at Goldman Sachs were surprised.')
    expect(ids(l)).toContain('org:bank-of-america')
    expect(ids(l)).toContain('org:goldman-sachs')
    expect(ids(l)).not.toContain('country:US')
  })
  it('joins names and demonyms of one country', () => {
    const l = layerOf('Ukrainian officials met Canadian and British diplomats in Kyiv. The UK and Canada pledged support; Britain will send aid.')
    expect(l.byId.get('country:GB')!.mentions.map((m) => `${m.text}/${m.kind}`)).toEqual(['British/demonym', 'UK/name', 'Britain/name'])
    expect(l.byId.get('country:CA')!.mentions.map((m) => m.kind)).toEqual(['demonym', 'name'])
    expect(l.byId.get('country:UA')!.mentions.map((m) => m.kind)).toEqual(['demonym'])
  })
  it('finds nothing in months, weekdays and lowercase text', () => {
    expect(layerOf('On Tuesday, in March and again in late October, prices rose.').entities).toEqual([])
    expect(layerOf('nothing here is a name, not even monday.').entities).toEqual([])
    expect(layerOf('').entities).toEqual([])
  })
  it('reads only the given ranges and types metadata spans', () => {
    const text = 'Dana Whitfield\nLisbon\nThe minister spoke.'
    const l = findEntities(analyse(text), [{ start: 22, end: text.length }], [{ start: 0, end: 14, type: 'Person' }, { start: 15, end: 21, type: 'Place' }])
    expect(l.entities.map((e) => `${e.id} ${e.type}`).sort()).toEqual(['person:dana-whitfield Person', 'place:lisbon Place'])
  })
})

describe('CoNLL reader', () => {
  it('joins tokens by spaces, sentences by lines, and keeps gold spans by character offsets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conll-'))
    const file = join(dir, 'mini.txt')
    writeFileSync(file, '-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nKoval NNP I-NP I-PER\nvisited VBD B-VP O\nNew NNP B-NP B-LOC\nYork NNP I-NP I-LOC\n. . O O\n\nIt PRP B-NP O\nrained VBD B-VP O\n\n-DOCSTART- -X- -X- O\n\nAcme NNP B-NP B-ORG\nwins VBZ B-VP O\n')
    const docs = readConll(file)
    expect(docs).toHaveLength(2)
    expect(docs[0].text).toBe('Anna Koval visited New York .\nIt rained')
    expect(docs[0].gold).toEqual([{ start: 0, end: 10, label: 'PER' }, { start: 19, end: 27, label: 'LOC' }])
    expect(docs[1].gold).toEqual([{ start: 0, end: 4, label: 'ORG' }])
  })
})
