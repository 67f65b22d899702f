import type { PrismaClient } from '../../lib/generated/prisma/client';

const DAY = 86_400_000;

/** The team's calendar day of an instant, 'YYYY-MM-DD' (Europe/Stockholm), as review dates are kept. */
function toTeamDate(time: number): Date {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time));
  return new Date(`${day}T00:00:00.000Z`);
}

type Column = { id: string; name: string; flowState: string; wipLimit: number | null; wipMode: 'ADVISORY' | 'STRICT' };

/**
 * Demo data of improvement experiments (issue 13):
 * - on the permit board, a finished experiment, adopted: "one case at a time per person in Granskning" (WIP limit
 *   3), with twelve weeks of finished permits around it whose cycle time drops after the start, so its study shows
 *   a signal; its board change and its start and end are in the board history, linked to it;
 * - on the intake board, a running experiment that lowered Utreds' limit from 6 to 5, due for review today, so the
 *   standup's opening summary lists it and the board header shows its hypothesis.
 * Titles say what kind of case, never who.
 */
export async function seedExperimentsDemo(
  db: PrismaClient,
  input: {
    intake: { boardId: string; memberId: string };
    permits: { boardId: string; memberId: string };
    now: number;
  },
): Promise<void> {
  const { intake, permits, now } = input;

  // --- The finished one, on the permit board: history before and after, then the experiment itself.
  const permitColumns = (await db.column.findMany({ where: { boardId: permits.boardId }, orderBy: { position: 'asc' } })) as Column[];
  const permitLane = await db.lane.findFirstOrThrow({ where: { boardId: permits.boardId }, orderBy: { position: 'asc' } });
  const first = permitColumns[0]!;
  const review = permitColumns.find((column) => column.name === 'Granskning') ?? permitColumns[1]!;
  const done = permitColumns.find((column) => column.flowState === 'DONE')!;
  const start = now - 50 * DAY;
  const end = now - 6 * DAY;
  const finished = async (title: string, doneAt: number, cycleDays: number) => {
    const startedAt = doneAt - (cycleDays - 1) * DAY;
    const createdAt = startedAt - DAY;
    const card = await db.card.create({
      data: {
        boardId: permits.boardId,
        columnId: done.id,
        laneId: permitLane.id,
        title,
        position: 1024,
        demand: 'VALUE',
        createdAt: new Date(createdAt),
        lastMovedAt: new Date(doneAt),
        startedAt: new Date(startedAt),
        doneAt: new Date(doneAt),
        // Finished long ago: off the board, in its history.
        archivedAt: new Date(doneAt + 7 * DAY),
      },
    });
    await db.cardEvent.createMany({
      data: [
        { boardId: permits.boardId, cardId: card.id, type: 'CREATED', toColumnId: first.id, toLaneId: permitLane.id, actorId: permits.memberId, at: new Date(createdAt) },
        { boardId: permits.boardId, cardId: card.id, type: 'MOVED', fromColumnId: first.id, toColumnId: review.id, toLaneId: permitLane.id, actorId: permits.memberId, at: new Date(startedAt) },
        { boardId: permits.boardId, cardId: card.id, type: 'MOVED', fromColumnId: review.id, toColumnId: done.id, toLaneId: permitLane.id, actorId: permits.memberId, at: new Date(doneAt) },
        { boardId: permits.boardId, cardId: card.id, type: 'ARCHIVED', actorId: permits.memberId, at: new Date(doneAt + 7 * DAY) },
      ],
    });
  };
  const beforeDays = [21, 17, 25, 19, 23, 18, 24, 20, 22, 19];
  for (const [index, days] of beforeDays.entries()) await finished(`Bygglov, nybyggnad (ärende BN 2026-${300 + index})`, start - (76 - index * 7) * DAY, days);
  const afterDays = [11, 9, 12, 10, 8, 11, 9, 10];
  for (const [index, days] of afterDays.entries()) await finished(`Bygglov, nybyggnad (ärende BN 2026-${360 + index})`, start + (5 + index * 4.5) * DAY, days);

  const adoptedChange = 'Högst tre ärenden i Granskning';
  const adopted = await db.experiment.create({
    data: {
      boardId: permits.boardId,
      change: adoptedChange,
      reason: 'Ärenden blir liggande halvgranskade medan vi börjar på nya; sökande ringer och frågar.',
      hypothesis: 'Om vi granskar högst tre ärenden åt gången och gör klart innan vi börjar nytt, blir ledtiden kortare.',
      measure: 'CYCLE_TIME',
      expectedDirection: 'DOWN',
      reviewDate: toTeamDate(end - DAY),
      status: 'ENDED',
      outcome: 'ADOPT',
      reflection: 'Ledtiden gick tydligt ner och ingen har saknat att ha fler ärenden igång. Vi behåller gränsen och ser över den igen till hösten.',
      preparedChange: { kind: 'column.wip', columnId: review.id, wipLimit: 3, wipMode: 'ADVISORY' },
      appliedChange: { kind: 'column.wip', columnId: review.id, before: { wipLimit: review.wipLimit, wipMode: review.wipMode } },
      createdAt: new Date(start - 2 * DAY),
      startedAt: new Date(start),
      endedAt: new Date(end),
    },
  });
  await db.column.update({ where: { id: review.id }, data: { wipLimit: 3, wipMode: 'ADVISORY' } });
  await db.boardEvent.createMany({
    data: [
      { boardId: permits.boardId, type: 'EXPERIMENT_PROPOSED', actorId: permits.memberId, at: new Date(start - 2 * DAY), experimentId: adopted.id, after: { change: adoptedChange, measure: 'CYCLE_TIME' } },
      {
        boardId: permits.boardId,
        type: 'COLUMN_WIP_CHANGED',
        columnId: review.id,
        actorId: permits.memberId,
        at: new Date(start),
        experimentId: adopted.id,
        before: { name: review.name, wipLimit: review.wipLimit, wipMode: review.wipMode },
        after: { name: review.name, wipLimit: 3, wipMode: 'ADVISORY' },
      },
      { boardId: permits.boardId, type: 'EXPERIMENT_STARTED', actorId: permits.memberId, at: new Date(start + 1000), experimentId: adopted.id, after: { change: adoptedChange, hasBoardChange: true } },
      { boardId: permits.boardId, type: 'EXPERIMENT_ENDED', actorId: permits.memberId, at: new Date(end), experimentId: adopted.id, after: { change: adoptedChange, outcome: 'ADOPT', reverted: false } },
    ],
  });

  // --- The running one, on the intake board: Utreds' limit lowered from 6 to 5 ten days ago.
  const utreds = (await db.column.findFirst({ where: { boardId: intake.boardId, name: 'Utreds' } })) as Column | null;
  if (!utreds) return;
  const runningStart = now - 10 * DAY;
  const runningChange = 'Lägre WIP-gräns i Utreds';
  const lowered = Math.max(1, (utreds.wipLimit ?? 6) - 1);
  const running = await db.experiment.create({
    data: {
      boardId: intake.boardId,
      change: runningChange,
      reason: 'Ärenden väntar länge i Utreds medan vi har många igång samtidigt.',
      hypothesis: `Om vi sänker Utreds gräns till ${lowered} kommer ärenden att vänta mindre: ledtiden går ner.`,
      measure: 'CYCLE_TIME',
      expectedDirection: 'DOWN',
      reviewDate: toTeamDate(now),
      status: 'RUNNING',
      preparedChange: { kind: 'column.wip', columnId: utreds.id, wipLimit: lowered, wipMode: utreds.wipMode },
      appliedChange: { kind: 'column.wip', columnId: utreds.id, before: { wipLimit: utreds.wipLimit, wipMode: utreds.wipMode } },
      createdAt: new Date(runningStart - DAY),
      startedAt: new Date(runningStart),
    },
  });
  await db.column.update({ where: { id: utreds.id }, data: { wipLimit: lowered } });
  await db.boardEvent.createMany({
    data: [
      { boardId: intake.boardId, type: 'EXPERIMENT_PROPOSED', actorId: intake.memberId, at: new Date(runningStart - DAY), experimentId: running.id, after: { change: runningChange, measure: 'CYCLE_TIME' } },
      {
        boardId: intake.boardId,
        type: 'COLUMN_WIP_CHANGED',
        columnId: utreds.id,
        actorId: intake.memberId,
        at: new Date(runningStart),
        experimentId: running.id,
        before: { name: utreds.name, wipLimit: utreds.wipLimit, wipMode: utreds.wipMode },
        after: { name: utreds.name, wipLimit: lowered, wipMode: utreds.wipMode },
      },
      { boardId: intake.boardId, type: 'EXPERIMENT_STARTED', actorId: intake.memberId, at: new Date(runningStart + 1000), experimentId: running.id, after: { change: runningChange, hasBoardChange: true } },
    ],
  });
}
