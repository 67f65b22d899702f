import 'server-only';
import type { BoardCardView, ChecklistAction } from '@/lib/board/types';
import { CHECKLIST_ITEMS_MAX, planChecklistMove, positionAtEnd } from '@/lib/checklist/order';
import { getDb, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction } from './access';
import { CARD_VIEW_SELECT, toCardView } from './card-view';

type Actor = { id: string; name: string };

/**
 * A card's checklist. Each change is one transaction: it locks the card (so two people's changes of one checklist
 * apply one after the other), changes the item, records a CHECKLIST entry in the card's history (its `action`, the
 * item's id and text: retention clears that text with the card's, lib/data/retention.ts), raises the card's
 * version and publishes the card with its new progress as one `card.upsert` event (action `checklist.*`), so every
 * open board shows "3/5" and every open dialog reloads the list. Only members may change it (role `card.edit`);
 * an item of another card, or a card of another board, is not found.
 */

async function lockCardOnBoard(tx: Tx, boardId: string, cardId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Card" WHERE id = ${cardId} AND "boardId" = ${boardId} AND "archivedAt" IS NULL FOR UPDATE`;
  if (rows.length === 0) throw new AppError('NOT_FOUND');
}

async function findItem(tx: Tx, cardId: string, itemId: string) {
  const item = await tx.checklistItem.findFirst({ where: { id: itemId, cardId }, select: { id: true, text: true, isDone: true, position: true } });
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}

/** History entry, version bump and the card's event: the end of every checklist change. */
async function recordChange(
  tx: Tx,
  actor: Actor,
  input: { boardId: string; cardId: string },
  action: ChecklistAction,
  data: Record<string, string | number | boolean>,
  now: Date,
): Promise<BoardCardView> {
  await tx.cardEvent.create({ data: { boardId: input.boardId, cardId: input.cardId, type: 'CHECKLIST', actorId: actor.id, at: now, data: { action, ...data } } });
  const card = await tx.card.update({ where: { id: input.cardId }, data: { version: { increment: 1 } }, select: CARD_VIEW_SELECT });
  const view = toCardView(card);
  await publishBoardEvent(tx, { kind: 'card.upsert', boardId: input.boardId, card: view, actorId: actor.id, actorName: actor.name, action });
  return view;
}

/** Adds an item at the end of the card's checklist (at most CHECKLIST_ITEMS_MAX items). */
export async function addChecklistItem(actor: Actor, input: { boardId: string; cardId: string; text: string }, now: Date): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    await lockCardOnBoard(tx, input.boardId, input.cardId);
    const items = await tx.checklistItem.findMany({ where: { cardId: input.cardId }, select: { position: true } });
    if (items.length >= CHECKLIST_ITEMS_MAX) throw new AppError('CHECKLIST_FULL', { max: CHECKLIST_ITEMS_MAX });
    const item = await tx.checklistItem.create({
      data: { cardId: input.cardId, text: input.text, position: positionAtEnd(items), createdAt: now, updatedAt: now },
      select: { id: true },
    });
    return recordChange(tx, actor, input, 'checklist.added', { itemId: item.id, text: input.text }, now);
  });
}

/** Renames an item and/or checks or unchecks it; a change to what it already is records nothing new. */
export async function updateChecklistItem(
  actor: Actor,
  input: { boardId: string; cardId: string; itemId: string; text?: string; isDone?: boolean },
  now: Date,
): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    await lockCardOnBoard(tx, input.boardId, input.cardId);
    const item = await findItem(tx, input.cardId, input.itemId);
    const isRenamed = input.text !== undefined && input.text !== item.text;
    const isToggled = input.isDone !== undefined && input.isDone !== item.isDone;
    if (!isRenamed && !isToggled) {
      return toCardView(await tx.card.findUniqueOrThrow({ where: { id: input.cardId }, select: CARD_VIEW_SELECT }));
    }
    await tx.checklistItem.update({ where: { id: item.id }, data: { text: input.text, isDone: input.isDone, updatedAt: now } });
    const text = input.text ?? item.text;
    if (isRenamed && isToggled) {
      // Both in one request (the API allows it): two history entries, one event with the final state.
      await tx.cardEvent.create({
        data: { boardId: input.boardId, cardId: input.cardId, type: 'CHECKLIST', actorId: actor.id, at: now, data: { action: 'checklist.renamed', itemId: item.id, before: item.text, text } },
      });
    }
    if (isToggled) return recordChange(tx, actor, input, input.isDone ? 'checklist.checked' : 'checklist.unchecked', { itemId: item.id, text }, now);
    return recordChange(tx, actor, input, 'checklist.renamed', { itemId: item.id, before: item.text, text }, now);
  });
}

/** Moves an item to `toIndex` (0 = first) of the checklist: the keyboard's "move up/down" and a drag both end here. */
export async function moveChecklistItem(actor: Actor, input: { boardId: string; cardId: string; itemId: string; toIndex: number }, now: Date): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    await lockCardOnBoard(tx, input.boardId, input.cardId);
    const items = await tx.checklistItem.findMany({ where: { cardId: input.cardId }, select: { id: true, position: true, text: true } });
    const plan = planChecklistMove(items, input.itemId, input.toIndex);
    if (!plan) throw new AppError('NOT_FOUND');
    if (plan.fromIndex === plan.toIndex) return toCardView(await tx.card.findUniqueOrThrow({ where: { id: input.cardId }, select: CARD_VIEW_SELECT }));
    for (const other of plan.rebalance ?? []) await tx.checklistItem.update({ where: { id: other.id }, data: { position: other.position } });
    await tx.checklistItem.update({ where: { id: input.itemId }, data: { position: plan.position, updatedAt: now } });
    const text = items.find((item) => item.id === input.itemId)?.text ?? '';
    // Positions are 1-based in history, as people count.
    return recordChange(tx, actor, input, 'checklist.moved', { itemId: input.itemId, text, from: plan.fromIndex + 1, to: plan.toIndex + 1 }, now);
  });
}

/** Removes an item; its text stays in the card's history (until retention clears it). */
export async function removeChecklistItem(actor: Actor, input: { boardId: string; cardId: string; itemId: string }, now: Date): Promise<BoardCardView> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, input.boardId, 'card.edit');
  return db.$transaction(async (tx) => {
    await lockCardOnBoard(tx, input.boardId, input.cardId);
    const item = await findItem(tx, input.cardId, input.itemId);
    await tx.checklistItem.delete({ where: { id: item.id } });
    return recordChange(tx, actor, input, 'checklist.removed', { itemId: item.id, text: item.text }, now);
  });
}
