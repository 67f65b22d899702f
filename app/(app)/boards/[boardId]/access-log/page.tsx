import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { z } from 'zod';
import { requireSessionUser } from '@/lib/auth/session';
import { getReadLogPage, getReadLogReview, PAGE_MAX_ENTRIES, type ReadLogEntry } from '@/lib/data/read-log-review';
import { isAppError } from '@/lib/errors';
import { DEFAULT_SAMPLE_SIZE, MAX_SAMPLE_SIZE, parseLogPeriod, previousMonthPeriod } from '@/lib/read-log/model';
import { getCalendarDate } from '@/lib/flow/calendar-days';
import { orNotFound } from '@/app/(app)/or-not-found';
import { ClientDataSetting } from './client-data-setting';
import { DrawSampleForm, RecordReviewForm } from './sample-forms';

type Props = { params: Promise<{ boardId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const DATE_TIME = { dateStyle: 'medium', timeStyle: 'medium' } as const;
const idSchema = z.string().max(64).regex(/^[A-Za-z0-9_-]+$/);
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata() {
  return { title: (await getTranslations('readLog'))('metaTitle') };
}

/**
 * The board's access log (members only): whether the board may hold client data, the reads of a period (filter by
 * card), its CSV, and the monthly review — draw a random sample, check it, record the review.
 */
export default async function AccessLogPage({ params, searchParams }: Props) {
  const { boardId } = await params;
  const query = await searchParams;
  const user = await requireSessionUser();
  const t = await getTranslations('readLog');
  const format = await getFormatter();
  const now = new Date();
  const period = parseLogPeriod({ from: query.from, to: query.to }, now);
  const cardParam = idSchema.safeParse(first(query.card));
  const cardId = cardParam.success ? cardParam.data : undefined;
  const reviewParam = idSchema.safeParse(first(query.review));

  let page;
  try {
    page = await orNotFound(getReadLogPage(user.id, boardId, { cardId, period }));
  } catch (error) {
    // A viewer: the log is the members' (the data layer refused). Say so instead of an error page.
    if (isAppError(error) && error.code === 'FORBIDDEN') {
      return (
        <main id="main" className="mx-auto w-full max-w-4xl p-4 sm:p-6">
          <h1 className="mb-2 text-2xl font-semibold">{t('metaTitle')}</h1>
          <p>{t('membersOnly')}</p>
        </main>
      );
    }
    throw error;
  }
  const openReviewId = reviewParam.success ? reviewParam.data : page.reviews.find((review) => review.reviewedAt === null)?.id;
  const review = openReviewId ? await orNotFound(getReadLogReview(user.id, boardId, openReviewId)) : null;
  const sampleDefault = previousMonthPeriod(now);
  const when = (iso: string) => format.dateTime(new Date(iso), DATE_TIME);
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeZone: 'Europe/Stockholm' });
  // A review's period is [start, end): its last day is the one before `end`.
  const lastDay = (iso: string) => format.dateTime(new Date(new Date(iso).getTime() - 1), { dateStyle: 'medium', timeZone: 'Europe/Stockholm' });
  const csvQuery = new URLSearchParams({ from: period.from, to: period.to, ...(cardId ? { card: cardId } : {}) });
  const cardLabel = (title: string | null, id: string) => title ?? `${t('textCleared')} (${id})`;

  return (
    <main id="main" className="mx-auto w-full max-w-5xl p-4 sm:p-6">
      <p className="mb-2">
        <Link href={`/boards/${page.board.id}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToBoard', { board: page.board.name })}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold wrap-anywhere">{t('title', { board: page.board.name })}</h1>
      <p className="mb-4 max-w-prose text-slate-700">{t('intro')}</p>

      <ClientDataSetting boardId={page.board.id} holdsClientData={page.board.holdsClientData} />

      <section aria-labelledby="read-log-heading" className="mb-8">
        <h2 id="read-log-heading" className="mb-2 text-xl font-semibold">
          {t('log.heading')}
        </h2>
        <form method="get" className="mb-3 rounded-lg border border-slate-300 bg-white p-4">
          <fieldset>
            <legend className="font-semibold">{t('filter.legend')}</legend>
            <p id="read-log-filter-hint" className="text-sm text-slate-700">
              {t('filter.hint')}
            </p>
            <div className="mt-2 flex flex-wrap items-end gap-4">
              <div className="flex flex-col">
                <label htmlFor="read-log-card" className="text-sm font-medium">
                  {t('filter.card')}
                </label>
                <select id="read-log-card" name="card" defaultValue={cardId ?? ''} className="min-h-10 max-w-xs rounded border border-slate-500 px-2">
                  <option value="">{t('filter.allCards')}</option>
                  {page.cards.map((card) => (
                    <option key={card.id} value={card.id}>
                      {cardLabel(card.title, card.id)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="flex flex-col">
                <label htmlFor="read-log-from" className="text-sm font-medium">
                  {t('filter.from')}
                </label>
                <input id="read-log-from" name="from" type="date" defaultValue={period.from} aria-describedby="read-log-filter-hint" className="min-h-10 rounded border border-slate-500 px-2" />
              </div>
              <div className="flex flex-col">
                <label htmlFor="read-log-to" className="text-sm font-medium">
                  {t('filter.to')}
                </label>
                <input id="read-log-to" name="to" type="date" defaultValue={period.to} aria-describedby="read-log-filter-hint" className="min-h-10 rounded border border-slate-500 px-2" />
              </div>
              <button type="submit" className="min-h-10 rounded bg-brand-700 px-4 font-medium text-white hover:bg-brand-800">
                {t('filter.submit')}
              </button>
            </div>
          </fieldset>
          {period.problem && (
            <p role="alert" className="mt-3 rounded border border-amber-700 bg-amber-50 p-2 text-amber-900">
              {t(`filter.problem.${period.problem}`)}
            </p>
          )}
        </form>
        <p className="mb-1" data-testid="read-log-summary">
          {t('log.summary', { count: page.total, from: day(period.start.toISOString()), to: day(new Date(period.end.getTime() - 1).toISOString()) })}
        </p>
        {page.total > page.entries.length && <p className="mb-1 text-sm text-slate-700">{t('log.truncated', { shown: PAGE_MAX_ENTRIES })}</p>}
        <p className="mb-3">
          <a href={`/api/boards/${encodeURIComponent(page.board.id)}/access-log?${csvQuery.toString()}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2" download>
            {t('log.download')}
          </a>
        </p>
        {page.entries.length === 0 ? <p>{t('log.empty')}</p> : <EntryTable caption={t('log.caption')} entries={page.entries} when={when} cardLabel={cardLabel} t={t} />}
      </section>

      <section aria-labelledby="read-log-sample-heading" className="mb-8">
        <h2 id="read-log-sample-heading" className="mb-2 text-xl font-semibold">
          {t('sample.heading')}
        </h2>
        <p className="mb-3 max-w-prose text-slate-700">{t('sample.intro')}</p>
        <DrawSampleForm boardId={page.board.id} defaultFrom={sampleDefault.from} defaultTo={sampleDefault.to} defaultSize={DEFAULT_SAMPLE_SIZE} maxSize={MAX_SAMPLE_SIZE} today={getCalendarDate(now)} />

        {review && (
          <section aria-labelledby="read-log-review-heading" className="mt-6 rounded-lg border border-slate-300 bg-white p-4" data-testid="read-log-review">
            <h3 id="read-log-review-heading" tabIndex={-1} className="mb-1 text-lg font-semibold">
              {t('review.heading', { date: when(review.drawnAt) })}
            </h3>
            <p className="mb-2">
              {t('review.meta', { name: review.drawnByName, count: review.sampleSize, population: review.populationCount, from: day(review.periodFrom), to: lastDay(review.periodTo) })}
            </p>
            <EntryTable caption={t('review.caption')} entries={review.entries} when={when} cardLabel={cardLabel} t={t} />
            {review.reviewedAt ? (
              <div className="mt-3">
                <p className="font-medium">{t('review.reviewedBy', { name: review.reviewedByName ?? '', date: when(review.reviewedAt) })}</p>
                {review.note && <p className="mt-1 whitespace-pre-wrap wrap-anywhere">{review.note}</p>}
              </div>
            ) : (
              <RecordReviewForm boardId={page.board.id} reviewId={review.id} />
            )}
          </section>
        )}

        <h3 className="mt-6 mb-2 text-lg font-semibold">{t('reviews.heading')}</h3>
        {page.reviews.length === 0 ? (
          <p>{t('reviews.empty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">{t('reviews.heading')}</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="p-2">{t('reviews.drawn')}</th>
                  <th scope="col" className="p-2">{t('reviews.period')}</th>
                  <th scope="col" className="p-2">{t('reviews.sample')}</th>
                  <th scope="col" className="p-2">{t('reviews.reviewed')}</th>
                </tr>
              </thead>
              <tbody>
                {page.reviews.map((item) => (
                  <tr key={item.id} className="border-b border-slate-200 align-top">
                    <td className="p-2">
                      <Link href={`/boards/${page.board.id}/access-log?review=${item.id}`} className="text-brand-700 underline underline-offset-2">
                        {when(item.drawnAt)}
                      </Link>
                      <span className="block text-slate-700">{item.drawnByName}</span>
                    </td>
                    <td className="p-2">{t('reviews.periodValue', { from: day(item.periodFrom), to: lastDay(item.periodTo) })}</td>
                    <td className="p-2">{t('reviews.sampleValue', { count: item.sampleSize, population: item.populationCount })}</td>
                    <td className="p-2">{item.reviewedAt ? t('reviews.reviewedValue', { name: item.reviewedByName ?? '', date: when(item.reviewedAt) }) : t('reviews.notYet')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<'readLog'>>>;

function EntryTable({ caption, entries, when, cardLabel, t }: { caption: string; entries: ReadLogEntry[]; when: (iso: string) => string; cardLabel: (title: string | null, id: string) => string; t: Translate }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="p-2">{t('table.at')}</th>
            <th scope="col" className="p-2">{t('table.reader')}</th>
            <th scope="col" className="p-2">{t('table.card')}</th>
            <th scope="col" className="p-2">{t('table.how')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-b border-slate-200 align-top" data-testid="read-log-entry">
              <td className="p-2 whitespace-nowrap">
                <time dateTime={entry.at}>{when(entry.at)}</time>
              </td>
              <td className="p-2 wrap-anywhere">{entry.readerName}</td>
              <td className="p-2 wrap-anywhere">{cardLabel(entry.cardTitle, entry.cardId)}</td>
              <td className="p-2">{t(`channel.${entry.channel}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
