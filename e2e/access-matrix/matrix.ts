/**
 * THE ACCESS MATRIX: who may call each route handler, board command and server action.
 *
 * Adding a route handler (any exported method of any app/api/**\/route.ts), a board command type or a server
 * action (an export of a 'use server' module)? Add ONE entry below (a server action: in action-entries.ts), with
 * its access class and how to call it. The
 * matrix test (e2e/access-matrix.spec.ts, and lib/security/access-matrix-coverage.test.ts for a fast check) fails
 * while something callable has no entry, or an entry names something that no longer exists. A route that behaves
 * differently by input may have several entries: `METHOD /api/path <variant>` (as the board commands do).
 *
 * Access classes and what each role must get (routes answer with the status, actions with the code):
 *
 *                  anonymous  other team  instance admin  viewer  member  the allowed session, from a foreign site
 *   public         ok         ok          ok              ok      ok      GET: as the session's role; else 403
 *   signedIn       401        ok          ok              ok      ok      GET: ok; else 403
 *   teamRead       401        404         404             ok      ok      GET: ok (no CORS: the page cannot read it)
 *   teamMember     401        404         404             403     ok      GET: ok; else 403
 *   instanceAdmin  401        403         ok              403     403     GET: ok; else 403 (admin's session)
 *
 * 404 for someone not on the team, exactly as for a board or team that does not exist: the test compares the
 * two answers, so no response tells an outsider that another team's board exists.
 */
import { BOARD_COMMAND_TYPES, type BoardCommandType } from '../../lib/board/commands';
import { createMatrixComment } from './comment-fixture';
import { ACTION_ENTRIES } from './action-entries';
import type { MatrixEntry, MatrixFixture } from './matrix-types';

export { expectedFor, MATRIX_ROLES, type Access, type Expectation, type MatrixCall, type MatrixEntry, type MatrixFixture, type MatrixRole } from './matrix-types';

const COMMAND_ROUTE = 'POST /api/boards/[boardId]/commands';

/** One body per board command type: valid for the member, so a refusal can only come from the access check. */
const COMMAND_BODIES: Record<BoardCommandType, (fx: MatrixFixture) => Record<string, unknown>> = {
  'card.create': (fx) => ({ type: 'card.create', columnId: fx.columnIds[0], title: 'Matrix card' }),
  'card.update': (fx) => ({ type: 'card.update', cardId: fx.cardIds[0], title: 'Matrix title' }),
  'card.move': (fx) => ({ type: 'card.move', cardId: fx.cardIds[0], toColumnId: fx.columnIds[1], toIndex: 0 }),
  'card.block': (fx) => ({ type: 'card.block', cardId: fx.cardIds[0], reason: 'Waiting for a reply' }),
  'card.unblock': (fx) => ({ type: 'card.unblock', cardId: fx.blockedCardId }),
  'card.archive': (fx) => ({ type: 'card.archive', cardId: fx.cardIds[0] }),
  'card.join': (fx) => ({ type: 'card.join', cardId: fx.cardIds[0] }),
  // The fixture's member is on the third card (fixture.ts), so leaving it changes something.
  'card.leave': (fx) => ({ type: 'card.leave', cardId: fx.cardIds[2] }),
  'checklist.add': (fx) => ({ type: 'checklist.add', cardId: fx.cardIds[0], text: 'Matrix item' }),
  'checklist.update': (fx) => ({ type: 'checklist.update', cardId: fx.cardIds[0], itemId: fx.checklistItemId, isDone: true }),
  'checklist.move': (fx) => ({ type: 'checklist.move', cardId: fx.cardIds[0], itemId: fx.checklistItemId, toIndex: 1 }),
  'checklist.remove': (fx) => ({ type: 'checklist.remove', cardId: fx.cardIds[0], itemId: fx.checklistItemId }),
  'link.add': (fx) => ({ type: 'link.add', cardId: fx.cardIds[0], awaitedCardId: fx.cardIds[2] }),
  'link.remove': (fx) => ({ type: 'link.remove', cardId: fx.cardIds[1], linkId: fx.cardLinkId }),
  'column.create': () => ({ type: 'column.create', name: 'Matrix column', flowState: 'IN_PROGRESS' }),
  'column.update': (fx) => ({ type: 'column.update', columnId: fx.columnIds[0], wipLimit: 3 }),
  'column.reorder': (fx) => ({ type: 'column.reorder', columnId: fx.columnIds[0], toIndex: 1 }),
  'column.delete': (fx) => ({ type: 'column.delete', columnId: fx.columnIds[2] }),
  'lane.create': () => ({ type: 'lane.create', name: 'Matrix lane', classOfService: 'EXPEDITE' }),
  'lane.update': (fx) => ({ type: 'lane.update', laneId: fx.laneIds[1], wipLimit: 1, wipMode: 'STRICT', policy: 'Matrix policy' }),
  'lane.reorder': (fx) => ({ type: 'lane.reorder', laneId: fx.laneIds[1], toIndex: 0 }),
  'lane.delete': (fx) => ({ type: 'lane.delete', laneId: fx.laneIds[1] }),
};

const commandEntries: MatrixEntry[] = BOARD_COMMAND_TYPES.map((type) => ({
  key: `${COMMAND_ROUTE} ${type}`,
  access: 'teamMember',
  mutates: true,
  call: (fx) => ({ kind: 'route', method: 'POST', path: `/api/boards/${fx.boardId}/commands`, body: COMMAND_BODIES[type](fx) }),
}));

export const MATRIX: MatrixEntry[] = [
  // ── Route handlers ──────────────────────────────────────────────────────────────────────────────────────────
  { key: 'GET /api/health', access: 'public', mutates: false, call: () => ({ kind: 'route', method: 'GET', path: '/api/health' }) },
  {
    // next-auth's endpoints: the session endpoint answers every caller with their own session only.
    key: 'GET /api/auth/[...nextauth]',
    access: 'public',
    mutates: false,
    call: () => ({ kind: 'route', method: 'GET', path: '/api/auth/session' }),
  },
  {
    // next-auth's sign-in: public by nature; without next-auth's CSRF token it signs nobody in (checked in the
    // spec: no session cookie), and from a foreign site it is refused before next-auth sees it (proxy.ts).
    key: 'POST /api/auth/[...nextauth]',
    access: 'public',
    mutates: false,
    call: () => ({ kind: 'route', method: 'POST', path: '/api/auth/callback/credentials', form: { email: 'nobody@matrix.example', password: 'x', json: 'true' } }),
  },
  { key: 'GET /api/boards/[boardId]', access: 'teamRead', mutates: false, call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}` }) },
  {
    key: 'GET /api/boards/[boardId]/cards/[cardId]',
    access: 'teamRead',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/cards/${fx.cardIds[0]}` }),
  },
  // Comments (lib/data/comments.ts): read by the team, written by its members; only the author edits or deletes.
  {
    key: 'GET /api/boards/[boardId]/cards/[cardId]/comments',
    access: 'teamRead',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/cards/${fx.cardIds[0]}/comments` }),
  },
  {
    key: 'POST /api/boards/[boardId]/cards/[cardId]/comments',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'route', method: 'POST', path: `/api/boards/${fx.boardId}/cards/${fx.cardIds[0]}/comments`, body: { body: 'Matrix comment' } }),
  },
  {
    key: 'PATCH /api/boards/[boardId]/cards/[cardId]/comments/[commentId]',
    access: 'teamMember',
    mutates: true,
    call: async (fx) => ({ kind: 'route', method: 'PATCH', path: `/api/boards/${fx.boardId}/cards/${fx.cardIds[1]}/comments/${await createMatrixComment(fx)}`, body: { body: 'Matrix edit' } }),
  },
  {
    key: 'DELETE /api/boards/[boardId]/cards/[cardId]/comments/[commentId]',
    access: 'teamMember',
    mutates: true,
    call: async (fx) => ({ kind: 'route', method: 'DELETE', path: `/api/boards/${fx.boardId}/cards/${fx.cardIds[1]}/comments/${await createMatrixComment(fx)}` }),
  },
  // The person's own notifications: every signed-in person has a list, and sees and marks only their own.
  { key: 'GET /api/notifications', access: 'signedIn', mutates: false, call: () => ({ kind: 'route', method: 'GET', path: '/api/notifications' }) },
  { key: 'POST /api/notifications', access: 'signedIn', mutates: false, call: () => ({ kind: 'route', method: 'POST', path: '/api/notifications', body: { all: true } }) },
  {
    // The "Waiting for" combobox's search: it serves a change, so members only.
    key: 'GET /api/boards/[boardId]/cards/[cardId]/link-candidates',
    access: 'teamMember',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/cards/${fx.cardIds[0]}/link-candidates?q=` }),
  },
  ...commandEntries,
  {
    // On a board that may hold client data the same read writes an access-log row: the fingerprint counts the
    // board's log rows, so a refused read must leave none.
    key: 'GET /api/boards/[boardId]/cards/[cardId] client-data',
    access: 'teamRead',
    mutates: false,
    call: async (fx) => {
      await fx.markHoldsClientData();
      return { kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/cards/${fx.cardIds[0]}` };
    },
  },
  {
    // The board's access log as CSV: it names colleagues and what they read, so members only (not viewers).
    key: 'GET /api/boards/[boardId]/access-log',
    access: 'teamMember',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/access-log` }),
  },
  {
    key: 'GET /api/boards/[boardId]/events',
    access: 'teamRead',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/events`, stream: true }),
  },
  {
    key: 'GET /api/boards/[boardId]/search',
    access: 'teamRead',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/search` }),
  },
  {
    key: 'GET /api/boards/[boardId]/flow/export',
    access: 'teamRead',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/flow/export?dataset=items` }),
  },
  {
    key: 'POST /api/boards/[boardId]/standups',
    access: 'teamMember',
    mutates: true,
    call: async (fx) => {
      await fx.endStandups();
      return { kind: 'route', method: 'POST', path: `/api/boards/${fx.boardId}/standups`, body: {} };
    },
  },
  {
    key: 'PATCH /api/boards/[boardId]/standups',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'route', method: 'PATCH', path: `/api/boards/${fx.boardId}/standups`, body: { standupId: fx.standupId } }),
  },
  {
    key: 'POST /api/boards/[boardId]/experiments',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({
      kind: 'route',
      method: 'POST',
      path: `/api/boards/${fx.boardId}/experiments`,
      body: {
        change: 'Matrix experiment',
        hypothesis: 'Cycle time drops',
        measure: 'CYCLE_TIME',
        expectedDirection: 'DOWN',
        reviewDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        preparedChange: { kind: 'column.wip', columnId: fx.columnIds[1], wipLimit: 2, wipMode: 'ADVISORY' },
      },
    }),
  },
  {
    key: 'PATCH /api/boards/[boardId]/experiments/[experimentId]',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'route', method: 'PATCH', path: `/api/boards/${fx.boardId}/experiments/${fx.experimentId}`, body: { action: 'edit', hypothesis: 'Matrix hypothesis' } }),
  },
  {
    key: 'GET /api/boards/[boardId]/export cards',
    access: 'teamRead',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/export?kind=cards` }),
  },
  {
    // The full JSON export (history with names) is for the team's members only.
    key: 'GET /api/boards/[boardId]/export json',
    access: 'teamMember',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/boards/${fx.boardId}/export?kind=json` }),
  },
  {
    // Everything Tillit holds about the caller (GDPR art. 15): their own data, whoever they are.
    key: 'GET /api/account/export',
    access: 'signedIn',
    mutates: false,
    call: () => ({ kind: 'route', method: 'GET', path: '/api/account/export' }),
  },
  {
    // Whether this very file (by its SHA-256) was imported before: the import page's duplicate warning.
    key: 'GET /api/teams/[teamId]/import',
    access: 'teamMember',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/teams/${fx.teamId}/import?hash=${'0'.repeat(64)}` }),
  },
  {
    key: 'POST /api/teams/[teamId]/import',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({
      kind: 'route',
      method: 'POST',
      path: `/api/teams/${fx.teamId}/import?options=${encodeURIComponent(JSON.stringify({ fileName: 'matris.csv', boardName: 'Importerad matris' }))}`,
      raw: { text: 'Titel;Kolumn\nImporterat ärende;Inkommet\n', contentType: 'text/csv; charset=utf-8' },
    }),
  },
  {
    key: 'GET /api/teams/[teamId]/retention',
    access: 'teamRead',
    mutates: false,
    call: (fx) => ({ kind: 'route', method: 'GET', path: `/api/teams/${fx.teamId}/retention` }),
  },
  {
    key: 'PUT /api/teams/[teamId]/retention',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'route', method: 'PUT', path: `/api/teams/${fx.teamId}/retention`, body: { months: 12 } }),
  },

  // The public API's reference page and its files: public documentation (e2e/api.spec.ts checks the page).
  { key: 'GET /api/docs', access: 'public', mutates: false, call: () => ({ kind: 'route', method: 'GET', path: '/api/docs' }) },
  { key: 'GET /api/docs/[asset]', access: 'public', mutates: false, call: () => ({ kind: 'route', method: 'GET', path: '/api/docs/swagger-ui.css' }) },
  // The public API v1 takes a bearer token only: a session cookie authenticates nobody there, so every role here
  // (cookies) gets 401, and nothing ambient can be forged from a foreign site. Tokens: e2e/api-access-matrix.spec.ts.
  ...(['GET', 'POST', 'PATCH'] as const).map(
    (method): MatrixEntry => ({
      key: `${method} /api/v1/[...path]`,
      access: 'signedIn',
      mutates: false,
      override: { otherTeam: 401, instanceAdmin: 401, viewer: 401, member: 401, foreignSite: 401 },
      call: (fx) =>
        method === 'GET'
          ? { kind: 'route', method, path: `/api/v1/boards/${fx.boardId}` }
          : method === 'POST'
            ? { kind: 'route', method, path: `/api/v1/boards/${fx.boardId}/cards/${fx.cardIds[0]}/move`, body: { toColumnId: fx.columnIds[1], toIndex: 0 } }
            : { kind: 'route', method, path: `/api/v1/boards/${fx.boardId}/cards/${fx.cardIds[0]}`, body: { title: 'Matrix title' } },
    }),
  ),

  ...ACTION_ENTRIES,
];

/** The route keys the matrix covers: `METHOD /path`, whatever the variant (a board command covers the commands route). */
export function coveredRouteKeys(): Set<string> {
  return new Set(MATRIX.filter((entry) => !entry.key.includes('#')).map((entry) => entry.key.split(' ').slice(0, 2).join(' ')));
}

export function coveredCommandTypes(): Set<string> {
  return new Set(MATRIX.filter((entry) => entry.key.startsWith(`${COMMAND_ROUTE} `)).map((entry) => entry.key.slice(COMMAND_ROUTE.length + 1)));
}

export function coveredActionKeys(): Set<string> {
  return new Set(MATRIX.filter((entry) => entry.key.includes('#')).map((entry) => entry.key));
}
