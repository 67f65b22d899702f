import 'server-only';
import type { BoardCommand } from '@/lib/board/commands';
import type { BoardCardView } from '@/lib/board/types';
import { findSessionUser, type SessionToken } from '@/lib/auth/session';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { authorizeBoardAction } from './access';
import { addCardLink, removeCardLink } from './card-links';
import { archiveCard, createCard, moveCard, setCardBlocked, updateCard } from './cards';
import { setSelfOnCard } from './card-people';
import { addChecklistItem, moveChecklistItem, removeChecklistItem, updateChecklistItem } from './checklists';
import { createColumn, deleteColumn, reorderColumn, updateColumn } from './columns';
import { createLane, deleteLane, reorderLane, updateLane } from './lanes';

type Actor = { id: string; name: string };

export type BoardCommandResult = { card?: BoardCardView; columnId?: string; laneId?: string };

/** Runs one validated board command as `actor`. Each data function checks the actor's role itself. */
export async function executeBoardCommand(
  actor: Actor,
  boardId: string,
  command: BoardCommand,
  now: Date,
): Promise<BoardCommandResult> {
  switch (command.type) {
    case 'card.create':
      return { card: await createCard(actor, { boardId, ...command }, now) };
    case 'card.update':
      return { card: await updateCard(actor, { boardId, ...command }, now) };
    case 'card.move':
      return { card: await moveCard(actor, { boardId, ...command }, now) };
    case 'card.block':
      return { card: await setCardBlocked(actor, { boardId, cardId: command.cardId, isBlocked: true, reason: command.reason }, now) };
    case 'card.unblock':
      return { card: await setCardBlocked(actor, { boardId, cardId: command.cardId, isBlocked: false }, now) };
    case 'card.archive':
      await archiveCard(actor, { boardId, cardId: command.cardId }, now);
      return {};
    case 'card.join':
    case 'card.leave':
      return { card: await setSelfOnCard(actor, { boardId, cardId: command.cardId, isOn: command.type === 'card.join' }, now) };
    case 'checklist.add':
      return { card: await addChecklistItem(actor, { boardId, cardId: command.cardId, text: command.text }, now) };
    case 'checklist.update':
      return { card: await updateChecklistItem(actor, { boardId, cardId: command.cardId, itemId: command.itemId, text: command.text, isDone: command.isDone }, now) };
    case 'checklist.move':
      return { card: await moveChecklistItem(actor, { boardId, cardId: command.cardId, itemId: command.itemId, toIndex: command.toIndex }, now) };
    case 'checklist.remove':
      return { card: await removeChecklistItem(actor, { boardId, cardId: command.cardId, itemId: command.itemId }, now) };
    case 'link.add':
      return { card: await addCardLink(actor, { boardId, cardId: command.cardId, awaitedCardId: command.awaitedCardId }, now) };
    case 'link.remove':
      return { card: await removeCardLink(actor, { boardId, cardId: command.cardId, linkId: command.linkId }, now) };
    case 'column.create':
      return { columnId: (await createColumn(actor, { boardId, name: command.name, flowState: command.flowState }, now)).id };
    case 'column.update': {
      const { columnId, type: _type, ...settings } = command;
      await updateColumn(actor, { boardId, columnId, settings }, now);
      return { columnId };
    }
    case 'column.reorder':
      await reorderColumn(actor, { boardId, columnId: command.columnId, toIndex: command.toIndex }, now);
      return { columnId: command.columnId };
    case 'column.delete':
      await deleteColumn(actor, { boardId, ...command }, now);
      return {};
    case 'lane.create': {
      const { type: _type, ...settings } = command;
      return { laneId: (await createLane(actor, { boardId, ...settings }, now)).id };
    }
    case 'lane.update': {
      const { laneId, type: _type, ...settings } = command;
      await updateLane(actor, { boardId, laneId, settings }, now);
      return { laneId };
    }
    case 'lane.reorder':
      await reorderLane(actor, { boardId, laneId: command.laneId, toIndex: command.toIndex }, now);
      return { laneId: command.laneId };
    case 'lane.delete':
      await deleteLane(actor, { boardId, ...command }, now);
      return {};
  }
}

/**
 * Runs a command for the session a cookie carries (lib/api/board-command-answer.ts). A move, the hottest path,
 * checks the session's generation and reads the person's name in the same statement that checks their membership
 * (moveCard), so it needs no separate lookup; only when that statement finds nothing is the session read, to
 * answer an ended session (or a removed account) as signed out, and the membership, to answer a team's two-factor
 * requirement as such, rather than as a board that does not exist. Every
 * other command reads the person first and refuses an ended session as signed out.
 */
export async function executeBoardCommandForSession(session: SessionToken | { userId: string; generation?: undefined }, boardId: string, command: BoardCommand, now: Date): Promise<BoardCommandResult> {
  if (command.type === 'card.move') {
    try {
      return { card: await moveCard({ id: session.userId, sessionGeneration: session.generation }, { boardId, ...command }, now) };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
      if (!(await findSessionUser(session))) throw new AppError('UNAUTHENTICATED');
      // Not on the team, or the team's two-factor rule: the role check says which (it throws), as for every command.
      await authorizeBoardAction(getDb(), session.userId, boardId, 'card.move');
      throw error;
    }
  }
  const user = await findSessionUser(session);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return executeBoardCommand(user, boardId, command, now);
}
