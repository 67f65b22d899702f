'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { NAME_MAX, type BoardCommand } from '@/lib/board/commands';
import { CLASS_MARKS } from '@/lib/board/lane-view';
import type { BoardLaneView } from '@/lib/board/types';
import { CLASSES_OF_SERVICE, type ClassOfService } from '@/lib/domain/lanes';
import type { WipMode } from '@/lib/domain/wip';
import type { CommandOutcome } from './command-outcome';
import { PolicyFields, WIP_MAX, WIP_MIN, WipLimitFields } from './limit-and-policy-fields';

type Props = {
  /** The lane to change; undefined to add a new one. */
  lane?: BoardLaneView;
  /** Every lane of the board, in drawing order (expedite first). */
  lanes: BoardLaneView[];
  /** Open cards in the lane. */
  cardCount: number;
  /** `removed`: the lane is gone (its settings button with it), so the board must put focus somewhere else. */
  onClose: (result?: { removed: boolean }) => void;
  runCommand: (command: BoardCommand) => Promise<CommandOutcome>;
};


const buttonPrimary =
  'inline-flex min-h-9 items-center justify-center rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800';
const buttonSecondary =
  'inline-flex min-h-9 items-center justify-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60';
const buttonDanger =
  'inline-flex min-h-9 items-center justify-center rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800';
const buttonDangerOutline =
  'inline-flex min-h-9 items-center justify-center rounded border border-red-700 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50';
const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700';

/**
 * A lane's team agreements — name, class of service, lane WIP limit and how it is kept, explicit policy — its place
 * among the lanes, and its removal (a lane holding cards asks where they go; the last lane cannot go). Also adds a
 * lane. Every change is one board command, so it is in the board history with who, when, before and after.
 */
export function LaneSettingsDialog({ lane, lanes, cardCount, onClose, runCommand }: Props) {
  const t = useTranslations('lanes.dialog');
  const tLanes = useTranslations('lanes');
  const ids = { position: useId(), delete: useId(), moveCardsTo: useId(), radio: useId() };

  const [name, setName] = useState(lane?.name ?? '');
  const [classOfService, setClassOfService] = useState<ClassOfService>(lane?.classOfService ?? 'STANDARD');
  const [wipLimit, setWipLimit] = useState(lane?.wipLimit == null ? '' : String(lane.wipLimit));
  const [wipMode, setWipMode] = useState<WipMode>(lane?.wipMode ?? 'ADVISORY');
  const [policy, setPolicy] = useState(lane?.policy ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [wipLimitError, setWipLimitError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  const otherLanes = lanes.filter((other) => other.id !== lane?.id);
  const [moveCardsTo, setMoveCardsTo] = useState(otherLanes[0]?.id ?? '');

  const nameRef = useRef<HTMLInputElement>(null);
  const wipLimitRef = useRef<HTMLInputElement>(null);
  const deleteButtonRef = useRef<HTMLButtonElement>(null);
  const moveCardsToRef = useRef<HTMLSelectElement>(null);
  const deleteConfirmRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<RefObject<HTMLElement | null> | null>(null);

  useEffect(() => {
    const target = focusNext.current?.current;
    if (target) {
      target.focus();
      focusNext.current = null;
    }
  });

  async function run(command: BoardCommand) {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const outcome = await runCommand(command);
      if (!outcome.ok) setError(outcome.error.message);
      else onClose({ removed: command.type === 'lane.delete' });
    } catch {
      setError(t('commandFailed'));
    } finally {
      setPending(false);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedName = name.trim();
    const nextNameError = trimmedName ? null : t('nameRequired');
    const parsedLimit = parseWipLimit(wipLimit, wipLimitRef.current?.validity.badInput ?? false);
    const nextWipError = parsedLimit === 'invalid' ? t('wipLimitInvalid', { min: WIP_MIN, max: WIP_MAX }) : null;
    setNameError(nextNameError);
    setWipLimitError(nextWipError);
    if (nextNameError) return nameRef.current?.focus();
    if (parsedLimit === 'invalid') return wipLimitRef.current?.focus();

    if (!lane) {
      void run({ type: 'lane.create', name: trimmedName, classOfService, ...(parsedLimit !== null ? { wipLimit: parsedLimit, wipMode } : {}), ...(policy.trim() ? { policy } : {}) });
      return;
    }
    const command: Extract<BoardCommand, { type: 'lane.update' }> = { type: 'lane.update', laneId: lane.id };
    if (trimmedName !== lane.name) command.name = trimmedName;
    if (classOfService !== lane.classOfService) command.classOfService = classOfService;
    if (parsedLimit !== lane.wipLimit) command.wipLimit = parsedLimit;
    if (wipMode !== lane.wipMode) command.wipMode = wipMode;
    if (policy !== lane.policy) command.policy = policy;
    if (Object.keys(command).length === 2) return onClose();
    void run(command);
  }

  // The lane's place in drawing order, within its group (expedite lanes stay first; lib/data/lanes.ts reorderLane).
  const index = lane ? lanes.findIndex((other) => other.id === lane.id) : -1;
  const expediteCount = lanes.filter((other) => other.classOfService === 'EXPEDITE').length;
  const [low, high] = lane?.classOfService === 'EXPEDITE' ? [0, expediteCount - 1] : [expediteCount, lanes.length - 1];

  return (
    <Dialog open onClose={onClose} title={lane ? t('title', { lane: lane.name }) : t('createTitle')} size="lg">
      <div className="flex flex-col gap-6">
        <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-5">
          <FormField label={t('name')} error={nameError}>
            {(control) => (
              <input {...control} ref={nameRef} type="text" required maxLength={NAME_MAX} value={name} onChange={(event) => setName(event.target.value)} className={fieldClass} />
            )}
          </FormField>

          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 font-medium">{t('classOfService')}</legend>
            {CLASSES_OF_SERVICE.map((value) => (
              <div key={value} className="flex items-start gap-2">
                <input
                  id={`${ids.radio}-class-${value}`}
                  type="radio"
                  name={`${ids.radio}-class`}
                  value={value}
                  checked={classOfService === value}
                  onChange={() => setClassOfService(value)}
                  aria-describedby={`${ids.radio}-class-${value}-hint`}
                  className="mt-0.5 size-5 shrink-0 accent-brand-700"
                />
                <div>
                  <label htmlFor={`${ids.radio}-class-${value}`} className="font-medium">
                    <span aria-hidden="true">{CLASS_MARKS[value]} </span>
                    {tLanes(`class.${value}`)}
                  </label>
                  <p id={`${ids.radio}-class-${value}-hint`} className="text-sm text-slate-700">
                    {tLanes(`classHint.${value}`)}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>

          <WipLimitFields
            namespace="lanes.dialog"
            wipLimit={wipLimit}
            onWipLimitChange={setWipLimit}
            wipMode={wipMode}
            onWipModeChange={setWipMode}
            error={wipLimitError}
            limitRef={wipLimitRef}
          />

          <PolicyFields namespace="lanes.dialog" policy={policy} onPolicyChange={setPolicy} rows={5} />

          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonPrimary}>
              {pending ? t('working') : lane ? t('save') : t('create')}
            </button>
            <button type="button" className={buttonSecondary} onClick={() => onClose()}>
              {t('cancel')}
            </button>
          </div>
        </form>

        {/* Kept on the page even when empty, so screen readers announce a message when it appears. */}
        <div role="alert">{error && <p className="rounded border border-red-700 bg-red-50 p-3 text-red-900">{error}</p>}</div>

        {lane && (
          <section aria-labelledby={ids.position} className="flex flex-col gap-2 border-t border-slate-300 pt-4">
            <h3 id={ids.position} className="text-lg font-semibold">
              {t('positionHeading')}
            </h3>
            <p className="text-sm text-slate-700">{t('positionOf', { position: index + 1, count: lanes.length })}</p>
            <div className="flex flex-wrap gap-2">
              <button type="button" className={buttonSecondary} disabled={index <= low} onClick={() => void run({ type: 'lane.reorder', laneId: lane.id, toIndex: index - 1 })}>
                <span aria-hidden="true">↑&nbsp;</span>
                {t('moveUp')}
              </button>
              <button type="button" className={buttonSecondary} disabled={index >= high} onClick={() => void run({ type: 'lane.reorder', laneId: lane.id, toIndex: index + 1 })}>
                <span aria-hidden="true">↓&nbsp;</span>
                {t('moveDown')}
              </button>
            </div>
          </section>
        )}

        {lane && (
          <section aria-labelledby={ids.delete} className="flex flex-col gap-2 border-t border-slate-300 pt-4">
            <h3 id={ids.delete} className="text-lg font-semibold">
              {t('deleteHeading')}
            </h3>
            {otherLanes.length === 0 ? (
              <p className="text-sm text-slate-700">{t('deleteLastLane')}</p>
            ) : !isConfirmingDelete ? (
              <div>
                <button
                  ref={deleteButtonRef}
                  type="button"
                  className={buttonDangerOutline}
                  onClick={() => {
                    setError(null);
                    setIsConfirmingDelete(true);
                    focusNext.current = cardCount > 0 ? moveCardsToRef : deleteConfirmRef;
                  }}
                >
                  {t('delete')}
                </button>
              </div>
            ) : (
              <div className="flex flex-col gap-3 rounded border border-red-700 bg-red-50 p-3">
                {cardCount > 0 ? (
                  <div className="flex flex-col gap-1">
                    <label htmlFor={ids.moveCardsTo} className="font-medium">
                      {t('moveCardsTo', { count: cardCount })}
                    </label>
                    <select
                      ref={moveCardsToRef}
                      id={ids.moveCardsTo}
                      value={moveCardsTo}
                      onChange={(event) => setMoveCardsTo(event.target.value)}
                      className="min-h-9 max-w-xs rounded border border-slate-500 bg-white px-2 py-1 text-slate-900"
                    >
                      {otherLanes.map((other) => (
                        <option key={other.id} value={other.id}>
                          {other.name}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : (
                  <p className="text-slate-900">{t('deleteQuestion', { lane: lane.name })}</p>
                )}
                <div className="flex flex-wrap gap-2">
                  <button
                    ref={deleteConfirmRef}
                    type="button"
                    className={buttonDanger}
                    onClick={() => void run({ type: 'lane.delete', laneId: lane.id, ...(cardCount > 0 ? { moveCardsToLaneId: moveCardsTo } : {}) })}
                  >
                    {pending ? t('working') : cardCount > 0 ? t('deleteAndMove') : t('deleteConfirm')}
                  </button>
                  <button
                    type="button"
                    className={buttonSecondary}
                    onClick={() => {
                      setError(null);
                      setIsConfirmingDelete(false);
                      focusNext.current = deleteButtonRef;
                    }}
                  >
                    {t('cancel')}
                  </button>
                </div>
              </div>
            )}
          </section>
        )}
      </div>
    </Dialog>
  );
}

/** Empty means no limit; a number input reports '' for unparsable text too, so badInput tells the two apart. */
function parseWipLimit(raw: string, isBadInput: boolean): number | null | 'invalid' {
  if (isBadInput) return 'invalid';
  const text = raw.trim();
  if (text === '') return null;
  if (!/^\d+$/.test(text)) return 'invalid';
  const value = Number(text);
  return value >= WIP_MIN && value <= WIP_MAX ? value : 'invalid';
}
