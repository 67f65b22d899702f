import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, expectNoAccessibilityViolations, test } from './fixtures';
import { signInAs } from './fixtures/auth';
import { getTestDb } from './fixtures/db';
import { startSmtpSink, type SmtpSink } from './fixtures/smtp-sink';
import { createTestBoard, createTestUser, TEST_PASSWORD, type TestUser } from './fixtures/test-data';

/**
 * Team administration in the browser: invitations by link and by e-mail (through a local SMTP sink), roles,
 * removal, the last-member rule, the team's membership history, and the instance admin's limits.
 */

async function contextFor(browser: Browser, user: TestUser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: 'sv-SE' });
  await signInAs(context, user, baseURL);
  return { context, page: await context.newPage() };
}

async function teamName(teamId: string): Promise<string> {
  return (await getTestDb().team.findUniqueOrThrow({ where: { id: teamId } })).name;
}

/** Follows an invitation link signed out: sign in with the password form, come back, join. */
async function joinWithLink(browser: Browser, link: string, user: TestUser, name: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'sv-SE' });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finvitations%2F/);
  await page.getByLabel('E-postadress').fill(user.email);
  await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { name: `Inbjudan till ${name}` })).toBeVisible();
  return page;
}

let smtp: SmtpSink;

test.describe('team administration', () => {
  test.beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  test.afterAll(async () => {
    await smtp?.stop();
  });

  test('a member invites a colleague with a single-use link', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const name = await teamName(board.teamId);
    const newcomer = await createTestUser('Nina Nykomling');
    const { page } = await contextFor(browser, board.member, baseURL!);
    await page.goto('/teams');
    await page.getByRole('link', { name: new RegExp(`Medlemmar i ${name}`) }).click();
    await expect(page.getByRole('heading', { name: `Personer i ${name}` })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByLabel('Roll i teamet').selectOption({ label: 'Läsare (endast läsning)' });
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    const linkField = page.getByLabel('Inbjudningslänk');
    await expect(linkField).toBeVisible();
    const link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^${baseURL}/invitations/[A-Za-z0-9_-]{43}$`));
    await expect(page.getByText(/^Läsare \(endast läsning\) · giltig till /)).toBeVisible();

    const joining = await joinWithLink(browser, link, newcomer, name);
    await expect(joining.getByText(`Du är inbjuden till ${name} som: Läsare (endast läsning).`)).toBeVisible();
    await expectNoAccessibilityViolations(joining);
    await joining.getByRole('button', { name: `Gå med i ${name}` }).click();
    await expect(joining.getByRole('heading', { name: 'Dina team' })).toBeVisible();
    await expect(joining.getByRole('heading', { name })).toBeVisible();
    await expect(joining.getByText('Din roll: Läsare (endast läsning)')).toBeVisible();

    // Used once: the next person is told so, and nothing changes.
    const latecomer = await createTestUser('Sen Ankomling');
    const late = await joinWithLink(browser, link, latecomer, name);
    await expect(late.getByText('Inbjudan har redan använts. Be teamet om en ny.')).toBeVisible();
    await expect(late.getByRole('button', { name: /Gå med/ })).toHaveCount(0);
    expect(await getTestDb().membership.count({ where: { teamId: board.teamId, userId: latecomer.id } })).toBe(0);

    await page.reload();
    const history = page.getByRole('list', { name: 'Historik över teamets personer' });
    await expect(history.getByText(`${newcomer.name} gick med som Läsare (endast läsning) via en inbjudan från ${board.member.name}`)).toBeVisible();
    await expect(history.getByText(`${board.member.name} skapade en inbjudan för en ny Läsare (endast läsning)`)).toBeVisible();
    await expect(page.getByText('Inga öppna inbjudningar.')).toBeVisible();
  });

  test('a member invites a colleague by e-mail; the message carries a working link', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const name = await teamName(board.teamId);
    const newcomer = await createTestUser('Erik Epost');
    const { page } = await contextFor(browser, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/members`);
    await page.getByLabel('Roll i teamet').selectOption({ label: 'Medlem' });
    await page.getByLabel('E-postadress (frivillig)').fill(newcomer.email);
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await expect(page.getByText(`En inbjudan har skickats till ${newcomer.email}.`)).toBeVisible();

    const mail = await smtp.waitFor(newcomer.email);
    expect(mail.from).toBe('tillit@test.example');
    expect(mail.subject).toBe(`Inbjudan till ${name} i Tillit`);
    expect(mail.text).toContain(`${board.member.name} bjuder in dig till ${name} i Tillit som: Medlem.`);
    const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    expect(link).toBe(await page.getByLabel('Inbjudningslänk').inputValue());

    await expect(page.getByText(`Skickad till ${newcomer.email}`)).toBeVisible();
    const joining = await joinWithLink(browser, link!, newcomer, name);
    await joining.getByRole('button', { name: `Gå med i ${name}` }).click();
    await expect(joining.getByText('Din roll: Medlem')).toBeVisible();
    // A new member can open the team's board at once.
    await joining.goto(`/boards/${board.boardId}`);
    await expect(joining.getByRole('button', { name: 'Öppna kortet Ärende A' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('list', { name: 'Historik över teamets personer' }).getByText(`${board.member.name} skickade en inbjudan via e-post för en ny Medlem`)).toBeVisible();
  });

  test('withdrawn and expired invitations are refused with a message', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const name = await teamName(board.teamId);
    const { page } = await contextFor(browser, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/members`);
    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    const withdrawnLink = await page.getByLabel('Inbjudningslänk').inputValue();
    await page.getByRole('button', { name: /^Återkalla inbjudan som skapades/ }).click();
    await expect(page.getByText('Inbjudan är återkallad; länken fungerar inte längre.')).toBeVisible();

    const outsider = await contextFor(browser, board.outsider, baseURL!);
    await outsider.page.goto(withdrawnLink);
    await expect(outsider.page.getByText('Inbjudan har återkallats. Be teamet om en ny.')).toBeVisible();

    await page.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await expect(page.getByLabel('Inbjudningslänk')).not.toHaveValue(withdrawnLink);
    const expiringLink = await page.getByLabel('Inbjudningslänk').inputValue();
    await getTestDb().teamInvitation.updateMany({ where: { teamId: board.teamId, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await outsider.page.goto(expiringLink);
    await expect(outsider.page.getByRole('heading', { name: `Inbjudan till ${name}` })).toBeVisible();
    await expect(outsider.page.getByText('Inbjudan har gått ut. Be teamet om en ny.')).toBeVisible();

    await outsider.page.goto(`/invitations/${'x'.repeat(43)}`);
    await expect(outsider.page.getByRole('heading', { name: 'Inbjudan hittades inte' })).toBeVisible();
    expect(await getTestDb().membership.count({ where: { teamId: board.teamId, userId: board.outsider.id } })).toBe(0);
  });

  test('members change roles and remove people; the team always keeps a member', async ({ browser, baseURL }) => {
    const board = await createTestBoard();
    const name = await teamName(board.teamId);
    const { page } = await contextFor(browser, board.member, baseURL!);
    await page.goto(`/teams/${board.teamId}/members`);

    await page.getByLabel(`Roll för ${board.colleague.name}`).selectOption('VIEWER');
    await page.getByRole('button', { name: `Ändra roll: ${board.colleague.name}` }).click();
    await expect(page.getByText(`${board.colleague.name} är nu: Läsare (endast läsning).`)).toBeVisible();

    // The only member left cannot make themself a viewer, nor leave.
    await page.getByLabel(`Roll för ${board.member.name}`).selectOption('VIEWER');
    await page.getByRole('button', { name: `Ändra roll: ${board.member.name}` }).click();
    await expect(page.locator('main [role="alert"]')).toContainText('Ett team behöver alltid minst en medlem');
    await page.getByRole('button', { name: 'Lämna teamet…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Lämna teamet' }).click();
    await expect(page.locator('main [role="alert"]')).toContainText('Ett team behöver alltid minst en medlem');

    await page.getByRole('button', { name: `Ta bort… ${board.viewer.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Ta bort ${board.viewer.name} från teamet?` });
    await dialog.getByRole('button', { name: 'Ta bort' }).click();
    await expect(page.getByText(`${board.viewer.name} har tagits bort från teamet.`)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(board.viewer.name) })).toHaveCount(0);

    const db = getTestDb();
    expect(await db.membership.findMany({ where: { teamId: board.teamId }, select: { userId: true, role: true }, orderBy: { role: 'asc' } })).toEqual([
      { userId: board.member.id, role: 'MEMBER' },
      { userId: board.colleague.id, role: 'VIEWER' },
    ]);
    const history = page.getByRole('list', { name: 'Historik över teamets personer' });
    await expect(history.getByText(`${board.member.name} tog bort ${board.viewer.name} (var Läsare (endast läsning))`)).toBeVisible();
    await expect(history.getByText(`${board.member.name} ändrade rollen för ${board.colleague.name} från Medlem till Läsare (endast läsning)`)).toBeVisible();

    // The removed viewer lost the board at once.
    const removed = await contextFor(browser, board.viewer, baseURL!);
    expect((await removed.page.goto(`/boards/${board.boardId}`))?.status()).toBe(404);

    // A viewer sees who is on the team, and no control that changes it.
    const viewer = await contextFor(browser, board.colleague, baseURL!);
    await viewer.page.goto(`/teams/${board.teamId}/members`);
    await expect(viewer.page.getByRole('heading', { name: `Personer i ${name}` })).toBeVisible();
    await expect(viewer.page.getByText('Du är läsare: du kan se vilka som är med i teamet men inte ändra det.')).toBeVisible();
    await expect(viewer.page.getByRole('button')).toHaveText(['Logga ut']);
    await expect(viewer.page.getByText(board.member.email)).toHaveCount(0);

    // Someone not on the team gets the same 404 as for a team that does not exist.
    const outsider = await contextFor(browser, board.outsider, baseURL!);
    expect((await outsider.page.goto(`/teams/${board.teamId}/members`))?.status()).toBe(404);
    expect((await outsider.page.goto('/teams/no-such-team/members'))?.status()).toBe(404);
  });

  test('an instance admin creates a team and appoints its first members, but cannot open its board', async ({ browser, baseURL }) => {
    const db = getTestDb();
    const admin = await createTestUser('Ida Admin');
    await db.user.update({ where: { id: admin.id }, data: { isInstanceAdmin: true } });
    const first = await createTestUser('Första Medlem');
    const { page } = await contextFor(browser, admin, baseURL!);
    await page.goto('/teams');
    await page.getByRole('link', { name: 'Administration' }).click();
    await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    const name = `Bygglovsteamet ${Date.now()}`;
    await page.getByLabel('Teamets namn').fill(name);
    await page.getByLabel('De första medlemmarnas e-postadresser').fill(`${first.email}\nny.person.${Date.now()}@kommun.example`);
    await page.getByRole('button', { name: 'Skapa team' }).click();
    await expect(page.getByText(`Teamet ”${name}” har skapats med en första tavla. 1 nytt konto skapades.`)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('2');

    const team = await db.team.findFirstOrThrow({ where: { name }, select: { id: true, boards: { select: { id: true } } } });
    const boardId = team.boards[0]!.id;
    // The admin has no access to the new team's board or people…
    expect((await page.goto(`/boards/${boardId}`))?.status()).toBe(404);
    expect((await page.goto(`/teams/${team.id}/members`))?.status()).toBe(404);
    // …the first member has.
    const member = await contextFor(browser, first, baseURL!);
    await member.page.goto(`/boards/${boardId}`);
    await expect(member.page.getByRole('heading', { name: 'Att göra' })).toBeVisible();
    await member.page.goto(`/teams/${team.id}/members`);
    await expect(member.page.getByRole('list', { name: 'Historik över teamets personer' }).getByText(`${admin.name} skapade teamet ”${name}”`)).toBeVisible();

    // Not an admin: the page does not exist for them.
    expect((await member.page.goto('/admin'))?.status()).toBe(404);
  });
});
