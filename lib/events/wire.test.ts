import { describe, expect, it } from 'vitest';
import type { CommittedEvent } from './types';
import { decodeNotification, encodeEventLine, MAX_NOTIFICATION_BYTES, packNotifications } from './wire';

const event = (seq: number, payload: string, boardId = 'board-1'): CommittedEvent => ({ boardId, seq, payload });

describe('the notification wire format', () => {
  it('round-trips events with their board, sequence number and JSON text', () => {
    const events = [event(1, JSON.stringify({ kind: 'card.upsert', title: 'Tab\there\nand newline' })), event(2, '{"kind":"board.changed"}', 'board-2')];
    const [text, ...rest] = packNotifications('instance-a', events);
    expect(rest).toEqual([]);
    expect(decodeNotification(text as string)).toEqual({ origin: 'instance-a', events: events.map((e) => ({ ...e })) });
  });

  it('sends an event too large for a notification id-only, never over the limit', () => {
    const huge = event(7, JSON.stringify({ kind: 'card.upsert', labels: Array.from({ length: 20 }, () => '\u0001'.repeat(100)) }));
    expect(Buffer.byteLength(huge.payload)).toBeGreaterThan(8_000);
    expect(encodeEventLine(huge)).toBe('board-1\t7\t');
    const texts = packNotifications('instance-a', [event(6, '{"a":1}'), huge, event(8, '{"b":2}')]);
    for (const text of texts) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_NOTIFICATION_BYTES);
    const decoded = texts.flatMap((text) => decodeNotification(text).events);
    expect(decoded).toEqual([
      { boardId: 'board-1', seq: 6, payload: '{"a":1}' },
      { boardId: 'board-1', seq: 7, payload: null },
      { boardId: 'board-1', seq: 8, payload: '{"b":2}' },
    ]);
  });

  it('packs many events into as few notifications as fit, in order, each within the limit', () => {
    const events = Array.from({ length: 100 }, (_, index) => event(index + 1, JSON.stringify({ kind: 'card.upsert', title: 'å'.repeat(300) })));
    const texts = packNotifications('i', events);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.length).toBeLessThan(20);
    for (const text of texts) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_NOTIFICATION_BYTES);
    expect(texts.flatMap((text) => decodeNotification(text).events.map((e) => e.seq))).toEqual(events.map((e) => e.seq));
  });

  it('ignores malformed lines and reads a notification from the database trigger (no origin)', () => {
    const text = '\nboard-1\t3\t{"kind":"access.changed"}\nnot a line\nboard-1\tx\t{}\n\tboard\t1\t';
    expect(decodeNotification(text)).toEqual({ origin: '', events: [{ boardId: 'board-1', seq: 3, payload: '{"kind":"access.changed"}' }] });
  });
});
