/**
 * What the read log costs (#15 item 10): opening a card's dialog — the server function the dialog's request runs,
 * getCardDetail in lib/data/cards.ts — on a board that may hold client data (the read writes its log row before the
 * card is returned) against the same card on a board that does not (no log row), in the same run, alternating
 * normal, sensitive, normal, sensitive … so a drifting machine load weighs on both alike.
 *
 *   node --conditions=react-server --import tsx bench/read-log.bench.ts [--reads=2000] [--fsync=off|on|both]
 *   (or: npm run bench -- --only=read-log -- --reads=2000)
 *
 * Starts its own throwaway embedded PostgreSQL (TILLIT_BENCH_PG_PORT, default 54374) per fsync mode: off measures
 * the app (like the test runner's cluster), on adds the durable commit of the log row, as in production. Each card
 * has 20 history events and a description, like a worked case; every read is another reader or card (60 cards, 40
 * readers), since the log coalesces one person's repeated reads of a card within a minute into one row. The database shares the machine's cores with the
 * bench. Prints p50/p95/p99 per board and the difference of the medians; results also in bench/out/read-log-*.
 * Figures, not a timed test.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { migrateDatabase } from '../scripts/lib/app-setup';
import { startBenchDatabase } from './lib/embedded-db';
import { describeCommand, writeResults } from './lib/report';
import { formatSummary, summarize, type Summary } from './lib/stats';

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const WARMUP = 200;
const READERS = 40;
const CARDS = 60;
/** Every read is a (reader, card) pair of its own: at most READERS × CARDS reads, warm-up included. */
const READS = Math.min(Number(option('reads') ?? 2000), READERS * CARDS - WARMUP);
const FSYNC = option('fsync') ?? 'both';
const PG_PORT = Number(process.env.TILLIT_BENCH_PG_PORT ?? 54374);

type ModeResult = { fsync: boolean; normal: Summary; sensitive: Summary; medianCostMs: number; logRows: number };

async function runMode(fsync: boolean): Promise<ModeResult> {
  const database = await startBenchDatabase({ port: PG_PORT, fsync });
  try {
    const env = { ...process.env, DATABASE_URL: database.url };
    await migrateDatabase(env);
    process.env.DATABASE_URL = database.url;
    process.env.AUTH_SECRET ??= 'tillit-bench-secret-not-for-production';
    const { getDb } = await import('../lib/db');
    const { getCardDetail } = await import('../lib/data/cards');
    const db = getDb();
    // Distinct (reader, card) pairs: the log coalesces one person's reads of one card within a minute into one row
    // (lib/data/read-log.ts), and the bench measures the reads that write a row.
    const readers = await Promise.all(Array.from({ length: READERS }, (_, index) => db.user.create({ data: { email: `reader.${index}.${Date.now()}@bench.example`, name: `Bench Reader ${index}` } })));
    const reader = readers[0]!;
    const team = await db.team.create({ data: { name: 'Socialtjänst bench' } });
    await db.membership.createMany({ data: readers.map((person) => ({ teamId: team.id, userId: person.id, role: 'MEMBER' as const })) });
    const makeBoard = async (holdsClientData: boolean) => {
      const board = await db.board.create({
        data: { teamId: team.id, name: holdsClientData ? 'Sensitive' : 'Normal', holdsClientData, lanes: { create: { name: 'Standard', position: 1024 } }, columns: { create: [{ name: 'In', position: 1024, flowState: 'NOT_STARTED' }, { name: 'Doing', position: 2048 }] } },
        include: { lanes: true, columns: true },
      });
      const cardIds: string[] = [];
      for (let n = 0; n < CARDS; n += 1) {
        const card = await db.card.create({
          data: { boardId: board.id, columnId: board.columns[0]!.id, laneId: board.lanes[0]!.id, title: `Ansökan om ekonomiskt bistånd ${n}`, description: 'Beskrivning av ärendet. '.repeat(40), position: 1024 * (n + 1) },
        });
        await db.cardEvent.createMany({
          data: Array.from({ length: 20 }, (_, index) => ({
            boardId: board.id,
            cardId: card.id,
            type: index === 0 ? ('CREATED' as const) : ('MOVED' as const),
            fromColumnId: index === 0 ? null : board.columns[index % 2]!.id,
            toColumnId: board.columns[(index + 1) % 2]!.id,
            actorId: reader.id,
            at: new Date(Date.now() - (20 - index) * 3_600_000),
          })),
        });
        cardIds.push(card.id);
      }
      return { boardId: board.id, cardIds };
    };
    const normalBoard = await makeBoard(false);
    const sensitiveBoard = await makeBoard(true);
    let turn = 0;
    const open = async (board: { boardId: string; cardIds: string[] }, pair: number) => {
      const person = readers[pair % READERS]!;
      const cardId = board.cardIds[Math.floor(pair / READERS) % CARDS]!;
      const started = performance.now();
      await getCardDetail(person.id, board.boardId, cardId);
      return performance.now() - started;
    };
    for (let i = 0; i < WARMUP; i += 1, turn += 1) {
      await open(normalBoard, turn);
      await open(sensitiveBoard, turn);
    }
    const normal: number[] = [];
    const sensitive: number[] = [];
    for (let i = 0; i < READS; i += 1, turn += 1) {
      // Alternate which goes first, so neither always follows the other's write.
      if (i % 2 === 0) {
        normal.push(await open(normalBoard, turn));
        sensitive.push(await open(sensitiveBoard, turn));
      } else {
        sensitive.push(await open(sensitiveBoard, turn));
        normal.push(await open(normalBoard, turn));
      }
    }
    const logRows = await db.cardReadLog.count({ where: { boardId: sensitiveBoard.boardId } });
    const normalRows = await db.cardReadLog.count({ where: { boardId: normalBoard.boardId } });
    if (logRows !== READS + WARMUP || normalRows !== 0) throw new Error(`read log rows: ${logRows} on the sensitive board (expected ${READS + WARMUP}), ${normalRows} on the normal one`);
    await db.$disconnect();
    const normalSummary = summarize(normal);
    const sensitiveSummary = summarize(sensitive);
    return { fsync, normal: normalSummary, sensitive: sensitiveSummary, medianCostMs: sensitiveSummary.p50 - normalSummary.p50, logRows };
  } finally {
    await database.dispose();
  }
}

/** Each fsync mode runs in its own process: the data layer binds its database client to the first DATABASE_URL it sees. */
function runChild(mode: 'on' | 'off'): Promise<number> {
  const args = [...process.execArgv, process.argv[1]!, ...process.argv.slice(2).filter((arg) => !arg.startsWith('--fsync=')), `--fsync=${mode}`];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main() {
  if (FSYNC === 'both') {
    const codes = [await runChild('off'), await runChild('on')];
    process.exit(codes.some((code) => code !== 0) ? 1 : 0);
  }
  const modes = [FSYNC === 'on'];
  const lines = [
    `Read log bench (${new Date().toISOString()}, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, load ${os.loadavg().map((value) => value.toFixed(2)).join(' ')})`,
    `  ${describeCommand('bench/read-log.bench.ts', ['TILLIT_BENCH_PG_PORT'])}`,
    `  card-dialog open (getCardDetail: card, description, 20 history events), ${READS} reads per board after ${WARMUP} warm-up, alternating`,
  ];
  console.log(lines.join('\n'));
  const results: ModeResult[] = [];
  for (const fsync of modes) {
    const result = await runMode(fsync);
    results.push(result);
    const block = [
      `  PostgreSQL fsync ${fsync ? 'on (durable commit of each log row)' : 'off'}:`,
      `    normal board (no log):        ${formatSummary(result.normal)}`,
      `    sensitive board (log row):    ${formatSummary(result.sensitive)}`,
      `    the log's cost at the median: ${result.medianCostMs >= 0 ? '+' : ''}${result.medianCostMs.toFixed(2)} ms (${result.logRows} log rows written, 0 on the normal board)`,
    ];
    console.log(block.join('\n'));
    lines.push(...block);
  }
  const files = writeResults(`read-log-fsync-${FSYNC}`, { reads: READS, warmup: WARMUP, results }, `${lines.join('\n')}\n`);
  console.log(`  results: ${files.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
