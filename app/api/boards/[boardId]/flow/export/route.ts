import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { withApi } from '@/lib/api/handler';
import { getBoardFlowData } from '@/lib/data/flow';
import { buildFlowCsv, buildFlowCsvFileName, FLOW_EXPORT_DATASETS } from '@/lib/data/flow-csv';
import { attachmentHeader } from '@/lib/export/csv';
import { getBoardFlowActivity } from '@/lib/data/flow-activity';
import { chooseFlowRange } from '@/lib/data/flow-history-range';
import { loadMessages } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ dataset: FLOW_EXPORT_DATASETS });

/**
 * The Flow page's data as CSV: ?dataset=items|throughput|wip|cfd, same ?from/&to as the page (bad dates fall
 * back to the default period, exactly as the page shows). Members and viewers; team-level figures only.
 */
export const GET = withApi<{ boardId: string }>(async ({ request, params, user, locale }) => {
  const query = request.nextUrl.searchParams;
  const { dataset } = querySchema.parse({ dataset: query.get('dataset') });
  const now = new Date();
  // The same period as the page: an imported or quiet board's own last 12 weeks, or ?range=all for the whole history.
  const activity = await getBoardFlowActivity(user.id, params.boardId);
  const range = chooseFlowRange({ from: query.get('from'), to: query.get('to'), range: query.get('range') }, activity, now);
  const data = await getBoardFlowData(user.id, params.boardId, {
    from: range.fromInstant,
    to: range.toInstant,
    now,
    timeZone: range.timeZone,
    includeItems: dataset === 'items',
  });
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: 'flow.export' as never });
  const csv = buildFlowCsv(data, dataset, locale, (key) => t(key as never));
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentHeader(buildFlowCsvFileName(dataset, range.from, range.to)),
      'Cache-Control': 'private, no-store',
    },
  });
});
