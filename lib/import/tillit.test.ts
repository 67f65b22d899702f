import { describe, expect, it } from 'vitest';
import type { TillitExport } from '@/lib/export/tillit-format';
import { prepareImport } from './index';
import { ImportError } from './model';

const NOW = new Date('2026-02-02T00:00:00Z');

function document(): TillitExport {
  return {
    format: 'tillit-board',
    version: 1,
    exportedAt: '2026-02-01T00:00:00.000Z',
    board: { id: 'b1', name: 'Tavla', createdAt: '2026-01-01T00:00:00.000Z' },
    columns: [
      { id: 'k1', name: 'Inkommet', position: 1024, wipLimit: null, wipMode: 'ADVISORY', policy: '', flowState: 'NOT_STARTED', createdAt: '2026-01-01T00:00:00.000Z', deletedAt: null },
      { id: 'k2', name: 'Klart', position: 2048, wipLimit: 3, wipMode: 'STRICT', policy: 'Klart när beslut skickats.', flowState: 'DONE', createdAt: '2026-01-01T00:00:00.000Z', deletedAt: null },
    ],
    cards: [
      { id: 'c1', columnId: 'k2', title: 'Ärende', description: 'Text', position: 1024, demand: 'VALUE', labels: ['A'], blockedReason: null, blockedAt: null, archivedAt: null, createdAt: '2026-01-02T00:00:00.000Z', lastMovedAt: '2026-01-03T00:00:00.000Z', startedAt: '2026-01-03T00:00:00.000Z', doneAt: '2026-01-03T00:00:00.000Z', textClearedAt: null, version: 3 },
      { id: 'c2', columnId: 'k2', title: '', description: '', position: 2048, demand: 'UNKNOWN', labels: [], blockedReason: null, blockedAt: null, archivedAt: '2026-01-20T00:00:00.000Z', createdAt: '2026-01-02T00:00:00.000Z', lastMovedAt: '2026-01-03T00:00:00.000Z', startedAt: '2026-01-03T00:00:00.000Z', doneAt: '2026-01-03T00:00:00.000Z', textClearedAt: '2026-01-25T00:00:00.000Z', version: 2 },
    ],
    cardEvents: [
      { cardId: 'c1', type: 'CREATED', fromColumnId: null, toColumnId: 'k1', at: '2026-01-02T00:00:00.000Z', actorName: 'Anna', data: null },
      { cardId: 'c1', type: 'MOVED', fromColumnId: 'k1', toColumnId: 'k2', at: '2026-01-03T00:00:00.000Z', actorName: null, data: { reason: 'x' } },
    ],
    boardEvents: [{ type: 'WIP_LIMIT_EXCEEDED', columnId: 'k2', at: '2026-01-03T00:00:00.000Z', actorName: 'Anna', before: null, after: { cardId: 'c1', limit: 3 } }],
    standups: [{ startedAt: '2026-01-05T08:00:00.000Z', endedAt: null }],
    comments: [{ id: 'm1', cardId: 'c1', body: 'En **kommentar**', authorName: 'Anna', createdAt: '2026-01-02T10:00:00.000Z', editedAt: null }],
  };
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${(error as ImportError).code}:${(error as ImportError).params.path ?? ''}`;
  }
  return 'ok';
}

describe('Tillit export import', () => {
  it('keeps every field and event as it was, flow states fixed', () => {
    const plan = prepareImport(JSON.stringify(document()), { now: NOW });
    expect(plan.source).toBe('tillit');
    expect(plan.boardCreatedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(plan.columns[1]).toMatchObject({ wipLimit: 3, wipMode: 'STRICT', policy: 'Klart när beslut skickats.', flowState: 'DONE' });
    expect(plan.cards[0]).toMatchObject({ demand: 'VALUE', labels: ['A'], version: 3 });
    expect(plan.cards[1]?.textClearedAt?.toISOString()).toBe('2026-01-25T00:00:00.000Z');
    expect(plan.cardEvents[1]).toMatchObject({ type: 'MOVED', fromColumnRef: 'k1', toColumnRef: 'k2', data: { reason: 'x' } });
    expect(plan.boardEvents[0]?.after).toEqual({ cardId: 'c1', limit: 3 });
    expect(plan.standups).toHaveLength(1);
    expect(plan.preview.canChangeFlowStates).toBe(false);
  });

  it('refuses edited or damaged exports, naming where', () => {
    const mutate = (change: (doc: TillitExport & Record<string, unknown>) => void) => {
      const doc = document() as TillitExport & Record<string, unknown>;
      change(doc);
      return codeOf(() => prepareImport(JSON.stringify(doc), { now: NOW }));
    };
    expect(mutate((doc) => ((doc as { version: number }).version = 2))).toBe('unsupportedVersion:');
    expect(mutate((doc) => (doc.cards[0]!.columnId = 'nowhere'))).toBe('malformed:cards.0.columnId');
    expect(mutate((doc) => (doc.cardEvents[0]!.cardId = 'c9'))).toBe('malformed:cardEvents.0.cardId');
    expect(mutate((doc) => (doc.cards[0]!.title = ''))).toBe('malformed:cards.0.title');
    expect(mutate((doc) => (doc.cards[0]!.title = 'a\u0000b'))).toBe('malformed:cards.0.title');
    expect(mutate((doc) => (doc.columns[1]!.id = 'k1'))).toBe('malformed:columns.1.id');
    expect(mutate((doc) => ((doc.cards[0] as { createdAt: string }).createdAt = 'yesterday'))).toBe('malformed:cards.0.createdAt');
    expect(mutate((doc) => ((doc.cardEvents[0] as { type: string }).type = 'DELETED'))).toBe('malformed:cardEvents.0.type');
    expect(mutate((doc) => (doc.columns = []))).toBe('noColumns:');
    let nested: unknown = 'x';
    for (let i = 0; i < 20; i += 1) nested = { deeper: nested };
    expect(mutate((doc) => (doc.cardEvents[0]!.data = nested as never))).toBe('malformed:cardEvents.0.data');
  });

  it('carries lanes and experiments, and the history rows linked to them', () => {
    const doc = document();
    doc.lanes = [{ id: 'l1', name: 'Standard', position: 1024, classOfService: 'STANDARD', wipLimit: null, wipMode: 'ADVISORY', policy: '', createdAt: '2026-01-01T00:00:00.000Z', deletedAt: null }];
    doc.cards[0]!.laneId = 'l1';
    doc.experiments = [
      {
        id: 'e1',
        change: 'Lägre gräns i Klart',
        reason: 'Köer',
        hypothesis: 'Ledtiden går ner',
        measure: 'CYCLE_TIME',
        expectedDirection: 'DOWN',
        reviewDate: '2026-01-20',
        status: 'ENDED',
        outcome: 'ADOPT',
        reflection: 'Det fungerade',
        preparedChange: { kind: 'column.wip', columnId: 'k2', wipLimit: 3, wipMode: 'STRICT' },
        appliedChange: { kind: 'column.wip', columnId: 'k2', before: { wipLimit: null, wipMode: 'ADVISORY' } },
        createdAt: '2026-01-04T00:00:00.000Z',
        startedAt: '2026-01-05T00:00:00.000Z',
        endedAt: '2026-01-20T00:00:00.000Z',
        revertedAt: null,
      },
    ];
    doc.boardEvents.push({ type: 'COLUMN_WIP_CHANGED', columnId: 'k2', laneId: null, experimentId: 'e1', at: '2026-01-05T00:00:00.000Z', actorName: 'Anna', before: { wipLimit: null }, after: { wipLimit: 3 } });
    const plan = prepareImport(JSON.stringify(doc), { now: NOW });
    expect(plan.lanes?.[0]).toMatchObject({ ref: 'l1', classOfService: 'STANDARD' });
    expect(plan.cards[0]?.laneRef).toBe('l1');
    expect(plan.experiments?.[0]).toMatchObject({ ref: 'e1', status: 'ENDED', outcome: 'ADOPT', reviewDate: '2026-01-20', appliedChange: { columnId: 'k2' } });
    expect(plan.boardEvents.at(-1)).toMatchObject({ experimentRef: 'e1', columnRef: 'k2' });
    // A history row naming an experiment the file does not hold means the file was edited.
    doc.boardEvents.at(-1)!.experimentId = 'e9';
    expect(codeOf(() => prepareImport(JSON.stringify(doc), { now: NOW }))).toBe('malformed:boardEvents.1.experimentId');
    doc.boardEvents.at(-1)!.experimentId = 'e1';
    doc.cards[0]!.laneId = 'l9';
    expect(codeOf(() => prepareImport(JSON.stringify(doc), { now: NOW }))).toBe('malformed:cards.0.laneId');
  });

  it('keeps a "__proto__" key in history data as data', () => {
    const text = JSON.stringify(document()).replace('"data":{"reason":"x"}', '"data":{"__proto__":{"polluted":true}}');
    const plan = prepareImport(text, { now: NOW });
    expect(Object.keys(plan.cardEvents[1]?.data as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
