'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/api/action';
import { setBoardHoldsClientData } from '@/lib/data/read-log';
import { drawReadLogSample, recordReadLogReview, REVIEW_NOTE_MAX } from '@/lib/data/read-log-review';
import { MAX_SAMPLE_SIZE, parseLogPeriod } from '@/lib/read-log/model';
import { toMultiLineText } from '@/lib/text/clean-text';

const boardIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const pathOf = (boardId: string) => `/boards/${encodeURIComponent(boardId)}`;

/** "Kan innehålla klientuppgifter" on or off (members; recorded in the board history). */
export async function setBoardHoldsClientDataAction(boardId: string, holdsClientData: boolean): Promise<ActionResult<{ changed: boolean }>> {
  return runAction(async (user) => {
    const id = boardIdSchema.parse(boardId);
    const result = await setBoardHoldsClientData(user, { boardId: id, holdsClientData: z.boolean().parse(holdsClientData) }, new Date());
    revalidatePath(pathOf(id), 'layout');
    return result;
  });
}

const sampleSchema = z.object({ from: z.iso.date(), to: z.iso.date(), size: z.number().int().min(1).max(MAX_SAMPLE_SIZE) });

/** Draws the review's random sample of the period's reads (members); answers the new review's id. */
export async function drawReadLogSampleAction(boardId: string, input: { from: string; to: string; size: number }): Promise<ActionResult<{ reviewId: string }>> {
  return runAction(async (user) => {
    const id = boardIdSchema.parse(boardId);
    const { from, to, size } = sampleSchema.parse(input);
    const now = new Date();
    const period = parseLogPeriod({ from, to }, now);
    // A period the parser had to replace is not the one the person asked for: refuse instead of sampling another.
    if (period.problem) throw new z.ZodError([{ code: 'custom', path: ['from'], message: period.problem, input }]);
    const { reviewId } = await drawReadLogSample(user, { boardId: id, period, size }, now);
    revalidatePath(`${pathOf(id)}/access-log`);
    return { reviewId };
  });
}

/** Records that the signed-in member reviewed the sample, with their note (members). */
export async function recordReadLogReviewAction(boardId: string, reviewId: string, note: string): Promise<ActionResult<{ recorded: boolean }>> {
  return runAction(async (user) => {
    const id = boardIdSchema.parse(boardId);
    const result = await recordReadLogReview(
      user,
      { boardId: id, reviewId: boardIdSchema.parse(reviewId), note: toMultiLineText(z.string().max(REVIEW_NOTE_MAX).parse(note)).trim() },
      new Date(),
    );
    revalidatePath(`${pathOf(id)}/access-log`);
    return result;
  });
}
