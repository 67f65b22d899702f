'use server';

import { getLocale } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/api/action';
import { archiveBoard, createBoard, renameBoard, restoreBoard } from '@/lib/data/board-admin';
import { isLocale } from '@/lib/i18n/config';

/**
 * The team's own boards, from the team page: create, rename, archive, restore. Members only; the data layer checks
 * the role (404 off the team, 403 for viewers) and every argument again, since each arrives from the network.
 */

function revalidateBoard(boardId: string) {
  revalidatePath('/teams');
  revalidatePath('/flow');
  revalidatePath(`/boards/${encodeURIComponent(boardId)}`, 'layout');
}

/** Creates a board; `source` is { kind: 'blank' } | { kind: 'template', templateId } | { kind: 'copy', boardId }. */
export async function createBoardAction(teamId: string, input: { name: unknown; source: unknown }): Promise<ActionResult<{ boardId: string }>> {
  return runAction(async (user) => {
    const locale = await getLocale();
    const created = await createBoard(user, { teamId, name: input?.name, source: input?.source, locale: isLocale(locale) ? locale : 'sv' }, new Date());
    revalidateBoard(created.boardId);
    return created;
  });
}

export async function renameBoardAction(boardId: string, name: unknown): Promise<ActionResult> {
  return runAction(async (user) => {
    await renameBoard(user, { boardId, name }, new Date());
    revalidateBoard(boardId);
    return null;
  });
}

export async function archiveBoardAction(boardId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await archiveBoard(user, { boardId }, new Date());
    revalidateBoard(boardId);
    return null;
  });
}

export async function restoreBoardAction(boardId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await restoreBoard(user, { boardId }, new Date());
    revalidateBoard(boardId);
    return null;
  });
}
