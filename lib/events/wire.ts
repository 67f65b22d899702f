/**
 * How committed events travel in a PostgreSQL notification (lib/events/bus-postgres.ts), as plain text:
 *
 *   <origin>\n<boardId>\t<seq>\t<payload>\n<boardId>\t<seq>\t<payload>…
 *
 * `origin` is the sending instance's id (empty when the database itself notifies, from a trigger), so an
 * instance skips its own notifications (it delivered those events locally already). A payload is the event's
 * JSON text, which never contains a raw newline or tab (JSON escapes both). An event too large for a notification
 * travels id-only (`<boardId>\t<seq>\t`): receivers read it from the log. So a notification never exceeds
 * PostgreSQL's payload limit, and a large card never makes a change fail.
 */
import type { CommittedEvent, WireEvent } from './types';

/** PostgreSQL refuses notification payloads of 8000 bytes or more; this leaves room for the origin line. */
export const MAX_NOTIFICATION_BYTES = 7_900;

/** One event's line: the whole event when it fits in a notification, else only its board and sequence number. */
export function encodeEventLine(event: CommittedEvent, maxBytes = MAX_NOTIFICATION_BYTES): string {
  const line = `${event.boardId}\t${event.seq}\t${event.payload}`;
  return Buffer.byteLength(line) <= maxBytes ? line : `${event.boardId}\t${event.seq}\t`;
}

/**
 * Packs events into as few notifications as possible, each at most `maxBytes` bytes including the origin line,
 * keeping their order (a receiver may still see notifications of several instances interleaved: sequence
 * numbers put them back in order).
 */
export function packNotifications(origin: string, events: readonly CommittedEvent[], maxBytes = MAX_NOTIFICATION_BYTES): string[] {
  const header = `${origin}\n`;
  const headerBytes = Buffer.byteLength(header);
  const notifications: string[] = [];
  let lines: string[] = [];
  let bytes = headerBytes;
  for (const event of events) {
    const line = encodeEventLine(event, maxBytes - headerBytes);
    const lineBytes = Buffer.byteLength(line);
    // Lines after the first one need a newline before them.
    if (lines.length > 0 && bytes + 1 + lineBytes > maxBytes) {
      notifications.push(header + lines.join('\n'));
      lines = [];
      bytes = headerBytes;
    }
    bytes += (lines.length > 0 ? 1 : 0) + lineBytes;
    lines.push(line);
  }
  if (lines.length > 0) notifications.push(header + lines.join('\n'));
  return notifications;
}

/** The origin and the events of a notification; malformed lines are skipped (they cannot be ours). */
export function decodeNotification(text: string): { origin: string; events: WireEvent[] } {
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return { origin: text, events: [] };
  const origin = text.slice(0, firstBreak);
  const events: WireEvent[] = [];
  let start = firstBreak + 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const event = decodeEventLine(text.slice(start, end));
    if (event) events.push(event);
    start = end + 1;
  }
  return { origin, events };
}

function decodeEventLine(line: string): WireEvent | null {
  const firstTab = line.indexOf('\t');
  const secondTab = firstTab < 0 ? -1 : line.indexOf('\t', firstTab + 1);
  if (firstTab <= 0 || secondTab < 0) return null;
  const seq = Number(line.slice(firstTab + 1, secondTab));
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  const payload = line.slice(secondTab + 1);
  return { boardId: line.slice(0, firstTab), seq, payload: payload === '' ? null : payload };
}
