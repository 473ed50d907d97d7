// Name finder rules on top of the tagger, on short texts written for these tests, and the CoNLL
// reader of the evaluation harness.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyse } from '../../src/extract/nlp.ts'
import { findEntities, MAX_NAME_CHARS } from '../../src/extract/entities.ts'
import { readConll } from '../../scripts/eval/conll.ts'
import { layerOf, idsOf } from '../support/layers.ts'


describe('names on modern news', () => {
  it('takes no name longer than MAX_NAME_CHARS (a capitalised word of thousands of letters is garbage, not a name)', () => {
    const word = 'Z' + 'a'.repeat(5_000)
    const l = layerOf(`Anna Berg met ${word} in Oslo. ${word} said nothing, Ms Berg said.`)
    expect(l.entities.every((e) => e.name.length <= MAX_NAME_CHARS && e.mentions.every((m) => m.end - m.start <= MAX_NAME_CHARS))).toBe(true)
    expect(l.entities.map((e) => e.name)).toContain('Anna Berg')
  })
  it('keeps hyphenated first names and surnames whole, wherever the tagger starts the span', () => {
    const l = layerOf('Liisa-Maria Korhonen, chair of the board, said the plan was sound. “We will wait,” said Jens Olsen-Berg. Mr Olsen-Berg left. “Liisa-Maria Korhonen is right,” he said.')
    const people = l.entities.filter((e) => e.type === 'Person').map((e) => e.name).sort()
    expect(people).toEqual(['Jens Olsen-Berg', 'Liisa-Maria Korhonen'])
    expect(l.byId.get('person:jens-olsen-berg')!.mentions.map((m) => m.text)).toEqual(['Jens Olsen-Berg', 'Olsen-Berg'])
  })
  it('reads a person from an honorific or a title in apposition whatever the tagger typed', () => {
    const l = layerOf('The minister met the ambassador, Per Lindqvist, on Monday. Mr Lindqvist said little. Its spokeswoman, Sofia Marklund, declined to comment. Ms de Vries, the chair of the panel, agreed.')
    const people = l.entities.filter((e) => e.type === 'Person').map((e) => e.name).sort()
    expect(people).toEqual(['Per Lindqvist', 'Sofia Marklund', 'de Vries'])
    expect(l.byId.get('person:per-lindqvist')!.mentions.map((m) => m.text)).toEqual(['Per Lindqvist', 'Lindqvist'])
  })
  it('types a name the article treats as an organisation as one', () => {
    const l = layerOf('A dam proposed by the Swedish company Birchwood Vale would flood the valley. Anders Holm, chief executive of Birchwood Vale, said the design was safe. Birchwood Vale said it would publish its studies.')
    expect(l.byId.get('org:birchwood-vale')?.type).toBe('Organisation')
    expect(l.byId.get('person:anders-holm')?.type).toBe('Person')
    expect(idsOf(l)).not.toContain('person:birchwood-vale')
  })
  it('reads no names in a quoted show title, and no title or verb as part of a name', () => {
    const l = layerOf('Senator Ruth Calloway appeared on “Face the Nation” on Sunday. Ms Calloway stressed that talks would go on.')
    expect(idsOf(l)).toEqual(['person:ruth-calloway'])
    expect(l.byId.get('person:ruth-calloway')!.mentions.map((m) => m.text)).toEqual(['Ruth Calloway', 'Calloway'])
  })
  it('reads a Title Case headline by the case the article gives its words', () => {
    const l = layerOf('Senators Weigh Tougher Rules As Budget Talks Stall Again\nSenator Maria Olsen of Vermont said on Tuesday that talks with the Treasury Department would resume in March. Olsen spoke at the University of Vermont.')
    expect(idsOf(l)).toEqual(['org:treasury-department', 'org:university-of-vermont', 'person:maria-olsen', 'place:vermont'])
    expect(l.byId.get('person:maria-olsen')!.mentions.map((m) => m.text)).toEqual(['Maria Olsen', 'Olsen'])
    expect(l.roles).toEqual([{ personId: 'person:maria-olsen', title: 'senator', orgId: null }])
  })
  it('keeps an organisation\'s "of" phrase whole', () => {
    const l = layerOf('Bank of America cut jobs in Charlotte, the bank said on Friday. Analysts at Goldman Sachs were surprised.')
    expect(idsOf(l)).toContain('org:bank-of-america')
    expect(idsOf(l)).toContain('org:goldman-sachs')
    expect(idsOf(l)).not.toContain('country:US')
  })
  it('joins names and demonyms of one country', () => {
    const l = layerOf('Ukrainian officials met Canadian and British diplomats in Kyiv. The UK and Canada pledged support; Britain will send aid.')
    expect(l.byId.get('country:GB')!.mentions.map((m) => `${m.text}/${m.kind}`)).toEqual(['British/demonym', 'UK/name', 'Britain/name'])
    expect(l.byId.get('country:CA')!.mentions.map((m) => m.kind)).toEqual(['demonym', 'name'])
    expect(l.byId.get('country:UA')!.mentions.map((m) => m.kind)).toEqual(['demonym'])
  })
  it('keeps the nations of the United Kingdom apart from it: England, Scotland and Wales are not the UK', () => {
    const l = layerOf('Scottish ministers met English and Welsh officials in Cardiff. Scotland and Wales want more say; England said little, and Britain will decide.')
    expect(l.byId.get('country:GB-SCT')!.mentions.map((m) => `${m.text}/${m.kind}`)).toEqual(['Scottish/demonym', 'Scotland/name'])
    expect(l.byId.get('country:GB-WLS')!.mentions.map((m) => `${m.text}/${m.kind}`)).toEqual(['Welsh/demonym', 'Wales/name'])
    expect(l.byId.get('country:GB-ENG')!.mentions.map((m) => `${m.text}/${m.kind}`)).toEqual(['English/demonym', 'England/name'])
    expect(l.byId.get('country:GB-ENG')!.name).toBe('England')
    expect(l.byId.get('country:GB')!.mentions.map((m) => m.text)).toEqual(['Britain'])
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
