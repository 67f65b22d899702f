/**
 * A deterministic, realistic Trello board export of any size, in Trello's own shape (board with lists, labels,
 * cards, actions newest first, ObjectId ids whose first 8 hex digits are the creation time). For the 5,000-card
 * import benchmark and for tests that need volume. Unlike a real export it holds every action (Trello caps its
 * export at 1000), which is the heavier case for the importer.
 */

import { createMulberry32 as createRandom } from '@/lib/flow/seeded-random';

export type GeneratedTrelloExport = { board: Record<string, unknown>; cardCount: number; actionCount: number };

export function generateTrelloExport(options: { cards: number; seed?: number; start?: Date; days?: number }): GeneratedTrelloExport {
  const random = createRandom(options.seed ?? 42);
  const start = (options.start ?? new Date('2025-01-06T07:00:00Z')).getTime();
  const spanMs = (options.days ?? 365) * 86_400_000;
  let counter = 0;
  const objectId = (time: number) => {
    counter += 1;
    const seconds = Math.floor(time / 1000).toString(16).padStart(8, '0');
    return `${seconds}${counter.toString(16).padStart(16, '0')}`;
  };
  const boardId = objectId(start - 86_400_000);
  const member = (id: string, fullName: string, username: string) => ({ id, fullName, username, initials: fullName.split(' ').map((p) => p[0]).join(''), avatarHash: null, activityBlocked: false, nonPublic: {}, nonPublicAvailable: true });
  const members = [member('5b2c7e1f4a9d8c0013ef5601', 'Lena Ek', 'lenaek3'), member('5c9e0a2b7d1f3e0014ab7702', 'Omar Haddad', 'omarhaddad'), member('5d4f1b3c8e2a4f0015cd8803', 'Sara Nilsson', 'saranilsson12')];
  const listNames = ['Inkommet', 'Utreds', 'Väntar på komplettering', 'Beslut', 'Klart'];
  const lists = listNames.map((name, index) => ({ id: objectId(start - 86_000_000 + index * 1000), name, closed: false, idBoard: boardId, pos: (index + 1) * 16384, subscribed: false, softLimit: null }));
  const colors = ['green', 'yellow', 'orange', 'red', 'purple', 'blue'];
  const labelNames = ['Ekonomiskt bistånd', 'Brådskande', '', 'Felefterfrågan', 'Orosanmälan', ''];
  const labels = colors.map((color, index) => ({ id: objectId(start - 86_000_000), idBoard: boardId, name: labelNames[index], color, uses: 0 }));
  const cards: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  const boardRef = { id: boardId, name: 'Mottagning (generated)', shortLink: 'Gen12345' };
  const listRef = (index: number) => ({ id: lists[index]!.id, name: lists[index]!.name });
  const pickMember = () => members[Math.floor(random() * members.length)]!;
  const action = (type: string, time: number, data: Record<string, unknown>) => {
    const creator = pickMember();
    actions.push({ id: objectId(time), idMemberCreator: creator.id, data: { ...data, board: boardRef }, appCreator: null, type, date: new Date(time).toISOString(), limits: {}, memberCreator: creator });
  };
  for (let n = 0; n < options.cards; n += 1) {
    const created = start + Math.floor(random() * spanMs);
    const id = objectId(created);
    const name = `Ärende dnr ${2025}-${String(n + 1).padStart(5, '0')}`;
    // How far it got: most cards finish, some wait, some are still new.
    const reach = random() < 0.6 ? 4 : Math.floor(random() * 4);
    let time = created;
    let list = 0;
    const cardRef = { id, name, idShort: n + 1, shortLink: id.slice(-8) };
    action('createCard', time, { card: cardRef, list: listRef(0) });
    while (list < reach) {
      const next = list === 1 && random() < 0.3 ? 2 : list + 1;
      time += Math.floor(random() * 6 * 86_400_000) + 3_600_000;
      action('updateCard', time, { card: { ...cardRef, idList: lists[next]!.id }, old: { idList: lists[list]!.id }, listBefore: listRef(list), listAfter: listRef(next) });
      list = next;
      if (list === 2 && reach > 2) {
        time += Math.floor(random() * 3 * 86_400_000) + 3_600_000;
        action('updateCard', time, { card: { ...cardRef, idList: lists[3]!.id }, old: { idList: lists[2]!.id }, listBefore: listRef(2), listAfter: listRef(3) });
        list = 3;
      }
    }
    if (random() < 0.2) action('commentCard', time + 60_000, { text: 'Kompletterat.', card: cardRef, list: listRef(list) });
    const closed = list === 4 && random() < 0.5;
    if (closed) {
      time += 7 * 86_400_000;
      action('updateCard', time, { card: { ...cardRef, closed: true }, old: { closed: false }, list: listRef(list) });
    }
    const labelIds = random() < 0.5 ? [labels[Math.floor(random() * labels.length)]!.id] : [];
    cards.push({
      id,
      badges: { comments: 0, attachments: 0, checkItems: 0, checkItemsChecked: 0, description: true, due: null, dueComplete: false },
      checkItemStates: [],
      closed,
      dueComplete: false,
      dateLastActivity: new Date(time).toISOString(),
      desc: `Ärende inkommet ${new Date(created).toISOString().slice(0, 10)}. Handläggning enligt rutin.`,
      descData: { emoji: {} },
      due: random() < 0.1 ? new Date(created + 14 * 86_400_000).toISOString() : null,
      dueReminder: null,
      email: null,
      idBoard: boardId,
      idChecklists: [],
      idList: lists[list]!.id,
      idMembers: [],
      idMembersVoted: [],
      idShort: n + 1,
      idAttachmentCover: null,
      labels: labels.filter((label) => labelIds.includes(label.id)),
      idLabels: labelIds,
      manualCoverAttachment: false,
      name,
      pos: 16384 * (n + 1),
      shortLink: cardRef.shortLink,
      shortUrl: `https://trello.com/c/${cardRef.shortLink}`,
      start: null,
      subscribed: false,
      url: `https://trello.com/c/${cardRef.shortLink}/${n + 1}`,
      cover: { idAttachment: null, color: null, size: 'normal', brightness: 'dark' },
      isTemplate: false,
      cardRole: null,
    });
  }
  actions.sort((a, b) => String(b.date).localeCompare(String(a.date)));
  const board = {
    id: boardId,
    name: 'Mottagning (generated)',
    desc: '',
    closed: false,
    idOrganization: '5a1f0c2e9b3d4e0012ab34cd',
    url: 'https://trello.com/b/Gen12345/mottagning',
    shortUrl: 'https://trello.com/b/Gen12345',
    prefs: { permissionLevel: 'org', background: 'blue' },
    labelNames: Object.fromEntries(colors.map((color, index) => [color, labelNames[index]])),
    actions,
    cards,
    labels,
    lists,
    members,
    checklists: [],
    customFields: [],
  };
  return { board, cardCount: cards.length, actionCount: actions.length };
}
