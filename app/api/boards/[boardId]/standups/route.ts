import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJsonBody, withApi } from '@/lib/api/handler';
import { endStandup, startStandup } from '@/lib/data/standups';

export const dynamic = 'force-dynamic';

// Nothing else is accepted: a standup records its start and end time and nothing about who took part.
const startSchema = z.strictObject({});
const endSchema = z.strictObject({ standupId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

/** Starts the board's standup, or joins the one under way. */
export const POST = withApi<{ boardId: string }>(async ({ request, params, user }) => {
  startSchema.parse(await readJsonBody(request));
  return NextResponse.json({ standup: await startStandup(user, params.boardId, new Date()) });
});

/** Ends a standup (records its end time). */
export const PATCH = withApi<{ boardId: string }>(async ({ request, params, user }) => {
  const { standupId } = endSchema.parse(await readJsonBody(request));
  return NextResponse.json({ standup: await endStandup(user, params.boardId, standupId, new Date()) });
});
