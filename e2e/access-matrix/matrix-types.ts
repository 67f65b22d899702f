/** The access matrix's vocabulary: roles, access classes, what each role must get, and the shape of an entry. */
export const MATRIX_ROLES = ['anonymous', 'otherTeam', 'instanceAdmin', 'viewer', 'member', 'foreignSite'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

export type Access = 'public' | 'signedIn' | 'teamRead' | 'teamMember' | 'instanceAdmin';
export type Expectation = 'allowed' | 401 | 403 | 404;

const EXPECTED: Record<Access, Record<MatrixRole, Expectation>> = {
  public: { anonymous: 'allowed', otherTeam: 'allowed', instanceAdmin: 'allowed', viewer: 'allowed', member: 'allowed', foreignSite: 403 },
  signedIn: { anonymous: 401, otherTeam: 'allowed', instanceAdmin: 'allowed', viewer: 'allowed', member: 'allowed', foreignSite: 403 },
  teamRead: { anonymous: 401, otherTeam: 404, instanceAdmin: 404, viewer: 'allowed', member: 'allowed', foreignSite: 403 },
  teamMember: { anonymous: 401, otherTeam: 404, instanceAdmin: 404, viewer: 403, member: 'allowed', foreignSite: 403 },
  instanceAdmin: { anonymous: 401, otherTeam: 403, instanceAdmin: 'allowed', viewer: 403, member: 403, foreignSite: 403 },
};

/** What the fixture of one entry holds: a team with a board, and people in every role (see fixture.ts). */
export type MatrixFixture = {
  teamId: string;
  boardId: string;
  boardName: string;
  columnIds: [string, string, string];
  /** A standard lane holding every card, and an empty intangible lane. */
  laneIds: [string, string];
  /** Two open cards in the first column, one in the second; `blockedCardId` is blocked. */
  cardIds: [string, string, string];
  blockedCardId: string;
  /** A checklist item on the first card. */
  checklistItemId: string;
  /** A "waiting for" link: the second card waits for the third. */
  cardLinkId: string;
  /** A standup under way on the board. */
  standupId: string;
  /** A proposed improvement experiment on the board. */
  experimentId: string;
  /** A pending invitation to the team. */
  invitationId: string;
  /** A second MEMBER of the team, whose role the role and removal actions change. */
  colleagueId: string;
  /** A fresh single-use invitation to a third team that none of the roles belong to. */
  newOpenInvitationToken(): Promise<string>;
  /** Ends every standup on the board (so that starting one creates one). */
  endStandups(): Promise<void>;
  /** A log review of the board's read log, drawn and not yet reviewed (one read in its sample, from today). */
  readLogReviewId: string;
  /** Marks the board as possibly holding client data (every read of a card's content is then logged). */
  markHoldsClientData(): Promise<void>;
  /** Archives the board, if it is not archived already (so that restoring it restores something). */
  archiveBoard(): Promise<void>;
};

export type MatrixCall =
  | {
      kind: 'route';
      method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      path: string;
      /** A JSON body, a form, or raw text with its content type. */
      body?: unknown;
      form?: Record<string, string>;
      raw?: { text: string; contentType: string };
      /** An endless stream (SSE): only the status and headers are read. */
      stream?: boolean;
    }
  | { kind: 'action'; page: string; args: unknown[] };

export type MatrixEntry = {
  /** What is called: `METHOD /api/path`, `POST /api/boards/[boardId]/commands <type>`, or `file#export`. */
  key: string;
  access: Access;
  /** Whether a successful call changes stored data; the member's (allowed) call must then change something. */
  mutates: boolean;
  /** How to call it, given a fixture (called again with a fixture whose team and board do not exist). */
  call(fixture: MatrixFixture): MatrixCall | Promise<MatrixCall>;
  /** Exceptions to the access class, with the reason in a comment. */
  override?: Partial<Record<MatrixRole, Expectation>>;
};

export function expectedFor(entry: MatrixEntry, role: MatrixRole, call: MatrixCall): Expectation {
  const override = entry.override?.[role];
  if (override !== undefined) return override;
  // From a foreign site, a GET is answered as for the session's own role (the browser keeps the answer from the
  // foreign page: no CORS headers); anything else is refused before it runs.
  if (role === 'foreignSite' && call.kind === 'route' && call.method === 'GET') return EXPECTED[entry.access][entry.access === 'instanceAdmin' ? 'instanceAdmin' : 'member'];
  return EXPECTED[entry.access][role];
}
