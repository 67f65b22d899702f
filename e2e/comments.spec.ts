/**
 * Comments, @mentions and notifications (issue #11 §3), as people use them: a comment with a mention posted in one
 * browser appears live in the other and in the mentioned person's notifications (unread count, mark read, a link
 * that opens the card); the author edits and deletes; focus and announcements after each step; axe on the card
 * dialog with comments and on the notifications list, in Swedish and English; bad input changes nothing.
 */
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, PORT_B_URL, test } from './fixtures';
import { recordAnnouncements } from './fixtures/announcements';
import { startAppProcess, stopAppProcess } from './fixtures/app-process';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { SMTP_PORT, startSmtpSink, type SmtpSink } from './fixtures/smtp-sink';
import { createTestBoard } from './fixtures/test-data';
import { openOnTwoInstances } from './fixtures/two-instances';

async function openCard(page: Page, title: string) {
  await page.getByRole('button', { name: `Öppna kortet ${title}` }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog.getByTestId('card-comments')).toBeVisible();
  return dialog;
}

test.describe('comments and mentions', () => {
  test('a comment with a mention appears live for a colleague and in their notifications; edit and delete', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const path = `/boards/${board.boardId}`;
    const { anna, bo, close } = await openOnTwoInstances(browser, baseURL!, { anna: board.member, bo: board.colleague }, { anna: path, bo: path });
    const annaDialog = await openCard(anna, 'Ärende A');
    const boDialog = await openCard(bo, 'Ärende A');
    await expect(annaDialog.getByText('Inga kommentarer än.')).toBeVisible();
    const heard = await recordAnnouncements(bo);

    // The mention combobox: typing "@Bo" suggests Bo; arrows move, Escape closes only the list, Enter takes it.
    const field = annaDialog.getByRole('combobox', { name: 'Skriv en kommentar' });
    await field.click();
    await field.pressSequentially('Kan du ta den här, @Bo');
    await expect(field).toHaveAttribute('aria-expanded', 'true');
    const option = annaDialog.getByRole('option', { name: board.colleague.name });
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expect(field).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
    await anna.keyboard.press('Escape');
    await expect(field).toHaveAttribute('aria-expanded', 'false');
    await expect(annaDialog).toBeVisible();
    await expect(field).toBeFocused();
    await field.press('Backspace');
    await field.pressSequentially('o');
    await expect(field).toHaveAttribute('aria-expanded', 'true');
    await anna.keyboard.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await anna.keyboard.press('Enter');
    await expect(field).toHaveValue(`Kan du ta den här, @${board.colleague.name} `);
    await expect(field).toHaveAttribute('aria-expanded', 'false');
    await field.pressSequentially('**tack**');

    const annaHeard = await recordAnnouncements(anna);
    await annaDialog.getByRole('button', { name: 'Kommentera', exact: true }).click();
    const annaComment = annaDialog.getByTestId('comment');
    await expect(annaComment).toHaveCount(1);
    await expect(annaComment.locator('strong')).toHaveText('tack');
    await expect(field).toHaveValue('');
    await expect(field).toBeFocused();
    await expect.poll(annaHeard.said).toContain('Din kommentar publicerades.');
    await expect(annaDialog.getByRole('heading', { name: 'Kommentarer (1)' })).toBeVisible();

    // Bo sees it live in his open dialog, politely announced; the card behind shows the count by name.
    await expect(boDialog.getByTestId('comment')).toContainText(`Kan du ta den här, @${board.colleague.name} tack`);
    await expect.poll(heard.said).toContain(`${board.member.name} kommenterade ”Ärende A”`);
    await boDialog.getByRole('button', { name: 'Stäng' }).click();
    await expect(bo.getByRole('img', { name: '1 kommentar' })).toBeVisible();

    // Bo's notifications: the header says how many are unread; the list is his own. The notification is written
    // by a durable consumer of the comment's event, a moment after the comment itself: wait for it, not for time.
    await expect.poll(() => getTestDb().notification.count({ where: { userId: board.colleague.id } }), { timeout: 15_000 }).toBe(1);
    await bo.goto(`${PORT_B_URL}/notifications`);
    await expect(bo.getByRole('link', { name: 'Aviseringar, 1 oläst' })).toBeVisible();
    const item = bo.getByTestId('notification');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Oläst');
    const sentence = `${board.member.name} nämnde dig på ”Ärende A”`;
    await expectNoAccessibilityViolations(bo);
    const boHeard = await recordAnnouncements(bo);
    await item.getByRole('button', { name: `Markera som läst: ${sentence}` }).click();
    await expect(item).toContainText('Läst');
    await expect(item.getByRole('link', { name: sentence })).toBeFocused();
    await expect.poll(boHeard.said).toContain('Markerad som läst.');
    await expect(bo.getByRole('link', { name: 'Aviseringar', exact: true })).toBeVisible();
    expect(await getTestDb().notification.count({ where: { userId: board.colleague.id, readAt: null } })).toBe(0);
    // Anna, the author, was not notified of her own comment.
    expect(await getTestDb().notification.count({ where: { userId: board.member.id } })).toBe(0);

    // The link opens the card's dialog on its board.
    await item.getByRole('link', { name: sentence }).click();
    await expect(bo.getByRole('dialog', { name: 'Ärende A' }).getByTestId('comment')).toHaveCount(1);
    await bo.getByRole('dialog', { name: 'Ärende A' }).getByRole('button', { name: 'Stäng' }).click();
    await expect(bo.getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeFocused();

    // Bo cannot edit Anna's comment: no buttons for him (and the server refuses, see below).
    const boAgain = await openCard(bo, 'Ärende A');
    await expect(boAgain.getByRole('button', { name: /Redigera kommentaren/ })).toHaveCount(0);

    // Anna edits: the field takes focus, the comment shows as edited, focus returns to its Edit button.
    await annaComment.getByRole('button', { name: `Redigera kommentaren av ${board.member.name}` }).click();
    const editField = annaComment.getByRole('combobox', { name: 'Redigera din kommentar' });
    await expect(editField).toBeFocused();
    await editField.fill('Klart nu, tack!');
    await annaComment.getByRole('button', { name: 'Spara kommentaren' }).click();
    await expect(annaComment).toContainText('Klart nu, tack!');
    await expect(annaComment).toContainText('redigerad');
    await expect(annaComment.getByRole('button', { name: `Redigera kommentaren av ${board.member.name}` })).toBeFocused();
    await expect(boAgain.getByTestId('comment')).toContainText('Klart nu, tack!');
    await expectNoAccessibilityViolations(anna);

    // Anna deletes: asked first; then the list says so, focus goes to the list's heading, the history keeps a line.
    await annaComment.getByRole('button', { name: `Ta bort kommentaren av ${board.member.name}` }).click();
    await expect(annaComment.getByRole('button', { name: 'Ta bort kommentaren', exact: true })).toBeFocused();
    await annaComment.getByRole('button', { name: 'Ta bort kommentaren', exact: true }).click();
    await expect(annaDialog.getByTestId('comment')).toHaveCount(0);
    await expect(annaDialog.getByRole('heading', { name: 'Kommentarer', exact: true })).toBeFocused();
    await expect.poll(annaHeard.said).toContain('Kommentaren togs bort.');
    await expect(annaDialog.getByText('Kommentaren togs bort', { exact: true })).toBeVisible();
    await expect(boAgain.getByTestId('comment')).toHaveCount(0);
    expect(await getTestDb().comment.count({ where: { cardId: board.cards[0]!.id } })).toBe(0);
    await close();
  });

  test('English: the comment field, the count and the notifications list, with no accessibility violations', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const context = await browser.newContext({ locale: 'en-GB' });
    await signInAs(context, board.member, baseURL!);
    const page = await context.newPage();
    await page.goto(`${baseURL}/boards/${board.boardId}`);
    await page.getByRole('button', { name: 'Open card Ärende B' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ärende B' });
    const field = dialog.getByRole('combobox', { name: 'Write a comment' });
    await field.fill('A first note');
    await dialog.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(dialog.getByTestId('comment')).toHaveCount(1);
    await expect(dialog.getByRole('heading', { name: 'Comments (1)' })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('img', { name: '1 comment' })).toBeVisible();

    // A notification for Anna from Bo's comment (written through the same function the UI uses).
    const bo = await browser.newContext({ locale: 'en-GB' });
    await signInAs(bo, board.colleague, baseURL!);
    const boPage = await bo.newPage();
    const answer = await boPage.request.post(`${baseURL}/api/boards/${board.boardId}/cards/${board.cards[1]!.id}/comments`, {
      data: { body: `Thanks @${board.member.name}` },
      headers: { origin: baseURL! },
    });
    expect(answer.status()).toBe(201);
    await expect.poll(() => getTestDb().notification.count({ where: { userId: board.member.id } })).toBe(1);
    await page.goto(`${baseURL}/notifications`);
    await expect(page.getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible();
    await expect(page.getByTestId('notification')).toContainText(`${board.colleague.name} mentioned you on “Ärende B”`);
    await expectNoAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeFocused();
    await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
    await context.close();
    await bo.close();
  });

  test('bad input gets a translated message and changes nothing', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const other = await createTestBoard();
    const db = getTestDb();
    const contextFor = async (user: typeof board.member) => {
      const context = await browser.newContext();
      await signInAs(context, user, baseURL!);
      return context;
    };
    const anna = await contextFor(board.member);
    const bo = await contextFor(board.colleague);
    const viewer = await contextFor(board.viewer);
    const url = (cardId: string, boardId = board.boardId) => `${baseURL}/api/boards/${boardId}/cards/${cardId}/comments`;
    const post = (context: typeof anna, target: string, data: unknown) => context.request.post(target, { data, headers: { origin: baseURL! } });
    const cardId = board.cards[0]!.id;
    const first = await post(anna, url(cardId), { body: 'Första' });
    expect(first.status()).toBe(201);
    const commentId = ((await first.json()) as { comment: { id: string } }).comment.id;
    const snapshot = async () => JSON.stringify(await Promise.all([db.comment.findMany({ where: { boardId: { in: [board.boardId, other.boardId] } }, orderBy: { id: 'asc' } }), db.card.findMany({ where: { boardId: { in: [board.boardId, other.boardId] } }, select: { id: true, version: true, commentCount: true }, orderBy: { id: 'asc' } }), db.notification.count({ where: { boardId: { in: [board.boardId, other.boardId] } } })]));
    const before = await snapshot();

    const cases: [Promise<import('@playwright/test').APIResponse>, number, string][] = [
      [post(anna, url(cardId), { body: 'x'.repeat(10_001) }), 422, 'En kommentar får vara högst 10000 tecken.'],
      [post(anna, url(cardId), { body: '\u0000\u0007  ' }), 422, 'Skriv något först.'],
      [post(anna, url(cardId), { body: 'Hej', mentions: [board.outsider.id] }), 422, 'Bara teamets medlemmar kan nämnas. Inget sparades: kontrollera vilka kommentaren nämner.'],
      [post(anna, url(other.cards[0]!.id), { body: 'Fel kort' }), 404, 'Det gick inte att hitta. Det kan ha tagits bort, eller så saknar du behörighet.'],
      [post(anna, url(other.cards[0]!.id, other.boardId), { body: 'Fel team' }), 404, ''],
      [post(viewer, url(cardId), { body: 'Läsaren' }), 403, ''],
      [bo.request.patch(`${url(cardId)}/${commentId}`, { data: { body: 'Bo skriver om' }, headers: { origin: baseURL! } }), 403, 'Bara den som skrev en kommentar kan redigera eller ta bort den. Inget ändrades.'],
      [bo.request.delete(`${url(cardId)}/${commentId}`, { headers: { origin: baseURL! } }), 403, 'Bara den som skrev en kommentar kan redigera eller ta bort den. Inget ändrades.'],
    ];
    for (const [request, status, message] of cases) {
      const response = await request;
      expect(response.status()).toBe(status);
      const body = (await response.json()) as { error: { message: string } };
      if (message) expect(body.error.message).toBe(message);
      else expect(body.error.message.length).toBeGreaterThan(0);
    }
    expect(await snapshot()).toBe(before);

    // Control characters are stripped, not stored; a mention of someone on another team notifies no one.
    const cleaned = await post(anna, url(cardId), { body: `Hej\u0001 @${board.outsider.name}` });
    expect(cleaned.status()).toBe(201);
    const created = await db.comment.findFirstOrThrow({ where: { cardId, body: { startsWith: 'Hej' } } });
    expect(created.body).toBe(`Hej @${board.outsider.name}`);
    expect(created.mentionedUserIds).toEqual([]);
    await anna.close();
    await bo.close();
    await viewer.close();
  });

  test('per person: each sees only their own notifications; exports count comments per card, never per person', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    const open = async (user: typeof board.member) => {
      const context = await browser.newContext();
      await signInAs(context, user, baseURL!);
      return context;
    };
    const anna = await open(board.member);
    const bo = await open(board.colleague);
    const cardId = board.cards[2]!.id;
    const url = `${baseURL}/api/boards/${board.boardId}/cards/${cardId}/comments`;
    expect((await anna.request.post(url, { data: { body: `Fråga till @${board.colleague.name}` }, headers: { origin: baseURL! } })).status()).toBe(201);
    expect((await bo.request.post(url, { data: { body: `Svar till @${board.member.name}` }, headers: { origin: baseURL! } })).status()).toBe(201);
    await expect.poll(() => db.notification.count({ where: { cardId } })).toBe(2);

    for (const [context, self, other] of [[anna, board.member, board.colleague], [bo, board.colleague, board.member]] as const) {
      const answer = (await (await context.request.get(`${baseURL}/api/notifications`)).json()) as { notifications: { id: string; actorName: string }[]; unreadCount: number };
      expect(answer.unreadCount).toBe(1);
      expect(answer.notifications.map((n) => n.actorName)).toEqual([other.name]);
      const own = await db.notification.findMany({ where: { userId: self.id }, select: { id: true } });
      expect(answer.notifications.map((n) => n.id)).toEqual(own.map((n) => n.id));
      // Someone else's notification cannot be marked read.
      const foreign = await db.notification.findFirstOrThrow({ where: { userId: other.id } });
      expect((await context.request.post(`${baseURL}/api/notifications`, { data: { id: foreign.id }, headers: { origin: baseURL! } })).status()).toBe(404);
    }
    expect(await db.notification.count({ where: { cardId, readAt: { not: null } } })).toBe(0);

    // The CSV exports give the card's comment count and name no one; the counts are per card, never per person.
    for (const kind of ['cards', 'history']) {
      const response = await anna.request.get(`${baseURL}/api/boards/${board.boardId}/export?kind=${kind}`);
      expect(response.status()).toBe(200);
      const csv = (await response.body()).toString('utf8');
      for (const name of [board.member.name, board.colleague.name]) expect(csv, kind).not.toContain(name);
      if (kind === 'cards') {
        const [header, ...rows] = csv.slice(1).split('\r\n');
        expect(header!.split(';').at(-1)).toBe('Kommentarer');
        expect(rows.find((row) => row.includes('Ärende C'))!.split(';').at(-1)).toBe('2');
      } else {
        expect(csv).toContain('Kommenterat');
      }
    }
    await anna.close();
    await bo.close();
  });
});

/**
 * E-mail for mentions, opt-in (issue #11 §3): the instance here has SMTP (the sink) and runs the job worker that
 * sends the mails (the shared servers run none), so a mention written anywhere is mailed from it.
 */
test.describe('e-mail for mentions (opt-in)', () => {
  const MAIL_PORT = Number(process.env.E2E_PORT_C ?? 3102);
  const MAIL_APP = `http://localhost:${MAIL_PORT}`;
  let mailApp: ChildProcess | undefined;
  let smtp: SmtpSink | undefined;

  test.beforeAll(async () => {
    test.setTimeout(300_000); // starts an app of its own, slow on a busy machine
    smtp = await startSmtpSink();
    mailApp = await startAppProcess(MAIL_PORT, { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, SMTP_FROM: 'Tillit <tillit@test.example>', TILLIT_WEBHOOK_WORKER: 'true' });
  });

  test.afterAll(async () => {
    if (mailApp) await stopAppProcess(mailApp);
    await smtp?.stop();
  });

  test('a person who opts in on the account page gets a mail per mention, with only the link on a client-data board; one who did not gets none', async ({ browser, baseURL }) => {
    const board = await createTestBoard({ cards: [{ title: 'Ansökan från Karin Berg', column: 0 }, { title: 'Hembesök Lars Ek', column: 0 }] });
    const db = getTestDb();
    const anna = await browser.newContext({ locale: 'sv-SE' });
    await signInAs(anna, board.member, MAIL_APP);
    const page = await anna.newPage();
    await page.goto(`${MAIL_APP}/account`);
    await expect(page.getByRole('heading', { name: 'E-post om omnämnanden' })).toBeVisible();
    const checkbox = page.getByRole('checkbox', { name: 'E-post när någon nämner mig' });
    await expect(checkbox).not.toBeChecked(); // off by default
    await checkbox.check();
    await expect(page.getByRole('status').filter({ hasText: 'Sparat: du får e-post när någon nämner dig.' })).toBeVisible();
    await expect(checkbox).toBeFocused();
    await expect(checkbox).toBeChecked();
    expect((await db.user.findUniqueOrThrow({ where: { id: board.member.id } })).emailOnMention).toBe(true);

    // Bo (not opted in) mentions Anna on a board without client data: the card and the board are named.
    const bo = await browser.newContext({ locale: 'sv-SE' });
    await signInAs(bo, board.colleague, baseURL!);
    const boPage = await bo.newPage();
    const comment = (cardId: string, body: string, as: Page = boPage) =>
      as.request.post(`${baseURL}/api/boards/${board.boardId}/cards/${cardId}/comments`, { data: { body }, headers: { origin: baseURL! } });
    expect((await comment(board.cards[0]!.id, `Kan du titta, @${board.member.name}?`)).status()).toBe(201);
    const first = await smtp!.waitFor(board.member.email, 30_000);
    expect(first.subject).toContain('Ansökan från Karin Berg');
    expect(first.text).toContain(`${board.colleague.name} nämnde dig i en kommentar på kortet ”Ansökan från Karin Berg”`);
    expect(first.text).toContain(`${board.colleague.name} mentioned you in a comment on the card “Ansökan från Karin Berg”`);
    expect(first.text).toContain(`${MAIL_APP}/boards/${board.boardId}?card=${board.cards[0]!.id}`);
    expect(first.text).not.toContain('Kan du titta'); // the comment itself is read in Tillit

    // Anna mentions Bo, who did not opt in: his notification is written, no mail.
    const annaApi = await browser.newContext();
    await signInAs(annaApi, board.member, baseURL!);
    const annaPage = await annaApi.newPage();
    expect((await comment(board.cards[0]!.id, `Ja, @${board.colleague.name}`, annaPage)).status()).toBe(201);
    await expect.poll(() => db.notification.count({ where: { userId: board.colleague.id, kind: 'mentioned' } }), { timeout: 20_000 }).toBe(1);

    // The board may hold client data now: the next mail carries only the link.
    const { name: boardName } = await db.board.update({ where: { id: board.boardId }, data: { holdsClientData: true } });
    const before = smtp!.messages.length;
    expect((await comment(board.cards[1]!.id, `Hembesöket i morgon, @${board.member.name}`)).status()).toBe(201);
    await expect.poll(() => smtp!.messages.filter((mail) => mail.to.includes(board.member.email.toLowerCase())).length, { timeout: 30_000 }).toBe(2);
    const second = smtp!.messages.filter((mail) => mail.to.includes(board.member.email.toLowerCase()))[1]!;
    for (const part of [second.subject, second.text]) {
      expect(part).not.toContain('Lars Ek');
      expect(part).not.toContain('Hembesök');
      expect(part).not.toContain(boardName);
    }
    expect(second.text).toContain(`${MAIL_APP}/boards/${board.boardId}?card=${board.cards[1]!.id}`);
    expect(second.text).toContain('Tavlan kan innehålla uppgifter om klienter');
    // Every mail so far went to Anna; none to Bo, whose mention was queued before hers.
    expect(smtp!.messages.length).toBeGreaterThan(before);
    expect(smtp!.messages.filter((mail) => mail.to.includes(board.colleague.email.toLowerCase()))).toHaveLength(0);

    // In English, switched off again.
    await anna.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: MAIL_APP }]);
    await page.reload();
    const englishBox = page.getByRole('checkbox', { name: 'E-mail me when someone mentions me' });
    await expect(englishBox).toBeChecked();
    await englishBox.uncheck();
    await expect(page.getByRole('status').filter({ hasText: 'Saved: you get no e-mail when someone mentions you.' })).toBeVisible();
    await expect(englishBox).toBeFocused();
    expect((await db.user.findUniqueOrThrow({ where: { id: board.member.id } })).emailOnMention).toBe(false);
    await expectNoAccessibilityViolations(page);
    await Promise.all([anna.close(), bo.close(), annaApi.close()]);
  });
});
