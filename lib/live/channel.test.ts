import { describe, expect, it } from 'vitest';
import { BoardChannel, type LogReader, type StreamTarget } from './channel';

/** A board's log in memory: events 1..n with payloads `{"n":seq}`, some maybe pruned. */
function fakeLog(count: number, prunedThrough = 0) {
  const reads: { afterSeq: number; upToSeq?: number }[] = [];
  const events = new Map<number, string>();
  for (let seq = 1; seq <= count; seq += 1) events.set(seq, `{"n":${seq}}`);
  const readLog: LogReader = async (_boardId, afterSeq, limit, upToSeq) => {
    reads.push({ afterSeq, upToSeq });
    const rows: { seq: number; payload: string }[] = [];
    for (const [seq, payload] of events) if (seq > afterSeq && seq > prunedThrough && seq <= (upToSeq ?? Infinity) && rows.length < limit) rows.push({ seq, payload });
    return rows;
  };
  return {
    readLog,
    reads,
    append(payload?: string) {
      const seq = events.size + 1;
      events.set(seq, payload ?? `{"n":${seq}}`);
      return { boardId: 'b', seq, payload: events.get(seq) as string };
    },
  };
}

class FakeStream implements StreamTarget {
  lastSeq = 0;
  isCatchingUp = false;
  text = '';
  isClosed = false;
  accessRole: string | null | undefined;
  constructor(readonly userId = 'u1') {}
  write(bytes: Buffer) {
    this.text += bytes.toString();
  }
  endForAccessChange(role: string | null, frame: Buffer) {
    this.accessRole = role;
    this.write(frame);
    this.isClosed = true;
  }
  close() {
    this.isClosed = true;
  }
  /** The sequence numbers of the events received, in order. */
  get seqs(): number[] {
    return [...this.text.matchAll(/^id: (\d+)\ndata: \{"n"/gm)].map((match) => Number(match[1]));
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('BoardChannel', () => {
  it('delivers events heard out of order once each, in order, and reads a gap that stays open from the log', async () => {
    const log = fakeLog(0);
    const channel = new BoardChannel('b', { readLog: log.readLog, gapWaitMs: 5 });
    channel.initialize(0);
    const stream = new FakeStream();
    expect(await channel.attach(stream, 0)).toBe('live');
    const [e1, e2, e3, e4] = [log.append(), log.append(), log.append(), log.append()];
    channel.receive([e2 as never, e1 as never]);
    channel.receive([e1 as never, e4 as never]);
    expect(stream.seqs).toEqual([1, 2]);
    await settle();
    // 3 never came on the bus: read from the log after the short wait.
    expect(stream.seqs).toEqual([1, 2, 3, 4]);
    expect(log.reads.at(-1)).toMatchObject({ afterSeq: 2 });
    void e3;
  });

  it('reads an event that came id-only (too large for a notification) from the log at once', async () => {
    const log = fakeLog(2);
    const channel = new BoardChannel('b', { readLog: log.readLog, gapWaitMs: 10_000 });
    channel.initialize(2);
    const stream = new FakeStream();
    await channel.attach(stream, 2);
    const big = log.append(JSON.stringify({ n: 3, labels: 'x'.repeat(9_000) }));
    channel.receive([{ boardId: 'b', seq: big.seq, payload: null }]);
    await settle();
    expect(stream.text).toContain('id: 3\ndata: {"n":3,"labels":"xxx');
  });

  it('catches a resuming stream up from its recent window without reading the log', async () => {
    const log = fakeLog(0);
    const channel = new BoardChannel('b', { readLog: log.readLog });
    channel.initialize(0);
    const first = new FakeStream();
    await channel.attach(first, 0);
    for (let i = 0; i < 20; i += 1) channel.receive([log.append() as never]);
    const readsBefore = log.reads.length;
    const resumed = new FakeStream();
    expect(await channel.attach(resumed, 5)).toBe('live');
    expect(resumed.seqs).toEqual(range(6, 20));
    expect(log.reads.length).toBe(readsBefore);
    channel.receive([log.append() as never]);
    expect(resumed.seqs).toEqual(range(6, 21));
    expect(first.seqs).toEqual(range(1, 21));
  });

  it('catches streams up from the log when the window does not reach back, with one read for all of them', async () => {
    const log = fakeLog(30);
    const channel = new BoardChannel('b', { readLog: log.readLog });
    channel.initialize(30);
    const streams = Array.from({ length: 50 }, () => new FakeStream());
    const outcomes = await Promise.all(streams.map((stream) => channel.attach(stream, 10)));
    expect(outcomes.every((outcome) => outcome === 'live')).toBe(true);
    for (const stream of streams) expect(stream.seqs).toEqual(range(11, 30));
    expect(log.reads).toHaveLength(1);
  });

  it('an event committed while a stream was being caught up reaches it once, after the replay', async () => {
    const log = fakeLog(10);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const channel = new BoardChannel('b', {
      readLog: async (...args) => {
        await gate;
        return log.readLog(...args);
      },
    });
    channel.initialize(10);
    const stream = new FakeStream();
    const attached = channel.attach(stream, 4);
    channel.receive([log.append() as never]);
    release();
    expect(await attached).toBe('live');
    expect(stream.seqs).toEqual(range(5, 11));
  });

  it('asks a stream to resync when the events it missed are no longer in the log', async () => {
    const log = fakeLog(40, 20);
    const channel = new BoardChannel('b', { readLog: log.readLog });
    channel.initialize(40);
    const stream = new FakeStream();
    expect(await channel.attach(stream, 5)).toBe('resync');
    expect(stream.text).toContain('id: 40\ndata: {"kind":"resync","boardId":"b"}');
    channel.receive([log.append() as never]);
    expect(stream.seqs).toEqual([41]);
  });

  it('a membership change reaches only the person it concerns, whose stream it ends', async () => {
    const log = fakeLog(0);
    const channel = new BoardChannel('b', { readLog: log.readLog });
    channel.initialize(0);
    const removed = new FakeStream('u2');
    const colleague = new FakeStream('u1');
    await channel.attach(removed, 0);
    await channel.attach(colleague, 0);
    const before = log.append();
    const change = log.append('{"kind" : "access.changed", "boardId" : "b", "userId" : "u2", "role" : null}');
    const after = log.append();
    channel.receive([before as never, change as never, after as never]);
    expect(removed.isClosed).toBe(true);
    expect(removed.accessRole).toBeNull();
    expect(removed.text).toContain('"access.changed"');
    expect(colleague.text).not.toContain('access.changed');
    expect(colleague.seqs).toEqual([1, 3]);
  });
});
