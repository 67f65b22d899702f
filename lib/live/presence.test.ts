import { describe, expect, it } from 'vitest';
import { LocalViewers, MAX_NAMED_VIEWERS, packPresenceMessages, PresenceTable } from './presence';

describe('LocalViewers', () => {
  it('counts a person once however many tabs they have open, and says when the viewers change', () => {
    const local = new LocalViewers();
    expect(local.add('b', { id: 'u1', name: 'Anna' })).toBe(true);
    expect(local.add('b', { id: 'u1', name: 'Anna' })).toBe(false);
    expect(local.add('b', { id: 'u2', name: 'Erik' })).toBe(true);
    expect(local.describe('b')).toEqual({ boardId: 'b', total: 2, viewers: [{ id: 'u1', name: 'Anna' }, { id: 'u2', name: 'Erik' }] });
    expect(local.remove('b', 'u1')).toBe(false);
    expect(local.remove('b', 'u1')).toBe(true);
    expect(local.remove('b', 'u2')).toBe(true);
    expect(local.boardIds()).toEqual([]);
    expect(local.describe('b')).toEqual({ boardId: 'b', total: 0, viewers: [] });
  });

  it('names at most a few viewers of a crowded board and counts the rest', () => {
    const local = new LocalViewers();
    for (let i = 0; i < 500; i += 1) local.add('b', { id: `u${i}`, name: `P ${i}` });
    const described = local.describe('b');
    expect(described.total).toBe(500);
    expect(described.viewers).toHaveLength(MAX_NAMED_VIEWERS);
  });
});

describe('presence across instances', () => {
  it('unites the instances, forgets one that stops announcing, and packs many boards into small messages', () => {
    const boards = Array.from({ length: 300 }, (_, i) => ({ boardId: `board-${i}`, total: 1, viewers: [{ id: `u${i}`, name: `Person ${i}` }] }));
    const messages = packPresenceMessages('instance-a', boards);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(Buffer.byteLength(message)).toBeLessThanOrEqual(7_900);

    const table = new PresenceTable();
    const changed = messages.flatMap((message) => table.apply(message, 1_000));
    expect(changed).toHaveLength(300);
    table.apply(packPresenceMessages('instance-b', [{ boardId: 'board-0', total: 2, viewers: [{ id: 'u0', name: 'Person 0' }, { id: 'x', name: 'Xena' }] }])[0] as string, 1_000);
    expect(table.describe('board-0')).toEqual({ viewers: [{ id: 'u0', name: 'Person 0' }, { id: 'x', name: 'Xena' }], total: 2 });

    // Re-announcing the same thing changes nothing; instance a's heartbeat stops, b's goes on.
    expect(table.apply(messages[0] as string, 5_000)).toEqual([]);
    table.apply(packPresenceMessages('instance-b', [{ boardId: 'board-0', total: 2, viewers: [{ id: 'u0', name: 'Person 0' }, { id: 'x', name: 'Xena' }] }])[0] as string, 30_000);
    const expired = table.expire(30_001, 25_000);
    expect(expired).toContain('board-1');
    expect(table.describe('board-1')).toEqual({ viewers: [], total: 0 });
    expect(table.describe('board-0').total).toBe(2);

    // Leaving: an empty announcement removes the instance's viewers.
    table.apply(packPresenceMessages('instance-b', [{ boardId: 'board-0', total: 0, viewers: [] }])[0] as string, 30_001);
    expect(table.describe('board-0')).toEqual({ viewers: [], total: 0 });
    expect(table.apply('not json', 1)).toEqual([]);
  });
});
