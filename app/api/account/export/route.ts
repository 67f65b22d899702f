import { NextResponse } from 'next/server';
import { withApi } from '@/lib/api/handler';
import { getAccountExport } from '@/lib/data/export-account';
import { attachmentHeader } from '@/lib/export/csv';

export const dynamic = 'force-dynamic';

/** Everything Tillit holds about the signed-in person (GDPR art. 15), as a JSON download. Their own data only. */
export const GET = withApi<Record<string, never>>(async ({ user }) => {
  const now = new Date();
  const data = await getAccountExport(user.id, now);
  return new NextResponse(JSON.stringify(data, null, 1), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachmentHeader(`tillit-my-data-${now.toISOString().slice(0, 10)}.json`),
      'Cache-Control': 'private, no-store',
    },
  });
});
