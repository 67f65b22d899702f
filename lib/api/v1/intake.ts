import 'server-only';
import type { z } from 'zod';
import { intakeCase, NoIntakeColumnError } from '@/lib/data/intake';
import { containsPersonalIdentityNumber } from '@/lib/privacy/personnummer';
import { ApiError, createApiTranslator } from './errors';
import { consumeIntakeAllowance } from './intake-limit';
import type { ApiCall } from './routes';
import type { intakeBodySchema } from './schemas';

/**
 * POST /api/v1/boards/{boardId}/intake. The token is a team token with intake (checked by the router); each call
 * counts against the token's rate limit before anything is read or written. The board's personal identity number
 * nudge becomes a warning in the answer: the case is still received (the sender cannot be asked to confirm), and
 * the integrator learns that the e-service sends personal data the board may not need.
 */
export async function answerIntake(call: ApiCall): Promise<{ status: number; body: unknown }> {
  await consumeIntakeAllowance(call.principal.tokenId);
  const body = call.body as z.infer<typeof intakeBodySchema>;
  try {
    const result = await intakeCase({ id: call.principal.actorUserId }, { boardId: call.params.boardId as string, ...body }, call.now);
    const t = createApiTranslator(call.locale, 'api.warnings');
    const warnings = containsPersonalIdentityNumber(`${body.title}\n${body.description}\n${body.reference ?? ''}`)
      ? [{ code: 'PERSONAL_IDENTITY_NUMBER', message: t('PERSONAL_IDENTITY_NUMBER') }]
      : [];
    return { status: result.outcome === 'created' ? 201 : 200, body: { outcome: result.outcome, card: result.card, warnings } };
  } catch (error) {
    if (error instanceof NoIntakeColumnError) throw new ApiError('NO_INTAKE_COLUMN');
    throw error;
  }
}
