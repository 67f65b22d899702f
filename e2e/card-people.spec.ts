import type { Page } from '@playwright/test';
import { FLOW_EXPORT_DATASETS } from '../lib/data/flow-csv';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { createPersonalTestToken } from './fixtures/api-tokens';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard } from './fixtures/test-data';

/**
 * Who is on it — pull, never push (#11 §4): a member puts themselves on a card ("Jag tar det") and off it again,
 * live for everyone on the board; nobody can put someone else on a card; viewers cannot; nothing hands out
 * who was on what, when.
 */

function cardButton(page: Page, title: string) {
  return page.getByRole('button', { name: `Öppna kortet ${title}`, exact: true });
}

test.describe('people on cards', () => {
  test('a member takes a card in the dialog and lets go of it; a colleague sees it live; the history says so', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const path = `/boards/${board.boardId}`;
    const annaContext = await browser.newContext({ baseURL, locale: 'sv-SE' });
    const boContext = await browser.newContext({ baseURL, locale: 'sv-SE' });
    await signInAs(annaContext, board.member, baseURL!);
    await signInAs(boContext, board.colleague, baseURL!);
    const anna = await annaContext.newPage();
    const bo = await boContext.newPage();
    await anna.goto(path);
    await bo.goto(path);
    await expect(bo.locator('[data-live-status="live"]')).toBeVisible();

    // Keyboard only: open the card with Enter, Tab to "Jag tar det".
    await cardButton(anna, 'Ärende C').focus();
    await anna.keyboard.press('Enter');
    const dialog = anna.getByRole('dialog', { name: 'Ärende C' });
    const section = dialog.getByRole('region', { name: 'På kortet' });
    await expect(section.getByText('Ingen har tagit kortet än.')).toBeVisible();
    const take = section.getByRole('button', { name: 'Jag tar det' });
    await take.focus();
    await anna.keyboard.press('Enter');
    const release = section.getByRole('button', { name: 'Släpp kortet' });
    await expect(release).toBeFocused();
    await expect(dialog.getByRole('status').filter({ hasText: 'Du är på kortet Ärende C.' })).toBeAttached();
    await expect(section.getByRole('listitem')).toHaveText(['ATAnna Test']);
    await expect(dialog.getByRole('listitem').filter({ hasText: 'Anna Test tog kortet' })).toBeVisible();

    // Bo's board shows Anna on the card at once, with an accessible name, and says so politely.
    const boCard = bo.locator('[data-testid="card"]', { has: cardButton(bo, 'Ärende C') });
    await expect(boCard.getByRole('img', { name: 'Anna Test är på kortet' })).toBeVisible();
    await expect(bo.getByTestId('live-announcer')).toHaveText('Anna Test tog kortet Ärende C');
    // The card's description carries it, so it is read with the card.
    await expect(cardButton(bo, 'Ärende C')).toHaveAccessibleDescription(/Anna Test är på kortet/);

    // Several people may be on one card: Bo takes it too.
    await cardButton(bo, 'Ärende C').click();
    await bo.getByRole('dialog').getByRole('button', { name: 'Jag tar det' }).click();
    await expect(bo.getByRole('dialog').getByRole('region', { name: 'På kortet' }).getByRole('listitem')).toHaveText(['ATAnna Test', 'BKBo Kollega']);
    await bo.keyboard.press('Escape');
    await expect(cardButton(bo, 'Ärende C')).toBeFocused();
    await expect(section.getByRole('listitem')).toHaveText(['ATAnna Test', 'BKBo Kollega']);

    // Anna lets go; focus stays on the button, which says "Jag tar det" again.
    await release.click();
    await expect(take).toBeFocused();
    await expect(dialog.getByRole('listitem').filter({ hasText: 'Anna Test släppte kortet' })).toBeVisible();
    await expect(boCard.getByRole('img', { name: 'Anna Test är på kortet' })).toHaveCount(0);
    await expect(boCard.getByRole('img', { name: 'Bo Kollega är på kortet' })).toBeVisible();
    await expect(bo.getByTestId('live-announcer')).toHaveText('Anna Test släppte kortet Ärende C');
    await expectNoAccessibilityViolations(anna);
    await annaContext.close();
    await boContext.close();
  });

  test('nobody can put someone else on a card: a forged request naming another person is refused; viewers cannot', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    const db = getTestDb();
    const card = board.cards[0]!;
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    const post = (data: unknown) => page.request.post(`/api/boards/${board.boardId}/commands`, { data, headers: { origin: baseURL!, 'accept-language': 'sv-SE' } });

    for (const forged of [
      { type: 'card.join', cardId: card.id, userId: board.colleague.id },
      { type: 'card.join', cardId: card.id, personId: board.colleague.id },
      { type: 'card.join', cardId: card.id, people: [board.colleague.id] },
      { type: 'card.assign', cardId: card.id, userId: board.colleague.id },
    ]) {
      const response = await post(forged);
      expect(response.status(), JSON.stringify(forged)).toBe(422);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/\S/);
    }
    // The public API has no way either: its card routes take no person.
    const token = (await createPersonalTestToken(board.member.id, 'READ_WRITE')).secret;
    const viaApi = await fetch(new URL(`/api/v1/boards/${board.boardId}/cards/${card.id}`, baseURL), {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ people: [{ userId: board.colleague.id }] }),
    });
    expect(viaApi.status).toBe(422);
    expect(await db.cardPerson.count({ where: { cardId: card.id } })).toBe(0);

    // The own request works, and only ever names the session's person.
    const own = await post({ type: 'card.join', cardId: card.id });
    expect(own.status()).toBe(200);
    expect((await db.cardPerson.findMany({ where: { cardId: card.id } })).map((row) => row.userId)).toEqual([board.member.id]);

    // A viewer: no button, and the server refuses.
    const viewerContext = await page.context().browser()!.newContext({ baseURL, locale: 'sv-SE' });
    await signInAs(viewerContext, board.viewer, baseURL!);
    const viewer = await viewerContext.newPage();
    await viewer.goto(`/boards/${board.boardId}`);
    await cardButton(viewer, card.title).click();
    const section = viewer.getByRole('dialog').getByRole('region', { name: 'På kortet' });
    await expect(section.getByText('Anna Test')).toBeVisible();
    await expect(section.getByRole('button')).toHaveCount(0);
    const refused = await viewer.request.post(`/api/boards/${board.boardId}/commands`, { data: { type: 'card.join', cardId: card.id }, headers: { origin: baseURL! } });
    expect(refused.status()).toBe(403);
    const refusedLeave = await viewer.request.post(`/api/boards/${board.boardId}/commands`, { data: { type: 'card.leave', cardId: card.id }, headers: { origin: baseURL! } });
    expect(refusedLeave.status()).toBe(403);
    expect(await db.cardPerson.count({ where: { cardId: card.id } })).toBe(1);
    await viewerContext.close();
  });

  test('per person: the API board read names people only as who is on a card; exports and API history leave them out', async ({ page, context, baseURL }) => {
    const board = await createTestBoard();
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    for (const [cardId] of [[board.cards[0]!.id], [board.cards[2]!.id]]) {
      const response = await page.request.post(`/api/boards/${board.boardId}/commands`, { data: { type: 'card.join', cardId }, headers: { origin: baseURL! } });
      expect(response.status()).toBe(200);
    }
    const token = (await createPersonalTestToken(board.member.id, 'READ')).secret;
    const read = async (path: string) => {
      const response = await fetch(new URL(`/api/v1${path}`, baseURL), { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };

    // The board: each card's people are exactly { userId, name, initials } — no time, no count, no order by time.
    const apiBoard = (await read(`/boards/${board.boardId}`)) as { cards: { id: string; people: Record<string, unknown>[] }[] };
    for (const card of apiBoard.cards) {
      for (const person of card.people) expect(Object.keys(person).sort()).toEqual(['initials', 'name', 'userId']);
    }
    expect(apiBoard.cards.find((card) => card.id === board.cards[0]!.id)!.people).toEqual([{ userId: board.member.id, name: 'Anna Test', initials: 'AT' }]);
    // The same from the board's own endpoint.
    const internal = (await (await page.request.get(`/api/boards/${board.boardId}`)).json()) as typeof apiBoard;
    for (const card of internal.cards) for (const person of card.people) expect(Object.keys(person).sort()).toEqual(['initials', 'name', 'userId']);

    // The card history over the API leaves out who joined or left when.
    const history = (await read(`/boards/${board.boardId}/cards/${board.cards[0]!.id}/history`)) as { history: { type: string }[] };
    expect(history.history.map((entry) => entry.type)).toEqual(['CREATED']);
    const detail = (await read(`/boards/${board.boardId}/cards/${board.cards[0]!.id}`)) as { card: { history: { type: string }[] } };
    expect(detail.card.history.map((entry) => entry.type)).toEqual(['CREATED']);

    // Exports: the CSVs name nobody; the JSON export (members) has no joins, and the board's people are not in it.
    for (const kind of ['cards', 'history']) {
      const csv = await (await page.request.get(`/api/boards/${board.boardId}/export?kind=${kind}`)).text();
      expect(csv, kind).not.toContain('Anna Test');
      expect(csv, kind).not.toContain(board.member.id);
    }
    const json = await (await page.request.get(`/api/boards/${board.boardId}/export?kind=json`)).text();
    expect(json).not.toContain('PERSON_JOINED');
    expect(json).not.toContain(board.member.id);
    // The flow figures and their CSVs name nobody either.
    for (const dataset of FLOW_EXPORT_DATASETS.options) {
      const response = await page.request.get(`/api/boards/${board.boardId}/flow/export?dataset=${dataset}`);
      expect(response.status(), dataset).toBe(200);
      expect(await response.text(), dataset).not.toContain('Anna Test');
    }
  });
});
