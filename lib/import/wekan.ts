/**
 * Wekan's own board export (Board menu → Export board → JSON, `_format: "wekan-board-1.0.0"`) to an import plan.
 *
 * - Lists become columns in Wekan's `sort` order (archived lists: removed columns, kept so history names them);
 *   a list's WIP limit comes along when it is switched on (Wekan's "soft" limit: advisory, else strict).
 * - Swimlanes become lanes in their order; archived ones removed lanes. Template lists, swimlanes and cards
 *   (Wekan's templates board) are not work and are left out, said so.
 * - Cards keep title, description, labels (with their colour), lane and place; archived cards are archived.
 * - History from the activities, with their original times: createCard → created, moveCard → moved (between
 *   columns and lanes), archivedCard → archived (restoredCard undoes it). What is missing is reconstructed from
 *   the card's own dates and counted, as for Trello.
 * - Not imported, and said so: comments and checklists (Tillit has no place for them yet), due dates (no
 *   deadlines, by design), members and assignees (work is pulled, not assigned), attachments, custom fields.
 */
import { z } from 'zod';
import type { FlowState } from '@/lib/domain/flow-states';
import { POSITION_GAP } from '@/lib/domain/positions';
import {
  buildPreview,
  cleanLine,
  cleanText,
  flowStateFromName,
  IMPORT_LIMITS,
  ImportError,
  replayCardTiming,
  sortByTime,
  suggestFlowState,
  Tally,
  type ImportPlan,
  type PlanCard,
  type PlanCardEvent,
  type PlanColumn,
  type PlanLane,
  type SkipReason,
  type WarningCode,
} from './model';
import { consolidateHistory } from './trello';

const id = z.string().min(1).max(200);
const text = (max: number) => z.string().max(max).nullable().optional().catch(null);
const date = z.union([z.string().max(100), z.number()]).nullable().optional().catch(null);
const flag = z.boolean().optional().catch(false);

const listSchema = z.object({
  _id: id,
  title: z.string().max(100_000).catch(''),
  archived: flag,
  archivedAt: date,
  sort: z.number().nullable().optional().catch(null),
  createdAt: date,
  modifiedAt: date,
  type: z.string().max(100).optional().catch(undefined),
  wipLimit: z.object({ value: z.number().optional(), enabled: z.boolean().optional(), soft: z.boolean().optional() }).partial().optional().catch(undefined),
});

const swimlaneSchema = z.object({
  _id: id,
  title: z.string().max(100_000).catch(''),
  archived: flag,
  archivedAt: date,
  sort: z.number().nullable().optional().catch(null),
  createdAt: date,
  type: z.string().max(100).optional().catch(undefined),
});

const cardSchema = z.object({
  _id: id,
  title: z.string().max(1_000_000).catch(''),
  description: text(5_000_000),
  listId: id,
  swimlaneId: z.string().max(200).nullable().optional().catch(null),
  sort: z.number().nullable().optional().catch(null),
  archived: flag,
  archivedAt: date,
  createdAt: date,
  dateLastActivity: date,
  modifiedAt: date,
  startAt: date,
  endAt: date,
  dueAt: date,
  labelIds: z.array(z.string().max(200)).max(1000).catch([]).default([]),
  members: z.array(z.unknown()).catch([]).default([]),
  assignees: z.array(z.unknown()).catch([]).default([]),
  customFields: z.array(z.unknown()).optional().catch(undefined),
  type: z.string().max(100).optional().catch(undefined),
  linkedId: z.string().max(200).nullable().optional().catch(null),
});

const boardSchema = z.object({
  title: z.string().max(100_000).catch(''),
  createdAt: date,
  labels: z.array(z.object({ _id: id, name: z.string().max(100_000).nullable().optional().catch(''), color: z.string().max(100).nullable().optional().catch(null) })).catch([]).default([]),
  lists: z.array(listSchema),
  cards: z.array(cardSchema),
  swimlanes: z.array(swimlaneSchema).catch([]).default([]),
  activities: z.array(z.unknown()).catch([]).default([]),
  comments: z.array(z.unknown()).catch([]).default([]),
  checklists: z.array(z.unknown()).catch([]).default([]),
  attachments: z.array(z.object({ cardId: z.string().max(200).optional() }).passthrough()).catch([]).default([]),
  users: z.array(z.object({ _id: z.string().max(200), username: z.string().max(10_000).optional(), profile: z.object({ fullname: z.string().max(10_000).optional() }).partial().optional() }).passthrough()).catch([]).default([]),
});

const activitySchema = z.object({
  activityType: z.string().max(100),
  createdAt: z.union([z.string().max(100), z.number()]),
  cardId: z.string().max(200).optional(),
  listId: z.string().max(200).nullable().optional(),
  oldListId: z.string().max(200).nullable().optional(),
  swimlaneId: z.string().max(200).nullable().optional(),
  oldSwimlaneId: z.string().max(200).nullable().optional(),
  userId: z.string().max(200).nullable().optional(),
});

/** Whether a parsed JSON value is a Wekan board export (checked before Trello: both have lists and cards). */
export function looksLikeWekanExport(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record._format === 'string' && record._format.startsWith('wekan-board')) return true;
  const lists = record.lists;
  return Array.isArray(lists) && Array.isArray(record.cards) && Array.isArray(record.swimlanes) && typeof (lists[0] as Record<string, unknown> | undefined)?._id === 'string';
}

export type WekanImportOptions = { now: Date; flowStates?: Readonly<Record<string, FlowState>>; boardName?: string };

function toDate(value: string | number | null | undefined, now: Date): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time) || time <= 0 || time > now.getTime() + 86_400_000) return null;
  return new Date(time);
}

/** Card activities whose subject the preview counts from the export's own lists (comments, checklists, …). */
const COUNTED_ELSEWHERE = /comment|checklist|member|assignee|attachment|customfield|label|due|received|start|end/i;

const isTemplate = (type: string | undefined) => type !== undefined && /template/i.test(type);

function bySort<T extends { sort?: number | null }>(items: T[]): T[] {
  return items.map((item, index) => ({ item, index })).sort((a, b) => (a.item.sort ?? a.index) - (b.item.sort ?? b.index) || a.index - b.index).map(({ item }) => item);
}

export function importWekanBoard(raw: unknown, options: WekanImportOptions): ImportPlan {
  const parsed = boardSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError('wekanMalformed', { path: issue ? issue.path.map(String).join('.') || '(root)' : '(root)' });
  }
  const board = parsed.data;
  const { now } = options;
  const skipped = new Tally<SkipReason>();
  const warnings = new Tally<WarningCode>();
  if (board.lists.length > IMPORT_LIMITS.maxColumns) throw new ImportError('tooManyColumns', { max: IMPORT_LIMITS.maxColumns });
  if (board.cards.length > IMPORT_LIMITS.maxCards) throw new ImportError('tooManyCards', { max: IMPORT_LIMITS.maxCards });

  // ---- lists → columns, swimlanes → lanes (templates left out)
  const lists = bySort(board.lists.filter((list) => !isTemplate(list.type)));
  if (lists.length === 0) throw new ImportError('noColumns');
  skipped.add('templates', board.lists.length - lists.length);
  const suggested = new Map<string, FlowState>();
  // Suggested by name, else by place among the open lists (an archived last list is not where work ends).
  const openLists = lists.filter((list) => !list.archived);
  const columns: PlanColumn[] = lists.map((list, index) => {
    const name = cleanLine(list.title, IMPORT_LIMITS.columnNameMax);
    if (name.truncated) warnings.add('nameTruncated');
    const openIndex = openLists.indexOf(list);
    const suggestion = openIndex >= 0 ? suggestFlowState(name.text, openIndex, openLists.length) : (flowStateFromName(name.text) ?? 'IN_PROGRESS');
    suggested.set(list._id, suggestion);
    const limit = list.wipLimit?.enabled && (list.wipLimit.value ?? 0) >= 1 ? Math.floor(list.wipLimit.value ?? 0) : null;
    return {
      ref: list._id,
      name: name.text || `#${index + 1}`,
      position: (index + 1) * POSITION_GAP,
      flowState: options.flowStates?.[list._id] ?? suggestion,
      wipLimit: limit,
      wipMode: limit !== null && list.wipLimit?.soft === false ? 'STRICT' : 'ADVISORY',
      policy: '',
      createdAt: toDate(list.createdAt, now),
      deletedAt: list.archived ? (toDate(list.archivedAt ?? list.modifiedAt, now) ?? now) : null,
    };
  });
  const columnByRef = new Map(columns.map((column) => [column.ref, column]));
  const swimlanes = bySort(board.swimlanes.filter((lane) => !isTemplate(lane.type)));
  const lanes: PlanLane[] = swimlanes.map((lane, index) => ({
    ref: lane._id,
    name: cleanLine(lane.title, IMPORT_LIMITS.columnNameMax).text || `#${index + 1}`,
    position: (index + 1) * POSITION_GAP,
    classOfService: 'STANDARD',
    wipLimit: null,
    wipMode: 'ADVISORY',
    policy: '',
    createdAt: toDate(lane.createdAt, now),
    deletedAt: lane.archived ? (toDate(lane.archivedAt, now) ?? now) : null,
  }));
  skipped.add('templates', board.swimlanes.length - swimlanes.length);
  const laneRefs = new Set(lanes.map((lane) => lane.ref));
  const flowStateOf = (ref: string): FlowState => columnByRef.get(ref)?.flowState ?? 'IN_PROGRESS';

  // ---- labels, people (names only, for history)
  const labels = new Map(board.labels.map((label) => [label._id, { name: cleanLine(label.name?.trim() ? label.name : (label.color ?? ''), IMPORT_LIMITS.labelMax).text, color: label.color ?? null }]));
  const userName = new Map(board.users.map((user) => [user._id, cleanLine(user.profile?.fullname?.trim() ? user.profile.fullname : (user.username ?? ''), IMPORT_LIMITS.actorNameMax).text || null]));

  // ---- activities → history per card
  const cards = board.cards.filter((card) => !isTemplate(card.type) && !card.linkedId);
  skipped.add('templates', board.cards.length - cards.length);
  const cardIds = new Set(cards.map((card) => card._id));
  const templateCardIds = new Set(board.cards.filter((card) => !cardIds.has(card._id)).map((card) => card._id));
  const eventsByCard = new Map<string, PlanCardEvent[]>();
  const activities: { activity: z.infer<typeof activitySchema>; at: Date }[] = [];
  for (const item of board.activities) {
    const result = activitySchema.safeParse(item);
    if (!result.success) {
      skipped.add('unreadableActions');
      continue;
    }
    const at = toDate(result.data.createdAt, now);
    if (!at) {
      skipped.add('unreadableActions');
      continue;
    }
    activities.push({ activity: result.data, at });
  }
  sortByTime(activities);
  const CARD_HISTORY = new Set(['createCard', 'moveCard', 'archivedCard', 'restoredCard']);
  for (const { activity, at } of activities) {
    const cardId = activity.cardId;
    if (cardId && templateCardIds.has(cardId)) continue;
    if (!CARD_HISTORY.has(activity.activityType)) {
      // Comments, checklists, members and attachments are counted from the board's own lists of them, below.
      if (cardId && !COUNTED_ELSEWHERE.test(activity.activityType)) skipped.add('otherActions', 1, activity.activityType.replace(/[^A-Za-z]/g, '').slice(0, 40));
      continue;
    }
    if (!cardId || !cardIds.has(cardId)) {
      skipped.add('deletedCards');
      continue;
    }
    const actorName = activity.userId ? (userName.get(activity.userId) ?? null) : null;
    const list = eventsByCard.get(cardId) ?? [];
    const lane = (value: string | null | undefined) => (value && laneRefs.has(value) ? value : null);
    if (activity.activityType === 'createCard' || activity.activityType === 'moveCard') {
      const to = activity.listId ?? undefined;
      if (!to || !columnByRef.has(to)) {
        skipped.add('unknownList');
        continue;
      }
      const isCreation = activity.activityType === 'createCard' && !list.some((event) => event.type === 'CREATED');
      const from = activity.oldListId && columnByRef.has(activity.oldListId) ? activity.oldListId : null;
      list.push({
        cardRef: cardId,
        type: isCreation ? 'CREATED' : 'MOVED',
        fromColumnRef: isCreation ? null : from,
        toColumnRef: to,
        fromLaneRef: isCreation ? null : lane(activity.oldSwimlaneId),
        toLaneRef: lane(activity.swimlaneId),
        at,
        actorName,
        data: null,
      });
    } else if (activity.activityType === 'archivedCard') {
      list.push({ cardRef: cardId, type: 'ARCHIVED', fromColumnRef: null, toColumnRef: null, at, actorName, data: null });
    } else {
      const lastArchived = list.findLastIndex((event) => event.type === 'ARCHIVED');
      if (lastArchived >= 0) list.splice(lastArchived, 1);
      skipped.add('restoredFromArchive');
    }
    eventsByCard.set(cardId, list);
  }

  // ---- cards with their history made consistent
  const planCards: PlanCard[] = [];
  const planEvents: PlanCardEvent[] = [];
  const labelColors: Record<string, string> = {};
  let reconstructed = 0;
  let dueDates = 0;
  let members = 0;
  let customFields = 0;
  let unknownList = 0;
  const countInColumn = new Map<string, number>();
  for (const card of bySort(cards)) {
    const column = columnByRef.get(card.listId);
    if (!column) {
      unknownList += 1;
      continue;
    }
    if (card.dueAt) dueDates += 1;
    if (card.members.length > 0 || card.assignees.length > 0) members += 1;
    if ((card.customFields?.length ?? 0) > 0) customFields += 1;
    const created = toDate(card.createdAt, now) ?? toDate(card.dateLastActivity, now) ?? now;
    const lastActivity = toDate(card.dateLastActivity ?? card.modifiedAt, now);
    const isArchived = card.archived === true || column.deletedAt !== null;
    const history = consolidateHistory(eventsByCard.get(card._id) ?? [], {
      cardRef: card._id,
      currentColumnRef: column.ref,
      createdGuess: created,
      lastActivity,
      archivedAt: isArchived ? (toDate(card.archivedAt, now) ?? column.deletedAt) : null,
      isArchived,
      now,
    });
    reconstructed += history.reconstructed;
    skipped.add('restoredFromArchive', history.droppedArchives);
    const timing = replayCardTiming(history.events, flowStateOf);
    const first = history.events[0];
    if (!timing || !first) continue;
    const title = cleanLine(card.title, IMPORT_LIMITS.titleMax);
    if (title.truncated) warnings.add('titleTruncated');
    if (!title.text) warnings.add('untitled');
    const description = cleanText(card.description ?? '', IMPORT_LIMITS.textMax);
    if (description.truncated) warnings.add('descriptionTruncated');
    const cardLabels: string[] = [];
    for (const labelId of card.labelIds) {
      const label = labels.get(labelId);
      if (!label?.name || cardLabels.includes(label.name) || cardLabels.length >= IMPORT_LIMITS.labelsPerCard) continue;
      cardLabels.push(label.name);
      if (label.color && !labelColors[label.name]) labelColors[label.name] = label.color;
    }
    const position = (countInColumn.get(column.ref) ?? 0) + 1;
    countInColumn.set(column.ref, position);
    planCards.push({
      ref: card._id,
      columnRef: column.ref,
      laneRef: card.swimlaneId && laneRefs.has(card.swimlaneId) ? card.swimlaneId : null,
      title: title.text || '#',
      description: description.text,
      position: position * POSITION_GAP,
      demand: 'UNKNOWN',
      labels: cardLabels,
      blockedReason: null,
      blockedAt: null,
      archivedAt: timing.archivedAt,
      createdAt: first.at,
      lastMovedAt: timing.lastMovedAt,
      startedAt: timing.startedAt,
      doneAt: timing.doneAt,
      textClearedAt: null,
      version: 1,
    });
    for (const event of history.events) planEvents.push(event);
  }
  if (planEvents.length > IMPORT_LIMITS.maxEvents) throw new ImportError('tooManyEvents', { max: IMPORT_LIMITS.maxEvents });
  const cardsWith = (items: unknown[]) => new Set(items.map((item) => (item as { cardId?: unknown }).cardId).filter((value) => typeof value === 'string' && cardIds.has(value))).size;
  skipped.add('comments', board.comments.filter((comment) => cardIds.has((comment as { cardId?: string }).cardId ?? '')).length);
  skipped.add('checklists', cardsWith(board.checklists));
  skipped.add('attachments', cardsWith(board.attachments));
  skipped.add('dueDates', dueDates);
  skipped.add('cardMembers', members);
  skipped.add('customFields', customFields);
  skipped.add('unknownList', unknownList);
  warnings.add('reconstructedEvents', reconstructed);

  const boardName = cleanLine(options.boardName ?? board.title, IMPORT_LIMITS.boardNameMax).text || 'Wekan';
  const plan = {
    source: 'wekan' as const,
    boardName,
    boardCreatedAt: toDate(board.createdAt, now),
    columns,
    ...(lanes.length > 0 ? { lanes } : {}),
    cards: planCards,
    cardEvents: planEvents,
    boardEvents: [],
    standups: [],
    labelColors,
  };
  return { ...plan, preview: buildPreview(plan, { suggestedFlowStates: suggested, skipped, warnings, canChangeFlowStates: true }) };
}
