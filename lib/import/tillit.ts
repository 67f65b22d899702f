/**
 * Tillit's own board export (lib/export/tillit-format.ts) to an import plan: every field and every event as it
 * was, so a board moves between instances with nothing lost. Flow states are the board's own and are not offered
 * for change; who made each change comes back as a name (never linked to an account on this instance).
 */
import type { z } from 'zod';
import { tillitExportSchema, TILLIT_EXPORT_FORMAT, TILLIT_EXPORT_VERSION } from '@/lib/export/tillit-format';
import { buildPreview, cleanLine, IMPORT_LIMITS, ImportError, Tally, type ImportPlan, type SkipReason, type WarningCode } from './model';

export function looksLikeTillitExport(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as Record<string, unknown>).format === TILLIT_EXPORT_FORMAT;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.path.map(String).join('.') || '(root)' : '(root)';
}

export function importTillitBoard(raw: unknown, options: { boardName?: string }): ImportPlan {
  if (!looksLikeTillitExport(raw)) throw new ImportError('unknownFormat');
  const version = (raw as Record<string, unknown>).version;
  if (version !== TILLIT_EXPORT_VERSION) throw new ImportError('unsupportedVersion', { version: String(version).slice(0, 20) });
  const parsed = tillitExportSchema.safeParse(raw);
  if (!parsed.success) throw new ImportError('malformed', { path: describeIssue(parsed.error) });
  const doc = parsed.data;

  // Every reference must point inside the document: a dangling one means the file was edited or cut.
  const columnIds = new Set<string>();
  doc.columns.forEach((column, index) => {
    if (columnIds.has(column.id)) throw new ImportError('malformed', { path: `columns.${index}.id` });
    columnIds.add(column.id);
  });
  if (doc.columns.length === 0) throw new ImportError('noColumns');
  const laneIds = new Set<string>();
  (doc.lanes ?? []).forEach((lane, index) => {
    if (laneIds.has(lane.id) || columnIds.has(lane.id)) throw new ImportError('malformed', { path: `lanes.${index}.id` });
    laneIds.add(lane.id);
  });
  const knownLane = (value: string | null | undefined) => value === null || value === undefined || laneIds.has(value);
  const experimentIds = new Set<string>();
  (doc.experiments ?? []).forEach((experiment, index) => {
    if (experimentIds.has(experiment.id) || columnIds.has(experiment.id) || laneIds.has(experiment.id)) throw new ImportError('malformed', { path: `experiments.${index}.id` });
    experimentIds.add(experiment.id);
  });
  const cardIds = new Set<string>();
  doc.cards.forEach((card, index) => {
    if (cardIds.has(card.id) || columnIds.has(card.id) || laneIds.has(card.id) || experimentIds.has(card.id)) throw new ImportError('malformed', { path: `cards.${index}.id` });
    if (!columnIds.has(card.columnId)) throw new ImportError('malformed', { path: `cards.${index}.columnId` });
    if (!knownLane(card.laneId)) throw new ImportError('malformed', { path: `cards.${index}.laneId` });
    if (!card.title && !card.textClearedAt) throw new ImportError('malformed', { path: `cards.${index}.title` });
    cardIds.add(card.id);
  });
  const knownColumn = (value: string | null) => value === null || columnIds.has(value);
  doc.cardEvents.forEach((event, index) => {
    if (!cardIds.has(event.cardId)) throw new ImportError('malformed', { path: `cardEvents.${index}.cardId` });
    if (!knownColumn(event.fromColumnId) || !knownColumn(event.toColumnId)) throw new ImportError('malformed', { path: `cardEvents.${index}` });
    if (!knownLane(event.fromLaneId) || !knownLane(event.toLaneId)) throw new ImportError('malformed', { path: `cardEvents.${index}` });
  });
  doc.boardEvents.forEach((event, index) => {
    if (!knownColumn(event.columnId)) throw new ImportError('malformed', { path: `boardEvents.${index}.columnId` });
    if (!knownLane(event.laneId)) throw new ImportError('malformed', { path: `boardEvents.${index}.laneId` });
    if (event.experimentId != null && !experimentIds.has(event.experimentId)) throw new ImportError('malformed', { path: `boardEvents.${index}.experimentId` });
  });
  const commentIds = new Set<string>();
  doc.comments.forEach((comment, index) => {
    if (!cardIds.has(comment.cardId)) throw new ImportError('malformed', { path: `comments.${index}.cardId` });
    if (commentIds.has(comment.id) || cardIds.has(comment.id) || columnIds.has(comment.id)) throw new ImportError('malformed', { path: `comments.${index}.id` });
    commentIds.add(comment.id);
  });

  const date = (value: string) => new Date(value);
  const maybeDate = (value: string | null) => (value === null ? null : new Date(value));
  const warnings = new Tally<WarningCode>();

  const plan = {
    source: 'tillit' as const,
    boardName: cleanLine(options.boardName ?? '', IMPORT_LIMITS.boardNameMax).text || doc.board.name,
    boardCreatedAt: date(doc.board.createdAt),
    columns: doc.columns.map((column) => ({
      ref: column.id,
      name: column.name,
      position: column.position,
      flowState: column.flowState,
      wipLimit: column.wipLimit,
      wipMode: column.wipMode,
      policy: column.policy,
      createdAt: date(column.createdAt),
      deletedAt: maybeDate(column.deletedAt),
    })),
    cards: doc.cards.map((card) => ({
      ref: card.id,
      columnRef: card.columnId,
      title: card.title,
      description: card.description,
      position: card.position,
      demand: card.demand,
      labels: card.labels,
      blockedReason: card.blockedReason,
      blockedAt: maybeDate(card.blockedAt),
      archivedAt: maybeDate(card.archivedAt),
      createdAt: date(card.createdAt),
      lastMovedAt: date(card.lastMovedAt),
      startedAt: maybeDate(card.startedAt),
      doneAt: maybeDate(card.doneAt),
      textClearedAt: maybeDate(card.textClearedAt),
      version: card.version,
      laneRef: card.laneId ?? null,
      checklist: card.checklist?.map((item) => ({ text: item.text, isDone: item.isDone, position: item.position, createdAt: date(item.createdAt), updatedAt: date(item.updatedAt) })),
    })),
    cardEvents: doc.cardEvents.map((event) => ({
      cardRef: event.cardId,
      type: event.type,
      fromColumnRef: event.fromColumnId,
      toColumnRef: event.toColumnId,
      fromLaneRef: event.fromLaneId ?? null,
      toLaneRef: event.toLaneId ?? null,
      at: date(event.at),
      actorName: event.actorName,
      data: event.data,
    })),
    boardEvents: doc.boardEvents.map((event) => ({
      type: event.type,
      columnRef: event.columnId,
      laneRef: event.laneId ?? null,
      experimentRef: event.experimentId ?? null,
      at: date(event.at),
      actorName: event.actorName,
      before: event.before,
      after: event.after,
    })),
    standups: doc.standups.map((standup) => ({ startedAt: date(standup.startedAt), endedAt: maybeDate(standup.endedAt) })),
    lanes: (doc.lanes ?? []).map((lane) => ({
      ref: lane.id,
      name: lane.name,
      position: lane.position,
      classOfService: lane.classOfService,
      wipLimit: lane.wipLimit,
      wipMode: lane.wipMode,
      policy: lane.policy,
      createdAt: date(lane.createdAt),
      deletedAt: maybeDate(lane.deletedAt),
    })),
    experiments: (doc.experiments ?? []).map((experiment) => ({
      ref: experiment.id,
      change: experiment.change,
      reason: experiment.reason,
      hypothesis: experiment.hypothesis,
      measure: experiment.measure,
      expectedDirection: experiment.expectedDirection,
      reviewDate: experiment.reviewDate,
      status: experiment.status,
      outcome: experiment.outcome,
      reflection: experiment.reflection,
      preparedChange: experiment.preparedChange,
      appliedChange: experiment.appliedChange,
      createdAt: date(experiment.createdAt),
      startedAt: maybeDate(experiment.startedAt),
      endedAt: maybeDate(experiment.endedAt),
      revertedAt: maybeDate(experiment.revertedAt),
    })),
    comments: doc.comments.map((comment) => ({
      ref: comment.id,
      cardRef: comment.cardId,
      body: comment.body,
      authorName: comment.authorName,
      createdAt: date(comment.createdAt),
      editedAt: maybeDate(comment.editedAt),
    })),
  };
  return {
    ...plan,
    preview: buildPreview(plan, {
      suggestedFlowStates: new Map(),
      skipped: new Tally<SkipReason>(),
      warnings,
      canChangeFlowStates: false,
    }),
  };
}
