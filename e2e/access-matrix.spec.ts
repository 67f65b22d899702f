import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BOARD_COMMAND_TYPES } from '../lib/board/commands';
import { expect, test } from './fixtures';
import { createMatrixFixture, fingerprint, ghostOf, type MatrixPeople } from './access-matrix/fixture';
import { findInlineServerActions, listRouteHandlers, listServerActions } from './access-matrix/enumerate';
import { perform, readActionManifest, sessionCookieFor, type Outcome } from './access-matrix/http';
import { coveredActionKeys, coveredCommandTypes, coveredRouteKeys, expectedFor, MATRIX, MATRIX_ROLES, type Expectation, type MatrixRole } from './access-matrix/matrix';

/**
 * Every route handler, board command and server action, called over HTTP against the production build as each
 * role: anonymous, someone on another team, an instance admin who is not on the team, a VIEWER, a MEMBER, and
 * the MEMBER's session sent from a foreign site. Each refused call must change nothing; an outsider's answer must
 * be the same as for a board that does not exist; each allowed change must change something (so that refusals
 * are not an artefact of a malformed call). The expectations are in e2e/access-matrix/matrix.ts.
 */

type Cell = { entry: string; role: MatrixRole; expected: Expectation; actual: string; unauthorisedSuccess: boolean; ok: boolean };

// Cells go to a file as they are checked (a failing test restarts the worker, which would lose them in memory).
const RESULTS_DIR = path.resolve(process.env.TILLIT_TEST_RESULTS_DIR ?? 'test-results');
const CELLS_FILE = path.join(RESULTS_DIR, 'access-matrix-cells.jsonl');

// The member's allowed change runs last, after every refusal has been checked against the unchanged fixture.
const ORDER: MatrixRole[] = ['anonymous', 'otherTeam', 'instanceAdmin', 'viewer', 'foreignSite', 'member'];

function userFor(role: MatrixRole, people: MatrixPeople, access: string) {
  switch (role) {
    case 'anonymous':
      return null;
    case 'foreignSite':
      return access === 'instanceAdmin' ? people.instanceAdmin : people.member;
    default:
      return people[role];
  }
}

/** An answer without its per-request parts (request id), to compare with the answer about a ghost board. */
function comparable(outcome: Outcome): string {
  let body: unknown = outcome.body;
  try {
    body = JSON.parse(outcome.body) as unknown;
    delete (body as { error?: { requestId?: string } }).error?.requestId;
  } catch {
    // not JSON (server actions): the classified code is what matters
  }
  return JSON.stringify({ status: outcome.status, verdict: outcome.verdict, detail: outcome.detail, body: outcome.verdict === 'allowed' ? null : body });
}

test.describe('access matrix', () => {
  test('has an entry for every route handler, board command and server action', () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(CELLS_FILE, '');
    const routes = listRouteHandlers().map((route) => route.key);
    const actions = listServerActions().map((action) => action.key);
    const manifest = [...readActionManifest().keys()];
    expect(routes.filter((key) => !coveredRouteKeys().has(key)), 'route handlers without a matrix entry').toEqual([]);
    expect([...coveredRouteKeys()].filter((key) => !routes.includes(key)), 'matrix entries for routes that do not exist').toEqual([]);
    expect(BOARD_COMMAND_TYPES.filter((type) => !coveredCommandTypes().has(type)), 'board commands without a matrix entry').toEqual([]);
    expect(actions.filter((key) => !coveredActionKeys().has(key)), 'server actions without a matrix entry').toEqual([]);
    expect(manifest.filter((key) => !coveredActionKeys().has(key)), 'server actions in the build without a matrix entry').toEqual([]);
    expect([...coveredActionKeys()].filter((key) => !actions.includes(key)), 'matrix entries for actions that do not exist').toEqual([]);
    expect(findInlineServerActions(), "inline 'use server' functions (move them to a 'use server' module)").toEqual([]);
  });

  for (const entry of MATRIX) {
    test(entry.key, async ({ baseURL }) => {
      const actionIds = readActionManifest();
      const { fixture, people } = await createMatrixFixture();
      for (const role of ORDER) {
        const user = userFor(role, people, entry.access);
        const cookie = user ? await sessionCookieFor(user) : null;
        const call = await entry.call(fixture);
        const expected = expectedFor(entry, role, call);
        const before = await fingerprint(fixture);
        const outcome = await perform(baseURL!, entry.key, call, cookie, actionIds, { foreign: role === 'foreignSite' });
        const after = await fingerprint(fixture);
        const label = `${entry.key} as ${role}`;

        const unauthorisedSuccess = expected !== 'allowed' && (outcome.verdict === 'allowed' || after !== before);
        const cell: Cell = { entry: entry.key, role, expected, actual: `${outcome.verdict} (${outcome.detail})`, unauthorisedSuccess, ok: outcome.verdict === expected && !unauthorisedSuccess };
        appendFileSync(CELLS_FILE, `${JSON.stringify(cell)}\n`);

        expect.soft(outcome.verdict, `${label}: ${outcome.detail}`).toBe(expected);
        expect.soft(outcome.headers.get('access-control-allow-origin'), `${label}: no CORS`).toBeNull();
        if (expected !== 'allowed') {
          expect.soft(after, `${label}: a refused call changed stored data`).toBe(before);
          expect.soft(outcome.body.includes(fixture.boardName), `${label}: a refusal names the board`).toBe(false);
        } else if (entry.mutates && role !== 'foreignSite') {
          expect.soft(after, `${label}: the allowed call changed nothing (is the call valid?)`).not.toBe(before);
        }
        if (expected === 404) {
          // The same call about a team and board that do not exist must be answered identically.
          const ghost = await perform(baseURL!, entry.key, await entry.call(ghostOf(fixture)), cookie, actionIds, { foreign: false });
          expect.soft(comparable(outcome), `${label}: the answer differs from the one for a board that does not exist`).toBe(comparable(ghost));
        }
        if (entry.key === 'GET /api/auth/[...nextauth]') {
          const session = JSON.parse(outcome.body) as { user?: { email?: string } };
          expect.soft(session.user?.email, `${label}: the session endpoint shows the caller only`).toBe(user?.email);
        }
        if (entry.key === 'GET /api/account/export' && user) {
          const others = [people.member, people.viewer, people.otherTeam, people.instanceAdmin].filter((person) => person.id !== user.id);
          expect.soft(outcome.body.includes(user.email), `${label}: the export holds the caller's own data`).toBe(true);
          expect.soft(others.filter((person) => outcome.body.includes(person.email)).map((person) => person.name), `${label}: nobody else's e-mail`).toEqual([]);
        }
        if (entry.key === 'POST /api/auth/[...nextauth]') {
          expect.soft(outcome.headers.get('set-cookie') ?? '', `${label}: no session without next-auth's CSRF token`).not.toMatch(/session-token=[^;]/);
        }
        if (entry.key === 'app/actions.ts#setLocaleAction' && role === 'foreignSite') {
          expect.soft(outcome.headers.get('set-cookie'), `${label}: no cookie set from a foreign site`).toBeNull();
        }
      }
    });
  }

  test.afterAll(() => {
    if (!existsSync(CELLS_FILE)) return;
    const cells = readFileSync(CELLS_FILE, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Cell);
    if (cells.length === 0) return;
    const entries = new Set(cells.map((cell) => cell.entry)).size;
    const summary = {
      entries,
      roles: MATRIX_ROLES.length,
      cells: cells.length,
      unauthorisedSuccesses: cells.filter((cell) => cell.unauthorisedSuccess).length,
      mismatches: cells.filter((cell) => !cell.ok).length,
      refusalsChecked: cells.filter((cell) => cell.expected !== 'allowed').length,
      failures: cells.filter((cell) => !cell.ok),
    };
    writeFileSync(path.join(RESULTS_DIR, 'access-matrix.json'), JSON.stringify({ ...summary, table: cells }, null, 2));
    console.log(
      `Access matrix: ${summary.entries} callables × ${summary.roles} roles = ${summary.cells} calls; ` +
        `${summary.unauthorisedSuccesses} unauthorised successes, ${summary.mismatches} mismatches (${summary.refusalsChecked} refusals checked).`,
    );
  });
});
