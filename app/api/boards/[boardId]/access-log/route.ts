import { createTranslator } from 'next-intl';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { withApi } from '@/lib/api/handler';
import { getReadLogForCsv } from '@/lib/data/read-log-review';
import { attachmentHeader, CSV_SEPARATORS, defaultSeparatorName, slugify } from '@/lib/export/csv';
import { loadMessages } from '@/lib/i18n/messages';
import { buildReadLogCsv } from '@/lib/read-log/csv';
import { parseLogPeriod } from '@/lib/read-log/model';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  card: z.string().max(64).regex(/^[A-Za-z0-9_-]*$/).optional(),
  separator: z.enum(['semicolon', 'comma']).optional(),
});

/**
 * The board's read log as CSV (members only): ?from=&to= (calendar days, as on the log page), &card=<id> for one
 * card, &separator=semicolon|comma (default: the UI language's).
 */
export const GET = withApi<{ boardId: string }>(async ({ request, params, user, locale }) => {
  const query = request.nextUrl.searchParams;
  const { card, separator } = querySchema.parse({ card: query.get('card') ?? undefined, separator: query.get('separator') ?? undefined });
  const now = new Date();
  const period = parseLogPeriod({ from: query.get('from') ?? undefined, to: query.get('to') ?? undefined }, now);
  const { boardName, entries } = await getReadLogForCsv(user.id, params.boardId, { cardId: card || undefined, period });
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: 'readLog.csv' as never });
  const csv = buildReadLogCsv(entries, CSV_SEPARATORS[separator ?? defaultSeparatorName(locale)], (key) => t(key as never));
  return new NextResponse(csv, {
    headers: {
      'Cache-Control': 'private, no-store',
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentHeader(`${slugify(boardName)}-${t('file' as never)}-${period.from}-${period.to}.csv`),
    },
  });
});
