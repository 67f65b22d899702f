/**
 * Demo data: a Swedish municipal social-services intake team with eight weeks of realistic card movement (so the
 * flow metrics have something to show), a second team, and one account of each kind. Run on an empty database
 * by `npm start`; re-running on a seeded database does nothing.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { hash } from '@node-rs/argon2';
import { PrismaClient, type CardEventType, type DemandType, type FlowState, type WipMode } from '../lib/generated/prisma/client';
import { createMulberry32 } from '../lib/flow/seeded-random';
import { seedApiDemo } from './seed/api';
import { seedExperimentsDemo } from './seed/experiments';
import { seedLanesDemo } from './seed/lanes';
import { seedCardPeople } from './seed/people';
import { seedReadLogDemo } from './seed/read-log';
import { seedBoardsDemo } from './seed/boards';
import { seedChecklistsDemo } from './seed/checklists';
import { seedCommentsDemo } from './seed/comments';

export const DEMO_PASSWORD = 'tillit-demo';
export const DEMO_ACCOUNTS = [
  { email: 'anna@tillit.example', name: 'Anna Lindqvist', role: 'member of Mottagningsteamet' },
  { email: 'erik@tillit.example', name: 'Erik Johansson', role: 'member of Mottagningsteamet' },
  { email: 'maria@tillit.example', name: 'Maria Berg', role: 'viewer (manager) of both teams' },
  { email: 'johan@tillit.example', name: 'Johan Nilsson', role: 'member of Bygglovsteamet' },
  { email: 'admin@tillit.example', name: 'Instansadministratör', role: 'instance admin, on no team' },
] as const;

const DAY = 86_400_000;

/** Deterministic randomness so every fresh demo looks the same. */
function createRandom(seed: number) {
  const next = createMulberry32(seed);
  return {
    next,
    between: (min: number, max: number) => min + next() * (max - min),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

/** Moves a time forward to working hours (weekdays 08–16), where case work actually happens. */
function toWorkingTime(time: number, random: ReturnType<typeof createRandom>): number {
  let date = new Date(time);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date = new Date(date.getTime() + DAY);
  const hour = date.getUTCHours();
  if (hour < 7 || hour > 14) {
    date.setUTCHours(7 + Math.floor(random.between(0, 7)), Math.floor(random.between(0, 60)));
  }
  return date.getTime();
}

const VALUE_TITLES = [
  'Ansökan om ekonomiskt bistånd',
  'Orosanmälan, barn 8 år',
  'Ansökan om kontaktperson',
  'Förfrågan om boendestöd',
  'Ansökan om försörjningsstöd, hyra',
  'Orosanmälan från skola',
  'Ansökan om stödfamilj',
  'Begäran om hemtjänst',
  'Ansökan om färdtjänst',
  'Förhandsbedömning efter anmälan',
];
const FAILURE_TITLES = [
  'Sökande ringer om status på sitt ärende',
  'Komplettering begärd igen: otydligt brev',
  'Ny ansökan efter felaktigt avslag',
  'Fråga om beslut som inte nått fram',
  'Rättelse av beslut med fel belopp',
];
const BLOCK_REASONS = [
  'Väntar på yttrande från skolan',
  'Handläggare från annan förvaltning behöver svara',
  'Tolk saknas till mötet',
  'Inväntar underlag från Försäkringskassan',
];

type ColumnSpec = { name: string; flowState: FlowState; wipLimit: number | null; wipMode: WipMode; policy: string };

const INTAKE_COLUMNS: ColumnSpec[] = [
  {
    name: 'Inkommet',
    flowState: 'NOT_STARTED',
    wipLimit: null,
    wipMode: 'ADVISORY',
    policy: '**Vad kolumnen betyder:** ärenden som har kommit in men som ingen har börjat med.\n\n**Får lämna när:** någon i teamet har tid att påbörja utredningen. Äldst först, om inte en orosanmälan kräver förtur.',
  },
  {
    name: 'Utreds',
    flowState: 'IN_PROGRESS',
    wipLimit: 6,
    wipMode: 'ADVISORY',
    policy: '**Här börjar vårt åtagande.**\n\n- Ansvarig handläggare är satt.\n- Vi ringer den enskilde inom två arbetsdagar.\n\n**Får lämna när:** utredningen är klar för beslut, eller när vi väntar på komplettering.',
  },
  {
    name: 'Väntar på komplettering',
    flowState: 'IN_PROGRESS',
    wipLimit: 5,
    wipMode: 'ADVISORY',
    policy: 'Vi väntar på underlag från den enskilde eller från en annan myndighet. Skriv i kortet vad vi väntar på. Finns det en ny kontaktväg som kan korta väntan, ta upp det på avstämningen.',
  },
  {
    name: 'Beslut',
    flowState: 'IN_PROGRESS',
    wipLimit: 3,
    wipMode: 'STRICT',
    policy: 'Utredningen är klar och beslut fattas. **Strikt gräns:** beslut ska inte bli liggande, hjälp hellre till med det som redan ligger här.',
  },
  {
    name: 'Klart',
    flowState: 'DONE',
    wipLimit: null,
    wipMode: 'ADVISORY',
    policy: 'Beslutet är fattat och meddelat den enskilde.',
  },
];

type SimulatedCard = {
  title: string;
  demand: DemandType;
  createdAt: number;
  moves: { toColumn: number; at: number }[];
  blocks: { start: number; end: number | null; reason: string }[];
};

/** Walks each case through the intake flow with plausible waits: the source of eight weeks of history. */
function simulateIntakeCards(now: number, random: ReturnType<typeof createRandom>): SimulatedCard[] {
  const cards: SimulatedCard[] = [];
  const start = now - 56 * DAY;
  for (let i = 0; i < 62; i += 1) {
    const isFailure = random.next() < 0.25;
    const isUnknown = !isFailure && random.next() < 0.08;
    const caseNumber = 2026_0100 + i * 7;
    const title = `${isFailure ? random.pick(FAILURE_TITLES) : random.pick(VALUE_TITLES)} (ärende ${String(caseNumber).slice(0, 4)}-${String(caseNumber).slice(4)})`;
    const createdAt = toWorkingTime(start + (i / 62) * 56 * DAY + random.between(0, DAY / 2), random);
    const card: SimulatedCard = { title, demand: isFailure ? 'FAILURE' : isUnknown ? 'UNKNOWN' : 'VALUE', createdAt, moves: [], blocks: [] };
    let time = createdAt;
    const step = (toColumn: number, minDays: number, maxDays: number) => {
      const at = toWorkingTime(time + random.between(minDays, maxDays) * DAY, random);
      if (at >= now - DAY / 24) return false;
      card.moves.push({ toColumn, at });
      time = at;
      return true;
    };
    // Failure demand is usually quick to handle but arrives with rework.
    const scale = isFailure ? 0.5 : 1;
    // Intake waits before anyone has capacity to start: the newest cases are still in Inkommet.
    if (step(1, 0.5, 5)) {
      let ok = true;
      if (random.next() < 0.4) {
        ok = step(2, 1 * scale, 6 * scale) && (random.next() < 0.6 ? step(1, 2, 9) : true);
      }
      if (ok && random.next() < 0.15) {
        const blockStart = toWorkingTime(time + random.between(0.2, 2) * DAY, random);
        const blockEnd = toWorkingTime(blockStart + random.between(1, 5) * DAY, random);
        if (blockStart < now) card.blocks.push({ start: blockStart, end: blockEnd < now ? blockEnd : null, reason: random.pick(BLOCK_REASONS) });
        if (blockEnd < now) time = blockEnd;
        else ok = false;
      }
      if (ok && step(3, 2 * scale, 12 * scale)) step(4, 0.3, 3);
    }
    cards.push(card);
  }
  return cards;
}

async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    if ((await db.user.count()) > 0) {
      console.log('Demo data already present; nothing to seed.');
      return;
    }
    const now = Date.now();
    const random = createRandom(20261126);
    const passwordHash = await hash(DEMO_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const users = Object.fromEntries(
      await Promise.all(
        DEMO_ACCOUNTS.map(async (account) => [
          account.email.split('@')[0],
          await db.user.create({
            data: { email: account.email, name: account.name, passwordHash, isInstanceAdmin: account.email.startsWith('admin'), createdAt: new Date(now - 70 * DAY) },
          }),
        ]),
      ),
    ) as Record<string, { id: string }>;
    const anna = users.anna!;
    const erik = users.erik!;
    const maria = users.maria!;
    const johan = users.johan!;

    const intake = await db.team.create({ data: { name: 'Mottagningsteamet, socialtjänsten', createdAt: new Date(now - 70 * DAY) } });
    const permits = await db.team.create({ data: { name: 'Bygglovsteamet', createdAt: new Date(now - 70 * DAY) } });
    await db.membership.createMany({
      data: [
        { teamId: intake.id, userId: anna.id, role: 'MEMBER' },
        { teamId: intake.id, userId: erik.id, role: 'MEMBER' },
        { teamId: intake.id, userId: maria.id, role: 'VIEWER' },
        { teamId: permits.id, userId: johan.id, role: 'MEMBER' },
        { teamId: permits.id, userId: maria.id, role: 'VIEWER' },
      ],
    });

    // --- The intake board, with eight weeks of movement.
    // Every board has at least one lane; the intake board's expedite lane comes from seed/lanes.ts.
    const board = await db.board.create({
      data: { teamId: intake.id, name: 'Mottagning', createdAt: new Date(now - 60 * DAY), lanes: { create: { name: 'Standard', position: 1024, createdAt: new Date(now - 60 * DAY) } } },
      include: { lanes: true },
    });
    const lane = board.lanes[0]!;
    const columns: { id: string; flowState: FlowState }[] = [];
    for (const [index, spec] of INTAKE_COLUMNS.entries()) {
      columns.push(await db.column.create({ data: { boardId: board.id, ...spec, position: (index + 1) * 1024, createdAt: new Date(now - 60 * DAY) } }));
    }
    await db.boardEvent.create({ data: { boardId: board.id, type: 'BOARD_CREATED', actorId: anna.id, at: new Date(now - 60 * DAY), after: { name: board.name } } });
    await db.boardEvent.create({
      data: {
        boardId: board.id,
        type: 'COLUMN_WIP_CHANGED',
        columnId: columns[3]!.id,
        actorId: erik.id,
        at: new Date(now - 30 * DAY),
        before: { name: 'Beslut', wipLimit: 4, wipMode: 'ADVISORY' },
        after: { name: 'Beslut', wipLimit: 3, wipMode: 'STRICT' },
      },
    });

    const simulated = simulateIntakeCards(now, random);
    const actors = [anna.id, erik.id];
    const positions = new Map<string, number>();
    for (const sim of simulated) {
      const lastMove = sim.moves.at(-1);
      const columnIndex = lastMove?.toColumn ?? 0;
      const column = columns[columnIndex]!;
      const firstStart = sim.moves.find((move) => columns[move.toColumn]!.flowState !== 'NOT_STARTED');
      const isDone = column.flowState === 'DONE';
      const position = (positions.get(column.id) ?? 0) + 1024;
      positions.set(column.id, position);
      const openBlock = sim.blocks.find((block) => block.end === null);
      const card = await db.card.create({
        data: {
          boardId: board.id,
          columnId: column.id,
          laneId: lane.id,
          title: sim.title,
          description: sim.demand === 'FAILURE'
            ? 'Felefterfrågan: kontakten hade kunnat undvikas om vi hade gjort rätt första gången. Notera orsaken så att vi kan lära av den.'
            : 'Se ärendet i verksamhetssystemet för uppgifter om den enskilde. **Skriv inga personuppgifter här.**',
          position,
          demand: sim.demand,
          createdAt: new Date(sim.createdAt),
          lastMovedAt: new Date(lastMove?.at ?? sim.createdAt),
          startedAt: firstStart && columnIndex > 0 ? new Date(firstStart.at) : null,
          doneAt: isDone && lastMove ? new Date(lastMove.at) : null,
          blockedAt: openBlock ? new Date(openBlock.start) : null,
          blockedReason: openBlock?.reason ?? null,
          // Finished cases older than two weeks leave the board; their history stays for the flow metrics.
          archivedAt: isDone && lastMove && lastMove.at < now - 14 * DAY ? new Date(lastMove.at + DAY) : null,
        },
      });
      const events: { type: CardEventType; at: number; from?: string; to?: string; data?: object }[] = [
        { type: 'CREATED', at: sim.createdAt, to: columns[0]!.id },
      ];
      let from = columns[0]!.id;
      for (const move of sim.moves) {
        const to = columns[move.toColumn]!.id;
        events.push({ type: 'MOVED', at: move.at, from, to });
        from = to;
      }
      for (const block of sim.blocks) {
        events.push({ type: 'BLOCKED', at: block.start, data: { reason: block.reason } });
        if (block.end !== null) events.push({ type: 'UNBLOCKED', at: block.end });
      }
      if (card.archivedAt) events.push({ type: 'ARCHIVED', at: card.archivedAt.getTime(), from });
      await db.cardEvent.createMany({
        data: events.map((event) => ({
          boardId: board.id,
          cardId: card.id,
          type: event.type,
          fromColumnId: event.from ?? null,
          toColumnId: event.to ?? null,
          fromLaneId: event.type === 'MOVED' ? lane.id : null,
          toLaneId: event.type === 'MOVED' || event.type === 'CREATED' ? lane.id : null,
          actorId: random.pick(actors),
          at: new Date(event.at),
          data: event.data ?? undefined,
        })),
      });
    }
    // A few blocked cards right now, so the standup has something to talk about.
    const blockable = await db.card.findMany({
      where: { boardId: board.id, archivedAt: null, blockedAt: null, column: { flowState: 'IN_PROGRESS' } },
      orderBy: { createdAt: 'asc' },
      take: 2,
    });
    for (const [index, card] of blockable.entries()) {
      const at = new Date(now - (index + 2) * DAY);
      const reason = BLOCK_REASONS[index] ?? BLOCK_REASONS[0]!;
      await db.card.update({ where: { id: card.id }, data: { blockedAt: at, blockedReason: reason } });
      await db.cardEvent.create({ data: { boardId: board.id, cardId: card.id, type: 'BLOCKED', actorId: anna.id, at, data: { reason } } });
    }
    await db.standup.create({ data: { boardId: board.id, startedAt: new Date(now - DAY), endedAt: new Date(now - DAY + 12 * 60_000) } });

    // --- A second team's board, small.
    const permitBoard = await db.board.create({
      data: { teamId: permits.id, name: 'Bygglov', createdAt: new Date(now - 30 * DAY), lanes: { create: { name: 'Standard', position: 1024, createdAt: new Date(now - 30 * DAY) } } },
      include: { lanes: true },
    });
    const permitLane = permitBoard.lanes[0]!;
    const permitColumns = [];
    for (const [index, spec] of (
      [
        { name: 'Ny ansökan', flowState: 'NOT_STARTED' },
        { name: 'Granskning', flowState: 'IN_PROGRESS' },
        { name: 'Beslut', flowState: 'IN_PROGRESS' },
        { name: 'Klart', flowState: 'DONE' },
      ] as const
    ).entries()) {
      permitColumns.push(await db.column.create({ data: { boardId: permitBoard.id, ...spec, position: (index + 1) * 1024 } }));
    }
    for (let i = 0; i < 6; i += 1) {
      const createdAt = new Date(now - (20 - i * 3) * DAY);
      const column = permitColumns[i % 3]!;
      const card = await db.card.create({
        data: {
          boardId: permitBoard.id,
          columnId: column.id,
          laneId: permitLane.id,
          title: `Bygglov, tillbyggnad (ärende BN 2026-${410 + i})`,
          position: (i + 1) * 1024,
          demand: 'VALUE',
          createdAt,
          lastMovedAt: createdAt,
          startedAt: column.flowState === 'IN_PROGRESS' ? createdAt : null,
        },
      });
      await db.cardEvent.create({ data: { boardId: permitBoard.id, cardId: card.id, type: 'CREATED', toColumnId: column.id, toLaneId: permitLane.id, actorId: johan.id, at: createdAt } });
    }
    await seedLanesDemo(db, { boardId: board.id, columns, memberId: anna.id, now });
    await seedCardPeople(db, { boardId: board.id, memberIds: [anna.id, erik.id], now });
    await seedExperimentsDemo(db, { intake: { boardId: board.id, memberId: anna.id }, permits: { boardId: permitBoard.id, memberId: johan.id }, now });
    await seedCommentsDemo(db, { boardId: board.id, annaId: anna.id, erikId: erik.id, erikName: 'Erik Johansson', now });
    const api = await seedApiDemo(db, { teamId: intake.id, boardId: board.id, memberId: anna.id, now });
    await seedReadLogDemo(db, { boardId: board.id, members: [{ id: anna.id, name: 'Anna Lindqvist' }, { id: erik.id, name: 'Erik Johansson' }], viewer: { id: maria.id, name: 'Maria Berg' }, now });
    await seedBoardsDemo(db, { intakeTeamId: intake.id, permitsTeamId: permits.id, annaId: anna.id, johanId: johan.id, now });
    await seedChecklistsDemo(db, { boardId: board.id, memberId: anna.id, now });
    console.log(`Seeded demo data: ${simulated.length} cards on "${board.name}", 6 on "${permitBoard.name}".`);
    console.log(`Demo team integration token of ${intake.name} (intake only; shown this once): ${api.intakeToken}`);
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
