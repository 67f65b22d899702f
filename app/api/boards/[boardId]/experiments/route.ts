import { NextResponse } from 'next/server';
import { readJsonBody, withApi } from '@/lib/api/handler';
import { proposeExperiment } from '@/lib/data/experiments';
import { proposeExperimentSchema } from '@/lib/experiments/model';

export const dynamic = 'force-dynamic';

/** Proposes an improvement experiment on the board (members; viewers and outsiders are refused by the data layer). */
export const POST = withApi<{ boardId: string }>(async ({ request, params, user }) => {
  const input = proposeExperimentSchema.parse(await readJsonBody(request));
  const experiment = await proposeExperiment(user, params.boardId, input, new Date());
  return NextResponse.json({ experiment }, { status: 201 });
});
