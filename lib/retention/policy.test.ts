import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, clearsOn, finishedAt, isRetentionChoice, retentionCutoff } from './policy';

describe('retention policy', () => {
  it('moves dates by calendar months, keeping the end of month', () => {
    expect(addMonths(new Date('2026-08-31T10:00:00Z'), -6).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2024-02-29T10:00:00Z'), 12).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-01-15T00:00:00Z'), 24).toISOString()).toBe('2028-01-15T00:00:00.000Z');
  });

  it('a card finished exactly one period before now is due; one a moment later is not', () => {
    const now = new Date('2027-03-01T02:30:00Z');
    const cutoff = retentionCutoff(now, 6);
    expect(cutoff.toISOString()).toBe('2026-09-01T02:30:00.000Z');
    expect(clearsOn(cutoff, 6).getTime()).toBe(now.getTime());
  });

  it('a card is finished at delivery, else at archiving, else not at all', () => {
    const done = new Date('2026-01-01T00:00:00Z');
    const archived = new Date('2026-02-01T00:00:00Z');
    expect(finishedAt({ doneAt: done, archivedAt: archived })).toBe(done);
    expect(finishedAt({ doneAt: null, archivedAt: archived })).toBe(archived);
    expect(finishedAt({ doneAt: null, archivedAt: null })).toBeNull();
  });

  it('knows the choices', () => {
    expect([6, 12, 24, 36, null].every(isRetentionChoice)).toBe(true);
    expect([0, 1, 7, 48, 'forever', undefined].some(isRetentionChoice)).toBe(false);
  });

  it('never clears before the period has passed (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2060-01-01'), noInvalidDate: true }), fc.constantFrom(6, 12, 24, 36), (finished, months) => {
        const clears = clearsOn(finished, months);
        expect(clears.getTime()).toBeGreaterThan(finished.getTime() + (months * 28 - 1) * 86_400_000);
        expect(retentionCutoff(clears, months).getTime()).toBeGreaterThanOrEqual(finished.getTime() - 3 * 86_400_000);
      }),
    );
  });
});
