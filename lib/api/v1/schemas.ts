/**
 * The zod schemas of the public API v1: request bodies and parameters (what the routes validate with) and the
 * answers (what the OpenAPI document describes). Request bodies for card changes are the board command schemas
 * of the UI (lib/board/commands.ts) without their `type`, so the API accepts exactly what the board accepts.
 * Answers are loose objects: fields may be added in v1 (lanes, comments…), never removed or changed.
 */
import { z } from 'zod';
import { boardCommandSchema, type BoardCommandType } from '@/lib/board/commands';
import { DEMAND_TYPES } from '@/lib/board/types';
import { FLOW_STATES } from '@/lib/domain/flow-states';
import { TEAM_ROLES } from '@/lib/domain/permissions';
import { WIP_MODES } from '@/lib/domain/wip';
import { commentInputSchema } from '@/lib/comments/schema';

export const API_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const idSchema = z.string().min(1).max(64).regex(API_ID_PATTERN);

/** The body of one board command without its discriminator, e.g. card.move → { cardId, toColumnId, toIndex, … }. */
function commandBody<T extends BoardCommandType>(type: T) {
  const option = boardCommandSchema.options.find((candidate) => candidate.shape.type.value === type);
  if (!option) throw new Error(`no board command ${type}`);
  return option as Extract<(typeof boardCommandSchema.options)[number], { shape: { type: z.ZodLiteral<T> } }>;
}

// ── Parameters ──────────────────────────────────────────────────────────────────────────────────────────────

export const boardParamsSchema = z.object({ boardId: idSchema.meta({ description: 'The board id (from GET /teams).' }) });
export const cardParamsSchema = z.object({ boardId: idSchema.meta({ description: 'The board id.' }), cardId: idSchema.meta({ description: 'The card id.' }) });
export const teamParamsSchema = z.object({});

export const idempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: 'Any unique string (a UUID): a repeat with the same key and body gets the first answer and changes nothing; with another body it is refused (409). Kept 24 hours.' }),
});

export const flowQuerySchema = z.object({
  from: z.iso.date().optional().meta({ description: 'First calendar day (YYYY-MM-DD, Europe/Stockholm). Default: 12 weeks ago.' }),
  to: z.iso.date().optional().meta({ description: 'Last calendar day. Default: today.' }),
});

// ── Request bodies ──────────────────────────────────────────────────────────────────────────────────────────

export const createCardBodySchema = commandBody('card.create').omit({ type: true }).meta({ id: 'CreateCard', description: 'A new card in a column of the board.' });
export const updateCardBodySchema = commandBody('card.update').omit({ type: true, cardId: true }).meta({ id: 'UpdateCard', description: 'Fields to change; those left out stay as they are.' });
export const moveCardBodySchema = commandBody('card.move')
  .omit({ type: true, cardId: true })
  .meta({ id: 'MoveCard', description: 'Where the card goes: a column and a position in it (0 = top, clamped). Over an advisory WIP limit the move needs confirmOverLimit: true (409 WIP_CONFIRMATION_NEEDED otherwise); a strict limit refuses it (409 WIP_LIMIT_REACHED).' });
export const blockCardBodySchema = commandBody('card.block').omit({ type: true, cardId: true }).meta({ id: 'BlockCard' });
export const emptyBodySchema = z.strictObject({}).meta({ id: 'Empty', description: 'No fields (an empty JSON object, or no body).' });

export const INTAKE_REFERENCE_MAX = 60;
export const INTAKE_TITLE_MAX = 200;
export const INTAKE_TEXT_MAX = 10_000;

export const intakeBodySchema = z
  .strictObject({
    title: z.string().trim().min(1, 'titleRequired').max(INTAKE_TITLE_MAX, 'titleTooLong').meta({ description: 'What the case is about, in a few words.' }),
    description: z.string().max(INTAKE_TEXT_MAX, 'textTooLong').default('').meta({ description: 'Markdown. Avoid personal identity numbers: the answer warns when it finds one.' }),
    reference: z
      .string()
      .trim()
      .min(1, 'referenceInvalid')
      .max(INTAKE_REFERENCE_MAX, 'referenceInvalid')
      .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._:/#-]*$/u, 'referenceInvalid')
      .optional()
      .meta({ description: 'The case number in the sending system (unique per board). Sending the same reference again updates that card instead of creating a second one.' }),
    demand: z.enum(DEMAND_TYPES, 'demandInvalid').meta({ description: 'Seddon: VALUE demand is what the service exists for; FAILURE demand is caused by a failure to do something or do it right (a chase-up, a re-submission); UNKNOWN when the sender cannot tell.' }),
  })
  .meta({ id: 'IntakeCase' });

// ── Answers ─────────────────────────────────────────────────────────────────────────────────────────────────

const isoDateTime = z.string().meta({ format: 'date-time' });

export const cardSchema = z
  .looseObject({
    id: z.string(),
    columnId: z.string(),
    laneId: z.string().optional().meta({ description: 'The lane (swimlane) the card is in.' }),
    title: z.string(),
    position: z.number().meta({ description: 'Order within the column (smaller is higher).' }),
    demand: z.enum(DEMAND_TYPES),
    labels: z.array(z.string()),
    blockedReason: z.string().nullable(),
    blockedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    startedAt: isoDateTime.nullable().meta({ description: 'When the card crossed the team’s commitment point.' }),
    doneAt: isoDateTime.nullable(),
    lastMovedAt: isoDateTime,
    version: z.number().int().meta({ description: 'Increments with every change.' }),
    people: z
      .array(z.object({ userId: z.string(), name: z.string(), initials: z.string() }))
      .meta({ description: 'Who put themselves on the card ("I’m on it"), by name. Coordination only: no time or count per person, and the card history here leaves joining and leaving out.' }),
    checklist: z
      .object({ done: z.number().int(), total: z.number().int() })
      .nullable()
      .optional()
      .meta({ description: 'Checklist progress (“3/5”): items done of all; null when the card has no checklist.' }),
    waitingFor: z
      .object({ done: z.number().int(), total: z.number().int() })
      .nullable()
      .optional()
      .meta({ description: '“Waiting for”: how many cards of the team this card waits for, and how many of them are done (or archived); null when it waits for none. done = total: free to go on.' }),
  })
  .meta({ id: 'Card' });

export const columnSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    position: z.number(),
    wipLimit: z.number().int().nullable(),
    wipMode: z.enum(WIP_MODES),
    policy: z.string().meta({ description: 'The team’s explicit policy for the column, Markdown.' }),
    flowState: z.enum(FLOW_STATES),
  })
  .meta({ id: 'Column' });

export const laneSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    position: z.number(),
    classOfService: z.string().meta({ description: 'STANDARD, EXPEDITE or INTANGIBLE.' }),
    wipLimit: z.number().int().nullable(),
    wipMode: z.enum(WIP_MODES),
    policy: z.string(),
  })
  .meta({ id: 'Lane' });

export const boardSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    team: z.object({ id: z.string(), name: z.string() }),
    role: z.enum(TEAM_ROLES).meta({ description: 'The token holder’s role on the team.' }),
    columns: z.array(columnSchema),
    lanes: z.array(laneSchema).optional().meta({ description: 'Swimlanes, in order; every board has at least one.' }),
    cards: z.array(cardSchema),
    cycleTimeP85Days: z.number().nullable(),
    holdsClientData: z.boolean().optional().meta({ description: 'The team marked the board as possibly holding client data: every read of a card’s content (GET …/cards/{cardId} and its history) is logged in the board’s access log before it is answered.' }),
    archivedAt: z.string().nullable().optional().meta({ description: 'When the team archived the board (read-only: every write answers 409 BOARD_ARCHIVED), or null.' }),
  })
  .meta({ id: 'Board', description: 'The board as its team sees it: columns (and lanes, where the team uses them) in order, open cards in order.' });

export const teamsSchema = z
  .object({
    teams: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        role: z.enum(TEAM_ROLES),
        boards: z.array(z.looseObject({ id: z.string(), name: z.string(), archivedAt: z.string().nullable().optional().meta({ description: 'When the board was archived (read-only), or null.' }) })),
      }),
    ),
  })
  .meta({ id: 'Teams' });

export const historyEntrySchema = z
  .looseObject({
    id: z.string(),
    type: z.string().meta({ description: 'CREATED, MOVED, EDITED, BLOCKED, UNBLOCKED, ARCHIVED, …' }),
    at: isoDateTime,
    actorName: z.string().nullable().meta({ description: 'Who made the change, as the board shows it to the team.' }),
    fromColumnName: z.string().nullable(),
    toColumnName: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'CardHistoryEntry' });

export const cardDetailSchema = z.object({ card: cardSchema.extend({ description: z.string(), history: z.array(historyEntrySchema) }) }).meta({ id: 'CardDetail' });
export const cardHistorySchema = z.object({ cardId: z.string(), history: z.array(historyEntrySchema) }).meta({ id: 'CardHistory' });
export const cardAnswerSchema = z.object({ card: cardSchema }).meta({ id: 'CardAnswer' });
export const archivedAnswerSchema = z.object({ cardId: z.string(), archived: z.literal(true) }).meta({ id: 'Archived' });

export const warningSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'Warning' });
export const intakeAnswerSchema = z
  .object({
    outcome: z.enum(['created', 'updated']).meta({ description: 'created: a new card; updated: the card with the same reference was updated.' }),
    card: cardSchema.extend({ reference: z.string().nullable() }),
    warnings: z.array(warningSchema).meta({ description: 'E.g. PERSONAL_IDENTITY_NUMBER: the text looks like it holds a Swedish personal identity number.' }),
  })
  .meta({ id: 'IntakeAnswer' });

export const flowSummarySchema = z
  .looseObject({
    boardId: z.string(),
    range: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), dayCount: z.number().int() }),
    arrived: z.number().int().meta({ description: 'Cards created in the period.' }),
    finished: z.number().int().meta({ description: 'Cards that reached done in the period.' }),
    wipNow: z.number().int(),
    cycleTimeDays: z.object({ p50: z.number(), p85: z.number(), p95: z.number() }).nullable(),
    serviceLevelExpectation: z.object({ percentile: z.number(), days: z.number(), basedOn: z.number().int() }).nullable().meta({ description: 'A forecast from the team’s own history, never a target.' }),
    weeklyThroughput: z.array(z.looseObject({ count: z.number().int() })),
    demand: z.unknown().meta({ description: 'Value and failure demand among the period’s arrivals.' }),
  })
  .meta({ id: 'FlowSummary', description: 'The team-level figures of the Flow page. Never per person.' });

export const tokenInfoSchema = z
  .object({ token: z.object({ id: z.string(), kind: z.enum(['PERSONAL', 'TEAM']), scope: z.enum(['READ', 'READ_WRITE', 'INTAKE']), teamId: z.string().nullable() }) })
  .meta({ id: 'TokenInfo' });

export const errorSchema = z
  .object({
    error: z.looseObject({
      code: z.string().meta({ description: 'Stable, for programs: UNAUTHENTICATED, TOKEN_EXPIRED, TOKEN_SCOPE, NOT_FOUND, VALIDATION, IDEMPOTENCY_KEY_REUSED, RATE_LIMITED, …' }),
      message: z.string().meta({ description: 'For people, in the language of Accept-Language (Swedish or English).' }),
    }),
  })
  .meta({ id: 'Error' });

// ── Comments (lib/data/comments.ts) ─────────────────────────────────────────────────────────────────────────

export const addCommentBodySchema = commentInputSchema.meta({
  id: 'NewComment',
  description: 'A comment in Markdown (at most 10,000 characters; control characters are removed). People on the team are mentioned by writing @Name; `mentions` may list their ids as well, and each must be on the board’s team (422 MENTION_NOT_MEMBER otherwise, nothing saved).',
});

export const commentSchema = z
  .looseObject({
    id: z.string(),
    body: z.string().meta({ description: 'Markdown, as written.' }),
    authorName: z.string().nullable().meta({ description: 'As the board shows it to the team; null for a removed account.' }),
    createdAt: isoDateTime,
    editedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Comment' });

export const commentsAnswerSchema = z.object({ cardId: z.string(), comments: z.array(commentSchema) }).meta({ id: 'Comments' });
export const commentAnswerSchema = z
  .object({
    comment: commentSchema,
    card: cardSchema,
    warnings: z.array(warningSchema).meta({ description: 'PERSONAL_IDENTITY_NUMBER: the text looks like it holds a Swedish personal identity number (the comment is saved).' }),
  })
  .meta({ id: 'CommentAnswer' });
