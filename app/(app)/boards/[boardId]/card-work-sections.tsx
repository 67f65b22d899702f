'use client';

import type { CardDetailView } from '@/lib/board/types';
import { CardChecklist, type RunCardCommand } from './card-checklist';
import { CardWaitingFor } from './card-waiting-for';

/** The card dialog's checklist and "waiting for" sections (one hook in card-dialog.tsx). */
export function CardWorkSections({ boardId, card, canEdit, run }: { boardId: string; card: CardDetailView; canEdit: boolean; run: RunCardCommand }) {
  return (
    <>
      <CardChecklist card={card} canEdit={canEdit} run={run} />
      <CardWaitingFor boardId={boardId} card={card} canEdit={canEdit} run={run} />
    </>
  );
}
