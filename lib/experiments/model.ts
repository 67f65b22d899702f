/**
 * Improvement experiments (Plan–Do–Study–Act): the team changes its own system of work, says what it expects to
 * see, and its own flow data answers. Shared by the browser (to check input before sending) and the server (the
 * authority). Pure: no Prisma, no Next, no clock (`today` is passed in). Messages are i18n keys under `errors.`.
 *
 * Trust by design: there is no field for a numeric goal. The team names a measure and the direction it expects it
 * to move; the study says whether the data shows a signal (lib/flow/detect-change.ts), and the team decides.
 */
import { z } from 'zod';
import { preparedChangeSchema } from './prepared-change';

export const EXPERIMENT_MEASURES = ['CYCLE_TIME', 'THROUGHPUT', 'WIP', 'WORK_ITEM_AGE', 'BLOCKED_TIME', 'FAILURE_DEMAND_SHARE'] as const;
export type ExperimentMeasure = (typeof EXPERIMENT_MEASURES)[number];

export const EXPERIMENT_DIRECTIONS = ['UP', 'DOWN'] as const;
export type ExperimentDirection = (typeof EXPERIMENT_DIRECTIONS)[number];

export const EXPERIMENT_STATUSES = ['PROPOSED', 'RUNNING', 'ENDED'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const EXPERIMENT_OUTCOMES = ['ADOPT', 'ADAPT', 'ABANDON'] as const;
export type ExperimentOutcome = (typeof EXPERIMENT_OUTCOMES)[number];

/** "What we change" doubles as the experiment's name, so it stays a line. */
export const CHANGE_MAX = 200;
export const TEXT_MAX = 2000;
/** How far ahead a review may be set: a PDSA cycle is weeks, not years. */
export const MAX_REVIEW_DAYS_AHEAD = 366;

const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const noNul = (schema: z.ZodString) => schema.refine((value) => !value.includes('\u0000'), 'VALIDATION');
const changeSchema = noNul(z.string().trim().min(1, 'experimentChangeRequired').max(CHANGE_MAX, 'titleTooLong'));
const hypothesisSchema = noNul(z.string().trim().min(1, 'hypothesisRequired').max(TEXT_MAX, 'textTooLong'));
const reasonSchema = noNul(z.string().trim().max(TEXT_MAX, 'textTooLong'));
const reflectionSchema = noNul(z.string().trim().min(1, 'reflectionRequired').max(TEXT_MAX, 'textTooLong'));
/** A calendar day 'YYYY-MM-DD'; whether it is in range is checked against today by checkReviewDate. */
export const reviewDateSchema = z.iso.date({ error: 'reviewDateInvalid' });

/** Proposing: what, why, what we expect to see, the measure and its expected direction, when we look again. */
export const proposeExperimentSchema = z.strictObject({
  change: changeSchema,
  reason: reasonSchema.default(''),
  hypothesis: hypothesisSchema,
  measure: z.enum(EXPERIMENT_MEASURES, { error: 'measureInvalid' }),
  expectedDirection: z.enum(EXPERIMENT_DIRECTIONS, { error: 'directionInvalid' }),
  reviewDate: reviewDateSchema,
  preparedChange: preparedChangeSchema.nullable().default(null),
});
export type ProposeExperimentInput = z.infer<typeof proposeExperimentSchema>;

/**
 * What a person can do to an experiment, as one validated action (PATCH /api/boards/:id/experiments/:id):
 * - edit: while proposed, any field; while running, only the review date (the team may look again sooner or later);
 * - start: applies the prepared change (a review date already past must be moved first, so it may come along);
 * - review: on or after the review date, adopt / adapt / abandon with a reflection; abandoning may revert the change;
 * - withdraw: a proposal that was never started is removed (nothing on the board changed).
 */
export const experimentActionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('edit'),
    change: changeSchema.optional(),
    reason: reasonSchema.optional(),
    hypothesis: hypothesisSchema.optional(),
    measure: z.enum(EXPERIMENT_MEASURES, { error: 'measureInvalid' }).optional(),
    expectedDirection: z.enum(EXPERIMENT_DIRECTIONS, { error: 'directionInvalid' }).optional(),
    reviewDate: reviewDateSchema.optional(),
    preparedChange: preparedChangeSchema.nullable().optional(),
  }),
  z.strictObject({ action: z.literal('start'), reviewDate: reviewDateSchema.optional() }),
  z.strictObject({
    action: z.literal('review'),
    outcome: z.enum(EXPERIMENT_OUTCOMES, { error: 'outcomeInvalid' }),
    reflection: reflectionSchema,
    revertChange: z.boolean().default(false),
  }),
  z.strictObject({ action: z.literal('withdraw') }),
]);
export type ExperimentAction = z.infer<typeof experimentActionSchema>;
export type ExperimentActionName = ExperimentAction['action'];
export const EXPERIMENT_ACTIONS = experimentActionSchema.options.map((option) => option.shape.action.value);

export { idSchema as experimentIdSchema };

/** Days between two calendar dates 'YYYY-MM-DD' (b − a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Why a review date cannot be used today, or null when it can: not before today (a review in the past can only
 * say "too late") and at most MAX_REVIEW_DAYS_AHEAD ahead. `today` is the team's calendar day.
 */
export function checkReviewDate(reviewDate: string, today: string): 'reviewDatePast' | 'reviewDateTooFar' | null {
  const ahead = daysBetween(today, reviewDate);
  if (ahead < 0) return 'reviewDatePast';
  if (ahead > MAX_REVIEW_DAYS_AHEAD) return 'reviewDateTooFar';
  return null;
}

/** A running experiment whose review date has come (the team's calendar day `today`, 'YYYY-MM-DD'). */
export function isDueForReview(experiment: { status: ExperimentStatus; reviewDate: string }, today: string): boolean {
  return experiment.status === 'RUNNING' && experiment.reviewDate <= today;
}

/**
 * Which actions the experiment's state allows (roles are checked elsewhere). Reviewing waits for the review date:
 * the team agreed to give the change that long; to look sooner, it moves the date.
 */
export function canTakeAction(experiment: { status: ExperimentStatus; reviewDate: string }, action: ExperimentActionName, today: string): boolean {
  switch (action) {
    case 'edit':
      return experiment.status !== 'ENDED';
    case 'start':
    case 'withdraw':
      return experiment.status === 'PROPOSED';
    case 'review':
      return isDueForReview(experiment, today);
  }
}
