import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { cache } from 'react';
import { requireSessionUser } from '@/lib/auth/session';
import { getBoardForUser } from '@/lib/data/boards';
import { BoardClient } from './board-client';
import { ExperimentsNav } from './experiments/experiments-nav';
import { orNotFound } from '@/app/(app)/or-not-found';

type Props = { params: Promise<{ boardId: string }> };

// One load per request: the page's title (generateMetadata) and the page itself share it (React cache).
const loadBoard = cache(async (boardId: string) => {
  const user = await requireSessionUser();
  return { user, board: await orNotFound(getBoardForUser(user.id, boardId, new Date())) };
});

export async function generateMetadata({ params }: Props) {
  const { board } = await loadBoard((await params).boardId);
  return { title: board.name };
}

export default async function BoardPage({ params }: Props) {
  const { user, board } = await loadBoard((await params).boardId);
  const t = await getTranslations('board');
  const tBoards = await getTranslations('teamBoards');
  // An archived board is read-only for everyone: a banner says so (and where a member restores it) instead of the
  // viewer's notice, and the board shows no write controls.
  const readOnly = board.archivedAt ? (
    <span data-testid="archived-banner">
      <strong>{tBoards('banner')}</strong> {board.role === 'MEMBER' && <>{tBoards('bannerMember')} </>}
      <Link href="/teams" className="text-brand-700 underline underline-offset-2">
        {tBoards('bannerLink')}
      </Link>
    </span>
  ) : (
    t('readOnlyNotice')
  );
  return (
    <main id="main" className="flex min-w-0 flex-1 flex-col">
      <BoardClient
        initialBoard={board}
        currentUser={{ id: user.id, name: user.name }}
        nowIso={new Date().toISOString()}
        labels={{ readOnly }}
        experimentsNav={<ExperimentsNav userId={user.id} boardId={board.id} />}
      />
    </main>
  );
}
