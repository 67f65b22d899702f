import 'server-only';
/**
 * What the Flow page needs to know about lanes to give figures per class of service (lib/flow/class-of-service.ts):
 * each lane's class now (removed lanes included, since finished cards may have been in them) and the board's
 * history of class changes, so a card is counted in the class its lane had when the card finished.
 */
import type { Db } from '@/lib/db';
import { CLASSES_OF_SERVICE, type ClassOfService } from '@/lib/domain/lanes';
import { findLaneClassAt, type LaneClassChange } from '@/lib/flow';

export type LaneClassAt = (laneId: string, at: Date) => ClassOfService | null;

function asClass(value: unknown): ClassOfService | null {
  return (CLASSES_OF_SERVICE as readonly unknown[]).includes(value) ? (value as ClassOfService) : null;
}

/** Reads the board's lanes and their class changes; returns the class a lane had at an instant (null: unknown lane). */
export async function loadLaneClassHistory(db: Db, boardId: string): Promise<{ classAt: LaneClassAt; currentLaneCount: number }> {
  const [lanes, events] = await Promise.all([
    db.lane.findMany({ where: { boardId }, select: { id: true, classOfService: true, deletedAt: true } }),
    db.boardEvent.findMany({ where: { boardId, type: 'LANE_CLASS_CHANGED', laneId: { not: null } }, select: { laneId: true, at: true, before: true, after: true } }),
  ]);
  const current = new Map(lanes.map((lane) => [lane.id, lane.classOfService as ClassOfService]));
  const changes = new Map<string, LaneClassChange[]>();
  for (const event of events) {
    const before = asClass((event.before as { classOfService?: unknown } | null)?.classOfService);
    const after = asClass((event.after as { classOfService?: unknown } | null)?.classOfService);
    if (!event.laneId || !before || !after) continue;
    const list = changes.get(event.laneId) ?? [];
    list.push({ laneId: event.laneId, at: event.at, before, after });
    changes.set(event.laneId, list);
  }
  return {
    classAt: (laneId, at) => {
      const now = current.get(laneId);
      return now === undefined ? null : findLaneClassAt(now, changes.get(laneId) ?? [], at);
    },
    currentLaneCount: lanes.filter((lane) => lane.deletedAt === null).length,
  };
}
