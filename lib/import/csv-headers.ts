/**
 * Which spreadsheet column means what: a pure table from the header names other tools write (Tillit's own export,
 * Excel sheets typed by a team, Trello's CSV export, Wekan's CSV export, Jira's CSV export, Planka-style sheets),
 * in Swedish and English, to the fields the CSV importer reads. The person confirms or changes this mapping in the
 * preview; this table only makes the first guess right for the common files.
 *
 * Headers are compared case-insensitively with spaces, underscores, hyphens and a trailing "(…)" unit folded, so
 * "Start date", "start_date", "START-DATE" and "Start date (UTC)" all match "start date".
 */

/** The fields a spreadsheet column can hold. `ignore`: a column read but not used (shown as such in the preview). */
export const CSV_FIELDS = [
  'title',
  'column',
  'lane',
  'description',
  'created',
  'started',
  'finished',
  'statusChanged',
  'statusCategory',
  'labels',
  'archived',
  'demand',
  'blocked',
  'blockedReason',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Where the sheet seems to come from (for the preview, and for reading the tool's own label notation). */
export type CsvDialect = 'tillit' | 'trello' | 'wekan' | 'jira' | 'planka' | 'sheet';

/**
 * Header names per field. The board export's own headers (data.export.csv.cards, sv and en) are among these, so an
 * exported board imports again. Where two tools use one name for different things, the note says which wins.
 */
export const HEADER_ALIASES: Readonly<Record<CsvField, readonly string[]>> = {
  title: [
    'title', 'titel', 'rubrik', 'name', 'namn', 'card', 'kort', 'ärende', 'ärenderubrik', 'uppgift', 'task',
    'card name', 'kortnamn', 'card title', // Trello CSV, Planka
    'summary', 'sammanfattning', // Jira
  ],
  column: [
    'column', 'kolumn', 'status', 'list', 'lista', 'steg', 'stage', 'state', 'läge',
    'list name', 'listnamn', // Trello CSV, Planka
  ],
  lane: ['lane', 'bana', 'swimlane', 'simbana', 'swimlane title'],
  description: ['description', 'beskrivning', 'desc', 'text', 'details', 'detaljer', 'card description', 'kortbeskrivning'],
  created: [
    'created', 'skapad', 'skapat', 'skapades', 'created at', 'created date', 'date created', 'creation date', 'skapad den', 'skapat den',
    'inkom', 'inkommen', 'inkommet', 'arrived', 'received', 'mottagen', 'received at', 'createdat',
  ],
  started: [
    'started', 'påbörjad', 'påbörjat', 'påbörjades', 'startad', 'started at', 'start', 'start date', 'startdatum', 'start at', 'startat',
    'card start', 'kortstart', 'in progress since',
  ],
  finished: [
    'finished', 'klar', 'klart', 'done', 'avslutad', 'avslutat', 'färdig', 'finished at', 'done at', 'completed', 'completed at',
    'finish date', 'finish', 'end', 'end date', 'end at', 'endat', 'slut', 'slutdatum', 'klar den', 'avslutad den', 'card end',
    'resolved', 'löst', 'lösningsdatum', 'resolution date', // Jira
  ],
  // Jira: when the issue last changed status category (To Do → In Progress → Done).
  statusChanged: ['status category changed', 'statuskategori ändrad', 'status category change date', 'ändrad statuskategori'],
  statusCategory: ['status category', 'statuskategori'],
  labels: ['labels', 'etiketter', 'label', 'etikett', 'tags', 'taggar', 'tag', 'tagg'],
  archived: ['archived', 'arkiverad', 'arkiverat', 'archived at', 'arkiverad den', 'closed'],
  demand: ['demand', 'efterfrågan', 'demand type', 'typ av efterfrågan'],
  blocked: ['blocked', 'blockerad', 'blockerat', 'is blocked'],
  blockedReason: ['blocked reason', 'blockeringsorsak', 'block reason', 'orsak till blockering'],
};

/** Columns other tools write that Tillit deliberately leaves out, and why (a message key under importer.mapping.why). */
export const IGNORED_HEADERS: Readonly<Record<string, 'deadline' | 'person' | 'internal'>> = {
  'due date': 'deadline', due: 'deadline', 'förfallodatum': 'deadline', deadline: 'deadline', 'card due': 'deadline', 'due at': 'deadline',
  'due complete': 'deadline',
  assignee: 'person', assignees: 'person', 'tilldelad': 'person', 'ansvarig': 'person', members: 'person', medlemmar: 'person',
  owner: 'person', 'ägare': 'person', reporter: 'person', rapportör: 'person', creator: 'person', 'requested by': 'person', 'assigned by': 'person',
  'kort id': 'internal', 'card id': 'internal', id: 'internal', 'issue key': 'internal', 'issue id': 'internal', 'list id': 'internal', 'board id': 'internal',
  'text rensad': 'internal', 'text cleared': 'internal', 'card url': 'internal', 'board name': 'internal',
};

/** A header as compared: lower case, BOM and quotes gone, separators folded, a trailing unit in brackets dropped. */
export function normaliseHeader(value: string): string {
  return value
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/[_\-\s]+/g, ' ')
    .trim();
}

const FIELD_BY_NAME: ReadonlyMap<string, CsvField> = new Map(
  (Object.entries(HEADER_ALIASES) as [CsvField, readonly string[]][]).flatMap(([field, names]) => names.map((name) => [normaliseHeader(name), field] as const)),
);

/** The field a header names, or null. */
export function fieldForHeader(header: string): CsvField | null {
  return FIELD_BY_NAME.get(normaliseHeader(header)) ?? null;
}

/** Why a header is deliberately not imported, or null if it is simply unknown. */
export function ignoredReason(header: string): 'deadline' | 'person' | 'internal' | null {
  return IGNORED_HEADERS[normaliseHeader(header)] ?? null;
}

/** Fields that may be held by several columns (Jira writes one "Labels" column per label). */
const MULTI_COLUMN_FIELDS: ReadonlySet<CsvField> = new Set(['labels']);

/**
 * The first guess of each column's field, by header. Each field is taken by its first column only, except labels,
 * which may come from several. A tool-specific header beats a generic one: in a Jira sheet "Status" is the column
 * and "Resolved" the finish, in a Trello sheet "List Name" is the column even when "Status" also exists.
 */
export function suggestMapping(headers: readonly string[]): (CsvField | null)[] {
  const mapping: (CsvField | null)[] = headers.map(() => null);
  const taken = new Set<CsvField>();
  // Tool-specific names first (an exact tool header is a stronger signal than a generic word).
  const strong = new Set(['list name', 'card name', 'summary', 'sammanfattning', 'swimlane', 'simbana', 'kolumn', 'column', 'rubrik', 'title', 'titel']);
  const order = headers.map((header, index) => ({ header, index })).sort((a, b) => Number(strong.has(normaliseHeader(b.header))) - Number(strong.has(normaliseHeader(a.header))) || a.index - b.index);
  for (const { header, index } of order) {
    const field = fieldForHeader(header);
    if (!field) continue;
    if (taken.has(field) && !MULTI_COLUMN_FIELDS.has(field)) continue;
    taken.add(field);
    mapping[index] = field;
  }
  return mapping;
}

/** Where the sheet comes from, by its headers (a guess that only changes how labels are read and what the preview says). */
export function detectDialect(headers: readonly string[]): CsvDialect {
  const names = new Set(headers.map(normaliseHeader));
  const has = (...candidates: string[]) => candidates.some((name) => names.has(name));
  if (has('issue key', 'issue id') || (has('summary', 'sammanfattning') && has('status category', 'statuskategori'))) return 'jira';
  if (has('swimlane', 'simbana') && has('requested by', 'assigned by', 'card start', 'overtime', 'spent time')) return 'wekan';
  if (has('card id') && has('list name')) return 'trello';
  if (has('kort id', 'card id') && has('efterfrågan', 'demand')) return 'tillit';
  if (has('card name', 'list name')) return 'planka';
  return 'sheet';
}

/**
 * Label names from one cell, with the colour where the tool writes one: Trello CSV "Urgent (red), Billing (green)",
 * Wekan CSV "Urgent-red Billing-green" (space separated), anything else comma, semicolon or pipe separated.
 */
export function parseLabelCell(value: string, dialect: CsvDialect): { name: string; color: string | null }[] {
  const trimmed = value.trim();
  if (!trimmed) return [];
  if (dialect === 'wekan') {
    return trimmed
      .split(/\s+/)
      .map((part) => {
        const match = /^(.*)-([a-z]+)$/i.exec(part);
        return match ? { name: (match[1] ?? '').trim() || (match[2] ?? ''), color: (match[2] ?? '').toLowerCase() } : { name: part, color: null };
      })
      .filter((label) => label.name);
  }
  return trimmed
    .split(/[,;|]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*?)\s*\(([a-z_ ]+)\)$/i.exec(part);
      if (match && dialect === 'trello') return { name: (match[1] ?? '').trim() || (match[2] ?? ''), color: (match[2] ?? '').toLowerCase() };
      return { name: part, color: null };
    });
}
