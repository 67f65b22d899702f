/**
 * Who is told about something (pure; lib/data/notifications.ts and the mentions consumer use it). A person is
 * told at most once, only while on the board's team, and never about what they did themselves.
 */

/** The kinds of notification. 'mentioned': someone wrote @Name in a comment; 'awaited-done': a card one waits for reached done. */
export const NOTIFICATION_KINDS = ['mentioned', 'awaited-done'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * The people to notify, in the candidates' order: members of the board's team (`memberIds`), not the actor, each
 * once, and not those already told (`alreadyNotifiedIds`, e.g. the people an edited comment mentioned before).
 */
export function decideNotificationRecipients(input: {
  candidateIds: readonly string[];
  memberIds: readonly string[];
  actorId: string | null;
  alreadyNotifiedIds?: readonly string[];
}): string[] {
  const members = new Set(input.memberIds);
  const already = new Set(input.alreadyNotifiedIds ?? []);
  const chosen: string[] = [];
  for (const id of input.candidateIds) {
    if (id === input.actorId || !members.has(id) || already.has(id) || chosen.includes(id)) continue;
    chosen.push(id);
  }
  return chosen;
}
