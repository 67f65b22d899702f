import 'server-only';
import type { BoardCardView, DemandType } from '@/lib/board/types';
import { findSessionUser } from '@/lib/auth/session';
import { getDb, type Tx } from '@/lib/db';
import { POSITION_GAP } from '@/lib/domain/positions';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction } from './access';
import { CARD_VIEW_SELECT, toCardView } from './card-view';
import { lockLaneForNewCard } from './lanes';

/** The board has no current column in the NOT_STARTED flow state to receive cases. */
export class NoIntakeColumnError extends Error {
  constructor() {
    super('NO_INTAKE_COLUMN');
    this.name = 'NoIntakeColumnError';
  }
}

export type IntakeInput = { boardId: string; title: string; description: string; reference?: string; demand: DemandType };
export type IntakeResult = { outcome: 'created' | 'updated'; card: BoardCardView & { reference: string | null } };

/**
 * Demand intake: a case sent by an e-service or case system (through a team integration token) becomes a card
 * in the board's first not-started column, with its demand type recorded at the door. A case whose `reference`
 * (the sender's case number, Card.reference, unique per board) is already on the board updates that card
 * instead: a resubmission never duplicates. Concurrent submissions of one reference are serialised by an
 * advisory lock on (board, reference), so exactly one creates and the others update.
 *
 * Same rules as a person creating a card (authorizeBoardAction 'card.create', which also refuses archived
 * boards); one transaction writes the card, its history event and the live event, or nothing.
 */
export async function intakeCase(actor: { id: string }, input: IntakeInput, now: Date): Promise<IntakeResult> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.create');
  const person = await findSessionUser({ userId: actor.id });
  if (!person) throw new AppError('UNAUTHENTICATED');
  const reference = input.reference ?? null;
  return db.$transaction(async (tx) => {
    if (reference !== null) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`intake:${input.boardId}:${reference}`}, 0))`;
      const existing = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Card" WHERE "boardId" = ${input.boardId} AND reference = ${reference} FOR UPDATE`;
      if (existing[0]) return updateFromIntake(tx, { id: person.id, name: person.name }, existing[0].id, input, reference, now);
    }
    const columns = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Column" WHERE "boardId" = ${input.boardId} AND "deletedAt" IS NULL AND "flowState" = 'NOT_STARTED'::"FlowState"
      ORDER BY position ASC, id ASC LIMIT 1 FOR UPDATE`;
    const columnId = columns[0]?.id;
    if (!columnId) throw new NoIntakeColumnError();
    // Column, then lane: the lock order of every card change. A case arrives in the board's default lane.
    const lane = await lockLaneForNewCard(tx, input.boardId, undefined);
    const last = await tx.card.findFirst({ where: { columnId, archivedAt: null }, orderBy: { position: 'desc' }, select: { position: true } });
    const created = await tx.card.create({
      data: {
        boardId: input.boardId,
        columnId,
        laneId: lane.id,
        title: input.title,
        description: input.description,
        demand: input.demand,
        position: (last?.position ?? 0) + POSITION_GAP,
        createdAt: now,
        lastMovedAt: now,
      },
      select: { id: true },
    });
    if (reference !== null) await tx.$executeRaw`UPDATE "Card" SET reference = ${reference} WHERE id = ${created.id}`;
    await tx.cardEvent.create({
      data: { boardId: input.boardId, cardId: created.id, type: 'CREATED', toColumnId: columnId, toLaneId: lane.id, actorId: person.id, at: now, data: { source: 'intake', ...(reference ? { reference } : {}) } },
    });
    const view = await readCard(tx, created.id);
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card: view, actorId: person.id, actorName: person.name, action: 'created' });
    return { outcome: 'created' as const, card: { ...view, reference } };
  });
}

async function readCard(tx: Tx, cardId: string): Promise<BoardCardView> {
  return toCardView(await tx.card.findUniqueOrThrow({ where: { id: cardId }, select: CARD_VIEW_SELECT }));
}

/** A resubmission: the sender's newer title, text and demand type replace the card's, recorded like an edit. */
async function updateFromIntake(tx: Tx, person: { id: string; name: string }, cardId: string, input: IntakeInput, reference: string, now: Date): Promise<IntakeResult> {
  const before = await tx.card.findUniqueOrThrow({ where: { id: cardId }, select: { title: true, description: true, demand: true } });
  const changes: Record<string, unknown> = {};
  if (before.title !== input.title) changes.title = { before: before.title, after: input.title };
  if (before.description !== input.description) changes.description = { changed: true };
  if (before.demand !== input.demand) changes.demand = { before: before.demand, after: input.demand };
  if (Object.keys(changes).length > 0) {
    await tx.card.update({ where: { id: cardId }, data: { title: input.title, description: input.description, demand: input.demand, version: { increment: 1 } } });
    await tx.cardEvent.create({ data: { boardId: input.boardId, cardId, type: 'EDITED', actorId: person.id, at: now, data: { ...changes, source: 'intake', reference } as never } });
  }
  const view = await readCard(tx, cardId);
  if (Object.keys(changes).length > 0) {
    await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card: view, actorId: person.id, actorName: person.name, action: 'edited' });
  }
  return { outcome: 'updated', card: { ...view, reference } };
}
