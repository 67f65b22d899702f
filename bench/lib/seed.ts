/**
 * A bench board: one team with two members, `columns` columns without WIP limits and `cardsPerColumn` cards in each;
 * one standard lane, or `lanes` lanes (standard, expedite, improvement, …) with `laneWipLimit` (advisory) each, the
 * cards dealt round-robin over them.
 */
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../lib/generated/prisma/client';
import type { BenchUser } from './client';

export type BenchBoard = {
  boardId: string;
  columnIds: string[];
  laneIds: string[];
  cardIds: string[];
  mover: BenchUser;
  watcher: BenchUser;
};

export function createBenchDb(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 4 }) });
}

export async function seedBenchBoard(db: PrismaClient, options: { columns: number; cardsPerColumn: number; lanes?: number; laneWipLimit?: number | null }): Promise<BenchBoard> {
  const suffix = randomUUID().slice(0, 8);
  const mover = await db.user.create({ data: { email: `mover.${suffix}@bench.example`, name: 'Bench Mover' }, select: { id: true, name: true, email: true } });
  const watcher = await db.user.create({ data: { email: `watcher.${suffix}@bench.example`, name: 'Bench Watcher' }, select: { id: true, name: true, email: true } });
  const team = await db.team.create({ data: { name: `Bench team ${suffix}` } });
  await db.membership.createMany({
    data: [
      { teamId: team.id, userId: mover.id, role: 'MEMBER' },
      { teamId: team.id, userId: watcher.id, role: 'MEMBER' },
    ],
  });
  const board = await db.board.create({ data: { teamId: team.id, name: `Bench board ${suffix}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
  const laneIds = [board.lanes[0]!.id];
  const classes = ['EXPEDITE', 'INTANGIBLE', 'STANDARD'] as const;
  for (let index = 1; index < (options.lanes ?? 1); index += 1) {
    const lane = await db.lane.create({ data: { boardId: board.id, name: `Lane ${index + 1}`, position: (index + 1) * 1024, classOfService: classes[(index - 1) % classes.length]! }, select: { id: true } });
    laneIds.push(lane.id);
  }
  if (options.laneWipLimit != null) await db.lane.updateMany({ where: { boardId: board.id }, data: { wipLimit: options.laneWipLimit, wipMode: 'ADVISORY' } });
  const columnIds: string[] = [];
  for (let index = 0; index < options.columns; index += 1) {
    const flowState = index === 0 ? 'NOT_STARTED' : index === options.columns - 1 ? 'DONE' : 'IN_PROGRESS';
    const column = await db.column.create({ data: { boardId: board.id, name: `Column ${index + 1}`, position: (index + 1) * 1024, flowState }, select: { id: true } });
    columnIds.push(column.id);
  }
  const cards = columnIds.flatMap((columnId, columnIndex) =>
    Array.from({ length: options.cardsPerColumn }, (_, index) => ({
      id: `bench-${suffix}-${columnIndex}-${index}`,
      boardId: board.id,
      columnId,
      laneId: laneIds[index % laneIds.length]!,
      title: `Case ${columnIndex + 1}.${index + 1}`,
      position: (index + 1) * 1024,
    })),
  );
  await db.card.createMany({ data: cards });
  await db.cardEvent.createMany({ data: cards.map((card) => ({ boardId: board.id, cardId: card.id, type: 'CREATED' as const, toColumnId: card.columnId, toLaneId: card.laneId })) });
  return { boardId: board.id, columnIds, laneIds, cardIds: cards.map((card) => card.id), mover, watcher };
}
