'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { FormField } from '@/components/ui/form-field';
import { FLOW_STATES, type FlowState } from '@/lib/domain/flow-states';
import { decodeImportFile, detectFormat, isImportError, prepareImport, type DecodedFile } from '@/lib/import';
import type { CsvField } from '@/lib/import/csv-headers';
import { analyseCsv, type CsvSetup } from '@/lib/import/csv-sheet';
import type { DateFormat } from '@/lib/import/date-formats';
import { createImportTranslate, describeImportError, type RootTranslate } from '@/lib/import/describe';
import type { ImportPreview } from '@/lib/import/model';
import { CsvMappingStep } from './csv-mapping';
import { DuplicateWarning, findEarlierImports, type EarlierImport } from './duplicate-warning';
import { ImportPreviewDetails } from './import-preview-details';

type Problem = { message: string; rows: string[] };
type Progress = { phase: 'uploading' | 'importing' | 'saving'; done: number; total: number };
type Done = { boardId: string; boardName: string; cards: number; events: number };

type CsvChoice = { mapping: (CsvField | null)[]; dateFormat: DateFormat };

/**
 * `preview` is null while a spreadsheet's mapping cannot produce a board yet (a required column not chosen, rows
 * that do not read in the chosen date format): the mapping step stays, with the problem, so the person can fix it.
 */
type State =
  | { kind: 'idle'; problem: Problem | null }
  | { kind: 'reading' }
  | { kind: 'preview'; preview: ImportPreview | null; csv: CsvSetup | null; problem: Problem | null }
  | { kind: 'importing'; preview: ImportPreview; csv: CsvSetup | null; progress: Progress }
  | { kind: 'done'; done: Done };

const buttonPrimary =
  'inline-flex min-h-9 items-center justify-center rounded bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-800 disabled:opacity-60';
const buttonSecondary =
  'inline-flex min-h-9 items-center justify-center rounded border border-slate-400 bg-white px-4 py-1.5 font-medium text-slate-900 hover:bg-slate-100';
const fieldClass = 'rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900';

/**
 * The import, step by step: choose a file → the preview (built in the browser by the same code the server runs)
 * → confirm → the file goes to the server, which checks it again and imports it in one transaction while a
 * progress bar follows the upload and then the rows written → a link to the new board.
 */
export function ImportClient({ teamId, maxMb }: { teamId: string; maxMb: number }) {
  const t = useTranslations('data.import');
  const tFlow = useTranslations('data.flowState');
  const ids = { file: useId(), fileHint: useId() };
  const [state, setState] = useState<State>({ kind: 'idle', problem: null });
  const [boardName, setBoardName] = useState('');
  const [flowStates, setFlowStates] = useState<Record<string, FlowState>>({});
  const [csvChoice, setCsvChoice] = useState<CsvChoice | null>(null);
  // Boards this very file was imported as before (by its SHA-256), and whether the person wants another anyway.
  const [earlier, setEarlier] = useState<EarlierImport[]>([]);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const file = useRef<{ bytes: Uint8Array<ArrayBuffer>; decoded: DecodedFile; name: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const translate = createImportTranslate(useTranslations() as unknown as RootTranslate);

  // Where focus goes once the next render has put it on the page: the preview, the result, or back to the file.
  const focusNext = useRef<'preview' | 'file' | null>(null);
  useEffect(() => {
    if (state.kind === 'done') doneHeading.current?.focus();
    if (state.kind === 'preview' && focusNext.current === 'preview') previewHeading.current?.focus();
    if (state.kind === 'idle' && focusNext.current === 'file') fileInput.current?.focus();
    focusNext.current = null;
  }, [state]);

  function describe(error: unknown): Problem {
    if (isImportError(error)) return describeImportError(error, translate);
    return { message: t('errors.failed'), rows: [] };
  }

  function buildPreview(states: Record<string, FlowState>, name: string, choice: CsvChoice | null): ImportPreview {
    const current = file.current;
    if (!current) throw new Error('no file');
    return prepareImport(current.decoded.text, {
      now: new Date(),
      fileName: current.name,
      flowStates: states,
      boardName: name || undefined,
      decoded: current.decoded,
      ...(choice ?? {}),
    }).preview;
  }

  /** The preview for a choice; for a spreadsheet, a problem the person can fix in the mapping step instead of an error page. */
  function showPreview(states: Record<string, FlowState>, name: string, choice: CsvChoice | null, csv: CsvSetup | null, focus: boolean) {
    try {
      const preview = buildPreview(states, name, choice);
      if (focus) focusNext.current = 'preview';
      setState({ kind: 'preview', preview, csv, problem: null });
      return preview;
    } catch (error) {
      if (!csv || !isImportError(error)) throw error;
      if (focus) focusNext.current = 'preview';
      setState({ kind: 'preview', preview: null, csv, problem: describe(error) });
      return null;
    }
  }

  async function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    setState({ kind: 'reading' });
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      file.current = { bytes, decoded: decodeImportFile(bytes), name: chosen.name };
      setEarlier([]);
      setAllowDuplicate(false);
      void findEarlierImports(teamId, bytes).then((found) => {
        if (file.current?.bytes === bytes) setEarlier(found);
      });
      // Let the "reading" status paint before a large file blocks the page for a moment.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const text = file.current.decoded.text;
      const csv = detectFormat(text, chosen.name) === 'csv' ? analyseCsv(text) : null;
      const choice = csv ? { mapping: csv.mapping, dateFormat: csv.dateFormat } : null;
      setCsvChoice(choice);
      setBoardName(chosen.name.replace(/\.[^.]*$/, '').slice(0, 100));
      const preview = showPreview({}, '', choice, csv, true);
      setFlowStates(preview ? Object.fromEntries(preview.columns.map((column) => [column.ref, column.flowState])) : {});
      if (preview) setBoardName(preview.boardName);
    } catch (error) {
      file.current = null;
      setState({ kind: 'idle', problem: describe(error) });
    }
  }

  function changeFlowState(ref: string, value: FlowState) {
    const next = { ...flowStates, [ref]: value };
    setFlowStates(next);
    try {
      showPreview(next, boardName, csvChoice, state.kind === 'preview' ? state.csv : null, false);
    } catch (error) {
      setState({ kind: 'idle', problem: describe(error) });
    }
  }

  function changeCsvChoice(choice: CsvChoice) {
    const current = file.current;
    if (!current) return;
    setCsvChoice(choice);
    try {
      const csv = analyseCsv(current.decoded.text, choice);
      const preview = showPreview(flowStates, boardName, choice, csv, false);
      // Columns may be new after a change of mapping: they start at their suggested flow state.
      if (preview) setFlowStates(Object.fromEntries(preview.columns.map((column) => [column.ref, flowStates[column.ref] ?? column.flowState])));
    } catch (error) {
      setState({ kind: 'idle', problem: describe(error) });
    }
  }

  function reset() {
    file.current = null;
    focusNext.current = 'file';
    setState({ kind: 'idle', problem: null });
  }

  function startImport(preview: ImportPreview) {
    const current = file.current;
    if (!current) return;
    const csv = state.kind === 'preview' ? state.csv : null;
    const options = {
      fileName: current.name.slice(0, 255),
      boardName: boardName.trim() || undefined,
      flowStates: preview.canChangeFlowStates ? flowStates : undefined,
      ...(csvChoice ?? {}),
      ...(allowDuplicate ? { allowDuplicate: true } : {}),
    };
    setState({ kind: 'importing', preview, csv, progress: { phase: 'uploading', done: 0, total: current.bytes.byteLength } });
    const request = new XMLHttpRequest();
    request.open('POST', `/api/teams/${encodeURIComponent(teamId)}/import?options=${encodeURIComponent(JSON.stringify(options))}`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) setState({ kind: 'importing', preview, csv, progress: { phase: 'uploading', done: event.loaded, total: event.total } });
    };
    let consumed = 0;
    let finished = false;
    const readLines = () => {
      const text = request.responseText;
      let end = text.indexOf('\n', consumed);
      while (end >= 0) {
        const line = text.slice(consumed, end).trim();
        consumed = end + 1;
        end = text.indexOf('\n', consumed);
        if (!line) continue;
        const message = JSON.parse(line) as
          | { type: 'progress'; done: number; total: number }
          | ({ type: 'done' } & Done)
          | { type: 'error'; message: string };
        if (message.type === 'progress') {
          const phase = message.done >= message.total ? 'saving' : 'importing';
          setState({ kind: 'importing', preview, csv, progress: { phase, done: message.done, total: message.total } });
        } else if (message.type === 'done') {
          finished = true;
          setState({ kind: 'done', done: { boardId: message.boardId, boardName: message.boardName, cards: message.cards, events: message.events } });
        } else {
          finished = true;
          setState({ kind: 'idle', problem: { message: message.message, rows: [] } });
        }
      }
    };
    request.onprogress = () => {
      if (request.status === 200) readLines();
    };
    request.onload = () => {
      if (request.status === 200) {
        readLines();
        if (!finished) setState({ kind: 'idle', problem: { message: t('errors.failed'), rows: [] } });
        return;
      }
      try {
        const body = JSON.parse(request.responseText) as { error?: { message?: string; rows?: string[] } };
        setState({ kind: 'idle', problem: { message: body.error?.message ?? t('errors.failed'), rows: body.error?.rows ?? [] } });
      } catch {
        setState({ kind: 'idle', problem: { message: t('errors.failed'), rows: [] } });
      }
    };
    request.onerror = () => setState({ kind: 'idle', problem: { message: t('errors.failed'), rows: [] } });
    request.send(current.bytes);
  }

  if (state.kind === 'done') {
    return (
      <section aria-labelledby="import-done" className="rounded-lg border border-green-700 bg-green-50 p-4">
        <h2 id="import-done" ref={doneHeading} tabIndex={-1} className="mb-3 text-lg font-semibold text-green-950">
          {t('done', { board: state.done.boardName, cards: state.done.cards, events: state.done.events })}
        </h2>
        <Link href={`/boards/${state.done.boardId}`} className={buttonPrimary}>
          {t('openBoard')}
        </Link>
      </section>
    );
  }

  const isPreviewing = state.kind === 'preview' || state.kind === 'importing';
  const preview = isPreviewing ? state.preview : null;
  const csvSetup = isPreviewing ? state.csv : null;
  const mappingProblem = state.kind === 'preview' ? state.problem : null;
  const importing = state.kind === 'importing' ? state.progress : null;
  const problem = state.kind === 'idle' ? state.problem : null;
  const encoding = file.current?.decoded.encoding;

  return (
    <div className="flex flex-col gap-6">
      {!isPreviewing && (
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.file} className="font-medium">
            {t('fileLabel')}
          </label>
          <input
            ref={fileInput}
            id={ids.file}
            type="file"
            accept=".json,.csv,.txt,application/json,text/csv"
            aria-describedby={ids.fileHint}
            onChange={handleFile}
            className="max-w-full text-sm file:me-3 file:rounded file:border file:border-slate-400 file:bg-white file:px-3 file:py-1.5"
          />
          <p id={ids.fileHint} className="text-sm text-slate-700">
            {t('fileHint', { maxMb })}
          </p>
        </div>
      )}
      <div role="status" aria-live="polite">
        {state.kind === 'reading' && <p>{t('reading')}</p>}
      </div>
      <div role="alert">
        {problem && (
          <div className="rounded border border-red-700 bg-red-50 p-3 text-red-900" data-testid="import-error">
            <p className="font-medium">{problem.message}</p>
            {problem.rows.length > 0 && (
              <ul className="mt-2 list-disc ps-5 text-sm">
                {problem.rows.map((row, index) => (
                  <li key={index}>{row}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      {isPreviewing && (
        <section aria-labelledby="import-preview" className="flex flex-col gap-5" data-testid="import-preview">
          <div>
            <h2 id="import-preview" ref={previewHeading} tabIndex={-1} className="text-xl font-semibold">
              {t('preview.heading')}
            </h2>
            <p className="text-slate-700">
              {translate(`preview.source.${preview?.source ?? 'csv'}`)} · {file.current?.name}
            </p>
            {encoding && encoding !== 'utf-8' && (
              <p className="text-sm text-slate-700" data-testid="import-encoding">
                {translate(`encoding.${encoding}`)}
              </p>
            )}
          </div>

          <FormField label={t('preview.boardName')} className="max-w-md">
            {(control) => (
              <input
                {...control}
                type="text"
                required
                maxLength={100}
                value={boardName}
                disabled={!!importing}
                onChange={(event) => setBoardName(event.target.value)}
                className={fieldClass}
              />
            )}
          </FormField>

          {csvSetup && <CsvMappingStep setup={csvSetup} disabled={!!importing} onChange={changeCsvChoice} />}
          <div role="alert">
            {mappingProblem && (
              <div className="rounded border border-red-700 bg-red-50 p-3 text-red-900" data-testid="import-error">
                <p className="font-medium">{mappingProblem.message}</p>
                {mappingProblem.rows.length > 0 && (
                  <ul className="mt-2 list-disc ps-5 text-sm">
                    {mappingProblem.rows.map((row, index) => (
                      <li key={index}>{row}</li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>

          {!preview && (
            <div>
              <button type="button" className={buttonSecondary} onClick={reset}>
                {t('preview.chooseAnother')}
              </button>
            </div>
          )}
          {preview && (
            <>
              <section aria-labelledby="import-columns">
                <h3 id="import-columns" className="mb-1 text-lg font-semibold">
                  {t('preview.columnsHeading')}
                </h3>
                <p className="mb-2 max-w-prose text-sm text-slate-700">{preview.canChangeFlowStates ? t('preview.columnsIntro') : t('preview.columnsFixed')}</p>
                <div className="overflow-x-auto">
                  <table className="min-w-full border-collapse text-sm">
                    <thead>
                      <tr className="border-b border-slate-400 text-start">
                        <th scope="col" className="p-2 text-start">
                          {t('preview.columnName')}
                        </th>
                        <th scope="col" className="p-2 text-end">
                          {t('preview.columnCards')}
                        </th>
                        <th scope="col" className="p-2 text-start">
                          {t('preview.columnFlowState')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.columns.map((column) => (
                        <tr key={column.ref} className="border-b border-slate-200">
                          <th scope="row" className="p-2 text-start font-normal">
                            <span className="font-medium">{column.name}</span>
                            {column.isArchived && <span className="block text-xs text-slate-700">{t('preview.archivedColumn')}</span>}
                          </th>
                          <td className="p-2 text-end tabular-nums">{column.cardCount}</td>
                          <td className="p-2">
                            {preview.canChangeFlowStates ? (
                              <select
                                aria-label={t('preview.flowStateFor', { column: column.name })}
                                value={flowStates[column.ref] ?? column.flowState}
                                disabled={!!importing}
                                onChange={(event) => changeFlowState(column.ref, event.target.value as FlowState)}
                                className={fieldClass}
                              >
                                {FLOW_STATES.map((flowState) => (
                                  <option key={flowState} value={flowState}>
                                    {tFlow(flowState)}
                                  </option>
                                ))}
                              </select>
                            ) : (
                              tFlow(column.flowState)
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>

              <ImportPreviewDetails preview={preview} />
          {earlier.length > 0 && <DuplicateWarning earlier={earlier} allowed={allowDuplicate} disabled={!!importing} onAllow={setAllowDuplicate} />}

              {importing ? (
                <ImportProgress progress={importing} />
              ) : (
                <div className="flex flex-wrap gap-3">
                  <button type="button" className={buttonPrimary} disabled={!boardName.trim() || (earlier.length > 0 && !allowDuplicate)} onClick={() => startImport(preview)}>
                    {t('preview.confirm', { count: preview.cardCount })}
                  </button>
                  <button type="button" className={buttonSecondary} onClick={reset}>
                    {t('preview.chooseAnother')}
                  </button>
                </div>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}

function ImportProgress({ progress }: { progress: Progress }) {
  const t = useTranslations('data.import.progress');
  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  // The upload is the first half of the bar, the rows written the second, so it never runs backwards.
  const overall = progress.phase === 'uploading' ? percent / 2 : progress.phase === 'importing' ? 50 + percent / 2 : 100;
  const text =
    progress.phase === 'uploading'
      ? t('uploading', { percent })
      : progress.phase === 'importing'
        ? t('importing', { done: progress.done, total: progress.total })
        : t('saving');
  return (
    <div className="flex flex-col gap-1">
      <progress max={100} value={Math.round(overall)} aria-label={t('label')} className="h-3 w-full max-w-md" data-testid="import-progress" />
      <p role="status" className="text-sm">
        {text}
      </p>
    </div>
  );
}
