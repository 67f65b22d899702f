import { describe, expect, it } from 'vitest';
import { FLOW_STATES, describeFlowStateProblems } from '@/lib/domain/flow-states';
import { parseBoardName, BOARD_NAME_MAX } from './board-name';
import { blankBoardStructure, copyBoardStructure, templateBoardStructure, type SourceBoard } from './structure';
import { BOARD_TEMPLATES, BOARD_TEMPLATE_IDS, findBoardTemplate } from './templates';

describe('board templates', () => {
  it('offers at least the four the teams asked for, with unique ids', () => {
    expect(BOARD_TEMPLATE_IDS).toEqual(expect.arrayContaining(['social-services-intake', 'building-permits', 'improvement-work', 'simple']));
    expect(new Set(BOARD_TEMPLATE_IDS).size).toBe(BOARD_TEMPLATE_IDS.length);
  });

  it.each(BOARD_TEMPLATES.map((template) => [template.id, template] as const))('%s: a sound flow in both languages, with a standard lane', (_id, template) => {
    for (const locale of ['sv', 'en'] as const) {
      const structure = templateBoardStructure(template.id, locale)!;
      expect(structure.columns.length).toBeGreaterThanOrEqual(3);
      // A commitment point and a delivery point, in workflow order: flow metrics work from day one.
      expect(describeFlowStateProblems(structure.columns)).toEqual([]);
      expect(structure.columns.every((column) => column.name.trim() !== '' && column.name.length <= 60)).toBe(true);
      expect(structure.lanes.some((lane) => lane.classOfService === 'STANDARD')).toBe(true);
      expect(structure.columns.map((column) => column.position)).toEqual([...structure.columns.map((column) => column.position)].sort((a, b) => a - b));
      for (const column of structure.columns) expect(FLOW_STATES).toContain(column.flowState);
    }
    // Every text exists in both languages, and the Swedish one is not the English one left untranslated.
    expect(template.name.sv).not.toBe(template.name.en);
    for (const column of template.columns) {
      expect(column.name.sv && column.name.en).toBeTruthy();
      expect(Boolean(column.policy.sv)).toBe(Boolean(column.policy.en));
    }
  });

  it('gives the column names and policies in the language asked for', () => {
    const sv = templateBoardStructure('simple', 'sv')!;
    const en = templateBoardStructure('simple', 'en')!;
    expect(sv.columns.map((column) => column.name)).toEqual(['Att göra', 'Pågår', 'Klart']);
    expect(en.columns.map((column) => column.name)).toEqual(['To do', 'Doing', 'Done']);
    expect(en.columns[1]!.policy).toMatch(/Finish before starting/);
    expect(en.columns[1]!.wipLimit).toBe(5);
  });

  it('knows no template by an unknown or forged id', () => {
    expect(templateBoardStructure('does-not-exist', 'sv')).toBeNull();
    expect(templateBoardStructure('__proto__', 'sv')).toBeNull();
    expect(templateBoardStructure(42, 'en')).toBeNull();
    expect(findBoardTemplate(undefined)).toBeNull();
  });

  it('makes a blank board Inkommet → Pågår → Klart with one standard lane', () => {
    const blank = blankBoardStructure('sv');
    expect(blank.columns.map((column) => [column.name, column.flowState, column.wipLimit])).toEqual([
      ['Inkommet', 'NOT_STARTED', null],
      ['Pågår', 'IN_PROGRESS', null],
      ['Klart', 'DONE', null],
    ]);
    expect(blank.lanes).toEqual([{ name: 'Standard', position: 1024, classOfService: 'STANDARD', wipLimit: null, wipMode: 'ADVISORY', policy: '' }]);
    expect(blankBoardStructure('en').columns.map((column) => column.name)).toEqual(['Incoming', 'In progress', 'Done']);
  });
});

describe('copyBoardStructure', () => {
  const column = (name: string, position: number, extra: Partial<SourceBoard['columns'][number]> = {}): SourceBoard['columns'][number] => ({
    name,
    position,
    flowState: 'IN_PROGRESS',
    wipLimit: null,
    wipMode: 'ADVISORY',
    policy: '',
    deletedAt: null,
    ...extra,
  });
  const lane = (name: string, position: number, extra: Partial<SourceBoard['lanes'][number]> = {}): SourceBoard['lanes'][number] => ({
    name,
    position,
    classOfService: 'STANDARD',
    wipLimit: null,
    wipMode: 'ADVISORY',
    policy: '',
    deletedAt: null,
    ...extra,
  });

  it('copies current columns and lanes in board order with every setting, and positions start afresh', () => {
    const copy = copyBoardStructure({
      columns: [
        column('Klart', 9000, { flowState: 'DONE' }),
        column('Inkommet', 10.5, { flowState: 'NOT_STARTED', policy: 'Nya ärenden' }),
        column('Borttagen', 50, { deletedAt: new Date('2026-01-01') }),
        column('Utreds', 700, { wipLimit: 4, wipMode: 'STRICT', policy: '**Högst fyra**' }),
      ],
      lanes: [lane('Standard', 2048), lane('Akut', 1024, { classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT', policy: 'Dras först' }), lane('Gammal', 10, { deletedAt: new Date() })],
    });
    expect(copy).toEqual({
      columns: [
        { name: 'Inkommet', position: 1024, flowState: 'NOT_STARTED', wipLimit: null, wipMode: 'ADVISORY', policy: 'Nya ärenden' },
        { name: 'Utreds', position: 2048, flowState: 'IN_PROGRESS', wipLimit: 4, wipMode: 'STRICT', policy: '**Högst fyra**' },
        { name: 'Klart', position: 3072, flowState: 'DONE', wipLimit: null, wipMode: 'ADVISORY', policy: '' },
      ],
      lanes: [
        { name: 'Akut', position: 1024, classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT', policy: 'Dras först' },
        { name: 'Standard', position: 2048, classOfService: 'STANDARD', wipLimit: null, wipMode: 'ADVISORY', policy: '' },
      ],
    });
  });

  it('gives a copy of a board without lanes one standard lane, and refuses a board without columns', () => {
    expect(copyBoardStructure({ columns: [column('A', 1)], lanes: [lane('Old', 1, { deletedAt: new Date() })] })!.lanes).toEqual([
      { name: 'Standard', position: 1024, classOfService: 'STANDARD', wipLimit: null, wipMode: 'ADVISORY', policy: '' },
    ]);
    expect(copyBoardStructure({ columns: [column('Gone', 1, { deletedAt: new Date() })], lanes: [lane('Standard', 1)] })).toBeNull();
  });

  it('carries nothing but structure (no cards, no ids)', () => {
    const copy = copyBoardStructure({ columns: [{ ...column('A', 1), ...({ id: 'col1', cards: [{ id: 'c1' }] } as object) }], lanes: [lane('S', 1)] })!;
    expect(Object.keys(copy)).toEqual(['columns', 'lanes']);
    expect(Object.keys(copy.columns[0]!).sort()).toEqual(['flowState', 'name', 'policy', 'position', 'wipLimit', 'wipMode']);
  });
});

describe('parseBoardName', () => {
  it('trims and accepts a name of up to the limit (in characters as people see them)', () => {
    expect(parseBoardName('  Mottagning  ')).toEqual({ ok: true, name: 'Mottagning' });
    expect(parseBoardName('å'.repeat(BOARD_NAME_MAX))).toEqual({ ok: true, name: 'å'.repeat(BOARD_NAME_MAX) });
    expect(parseBoardName('🙂'.repeat(BOARD_NAME_MAX)).ok).toBe(true);
  });

  it('refuses empty, too long, control characters, broken text and non-strings', () => {
    expect(parseBoardName('')).toEqual({ ok: false, problem: 'NAME_REQUIRED' });
    expect(parseBoardName('   ')).toEqual({ ok: false, problem: 'NAME_REQUIRED' });
    expect(parseBoardName('x'.repeat(BOARD_NAME_MAX + 1))).toEqual({ ok: false, problem: 'NAME_TOO_LONG' });
    expect(parseBoardName('Tavla\u0007')).toEqual({ ok: false, problem: 'NAME_CONTROL_CHARACTERS' });
    expect(parseBoardName('Två\nrader')).toEqual({ ok: false, problem: 'NAME_CONTROL_CHARACTERS' });
    expect(parseBoardName('Tavla\u0085')).toEqual({ ok: false, problem: 'NAME_CONTROL_CHARACTERS' });
    expect(parseBoardName('Halv \uD83D')).toEqual({ ok: false, problem: 'NAME_CONTROL_CHARACTERS' });
    expect(parseBoardName(null)).toEqual({ ok: false, problem: 'NAME_REQUIRED' });
    expect(parseBoardName({ name: 'x' })).toEqual({ ok: false, problem: 'NAME_REQUIRED' });
  });
});
