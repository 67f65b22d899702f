import { describe, expect, it } from 'vitest';
import { Admission, QueueFullError } from './admission';

const deferred = () => {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('Admission', () => {
  it('runs at most `limit` at once and the rest in arrival order', async () => {
    const admission = new Admission(2);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, deferred);
    const runs = gates.map((gate, index) =>
      admission.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(admission.waitingCount).toBe(3);
    gates[1]?.resolve();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(admission.activeCount).toBe(0);
  });

  it('skips a caller that gave up while waiting, without running its work', async () => {
    const admission = new Admission(1);
    const gate = deferred();
    const first = admission.run(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const second = admission.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error('gone'));
    gate.resolve();
    await first;
    await expect(second).rejects.toThrow('gone');
    expect(ran).toBe(false);
    expect(admission.activeCount).toBe(0);
  });

  it('refuses when too many wait, and a failing work frees its place', async () => {
    const admission = new Admission(1, 1);
    const gate = deferred();
    const first = admission.run(() => gate.promise);
    const second = admission.run(async () => {
      throw new Error('boom');
    });
    await expect(admission.run(async () => 3)).rejects.toBeInstanceOf(QueueFullError);
    gate.resolve();
    await first;
    await expect(second).rejects.toThrow('boom');
    expect(await admission.run(async () => 4)).toBe(4);
  });
});
