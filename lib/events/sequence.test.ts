import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyArrival, findMissingRange, SequenceBuffer } from './sequence';

describe('classifyArrival', () => {
  it('tells the next event, a duplicate and one that came early apart', () => {
    expect(classifyArrival(4, 5)).toBe('next');
    expect(classifyArrival(4, 4)).toBe('duplicate');
    expect(classifyArrival(4, 2)).toBe('duplicate');
    expect(classifyArrival(4, 7)).toBe('ahead');
  });
});

describe('findMissingRange', () => {
  it('names the numbers between the last delivered and the earliest held', () => {
    expect(findMissingRange(4, [9, 7, 12])).toEqual({ from: 5, to: 6 });
    expect(findMissingRange(4, [])).toBeNull();
    expect(findMissingRange(4, [3, 4])).toBeNull();
  });
});

describe('SequenceBuffer', () => {
  it('delivers in order, holds what came early and releases it when the gap closes', () => {
    const buffer = new SequenceBuffer<string>(10);
    expect(buffer.accept(11, 'a')).toEqual(['a']);
    expect(buffer.accept(13, 'c')).toEqual([]);
    expect(buffer.accept(14, 'd')).toEqual([]);
    expect(buffer.missing()).toEqual({ from: 12, to: 12 });
    expect(buffer.accept(12, 'b')).toEqual(['b', 'c', 'd']);
    expect(buffer.lastSeq).toBe(14);
    expect(buffer.missing()).toBeNull();
  });

  it('drops duplicates, delivered or held', () => {
    const buffer = new SequenceBuffer<string>(0);
    expect(buffer.accept(1, 'a')).toEqual(['a']);
    expect(buffer.accept(1, 'a again')).toEqual([]);
    expect(buffer.accept(3, 'c')).toEqual([]);
    expect(buffer.accept(3, 'c again')).toEqual([]);
    expect(buffer.accept(2, 'b')).toEqual(['b', 'c']);
  });

  it('skips a gap on purpose and goes on with what follows it', () => {
    const buffer = new SequenceBuffer<string>(0);
    buffer.accept(4, 'd');
    buffer.accept(6, 'f');
    expect(buffer.skipTo(3)).toEqual(['d']);
    expect(buffer.missing()).toEqual({ from: 5, to: 5 });
    expect(buffer.skipTo(2)).toEqual([]);
  });

  it('whatever the arrival order and duplicates, delivers every number exactly once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.nat(), { minLength: 0, maxLength: 200 }), (count, noise) => {
        const seqs = Array.from({ length: count }, (_, index) => index + 1);
        const arrivals = [...seqs, ...noise.map((n) => (n % count) + 1)];
        // Shuffle deterministically from the noise.
        for (let i = arrivals.length - 1; i > 0; i -= 1) {
          const j = (noise[i % Math.max(noise.length, 1)] ?? i) % (i + 1);
          [arrivals[i], arrivals[j]] = [arrivals[j] as number, arrivals[i] as number];
        }
        const buffer = new SequenceBuffer<number>(0);
        const delivered = arrivals.flatMap((seq) => buffer.accept(seq, seq));
        expect(delivered).toEqual(seqs);
        expect(buffer.heldCount).toBe(0);
      }),
    );
  });
});
