/**
 * "Waiting for" links between cards (waiting card → awaited card) must never form a cycle: if A waits for B and B
 * waits for A, neither can ever go on. Pure.
 */

export type CardLinkEdge = { waitingCardId: string; awaitedCardId: string };

export type LinkRefusal = 'self' | 'cycle' | 'duplicate';

/**
 * Whether the link `waitingCardId → awaitedCardId` may be added to `links` (the team's existing links), or why not:
 * a card cannot wait for itself, nor twice for the same card, nor for a card that (through any chain of links)
 * already waits for it. Runs in time linear in the links.
 */
export function checkNewLink(links: readonly CardLinkEdge[], waitingCardId: string, awaitedCardId: string): LinkRefusal | null {
  if (waitingCardId === awaitedCardId) return 'self';
  if (links.some((link) => link.waitingCardId === waitingCardId && link.awaitedCardId === awaitedCardId)) return 'duplicate';
  return canReach(links, awaitedCardId, waitingCardId) ? 'cycle' : null;
}

/** Whether `from` waits, directly or through other cards, for `to`. */
export function canReach(links: readonly CardLinkEdge[], from: string, to: string): boolean {
  const awaitedBy = new Map<string, string[]>();
  for (const link of links) {
    const list = awaitedBy.get(link.waitingCardId);
    if (list) list.push(link.awaitedCardId);
    else awaitedBy.set(link.waitingCardId, [link.awaitedCardId]);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const card = stack.pop() as string;
    for (const next of awaitedBy.get(card) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}
