import 'server-only';
/**
 * The team's own boards (issue 11 §1): a member creates a board (blank, from a template, or as a copy of another of
 * the team's boards' structure), renames it, archives it ("Arkivera tavlan": read-only for everyone, see
 * lib/data/access.ts) and restores it. No board is ever hard-deleted from here. Each change is one transaction with
 * its row in the team's history (TeamEvent: who, when, before → after) and in the board's own history (BoardEvent),
 * and the board's one live event ("board changed"), so open pages and webhooks hear of it.
 */
import { z } from 'zod';
import { parseBoardName, type BoardNameProblem } from '@/lib/board-templates/board-name';
import { blankBoardStructure, copyBoardStructure, templateBoardStructure, type BoardSource, type BoardStructure } from '@/lib/board-templates/structure';
import { getDb, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Prisma, TeamEventType } from '@/lib/generated/prisma/client';
import type { Locale } from '@/lib/i18n/config';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction, authorizeTeamAction } from './access';

/** Refusals of board administration; the page translates them (teamBoards.errors.<code>). */
export const BOARD_ADMIN_ERROR_CODES = ['NAME_REQUIRED', 'NAME_TOO_LONG', 'NAME_CONTROL_CHARACTERS', 'TEMPLATE_NOT_FOUND', 'SOURCE_NOT_FOUND', 'NOT_ARCHIVED'] as const;
export type BoardAdminErrorCode = (typeof BOARD_ADMIN_ERROR_CODES)[number];

export class BoardAdminError extends Error {
  constructor(readonly code: BoardAdminErrorCode) {
    super(code);
    this.name = 'BoardAdminError';
  }
}

type Actor = { id: string; name: string };

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const sourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('blank') }),
  z.strictObject({ kind: z.literal('template'), templateId: z.string().max(100) }),
  z.strictObject({ kind: z.literal('copy'), boardId: idSchema }),
]);

function nameOrThrow(value: unknown): string {
  const parsed = parseBoardName(value);
  if (!parsed.ok) throw new BoardAdminError(parsed.problem satisfies BoardNameProblem);
  return parsed.name;
}

async function appendTeamEvent(tx: Tx, event: { teamId: string; type: TeamEventType; actorId: string; before?: Prisma.InputJsonValue; after?: Prisma.InputJsonValue; at: Date }) {
  await tx.teamEvent.create({ data: event });
}

/** Where the structure came from, as recorded in the history (the template's id, or the copied board's id and name). */
type SourceRecord = { kind: 'blank' } | { kind: 'template'; templateId: string } | { kind: 'copy'; boardId: string; boardName: string };

async function resolveStructure(tx: Tx, teamId: string, source: BoardSource, locale: Locale): Promise<{ structure: BoardStructure; record: SourceRecord }> {
  if (source.kind === 'blank') return { structure: blankBoardStructure(locale), record: { kind: 'blank' } };
  if (source.kind === 'template') {
    const structure = templateBoardStructure(source.templateId, locale);
    if (!structure) throw new BoardAdminError('TEMPLATE_NOT_FOUND');
    return { structure, record: { kind: 'template', templateId: source.templateId } };
  }
  // Only a board of the same team: another team's board (or none) is not found, and says nothing about which.
  const board = await tx.board.findFirst({
    where: { id: source.boardId, teamId },
    select: {
      name: true,
      columns: { select: { name: true, position: true, flowState: true, wipLimit: true, wipMode: true, policy: true, deletedAt: true } },
      lanes: { select: { name: true, position: true, classOfService: true, wipLimit: true, wipMode: true, policy: true, deletedAt: true } },
    },
  });
  const structure = board ? copyBoardStructure(board) : null;
  if (!board || !structure) throw new BoardAdminError('SOURCE_NOT_FOUND');
  return { structure, record: { kind: 'copy', boardId: source.boardId, boardName: board.name } };
}

export type CreateBoardInput = { teamId: string; name: unknown; source: unknown; locale: Locale };

/**
 * Creates one of the team's boards. Members only (viewers: FORBIDDEN; not on the team: NOT_FOUND). The name is
 * checked first (parseBoardName), then the source: an unknown template is TEMPLATE_NOT_FOUND, a board to copy that
 * is not one of this team's is SOURCE_NOT_FOUND. Nothing is written unless all of it is.
 */
export async function createBoard(actor: Actor, input: CreateBoardInput, now: Date): Promise<{ boardId: string }> {
  const teamId = idSchema.parse(input.teamId);
  const name = nameOrThrow(input.name);
  const source = sourceSchema.safeParse(input.source);
  if (!source.success) throw new BoardAdminError('TEMPLATE_NOT_FOUND');
  return getDb().$transaction(async (tx) => {
    await authorizeTeamAction(tx, actor.id, teamId, 'board.create');
    const { structure, record } = await resolveStructure(tx, teamId, source.data, input.locale);
    const board = await tx.board.create({
      data: {
        teamId,
        name,
        createdAt: now,
        columns: { create: structure.columns.map((column) => ({ ...column, createdAt: now })) },
        lanes: { create: structure.lanes.map((lane) => ({ ...lane, createdAt: now })) },
      },
      select: { id: true },
    });
    await tx.boardEvent.create({ data: { boardId: board.id, type: 'BOARD_CREATED', actorId: actor.id, at: now, after: { name, source: record } } });
    await appendTeamEvent(tx, { teamId, type: 'BOARD_CREATED', actorId: actor.id, at: now, after: { boardId: board.id, name, source: record } });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId: board.id, actorId: actor.id, actorName: actor.name });
    return { boardId: board.id };
  });
}

/** Locks the board row (one administrative change at a time) and reads what the change needs. */
async function lockBoard(tx: Tx, boardId: string): Promise<{ teamId: string; name: string; archivedAt: Date | null }> {
  const [row] = await tx.$queryRaw<{ teamId: string; name: string; archivedAt: Date | null }[]>`
    SELECT "teamId", name, "archivedAt" FROM "Board" WHERE id = ${boardId} FOR UPDATE`;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Renames a board. Members only; an archived board cannot be renamed (BOARD_ARCHIVED). Same name: nothing happens. */
export async function renameBoard(actor: Actor, input: { boardId: string; name: unknown }, now: Date): Promise<void> {
  const boardId = idSchema.parse(input.boardId);
  const name = nameOrThrow(input.name);
  await getDb().$transaction(async (tx) => {
    // Checked before the lock, so that an outsider never waits on (or learns of) another team's board.
    await authorizeBoardAction(tx, actor.id, boardId, 'board.edit');
    const board = await lockBoard(tx, boardId);
    // Archived between the check and the lock: still refused.
    if (board.archivedAt) throw new AppError('BOARD_ARCHIVED');
    if (board.name === name) return;
    await tx.board.update({ where: { id: boardId }, data: { name } });
    await tx.boardEvent.create({ data: { boardId, type: 'BOARD_RENAMED', actorId: actor.id, at: now, before: { name: board.name }, after: { name } } });
    await appendTeamEvent(tx, { teamId: board.teamId, type: 'BOARD_RENAMED', actorId: actor.id, at: now, before: { boardId, name: board.name }, after: { boardId, name } });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: actor.id, actorName: actor.name });
  });
}

/**
 * Archives a board: from now on every write to it is refused, for everyone (lib/data/access.ts); it stays readable
 * (board, history, flow) and a member can restore it. Archiving an archived board is BOARD_ARCHIVED.
 */
export async function archiveBoard(actor: Actor, input: { boardId: string }, now: Date): Promise<void> {
  const boardId = idSchema.parse(input.boardId);
  await getDb().$transaction(async (tx) => {
    await authorizeBoardAction(tx, actor.id, boardId, 'board.archive');
    const board = await lockBoard(tx, boardId);
    if (board.archivedAt) throw new AppError('BOARD_ARCHIVED');
    await tx.board.update({ where: { id: boardId }, data: { archivedAt: now } });
    await tx.boardEvent.create({ data: { boardId, type: 'BOARD_ARCHIVED', actorId: actor.id, at: now, after: { archivedAt: now.toISOString() } } });
    await appendTeamEvent(tx, { teamId: board.teamId, type: 'BOARD_ARCHIVED', actorId: actor.id, at: now, after: { boardId, name: board.name } });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: actor.id, actorName: actor.name });
  });
}

/** Restores an archived board: it is the team's working board again. A board that is not archived: NOT_ARCHIVED. */
export async function restoreBoard(actor: Actor, input: { boardId: string }, now: Date): Promise<void> {
  const boardId = idSchema.parse(input.boardId);
  await getDb().$transaction(async (tx) => {
    await authorizeBoardAction(tx, actor.id, boardId, 'board.restore');
    const board = await lockBoard(tx, boardId);
    if (!board.archivedAt) throw new BoardAdminError('NOT_ARCHIVED');
    await tx.board.update({ where: { id: boardId }, data: { archivedAt: null } });
    await tx.boardEvent.create({ data: { boardId, type: 'BOARD_RESTORED', actorId: actor.id, at: now, before: { archivedAt: board.archivedAt.toISOString() } } });
    await appendTeamEvent(tx, { teamId: board.teamId, type: 'BOARD_RESTORED', actorId: actor.id, at: now, after: { boardId, name: board.name } });
    await publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: actor.id, actorName: actor.name });
  });
}

export type TeamBoardsView = {
  id: string;
  name: string;
  role: 'MEMBER' | 'VIEWER';
  memberCount: number;
  /** The team's working boards, in name order. */
  boards: { id: string; name: string }[];
  /** Archived boards, most recently archived first ("Arkiverade tavlor"). */
  archivedBoards: { id: string; name: string; archivedAt: string }[];
};

/** The team page: the caller's teams (name order) with their active and archived boards. Only the caller's teams. */
export async function getTeamBoardsForUser(userId: string): Promise<TeamBoardsView[]> {
  const memberships = await getDb().membership.findMany({
    where: { userId },
    select: {
      role: true,
      team: {
        select: {
          id: true,
          name: true,
          _count: { select: { memberships: { where: { user: { isIntegration: false } } } } },
          boards: { select: { id: true, name: true, archivedAt: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
        },
      },
    },
    orderBy: { team: { name: 'asc' } },
  });
  return memberships.map(({ role, team }) => ({
    id: team.id,
    name: team.name,
    role,
    memberCount: team._count.memberships,
    boards: team.boards.filter((board) => board.archivedAt === null).map(({ id, name }) => ({ id, name })),
    archivedBoards: team.boards
      .filter((board): board is typeof board & { archivedAt: Date } => board.archivedAt !== null)
      .sort((a, b) => b.archivedAt.getTime() - a.archivedAt.getTime())
      .map((board) => ({ id: board.id, name: board.name, archivedAt: board.archivedAt.toISOString() })),
  }));
}
