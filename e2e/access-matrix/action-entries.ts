/**
 * The access matrix's server-action entries (an export of a 'use server' module, called as the page that uses it
 * would): one entry each, with its access class. The matrix itself, its access classes and the rest of its entries
 * are in e2e/access-matrix/matrix.ts.
 */
import { TEST_PASSWORD } from '../fixtures/test-data';
import { createMatrixTeamToken, createMatrixWebhook, createStrangersPersonalToken } from './api-fixture';
import type { MatrixEntry } from './matrix-types';

export const ACTION_ENTRIES: MatrixEntry[] = [
  // ── Server actions ──────────────────────────────────────────────────────────────────────────────────────────
  // The language choice: a cookie, no data; anyone, also before signing in.
  { key: 'app/actions.ts#setLocaleAction', access: 'public', mutates: false, call: () => ({ kind: 'action', page: '/sign-in', args: ['en'] }) },
  {
    key: 'app/(app)/teams/[teamId]/members/actions.ts#changeMemberRoleAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/members`, args: [fx.teamId, fx.colleagueId, 'VIEWER'] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/members/actions.ts#removeMemberAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/members`, args: [fx.teamId, fx.colleagueId] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/members/actions.ts#createInvitationAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/members`, args: [fx.teamId, 'VIEWER', null] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/members/actions.ts#revokeInvitationAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/members`, args: [fx.teamId, fx.invitationId] }),
  },
  {
    // Whoever holds a valid link may join (that is what the link is for); every call gets a fresh link.
    key: 'app/invitations/[token]/actions.ts#acceptInvitationAction',
    access: 'signedIn',
    mutates: true,
    call: async (fx) => {
      const token = await fx.newOpenInvitationToken();
      return { kind: 'action', page: `/invitations/${token}`, args: [token] };
    },
  },
  // API tokens and webhooks (docs/api.md). Personal tokens: the person's own, whoever they are.
  {
    key: 'app/(app)/account/token-actions.ts#createPersonalTokenAction',
    access: 'signedIn',
    mutates: true,
    call: () => ({ kind: 'action', page: '/account', args: [{ name: 'Matrisnyckel', scope: 'READ', expiresInDays: 7 }] }),
  },
  {
    // Someone else's token: no role may revoke it (revoking one's own is in e2e/api.spec.ts).
    key: 'app/(app)/account/token-actions.ts#revokePersonalTokenAction',
    access: 'signedIn',
    mutates: false,
    override: { otherTeam: 404, instanceAdmin: 404, viewer: 404, member: 404 },
    call: async () => ({ kind: 'action', page: '/account', args: [await createStrangersPersonalToken()] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/integrations/actions.ts#createTeamTokenAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/integrations`, args: [fx.teamId, { name: 'E-tjänst', scope: 'INTAKE', expiresInDays: 30 }] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/integrations/actions.ts#revokeTeamTokenAction',
    access: 'teamMember',
    mutates: true,
    call: async (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/integrations`, args: [fx.teamId, await createMatrixTeamToken(fx.teamId)] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/integrations/actions.ts#createWebhookAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/integrations`, args: [fx.teamId, { url: 'http://127.0.0.1:9/matrix-new', events: ['card.created'] }] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/integrations/actions.ts#deleteWebhookAction',
    access: 'teamMember',
    mutates: true,
    call: async (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/integrations`, args: [fx.teamId, (await createMatrixWebhook(fx.teamId)).endpointId] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/integrations/actions.ts#enableWebhookAction',
    access: 'teamMember',
    mutates: true,
    call: async (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/integrations`, args: [fx.teamId, (await createMatrixWebhook(fx.teamId, { isDisabled: true })).endpointId] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/integrations/actions.ts#resendDeliveryAction',
    access: 'teamMember',
    mutates: true,
    call: async (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/integrations`, args: [fx.teamId, (await createMatrixWebhook(fx.teamId)).deliveryId] }),
  },
  {
    // Ends the caller's own sessions (raises their session generation): their own account only, whoever they are.
    key: 'app/(app)/account/actions.ts#signOutEverywhereAction',
    access: 'signedIn',
    mutates: true,
    call: () => ({ kind: 'action', page: '/account', args: [] }),
  },
  {
    // The caller's own choice of an e-mail for mentions (the shared servers have SMTP): their own account only.
    key: 'app/(app)/account/mention-email-actions.ts#setEmailOnMentionAction',
    access: 'signedIn',
    mutates: true,
    call: () => ({ kind: 'action', page: '/account', args: [true] }),
  },
  // The account security page: each works on the caller's own account only. A wrong code is an answer on the merits
  // (http.ts ANSWERED_ON_THE_MERITS), not a refusal; none changes another person's data.
  {
    key: 'app/(app)/account/actions.ts#startTwoFactorSetupAction',
    access: 'signedIn',
    mutates: false,
    call: () => ({ kind: 'action', page: '/account/security', args: [] }),
  },
  {
    // A wrong code: refused as CODE_INVALID (or SETUP_EXPIRED without a set-up), which the matrix counts as an answer.
    key: 'app/(app)/account/actions.ts#confirmTwoFactorSetupAction',
    access: 'signedIn',
    mutates: false,
    call: () => ({ kind: 'action', page: '/account/security', args: ['000000'] }),
  },
  {
    key: 'app/(app)/account/actions.ts#renewRecoveryCodesAction',
    access: 'signedIn',
    mutates: false,
    call: () => ({ kind: 'action', page: '/account/security', args: ['000000', 'totp'] }),
  },
  {
    key: 'app/(app)/account/actions.ts#disableTwoFactorAction',
    access: 'signedIn',
    mutates: false,
    call: () => ({ kind: 'action', page: '/account/security', args: ['000000', 'totp'] }),
  },
  {
    // The role's own password (every fixture person has TEST_PASSWORD): changed, and the account's other sessions end.
    key: 'app/(app)/account/actions.ts#changePasswordAction',
    access: 'signedIn',
    mutates: true,
    call: () => ({ kind: 'action', page: '/account/security', args: [TEST_PASSWORD, 'a new password of length', 'a new password of length'] }),
  },
  {
    key: 'app/(app)/teams/[teamId]/members/security-actions.ts#setTeamTwoFactorRequirementAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/teams/${fx.teamId}/members`, args: [fx.teamId, true] }),
  },
  // The team's own boards (issue 11 §1): members create, rename, archive and restore; viewers and outsiders nothing.
  {
    key: 'app/(app)/teams/board-actions.ts#createBoardAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: '/teams', args: [fx.teamId, { name: 'Matristavla', source: { kind: 'template', templateId: 'simple' } }] }),
  },
  {
    key: 'app/(app)/teams/board-actions.ts#renameBoardAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: '/teams', args: [fx.boardId, 'Matris omdöpt'] }),
  },
  {
    key: 'app/(app)/teams/board-actions.ts#archiveBoardAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: '/teams', args: [fx.boardId] }),
  },
  {
    key: 'app/(app)/teams/board-actions.ts#restoreBoardAction',
    access: 'teamMember',
    mutates: true,
    call: async (fx) => {
      await fx.archiveBoard();
      return { kind: 'action', page: '/teams', args: [fx.boardId] };
    },
  },
  {
    key: 'app/(app)/boards/[boardId]/access-log/actions.ts#setBoardHoldsClientDataAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/boards/${fx.boardId}/access-log`, args: [fx.boardId, true] }),
  },
  {
    key: 'app/(app)/boards/[boardId]/access-log/actions.ts#drawReadLogSampleAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => {
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
      return { kind: 'action', page: `/boards/${fx.boardId}/access-log`, args: [fx.boardId, { from: '2020-01-01', to: today, size: 5 }] };
    },
  },
  {
    key: 'app/(app)/boards/[boardId]/access-log/actions.ts#recordReadLogReviewAction',
    access: 'teamMember',
    mutates: true,
    call: (fx) => ({ kind: 'action', page: `/boards/${fx.boardId}/access-log`, args: [fx.boardId, fx.readLogReviewId, 'Matrisgenomgång'] }),
  },
  {
    key: 'app/(app)/admin/actions.ts#createTeamAction',
    access: 'instanceAdmin',
    mutates: true,
    call: () => ({ kind: 'action', page: '/admin', args: [`Matristeamet ${Date.now()}`, `first.${Date.now()}@matrix.example`] }),
  },
];
