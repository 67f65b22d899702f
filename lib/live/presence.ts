/**
 * Presence ("viewing now"): which people have a board open, across instances, never stored. Pure: the hub
 * (hub.ts) sends and receives the messages and keeps the clock.
 *
 * Each instance announces, per board, how many people it has on it and up to MAX_NAMED_VIEWERS of them, when that
 * changes (batched) and as a heartbeat; many boards travel in one message. Every instance keeps the union and
 * forgets an instance's entries that stop beating (it died). So presence costs a few messages per second per
 * instance however many streams are open, and a board open in 10,000 browsers sends 20 names and a count, not
 * 10,000 names to each of them.
 */
export const MAX_NAMED_VIEWERS = 20;

export type Viewer = { id: string; name: string };
export type BoardPresence = { boardId: string; total: number; viewers: Viewer[] };

/** This instance's viewers, per board, counting each person's streams (several tabs are one viewer). */
export class LocalViewers {
  private readonly boards = new Map<string, Map<string, { name: string; streams: number }>>();

  /** Returns true when the board's viewers changed (a person arrived). */
  add(boardId: string, viewer: Viewer): boolean {
    let board = this.boards.get(boardId);
    if (!board) {
      board = new Map();
      this.boards.set(boardId, board);
    }
    const entry = board.get(viewer.id);
    if (entry) {
      entry.streams += 1;
      return false;
    }
    board.set(viewer.id, { name: viewer.name, streams: 1 });
    return true;
  }

  /** Returns true when the board's viewers changed (a person's last stream left). */
  remove(boardId: string, viewerId: string): boolean {
    const board = this.boards.get(boardId);
    const entry = board?.get(viewerId);
    if (!board || !entry) return false;
    entry.streams -= 1;
    if (entry.streams > 0) return false;
    board.delete(viewerId);
    if (board.size === 0) this.boards.delete(boardId);
    return true;
  }

  describe(boardId: string): BoardPresence {
    const board = this.boards.get(boardId);
    const viewers: Viewer[] = [];
    for (const [id, entry] of board ?? []) {
      if (viewers.length >= MAX_NAMED_VIEWERS) break;
      viewers.push({ id, name: entry.name });
    }
    return { boardId, total: board?.size ?? 0, viewers };
  }

  boardIds(): string[] {
    return [...this.boards.keys()];
  }
}

/** A presence message as sent: `{ i: instanceId, b: [[boardId, total, [[id, name], …]], …] }`. */
type PresenceMessage = { i: string; b: [string, number, [string, string][]][] };

/** Packs boards' presence into messages of at most `maxBytes` bytes (a board with no viewers means "left"). */
export function packPresenceMessages(instanceId: string, boards: readonly BoardPresence[], maxBytes = 7_900): string[] {
  const messages: string[] = [];
  let entries: PresenceMessage['b'] = [];
  let bytes = Buffer.byteLength(JSON.stringify({ i: instanceId, b: [] }));
  const emptyBytes = bytes;
  for (const board of boards) {
    const entry: PresenceMessage['b'][number] = [board.boardId, board.total, board.viewers.map((viewer) => [viewer.id, viewer.name])];
    const entryBytes = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (entries.length > 0 && bytes + entryBytes > maxBytes) {
      messages.push(JSON.stringify({ i: instanceId, b: entries }));
      entries = [];
      bytes = emptyBytes;
    }
    entries.push(entry);
    bytes += entryBytes;
  }
  if (entries.length > 0) messages.push(JSON.stringify({ i: instanceId, b: entries }));
  return messages;
}

function parsePresenceMessage(text: string): PresenceMessage | null {
  try {
    const message = JSON.parse(text) as PresenceMessage;
    return typeof message.i === 'string' && Array.isArray(message.b) ? message : null;
  } catch {
    return null;
  }
}

/** Every instance's viewers, per board, as last announced. */
export class PresenceTable {
  private readonly boards = new Map<string, Map<string, { total: number; viewers: Viewer[]; seenAt: number }>>();

  /** Applies a received message; returns the boards whose presence changed. */
  apply(text: string, now: number): string[] {
    const message = parsePresenceMessage(text);
    if (!message) return [];
    const changed: string[] = [];
    for (const entry of message.b) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
      const [boardId, total, pairs] = entry;
      const viewers = (Array.isArray(pairs) ? pairs : []).slice(0, MAX_NAMED_VIEWERS).map(([id, name]) => ({ id: String(id), name: String(name) }));
      let board = this.boards.get(boardId);
      const before = board?.get(message.i);
      if (total <= 0 || viewers.length === 0) {
        if (before) {
          board?.delete(message.i);
          if (board?.size === 0) this.boards.delete(boardId);
          changed.push(boardId);
        }
        continue;
      }
      if (!board) {
        board = new Map();
        this.boards.set(boardId, board);
      }
      board.set(message.i, { total, viewers, seenAt: now });
      if (!before || before.total !== total || JSON.stringify(before.viewers) !== JSON.stringify(viewers)) changed.push(boardId);
    }
    return changed;
  }

  /** Forgets instances that stopped announcing; returns the boards whose presence changed. */
  expire(now: number, maxAgeMs: number): string[] {
    const changed: string[] = [];
    for (const [boardId, board] of this.boards) {
      for (const [instanceId, entry] of board) {
        if (now - entry.seenAt <= maxAgeMs) continue;
        board.delete(instanceId);
        changed.push(boardId);
      }
      if (board.size === 0) this.boards.delete(boardId);
    }
    return [...new Set(changed)];
  }

  /**
   * A board's viewers across instances: distinct people (a person on two instances once), at most
   * MAX_NAMED_VIEWERS, ordered by id so every instance describes them alike; `total` adds the instances' counts.
   */
  describe(boardId: string): { viewers: Viewer[]; total: number } {
    const unique = new Map<string, string>();
    let sum = 0;
    let isEveryoneNamed = true;
    for (const entry of this.boards.get(boardId)?.values() ?? []) {
      sum += entry.total;
      if (entry.total > entry.viewers.length) isEveryoneNamed = false;
      for (const viewer of entry.viewers) unique.set(viewer.id, viewer.name);
    }
    const viewers = [...unique].map(([id, name]) => ({ id, name })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // When every instance named all its viewers the count is exact; beyond that it is the instances' sum.
    return { viewers: viewers.slice(0, MAX_NAMED_VIEWERS), total: isEveryoneNamed ? unique.size : Math.max(sum, unique.size) };
  }
}
