import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMatrixFixture, fingerprint, ghostOf } from './access-matrix/fixture';
import type { MatrixFixture } from './access-matrix/matrix';
import { createPersonalTestToken, createTeamTestToken } from './fixtures/api-tokens';
import { createTestBoard } from './fixtures/test-data';
import { expect, test } from './fixtures';

/**
 * The access matrix of the public API: every route of lib/api/v1/routes.ts, called with every kind of token, as
 * the UI's matrix does with roles (e2e/access-matrix.spec.ts). Expected answers follow from two rules only —
 * the token's scope (lib/api-tokens/scopes.ts) and the holder's role on the team, checked by the same data
 * functions as the UI — and every refused call must change nothing. An outsider's 404 must equal the 404 about a
 * board that does not exist.
 */

type Kind = 'read' | 'write' | 'intake';
type Holder =
  | 'none'
  | 'malformed'
  | 'expired'
  | 'revoked'
  | 'memberRead'
  | 'memberReadWrite'
  | 'viewerReadWrite'
  | 'outsiderReadWrite'
  | 'teamIntake'
  | 'teamReadWrite'
  | 'otherTeamReadWrite';
type Expectation = 'allowed' | 401 | 403 | 404;

const HOLDERS: Holder[] = ['none', 'malformed', 'expired', 'revoked', 'outsiderReadWrite', 'otherTeamReadWrite', 'memberRead', 'viewerReadWrite', 'teamIntake', 'memberReadWrite', 'teamReadWrite'];

/** The whole rule set, as a table: what each holder gets for each kind of operation on the fixture's board. */
const EXPECTED: Record<Holder, Record<Kind, Expectation>> = {
  none: { read: 401, write: 401, intake: 401 },
  malformed: { read: 401, write: 401, intake: 401 },
  expired: { read: 401, write: 401, intake: 401 },
  revoked: { read: 401, write: 401, intake: 401 },
  // Scope first (a personal token never does intake), then the team: a board of another team does not exist.
  outsiderReadWrite: { read: 404, write: 404, intake: 403 },
  otherTeamReadWrite: { read: 404, write: 404, intake: 404 },
  memberRead: { read: 'allowed', write: 403, intake: 403 },
  viewerReadWrite: { read: 'allowed', write: 403, intake: 403 },
  teamIntake: { read: 403, write: 403, intake: 'allowed' },
  memberReadWrite: { read: 'allowed', write: 'allowed', intake: 403 },
  teamReadWrite: { read: 'allowed', write: 'allowed', intake: 'allowed' },
};

/** Routes whose answer does not depend on a board (the token's own info, the token's teams). */
const BOARDLESS = new Set(['getToken', 'listTeams']);

function bodyFor(operationId: string, fx: MatrixFixture): unknown {
  switch (operationId) {
    case 'createCard':
      return { columnId: fx.columnIds[0], title: 'API-kort' };
    case 'updateCard':
      return { title: 'Ändrad via API' };
    case 'moveCard':
      return { toColumnId: fx.columnIds[1], toIndex: 0 };
    case 'blockCard':
      return { reason: 'Väntar på svar' };
    case 'addComment':
      return { body: 'Kommentar via API' };
    case 'intakeCase':
      return { title: 'Inkommet ärende', demand: 'VALUE', reference: `M-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` };
    default:
      return {};
  }
}

function pathFor(template: string, operationId: string, fx: MatrixFixture, holder: Holder): string {
  // Two holders archive successfully: each its own card (an archived card is gone for the second).
  const cardId = operationId === 'unblockCard' ? fx.blockedCardId : operationId === 'archiveCard' && holder === 'teamReadWrite' ? fx.cardIds[2] : fx.cardIds[0];
  return `/api/v1${template.replace('{boardId}', fx.boardId).replace('{cardId}', cardId)}`;
}

const RESULTS_DIR = path.resolve(process.env.TILLIT_TEST_RESULTS_DIR ?? 'test-results');
const CELLS_FILE = path.join(RESULTS_DIR, 'api-access-matrix-cells.jsonl');
type Cell = { route: string; holder: Holder; expected: Expectation; status: number; code: string; unauthorisedSuccess: boolean };

type Route = { method: string; path: string; operationId: string; kind: Kind; body: boolean };

/**
 * The routes, from the OpenAPI document the server generates from its route table (lib/api/v1/routes.ts), which
 * lib/api/v1/openapi.test.ts checks is complete. Read at collection time from the source of the same table.
 */
function listRoutes(): Route[] {
  const source = readFileSync(path.resolve(import.meta.dirname, '../lib/api/v1/routes.ts'), 'utf8');
  const routes: Route[] = [];
  for (const match of source.matchAll(/method: '(GET|POST|PATCH)',\s*path: '([^']+)',\s*operationId: '(\w+)',[\s\S]*?kind: '(read|write|intake)',([\s\S]*?)(?:run:|async run)/g)) {
    routes.push({ method: match[1]!, path: match[2]!, operationId: match[3]!, kind: match[4] as Kind, body: /\bbody: /.test(match[5]!) });
  }
  return routes;
}
const ROUTES = listRoutes();

test.describe('API access matrix', () => {
  test.beforeAll(() => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(CELLS_FILE, '');
  });

  test('covers every operation of the OpenAPI document', async ({ baseURL }) => {
    const document = (await (await fetch(new URL('/api/v1/openapi.json', baseURL))).json()) as { paths: Record<string, Record<string, { operationId: string; 'x-tillit-operation-kind': Kind }>> };
    const documented = Object.entries(document.paths).flatMap(([template, methods]) => Object.entries(methods).map(([method, operation]) => `${method.toUpperCase()} ${template} ${operation.operationId} ${operation['x-tillit-operation-kind']}`));
    expect(ROUTES.map((route) => `${route.method} ${route.path} ${route.operationId} ${route.kind}`).sort()).toEqual(documented.sort());
  });

  for (const route of ROUTES) {
    test(`${route.method} ${route.path} (${route.operationId})`, async ({ baseURL }) => {
      const { fixture, people } = await createMatrixFixture();
      const other = await createTestBoard();
      const secrets: Record<Holder, string | null> = {
        none: null,
        malformed: 'tillit_pat_short',
        expired: (await createPersonalTestToken(people.member.id, 'READ_WRITE', { expired: true })).secret,
        revoked: (await createPersonalTestToken(people.member.id, 'READ_WRITE', { revoked: true })).secret,
        memberRead: (await createPersonalTestToken(people.member.id, 'READ')).secret,
        memberReadWrite: (await createPersonalTestToken(people.member.id, 'READ_WRITE')).secret,
        viewerReadWrite: (await createPersonalTestToken(people.viewer.id, 'READ_WRITE')).secret,
        outsiderReadWrite: (await createPersonalTestToken(people.otherTeam.id, 'READ_WRITE')).secret,
        teamIntake: (await createTeamTestToken(fixture.teamId, 'INTAKE')).secret,
        teamReadWrite: (await createTeamTestToken(fixture.teamId, 'READ_WRITE')).secret,
        otherTeamReadWrite: (await createTeamTestToken(other.teamId, 'READ_WRITE')).secret,
      };
      const call = async (fx: MatrixFixture, holder: Holder) => {
        const secret = secrets[holder];
        const headers: Record<string, string> = { 'accept-language': 'en' };
        if (secret) headers.authorization = `Bearer ${secret}`;
        const body = route.body ? JSON.stringify(bodyFor(route.operationId, fx)) : undefined;
        if (body) headers['content-type'] = 'application/json';
        const response = await fetch(new URL(pathFor(route.path, route.operationId, fx, holder), baseURL), { method: route.method, headers, body, redirect: 'manual' });
        const text = await response.text();
        let code = String(response.status);
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
        } catch {
          // not JSON
        }
        return { status: response.status, code, text, cors: response.headers.get('access-control-allow-origin') };
      };

      // The allowed, changing calls last, so that every refusal is checked against the unchanged fixture.
      for (const holder of HOLDERS) {
        let expected = EXPECTED[holder][route.kind];
        if (BOARDLESS.has(route.operationId) && (expected === 404 || (holder === 'outsiderReadWrite' && route.kind === 'read'))) expected = 'allowed';
        const before = await fingerprint(fixture);
        const outcome = await call(fixture, holder);
        const after = await fingerprint(fixture);
        const verdict: Expectation | 'unexpected' = outcome.status >= 200 && outcome.status < 300 ? 'allowed' : outcome.status === 401 || outcome.status === 403 || outcome.status === 404 ? outcome.status : 'unexpected';
        const unauthorisedSuccess = expected !== 'allowed' && (verdict === 'allowed' || before !== after);
        appendFileSync(CELLS_FILE, `${JSON.stringify({ route: route.operationId, holder, expected, status: outcome.status, code: outcome.code, unauthorisedSuccess } satisfies Cell)}\n`);
        const label = `${route.operationId} with ${holder}: ${outcome.status} ${outcome.code}`;
        expect.soft(verdict, label).toBe(expected);
        expect.soft(outcome.cors, `${label}: no CORS`).toBeNull();
        if (expected !== 'allowed') {
          expect.soft(after, `${label}: a refused call changed stored data`).toBe(before);
          expect.soft(outcome.text.includes(fixture.boardName), `${label}: a refusal names the board`).toBe(false);
          expect.soft(/^\{"error":\{"code":"[A-Z_]+","message":"[^"]+"/.test(outcome.text), `${label}: the one error shape`).toBe(true);
        } else if (route.kind !== 'read' && !BOARDLESS.has(route.operationId)) {
          expect.soft(after, `${label}: the allowed call changed nothing (is the call valid?)`).not.toBe(before);
        }
        if (expected === 404) {
          const ghost = await call(ghostOf(fixture), holder);
          expect.soft(`${ghost.status} ${ghost.text}`, `${label}: differs from the answer about a board that does not exist`).toBe(`${outcome.status} ${outcome.text}`);
        }
        if (route.operationId === 'listTeams' && verdict === 'allowed') {
          expect.soft(outcome.text.includes(other.teamId) && holder !== 'otherTeamReadWrite', `${label}: only the token's own teams`).toBe(false);
        }
      }
    });
  }

  test.afterAll(() => {
    const cells = readFileSync(CELLS_FILE, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Cell);
    const summary = { routes: new Set(cells.map((cell) => cell.route)).size, holders: HOLDERS.length, cells: cells.length, unauthorisedSuccesses: cells.filter((cell) => cell.unauthorisedSuccess).length };
    writeFileSync(path.join(RESULTS_DIR, 'api-access-matrix.json'), JSON.stringify({ ...summary, table: cells }, null, 2));
    console.log(`API access matrix: ${summary.routes} routes × ${summary.holders} token kinds = ${summary.cells} calls; ${summary.unauthorisedSuccesses} unauthorised successes.`);
  });
});
