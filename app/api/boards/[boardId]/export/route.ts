import { createTranslator } from 'next-intl';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { withApi } from '@/lib/api/handler';
import { getBoardExport, getBoardNameForExport, getCardsForCsv, getHistoryForCsv } from '@/lib/data/export-board';
import { attachmentHeader, buildCardsCsv, buildHistoryCsv, CSV_SEPARATORS, defaultSeparatorName, slugify } from '@/lib/export/csv';
import { loadMessages } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  kind: z.enum(['cards', 'history', 'json']),
  separator: z.enum(['semicolon', 'comma']).optional(),
});

/**
 * A board's data to download: ?kind=cards|history (CSV; members and viewers; &separator=semicolon|comma, by
 * default the UI language's: semicolon for Swedish) or ?kind=json (Tillit's full export; members only).
 */
export const GET = withApi<{ boardId: string }>(async ({ request, params, user, locale }) => {
  const query = request.nextUrl.searchParams;
  const { kind, separator } = querySchema.parse({ kind: query.get('kind'), separator: query.get('separator') ?? undefined });
  const now = new Date();
  const { name } = await getBoardNameForExport(user.id, params.boardId);
  const date = now.toISOString().slice(0, 10);
  const headers = { 'Cache-Control': 'private, no-store' };
  if (kind === 'json') {
    const document = await getBoardExport(user.id, params.boardId, now);
    return new NextResponse(JSON.stringify(document, null, 1), {
      headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': attachmentHeader(`${slugify(name)}-tillit-${date}.json`) },
    });
  }
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: 'data.export.csv' as never });
  const translate = (key: string) => t(key as never);
  const delimiter = CSV_SEPARATORS[separator ?? defaultSeparatorName(locale)];
  const csv =
    kind === 'cards'
      ? buildCardsCsv(await getCardsForCsv(user.id, params.boardId), delimiter, translate)
      : buildHistoryCsv(await getHistoryForCsv(user.id, params.boardId), delimiter, translate);
  const fileKind = kind === 'cards' ? t('fileCards' as never) : t('fileHistory' as never);
  return new NextResponse(csv, {
    headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachmentHeader(`${slugify(name)}-${fileKind}-${date}.csv`) },
  });
});
