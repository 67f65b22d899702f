import { getFormatter } from 'next-intl/server';
import Link from 'next/link';
import { cache } from 'react';
import { requireSessionUser } from '@/lib/auth/session';
import { getExperimentStudy } from '@/lib/data/experiment-study';
import { getExperimentDetail } from '@/lib/data/experiments';
import { BOARD_EVENT_KINDS } from '@/lib/import/model';
import { orNotFound } from '@/app/(app)/or-not-found';
import { describeStatus } from '../experiment-summary';
import { describeBefore, describePreparedChange, describeRevert } from '../experiment-text';
import { getExperimentFormat } from '../format';
import { ExperimentActions } from './experiment-actions';
import { StudySection } from './study-section';

type Props = { params: Promise<{ boardId: string; experimentId: string }> };

const load = cache(async (boardId: string, experimentId: string) => {
  const user = await requireSessionUser();
  const now = new Date();
  const [detail, study] = await Promise.all([
    orNotFound(getExperimentDetail(user.id, boardId, experimentId, now)),
    orNotFound(getExperimentStudy(user.id, boardId, experimentId, now)),
  ]);
  return { detail, study };
});

export async function generateMetadata({ params }: Props) {
  const { boardId, experimentId } = await params;
  const { detail } = await load(boardId, experimentId);
  const { t } = await getExperimentFormat();
  return { title: t('detail.metaTitle', { change: detail.experiment.change, board: detail.board.name }) };
}

/**
 * One experiment: what the team changes and why, what it expects to see, the study of its measure, its board history,
 * and (for members) what can be done next: start, edit, withdraw, review.
 */
export default async function ExperimentPage({ params }: Props) {
  const { boardId, experimentId } = await params;
  const { detail, study } = await load(boardId, experimentId);
  const [{ t, fmt }, format] = await Promise.all([getExperimentFormat(), getFormatter()]);
  const { experiment } = detail;
  // Names of the board's current columns and lanes too: a revert may name a column the change did not.
  const names = { ...Object.fromEntries([...detail.options.columns, ...detail.options.lanes].map((entry) => [entry.id, entry.name])), ...experiment.names };
  const changeText = experiment.preparedChange ? describePreparedChange(t, experiment.preparedChange, names) : null;
  const beforeText = experiment.appliedChange ? describeBefore(t, experiment.appliedChange) : null;
  const revertText = detail.revertPreview ? describeRevert(t, detail.revertPreview, names) : null;
  const formatNumber = (value: number, digits = 1) => format.number(value, { maximumFractionDigits: digits });

  return (
    <main id="main" className="mx-auto w-full max-w-5xl break-words p-4 sm:p-6">
      <nav aria-label={t('list.navLabel')} className="mb-2 flex flex-wrap gap-x-4 gap-y-1">
        <Link href={`/boards/${boardId}/experiments`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('detail.backToList')}
        </Link>
        <Link href={`/boards/${boardId}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          {t('backToBoard', { board: detail.board.name })}
        </Link>
        <Link href={`/boards/${boardId}/flow`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          {t('list.flowLink')}
        </Link>
      </nav>
      <p className="text-sm text-slate-700">{t('detail.kicker', { board: detail.board.name })}</p>
      <h1 className="text-2xl font-semibold wrap-anywhere">{experiment.change}</h1>
      <p id="experiment-status" tabIndex={-1} className="mt-1 font-medium text-slate-900" data-testid="experiment-status">
        {describeStatus(t, experiment, fmt)}
      </p>

      <dl className="mt-4 grid max-w-3xl gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t('field.reason')}</dt>
        <dd className="whitespace-pre-line wrap-anywhere">{experiment.reason || t('field.none')}</dd>
        <dt className="font-medium">{t('field.hypothesis')}</dt>
        <dd className="whitespace-pre-line wrap-anywhere">{experiment.hypothesis}</dd>
        <dt className="font-medium">{t('field.measure')}</dt>
        <dd>{t('measureWithDirection', { measure: t(`measure.${experiment.measure}`), direction: t(`directionShort.${experiment.expectedDirection}`) })}</dd>
        <dt className="font-medium">{t('field.reviewDate')}</dt>
        <dd>{fmt.day(experiment.reviewDate)}</dd>
        <dt className="font-medium">{t('field.boardChange')}</dt>
        <dd className="wrap-anywhere">
          {changeText ?? t('field.noBoardChange')}
          {experiment.status !== 'PROPOSED' && changeText && (
            <span className="block text-sm text-slate-700">
              {experiment.appliedChange ? t('field.applied', { before: beforeText ?? '' }) : t('field.notApplied')}
              {experiment.revertedAt && ` ${t('field.reverted', { at: fmt.instant(experiment.revertedAt) })}`}
            </span>
          )}
        </dd>
        {experiment.status === 'ENDED' && (
          <>
            <dt className="font-medium">{t('field.outcome')}</dt>
            <dd>{t(`outcome.${experiment.outcome ?? 'ADOPT'}`)}</dd>
            <dt className="font-medium">{t('field.reflection')}</dt>
            <dd className="whitespace-pre-line wrap-anywhere">{experiment.reflection}</dd>
          </>
        )}
      </dl>

      {detail.canManage ? (
        <ExperimentActions
          boardId={boardId}
          experiment={experiment}
          options={detail.options}
          today={detail.today}
          changeText={changeText}
          revertText={revertText}
          reviewDateText={fmt.day(experiment.reviewDate)}
        />
      ) : (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">{t('detail.viewerNotice')}</p>
      )}

      {study ? (
        <StudySection study={study} expectedDirection={experiment.expectedDirection} t={t} fmt={fmt} formatNumber={formatNumber} />
      ) : (
        <section aria-labelledby="study-heading" className="mt-8">
          <h2 id="study-heading" className="text-xl font-semibold">
            {t('study.heading')}
          </h2>
          <p className="mt-1 max-w-prose">{t('study.notStarted')}</p>
        </section>
      )}

      <section aria-labelledby="experiment-history-heading" className="mt-8">
        <h2 id="experiment-history-heading" className="text-xl font-semibold">
          {t('detail.historyHeading')}
        </h2>
        <ol className="mt-2 flex flex-col gap-1" data-testid="experiment-history">
          {detail.history.map((entry) => (
            <li key={entry.id}>
              <span className="tabular-nums">{fmt.instant(entry.at)}</span>
              {': '}
              {(BOARD_EVENT_KINDS as readonly string[]).includes(entry.type) ? t(`history.${entry.type}`, { actor: entry.actorName ?? t('history.someone') }) : entry.type}
            </li>
          ))}
        </ol>
        <p className="mt-2">
          <Link href={`/boards/${boardId}/history`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
            {t('detail.historyLink')}
          </Link>
        </p>
      </section>
    </main>
  );
}
