'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { NAME_MAX, type BoardCommand } from '@/lib/board/commands';
import { CLASS_MARKS } from '@/lib/board/lane-view';
import type { BoardLaneView } from '@/lib/board/types';
import { CLASSES_OF_SERVICE, type ClassOfService } from '@/lib/domain/lanes';
import type { WipMode } from '@/lib/domain/wip';
import type { CommandOutcome } from './command-outcome';
import { parseWipLimit, PolicyFields, WIP_MAX, WIP_MIN, WipLimitFields } from './limit-and-policy-fields';
import { RemoveWithDestination } from './remove-with-destination';
import { buttonPrimary, buttonSecondary, fieldClass } from './settings-dialog-styles';

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


/**
 * A lane's team agreements — name, class of service, lane WIP limit and how it is kept, explicit policy — its place
 * among the lanes, and its removal (a lane holding cards asks where they go; the last lane cannot go). Also adds a
 * lane. Every change is one board command, so it is in the board history with who, when, before and after.
 */
export function LaneSettingsDialog({ lane, lanes, cardCount, onClose, runCommand }: Props) {
  const t = useTranslations('lanes.dialog');
  const tLanes = useTranslations('lanes');
  const ids = { position: useId(), radio: useId() };

  const [name, setName] = useState(lane?.name ?? '');
  const [classOfService, setClassOfService] = useState<ClassOfService>(lane?.classOfService ?? 'STANDARD');
  const [wipLimit, setWipLimit] = useState(lane?.wipLimit == null ? '' : String(lane.wipLimit));
  const [wipMode, setWipMode] = useState<WipMode>(lane?.wipMode ?? 'ADVISORY');
  const [policy, setPolicy] = useState(lane?.policy ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const [wipLimitError, setWipLimitError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const otherLanes = lanes.filter((other) => other.id !== lane?.id);

  const nameRef = useRef<HTMLInputElement>(null);
  const wipLimitRef = useRef<HTMLInputElement>(null);
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
          <RemoveWithDestination
            namespace="lanes.dialog"
            destinations={otherLanes}
            cardCount={cardCount}
            lastOneText={t('deleteLastLane')}
            question={t('deleteQuestion', { lane: lane.name })}
            isPending={pending}
            onClearError={() => setError(null)}
            onRemove={(destinationId) => void run({ type: 'lane.delete', laneId: lane.id, ...(destinationId ? { moveCardsToLaneId: destinationId } : {}) })}
          />
        )}
      </div>
    </Dialog>
  );
}

