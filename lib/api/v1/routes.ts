import 'server-only';
import type { z } from 'zod';
import type { ApiOperationKind } from '@/lib/api-tokens/scopes';
import type { BoardCommand } from '@/lib/board/commands';
import type { ApiPrincipal } from '@/lib/data/api-tokens';
import { executeBoardCommandForSession } from '@/lib/data/board-commands';
import { getBoardForUser } from '@/lib/data/boards';
import { withoutPeopleEvents } from '@/lib/people/card-people';
import { getCardDetail } from '@/lib/data/cards';
import { addComment, findCommentActor, listComments } from '@/lib/data/comments';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';
import { createApiTranslator } from './errors';
import { getBoardFlowData } from '@/lib/data/flow';
import { parseFlowRange } from '@/lib/data/flow-range';
import { getTeamsForUser } from '@/lib/data/teams';
import { AppError } from '@/lib/errors';
import {
  addCommentBodySchema,
  archivedAnswerSchema,
  blockCardBodySchema,
  boardParamsSchema,
  boardSchema,
  cardAnswerSchema,
  cardDetailSchema,
  cardHistorySchema,
  cardParamsSchema,
  commentAnswerSchema,
  commentsAnswerSchema,
  createCardBodySchema,
  emptyBodySchema,
  flowQuerySchema,
  flowSummarySchema,
  intakeAnswerSchema,
  intakeBodySchema,
  moveCardBodySchema,
  teamsSchema,
  tokenInfoSchema,
  updateCardBodySchema,
} from './schemas';
import { answerIntake } from './intake';

/** What a route handler gets: the validated parameters, query and body, and who is calling. */
export type ApiCall = {
  principal: ApiPrincipal;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: unknown;
  now: Date;
  locale: 'sv' | 'en';
};

export type ApiRoute = {
  method: 'GET' | 'POST' | 'PATCH';
  /** OpenAPI path template under /api/v1, e.g. /boards/{boardId}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'Teams and boards' | 'Cards' | 'Flow' | 'Intake' | 'Token';
  /** What the scope rule sees (lib/api-tokens/scopes.ts). */
  kind: ApiOperationKind;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: 200 | 201;
  /** The error statuses this route can answer with besides 401/403/404/422/503 (documented in OpenAPI). */
  conflicts?: boolean;
  rateLimited?: boolean;
  run(call: ApiCall): Promise<{ status?: number; body: unknown }>;
};

function command(call: ApiCall, value: BoardCommand) {
  return executeBoardCommandForSession({ userId: call.principal.actorUserId }, call.params.boardId as string, value, call.now);
}

/**
 * Every route of the public API v1. The router (router.ts) matches them, checks the token and its scope, parses
 * parameters and body with these schemas and runs `run`; the OpenAPI document (openapi.ts) is generated from the
 * same table, so a route cannot exist without being documented.
 */
export const API_ROUTES: ApiRoute[] = [
  {
    method: 'GET',
    path: '/token',
    operationId: 'getToken',
    summary: 'The token in use: its kind, scope and team',
    tag: 'Token',
    kind: 'read',
    response: tokenInfoSchema,
    async run({ principal }) {
      return { body: { token: { id: principal.tokenId, kind: principal.kind, scope: principal.scope, teamId: principal.teamId } } };
    },
  },
  {
    method: 'GET',
    path: '/teams',
    operationId: 'listTeams',
    summary: 'The teams the token reaches, with their boards',
    tag: 'Teams and boards',
    kind: 'read',
    response: teamsSchema,
    async run({ principal }) {
      const teams = await getTeamsForUser(principal.actorUserId);
      return { body: { teams: teams.map(({ memberCount: _memberCount, ...team }) => team) } };
    },
  },
  {
    method: 'GET',
    path: '/boards/{boardId}',
    operationId: 'getBoard',
    summary: 'Read a board: columns, lanes where present, open cards',
    tag: 'Teams and boards',
    kind: 'read',
    params: boardParamsSchema,
    response: boardSchema,
    async run({ principal, params, now }) {
      return { body: await getBoardForUser(principal.actorUserId, params.boardId as string, now) };
    },
  },
  {
    method: 'POST',
    path: '/boards/{boardId}/cards',
    operationId: 'createCard',
    summary: 'Create a card',
    tag: 'Cards',
    kind: 'write',
    params: boardParamsSchema,
    body: createCardBodySchema,
    response: cardAnswerSchema,
    status: 201,
    async run(call) {
      const body = call.body as z.infer<typeof createCardBodySchema>;
      return { status: 201, body: { card: (await command(call, { type: 'card.create', ...body })).card } };
    },
  },
  {
    method: 'GET',
    path: '/boards/{boardId}/cards/{cardId}',
    operationId: 'getCard',
    summary: 'Read a card with its description and history',
    tag: 'Cards',
    kind: 'read',
    params: cardParamsSchema,
    response: cardDetailSchema,
    async run({ principal, params }) {
      const card = await getCardDetail(principal.actorUserId, params.boardId as string, params.cardId as string, 'api');
      return { body: { card: { ...card, history: withoutPeopleEvents(card.history) } } };
    },
  },
  {
    method: 'PATCH',
    path: '/boards/{boardId}/cards/{cardId}',
    operationId: 'updateCard',
    summary: 'Change a card’s title, description, demand type or labels',
    tag: 'Cards',
    kind: 'write',
    params: cardParamsSchema,
    body: updateCardBodySchema,
    response: cardAnswerSchema,
    async run(call) {
      const body = call.body as z.infer<typeof updateCardBodySchema>;
      return { body: { card: (await command(call, { type: 'card.update', cardId: call.params.cardId as string, ...body })).card } };
    },
  },
  {
    method: 'GET',
    path: '/boards/{boardId}/cards/{cardId}/history',
    operationId: 'getCardHistory',
    summary: 'Read a card’s history',
    tag: 'Cards',
    kind: 'read',
    params: cardParamsSchema,
    response: cardHistorySchema,
    async run({ principal, params }) {
      const card = await getCardDetail(principal.actorUserId, params.boardId as string, params.cardId as string, 'api');
      return { body: { cardId: card.id, history: withoutPeopleEvents(card.history) } };
    },
  },
  {
    method: 'GET',
    path: '/boards/{boardId}/cards/{cardId}/comments',
    operationId: 'listComments',
    summary: 'Read a card’s comments, oldest first',
    tag: 'Cards',
    kind: 'read',
    params: cardParamsSchema,
    response: commentsAnswerSchema,
    async run({ principal, params }) {
      const comments = await listComments(principal.actorUserId, params.boardId as string, params.cardId as string, 'api');
      return { body: { cardId: params.cardId, comments: comments.map(({ isOwn: _isOwn, authorId: _authorId, ...comment }) => comment) } };
    },
  },
  {
    method: 'POST',
    path: '/boards/{boardId}/cards/{cardId}/comments',
    operationId: 'addComment',
    summary: 'Add a comment to a card',
    description:
      'The same comment as in the card dialog: everyone on the board sees it at once, the people it mentions (@Name) are notified, webhooks send comment.added. Text that looks like a Swedish personal identity number is saved with a warning.',
    tag: 'Cards',
    kind: 'write',
    params: cardParamsSchema,
    body: addCommentBodySchema,
    response: commentAnswerSchema,
    status: 201,
    async run(call) {
      const body = call.body as z.infer<typeof addCommentBodySchema>;
      const actor = await findCommentActor(call.principal.actorUserId);
      const change = await addComment(actor, { boardId: call.params.boardId as string, cardId: call.params.cardId as string, ...body }, call.now);
      const { isOwn: _isOwn, authorId: _authorId, ...comment } = change.comment!;
      const t = createApiTranslator(call.locale, 'api.warnings');
      const warnings = containsPersonalIdentityNumber(body.body) ? [{ code: 'PERSONAL_IDENTITY_NUMBER', message: t('PERSONAL_IDENTITY_NUMBER') }] : [];
      return { status: 201, body: { comment, card: change.card, warnings } };
    },
  },
  {
    method: 'POST',
    path: '/boards/{boardId}/cards/{cardId}/move',
    operationId: 'moveCard',
    summary: 'Move a card to a column and position',
    description: 'The same move as dragging on the board: the team’s WIP limits apply and everyone on the board sees it at once.',
    tag: 'Cards',
    kind: 'write',
    params: cardParamsSchema,
    body: moveCardBodySchema,
    response: cardAnswerSchema,
    conflicts: true,
    async run(call) {
      const body = call.body as z.infer<typeof moveCardBodySchema>;
      return { body: { card: (await command(call, { type: 'card.move', cardId: call.params.cardId as string, ...body })).card } };
    },
  },
  {
    method: 'POST',
    path: '/boards/{boardId}/cards/{cardId}/block',
    operationId: 'blockCard',
    summary: 'Mark a card blocked, with the reason',
    tag: 'Cards',
    kind: 'write',
    params: cardParamsSchema,
    body: blockCardBodySchema,
    response: cardAnswerSchema,
    async run(call) {
      const body = call.body as z.infer<typeof blockCardBodySchema>;
      return { body: { card: (await command(call, { type: 'card.block', cardId: call.params.cardId as string, ...body })).card } };
    },
  },
  {
    method: 'POST',
    path: '/boards/{boardId}/cards/{cardId}/unblock',
    operationId: 'unblockCard',
    summary: 'Clear a card’s blocked mark',
    tag: 'Cards',
    kind: 'write',
    params: cardParamsSchema,
    body: emptyBodySchema,
    response: cardAnswerSchema,
    async run(call) {
      return { body: { card: (await command(call, { type: 'card.unblock', cardId: call.params.cardId as string })).card } };
    },
  },
  {
    method: 'POST',
    path: '/boards/{boardId}/cards/{cardId}/archive',
    operationId: 'archiveCard',
    summary: 'Archive a card (it leaves the board; its history stays)',
    tag: 'Cards',
    kind: 'write',
    params: cardParamsSchema,
    body: emptyBodySchema,
    response: archivedAnswerSchema,
    async run(call) {
      await command(call, { type: 'card.archive', cardId: call.params.cardId as string });
      return { body: { cardId: call.params.cardId, archived: true } };
    },
  },
  {
    method: 'GET',
    path: '/boards/{boardId}/flow',
    operationId: 'getFlowSummary',
    summary: 'The board’s flow figures for a period (team level, as on the Flow page)',
    tag: 'Flow',
    kind: 'read',
    params: boardParamsSchema,
    query: flowQuerySchema,
    response: flowSummarySchema,
    async run({ principal, params, query, now }) {
      const range = parseFlowRange({ from: query.from, to: query.to }, now);
      if (range.problem !== null) throw new AppError('VALIDATION');
      const flow = await getBoardFlowData(principal.actorUserId, params.boardId as string, { from: range.fromInstant, to: range.toInstant, now, timeZone: range.timeZone });
      return {
        body: {
          boardId: flow.board.id,
          range: { from: flow.range.from, to: flow.range.to, timeZone: flow.range.timeZone, dayCount: flow.range.dayCount },
          arrived: flow.arrivedCount,
          finished: flow.finished.length,
          wipNow: flow.forecast.wipNow,
          cycleTimeDays: flow.cycleTimePercentiles,
          serviceLevelExpectation: flow.serviceLevelExpectation,
          weeklyThroughput: flow.weeklyThroughput,
          demand: flow.demand,
          blocked: flow.blocked,
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/boards/{boardId}/intake',
    operationId: 'intakeCase',
    summary: 'Demand intake: a case from an e-service or case system becomes a card',
    description:
      'Team integration tokens only. Creates a card in the board’s first not-started column; a case with a reference that is already on the board updates that card instead. Rate limited per token (429 with Retry-After).',
    tag: 'Intake',
    kind: 'intake',
    params: boardParamsSchema,
    body: intakeBodySchema,
    response: intakeAnswerSchema,
    status: 201,
    conflicts: true,
    rateLimited: true,
    run: answerIntake,
  },
];
