/**
 * Trello board export (Board menu → Print, export and share → Export as JSON) to an import plan.
 *
 * - Lists become columns in Trello's order; closed (archived) lists become removed columns, so history that
 *   passed through them still names them, and their cards become archived cards.
 * - Cards keep title, description, labels and their place; closed cards are archived.
 * - History comes from the export's actions, with their original dates: createCard (and copyCard, emailCard,
 *   convertToCardFromCheckItem, moveCardToBoard) → created; updateCard with listBefore/listAfter → moved;
 *   updateCard closed → archived; renamed and re-described cards → edited. Trello exports at most the latest 1000
 *   actions, so older history is reconstructed from what the cards say (a Trello id holds its creation time).
 * - Not imported, and said so in the preview: due dates (Tillit has no deadline field, by design), comments,
 *   checklists, attachments, card members, custom fields, reorderings within a list.
 *
 * Malformed input is refused with an {@link ImportError}; nothing here trusts the file's types or sizes.
 */
import { z } from 'zod';
import type { FlowState } from '@/lib/domain/flow-states';
import { POSITION_GAP } from '@/lib/domain/positions';
import {
  buildPreview,
  cleanLine,
  cleanText,
  IMPORT_LIMITS,
  ImportError,
  replayCardTiming,
  sortByTime,
  suggestFlowState,
  Tally,
  type ImportPlan,
  type PlanBoardEvent,
  type PlanCard,
  type PlanCardEvent,
  type PlanColumn,
  type SkipReason,
  type WarningCode,
} from './model';

/** Trello's JSON export includes at most this many actions (the most recent ones). */
export const TRELLO_EXPORT_ACTION_LIMIT = 1000;

const idSchema = z.string().min(1).max(200);
const lenientNumber = z.number().catch(0);

const labelSchema = z.object({
  id: idSchema,
  name: z.string().max(100_000).nullable().optional(),
  color: z.string().max(100).nullable().optional(),
});

const listSchema = z.object({
  id: idSchema,
  name: z.string().max(100_000),
  closed: z.boolean().catch(false).default(false),
  pos: lenientNumber.default(0),
});

const cardSchema = z.object({
  id: idSchema,
  idShort: z.number().int().optional().catch(undefined),
  name: z.string().max(1_000_000),
  desc: z.string().max(5_000_000).nullable().default(''),
  closed: z.boolean().catch(false).default(false),
  idList: idSchema,
  idLabels: z.array(z.string().max(200)).max(1000).catch([]).default([]),
  labels: z.array(labelSchema).max(1000).optional().catch(undefined),
  pos: lenientNumber.default(0),
  due: z.unknown().optional(),
  start: z.unknown().optional(),
  dateLastActivity: z.string().max(100).nullable().optional().catch(undefined),
  idMembers: z.array(z.unknown()).catch([]).default([]),
  idChecklists: z.array(z.unknown()).catch([]).default([]),
  badges: z.object({ comments: z.number().optional(), attachments: z.number().optional() }).partial().optional().catch(undefined),
  customFieldItems: z.array(z.unknown()).optional().catch(undefined),
  // A template card is a pattern to copy, not work: never imported (so never counted as finished).
  isTemplate: z.boolean().optional().catch(false),
});

const boardSchema = z.object({
  name: z.string().max(100_000).catch('').default(''),
  lists: z.array(listSchema),
  cards: z.array(cardSchema),
  labels: z.array(labelSchema).catch([]).default([]),
  actions: z.array(z.unknown()).catch([]).default([]),
});

const refSchema = z.object({ id: z.string().max(200) });
const actionSchema = z.object({
  type: z.string().max(100),
  date: z.string().max(100),
  data: z
    .object({
      card: z
        .object({ id: z.string().max(200), name: z.string().max(1_000_000).optional(), closed: z.boolean().optional(), idList: z.string().max(200).optional() })
        .optional(),
      list: z.object({ id: z.string().max(200), name: z.string().max(100_000).optional() }).optional(),
      listBefore: refSchema.optional(),
      listAfter: refSchema.optional(),
      old: z.record(z.string(), z.unknown()).optional(),
    })
    .default({}),
  memberCreator: z.object({ fullName: z.string().max(10_000).optional(), username: z.string().max(10_000).optional() }).nullable().optional().catch(null),
});
type TrelloAction = z.infer<typeof actionSchema>;

const CREATION_TYPES = new Set(['createCard', 'copyCard', 'emailCard', 'convertToCardFromCheckItem', 'moveCardToBoard']);
// Actions that are not card history. Comments are counted per comment; for checklists, attachments, members and
// custom fields the preview counts the cards that have them (from the cards themselves), so their actions are
// passed over without counting.
const SKIP_BY_TYPE = new Map<string, SkipReason | null>(Object.entries({
  commentCard: 'comments',
  updateComment: null, // comments, counted once
  deleteComment: null, // comments, counted once
  moveCardFromBoard: 'leftBoard',
  deleteCard: 'deletedCards',
  addChecklistToCard: null, // checklists
  removeChecklistFromCard: null, // checklists
  updateChecklist: null, // checklists
  createCheckItem: null, // checklists
  updateCheckItem: null, // checklists
  deleteCheckItem: null, // checklists
  updateCheckItemStateOnCard: null, // checklists
  addAttachmentToCard: null, // attachments
  deleteAttachmentFromCard: null, // attachments
  updateAttachment: null, // attachments
  addMemberToCard: null, // cardMembers
  removeMemberFromCard: null, // cardMembers
  updateCustomFieldItem: null, // customFields
} satisfies Record<string, SkipReason | null>));

export type TrelloImportOptions = {
  now: Date;
  /** The team's choice of flow state per column (keyed by Trello list id); suggestions fill the rest. */
  flowStates?: Readonly<Record<string, FlowState>>;
  boardName?: string;
};

/** Whether a parsed JSON value looks like a Trello board export at all (before checking it in detail). */
export function looksLikeTrelloExport(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return Array.isArray(record.lists) && Array.isArray(record.cards);
}

/** Trello ids are MongoDB ObjectIds: the first 8 hex digits are the creation time in Unix seconds. */
export function trelloIdTime(id: string): Date | null {
  if (!/^[0-9a-f]{24}$/i.test(id)) return null;
  const seconds = Number.parseInt(id.slice(0, 8), 16);
  return seconds > 0 ? new Date(seconds * 1000) : null;
}

type DateCheck = { ok: true; date: Date } | { ok: false; reason: 'unreadableActions' | 'futureDates' };

function checkDate(value: string | null | undefined, now: Date): DateCheck {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time) || time < 0) return { ok: false, reason: 'unreadableActions' };
  if (time > now.getTime() + 86_400_000) return { ok: false, reason: 'futureDates' };
  return { ok: true, date: new Date(time) };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.path.map(String).join('.') || '(root)' : '(root)';
}

function byPosition<T extends { pos: number }>(items: T[]): T[] {
  return items.map((item, index) => ({ item, index })).sort((a, b) => a.item.pos - b.item.pos || a.index - b.index).map(({ item }) => item);
}

export function importTrelloBoard(raw: unknown, options: TrelloImportOptions): ImportPlan {
  if (!looksLikeTrelloExport(raw)) throw new ImportError('notTrello');
  const parsed = boardSchema.safeParse(raw);
  if (!parsed.success) throw new ImportError('malformed', { path: describeIssue(parsed.error) });
  const board = parsed.data;
  const { now } = options;
  const skipped = new Tally<SkipReason>();
  const warnings = new Tally<WarningCode>();

  if (board.lists.length > IMPORT_LIMITS.maxColumns) throw new ImportError('tooManyColumns', { max: IMPORT_LIMITS.maxColumns });
  if (board.cards.length > IMPORT_LIMITS.maxCards) throw new ImportError('tooManyCards', { max: IMPORT_LIMITS.maxCards });

  // ---- actions: parse each on its own, so one odd entry does not cost the whole history
  const actions: { action: TrelloAction; at: Date }[] = [];
  // Trello lists actions newest first; reversed, a stable sort by date keeps same-second actions in order.
  for (let index = board.actions.length - 1; index >= 0; index -= 1) {
    const result = actionSchema.safeParse(board.actions[index]);
    if (!result.success) {
      skipped.add('unreadableActions');
      continue;
    }
    const date = checkDate(result.data.date, now);
    if (!date.ok) {
      skipped.add(date.reason);
      continue;
    }
    actions.push({ action: result.data, at: date.date });
  }
  sortByTime(actions);
  if (board.actions.length >= TRELLO_EXPORT_ACTION_LIMIT) warnings.add('historyLimited', board.actions.length);

  // ---- lists → columns
  const listCreatedAt = new Map<string, Date>();
  const listClosedAt = new Map<string, Date>();
  const renames: { listId: string; at: Date; before: string; actorName: string | null }[] = [];
  for (const { action, at } of actions) {
    const listId = action.data.list?.id;
    if (!listId) continue;
    if (action.type === 'createList' && !listCreatedAt.has(listId)) listCreatedAt.set(listId, at);
    if (action.type === 'updateList' && action.data.old && 'closed' in action.data.old) listClosedAt.set(listId, at);
    if (action.type === 'updateList' && typeof action.data.old?.name === 'string') {
      const actorRaw = action.memberCreator?.fullName?.trim() ? action.memberCreator.fullName : (action.memberCreator?.username ?? '');
      renames.push({ listId, at, before: action.data.old.name, actorName: cleanLine(actorRaw, IMPORT_LIMITS.actorNameMax).text || null });
    }
  }
  const seenLists = new Set<string>();
  const lists = byPosition(board.lists).filter((list) => !seenLists.has(list.id) && seenLists.add(list.id));
  if (lists.length === 0) throw new ImportError('noColumns');
  const suggested = new Map<string, FlowState>();
  const columns: PlanColumn[] = lists.map((list, index) => {
    const name = cleanLine(list.name, IMPORT_LIMITS.columnNameMax);
    if (name.truncated) warnings.add('nameTruncated');
    const suggestion = suggestFlowState(name.text, index, lists.length);
    suggested.set(list.id, suggestion);
    const chosen = options.flowStates?.[list.id];
    return {
      ref: list.id,
      name: name.text || `#${index + 1}`,
      position: (index + 1) * POSITION_GAP,
      flowState: chosen ?? suggestion,
      wipLimit: null,
      wipMode: 'ADVISORY',
      policy: '',
      createdAt: listCreatedAt.get(list.id) ?? trelloIdTime(list.id),
      deletedAt: list.closed ? (listClosedAt.get(list.id) ?? now) : null,
    };
  });
  const columnByRef = new Map(columns.map((column) => [column.ref, column]));
  const flowStateOf = (ref: string): FlowState => columnByRef.get(ref)?.flowState ?? 'IN_PROGRESS';

  // ---- labels
  const labelName = new Map<string, string>();
  const labelFrom = (label: z.infer<typeof labelSchema>) => cleanLine(label.name?.trim() ? label.name : (label.color ?? ''), IMPORT_LIMITS.labelMax).text;
  for (const label of board.labels) if (!labelName.has(label.id)) labelName.set(label.id, labelFrom(label));

  // ---- cards
  type CardSource = z.infer<typeof cardSchema>;
  const cardsById = new Map<string, CardSource>();
  let unknownListCards = 0;
  for (const card of board.cards) {
    if (cardsById.has(card.id)) continue;
    if (card.isTemplate) {
      skipped.add('templates');
      continue;
    }
    if (!columnByRef.has(card.idList)) {
      unknownListCards += 1;
      continue;
    }
    cardsById.set(card.id, card);
  }
  skipped.add('unknownList', unknownListCards);

  // ---- history per card
  const eventsByCard = new Map<string, PlanCardEvent[]>();
  const push = (cardId: string, event: Omit<PlanCardEvent, 'cardRef'>) => {
    const list = eventsByCard.get(cardId) ?? [];
    list.push({ cardRef: cardId, ...event });
    eventsByCard.set(cardId, list);
  };
  for (const { action, at } of actions) {
    const cardId = action.data.card?.id;
    const skipReason = SKIP_BY_TYPE.get(action.type);
    if (skipReason !== undefined) {
      if (skipReason) skipped.add(skipReason);
      continue;
    }
    if (!cardId) {
      // Board and list actions (createList, updateBoard, addMemberToBoard…): not card history.
      const isListHistory = action.type === 'updateList' && action.data.old && ('closed' in action.data.old || 'name' in action.data.old);
      if (action.type !== 'createList' && !isListHistory) {
        skipped.add('otherActions', 1, action.type.replace(/[^A-Za-z]/g, '').slice(0, 40));
      }
      continue;
    }
    if (!cardsById.has(cardId)) {
      skipped.add('deletedCards');
      continue;
    }
    const actorRaw = action.memberCreator?.fullName?.trim() ? action.memberCreator.fullName : (action.memberCreator?.username ?? '');
    const actorName = cleanLine(actorRaw, IMPORT_LIMITS.actorNameMax).text || null;
    const known = eventsByCard.get(cardId) ?? [];
    if (CREATION_TYPES.has(action.type)) {
      const listId = action.data.list?.id ?? action.data.card?.idList;
      if (!listId || !columnByRef.has(listId)) {
        skipped.add('unknownList');
        continue;
      }
      const isArrival = known.some((event) => event.type === 'CREATED');
      push(cardId, { type: isArrival ? 'MOVED' : 'CREATED', fromColumnRef: null, toColumnRef: listId, at, actorName, data: null });
      continue;
    }
    if (action.type !== 'updateCard') {
      skipped.add('otherActions', 1, action.type.replace(/[^A-Za-z]/g, '').slice(0, 40));
      continue;
    }
    const old = action.data.old ?? {};
    const toListId = action.data.listAfter?.id ?? (typeof old.idList === 'string' ? action.data.card?.idList : undefined);
    if (toListId) {
      if (!columnByRef.has(toListId)) {
        skipped.add('unknownList');
        continue;
      }
      // The list it left is kept as a hint for reconstructing a lost creation; consolidation sets the real one.
      const fromListId = action.data.listBefore?.id ?? (typeof old.idList === 'string' ? old.idList : undefined);
      const fromColumnRef = fromListId && columnByRef.has(fromListId) ? fromListId : null;
      push(cardId, { type: 'MOVED', fromColumnRef, toColumnRef: toListId, at, actorName, data: null });
    } else if ('closed' in old) {
      if (action.data.card?.closed === true) {
        push(cardId, { type: 'ARCHIVED', fromColumnRef: null, toColumnRef: null, at, actorName, data: null });
      } else {
        // Restored from Trello's archive: Tillit has no "restore" event, so the archiving before it is left out.
        const lastArchived = known.findLastIndex((event) => event.type === 'ARCHIVED');
        if (lastArchived >= 0) known.splice(lastArchived, 1);
        skipped.add('restoredFromArchive');
      }
    } else if ('name' in old && typeof old.name === 'string' && typeof action.data.card?.name === 'string') {
      const before = cleanLine(old.name, IMPORT_LIMITS.titleMax).text;
      const after = cleanLine(action.data.card.name, IMPORT_LIMITS.titleMax).text;
      push(cardId, { type: 'EDITED', fromColumnRef: null, toColumnRef: null, at, actorName, data: { title: { before, after } } });
    } else if ('desc' in old) {
      push(cardId, { type: 'EDITED', fromColumnRef: null, toColumnRef: null, at, actorName, data: { description: { changed: true } } });
    } else if ('pos' in old) {
      skipped.add('reorderings');
    } else if ('due' in old || 'dueComplete' in old || 'start' in old || 'dueReminder' in old) {
      // Counted per card below.
    } else {
      skipped.add('otherActions', 1, 'updateCard');
    }
  }

  // ---- cards with their history made consistent
  const cardsByList = new Map<string, CardSource[]>();
  for (const card of cardsById.values()) {
    const list = cardsByList.get(card.idList) ?? [];
    list.push(card);
    cardsByList.set(card.idList, list);
  }
  const planCards: PlanCard[] = [];
  const planEvents: PlanCardEvent[] = [];
  let reconstructed = 0;
  let dueDates = 0;
  let checklists = 0;
  let attachments = 0;
  let members = 0;
  let customFields = 0;
  let comments = 0;
  for (const column of columns) {
    const cards = byPosition(cardsByList.get(column.ref) ?? []);
    cards.forEach((card, index) => {
      if (card.due !== undefined && card.due !== null) dueDates += 1;
      if (card.idChecklists.length > 0) checklists += 1;
      if ((card.badges?.attachments ?? 0) > 0) attachments += 1;
      if (card.idMembers.length > 0) members += 1;
      if ((card.customFieldItems?.length ?? 0) > 0) customFields += 1;
      comments += Math.max(0, card.badges?.comments ?? 0);

      const lastActivity = checkDate(card.dateLastActivity ?? undefined, now);
      const idTime = trelloIdTime(card.id);
      const events = eventsByCard.get(card.id) ?? [];
      const isArchived = card.closed || column.deletedAt !== null;
      const history = consolidateHistory(events, {
        cardRef: card.id,
        currentColumnRef: column.ref,
        createdGuess: idTime && idTime.getTime() <= now.getTime() ? idTime : lastActivity.ok ? lastActivity.date : now,
        lastActivity: lastActivity.ok ? lastActivity.date : null,
        archivedAt: isArchived ? (column.deletedAt && !card.closed ? column.deletedAt : null) : null,
        isArchived,
        now,
      });
      reconstructed += history.reconstructed;
      skipped.add('restoredFromArchive', history.droppedArchives);
      const timing = replayCardTiming(history.events, flowStateOf);
      const created = history.events[0];
      if (!timing || !created) return;

      const title = cleanLine(card.name, IMPORT_LIMITS.titleMax);
      if (title.truncated) warnings.add('titleTruncated');
      let titleText = title.text;
      if (!titleText) {
        warnings.add('untitled');
        titleText = card.idShort !== undefined ? `Trello #${card.idShort}` : '#';
      }
      const description = cleanText(card.desc ?? '', IMPORT_LIMITS.textMax);
      if (description.truncated) warnings.add('descriptionTruncated');
      const labels: string[] = [];
      const embedded = new Map((card.labels ?? []).map((label) => [label.id, labelFrom(label)]));
      for (const labelId of card.idLabels) {
        const name = labelName.get(labelId) ?? embedded.get(labelId);
        if (name && !labels.includes(name) && labels.length < IMPORT_LIMITS.labelsPerCard) labels.push(name);
      }
      planCards.push({
        ref: card.id,
        columnRef: column.ref,
        title: titleText,
        description: description.text,
        position: (index + 1) * POSITION_GAP,
        demand: 'UNKNOWN',
        labels,
        blockedReason: null,
        blockedAt: null,
        archivedAt: timing.archivedAt,
        createdAt: created.at,
        lastMovedAt: timing.lastMovedAt,
        startedAt: timing.startedAt,
        doneAt: timing.doneAt,
        textClearedAt: null,
        version: 1,
      });
      planEvents.push(...history.events);
    });
  }
  if (planEvents.length > IMPORT_LIMITS.maxEvents) throw new ImportError('tooManyEvents', { max: IMPORT_LIMITS.maxEvents });
  skipped.add('dueDates', dueDates);
  // Comments counted from the cards' badges when the actions (capped by Trello) do not hold them all.
  skipped.add('comments', Math.max(0, comments - skipped.get('comments')));
  skipped.add('checklists', checklists);
  skipped.add('attachments', attachments);
  skipped.add('cardMembers', members);
  skipped.add('customFields', customFields);
  warnings.add('reconstructedEvents', reconstructed);

  // ---- list renames → board history: each rename's new name is the next rename's old one, or the list's name now.
  const boardEvents: PlanBoardEvent[] = [];
  renames.forEach((rename, index) => {
    const column = columnByRef.get(rename.listId);
    if (!column) return;
    const next = renames.slice(index + 1).find((other) => other.listId === rename.listId);
    const before = cleanLine(rename.before, IMPORT_LIMITS.columnNameMax).text;
    const after = next ? cleanLine(next.before, IMPORT_LIMITS.columnNameMax).text : column.name;
    if (before === after) return;
    boardEvents.push({ type: 'COLUMN_RENAMED', columnRef: column.ref, at: rename.at, actorName: rename.actorName, before: { name: before }, after: { name: after } });
  });

  const boardName = cleanLine(options.boardName ?? board.name, IMPORT_LIMITS.boardNameMax).text || 'Trello';
  const plan = {
    source: 'trello' as const,
    boardName,
    boardCreatedAt: null,
    columns,
    cards: planCards,
    cardEvents: planEvents,
    boardEvents,
    standups: [],
  };
  return { ...plan, preview: buildPreview(plan, { suggestedFlowStates: suggested, skipped, warnings, canChangeFlowStates: true }) };
}

/**
 * One card's history made whole and consistent: it starts with "created", moves only between different columns,
 * names the column each move and archiving came from, ends in the card's current column, and is archived exactly
 * when the card is. What the export lacks (Trello caps its history) is reconstructed and counted.
 */
export function consolidateHistory(
  source: PlanCardEvent[],
  context: {
    cardRef: string;
    currentColumnRef: string;
    createdGuess: Date;
    lastActivity: Date | null;
    archivedAt: Date | null;
    isArchived: boolean;
    now: Date;
  },
): { events: PlanCardEvent[]; reconstructed: number; droppedArchives: number } {
  let reconstructed = 0;
  let droppedArchives = 0;
  const events: PlanCardEvent[] = [];
  const firstSource = source[0];
  const firstCreated = source.findIndex((event) => event.type === 'CREATED');
  let current: string;
  if (firstCreated === 0 && firstSource) {
    current = firstSource.toColumnRef ?? context.currentColumnRef;
    events.push(firstSource);
  } else {
    // No "created" first: the export's history begins after the card was made. Created where its first known
    // move started from (unknown: the column it is in now), at its id's time, or its first known event if earlier.
    const firstAt = firstSource ? firstSource.at : context.createdGuess;
    const at = context.createdGuess.getTime() < firstAt.getTime() ? context.createdGuess : firstAt;
    // Created in the column its first known move left from, else in the column it is in now.
    const firstMove = source.find((event) => event.type === 'MOVED');
    const origin = firstCreated > 0 ? source[firstCreated]?.toColumnRef : (firstMove?.fromColumnRef ?? undefined);
    current = origin ?? context.currentColumnRef;
    events.push({ cardRef: context.cardRef, type: 'CREATED', fromColumnRef: null, toColumnRef: current, at, actorName: null, data: null });
    if (firstCreated < 0) reconstructed += 1;
  }
  let archivedIndex = -1;
  source.forEach((event, index) => {
    if (index === firstCreated) return;
    if (event.type === 'CREATED') return;
    if (event.type === 'MOVED') {
      if (!event.toColumnRef || event.toColumnRef === current) return;
      events.push({ ...event, fromColumnRef: current });
      current = event.toColumnRef;
      return;
    }
    if (event.type === 'ARCHIVED') {
      if (archivedIndex >= 0) return;
      archivedIndex = events.length;
      events.push({ ...event, fromColumnRef: current });
      return;
    }
    events.push(event);
  });
  const last = () => events[events.length - 1]?.at ?? context.createdGuess;
  const latest = (...dates: (Date | null)[]) => new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
  if (current !== context.currentColumnRef) {
    // The history ends elsewhere than the card is: the move that brought it here is older than the export.
    const at = latest(last(), context.lastActivity);
    if (archivedIndex >= 0) {
      events.splice(archivedIndex, 0, { cardRef: context.cardRef, type: 'MOVED', fromColumnRef: current, toColumnRef: context.currentColumnRef, at: events[archivedIndex]?.at ?? at, actorName: null, data: null });
      const archived = events[archivedIndex + 1];
      if (archived) events[archivedIndex + 1] = { ...archived, fromColumnRef: context.currentColumnRef };
      archivedIndex += 1;
    } else {
      events.push({ cardRef: context.cardRef, type: 'MOVED', fromColumnRef: current, toColumnRef: context.currentColumnRef, at, actorName: null, data: null });
    }
    current = context.currentColumnRef;
    reconstructed += 1;
  }
  if (context.isArchived && archivedIndex < 0) {
    const at = latest(last(), context.archivedAt ?? context.lastActivity);
    events.push({ cardRef: context.cardRef, type: 'ARCHIVED', fromColumnRef: current, toColumnRef: null, at: at.getTime() > context.now.getTime() ? context.now : at, actorName: null, data: null });
    reconstructed += 1;
  } else if (!context.isArchived && archivedIndex >= 0) {
    // Archived in the history but open now, without a restore in the export: the archiving does not hold.
    events.splice(archivedIndex, 1);
    droppedArchives += 1;
  }
  return { events, reconstructed, droppedArchives };
}
