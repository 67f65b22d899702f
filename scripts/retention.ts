/**
 * `npm run retention`: the nightly retention job. For every team that chose a period, clears the text of finished
 * cards past it and keeps their anonymous timing (lib/data/retention.ts explains exactly what). Safe to run twice at
 * once or to re-run: every card is cleared once, under a per-team lock, in batches of one transaction each.
 *
 * Schedule it once a night with cron, as the user that runs Tillit, with the same environment as the server:
 *
 *   # m  h  dom mon dow  command
 *   30  2  *   *   *    cd /srv/tillit && set -a && . /etc/tillit/env && set +a && npm run retention >> /var/log/tillit/retention.log 2>&1
 *
 * With `npm start`'s embedded PostgreSQL (no DATABASE_URL), it connects to that database on TILLIT_PG_PORT while
 * `npm start` is running.
 *
 * It also deletes the read log of boards that may hold client data (and its log reviews) older than
 * TILLIT_READ_LOG_RETENTION_YEARS (default 5 years; lib/data/read-log.ts deleteExpiredReadLog): the log has its own
 * period, apart from the team's card retention. With --team or --dry-run the read log is left as it is.
 *
 * Options:
 *   --dry-run           report what would be cleared per team, change nothing
 *   --now=<ISO time>    a fixed clock instead of the real one (rehearsals and tests)
 *   --team=<team id>    one team only
 *
 * Prints one JSON line (counts and team ids only: never card text) and exits 0, or 1 on failure.
 */
import { ensureLocalAuthSecret } from './lib/app-setup';

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

async function main() {
  process.env.DATABASE_URL ??= `postgresql://tillit:tillit-local-only@127.0.0.1:${process.env.TILLIT_PG_PORT ?? 54329}/tillit`;
  process.env.AUTH_SECRET ??= process.env.NEXTAUTH_SECRET ?? ensureLocalAuthSecret();
  const nowOption = option('now');
  const now = nowOption ? new Date(nowOption) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now is not a date: ${nowOption}`);
  const teamId = option('team');
  const isDryRun = process.argv.includes('--dry-run');

  const { getDb } = await import('@/lib/db');
  const { previewRetention, runRetention } = await import('@/lib/data/retention');
  try {
    if (isDryRun) {
      const teams = await getDb().team.findMany({
        where: { retentionMonths: { not: null }, ...(teamId ? { id: teamId } : {}) },
        select: { id: true, retentionMonths: true },
      });
      const report = [];
      for (const team of teams) {
        const preview = await previewRetention(team.id, team.retentionMonths, now);
        report.push({ teamId: team.id, months: team.retentionMonths, wouldClear: preview.dueNowCount, within30Days: preview.dueSoonCount });
      }
      console.log(JSON.stringify({ job: 'retention', dryRun: true, now: now.toISOString(), teams: report }));
      return;
    }
    // Read before anything runs: a bad setting stops the job instead of deleting the wrong rows.
    const { parseReadLogRetentionYears, readLogCutoff } = await import('@/lib/read-log/model');
    const readLogYears = parseReadLogRetentionYears(process.env.TILLIT_READ_LOG_RETENTION_YEARS);
    const result = await runRetention(now, teamId ? { teamId } : {});
    const { deleteExpiredReadLog } = await import('@/lib/data/read-log');
    const readLog = teamId ? null : { years: readLogYears, ...(await deleteExpiredReadLog(readLogCutoff(now, readLogYears))) };
    console.log(JSON.stringify({ job: 'retention', now: now.toISOString(), cleared: result.cleared, teams: result.teams, readLog }));
  } finally {
    await getDb().$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ job: 'retention', error: (error as Error)?.message ?? String(error) }));
  process.exit(1);
});
