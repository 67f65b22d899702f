import 'server-only';
import { announceCommitted } from './after-commit';
import { acceptAll } from './filters';
import type { EphemeralConsumer } from './consumers';

/**
 * The live stream as a consumer of the log. Events normally reach every instance's hub straight from the
 * writer's relay (lib/events/after-commit.ts); the dispatcher marks the events it found only in the log
 * (`isAnnounced: false`: the writer died between commit and relay, or the bus was down) and this consumer
 * announces those, so that every committed event reaches every open board even when nothing else changes on it.
 */
export const liveConsumer: EphemeralConsumer = {
  name: 'live',
  kind: 'ephemeral',
  accepts: acceptAll,
  handle(events) {
    const unheard = events.filter((record) => !record.isAnnounced);
    announceCommitted(unheard.map((record) => ({ boardId: record.boardId, seq: record.seq, payload: record.payload })));
  },
};
