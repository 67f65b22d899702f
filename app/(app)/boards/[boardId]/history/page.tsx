import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Markdown } from '@/components/markdown';
import { requireSessionUser } from '@/lib/auth/session';
import { getBoardForUser } from '@/lib/data/boards';
import { getBoardHistory, type BoardHistoryEntry } from '@/lib/data/columns';
import { FLOW_STATES, type FlowState } from '@/lib/domain/flow-states';
import { WIP_MODES, type WipMode } from '@/lib/domain/wip';
import { orNotFound } from '@/app/(app)/or-not-found';
import { describeLaneEntry } from './lane-history-entry';
import { ExperimentEventText, ExperimentHistoryLink, isExperimentEvent } from '../experiments/experiment-history-note';

type Props = { params: Promise<{ boardId: string }> };

type Translate = Awaited<ReturnType<typeof getTranslations>>;

const DATE_TIME = { dateStyle: 'medium', timeStyle: 'short' } as const;

export async function generateMetadata() {
  return { title: (await getTranslations('boardHistory'))('metaTitle') };
}

async function loadHistory(boardId: string) {
  const user = await requireSessionUser();
  const [board, entries] = await orNotFound(Promise.all([getBoardForUser(user.id, boardId, new Date()), getBoardHistory(user.id, boardId)]));
  return { board, entries };
}

export default async function BoardHistoryPage({ params }: Props) {
  const { boardId } = await params;
  const { board, entries } = await loadHistory(boardId);
  const t = await getTranslations('boardHistory');
  const tFlow = await getTranslations('flowState');
  const tLanes = await getTranslations('lanes');
  const tReadLog = await getTranslations('readLog.history');
  const tBoards = await getTranslations('teamBoards');
  const format = await getFormatter();

  return (
    <main id="main" className="mx-auto w-full max-w-4xl p-4 sm:p-6">
      <p className="mb-2">
        <Link href={`/boards/${board.id}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToBoard', { board: board.name })}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">{t('title', { board: board.name })}</h1>
      <p className="mb-4 text-slate-700">{t('intro')}</p>
      {entries.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {entries.map((entry) => (
            <li key={entry.id} className="rounded-lg border border-slate-300 bg-white p-4">
              <div className="wrap-anywhere">
                {isExperimentEvent(entry.type) ? (
                  <ExperimentEventText type={entry.type} after={entry.after} />
                ) : entry.type === 'CLIENT_DATA_MARKED' || entry.type === 'CLIENT_DATA_UNMARKED' ? (
                  <p>{tReadLog(entry.type)}</p>
                ) : (
                  (describeLaneEntry(entry, tLanes, (value) => describeWip(value, t)) ?? describeEntry(entry, t, tFlow, tBoards))
                )}
              </div>
              {entry.experiment && <ExperimentHistoryLink boardId={board.id} experiment={entry.experiment} />}
              <p className="mt-1 text-sm text-slate-700">
                {entry.actorName ?? t('someone')} ·{' '}
                <time dateTime={entry.at}>{format.dateTime(new Date(entry.at), DATE_TIME)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}

/** One sentence (and for policies, the text itself) per kind of change; shapes are those written in lib/data. */
function describeEntry(entry: BoardHistoryEntry, t: Translate, tFlow: Translate, tBoards: Translate): ReactNode {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  // Every column event carries the column's name; a rename also has the old one in `before`.
  const column = text(after.name) ?? text(before.name) ?? t('unknownColumn');

  switch (entry.type) {
    case 'BOARD_CREATED':
      return <p>{t('boardCreated')}</p>;
    case 'BOARD_RENAMED':
      return <p>{tBoards('boardHistory.BOARD_RENAMED', { before: text(before.name) ?? '', after: text(after.name) ?? '' })}</p>;
    case 'BOARD_ARCHIVED':
    case 'BOARD_RESTORED':
      return <p>{tBoards(`boardHistory.${entry.type}`)}</p>;
    case 'COLUMN_CREATED': {
      const flowState = asFlowState(after.flowState);
      return (
        <p>
          {flowState
            ? t('columnCreated', { column, flowState: tFlow(flowState) })
            : t('columnCreatedNoState', { column })}
        </p>
      );
    }
    case 'COLUMN_RENAMED':
      return <p>{t('columnRenamed', { before: text(before.name) ?? '', after: text(after.name) ?? '' })}</p>;
    case 'COLUMN_REORDERED': {
      const from = integer(before.index);
      const to = integer(after.index);
      return (
        <p>{from !== null && to !== null ? t('columnReordered', { column, from: from + 1, to: to + 1 }) : t('columnReorderedPlain', { column })}</p>
      );
    }
    case 'COLUMN_DELETED': {
      const movedTo = text(after.movedTo);
      const cardCount = integer(before.cardCount) ?? 0;
      return <p>{movedTo && cardCount > 0 ? t('columnDeletedCardsMoved', { column, count: cardCount, movedTo }) : t('columnDeleted', { column })}</p>;
    }
    case 'COLUMN_WIP_CHANGED':
      return (
        <p>
          {t('wipChanged', {
            column,
            before: describeWip(before, t),
            after: describeWip(after, t),
          })}
        </p>
      );
    case 'COLUMN_POLICY_CHANGED': {
      const previous = text(before.policy) ?? '';
      const next = text(after.policy) ?? '';
      return (
        <>
          <p>{next.trim() ? t('policyChanged', { column }) : t('policyRemoved', { column })}</p>
          {next.trim() && (
            <div className="mt-2 rounded border border-slate-300 bg-slate-50 p-3">
              <Markdown text={next} />
            </div>
          )}
          {previous.trim() && (
            <details className="mt-2">
              <summary className="cursor-pointer py-0.5 text-brand-700 underline underline-offset-2">
                {t('previousPolicy')}
              </summary>
              <div className="mt-2 rounded border border-slate-300 bg-slate-50 p-3">
                <Markdown text={previous} />
              </div>
            </details>
          )}
        </>
      );
    }
    case 'COLUMN_FLOW_STATE_CHANGED': {
      const from = asFlowState(before.flowState);
      const to = asFlowState(after.flowState);
      return (
        <p>
          {from && to
            ? t('flowStateChanged', { column, before: tFlow(from), after: tFlow(to) })
            : t('flowStateChangedPlain', { column })}
        </p>
      );
    }
    case 'WIP_LIMIT_EXCEEDED': {
      const reason = text(after.reason)?.trim();
      return (
        <>
          <p>
            {t('wipExceeded', {
              card: text(after.cardTitle) ?? t('unknownCard'),
              count: integer(after.count) ?? 0,
              limit: integer(after.limit) ?? 0,
            })}
          </p>
          <p className="mt-1">{reason ? t('wipExceededReason', { reason }) : t('wipExceededNoReason')}</p>
        </>
      );
    }
    default:
      return <p>{t('unknownChange')}</p>;
  }
}

function describeWip(value: Record<string, unknown>, t: Translate): string {
  const limit = integer(value.wipLimit);
  const mode = asWipMode(value.wipMode);
  const limitText = limit === null ? t('noLimit') : t('limitValue', { limit });
  return mode ? t('wipValue', { limit: limitText, mode: t(`wipModeValue.${mode}`) }) : limitText;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function asFlowState(value: unknown): FlowState | null {
  return (FLOW_STATES as readonly unknown[]).includes(value) ? (value as FlowState) : null;
}

function asWipMode(value: unknown): WipMode | null {
  return (WIP_MODES as readonly unknown[]).includes(value) ? (value as WipMode) : null;
}
