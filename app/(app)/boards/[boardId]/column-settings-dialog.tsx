'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { NAME_MAX, type BoardCommand } from '@/lib/board/commands';
import type { BoardColumnView } from '@/lib/board/types';
import { FLOW_STATES, type FlowState } from '@/lib/domain/flow-states';
import type { WipMode } from '@/lib/domain/wip';
import type { CommandOutcome } from './command-outcome';
import { parseWipLimit, PolicyFields, WIP_MAX, WIP_MIN, WipLimitFields } from './limit-and-policy-fields';
import { RemoveWithDestination } from './remove-with-destination';
import { buttonPrimary, buttonSecondary, fieldClass, selectClass } from './settings-dialog-styles';

export type ColumnSettingsDialogProps = {
  column: BoardColumnView;
  /** All columns of the board, in board order. */
  columns: BoardColumnView[];
  /** Open cards in this column. */
  cardCount: number;
  onClose: () => void;
  runCommand: (command: BoardCommand) => Promise<CommandOutcome>;
};

type ColumnUpdate = Extract<BoardCommand, { type: 'column.update' }>;


/** A column's team agreements (name, WIP limit, flow state, explicit policy), its place, and its removal. */
export function ColumnSettingsDialog({ column, columns, cardCount, onClose, runCommand }: ColumnSettingsDialogProps) {
  const t = useTranslations('columnSettings');
  const tFlow = useTranslations('flowState');
  const ids = {
    position: useId(),
  };

  const [name, setName] = useState(column.name);
  const [wipLimit, setWipLimit] = useState(column.wipLimit === null ? '' : String(column.wipLimit));
  const [wipMode, setWipMode] = useState<WipMode>(column.wipMode);
  const [flowState, setFlowState] = useState<FlowState>(column.flowState);
  const [policy, setPolicy] = useState(column.policy);
  const [nameError, setNameError] = useState<string | null>(null);
  const [wipLimitError, setWipLimitError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const otherColumns = columns.filter((other) => other.id !== column.id);

  const nameRef = useRef<HTMLInputElement>(null);
  const wipLimitRef = useRef<HTMLInputElement>(null);
  const index = columns.findIndex((other) => other.id === column.id);

  async function run(command: BoardCommand) {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const outcome = await runCommand(command);
      if (outcome.ok) onClose();
      else setError(outcome.error.message);
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
    if (nextWipError || parsedLimit === 'invalid') return wipLimitRef.current?.focus();

    const command: ColumnUpdate = { type: 'column.update', columnId: column.id };
    if (trimmedName !== column.name) command.name = trimmedName;
    if (parsedLimit !== column.wipLimit) command.wipLimit = parsedLimit;
    if (wipMode !== column.wipMode) command.wipMode = wipMode;
    if (flowState !== column.flowState) command.flowState = flowState;
    if (policy !== column.policy) command.policy = policy;
    if (Object.keys(command).length === 2) return onClose();
    void run(command);
  }

  return (
    <Dialog open onClose={onClose} title={t('title', { column: column.name })} size="lg">
      <div className="flex flex-col gap-6">
        <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-5">
          <FormField label={t('name')} error={nameError}>
            {(control) => (
              <input
                {...control}
                ref={nameRef}
                type="text"
                required
                maxLength={NAME_MAX}
                value={name}
                onChange={(event) => setName(event.target.value)}
                className={fieldClass}
              />
            )}
          </FormField>

          <WipLimitFields
            namespace="columnSettings"
            wipLimit={wipLimit}
            onWipLimitChange={setWipLimit}
            wipMode={wipMode}
            onWipModeChange={setWipMode}
            error={wipLimitError}
            limitRef={wipLimitRef}
          />

          <FormField label={t('flowState')} hint={t('flowStateHint', { inProgress: tFlow('IN_PROGRESS'), done: tFlow('DONE') })}>
            {(control) => (
              <select
                {...control}
                value={flowState}
                onChange={(event) => setFlowState(event.target.value as FlowState)}
                className={selectClass}
              >
                {FLOW_STATES.map((state) => (
                  <option key={state} value={state}>
                    {tFlow(state)}
                  </option>
                ))}
              </select>
            )}
          </FormField>

          <PolicyFields namespace="columnSettings" policy={policy} onPolicyChange={setPolicy} rows={6} />

          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonPrimary}>
              {pending ? t('working') : t('save')}
            </button>
            <button type="button" className={buttonSecondary} onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </form>

        {/* Kept on the page even when empty, so screen readers announce a message when it appears. */}
        <div role="alert">
          {error && <p className="rounded border border-red-700 bg-red-50 p-3 text-red-900">{error}</p>}
        </div>

        <section aria-labelledby={ids.position} className="flex flex-col gap-2 border-t border-slate-300 pt-4">
          <h3 id={ids.position} className="text-lg font-semibold">
            {t('positionHeading')}
          </h3>
          <p className="text-sm text-slate-700">{t('positionOf', { position: index + 1, count: columns.length })}</p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonSecondary}
              disabled={index <= 0}
              onClick={() => void run({ type: 'column.reorder', columnId: column.id, toIndex: index - 1 })}
            >
              <span aria-hidden="true">←&nbsp;</span>
              {t('moveLeft')}
            </button>
            <button
              type="button"
              className={buttonSecondary}
              disabled={index < 0 || index >= columns.length - 1}
              onClick={() => void run({ type: 'column.reorder', columnId: column.id, toIndex: index + 1 })}
            >
              {t('moveRight')}
              <span aria-hidden="true">&nbsp;→</span>
            </button>
          </div>
        </section>

        <RemoveWithDestination
          namespace="columnSettings"
          destinations={otherColumns}
          cardCount={cardCount}
          lastOneText={t('deleteLastColumn')}
          question={t('deleteQuestion', { column: column.name })}
          isPending={pending}
          onClearError={() => setError(null)}
          onRemove={(destinationId) => void run({ type: 'column.delete', columnId: column.id, ...(destinationId ? { moveCardsToColumnId: destinationId } : {}) })}
        />
      </div>
    </Dialog>
  );
}

