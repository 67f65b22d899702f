import type { PrismaClient } from '../../lib/generated/prisma/client';

const DAY = 86_400_000;

const EXPEDITE_POLICY = [
  '**Brådskande:** högst ett ärende åt gången; dras före allt annat.',
  '',
  '- Använd filen bara när ett barns säkerhet står på spel eller ett datum i domstol inte går att flytta.',
  '- Den som drar ärendet säger till på morgonmötet.',
].join('\n');

/**
 * Demo data of swimlanes and classes of service (issue 12): the intake board gains an expedite lane ("Akut",
 * strict limit 1, with its policy) holding one case in progress, and five finished expedite cases in its history,
 * so the Flow page has a class of service to compare with standard work. No personal data: case titles say what
 * kind of case, never who.
 */
export async function seedLanesDemo(
  db: PrismaClient,
  input: { boardId: string; columns: { id: string; flowState: string }[]; memberId: string; now: number },
): Promise<void> {
  const { boardId, columns, memberId, now } = input;
  const createdAt = new Date(now - 40 * DAY);
  const lane = await db.lane.create({
    data: { boardId, name: 'Akut', position: 512, classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT', policy: EXPEDITE_POLICY, createdAt },
  });
  await db.boardEvent.create({
    data: { boardId, type: 'LANE_CREATED', laneId: lane.id, actorId: memberId, at: createdAt, after: { name: lane.name, classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT', policy: EXPEDITE_POLICY } },
  });

  const inProgress = columns.filter((column) => column.flowState === 'IN_PROGRESS');
  const first = columns[0]!;
  const done = columns.find((column) => column.flowState === 'DONE')!;
  const working = inProgress[0]!;

  // The case in progress now.
  const openAt = now - 1 * DAY;
  const open = await db.card.create({
    data: {
      boardId,
      columnId: working.id,
      laneId: lane.id,
      title: 'Orosanmälan: akut skyddsbedömning',
      description: 'Skyddsbedömning samma dag. Uppgifter om barnet finns i verksamhetssystemet, **inte här**.',
      position: 1024,
      createdAt: new Date(openAt - 2 * 3_600_000),
      lastMovedAt: new Date(openAt),
      startedAt: new Date(openAt),
    },
  });
  await db.cardEvent.createMany({
    data: [
      { boardId, cardId: open.id, type: 'CREATED', toColumnId: first.id, toLaneId: lane.id, actorId: memberId, at: new Date(openAt - 2 * 3_600_000) },
      { boardId, cardId: open.id, type: 'MOVED', fromColumnId: first.id, toColumnId: working.id, fromLaneId: lane.id, toLaneId: lane.id, actorId: memberId, at: new Date(openAt) },
    ],
  });

  // Finished expedite cases: one to three days from start to done, archived after two weeks like the others.
  for (const [index, days] of [1, 2, 1, 3, 2].entries()) {
    const startedAt = now - (35 - index * 6) * DAY;
    const doneAt = startedAt + days * DAY;
    const card = await db.card.create({
      data: {
        boardId,
        columnId: done.id,
        laneId: lane.id,
        title: `Akut ärende ${index + 1}: skyddsbedömning`,
        position: 1024 * (index + 2),
        createdAt: new Date(startedAt - 3_600_000),
        lastMovedAt: new Date(doneAt),
        startedAt: new Date(startedAt),
        doneAt: new Date(doneAt),
        archivedAt: doneAt < now - 14 * DAY ? new Date(doneAt + DAY) : null,
      },
    });
    await db.cardEvent.createMany({
      data: [
        { boardId, cardId: card.id, type: 'CREATED', toColumnId: first.id, toLaneId: lane.id, actorId: memberId, at: new Date(startedAt - 3_600_000) },
        { boardId, cardId: card.id, type: 'MOVED', fromColumnId: first.id, toColumnId: working.id, fromLaneId: lane.id, toLaneId: lane.id, actorId: memberId, at: new Date(startedAt) },
        { boardId, cardId: card.id, type: 'MOVED', fromColumnId: working.id, toColumnId: done.id, fromLaneId: lane.id, toLaneId: lane.id, actorId: memberId, at: new Date(doneAt) },
        ...(card.archivedAt ? [{ boardId, cardId: card.id, type: 'ARCHIVED' as const, fromColumnId: done.id, actorId: memberId, at: card.archivedAt }] : []),
      ],
    });
  }
}
