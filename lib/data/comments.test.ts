/**
 * Comments and mentions against a real database (issue #11 §3): a comment is one transaction with its history row,
 * the card's count and ONE board event; the mentions consumer (a durable consumer of that event) tells each
 * mentioned member once — never the author, never someone of another team; bad input changes nothing.
 *
 * Needs DATABASE_URL (run through `npx tsx scripts/test-all.ts unit`); skipped without one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hasDatabase = Boolean(process.env.DATABASE_URL);
process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';

const created: { teamIds: string[]; userIds: string[] } = { teamIds: [], userIds: [] };

async function seedTeam(label: string) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const suffix = randomUUID().slice(0, 6);
  const make = (name: string) => db.user.create({ data: { email: `${name.toLowerCase()}.${suffix}@comments.test`, name: `${name} ${suffix}` }, select: { id: true, name: true } });
  const [anna, bo, cecilia] = await Promise.all([make(`Anna${label}`), make(`Bo${label}`), make(`Cecilia${label}`)]);
  const team = await db.team.create({ data: { name: `Kommentarsteamet ${label} ${suffix}` } });
  created.teamIds.push(team.id);
  created.userIds.push(anna.id, bo.id, cecilia.id);
  await db.membership.createMany({ data: [{ teamId: team.id, userId: anna.id, role: 'MEMBER' }, { teamId: team.id, userId: bo.id, role: 'MEMBER' }, { teamId: team.id, userId: cecilia.id, role: 'VIEWER' }] });
  const board = await db.board.create({ data: { teamId: team.id, name: `Tavla ${suffix}`, lanes: { create: { name: 'Standard', position: 1024 } } }, include: { lanes: true } });
  const column = await db.column.create({ data: { boardId: board.id, name: 'Pågår', position: 1024 } });
  const card = await db.card.create({ data: { boardId: board.id, columnId: column.id, laneId: board.lanes[0]!.id, title: 'Bostadsanpassning', position: 1024 } });
  return { boardId: board.id, cardId: card.id, anna, bo, cecilia };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? (error instanceof Error && error.name === 'ZodError' ? `zod:${(error as unknown as { issues: { message: string }[] }).issues[0]?.message}` : String(error));
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Everything a refused comment change could have touched. */
async function cardState(cardId: string) {
  const { getDb } = await import('@/lib/db');
  const db = getDb();
  const [card, comments, events, notifications] = await Promise.all([
    db.card.findUniqueOrThrow({ where: { id: cardId }, select: { version: true, commentCount: true } }),
    db.comment.findMany({ where: { cardId }, orderBy: { id: 'asc' } }),
    db.cardEvent.count({ where: { cardId } }),
    db.notification.count({ where: { cardId } }),
  ]);
  return JSON.stringify({ card, comments, events, notifications });
}

describe.skipIf(!hasDatabase)('comments and mentions (database)', () => {
  let ours: Awaited<ReturnType<typeof seedTeam>>;
  let theirs: Awaited<ReturnType<typeof seedTeam>>;
  let stopDispatcher: () => Promise<void> = async () => {};

  beforeAll(async () => {
    ours = await seedTeam('A');
    theirs = await seedTeam('B');
    const { EventDispatcher } = await import('@/lib/events/dispatcher');
    const { mentionsConsumer } = await import('@/lib/comments/mentions-consumer');
    const dispatcher = new EventDispatcher([mentionsConsumer], { lockKey: `test-mentions-${randomUUID()}`, sweepMs: 200, leadershipRetryMs: 200 });
    dispatcher.start();
    await waitFor(async () => dispatcher.isLeader, 'leadership');
    stopDispatcher = () => dispatcher.stop();
  }, 60_000);

  afterAll(async () => {
    await stopDispatcher();
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    await db.team.deleteMany({ where: { id: { in: created.teamIds } } });
    await db.user.deleteMany({ where: { id: { in: created.userIds } } });
  });

  it('adds a comment with its history row, count and one event; the mentioned member is told once, the author never', { timeout: 60_000 }, async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const { addComment, editComment, listComments } = await import('./comments');
    const { anna, bo, cecilia, boardId, cardId } = ours;
    const headBefore = (await db.board.findUniqueOrThrow({ where: { id: boardId }, select: { eventSeq: true } })).eventSeq;

    const added = await addComment(anna, { boardId, cardId, body: `Hej @${bo.name}, kan du titta?\u0007 /@${anna.name}` }, new Date());
    expect(added.comment).toMatchObject({ body: `Hej @${bo.name}, kan du titta? /@${anna.name}`, authorName: anna.name, isOwn: true, editedAt: null });
    expect(added.card).toMatchObject({ id: cardId, commentCount: 1 });
    const stored = await db.comment.findUniqueOrThrow({ where: { id: added.comment!.id } });
    expect(stored.mentionedUserIds).toEqual([bo.id, anna.id]);
    const history = await db.cardEvent.findMany({ where: { cardId, type: 'COMMENTED' } });
    expect(history).toHaveLength(1);
    expect(history[0]!.data).toEqual({ commentId: added.comment!.id });
    const events = await db.outboxEvent.findMany({ where: { boardId, seq: { gt: headBefore } } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ kind: 'card.upsert', action: 'commented', commentId: added.comment!.id, card: { commentCount: 1 } });
    expect(events[0]!.payload).not.toContain('kan du titta');

    await waitFor(async () => (await db.notification.count({ where: { commentId: added.comment!.id } })) === 1, 'the mention');
    const notified = await db.notification.findMany({ where: { commentId: added.comment!.id } });
    expect(notified.map((n) => [n.userId, n.kind, n.actorId, n.cardId])).toEqual([[bo.id, 'mentioned', anna.id, cardId]]);

    // An edit that adds Cecilia (a viewer, on the team) tells her; Bo is not told twice. It shows as edited.
    const edited = await editComment(anna, { boardId, cardId, commentId: added.comment!.id, body: `Hej @${bo.name} och @${cecilia.name}` }, new Date());
    expect(edited.comment!.editedAt).not.toBeNull();
    await waitFor(async () => (await db.notification.count({ where: { commentId: added.comment!.id } })) === 2, 'the new mention');
    const after = await db.notification.findMany({ where: { commentId: added.comment!.id }, orderBy: { createdAt: 'asc' } });
    expect(after.map((n) => n.userId).sort()).toEqual([bo.id, cecilia.id].sort());
    expect((await db.cardEvent.findMany({ where: { cardId, type: 'COMMENT_EDITED' } })).length).toBe(1);

    // Viewers read comments; everyone sees whether a comment is their own.
    const seen = await listComments(cecilia.id, boardId, cardId);
    expect(seen.map((c) => [c.body, c.isOwn])).toEqual([[`Hej @${bo.name} och @${cecilia.name}`, false]]);
  });

  it('tells no one of another team, and refuses a client that insists on mentioning them; nothing is saved', { timeout: 60_000 }, async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const { addComment } = await import('./comments');
    const { anna, boardId, cardId } = ours;
    const outsider = theirs.anna;
    const plain = await addComment(anna, { boardId, cardId, body: `Fråga @${outsider.name} på andra teamet` }, new Date());
    expect((await db.comment.findUniqueOrThrow({ where: { id: plain.comment!.id } })).mentionedUserIds).toEqual([]);

    const before = await cardState(cardId);
    expect(await codeOf(addComment(anna, { boardId, cardId, body: 'Hej', mentions: [outsider.id] }, new Date()))).toBe('MENTION_NOT_MEMBER');
    expect(await codeOf(addComment(anna, { boardId, cardId, body: 'Hej', mentions: ['no-such-person'] }, new Date()))).toBe('MENTION_NOT_MEMBER');
    expect(await cardState(cardId)).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await db.notification.count({ where: { userId: outsider.id } })).toBe(0);
  });

  it('refuses bad input, viewers, other teams’ cards and someone else’s comment; nothing changes', { timeout: 60_000 }, async () => {
    const { addComment, deleteComment, editComment, listComments } = await import('./comments');
    const { anna, bo, cecilia, boardId, cardId } = ours;
    const mine = await addComment(anna, { boardId, cardId, body: 'Min kommentar' }, new Date());
    const before = await cardState(cardId);
    expect(await codeOf(addComment(anna, { boardId, cardId, body: 'x'.repeat(10_001) }, new Date()))).toBe('zod:commentTooLong');
    expect(await codeOf(addComment(anna, { boardId, cardId, body: ' \u0000\u0001 \n ' }, new Date()))).toBe('zod:commentRequired');
    expect(await codeOf(addComment(cecilia, { boardId, cardId, body: 'Läsare' }, new Date()))).toBe('FORBIDDEN');
    // Another team's card, through our board or through theirs.
    expect(await codeOf(addComment(anna, { boardId, cardId: theirs.cardId, body: 'Hej' }, new Date()))).toBe('NOT_FOUND');
    expect(await codeOf(addComment(anna, { boardId: theirs.boardId, cardId: theirs.cardId, body: 'Hej' }, new Date()))).toBe('NOT_FOUND');
    expect(await codeOf(listComments(anna.id, theirs.boardId, theirs.cardId))).toBe('NOT_FOUND');
    expect(await codeOf(editComment(bo, { boardId, cardId, commentId: mine.comment!.id, body: 'Bo skriver om' }, new Date()))).toBe('COMMENT_NOT_AUTHOR');
    expect(await codeOf(deleteComment(bo, { boardId, cardId, commentId: mine.comment!.id }, new Date()))).toBe('COMMENT_NOT_AUTHOR');
    expect(await codeOf(deleteComment(anna, { boardId, cardId, commentId: 'no-such-comment' }, new Date()))).toBe('NOT_FOUND');
    expect(await cardState(cardId)).toBe(before);
    const theirsBefore = await cardState(theirs.cardId);
    expect(theirsBefore).toContain('"commentCount":0');
  });

  it('deletes a comment for good: its text and notifications go, the history says a comment was removed', { timeout: 60_000 }, async () => {
    const { getDb } = await import('@/lib/db');
    const db = getDb();
    const { addComment, deleteComment } = await import('./comments');
    const { anna, bo, boardId, cardId } = ours;
    const added = await addComment(anna, { boardId, cardId, body: `Hemligt till @${bo.name}` }, new Date());
    await waitFor(async () => (await db.notification.count({ where: { commentId: added.comment!.id } })) === 1, 'the mention');
    const countBefore = (await db.card.findUniqueOrThrow({ where: { id: cardId } })).commentCount;
    const removed = await deleteComment(anna, { boardId, cardId, commentId: added.comment!.id }, new Date());
    expect(removed.card.commentCount).toBe(countBefore - 1);
    expect(await db.comment.count({ where: { id: added.comment!.id } })).toBe(0);
    expect(await db.notification.count({ where: { commentId: added.comment!.id } })).toBe(0);
    const history = await db.cardEvent.findMany({ where: { cardId, type: 'COMMENT_DELETED' } });
    expect(history.map((event) => event.data)).toEqual([{ commentId: added.comment!.id }]);
    expect(JSON.stringify(await db.cardEvent.findMany({ where: { cardId }, select: { type: true, data: true } }))).not.toContain('Hemligt');
  });
});
