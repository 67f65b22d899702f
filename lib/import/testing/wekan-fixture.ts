/**
 * A small Wekan board export in Wekan's own JSON shape (models/exporter.js: `_format: "wekan-board-1.0.0"`, the
 * board's fields, then lists, cards, swimlanes, comments, activities, checklists, checklistItems, users), written
 * for the tests from that documented shape: two swimlanes, four lists (one archived, one template container), cards
 * that were created and moved over weeks, one archived, one template card, a comment and a checklist.
 */
export function buildWekanExport(): Record<string, unknown> {
  const t = (day: number, hour = 9, minute = 0) => new Date(Date.UTC(2025, 8, day, hour - 2, minute)).toISOString();
  const user = (id: string, username: string, fullname: string) => ({ _id: id, username, profile: { fullname, initials: fullname.split(' ').map((p) => p[0]).join('') } });
  const list = (id: string, title: string, sort: number, extra: Record<string, unknown> = {}) => ({
    _id: id, title, sort, archived: false, createdAt: t(1), updatedAt: t(1), modifiedAt: t(1), type: 'list', swimlaneId: '', wipLimit: { value: 1, enabled: false, soft: false }, ...extra,
  });
  const card = (id: string, title: string, listId: string, swimlaneId: string, createdDay: number, extra: Record<string, unknown> = {}) => ({
    _id: id, title, description: '', listId, swimlaneId, sort: 0, archived: false, createdAt: t(createdDay), modifiedAt: t(createdDay),
    dateLastActivity: t(createdDay), labelIds: [], members: [], assignees: [], userId: 'u1', type: 'cardType-card', customFields: [],
    startAt: null, endAt: null, dueAt: null, receivedAt: null, isOvertime: false, spentTime: null, linkedId: '', ...extra,
  });
  const activity = (type: string, cardId: string, day: number, fields: Record<string, unknown> = {}) => ({
    _id: `a-${type}-${cardId}-${day}`, activityType: type, cardId, boardId: 'b1', createdAt: t(day, 10), userId: 'u2', ...fields,
  });
  return {
    _format: 'wekan-board-1.0.0',
    _id: 'b1',
    title: 'Bygglov från Wekan',
    archived: false,
    color: 'belize',
    permission: 'private',
    createdAt: t(1, 8),
    modifiedAt: t(30),
    labels: [
      { _id: 'lab1', name: 'Brådskande', color: 'red' },
      { _id: 'lab2', name: '', color: 'green' },
    ],
    members: [{ userId: 'u1', isAdmin: true, isActive: true }, { userId: 'u2', isAdmin: false, isActive: true }],
    lists: [
      list('l1', 'Inkommet', 0),
      list('l2', 'Handläggs – ”pågår”', 1, { wipLimit: { value: 3, enabled: true, soft: true } }),
      list('l3', 'Klart', 2),
      list('l4', 'Gammal lista', 3, { archived: true, archivedAt: t(20) }),
      list('lt', 'Mallar', 4, { type: 'template-container' }),
    ],
    swimlanes: [
      { _id: 's1', title: 'Standard', sort: 0, archived: false, createdAt: t(1), type: 'swimlane' },
      { _id: 's2', title: 'Brådskande ärenden', sort: 1, archived: false, createdAt: t(1), type: 'swimlane' },
      { _id: 'st', title: 'Kortmallar', sort: 2, archived: false, createdAt: t(1), type: 'template-container' },
    ],
    cards: [
      card('c1', 'Bygglov Storgatan 5 – €', 'l3', 's1', 2, { labelIds: ['lab1'], sort: 0, description: 'Ansökan om bygglov' }),
      card('c2', 'Bygglov Kyrkvägen', 'l2', 's2', 3, { labelIds: ['lab2'], dueAt: t(28) }),
      card('c3', 'Förhandsbesked Ån', 'l1', 's1', 10, { members: ['u1'] }),
      card('c4', 'Rivningslov', 'l3', 's1', 4, { archived: true, archivedAt: t(25) }),
      card('ct', 'Mall: nytt ärende', 'lt', 'st', 1, { type: 'template-card' }),
    ],
    comments: [{ _id: 'm1', cardId: 'c1', text: 'Ring sökande', createdAt: t(5), userId: 'u2' }],
    checklists: [{ _id: 'k1', cardId: 'c2', title: 'Underlag', sort: 0, createdAt: t(3) }],
    checklistItems: [{ _id: 'ki1', checklistId: 'k1', cardId: 'c2', title: 'Ritning', isFinished: false, sort: 0 }],
    activities: [
      activity('createCard', 'c1', 2, { listId: 'l1', swimlaneId: 's1' }),
      activity('moveCard', 'c1', 4, { listId: 'l2', oldListId: 'l1', swimlaneId: 's1', oldSwimlaneId: 's1' }),
      activity('moveCard', 'c1', 12, { listId: 'l3', oldListId: 'l2', swimlaneId: 's1', oldSwimlaneId: 's1' }),
      activity('addComment', 'c1', 5, { commentId: 'm1' }),
      activity('createCard', 'c2', 3, { listId: 'l1', swimlaneId: 's1' }),
      activity('moveCard', 'c2', 6, { listId: 'l2', oldListId: 'l1', swimlaneId: 's2', oldSwimlaneId: 's1' }),
      activity('addChecklist', 'c2', 3, { checklistId: 'k1' }),
      activity('createCard', 'c3', 10, { listId: 'l1', swimlaneId: 's1' }),
      activity('createCard', 'c4', 4, { listId: 'l2', swimlaneId: 's1' }),
      activity('moveCard', 'c4', 15, { listId: 'l3', oldListId: 'l2', swimlaneId: 's1', oldSwimlaneId: 's1' }),
      activity('archivedCard', 'c4', 25, { listId: 'l3' }),
      activity('createCard', 'ct', 1, { listId: 'lt', swimlaneId: 'st' }),
      { _id: 'a-board', activityType: 'createBoard', boardId: 'b1', createdAt: t(1, 8), userId: 'u1' },
      { _id: 'a-list', activityType: 'createList', boardId: 'b1', listId: 'l1', createdAt: t(1, 8), userId: 'u1' },
    ],
    users: [user('u1', 'lena.ek', 'Lena Ek'), user('u2', 'omar.h', 'Omar Haddad')],
    customFields: [],
    rules: [],
    triggers: [],
    actions: [],
    attachments: [],
    subtaskItems: [],
  };
}
