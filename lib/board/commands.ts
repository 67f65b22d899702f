/**
 * Every change a person can make on a board, as one validated command. Shared by the browser (to check input
 * before sending) and the server (the authority). Messages are i18n keys under `errors.`.
 */
import { z } from 'zod';
import { FLOW_STATES } from '@/lib/domain/flow-states';
import { CLASSES_OF_SERVICE } from '@/lib/domain/lanes';
import { WIP_MODES } from '@/lib/domain/wip';
import { toMultiLineText, toSingleLine } from '@/lib/text/clean-text';
import { CHECKLIST_TEXT_MAX } from '@/lib/checklist/order';
import { LABEL_MAX, LABELS_PER_CARD } from './labels';
import { DEMAND_TYPES } from './types';

export const TITLE_MAX = 200;
export const NAME_MAX = 60;
export const TEXT_MAX = 10_000;
export const REASON_MAX = 500;

/**
 * Text fields lose control characters before they are checked (lib/text/clean-text.ts, the importers' rule): a
 * single-line field also its line breaks and tabs, a multi-line one keeps tab and newline. Exported so that other
 * schemas of typed text (team and board names) apply the same rule.
 */
export const singleLineText = () => z.string().transform(toSingleLine).pipe(z.string().trim());
export const multiLineText = () => z.string().transform(toMultiLineText);

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const titleSchema = singleLineText().pipe(z.string().min(1, 'titleRequired').max(TITLE_MAX, 'titleTooLong'));
const nameSchema = singleLineText().pipe(z.string().min(1, 'nameRequired').max(NAME_MAX, 'titleTooLong'));
const textSchema = multiLineText().pipe(z.string().max(TEXT_MAX, 'textTooLong'));
const reasonSchema = multiLineText().pipe(z.string().trim());
const labelsSchema = z
  .array(singleLineText().pipe(z.string().min(1, 'labelRequired').max(LABEL_MAX, 'labelTooLong')))
  .max(LABELS_PER_CARD, 'tooManyLabels')
  .refine((labels) => new Set(labels.map((label) => label.toLocaleLowerCase('sv'))).size === labels.length, 'duplicateLabel');
const indexSchema = z.number().int().min(0).max(1_000_000);
const checklistTextSchema = singleLineText().pipe(z.string().min(1, 'checklistTextRequired').max(CHECKLIST_TEXT_MAX, 'checklistTextTooLong'));
const classOfServiceSchema = z.enum(CLASSES_OF_SERVICE, { error: 'classOfServiceInvalid' });
const wipLimitSchema = z.number({ error: 'wipLimitInvalid' }).int('wipLimitInvalid').min(1, 'wipLimitInvalid').max(999, 'wipLimitInvalid').nullable();

export const boardCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('card.create'),
    columnId: idSchema,
    /** The lane to create the card in; the board's default lane (lib/domain/lanes.ts pickDefaultLane) if left out. */
    laneId: idSchema.optional(),
    title: titleSchema,
    description: textSchema.default(''),
    demand: z.enum(DEMAND_TYPES).default('UNKNOWN'),
  }),
  z.strictObject({
    type: z.literal('card.update'),
    cardId: idSchema,
    title: titleSchema.optional(),
    description: textSchema.optional(),
    demand: z.enum(DEMAND_TYPES).optional(),
    labels: labelsSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('card.move'),
    cardId: idSchema,
    toColumnId: idSchema,
    /** The lane to move the card into; the card's own lane if left out. */
    toLaneId: idSchema.optional(),
    /** Index among the other cards of the target cell (column × lane). */
    toIndex: indexSchema,
    confirmOverLimit: z.boolean().optional(),
    overLimitReason: reasonSchema.pipe(z.string().max(REASON_MAX, 'textTooLong')).optional(),
  }),
  z.strictObject({
    type: z.literal('card.block'),
    cardId: idSchema,
    reason: reasonSchema.pipe(z.string().min(1, 'reasonRequired').max(REASON_MAX, 'textTooLong')),
  }),
  z.strictObject({ type: z.literal('card.unblock'), cardId: idSchema }),
  z.strictObject({ type: z.literal('card.archive'), cardId: idSchema }),
  /**
   * The caller puts THEMSELVES on the card, or takes themselves off. There is no person field: the server uses the
   * session's user, and a strict object refuses a request that names anyone (work is pulled, never assigned).
   */
  z.strictObject({ type: z.literal('card.join'), cardId: idSchema }),
  z.strictObject({ type: z.literal('card.leave'), cardId: idSchema }),
  // A card's checklist (lib/data/checklists.ts): each change is one card change with its history entry.
  z.strictObject({ type: z.literal('checklist.add'), cardId: idSchema, text: checklistTextSchema }),
  z.strictObject({ type: z.literal('checklist.update'), cardId: idSchema, itemId: idSchema, text: checklistTextSchema.optional(), isDone: z.boolean().optional() }),
  z.strictObject({ type: z.literal('checklist.move'), cardId: idSchema, itemId: idSchema, toIndex: indexSchema }),
  z.strictObject({ type: z.literal('checklist.remove'), cardId: idSchema, itemId: idSchema }),
  // "Waiting for" another card of the team (lib/data/card-links.ts); unlinking names the link.
  z.strictObject({ type: z.literal('link.add'), cardId: idSchema, awaitedCardId: idSchema }),
  z.strictObject({ type: z.literal('link.remove'), cardId: idSchema, linkId: idSchema }),
  z.strictObject({ type: z.literal('column.create'), name: nameSchema, flowState: z.enum(FLOW_STATES) }),
  z.strictObject({
    type: z.literal('column.update'),
    columnId: idSchema,
    name: nameSchema.optional(),
    wipLimit: wipLimitSchema.optional(),
    wipMode: z.enum(WIP_MODES).optional(),
    policy: textSchema.optional(),
    flowState: z.enum(FLOW_STATES).optional(),
  }),
  z.strictObject({ type: z.literal('column.reorder'), columnId: idSchema, toIndex: indexSchema }),
  z.strictObject({ type: z.literal('column.delete'), columnId: idSchema, moveCardsToColumnId: idSchema.optional() }),
  z.strictObject({
    type: z.literal('lane.create'),
    name: nameSchema,
    classOfService: classOfServiceSchema.default('STANDARD'),
    /** A new lane may come with its limit and policy (one history row records them all). */
    wipLimit: wipLimitSchema.optional(),
    wipMode: z.enum(WIP_MODES).optional(),
    policy: textSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('lane.update'),
    laneId: idSchema,
    name: nameSchema.optional(),
    classOfService: classOfServiceSchema.optional(),
    wipLimit: wipLimitSchema.optional(),
    wipMode: z.enum(WIP_MODES).optional(),
    policy: textSchema.optional(),
  }),
  z.strictObject({ type: z.literal('lane.reorder'), laneId: idSchema, toIndex: indexSchema }),
  z.strictObject({ type: z.literal('lane.delete'), laneId: idSchema, moveCardsToLaneId: idSchema.optional() }),
]);

export type BoardCommand = z.infer<typeof boardCommandSchema>;
export type BoardCommandType = BoardCommand['type'];
export const BOARD_COMMAND_TYPES = boardCommandSchema.options.map((option) => option.shape.type.value);
