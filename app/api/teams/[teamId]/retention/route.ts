import { NextResponse } from 'next/server';
import { z } from 'zod';
import { readJsonBody, withApi } from '@/lib/api/handler';
import { getRetentionOverview, setRetentionPeriod } from '@/lib/data/retention';
import { RETENTION_CHOICES, type RetentionChoice } from '@/lib/retention/policy';

export const dynamic = 'force-dynamic';

/** 'forever' in URLs and bodies stands for null (keep the text as long as the board exists). */
const choiceSchema = z
  .union([z.literal('forever'), z.coerce.number().int()])
  .transform((value) => (value === 'forever' ? null : value))
  .refine((value): value is RetentionChoice => (RETENTION_CHOICES as readonly (number | null)[]).includes(value), 'VALIDATION');

/** The team's retention rule and what a period would clear: GET ?months=6|12|24|36|forever (members and viewers). */
export const GET = withApi<{ teamId: string }>(async ({ request, params, user }) => {
  const raw = request.nextUrl.searchParams.get('months');
  const months = raw === null ? undefined : (choiceSchema.parse(raw) as RetentionChoice);
  const overview = await getRetentionOverview(user.id, params.teamId, new Date(), months);
  return NextResponse.json({ months: overview.months, preview: overview.preview });
});

/** Sets the rule: PUT {"months": 6|12|24|36|"forever"} (members only). */
export const PUT = withApi<{ teamId: string }>(async ({ request, params, user }) => {
  const body = z.strictObject({ months: choiceSchema }).parse(await readJsonBody(request));
  await setRetentionPeriod(user, params.teamId, body.months as RetentionChoice, new Date());
  return NextResponse.json({ ok: true });
});
