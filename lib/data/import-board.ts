import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { DEFAULT_LANE_NAME, pickDefaultLane } from '@/lib/domain/lanes';
import { POSITION_GAP } from '@/lib/domain/positions';
import type { ImportPlan, JsonValue, PlanLane } from '@/lib/import/model';
import { authorizeTeamAction } from './access';

type Actor = { id: string; name: string };

export type ImportProgress = { done: number; total: number };

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters per statement for every table written here. */
const CHUNK = 1000;

/** Imports can be large: one transaction may take minutes on a slow disk, and must not be cut off at 5 s. */
const IMPORT_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

function newId(): string {
  return `i${randomUUID().replaceAll('-', '')}`;
}

/**
 * Writes an import plan as a new board of `teamId`, in ONE transaction: the board, its columns, cards, their full
 * history with the original times, board history and standups, plus a board-history row saying who imported
 * what. Either everything is written or nothing is. Only members of the team may import (the same right as
 * creating a board). History keeps who made each change as a name only (`importedActorName`), never linked to an
 * account here. `onProgress` is called after every batch of rows, for the progress bar.
 */
export async function importBoard(
  actor: Actor,
  teamId: string,
  plan: ImportPlan,
  now: Date,
  options: { onProgress?: (progress: ImportProgress) => void; contentHash?: string } = {},
): Promise<{ boardId: string; cardCount: number; eventCount: number }> {
  const db = getDb();
  const lanes = planLanes(plan, now);
  const comments = plan.comments ?? [];
  const total = plan.columns.length + lanes.length + plan.cards.length + plan.cardEvents.length + plan.boardEvents.length + plan.standups.length + (plan.experiments?.length ?? 0) + comments.length + 1;
  let done = 0;
  const progress = (rows: number) => {
    done += rows;
    options.onProgress?.({ done, total });
  };

  return db.$transaction(
    async (tx) => {
      // Checked inside the transaction: someone removed from the team while a large import runs gets no board.
      await authorizeTeamAction(tx, actor.id, teamId, 'board.create');
      const boardId = newId();
      await tx.board.create({ data: { id: boardId, teamId, name: plan.boardName, createdAt: plan.boardCreatedAt ?? now } });
      const ids = new Map<string, string>();
      for (const column of plan.columns) ids.set(column.ref, newId());
      for (const lane of lanes) ids.set(lane.ref, newId());
      for (const card of plan.cards) ids.set(card.ref, newId());
      for (const experiment of plan.experiments ?? []) ids.set(experiment.ref, newId());
      // Comment ids too: the card history names its comments (COMMENTED { commentId }).
      for (const comment of comments) ids.set(comment.ref, newId());
      const idOf = (ref: string): string => {
        const id = ids.get(ref);
        if (!id) throw new Error('import plan refers to an unknown column, lane or card');
        return id;
      };
      const optionalId = (ref: string | null) => (ref === null ? null : idOf(ref));
      // History may name columns and cards inside its JSON (e.g. the card of a WIP-limit event): follow the new ids.
      const remap = (value: JsonValue | null): Prisma.InputJsonValue | undefined => (value === null ? undefined : (remapRefs(value, ids) as Prisma.InputJsonValue));

      await insertInChunks(tx, plan.columns, progress, (rows) =>
        tx.column.createMany({
          data: rows.map((column) => ({
            id: idOf(column.ref),
            boardId,
            name: column.name,
            position: column.position,
            flowState: column.flowState,
            wipLimit: column.wipLimit,
            wipMode: column.wipMode,
            policy: column.policy,
            createdAt: column.createdAt ?? now,
            deletedAt: column.deletedAt,
          })),
        }),
      );
      await insertInChunks(tx, lanes, progress, (rows) =>
        tx.lane.createMany({
          data: rows.map((lane) => ({
            id: idOf(lane.ref),
            boardId,
            name: lane.name,
            position: lane.position,
            classOfService: lane.classOfService,
            wipLimit: lane.wipLimit,
            wipMode: lane.wipMode,
            policy: lane.policy,
            createdAt: lane.createdAt ?? now,
            deletedAt: lane.deletedAt,
          })),
        }),
      );
      // A card without a lane goes to the default lane; a CREATED or MOVED event without lanes happened in its card's.
      const defaultLaneRef = pickDefaultLane(lanes.filter((lane) => lane.deletedAt === null).map((lane) => ({ ...lane, id: lane.ref })))?.ref ?? (lanes[0] as PlanLane).ref;
      const laneOfCard = new Map(plan.cards.map((card) => [card.ref, card.laneRef ?? defaultLaneRef]));
      const eventLane = (ref: string | null | undefined, event: ImportPlan['cardEvents'][number], side: 'from' | 'to') => {
        if (ref) return idOf(ref);
        const hasLane = event.type === 'CREATED' ? side === 'to' : event.type === 'MOVED';
        return hasLane ? idOf(laneOfCard.get(event.cardRef) ?? defaultLaneRef) : null;
      };
      // Cards and card events are the bulk of a large import: one INSERT … SELECT FROM unnest(arrays) per batch is
      // many times faster than row-by-row parameters, and still one statement per batch inside the transaction.
      await insertInChunks(tx, plan.cards, progress, (rows) => {
        const iso = (value: Date | null) => (value ? value.toISOString() : null);
        return tx.$executeRaw`
          INSERT INTO "Card" (id, "boardId", "columnId", "laneId", title, description, position, demand, labels, "blockedReason", "blockedAt",
            "archivedAt", "createdAt", "lastMovedAt", "startedAt", "doneAt", "textClearedAt", version)
          SELECT id, ${boardId}, "columnId", "laneId", title, description, position, demand::"DemandType",
            ARRAY(SELECT jsonb_array_elements_text(labels::jsonb)), "blockedReason",
            "blockedAt"::timestamptz AT TIME ZONE 'UTC', "archivedAt"::timestamptz AT TIME ZONE 'UTC',
            "createdAt"::timestamptz AT TIME ZONE 'UTC', "lastMovedAt"::timestamptz AT TIME ZONE 'UTC',
            "startedAt"::timestamptz AT TIME ZONE 'UTC', "doneAt"::timestamptz AT TIME ZONE 'UTC',
            "textClearedAt"::timestamptz AT TIME ZONE 'UTC', version
          FROM unnest(
            ${rows.map((card) => idOf(card.ref))}::text[], ${rows.map((card) => idOf(card.columnRef))}::text[],
            ${rows.map((card) => idOf(laneOfCard.get(card.ref) ?? defaultLaneRef))}::text[], ${rows.map((card) => card.title)}::text[], ${rows.map((card) => card.description)}::text[],
            ${rows.map((card) => card.position)}::float8[], ${rows.map((card) => card.demand)}::text[],
            ${rows.map((card) => JSON.stringify(card.labels))}::text[], ${rows.map((card) => card.blockedReason)}::text[],
            ${rows.map((card) => iso(card.blockedAt))}::text[], ${rows.map((card) => iso(card.archivedAt))}::text[],
            ${rows.map((card) => iso(card.createdAt))}::text[], ${rows.map((card) => iso(card.lastMovedAt))}::text[],
            ${rows.map((card) => iso(card.startedAt))}::text[], ${rows.map((card) => iso(card.doneAt))}::text[],
            ${rows.map((card) => iso(card.textClearedAt))}::text[], ${rows.map((card) => card.version)}::int[]
          ) AS v(id, "columnId", "laneId", title, description, position, demand, labels, "blockedReason", "blockedAt", "archivedAt",
            "createdAt", "lastMovedAt", "startedAt", "doneAt", "textClearedAt", version)`;
      });
      const checklistItems = plan.cards.flatMap((card) => (card.checklist ?? []).map((item) => ({ ...item, cardId: idOf(card.ref) })));
      if (checklistItems.length > 0) {
        await tx.checklistItem.createMany({ data: checklistItems });
      }
      await insertInChunks(tx, comments, progress, (rows) =>
        tx.comment.createMany({
          data: rows.map((comment) => ({
            id: idOf(comment.ref),
            boardId,
            cardId: idOf(comment.cardRef),
            body: comment.body,
            importedAuthorName: comment.authorName,
            createdAt: comment.createdAt,
            editedAt: comment.editedAt,
          })),
        }),
      );
      if (comments.length > 0) {
        await tx.$executeRaw`UPDATE "Card" c SET "commentCount" = (SELECT count(*)::int FROM "Comment" k WHERE k."cardId" = c.id) WHERE c."boardId" = ${boardId}`;
      }
      await insertInChunks(tx, plan.cardEvents, progress, (rows) => {
        const data = rows.map((event) => {
          const mapped = remap(event.data);
          return mapped === undefined ? null : JSON.stringify(mapped);
        });
        return tx.$executeRaw`
          INSERT INTO "CardEvent" ("boardId", "cardId", type, "fromColumnId", "toColumnId", "fromLaneId", "toLaneId", at, "importedActorName", data)
          SELECT ${boardId}, "cardId", type::"CardEventType", "fromColumnId", "toColumnId", "fromLaneId", "toLaneId", at::timestamptz AT TIME ZONE 'UTC',
            "importedActorName", data::jsonb
          FROM unnest(
            ${rows.map((event) => idOf(event.cardRef))}::text[], ${rows.map((event) => event.type)}::text[],
            ${rows.map((event) => optionalId(event.fromColumnRef))}::text[], ${rows.map((event) => optionalId(event.toColumnRef))}::text[],
            ${rows.map((event) => eventLane(event.fromLaneRef, event, 'from'))}::text[], ${rows.map((event) => eventLane(event.toLaneRef, event, 'to'))}::text[],
            ${rows.map((event) => event.at.toISOString())}::text[], ${rows.map((event) => event.actorName)}::text[], ${data}::text[]
          ) WITH ORDINALITY AS v("cardId", type, "fromColumnId", "toColumnId", "fromLaneId", "toLaneId", at, "importedActorName", data, n)
          ORDER BY n`;
      });
      // Experiments before the board history that links to them; their board changes name the new column and lane ids.
      await insertInChunks(tx, plan.experiments ?? [], progress, (rows) =>
        tx.experiment.createMany({
          data: rows.map((experiment) => ({
            id: idOf(experiment.ref),
            boardId,
            change: experiment.change,
            reason: experiment.reason,
            hypothesis: experiment.hypothesis,
            measure: experiment.measure,
            expectedDirection: experiment.expectedDirection,
            reviewDate: new Date(`${experiment.reviewDate}T00:00:00.000Z`),
            status: experiment.status,
            outcome: experiment.outcome,
            reflection: experiment.reflection,
            preparedChange: remap(experiment.preparedChange) ?? Prisma.DbNull,
            appliedChange: remap(experiment.appliedChange) ?? Prisma.DbNull,
            createdAt: experiment.createdAt,
            startedAt: experiment.startedAt,
            endedAt: experiment.endedAt,
            revertedAt: experiment.revertedAt,
          })),
        }),
      );
      await insertInChunks(tx, plan.boardEvents, progress, (rows) =>
        tx.boardEvent.createMany({
          data: rows.map((event) => ({
            boardId,
            type: event.type,
            columnId: optionalId(event.columnRef),
            laneId: optionalId(event.laneRef ?? null),
            experimentId: optionalId(event.experimentRef ?? null),
            at: event.at,
            importedActorName: event.actorName,
            before: remap(event.before),
            after: remap(event.after),
          })),
        }),
      );
      // A board that was marked as holding client data (and not unmarked since) stays marked: its reads are logged here too.
      const clientDataMarks = plan.boardEvents.filter((event) => event.type === 'CLIENT_DATA_MARKED' || event.type === 'CLIENT_DATA_UNMARKED');
      const lastMark = clientDataMarks.reduce<(typeof clientDataMarks)[number] | undefined>((last, event) => (!last || event.at >= last.at ? event : last), undefined);
      if (lastMark?.type === 'CLIENT_DATA_MARKED') await tx.board.update({ where: { id: boardId }, data: { holdsClientData: true } });
      await insertInChunks(tx, plan.standups, progress, (rows) =>
        tx.standup.createMany({ data: rows.map((standup) => ({ boardId, startedAt: standup.startedAt, endedAt: standup.endedAt })) }),
      );
      // The import itself is part of the board's history: who brought it in, when, from what.
      await tx.boardEvent.create({
        data: {
          boardId,
          type: 'BOARD_CREATED',
          actorId: actor.id,
          at: now,
          // The file's SHA-256: importing the same file again warns before it makes a second identical board.
          after: { name: plan.boardName, importedFrom: plan.source, cards: plan.cards.length, events: plan.cardEvents.length, ...(options.contentHash ? { contentHash: options.contentHash } : {}) },
        },
      });
      progress(1);
      return { boardId, cardCount: plan.cards.length, eventCount: plan.cardEvents.length };
    },
    { timeout: IMPORT_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/** The plan's lanes, or the one standard lane every board starts with when the source has none (Trello, CSV). */
function planLanes(plan: ImportPlan, now: Date): PlanLane[] {
  if (plan.lanes && plan.lanes.length > 0) return plan.lanes;
  return [
    {
      // A NUL cannot occur in any source's ids or history text, so this ref never collides with (or remaps) one.
      ref: '\u0000default-lane',
      name: DEFAULT_LANE_NAME,
      position: POSITION_GAP,
      classOfService: 'STANDARD',
      wipLimit: null,
      wipMode: 'ADVISORY',
      policy: '',
      createdAt: plan.boardCreatedAt ?? now,
      deletedAt: null,
    },
  ];
}

async function insertInChunks<T>(_tx: Tx, rows: T[], progress: (rows: number) => void, insert: (rows: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await insert(chunk);
    progress(chunk.length);
  }
}

/** Replaces every string that is a known source id (column, lane or card) with its new id, anywhere in a JSON value. */
export function remapRefs(value: JsonValue, ids: ReadonlyMap<string, string>): JsonValue {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => remapRefs(item, ids));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a "__proto__" key in a file stays a plain key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, remapRefs(item, ids)]));
  }
  return value;
}

/** The team a person may import into (members only): its id and name, for the import page. */
export async function getTeamForImport(userId: string, teamId: string): Promise<{ id: string; name: string }> {
  const db = getDb();
  await authorizeTeamAction(db, userId, teamId, 'board.create');
  return db.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, name: true } });
}
