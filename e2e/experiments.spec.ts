import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { recordAnnouncements } from './fixtures/announcements';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { getTeamToday, seedCycleTimeDrop } from './fixtures/experiment-data';
import { createTestBoard } from './fixtures/test-data';

const COLUMNS = [
  { name: 'Inkommet', flowState: 'NOT_STARTED' as const },
  { name: 'Utreds', flowState: 'IN_PROGRESS' as const, wipLimit: 5 },
  { name: 'Klart', flowState: 'DONE' as const },
];

test.describe('improvement experiments', () => {
  test('a member proposes an experiment that lowers a WIP limit, starts it, studies it and abandons it, and the limit reverts', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({ columns: COLUMNS });
    const db = getTestDb();
    const utreds = board.columns[1]!;
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}`);
    await page.getByRole('link', { name: 'Förbättringsförsök', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Förbättringsförsök på/ })).toBeVisible();
    await expect(page.getByText('Inget försök pågår.')).toBeVisible();
    await expectNoAccessibilityViolations(page);

    // Plan: what we change (and the board change, prepared), why, what we expect to see, the measure, the review.
    await page.getByRole('button', { name: 'Föreslå ett försök' }).click();
    const dialog = page.getByRole('dialog', { name: 'Föreslå ett försök' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Vad ändrar vi?')).toBeFocused();
    await expect(dialog.getByText(/mål|target/i)).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
    // Without what we change and what we expect to see, nothing is sent and focus goes to the first missing field.
    await dialog.getByRole('button', { name: 'Föreslå', exact: true }).click();
    await expect(dialog.getByText('Skriv vad ni ändrar.')).toBeVisible();
    await expect(dialog.getByLabel('Vad ändrar vi?')).toBeFocused();

    await dialog.getByLabel('Vad ändrar vi?').fill('Lägre WIP-gräns i Utreds');
    await dialog.getByLabel('Vad ändras på tavlan?').selectOption({ label: 'En kolumns WIP-gräns' });
    await dialog.getByLabel('Kolumn', { exact: true }).selectOption({ label: 'Utreds' });
    await expect(dialog.getByLabel('Ny WIP-gräns')).toHaveValue('5');
    await dialog.getByLabel('Ny WIP-gräns').fill('4');
    await dialog.getByLabel('Varför? Vilket problem ser vi?').fill('Ärenden väntar länge i Utreds.');
    await dialog.getByLabel('Vad förväntar vi oss att se?').fill('Om vi sänker Utreds gräns till 4 väntar ärenden mindre: ledtiden går ner.');
    await dialog.getByLabel('Vilket mått följer vi?').selectOption({ label: 'Ledtid' });
    await expect(dialog.getByRole('radio', { name: 'Det går ner' })).toBeChecked();
    await dialog.getByLabel('När tittar vi på det igen?').fill(getTeamToday());
    const said = (await recordAnnouncements(page)).said;
    const proposed = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith('/experiments'));
    await dialog.getByRole('button', { name: 'Föreslå', exact: true }).click();
    expect((await proposed).status()).toBe(201);
    await expect(dialog).toBeHidden();
    const link = page.getByRole('link', { name: 'Lägre WIP-gräns i Utreds' });
    await expect(link).toBeFocused();
    await expect.poll(said).toContain('Försöket är föreslaget. Inget på tavlan ändras förrän det startas.');
    // Proposing changes nothing on the board.
    expect((await db.column.findUniqueOrThrow({ where: { id: utreds.id } })).wipLimit).toBe(5);

    // Do: starting applies the prepared change in the same transaction, linked in the board history.
    await link.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lägre WIP-gräns i Utreds' })).toBeVisible();
    await expect(page.getByTestId('experiment-status')).toContainText('Föreslaget, inte startat');
    // A proposal can be edited; the dialog opens on its first field and focus comes back to the status.
    await page.getByRole('button', { name: 'Ändra', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Ändra ”Lägre WIP-gräns i Utreds”' });
    await expect(edit.getByLabel('Vad ändrar vi?')).toBeFocused();
    await expect(edit.getByLabel('Ny WIP-gräns')).toHaveValue('4');
    await edit.getByLabel('Vad förväntar vi oss att se?').fill('Om vi sänker Utreds gräns till 4 väntar ärenden mindre: ledtiden går ner, och färre ringer.');
    const editSaid = (await recordAnnouncements(page)).said;
    await edit.getByRole('button', { name: 'Spara' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByTestId('experiment-status')).toBeFocused();
    await expect(page.getByText('ledtiden går ner, och färre ringer.')).toBeVisible();
    await expect.poll(editSaid).toContain('Försöket är sparat.');
    await page.getByRole('button', { name: 'Starta försöket' }).click();
    const start = page.getByRole('dialog', { name: 'Starta ”Lägre WIP-gräns i Utreds”?' });
    await expect(start).toContainText('Utreds: WIP-gräns 4, rådgivande');
    await expect(start.getByRole('button', { name: 'Starta försöket' })).toBeFocused();
    const startSaid = (await recordAnnouncements(page)).said;
    await start.getByRole('button', { name: 'Starta försöket' }).click();
    await expect(start).toBeHidden();
    await expect(page.getByTestId('experiment-status')).toContainText('Pågår sedan');
    await expect(page.getByTestId('experiment-status')).toBeFocused();
    await expect.poll(startSaid).toContain('Försöket har startat.');
    expect((await db.column.findUniqueOrThrow({ where: { id: utreds.id } })).wipLimit).toBe(4);
    const experiment = await db.experiment.findFirstOrThrow({ where: { boardId: board.boardId } });
    const linked = await db.boardEvent.findMany({ where: { boardId: board.boardId, experimentId: experiment.id }, orderBy: { id: 'asc' } });
    expect(linked.map((event) => event.type)).toEqual(['EXPERIMENT_PROPOSED', 'EXPERIMENT_CHANGED', 'COLUMN_WIP_CHANGED', 'EXPERIMENT_STARTED']);

    // Study on a fresh board: too little data, said in words.
    await expect(page.getByTestId('study-verdict')).toHaveText('För lite data för att säga');
    await expectNoAccessibilityViolations(page);

    // The board history links the limit change to the experiment.
    await page.goto(`/boards/${board.boardId}/history`);
    const wipRow = page.getByRole('listitem').filter({ hasText: '”Utreds”' }).filter({ hasText: 'WIP' });
    await expect(wipRow.getByRole('link', { name: 'Del av försöket ”Lägre WIP-gräns i Utreds”' })).toHaveAttribute('href', `/boards/${board.boardId}/experiments/${experiment.id}`);

    // The hypothesis is one click away from the board.
    await page.goto(`/boards/${board.boardId}`);
    await page.getByText('Pågående försök (1)').click();
    await expect(page.getByTestId('running-experiments')).toContainText('Om vi sänker Utreds gräns till 4');

    // The Flow page marks the start on its charts over time (the XmR charts have no points yet on a fresh board).
    await page.goto(`/boards/${board.boardId}/flow`);
    await expect(page.getByTestId('experiment-markers')).toHaveCount(3);
    await expect(page.getByRole('region', { name: 'Förbättringsförsök i perioden' })).toContainText('Lägre WIP-gräns i Utreds');

    // Act: the review date is today; abandoning puts the limit back, in the same transaction.
    await page.goto(`/boards/${board.boardId}/experiments/${experiment.id}`);
    await page.getByRole('button', { name: 'Utvärdera försöket' }).click();
    const review = page.getByRole('dialog', { name: 'Utvärdera ”Lägre WIP-gräns i Utreds”' });
    await expect(review.getByRole('radio', { name: 'Behåll' })).toBeFocused();
    await review.getByRole('radio', { name: 'Överge' }).check();
    const revert = review.getByRole('checkbox', { name: /Återställ tavlan som den var: Utreds får tillbaka sin WIP-gräns: 5, rådgivande/ });
    await expect(revert).toBeChecked();
    await review.getByRole('button', { name: 'Spara beslutet' }).click();
    await expect(review.getByLabel('Vad lärde vi oss?')).toBeFocused();
    await review.getByLabel('Vad lärde vi oss?').fill('För tidigt att se något; vi prövar igen med fler ärenden.');
    const reviewSaid = (await recordAnnouncements(page)).said;
    await review.getByRole('button', { name: 'Spara beslutet' }).click();
    await expect(review).toBeHidden();
    await expect(page.getByTestId('experiment-status')).toContainText('Överge');
    await expect(page.getByTestId('experiment-status')).toBeFocused();
    await expect.poll(reviewSaid).toContain('Beslutet är sparat: Överge. Tavlan är som den var.');
    expect((await db.column.findUniqueOrThrow({ where: { id: utreds.id } })).wipLimit).toBe(5);
    expect(await db.boardEvent.count({ where: { experimentId: experiment.id, type: 'COLUMN_WIP_CHANGED' } })).toBe(2);
  });

  test('the study shows a signal on a board whose cycle time drops, in Swedish and English', async ({ page, context, baseURL, browser }) => {
    const board = await createTestBoard({ columns: COLUMNS, cards: [] });
    const experimentId = await seedCycleTimeDrop(board, 'Begränsa pågående arbete');
    await signInAs(context, board.member, baseURL!);
    await page.goto(`/boards/${board.boardId}/experiments/${experimentId}`);
    await expect(page.getByTestId('study-verdict')).toHaveText('Signal: systemet har förändrats');
    await expect(page.getByText('Det är åt det håll ni förväntade er.')).toBeVisible();
    // Team level only: the study names no one.
    await expect(page.locator('#study')).not.toContainText(board.member.name);
    await expect(page.getByText(/Regel uppfylld: en punkt utanför gränserna från tiden före starten, .*, nedåt\./).first()).toBeVisible();
    await page.getByText('Visa studien som tabell').click();
    await expect(page.getByRole('table', { name: 'Ledtid, före och efter starten' }).getByRole('row')).toHaveCount(19);
    await expectNoAccessibilityViolations(page);

    // The Flow page: the start is a labelled line on the CFD, the scatterplot, the run chart and all four XmR
    // charts, and each chart's table says so in words.
    await page.goto(`/boards/${board.boardId}/flow`);
    await expect(page.getByTestId('experiment-markers')).toHaveCount(7);
    await expect(page.locator('#cfd').getByText(/Förbättringsförsök i diagrammet: ▶ 1 startade .*: Begränsa pågående arbete\./)).toBeAttached();
    await expect(page.locator('#xmr-cycle-time-x').getByText(/Förbättringsförsök i diagrammet: ▶ 1 startade/)).toBeAttached();
    await expectNoAccessibilityViolations(page);

    const english = await browser.newContext({ locale: 'en-GB' });
    await signInAs(english, board.member, baseURL!);
    const en = await english.newPage();
    await en.goto(`/boards/${board.boardId}/experiments/${experimentId}`);
    await expect(en.getByTestId('study-verdict')).toHaveText('Signal: the system has changed');
    await expect(en.getByText('That is the direction you expected.')).toBeVisible();
    await expectNoAccessibilityViolations(en);
    await en.goto(`/boards/${board.boardId}/experiments`);
    await expect(en.getByRole('heading', { level: 1, name: /^Experiments on/ })).toBeVisible();
    await expectNoAccessibilityViolations(en);
    await en.getByRole('button', { name: 'Propose an experiment' }).click();
    await expect(en.getByRole('dialog', { name: 'Propose an experiment' }).getByLabel('What do we expect to see?')).toBeVisible();
    await expectNoAccessibilityViolations(en);
    await english.close();
  });

  test('a viewer reads experiments and their study but has no controls, and forged requests are refused', async ({ page, context, baseURL }) => {
    const board = await createTestBoard({ columns: COLUMNS, cards: [] });
    const db = getTestDb();
    const experimentId = await seedCycleTimeDrop(board, 'Begränsa pågående arbete');
    const proposal = await db.experiment.create({
      data: { boardId: board.boardId, change: 'Ett förslag', hypothesis: 'Något syns', measure: 'THROUGHPUT', expectedDirection: 'UP', reviewDate: new Date(`${getTeamToday()}T00:00:00Z`) },
    });
    const before = JSON.stringify(await db.experiment.findMany({ where: { boardId: board.boardId }, orderBy: { id: 'asc' } }));
    await signInAs(context, board.viewer, baseURL!);
    await page.goto(`/boards/${board.boardId}/experiments`);
    await expect(page.getByText('Du är läsare: du kan läsa teamets försök och deras studie, men inte föreslå eller ändra dem.')).toBeVisible();
    await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
    await page.getByRole('link', { name: 'Begränsa pågående arbete' }).click();
    await expect(page.getByTestId('study-verdict')).toHaveText('Signal: systemet har förändrats');
    await expect(page.getByRole('button', { name: /Utvärdera|Starta|Ändra|Dra tillbaka|Flytta/ })).toHaveCount(0);
    await page.goto(`/boards/${board.boardId}/experiments/${proposal.id}`);
    await expect(page.getByRole('button', { name: /Starta|Ändra|Dra tillbaka/ })).toHaveCount(0);

    // The viewer's own session, sent by hand: every write is refused, and nothing changes.
    const api = `/api/boards/${board.boardId}/experiments`;
    const body = { change: 'Smyg', hypothesis: 'x', measure: 'WIP', expectedDirection: 'DOWN', reviewDate: getTeamToday() };
    expect((await page.request.post(api, { data: body })).status()).toBe(403);
    expect((await page.request.patch(`${api}/${proposal.id}`, { data: { action: 'start' } })).status()).toBe(403);
    expect((await page.request.patch(`${api}/${experimentId}`, { data: { action: 'review', outcome: 'ABANDON', reflection: 'x' } })).status()).toBe(403);
    expect((await page.request.patch(`${api}/${proposal.id}`, { data: { action: 'withdraw' } })).status()).toBe(403);
    // A member's session from a foreign site is refused too; an outsider learns nothing (404, as for no board).
    await context.clearCookies();
    await signInAs(context, board.member, baseURL!);
    expect((await page.request.patch(`${api}/${proposal.id}`, { data: { action: 'start' }, headers: { origin: 'https://evil.example' } })).status()).toBe(403);
    // A numeric goal is not a field: the server refuses it rather than storing it.
    expect((await page.request.post(api, { data: { ...body, target: 3 } })).status()).toBe(422);
    await context.clearCookies();
    await signInAs(context, board.outsider, baseURL!);
    expect((await page.request.patch(`${api}/${proposal.id}`, { data: { action: 'start' } })).status()).toBe(404);
    expect((await page.goto(`/boards/${board.boardId}/experiments/${experimentId}`))?.status()).toBe(404);
    expect(JSON.stringify(await db.experiment.findMany({ where: { boardId: board.boardId }, orderBy: { id: 'asc' } }))).toBe(before);
  });
});
