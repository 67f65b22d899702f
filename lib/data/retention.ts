import 'server-only';
import { getDb, type Tx } from '@/lib/db';
import { publishBoardEvent } from '@/lib/live/publish';
import { addMonths, clearsOn, retentionCutoff, type RetentionChoice } from '@/lib/retention/policy';
import { authorizeTeamAction } from './access';

type Actor = { id: string; name: string };

/** How far ahead the preview looks: what the nightly job will clear within this many days. */
export const RETENTION_LOOKAHEAD_DAYS = 30;
const PREVIEW_SAMPLE = 50;
const RUN_BATCH = 2000;

export type RetentionCardPreview = { id: string; boardId: string; boardName: string; title: string; finishedAt: string; clearsOn: string };

export type RetentionPreview = {
  months: number | null;
  /** Finished cards already past the period: cleared at the next run. */
  dueNowCount: number;
  /** Cards that pass the period within the look-ahead (not counting those due now). */
  dueSoonCount: number;
  dueNow: RetentionCardPreview[];
  dueSoon: RetentionCardPreview[];
};

export type RetentionLogEntry = {
  id: string;
  kind: 'SETTING_CHANGED' | 'TEXT_CLEARED';
  at: string;
  actorName: string | null;
  months: number | null;
  previousMonths: number | null;
  cardCount: number;
};

export type RetentionOverview = {
  teamId: string;
  teamName: string;
  months: number | null;
  canEdit: boolean;
  preview: RetentionPreview;
  log: RetentionLogEntry[];
};

/**
 * The team's retention setting, what it will clear (now and within the look-ahead), and its log. Members and
 * viewers of the team may see it; `previewMonths` shows what another period would clear, before choosing it.
 */
export async function getRetentionOverview(userId: string, teamId: string, now: Date, previewMonths?: RetentionChoice): Promise<RetentionOverview> {
  const db = getDb();
  const access = await authorizeTeamAction(db, userId, teamId, 'board.read');
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, name: true, retentionMonths: true } });
  const months = previewMonths === undefined ? team.retentionMonths : previewMonths;
  const [preview, log] = await Promise.all([
    previewRetention(teamId, months, now),
    db.retentionLog.findMany({
      where: { teamId },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: 20,
      select: { id: true, kind: true, at: true, months: true, previousMonths: true, cardCount: true, actor: { select: { name: true } } },
    }),
  ]);
  return {
    teamId: team.id,
    teamName: team.name,
    months: team.retentionMonths,
    canEdit: access.role === 'MEMBER',
    preview,
    log: log.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      at: entry.at.toISOString(),
      actorName: entry.actor?.name ?? null,
      months: entry.months,
      previousMonths: entry.previousMonths,
      cardCount: entry.cardCount,
    })),
  };
}

/** What a `months` period would clear for the team: due at the next run, and due within the look-ahead. */
export async function previewRetention(teamId: string, months: number | null, now: Date): Promise<RetentionPreview> {
  if (months === null) return { months, dueNowCount: 0, dueSoonCount: 0, dueNow: [], dueSoon: [] };
  const cutoff = retentionCutoff(now, months);
  const soonCutoff = retentionCutoff(new Date(now.getTime() + RETENTION_LOOKAHEAD_DAYS * 86_400_000), months);
  const db = getDb();
  const [counts] = await db.$queryRaw<{ dueNow: number; dueSoon: number }[]>`
    SELECT count(*) FILTER (WHERE COALESCE(c."doneAt", c."archivedAt") <= ${cutoff})::int AS "dueNow",
           count(*) FILTER (WHERE COALESCE(c."doneAt", c."archivedAt") > ${cutoff})::int AS "dueSoon"
    FROM "Card" c JOIN "Board" b ON b.id = c."boardId"
    WHERE b."teamId" = ${teamId} AND c."textClearedAt" IS NULL AND COALESCE(c."doneAt", c."archivedAt") <= ${soonCutoff}`;
  const select = (where: 'now' | 'soon') => db.$queryRaw<{ id: string; boardId: string; boardName: string; title: string; finished: Date }[]>`
    SELECT c.id, c."boardId", b.name AS "boardName", c.title, COALESCE(c."doneAt", c."archivedAt") AS finished
    FROM "Card" c JOIN "Board" b ON b.id = c."boardId"
    WHERE b."teamId" = ${teamId} AND c."textClearedAt" IS NULL
      AND COALESCE(c."doneAt", c."archivedAt") <= ${where === 'now' ? cutoff : soonCutoff}
      AND COALESCE(c."doneAt", c."archivedAt") > ${where === 'now' ? new Date(0) : cutoff}
    ORDER BY finished ASC, c.id ASC
    LIMIT ${PREVIEW_SAMPLE}`;
  const [dueNow, dueSoon] = await Promise.all([select('now'), select('soon')]);
  const view = (row: { id: string; boardId: string; boardName: string; title: string; finished: Date }): RetentionCardPreview => ({
    id: row.id,
    boardId: row.boardId,
    boardName: row.boardName,
    title: row.title,
    finishedAt: row.finished.toISOString(),
    clearsOn: clearsOn(row.finished, months).toISOString(),
  });
  return { months, dueNowCount: counts?.dueNow ?? 0, dueSoonCount: counts?.dueSoon ?? 0, dueNow: dueNow.map(view), dueSoon: dueSoon.map(view) };
}

/** Sets the team's retention period (members only); the change and who made it go into the team's retention log. */
export async function setRetentionPeriod(actor: Actor, teamId: string, months: RetentionChoice, now: Date): Promise<void> {
  const db = getDb();
  await db.$transaction(async (tx) => {
    // The team row first, then the role, as team administration does: a member removed or made a viewer meanwhile
    // cannot change the team's rule.
    const [team] = await tx.$queryRaw<{ retentionMonths: number | null }[]>`SELECT "retentionMonths" FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
    await authorizeTeamAction(tx, actor.id, teamId, 'board.edit');
    if (!team || team.retentionMonths === months) return;
    await tx.team.update({ where: { id: teamId }, data: { retentionMonths: months } });
    await tx.retentionLog.create({ data: { teamId, kind: 'SETTING_CHANGED', at: now, actorId: actor.id, months, previousMonths: team.retentionMonths } });
  });
}

export type RetentionRunResult = { teams: { teamId: string; cleared: number }[]; cleared: number };

/**
 * The scheduled job (scripts/retention.ts, nightly): for every team with a period, clears the text of finished
 * cards past it. Per card: title, description and block reason emptied; history keeps its events and times but
 * loses who made them, block reasons and edited text (an edit keeps only which fields changed); checklist items and
 * checklist history lose their text, "waiting for" history the titles of the linked cards; a board-history
 * WIP-limit entry loses the card title and the reason typed. The card is archived if it was not. Timing fields and
 * events are untouched, so flow metrics do not change. Runs in batches, each one transaction; a team's batches are
 * serialised with an advisory lock, so two overlapping runs never clear the same card twice.
 */
export async function runRetention(now: Date, options: { teamId?: string } = {}): Promise<RetentionRunResult> {
  const db = getDb();
  const teams = await db.team.findMany({
    where: { retentionMonths: { not: null }, ...(options.teamId ? { id: options.teamId } : {}) },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const result: RetentionRunResult = { teams: [], cleared: 0 };
  for (const team of teams) {
    let cleared = 0;
    for (;;) {
      const batch = await db.$transaction((tx) => clearBatch(tx, team.id, now), { timeout: 120_000 });
      cleared += batch;
      if (batch < RUN_BATCH) break;
    }
    result.teams.push({ teamId: team.id, cleared });
    result.cleared += cleared;
  }
  return result;
}

async function clearBatch(tx: Tx, teamId: string, now: Date): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tillit-retention'), hashtext(${teamId}))`;
  const [team] = await tx.$queryRaw<{ retentionMonths: number | null }[]>`SELECT "retentionMonths" FROM "Team" WHERE id = ${teamId}`;
  if (!team || team.retentionMonths === null) return 0;
  const cutoff = retentionCutoff(now, team.retentionMonths);
  const cards = await tx.$queryRaw<{ id: string; boardId: string; columnId: string; archivedAt: Date | null }[]>`
    SELECT c.id, c."boardId", c."columnId", c."archivedAt"
    FROM "Card" c JOIN "Board" b ON b.id = c."boardId"
    WHERE b."teamId" = ${teamId} AND c."textClearedAt" IS NULL AND COALESCE(c."doneAt", c."archivedAt") <= ${cutoff}
    ORDER BY c.id
    LIMIT ${RUN_BATCH}
    FOR UPDATE OF c`;
  if (cards.length === 0) return 0;
  const ids = cards.map((card) => card.id);
  await tx.$executeRaw`
    UPDATE "Card" SET title = '', description = '',
      "blockedReason" = CASE WHEN "blockedAt" IS NULL THEN NULL ELSE '' END,
      "textClearedAt" = ${now}, "archivedAt" = COALESCE("archivedAt", ${now}), version = version + 1
    WHERE id = ANY(${ids}::text[])`;
  await tx.$executeRaw`
    UPDATE "CardEvent" SET "actorId" = NULL, "importedActorName" = NULL,
      data = CASE
        WHEN type = 'BLOCKED' THEN NULL
        WHEN type = 'EDITED' AND jsonb_typeof(data) = 'object' THEN
          (SELECT jsonb_object_agg(key, '{"changed": true}'::jsonb) FROM jsonb_object_keys(data) AS key)
        -- A checklist entry keeps what was done (added, checked, moved…), not the item's text.
        WHEN type = 'CHECKLIST' AND jsonb_typeof(data) = 'object' THEN data - 'text' - 'before'
        ELSE data END
    WHERE "cardId" = ANY(${ids}::text[])`;
  // The checklist's texts go with the card's; the items (and whether they were done) stay.
  await tx.$executeRaw`UPDATE "ChecklistItem" SET text = '' WHERE "cardId" = ANY(${ids}::text[])`;
  // A "waiting for" entry names the other card: on the cleared card and on every card linked to it, the cleared
  // card's title goes (the link itself stays, readable as an archived card).
  await tx.$executeRaw`
    UPDATE "CardEvent" SET data = data - 'title' - 'reference'
    WHERE type = 'LINK' AND jsonb_typeof(data) = 'object' AND (data->>'otherCardId' = ANY(${ids}::text[]) OR "cardId" = ANY(${ids}::text[]))`;
  // Comments are the card's text too: their words and who wrote them go; that a comment was made stays in the history.
  await tx.$executeRaw`
    UPDATE "Comment" SET body = '', "authorId" = NULL, "importedAuthorName" = NULL, "mentionedUserIds" = '{}'
    WHERE "cardId" = ANY(${ids}::text[])`;
  await tx.$executeRaw`
    UPDATE "BoardEvent" SET after = after - 'cardTitle' - 'reason'
    WHERE type = 'WIP_LIMIT_EXCEEDED' AND jsonb_typeof(after) = 'object' AND after->>'cardId' = ANY(${ids}::text[])`;
  const stillOpen = cards.filter((card) => card.archivedAt === null);
  if (stillOpen.length > 0) {
    await tx.cardEvent.createMany({
      data: stillOpen.map((card) => ({ boardId: card.boardId, cardId: card.id, type: 'ARCHIVED' as const, fromColumnId: card.columnId, at: now, data: { reason: 'retention' } })),
    });
  }
  await tx.retentionLog.create({ data: { teamId, kind: 'TEXT_CLEARED', at: now, months: team.retentionMonths, cardCount: cards.length } });
  // Boards in id order: each event locks its board row until commit, and every multi-board writer locks them in
  // that order (lib/events/log.ts), so two never deadlock.
  for (const boardId of [...new Set(stillOpen.map((card) => card.boardId))].sort()) {
    await publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: 'tillit-retention', actorName: 'Tillit' });
  }
  return cards.length;
}

/** For tests and the script's dry run: the cutoff a period gives at `now`. */
export function describeCutoff(now: Date, months: number): { cutoff: Date; lookAheadCutoff: Date } {
  return { cutoff: retentionCutoff(now, months), lookAheadCutoff: addMonths(new Date(now.getTime() + RETENTION_LOOKAHEAD_DAYS * 86_400_000), -months) };
}
