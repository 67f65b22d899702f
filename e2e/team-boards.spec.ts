import type { Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { perform, readActionManifest, sessionCookieFor } from './access-matrix/http';
import { recordAnnouncements } from './fixtures/announcements';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { createTestBoard, type TestBoard, type TestUser } from './fixtures/test-data';

/**
 * The team's own boards (issue 11 §1): a member creates a board from a template and as a copy of another board's
 * structure, renames it, archives it (read-only for everyone, listed under "Arkiverade tavlor", its flow still
 * readable) and restores it — each in the team's history; a viewer sees none of the controls, and forged requests
 * from a viewer and an outsider change nothing.
 */

const ACTIONS = 'app/(app)/teams/board-actions.ts';

function boardWithStructure(): Promise<TestBoard> {
  return createTestBoard({
    columns: [
      { name: 'Inkommet', flowState: 'NOT_STARTED', policy: 'Nya ärenden registreras samma dag.' },
      { name: 'Utreds', flowState: 'IN_PROGRESS', wipLimit: 3, wipMode: 'STRICT', policy: '**Högst tre** åt gången.' },
      { name: 'Klart', flowState: 'DONE' },
    ],
    lanes: [{ name: 'Standard' }, { name: 'Akut', classOfService: 'EXPEDITE', wipLimit: 1, wipMode: 'STRICT', policy: 'Dras först.' }],
    cards: [
      { title: 'Ärende ett', column: 0 },
      { title: 'Ärende två', column: 1, lane: 1 },
    ],
  });
}

async function structureOf(boardId: string) {
  return getTestDb().board.findUniqueOrThrow({
    where: { id: boardId },
    select: {
      name: true,
      archivedAt: true,
      columns: { where: { deletedAt: null }, orderBy: { position: 'asc' }, select: { name: true, flowState: true, wipLimit: true, wipMode: true, policy: true } },
      lanes: { where: { deletedAt: null }, orderBy: { position: 'asc' }, select: { name: true, classOfService: true, wipLimit: true, wipMode: true, policy: true } },
      _count: { select: { cards: true } },
    },
  });
}

async function teamState(teamId: string): Promise<string> {
  const db = getTestDb();
  const [boards, events] = await Promise.all([
    db.board.findMany({ where: { teamId }, orderBy: { id: 'asc' }, select: { id: true, name: true, archivedAt: true, _count: { select: { columns: true, lanes: true, cards: true } } } }),
    db.teamEvent.count({ where: { teamId } }),
  ]);
  return JSON.stringify({ boards, events });
}

/** Opens "Ny tavla för <team>" (or, in English, "New board for <team>"). */
async function openNewBoardDialog(page: Page, label: string) {
  await page.getByRole('button', { name: label }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe("the team's own boards", () => {
  test('a member creates from a template and a copy, renames, archives and restores; each is in the history', async ({ page, context, baseURL }) => {
    const board = await boardWithStructure();
    const db = getTestDb();
    const team = await db.team.findUniqueOrThrow({ where: { id: board.teamId } });
    const sourceName = (await structureOf(board.boardId)).name;
    await signInAs(context, board.member, baseURL!);
    await page.goto('/teams');
    await expect(page.getByRole('heading', { name: team.name })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    const announcements = await recordAnnouncements(page);

    // From a template, in the UI's language (Swedish).
    let dialog = await openNewBoardDialog(page, `Ny tavla för ${team.name}`);
    await expect(dialog.getByLabel('Tavlans namn')).toBeFocused();
    await dialog.getByLabel('En mall').check();
    await dialog.getByLabel('Mall', { exact: true }).selectOption({ label: 'Socialtjänst: mottagning' });
    await expectNoAccessibilityViolations(page);
    // Bad input first: an empty name is refused with a message at the field, and nothing is created.
    await dialog.getByRole('button', { name: 'Skapa tavlan' }).click();
    await expect(dialog.getByText('Ge tavlan ett namn.')).toBeVisible();
    await expect(dialog.getByLabel('Tavlans namn')).toBeFocused();
    await expect(dialog.getByLabel('Tavlans namn')).toHaveAttribute('aria-invalid', 'true');
    expect(await db.board.count({ where: { teamId: board.teamId } })).toBe(1);
    await dialog.getByLabel('Tavlans namn').fill('Mottagning barn och unga');
    await dialog.getByRole('button', { name: 'Skapa tavlan' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Tavlan ”Mottagning barn och unga” skapades.' })).toBeVisible();
    await expect(page.locator(':focus')).toHaveText('Mottagning barn och unga');
    await expect(page.locator(':focus')).toHaveAttribute('href', /^\/boards\//);
    const templated = await db.board.findFirstOrThrow({ where: { teamId: board.teamId, name: 'Mottagning barn och unga' } });
    const templatedStructure = await structureOf(templated.id);
    expect(templatedStructure.columns.map((column) => column.name)).toEqual(['Inkommet', 'Förhandsbedömning', 'Utredning', 'Beslut', 'Avslutat']);
    expect(templatedStructure.columns[2]).toMatchObject({ flowState: 'IN_PROGRESS', wipLimit: 8 });
    expect(templatedStructure.columns[0]!.policy).toMatch(/^Nya ansökningar/);
    expect(templatedStructure.lanes.map((lane) => lane.classOfService)).toEqual(['EXPEDITE', 'STANDARD']);

    // As a copy of the first board's structure: columns, flow states, limits and modes, policies, lanes; no cards.
    dialog = await openNewBoardDialog(page, `Ny tavla för ${team.name}`);
    await dialog.getByLabel('Tavlans namn').fill('Kopierad tavla');
    await dialog.getByLabel('En kopia av en av teamets tavlor').check();
    await dialog.getByLabel('Tavla att kopiera').selectOption({ label: sourceName });
    await dialog.getByRole('button', { name: 'Skapa tavlan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Tavlan ”Kopierad tavla” skapades.' })).toBeVisible();
    await expect(page.locator(':focus')).toHaveText('Kopierad tavla');
    const copied = await db.board.findFirstOrThrow({ where: { teamId: board.teamId, name: 'Kopierad tavla' } });
    const [copy, source] = await Promise.all([structureOf(copied.id), structureOf(board.boardId)]);
    expect(copy.columns).toEqual(source.columns);
    expect(copy.columns[1]).toEqual({ name: 'Utreds', flowState: 'IN_PROGRESS', wipLimit: 3, wipMode: 'STRICT', policy: '**Högst tre** åt gången.' });
    expect(copy.lanes).toEqual(source.lanes);
    expect(copy._count.cards).toBe(0);
    expect(source._count.cards).toBe(2);

    // Rename the copy: focus returns to its rename button, under its new name.
    await page.getByRole('button', { name: 'Byt namn på Kopierad tavla' }).click();
    dialog = page.getByRole('dialog', { name: 'Byt namn på ”Kopierad tavla”' });
    await expect(dialog.getByLabel('Nytt namn')).toBeFocused();
    await dialog.getByLabel('Nytt namn').fill('Bygglov 2027');
    await dialog.getByRole('button', { name: 'Spara namnet' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Tavlan heter nu ”Bygglov 2027”.' })).toBeVisible();
    await expect(page.locator(':focus')).toHaveAccessibleName('Byt namn på Bygglov 2027');

    // Archive it: confirmed in a dialog, then listed under "Arkiverade tavlor", focus on its Restore button.
    await page.getByRole('button', { name: 'Arkivera tavlan Bygglov 2027' }).click();
    dialog = page.getByRole('dialog', { name: 'Arkivera ”Bygglov 2027”?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Arkivera tavlan' }).click();
    await expect(page.getByRole('status').filter({ hasText: '”Bygglov 2027” arkiverades.' })).toBeVisible();
    await expect(page.locator(':focus')).toHaveAccessibleName('Återställ Bygglov 2027');
    const archivedList = page.getByRole('list', { name: 'Arkiverade tavlor' });
    await expect(archivedList.getByRole('link', { name: 'Bygglov 2027' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Byt namn på Bygglov 2027' })).toHaveCount(0);
    expect((await structureOf(copied.id)).archivedAt).not.toBeNull();
    await expectNoAccessibilityViolations(page);
    // Each outcome was announced (the page's live regions, in order), before leaving the page.
    expect(await announcements.said()).toEqual(
      expect.arrayContaining([
        'Ge tavlan ett namn.',
        'Tavlan ”Mottagning barn och unga” skapades.',
        'Tavlan ”Kopierad tavla” skapades.',
        'Tavlan heter nu ”Bygglov 2027”.',
        '”Bygglov 2027” arkiverades. Den finns under Arkiverade tavlor.',
      ]),
    );

    // The archived board reads, with a banner and no write controls; a forged write is refused with the message.
    await page.goto(`/boards/${copied.id}`);
    await expect(page.getByTestId('archived-banner')).toContainText('Tavlan är arkiverad');
    await expect(page.getByRole('heading', { name: 'Utreds', level: 2 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Utreds, simbanan Akut' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lägg till kort' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Inställningar för/ })).toHaveCount(0);
    await expect(page.getByText('Lägg till kolumn')).toHaveCount(0);
    const columnId = (await db.column.findFirstOrThrow({ where: { boardId: copied.id, name: 'Inkommet' } })).id;
    const forged = await page.request.post(`/api/boards/${copied.id}/commands`, { data: { type: 'card.create', columnId, title: 'Smugglad' }, headers: { origin: new URL(baseURL!).origin } });
    expect(forged.status()).toBe(409);
    expect((await forged.json()).error).toMatchObject({ code: 'BOARD_ARCHIVED', message: 'Tavlan är arkiverad och kan bara läsas. En medlem kan återställa den från teamsidan.' });
    expect((await structureOf(copied.id))._count.cards).toBe(0);
    // Its flow stays readable; the overview leaves it out unless asked (in the URL).
    await page.goto(`/boards/${copied.id}/flow`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bygglov 2027');
    await page.goto('/flow');
    await expect(page.getByRole('heading', { name: 'Mottagning barn och unga', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: /Bygglov 2027/ })).toHaveCount(0);
    await page.getByRole('link', { name: 'Visa arkiverade tavlor' }).click();
    await expect(page).toHaveURL(/\/flow\?archived=1$/);
    await expect(page.getByRole('heading', { name: 'Bygglov 2027 (arkiverad)', exact: true })).toBeVisible();

    // Restore: back among the working boards, focus on its link.
    await page.goto('/teams');
    const restoreAnnouncements = await recordAnnouncements(page);
    await page.getByRole('button', { name: 'Återställ Bygglov 2027' }).click();
    await expect(page.getByRole('status').filter({ hasText: '”Bygglov 2027” är återställd och kan ändras igen.' })).toBeVisible();
    await expect(page.locator(':focus')).toHaveText('Bygglov 2027');
    await expect(page.getByRole('list', { name: 'Arkiverade tavlor' })).toHaveCount(0);
    expect((await structureOf(copied.id)).archivedAt).toBeNull();
    expect(await restoreAnnouncements.said()).toContain('”Bygglov 2027” är återställd och kan ändras igen.');

    // The team's history names who did each and when.
    await page.goto(`/teams/${board.teamId}/members`);
    const history = page.getByRole('list', { name: 'Historik över teamets personer' });
    const who = board.member.name;
    await expect(history.getByText(`${who} skapade tavlan ”Mottagning barn och unga” från mallen ”Socialtjänst: mottagning”.`)).toBeVisible();
    await expect(history.getByText(`${who} skapade tavlan ”Kopierad tavla” som en kopia av strukturen i ”${sourceName}”.`)).toBeVisible();
    await expect(history.getByText(`${who} bytte namn på tavlan ”Kopierad tavla” till ”Bygglov 2027”.`)).toBeVisible();
    await expect(history.getByText(`${who} arkiverade tavlan ”Bygglov 2027”.`)).toBeVisible();
    await expect(history.getByText(`${who} återställde tavlan ”Bygglov 2027”.`)).toBeVisible();
    const events = await db.teamEvent.findMany({ where: { teamId: board.teamId }, orderBy: { id: 'asc' }, select: { type: true, actorId: true } });
    expect(events).toEqual(['BOARD_CREATED', 'BOARD_CREATED', 'BOARD_RENAMED', 'BOARD_ARCHIVED', 'BOARD_RESTORED'].map((type) => ({ type, actorId: board.member.id })));
  });

  test('in English: a blank board in English, the dialog passes axe, and bad names get their messages', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const team = await getTestDb().team.findUniqueOrThrow({ where: { id: board.teamId } });
    const context = await browser.newContext({ baseURL, locale: 'en-GB' });
    await signInAs(context, board.member, baseURL!);
    const page = await context.newPage();
    await page.goto('/teams');
    await expect(page.getByRole('heading', { name: team.name })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    const dialog = await openNewBoardDialog(page, `New board for ${team.name}`);
    await expect(dialog.getByLabel('Name of the board')).toBeFocused();
    await expectNoAccessibilityViolations(page);
    await dialog.getByLabel('Name of the board').fill('x'.repeat(81));
    await dialog.getByRole('button', { name: 'Create board' }).click();
    await expect(dialog.getByText('The name can be at most 80 characters.')).toBeVisible();
    await expect(dialog.getByLabel('Name of the board')).toBeFocused();
    await dialog.getByLabel('Name of the board').fill('Family law');
    await dialog.getByRole('button', { name: 'Create board' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The board “Family law” was created.' })).toBeVisible();
    await expect(page.locator(':focus')).toHaveText('Family law');
    const created = await getTestDb().board.findFirstOrThrow({ where: { teamId: board.teamId, name: 'Family law' } });
    const structure = await structureOf(created.id);
    expect(structure.columns.map((column) => [column.name, column.flowState])).toEqual([
      ['Incoming', 'NOT_STARTED'],
      ['In progress', 'IN_PROGRESS'],
      ['Done', 'DONE'],
    ]);
    expect(structure.lanes).toHaveLength(1);
    // Escape closes the dialog and focus goes back to the button that opened it.
    await openNewBoardDialog(page, `New board for ${team.name}`);
    await page.keyboard.press('Escape');
    await expect(page.locator(':focus')).toHaveAccessibleName(`New board for ${team.name}`);
    await context.close();
  });

  test('a viewer sees no controls; forged requests from a viewer and an outsider change nothing; bad input is refused', async ({ page, context, baseURL }) => {
    const board = await boardWithStructure();
    const db = getTestDb();
    const team = await db.team.findUniqueOrThrow({ where: { id: board.teamId } });
    await signInAs(context, board.viewer, baseURL!);
    await page.goto('/teams');
    await expect(page.getByRole('heading', { name: team.name })).toBeVisible();
    await expect(page.getByRole('link', { name: (await structureOf(board.boardId)).name })).toBeVisible();
    await expect(page.getByRole('button', { name: /Ny tavla/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Byt namn|Arkivera|Återställ/ })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);

    // Forged server-action posts, exactly as a browser sends them.
    const ids = readActionManifest();
    const post = async (user: TestUser, name: string, args: unknown[]) =>
      perform(baseURL!, `${ACTIONS}#${name}`, { kind: 'action', page: '/teams', args }, await sessionCookieFor(user), ids, { foreign: false });
    const calls: [string, unknown[]][] = [
      ['createBoardAction', [board.teamId, { name: 'Smugglad', source: { kind: 'blank' } }]],
      ['createBoardAction', [board.teamId, { name: 'Smugglad kopia', source: { kind: 'copy', boardId: board.boardId } }]],
      ['renameBoardAction', [board.boardId, 'Kapad']],
      ['archiveBoardAction', [board.boardId]],
    ];
    const before = await teamState(board.teamId);
    for (const [name, args] of calls) {
      expect((await post(board.viewer, name, args)).detail, `${name} as viewer`).toBe('FORBIDDEN');
      expect((await post(board.outsider, name, args)).detail, `${name} as outsider`).toBe('NOT_FOUND');
    }
    await db.board.update({ where: { id: board.boardId }, data: { archivedAt: new Date() } });
    const archivedState = await teamState(board.teamId);
    expect((await post(board.viewer, 'restoreBoardAction', [board.boardId])).detail).toBe('FORBIDDEN');
    expect((await post(board.outsider, 'restoreBoardAction', [board.boardId])).detail).toBe('NOT_FOUND');
    expect(await teamState(board.teamId)).toBe(archivedState);

    // A member's bad input: each refused with its code (translated on the page), nothing changed.
    const otherTeamBoard = await createTestBoard();
    const refusals: [string, unknown[], string][] = [
      ['renameBoardAction', [board.boardId, 'Nytt namn'], 'BOARD_ARCHIVED'],
      ['archiveBoardAction', [board.boardId], 'BOARD_ARCHIVED'],
      ['createBoardAction', [board.teamId, { name: 'Mall saknas', source: { kind: 'template', templateId: 'finns-inte' } }], 'TEMPLATE_NOT_FOUND'],
      ['createBoardAction', [board.teamId, { name: 'Tav\u0007la', source: { kind: 'blank' } }], 'NAME_CONTROL_CHARACTERS'],
      ['createBoardAction', [board.teamId, { name: '   ', source: { kind: 'blank' } }], 'NAME_REQUIRED'],
      ['createBoardAction', [board.teamId, { name: 'y'.repeat(81), source: { kind: 'blank' } }], 'NAME_TOO_LONG'],
      ['createBoardAction', [board.teamId, { name: 'Främmande kopia', source: { kind: 'copy', boardId: otherTeamBoard.boardId } }], 'SOURCE_NOT_FOUND'],
    ];
    for (const [name, args, code] of refusals) expect((await post(board.member, name, args)).detail, name).toBe(code);
    expect(await teamState(board.teamId)).toBe(archivedState);
    expect(before).not.toBe(archivedState);
  });
});
