import type { PrismaClient } from '../../lib/generated/prisma/client';
import { blankBoardStructure, templateBoardStructure, type BoardStructure } from '../../lib/board-templates/structure';

/**
 * Demo data of the team's own boards (issue 11 §1): the intake team made itself an improvement board from the
 * "Förbättringsarbete" template a few weeks ago and uses it, and the permit team archived last year's board (read-only,
 * listed under "Arkiverade tavlor", its flow still readable, restorable). Both are in their team's history.
 */
export async function seedBoardsDemo(db: PrismaClient, input: { intakeTeamId: string; permitsTeamId: string; annaId: string; johanId: string; now: number }): Promise<void> {
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(input.now - daysAgo * day);

  async function createBoard(teamId: string, actorId: string, name: string, structure: BoardStructure, source: Record<string, string>, createdAt: Date) {
    const board = await db.board.create({
      data: {
        teamId,
        name,
        createdAt,
        columns: { create: structure.columns.map((column) => ({ ...column, createdAt })) },
        lanes: { create: structure.lanes.map((lane) => ({ ...lane, createdAt })) },
      },
      select: { id: true, columns: { orderBy: { position: 'asc' }, select: { id: true, flowState: true } }, lanes: { orderBy: { position: 'asc' }, select: { id: true, classOfService: true } } },
    });
    await db.boardEvent.create({ data: { boardId: board.id, type: 'BOARD_CREATED', actorId, at: createdAt, after: { name, source } } });
    await db.teamEvent.create({ data: { teamId, type: 'BOARD_CREATED', actorId, at: createdAt, after: { boardId: board.id, name, source } } });
    return board;
  }

  async function addCard(board: { id: string }, columnId: string, laneId: string, title: string, actorId: string, createdAt: Date, state: { startedAt?: Date; doneAt?: Date } = {}) {
    const card = await db.card.create({
      data: { boardId: board.id, columnId, laneId, title, position: createdAt.getTime() % 100_000, demand: 'VALUE', createdAt, lastMovedAt: state.doneAt ?? state.startedAt ?? createdAt, ...state },
    });
    await db.cardEvent.create({ data: { boardId: board.id, cardId: card.id, type: 'CREATED', toColumnId: columnId, toLaneId: laneId, actorId, at: createdAt } });
  }

  // The intake team's improvement board, from the template, with a few of the team's own ideas on it.
  const improvement = await createBoard(input.intakeTeamId, input.annaId, 'Förbättringar i mottagningen', templateBoardStructure('improvement-work', 'sv')!, { kind: 'template', templateId: 'improvement-work' }, at(24));
  const [ideas, plan, tryOut] = improvement.columns;
  const lane = improvement.lanes[0]!.id;
  await addCard(improvement, ideas!.id, lane, 'Färre överlämningar mellan förhandsbedömning och utredning', input.annaId, at(20));
  await addCard(improvement, plan!.id, lane, 'Pröva en gemensam inkorg för orosanmälningar', input.annaId, at(15), { startedAt: at(12) });
  await addCard(improvement, tryOut!.id, lane, 'Stående tio minuter vid tavlan varje morgon', input.annaId, at(18), { startedAt: at(9) });

  // The permit team's board of last year, archived: read-only, its flow history kept.
  const archived = await createBoard(input.permitsTeamId, input.johanId, 'Bygglov 2025', blankBoardStructure('sv'), { kind: 'blank' }, at(300));
  const done = archived.columns.find((column) => column.flowState === 'DONE')!;
  for (const [index, daysAgo] of [200, 150, 120, 90].entries()) {
    await addCard(archived, done.id, archived.lanes[0]!.id, `Bygglov, nybyggnad (ärende BN 2025-${120 + index})`, input.johanId, at(daysAgo + 30), { startedAt: at(daysAgo + 20), doneAt: at(daysAgo) });
  }
  const archivedAt = at(40);
  await db.board.update({ where: { id: archived.id }, data: { archivedAt } });
  await db.boardEvent.create({ data: { boardId: archived.id, type: 'BOARD_ARCHIVED', actorId: input.johanId, at: archivedAt, after: { archivedAt: archivedAt.toISOString() } } });
  await db.teamEvent.create({ data: { teamId: input.permitsTeamId, type: 'BOARD_ARCHIVED', actorId: input.johanId, at: archivedAt, after: { boardId: archived.id, name: 'Bygglov 2025' } } });
}
