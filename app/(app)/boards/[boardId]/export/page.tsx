import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { requireSessionUser } from '@/lib/auth/session';
import { getBoardNameForExport } from '@/lib/data/export-board';
import { defaultSeparatorName } from '@/lib/export/csv';
import { isLocale } from '@/lib/i18n/config';
import { orNotFound } from '@/app/(app)/or-not-found';

type Props = { params: Promise<{ boardId: string }>; searchParams: Promise<{ separator?: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations('data.export'))('metaTitle') };
}

async function loadBoard(boardId: string) {
  const user = await requireSessionUser();
  return orNotFound(getBoardNameForExport(user.id, boardId));
}

const buttonClass =
  'inline-flex min-h-9 items-center justify-center rounded bg-brand-700 px-4 py-1.5 font-medium text-white underline-offset-2 hover:bg-brand-800 hover:underline';

/**
 * Downloads of the board: the cards and their history as CSV (separator chosen for the reader's Excel, the
 * UI language's by default), and Tillit's full JSON export (members only). Plain links: no script needed.
 */
export default async function BoardExportPage({ params, searchParams }: Props) {
  const { boardId } = await params;
  const board = await loadBoard(boardId);
  const t = await getTranslations('data.export');
  const locale = await getLocale();
  const requested = (await searchParams).separator;
  const separator = requested === 'comma' || requested === 'semicolon' ? requested : defaultSeparatorName(isLocale(locale) ? locale : 'sv');
  const base = `/api/boards/${encodeURIComponent(boardId)}/export`;

  return (
    <main id="main" className="mx-auto w-full max-w-3xl p-4 sm:p-6">
      <p className="mb-2">
        <Link href={`/boards/${boardId}`} className="inline-flex min-h-6 items-center text-brand-700 underline underline-offset-2">
          <span aria-hidden="true">←&nbsp;</span>
          {t('backToBoard', { board: board.name })}
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">{t('title', { board: board.name })}</h1>
      <p className="mb-6 max-w-prose text-slate-700">{t('intro')}</p>

      <section aria-labelledby="export-csv" className="mb-8 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="export-csv" className="mb-1 text-xl font-semibold">
          {t('csvHeading')}
        </h2>
        <p className="mb-3 max-w-prose">{t('csvIntro')}</p>
        <form method="get" className="mb-4">
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 font-medium">{t('separatorLegend')}</legend>
            {(['semicolon', 'comma'] as const).map((option) => (
              <label key={option} className="flex min-h-6 items-center gap-2">
                <input type="radio" name="separator" value={option} defaultChecked={separator === option} />
                {t(`separator.${option}`)}
              </label>
            ))}
          </fieldset>
          <ExportButtons base={base} cardsLabel={t('cardsCsv')} historyLabel={t('historyCsv')} />
        </form>
      </section>

      <section aria-labelledby="export-json" className="rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="export-json" className="mb-1 text-xl font-semibold">
          {t('jsonHeading')}
        </h2>
        <p className="mb-3 max-w-prose">{t('jsonIntro')}</p>
        {board.canExportJson ? (
          <a href={`${base}?kind=json`} className={buttonClass} download>
            {t('jsonDownload')}
          </a>
        ) : (
          <p className="rounded border border-slate-400 bg-slate-100 p-3">{t('jsonMembersOnly')}</p>
        )}
      </section>
    </main>
  );
}

/** Submit buttons of the separator form: each downloads its file with the separator chosen above. */
function ExportButtons({ base, cardsLabel, historyLabel }: { base: string; cardsLabel: string; historyLabel: string }) {
  return (
    <div className="mt-3 flex flex-wrap gap-3">
      <button type="submit" formAction={base} name="kind" value="cards" className={buttonClass}>
        {cardsLabel}
      </button>
      <button type="submit" formAction={base} name="kind" value="history" className={buttonClass}>
        {historyLabel}
      </button>
    </div>
  );
}
