/**
 * Mention e-mails (lib/data/notification-emails.ts) against a real PostgreSQL, with the SMTP transport replaced by
 * a recorder: sent only to a person who opted in and is still on the team; only the link on a board that may hold
 * client data; the opt-in is checked again when the job runs.
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const mail = vi.hoisted(() => ({ sent: [] as { to: string; subject: string; text: string }[], isConfigured: true }));
vi.mock('@/lib/mail/mailer', () => ({
  isEmailConfigured: () => mail.isConfigured,
  sendMail: async (message: { to: string; subject: string; text: string }) => {
    mail.sent.push(message);
  },
}));

describe.runIf(hasDatabase)('mention e-mails', { timeout: 60_000 }, () => {
  const cleanup: { userIds: string[]; teamIds: string[] } = { userIds: [], teamIds: [] };

  // The job queue's schema, as every app instance installs it when it starts (lib/webhooks/worker.ts).
  beforeAll(async () => {
    await runMigrations({ connectionString: process.env.DATABASE_URL, logger: undefined });
  });

  beforeEach(() => {
    mail.sent.length = 0;
    mail.isConfigured = true;
  });

  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().team.deleteMany({ where: { id: { in: cleanup.teamIds } } });
    await getDb().user.deleteMany({ where: { id: { in: cleanup.userIds } } });
  });

  async function setUp(holdsClientData: boolean) {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const [author, optedIn, notOptedIn] = await Promise.all(
      ['Ada Skribent', 'Bea Vill', 'Cid Vill Inte'].map((name, index) =>
        db.user.create({ data: { email: `mention.${randomUUID().slice(0, 8)}@test.example`, name, emailOnMention: index === 1 } }),
      ),
    );
    cleanup.userIds.push(author!.id, optedIn!.id, notOptedIn!.id);
    const team = await db.team.create({ data: { name: `Nämnteamet ${randomUUID().slice(0, 6)}` } });
    cleanup.teamIds.push(team.id);
    await db.membership.createMany({ data: [author!, optedIn!, notOptedIn!].map((person) => ({ teamId: team.id, userId: person.id, role: 'MEMBER' as const })) });
    const board = await db.board.create({
      data: { teamId: team.id, name: 'Tavlan Försörjning', holdsClientData, lanes: { create: { name: 'Standard', position: 1024 } }, columns: { create: [{ name: 'In', position: 1024 }] } },
      include: { lanes: true, columns: true },
    });
    const card = await db.card.create({ data: { boardId: board.id, columnId: board.columns[0]!.id, laneId: board.lanes[0]!.id, title: 'Ansökan Karin Berg', position: 1024 } });
    return { db, author: author!, optedIn: optedIn!, notOptedIn: notOptedIn!, team, board, card };
  }

  /** Notifies both through createNotifications (as the mentions consumer does) and returns the queued job payloads. */
  async function mention(fx: Awaited<ReturnType<typeof setUp>>) {
    const { createNotifications } = await import('./notifications');
    await fx.db.$transaction((tx) => createNotifications(tx, { userIds: [fx.optedIn.id, fx.notOptedIn.id], kind: 'mentioned', boardId: fx.board.id, cardId: fx.card.id, actorId: fx.author.id }));
    const notifications = await fx.db.notification.findMany({ where: { boardId: fx.board.id }, select: { id: true, userId: true } });
    const queued = await fx.db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'notification_email' AND key = ANY(${notifications.map((row) => `notification:${row.id}`)})`;
    return { notifications, queuedKeys: queued.map((row) => row.key) };
  }

  it('queues and sends a mail to the person who opted in only, naming the card on a board without client data', async () => {
    const fx = await setUp(false);
    const { notifications, queuedKeys } = await mention(fx);
    const own = notifications.find((row) => row.userId === fx.optedIn.id)!;
    const other = notifications.find((row) => row.userId === fx.notOptedIn.id)!;
    expect(queuedKeys).toEqual([`notification:${own.id}`]);
    const { sendNotificationEmail } = await import('./notification-emails');
    expect(await sendNotificationEmail(own.id)).toBe(true);
    expect(await sendNotificationEmail(other.id)).toBe(false); // even if a job for it existed
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]!.to).toBe(fx.optedIn.email);
    expect(mail.sent[0]!.text).toContain('”Ansökan Karin Berg” på tavlan Tavlan Försörjning');
    expect(mail.sent[0]!.text).toContain(`/boards/${fx.board.id}?card=${fx.card.id}`);
    expect(mail.sent[0]!.text).toContain('Ada Skribent nämnde dig');
  });

  it('carries only the link on a board that may hold client data', async () => {
    const fx = await setUp(true);
    const { notifications } = await mention(fx);
    const { sendNotificationEmail } = await import('./notification-emails');
    expect(await sendNotificationEmail(notifications.find((row) => row.userId === fx.optedIn.id)!.id)).toBe(true);
    const [sent] = mail.sent;
    for (const part of [sent!.subject, sent!.text]) {
      expect(part).not.toContain('Karin');
      expect(part).not.toContain('Försörjning');
    }
    expect(sent!.text).toContain(`/boards/${fx.board.id}?card=${fx.card.id}`);
  });

  it('sends nothing once the person opted out or left the team before the job ran, nor without SMTP; queues nothing without SMTP', async () => {
    const fx = await setUp(false);
    const { notifications } = await mention(fx);
    const own = notifications.find((row) => row.userId === fx.optedIn.id)!;
    const { sendNotificationEmail, setEmailOnMention } = await import('./notification-emails');
    await setEmailOnMention(fx.optedIn, false);
    expect(await sendNotificationEmail(own.id)).toBe(false);
    await setEmailOnMention(fx.optedIn, true);
    await fx.db.membership.delete({ where: { teamId_userId: { teamId: fx.team.id, userId: fx.optedIn.id } } });
    expect(await sendNotificationEmail(own.id)).toBe(false);
    expect(mail.sent).toHaveLength(0);

    const again = await setUp(false);
    mail.isConfigured = false;
    expect((await mention(again)).queuedKeys).toEqual([]);
  });
});
