'use client';

import { useTranslations } from 'next-intl';
import { FormField } from '@/components/ui/form-field';
import type { ExperimentBoardOptions } from '@/lib/data/experiments';
import { FLOW_STATES, type FlowState } from '@/lib/domain/flow-states';
import { CLASSES_OF_SERVICE, type ClassOfService } from '@/lib/domain/lanes';
import { WIP_MODES, type WipMode } from '@/lib/domain/wip';
import { TEXT_MAX } from '@/lib/experiments/model';
import { PREPARED_CHANGE_KINDS, preparedChangeSchema, type PreparedChange, type PreparedChangeKind } from '@/lib/experiments/prepared-change';

const fieldClass = 'w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700';
const selectClass = 'min-h-9 max-w-full rounded border border-slate-500 bg-white px-2 py-1 text-slate-900';

/** The board change being prepared, as the form holds it (text fields stay text until it is sent). */
export type BoardChangeDraft = {
  kind: 'none' | PreparedChangeKind;
  columnId: string;
  laneId: string;
  wipLimit: string;
  wipMode: WipMode;
  policy: string;
  name: string;
  flowState: FlowState;
  toIndex: string;
  classOfService: ClassOfService;
  moveCardsToColumnId: string;
  moveCardsToLaneId: string;
};

/** The form's starting values: the experiment's prepared change when editing, else the board's first column and lane. */
export function initialBoardChange(options: ExperimentBoardOptions, change: PreparedChange | null): BoardChangeDraft {
  const column = options.columns.find((candidate) => change !== null && 'columnId' in change && candidate.id === change.columnId) ?? options.columns[0];
  const lane = options.lanes.find((candidate) => change !== null && 'laneId' in change && candidate.id === change.laneId) ?? options.lanes[0];
  const draft: BoardChangeDraft = {
    kind: change?.kind ?? 'none',
    columnId: column?.id ?? '',
    laneId: lane?.id ?? '',
    wipLimit: column?.wipLimit === null || column === undefined ? '' : String(column.wipLimit),
    wipMode: column?.wipMode ?? 'ADVISORY',
    policy: column?.policy ?? '',
    name: '',
    flowState: 'IN_PROGRESS',
    toIndex: String(options.columns.length),
    classOfService: 'STANDARD',
    moveCardsToColumnId: options.columns.find((candidate) => candidate.id !== column?.id)?.id ?? '',
    moveCardsToLaneId: options.lanes.find((candidate) => candidate.id !== lane?.id)?.id ?? '',
  };
  if (change === null) return draft;
  switch (change.kind) {
    case 'column.wip':
    case 'lane.wip':
      return { ...draft, wipLimit: change.wipLimit === null ? '' : String(change.wipLimit), wipMode: change.wipMode };
    case 'column.policy':
    case 'lane.policy':
      return { ...draft, policy: change.policy };
    case 'column.add':
      return { ...draft, name: change.name, flowState: change.flowState, toIndex: String(change.toIndex) };
    case 'lane.add':
      return { ...draft, name: change.name, classOfService: change.classOfService };
    case 'column.remove':
      return { ...draft, moveCardsToColumnId: change.moveCardsToColumnId };
    case 'lane.remove':
      return { ...draft, moveCardsToLaneId: change.moveCardsToLaneId };
  }
}

/** The prepared change the draft describes: null for none, 'invalid' when a field does not make one. */
export function readBoardChange(draft: BoardChangeDraft): PreparedChange | null | 'invalid' {
  if (draft.kind === 'none') return null;
  const wipLimit = draft.wipLimit.trim() === '' ? null : Number(draft.wipLimit);
  const candidate = {
    'column.wip': { kind: 'column.wip', columnId: draft.columnId, wipLimit, wipMode: draft.wipMode },
    'column.policy': { kind: 'column.policy', columnId: draft.columnId, policy: draft.policy },
    'column.add': { kind: 'column.add', name: draft.name, flowState: draft.flowState, toIndex: Number(draft.toIndex) },
    'column.remove': { kind: 'column.remove', columnId: draft.columnId, moveCardsToColumnId: draft.moveCardsToColumnId },
    'lane.wip': { kind: 'lane.wip', laneId: draft.laneId, wipLimit, wipMode: draft.wipMode },
    'lane.policy': { kind: 'lane.policy', laneId: draft.laneId, policy: draft.policy },
    'lane.add': { kind: 'lane.add', name: draft.name, classOfService: draft.classOfService },
    'lane.remove': { kind: 'lane.remove', laneId: draft.laneId, moveCardsToLaneId: draft.moveCardsToLaneId },
  }[draft.kind];
  const parsed = preparedChangeSchema.safeParse(candidate);
  return parsed.success ? parsed.data : 'invalid';
}

type Props = { options: ExperimentBoardOptions; draft: BoardChangeDraft; onChange: (draft: BoardChangeDraft) => void; error: string | null };

/**
 * The one concrete board change an experiment may prepare, chosen in the propose dialog: nothing is changed on the
 * board until the experiment starts. Choosing a column or lane fills in its current setting, to be edited.
 */
export function BoardChangeFields({ options, draft, onChange, error }: Props) {
  const t = useTranslations('experiments');
  const set = (patch: Partial<BoardChangeDraft>) => onChange({ ...draft, ...patch });
  const kinds = PREPARED_CHANGE_KINDS.filter((kind) => (kind === 'lane.remove' ? options.lanes.length > 1 : kind === 'column.remove' ? options.columns.length > 1 : true));

  function chooseColumn(columnId: string) {
    const column = options.columns.find((candidate) => candidate.id === columnId);
    set({
      columnId,
      ...(column ? { wipLimit: column.wipLimit === null ? '' : String(column.wipLimit), wipMode: column.wipMode, policy: column.policy } : {}),
      moveCardsToColumnId: options.columns.find((candidate) => candidate.id !== columnId)?.id ?? '',
    });
  }
  function chooseLane(laneId: string) {
    const lane = options.lanes.find((candidate) => candidate.id === laneId);
    set({
      laneId,
      ...(lane ? { wipLimit: lane.wipLimit === null ? '' : String(lane.wipLimit), wipMode: lane.wipMode, policy: lane.policy } : {}),
      moveCardsToLaneId: options.lanes.find((candidate) => candidate.id !== laneId)?.id ?? '',
    });
  }
  function chooseKind(kind: BoardChangeDraft['kind']) {
    // Start from the chosen column's or lane's current settings, so the team edits what is there.
    const column = options.columns.find((candidate) => candidate.id === draft.columnId);
    const lane = options.lanes.find((candidate) => candidate.id === draft.laneId);
    const source = kind.startsWith('lane.') ? lane : column;
    set({ kind, ...(source ? { wipLimit: source.wipLimit === null ? '' : String(source.wipLimit), wipMode: source.wipMode, policy: source.policy } : {}) });
  }

  return (
    <fieldset className="flex flex-col gap-4 rounded border border-slate-300 p-3">
      <legend className="px-1 font-medium">{t('propose.boardChange')}</legend>
      <FormField label={t('propose.boardChangeKind')} hint={t('propose.boardChangeHint')} error={error}>
        {(control) => (
          <select {...control} value={draft.kind} onChange={(event) => chooseKind(event.target.value as BoardChangeDraft['kind'])} className={selectClass}>
            <option value="none">{t('change.kind.none')}</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`change.kind.${kind.replace('.', '_')}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>

      {(draft.kind === 'column.wip' || draft.kind === 'column.policy' || draft.kind === 'column.remove') && (
        <FormField label={t('propose.column')}>
          {(control) => (
            <select {...control} value={draft.columnId} onChange={(event) => chooseColumn(event.target.value)} className={selectClass}>
              {options.columns.map((column) => (
                <option key={column.id} value={column.id}>
                  {column.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {(draft.kind === 'lane.wip' || draft.kind === 'lane.policy' || draft.kind === 'lane.remove') && (
        <FormField label={t('propose.lane')}>
          {(control) => (
            <select {...control} value={draft.laneId} onChange={(event) => chooseLane(event.target.value)} className={selectClass}>
              {options.lanes.map((lane) => (
                <option key={lane.id} value={lane.id}>
                  {lane.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}

      {(draft.kind === 'column.wip' || draft.kind === 'lane.wip') && (
        <>
          <FormField label={t('propose.newWipLimit')} hint={t('propose.newWipLimitHint')}>
            {(control) => (
              <input {...control} type="number" inputMode="numeric" min={1} max={999} step={1} value={draft.wipLimit} onChange={(event) => set({ wipLimit: event.target.value })} className={`${fieldClass} max-w-32`} />
            )}
          </FormField>
          <FormField label={t('propose.newWipMode')}>
            {(control) => (
              <select {...control} value={draft.wipMode} onChange={(event) => set({ wipMode: event.target.value as WipMode })} className={selectClass}>
                {WIP_MODES.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`wipMode.${mode}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </>
      )}

      {(draft.kind === 'column.policy' || draft.kind === 'lane.policy') && (
        <FormField label={t('propose.newPolicy')} hint={t('propose.newPolicyHint')}>
          {(control) => <textarea {...control} rows={4} maxLength={TEXT_MAX} value={draft.policy} onChange={(event) => set({ policy: event.target.value })} className={`${fieldClass} font-mono text-sm`} />}
        </FormField>
      )}

      {(draft.kind === 'column.add' || draft.kind === 'lane.add') && (
        <FormField label={draft.kind === 'column.add' ? t('propose.newColumnName') : t('propose.newLaneName')}>
          {(control) => <input {...control} type="text" maxLength={100} value={draft.name} onChange={(event) => set({ name: event.target.value })} className={fieldClass} />}
        </FormField>
      )}
      {draft.kind === 'column.add' && (
        <>
          <FormField label={t('propose.flowState')}>
            {(control) => (
              <select {...control} value={draft.flowState} onChange={(event) => set({ flowState: event.target.value as FlowState })} className={selectClass}>
                {FLOW_STATES.map((state) => (
                  <option key={state} value={state}>
                    {t(`flowState.${state}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={t('propose.position')}>
            {(control) => (
              <select {...control} value={draft.toIndex} onChange={(event) => set({ toIndex: event.target.value })} className={selectClass}>
                {options.columns.map((column, index) => (
                  <option key={column.id} value={String(index)}>
                    {t('propose.positionBefore', { column: column.name })}
                  </option>
                ))}
                <option value={String(options.columns.length)}>{t('propose.positionLast')}</option>
              </select>
            )}
          </FormField>
        </>
      )}
      {draft.kind === 'lane.add' && (
        <FormField label={t('propose.classOfService')}>
          {(control) => (
            <select {...control} value={draft.classOfService} onChange={(event) => set({ classOfService: event.target.value as ClassOfService })} className={selectClass}>
              {CLASSES_OF_SERVICE.map((value) => (
                <option key={value} value={value}>
                  {t(`classOfService.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}

      {draft.kind === 'column.remove' && (
        <FormField label={t('propose.moveCardsTo')}>
          {(control) => (
            <select {...control} value={draft.moveCardsToColumnId} onChange={(event) => set({ moveCardsToColumnId: event.target.value })} className={selectClass}>
              {options.columns
                .filter((column) => column.id !== draft.columnId)
                .map((column) => (
                  <option key={column.id} value={column.id}>
                    {column.name}
                  </option>
                ))}
            </select>
          )}
        </FormField>
      )}
      {draft.kind === 'lane.remove' && (
        <FormField label={t('propose.moveCardsToLane')}>
          {(control) => (
            <select {...control} value={draft.moveCardsToLaneId} onChange={(event) => set({ moveCardsToLaneId: event.target.value })} className={selectClass}>
              {options.lanes
                .filter((lane) => lane.id !== draft.laneId)
                .map((lane) => (
                  <option key={lane.id} value={lane.id}>
                    {lane.name}
                  </option>
                ))}
            </select>
          )}
        </FormField>
      )}
    </fieldset>
  );
}
