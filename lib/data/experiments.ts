import 'server-only';
/**
 * Improvement experiments of a team's board (issue 13): propose, edit, start (applying the prepared board change in
 * the same transaction), review (adopt / adapt / abandon, abandoning optionally reverting the change), withdraw.
 * Members do all of it; viewers read experiments and their study; anyone else gets NOT_FOUND, as for the board.
 * Every write is one transaction with its board history row, linked to the experiment (BoardEvent.experimentId).
 */
import { z } from 'zod';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb, type Db, type Tx } from '@/lib/db';
import { canPerform, type TeamRole } from '@/lib/domain/permissions';
import type { FlowState } from '@/lib/domain/flow-states';
import type { ClassOfService } from '@/lib/domain/lanes';
import type { WipMode } from '@/lib/domain/wip';
import { AppError } from '@/lib/errors';
import {
  canTakeAction,
  checkReviewDate,
  isDueForReview,
  type ExperimentAction,
  type ExperimentDirection,
  type ExperimentMeasure,
  type ExperimentOutcome,
  type ExperimentStatus,
  type ProposeExperimentInput,
} from '@/lib/experiments/model';
import { checkPreparedChange, readAppliedChange, readPreparedChange, type AppliedChange, type PreparedChange, type RevertPlan } from '@/lib/experiments/prepared-change';
import { getCalendarDate } from '@/lib/flow';
import { DEFAULT_TIME_ZONE } from '@/lib/i18n/config';
import { publishBoardEvent } from '@/lib/live/publish';
import { authorizeBoardAction } from './access';
import { applyPreparedChange, loadBoardShape, previewRevert, revertAppliedChange } from './experiment-board-changes';

type Actor = { id: string; name: string };

/** An experiment as every page shows it. Dates of days are 'YYYY-MM-DD' in the team's zone; instants ISO strings. */
export type ExperimentView = {
  id: string;
  change: string;
  reason: string;
  hypothesis: string;
  measure: ExperimentMeasure;
  expectedDirection: ExperimentDirection;
  reviewDate: string;
  status: ExperimentStatus;
  outcome: ExperimentOutcome | null;
  reflection: string | null;
  preparedChange: PreparedChange | null;
  appliedChange: AppliedChange | null;
  /** Names of the columns and lanes the prepared and applied change name (removed ones too), by id. */
  names: Record<string, string>;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  revertedAt: string | null;
  isDueForReview: boolean;
};

/** The board's columns and lanes as the propose dialog offers them. */
export type ExperimentBoardOptions = {
  columns: { id: string; name: string; wipLimit: number | null; wipMode: WipMode; policy: string; flowState: FlowState }[];
  lanes: { id: string; name: string; wipLimit: number | null; wipMode: WipMode; policy: string; classOfService: ClassOfService }[];
};

export type ExperimentsPageData = {
  board: { id: string; name: string; teamName: string };
  role: TeamRole;
  canManage: boolean;
  /** The team's calendar day today. */
  today: string;
  experiments: ExperimentView[];
  options: ExperimentBoardOptions;
};

const EXPERIMENT_SELECT = {
  id: true,
  change: true,
  reason: true,
  hypothesis: true,
  measure: true,
  expectedDirection: true,
  reviewDate: true,
  status: true,
  outcome: true,
  reflection: true,
  preparedChange: true,
  appliedChange: true,
  createdAt: true,
  startedAt: true,
  endedAt: true,
  revertedAt: true,
} as const;

type ExperimentRow = Prisma.ExperimentGetPayload<{ select: typeof EXPERIMENT_SELECT }>;

/** The team's calendar day of `now`. */
export function getTeamToday(now: Date): string {
  return getCalendarDate(now, DEFAULT_TIME_ZONE);
}

const toDateOnly = (value: Date) => value.toISOString().slice(0, 10);
const fromDateOnly = (value: string) => new Date(`${value}T00:00:00.000Z`);

function toView(row: ExperimentRow, names: ReadonlyMap<string, string>, today: string): ExperimentView {
  const preparedChange = readPreparedChange(row.preparedChange);
  const appliedChange = readAppliedChange(row.appliedChange);
  const ids = [preparedChange, appliedChange].flatMap((change) =>
    change === null ? [] : Object.entries(change).filter(([key]) => key.endsWith('Id')).map(([, value]) => String(value)),
  );
  const reviewDate = toDateOnly(row.reviewDate);
  return {
    id: row.id,
    change: row.change,
    reason: row.reason,
    hypothesis: row.hypothesis,
    measure: row.measure,
    expectedDirection: row.expectedDirection,
    reviewDate,
    status: row.status,
    outcome: row.outcome,
    reflection: row.reflection,
    preparedChange,
    appliedChange,
    names: Object.fromEntries(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id) as string]] : []))),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    revertedAt: row.revertedAt?.toISOString() ?? null,
    isDueForReview: isDueForReview({ status: row.status, reviewDate }, today),
  };
}

/** Names of every column and lane the board ever had, by id (the changes may name removed ones). */
async function loadNames(db: Db | Tx, boardId: string): Promise<Map<string, string>> {
  const [columns, lanes] = await Promise.all([
    db.column.findMany({ where: { boardId }, select: { id: true, name: true } }),
    db.lane.findMany({ where: { boardId }, select: { id: true, name: true } }),
  ]);
  return new Map([...columns, ...lanes].map((entry) => [entry.id, entry.name]));
}

/** Running first (due ones first), then proposals, then ended ones, newest first within each. */
function sortForList(views: ExperimentView[]): ExperimentView[] {
  const rank = (view: ExperimentView) => (view.status === 'RUNNING' ? (view.isDueForReview ? 0 : 1) : view.status === 'PROPOSED' ? 2 : 3);
  const time = (view: ExperimentView) => view.endedAt ?? view.startedAt ?? view.createdAt;
  return [...views].sort((a, b) => rank(a) - rank(b) || (time(a) < time(b) ? 1 : time(a) > time(b) ? -1 : 0));
}

/** The Experiments page: every experiment of the board, and what the propose dialog offers. */
export async function getExperimentsPage(userId: string, boardId: string, now: Date): Promise<ExperimentsPageData> {
  const db = getDb();
  const access = await authorizeBoardAction(db, userId, boardId, 'experiment.read');
  const [board, rows, names, shape] = await Promise.all([
    db.board.findUniqueOrThrow({ where: { id: boardId }, select: { id: true, name: true, team: { select: { name: true } } } }),
    db.experiment.findMany({ where: { boardId }, select: EXPERIMENT_SELECT }),
    loadNames(db, boardId),
    loadBoardShape(db, boardId),
  ]);
  const today = getTeamToday(now);
  return {
    board: { id: board.id, name: board.name, teamName: board.team.name },
    role: access.role,
    canManage: canPerform(access.role, 'experiment.manage'),
    today,
    experiments: sortForList(rows.map((row) => toView(row, names, today))),
    options: {
      columns: shape.columns.filter((column) => !column.isRemoved).map(({ isRemoved: _removed, ...column }) => column),
      lanes: shape.lanes.filter((lane) => !lane.isRemoved).map(({ isRemoved: _removed, position: _position, ...lane }) => lane),
    },
  };
}

export type ExperimentHistoryEntry = { id: string; type: string; at: string; actorName: string | null; after: Record<string, unknown> | null };

export type ExperimentDetail = ExperimentsPageData & {
  experiment: ExperimentView;
  /** What abandoning would put back on the board now; null when nothing would. */
  revertPreview: RevertPlan | null;
  /** The board history rows of this experiment (its start, its board changes, its end), oldest first. */
  history: ExperimentHistoryEntry[];
};

/** One experiment with what its page needs. NOT_FOUND for an experiment of another board. */
export async function getExperimentDetail(userId: string, boardId: string, experimentId: string, now: Date): Promise<ExperimentDetail> {
  const page = await getExperimentsPage(userId, boardId, now);
  const experiment = page.experiments.find((candidate) => candidate.id === experimentId);
  if (!experiment) throw new AppError('NOT_FOUND');
  const db = getDb();
  const [preview, events] = await Promise.all([
    experiment.status === 'RUNNING' && experiment.appliedChange !== null
      ? previewRevert(db, boardId, experiment.appliedChange as AppliedChange)
      : Promise.resolve(null),
    db.boardEvent.findMany({
      where: { boardId, experimentId },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { id: true, type: true, at: true, after: true, importedActorName: true, actor: { select: { name: true } } },
    }),
  ]);
  return {
    ...page,
    experiment,
    revertPreview: preview?.plan ?? null,
    history: events.map((event) => ({
      id: event.id.toString(),
      type: event.type,
      at: event.at.toISOString(),
      actorName: event.actor?.name ?? event.importedActorName ?? null,
      after: (event.after as Record<string, unknown> | null) ?? null,
    })),
  };
}

/** The board's running experiments (for the board's "hypothesis one click away"). Members and viewers. */
export async function listRunningExperiments(userId: string, boardId: string, now: Date): Promise<Pick<ExperimentView, 'id' | 'change' | 'hypothesis' | 'reviewDate' | 'isDueForReview'>[]> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'experiment.read');
  const today = getTeamToday(now);
  const rows = await db.experiment.findMany({
    where: { boardId, status: 'RUNNING' },
    orderBy: [{ reviewDate: 'asc' }, { startedAt: 'asc' }],
    select: { id: true, change: true, hypothesis: true, reviewDate: true },
  });
  return rows.map((row) => {
    const reviewDate = toDateOnly(row.reviewDate);
    return { id: row.id, change: row.change, hypothesis: row.hypothesis, reviewDate, isDueForReview: isDueForReview({ status: 'RUNNING', reviewDate }, today) };
  });
}

/** A review date in the past or too far ahead is refused like any invalid field (errors.<key>, on `reviewDate`). */
function assertReviewDate(reviewDate: string, today: string): void {
  const problem = checkReviewDate(reviewDate, today);
  if (problem) throw new z.ZodError([{ code: 'custom', path: ['reviewDate'], message: problem, input: reviewDate }]);
}

async function assertChangeFits(tx: Tx, boardId: string, change: PreparedChange | null): Promise<void> {
  if (change === null) return;
  const problem = checkPreparedChange(change, await loadBoardShape(tx, boardId));
  if (problem) throw new AppError('EXPERIMENT_CHANGE_STALE', { problem });
}

async function recordExperimentEvent(
  tx: Tx,
  actor: Actor,
  boardId: string,
  experimentId: string,
  type: 'EXPERIMENT_PROPOSED' | 'EXPERIMENT_CHANGED' | 'EXPERIMENT_STARTED' | 'EXPERIMENT_ENDED',
  now: Date,
  after: Prisma.InputJsonValue,
): Promise<void> {
  await tx.boardEvent.create({ data: { boardId, type, actorId: actor.id, at: now, experimentId, after } });
  await publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: actor.id, actorName: actor.name });
}

/** Proposes an experiment (members). The prepared change, if any, must fit the board as it is now. */
export async function proposeExperiment(actor: Actor, boardId: string, input: ProposeExperimentInput, now: Date): Promise<{ id: string }> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, boardId, 'experiment.manage');
  assertReviewDate(input.reviewDate, getTeamToday(now));
  return db.$transaction(async (tx) => {
    await assertChangeFits(tx, boardId, input.preparedChange);
    const experiment = await tx.experiment.create({
      data: {
        boardId,
        change: input.change,
        reason: input.reason,
        hypothesis: input.hypothesis,
        measure: input.measure,
        expectedDirection: input.expectedDirection,
        reviewDate: fromDateOnly(input.reviewDate),
        preparedChange: input.preparedChange ?? undefined,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordExperimentEvent(tx, actor, boardId, experiment.id, 'EXPERIMENT_PROPOSED', now, { change: input.change, measure: input.measure });
    return experiment;
  });
}

/** Locks the experiment's row for the rest of the transaction (two people pressing Start at once start it once). */
async function lockExperiment(tx: Tx, boardId: string, experimentId: string): Promise<ExperimentRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Experiment" WHERE id = ${experimentId} AND "boardId" = ${boardId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError('NOT_FOUND');
  return tx.experiment.findUniqueOrThrow({ where: { id: experimentId }, select: EXPERIMENT_SELECT });
}

/**
 * Takes one action on an experiment (members): edit, start, review or withdraw (lib/experiments/model.ts). The
 * state is checked under the experiment's row lock: an action the state does not allow is refused with
 * EXPERIMENT_STATE, a review before the review date with EXPERIMENT_NOT_DUE, and nothing is changed.
 */
export async function actOnExperiment(actor: Actor, boardId: string, experimentId: string, action: ExperimentAction, now: Date): Promise<void> {
  const db = getDb();
  await authorizeBoardAction(db, actor.id, boardId, 'experiment.manage');
  const today = getTeamToday(now);
  await db.$transaction(async (tx) => {
    const row = await lockExperiment(tx, boardId, experimentId);
    const state = { status: row.status, reviewDate: toDateOnly(row.reviewDate) };
    if (action.action === 'review' && state.status === 'RUNNING' && !canTakeAction(state, 'review', today)) {
      throw new AppError('EXPERIMENT_NOT_DUE', { reviewDate: state.reviewDate });
    }
    if (!canTakeAction(state, action.action, today)) throw new AppError('EXPERIMENT_STATE');
    switch (action.action) {
      case 'edit':
        return editExperiment(tx, actor, boardId, row, action, now, today);
      case 'start':
        return startExperiment(tx, actor, boardId, row, action.reviewDate, now, today);
      case 'review':
        return reviewExperiment(tx, actor, boardId, row, action, now);
      case 'withdraw':
        // Never started, so nothing on the board changed: the proposal goes, and the history says so.
        await tx.experiment.delete({ where: { id: row.id } });
        await tx.boardEvent.create({ data: { boardId, type: 'EXPERIMENT_CHANGED', actorId: actor.id, at: now, after: { change: row.change, withdrawn: true } } });
        await publishBoardEvent(tx, { kind: 'board.changed', boardId, actorId: actor.id, actorName: actor.name });
        return;
    }
  });
}

async function editExperiment(tx: Tx, actor: Actor, boardId: string, row: ExperimentRow, action: Extract<ExperimentAction, { action: 'edit' }>, now: Date, today: string): Promise<void> {
  const { action: _action, ...fields } = action;
  // While it runs, only the review date may move: the rest is what the team set out to test.
  if (row.status === 'RUNNING' && Object.keys(fields).some((key) => key !== 'reviewDate')) throw new AppError('EXPERIMENT_STATE');
  if (fields.reviewDate !== undefined) assertReviewDate(fields.reviewDate, today);
  if (fields.preparedChange !== undefined) await assertChangeFits(tx, boardId, fields.preparedChange);
  const data: Prisma.ExperimentUpdateInput = {
    ...(fields.change !== undefined ? { change: fields.change } : {}),
    ...(fields.reason !== undefined ? { reason: fields.reason } : {}),
    ...(fields.hypothesis !== undefined ? { hypothesis: fields.hypothesis } : {}),
    ...(fields.measure !== undefined ? { measure: fields.measure } : {}),
    ...(fields.expectedDirection !== undefined ? { expectedDirection: fields.expectedDirection } : {}),
    ...(fields.reviewDate !== undefined ? { reviewDate: fromDateOnly(fields.reviewDate) } : {}),
    ...(fields.preparedChange !== undefined ? { preparedChange: fields.preparedChange ?? Prisma.DbNull } : {}),
  };
  if (Object.keys(data).length === 0) return;
  await tx.experiment.update({ where: { id: row.id }, data });
  await recordExperimentEvent(tx, actor, boardId, row.id, 'EXPERIMENT_CHANGED', now, {
    change: fields.change ?? row.change,
    fields: Object.keys(data),
    ...(fields.reviewDate !== undefined ? { reviewDate: fields.reviewDate, previousReviewDate: toDateOnly(row.reviewDate) } : {}),
  });
}

/**
 * Starts the experiment: its prepared board change is applied in this same transaction (recorded in the board
 * history, linked to the experiment), so the board and the experiment never disagree about whether it began.
 */
async function startExperiment(tx: Tx, actor: Actor, boardId: string, row: ExperimentRow, reviewDate: string | undefined, now: Date, today: string): Promise<void> {
  const review = reviewDate ?? toDateOnly(row.reviewDate);
  assertReviewDate(review, today);
  const prepared = readPreparedChange(row.preparedChange);
  const applied = prepared === null ? null : await applyPreparedChange(tx, actor, boardId, prepared, now, row.id);
  await tx.experiment.update({
    where: { id: row.id },
    data: { status: 'RUNNING', startedAt: now, reviewDate: fromDateOnly(review), ...(applied ? { appliedChange: applied as unknown as Prisma.InputJsonValue } : {}) },
  });
  await recordExperimentEvent(tx, actor, boardId, row.id, 'EXPERIMENT_STARTED', now, { change: row.change, reviewDate: review, hasBoardChange: applied !== null });
}

/** Records the team's decision. Abandoning may revert the applied change, in this same transaction. */
async function reviewExperiment(tx: Tx, actor: Actor, boardId: string, row: ExperimentRow, action: Extract<ExperimentAction, { action: 'review' }>, now: Date): Promise<void> {
  const applied = readAppliedChange(row.appliedChange);
  const shouldRevert = action.outcome === 'ABANDON' && action.revertChange && applied !== null;
  const reverted = shouldRevert ? await revertAppliedChange(tx, actor, boardId, applied, now, row.id) : false;
  await tx.experiment.update({
    where: { id: row.id },
    data: { status: 'ENDED', endedAt: now, outcome: action.outcome, reflection: action.reflection, ...(reverted ? { revertedAt: now } : {}) },
  });
  await recordExperimentEvent(tx, actor, boardId, row.id, 'EXPERIMENT_ENDED', now, { change: row.change, outcome: action.outcome, reverted });
}

/** Running experiments whose review date has come, for the standup's opening summary. Members and viewers. */
export async function listExperimentsDueForReview(userId: string, boardId: string, now: Date): Promise<{ id: string; change: string; reviewDate: string }[]> {
  const db = getDb();
  await authorizeBoardAction(db, userId, boardId, 'experiment.read');
  const rows = await db.experiment.findMany({
    where: { boardId, status: 'RUNNING', reviewDate: { lte: fromDateOnly(getTeamToday(now)) } },
    orderBy: [{ reviewDate: 'asc' }, { id: 'asc' }],
    select: { id: true, change: true, reviewDate: true },
  });
  return rows.map((row) => ({ id: row.id, change: row.change, reviewDate: toDateOnly(row.reviewDate) }));
}
