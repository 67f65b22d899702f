import { NextResponse } from 'next/server';
import { readJsonBody, withApi } from '@/lib/api/handler';
import { actOnExperiment } from '@/lib/data/experiments';
import { experimentActionSchema, experimentIdSchema } from '@/lib/experiments/model';

export const dynamic = 'force-dynamic';

/** One action on an experiment: edit, start, review or withdraw (lib/experiments/model.ts experimentActionSchema). */
export const PATCH = withApi<{ boardId: string; experimentId: string }>(async ({ request, params, user }) => {
  const experimentId = experimentIdSchema.parse(params.experimentId);
  const action = experimentActionSchema.parse(await readJsonBody(request));
  await actOnExperiment(user, params.boardId, experimentId, action, new Date());
  return NextResponse.json({ ok: true });
});
