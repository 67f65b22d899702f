import { getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { requireSessionUser } from '@/lib/auth/session';
import { getStandupData } from '@/lib/data/standups';
import { ExperimentsDueSummary } from '../experiments/experiments-due';
import { StandupClient } from './standup-client';
import { orNotFound } from '@/app/(app)/or-not-found';

type Props = { params: Promise<{ boardId: string }> };

// Metadata and page share one load per request.
const loadStandup = cache(async (boardId: string) => {
  const user = await requireSessionUser();
  return { user, data: await orNotFound(getStandupData(user.id, boardId, new Date())) };
});

export async function generateMetadata({ params }: Props) {
  const { data } = await loadStandup((await params).boardId);
  const t = await getTranslations('standup');
  return { title: t('metaTitle', { board: data.board.name }) };
}

export default async function StandupPage({ params }: Props) {
  const { user, data } = await loadStandup((await params).boardId);
  return (
    <main id="main" className="flex min-w-0 flex-1 flex-col">
      <StandupClient
        initialData={data}
        currentUser={{ id: user.id, name: user.name }}
        nowIso={new Date().toISOString()}
        experimentsDue={<ExperimentsDueSummary userId={user.id} boardId={data.board.id} />}
      />
    </main>
  );
}
