import { describe, expect, it } from 'vitest';
import { buildEventFrame, FrameWindow } from './frames';

describe('event frames', () => {
  it('carry the sequence number as the SSE id and the JSON text as data, encoded once', () => {
    const frame = buildEventFrame(42, '{"kind":"card.upsert","title":"Åäö"}');
    expect(frame.bytes.toString()).toBe('id: 42\ndata: {"kind":"card.upsert","title":"Åäö"}\n\n');
    expect(frame.access).toBeUndefined();
  });

  it('recognise a membership change, in the trigger\'s JSON spacing, but not a card titled like one', () => {
    expect(buildEventFrame(1, '{"kind" : "access.changed", "boardId" : "b", "userId" : "u", "role" : "VIEWER"}').access).toEqual({ userId: 'u', role: 'VIEWER' });
    expect(buildEventFrame(2, '{"kind":"card.upsert","title":"\\"access.changed\\""}').access).toBeUndefined();
  });
});

describe('FrameWindow', () => {
  const frame = (seq: number) => buildEventFrame(seq, `{"n":${seq}}`);

  it('keeps contiguous frames, serves what follows a position, and knows its size in bytes', () => {
    const window = new FrameWindow();
    for (let seq = 5; seq <= 9; seq += 1) expect(window.push(frame(seq))).toBe(true);
    expect(window.push(frame(11))).toBe(false);
    expect(window.since(6, 9)?.map((f) => f.seq)).toEqual([7, 8, 9]);
    expect(window.since(4, 9)?.map((f) => f.seq)).toEqual([5, 6, 7, 8, 9]);
    expect(window.since(3, 9)).toBeNull();
    expect(window.since(9, 9)).toEqual([]);
    expect(window.bytes).toBe([5, 6, 7, 8, 9].reduce((sum, seq) => sum + frame(seq).bytes.length, 0));
  });

  it('takes older frames back in front only when they end right before it, and drops the oldest first', () => {
    const window = new FrameWindow();
    window.push(frame(5));
    expect(window.prepend([frame(1), frame(2)])).toBe(0);
    expect(window.prepend([frame(2), frame(3), frame(4), frame(5)])).toBe(3);
    expect(window.firstSeq).toBe(2);
    expect(window.shift()?.seq).toBe(2);
    expect(window.firstSeq).toBe(3);
    expect(window.size).toBe(3);
  });
});
