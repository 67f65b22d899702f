/**
 * A deterministic Jira-style CSV export of any size ("Export → CSV (all fields)": Summary, Issue key, Issue id,
 * Issue Type, Status, Priority, Assignee, Reporter, Created, Updated, Resolved, Labels ×2, Status Category,
 * Status Category Changed, Description), with Jira's default date form (05/Mar/26 2:30 PM). For the import bench.
 */
import { createMulberry32 as createRandom } from '@/lib/flow/seeded-random';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STATUSES = [
  { name: 'Open', category: 'To Do' },
  { name: 'In Progress', category: 'In Progress' },
  { name: 'In Review', category: 'In Progress' },
  { name: 'Waiting for customer', category: 'In Progress' },
  { name: 'Closed', category: 'Done' },
];

function jiraDate(time: number): string {
  const date = new Date(time);
  const hour = date.getUTCHours();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${pad(date.getUTCFullYear() % 100)} ${hour % 12 || 12}:${pad(date.getUTCMinutes())} ${hour < 12 ? 'AM' : 'PM'}`;
}

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function generateJiraCsv(options: { rows: number; seed?: number; start?: Date; days?: number }): string {
  const random = createRandom(options.seed ?? 7);
  const start = (options.start ?? new Date('2023-01-02T07:00:00Z')).getTime();
  const span = (options.days ?? 900) * 86_400_000;
  const lines = ['Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,Updated,Resolved,Labels,Labels,Status Category,Status Category Changed,Description'];
  for (let index = 0; index < options.rows; index += 1) {
    const created = start + Math.floor(random() * span);
    const roll = random();
    const status = STATUSES[roll < 0.1 ? 0 : roll < 0.2 ? 1 : roll < 0.25 ? 2 : roll < 0.3 ? 3 : 4] as (typeof STATUSES)[number];
    const changed = created + Math.floor(random() * 30 * 86_400_000);
    const resolved = status.category === 'Done' ? changed : null;
    lines.push(
      [
        `Ärende ${index + 1}: ansökan om ${['bygglov', 'bistånd', 'tillstånd', 'intyg'][index % 4]}`,
        `SERV-${index + 1}`,
        String(100_000 + index),
        'Task',
        status.name,
        ['Low', 'Medium', 'High'][index % 3] as string,
        index % 5 === 0 ? '' : 'Handläggare',
        'Mottagningen',
        jiraDate(created),
        jiraDate(changed),
        resolved === null ? '' : jiraDate(resolved),
        index % 3 === 0 ? 'brådskande' : '',
        index % 7 === 0 ? 'återkommande' : '',
        status.category,
        jiraDate(status.category === 'To Do' ? created : changed),
        quote(`Beskrivning av ärende ${index + 1}, med "citat", komma och å ä ö.`),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
