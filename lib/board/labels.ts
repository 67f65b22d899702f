/**
 * A card's labels: the team's own words for kinds of work (imported from Trello or CSV, or typed in the card
 * dialog). Shared by the browser and the server; the limits match the importers' (lib/import/model.ts).
 */
export const LABEL_MAX = 60;
export const LABELS_PER_CARD = 20;

/**
 * The labels in a comma-separated text, as a person types them: each trimmed, empty ones dropped, the first
 * spelling kept when the same label appears twice (compared without regard to case), in the order typed.
 * Does not enforce the limits: the command schema refuses too many or too long labels with a message.
 */
export function parseLabelList(text: string): string[] {
  const labels: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const label = part.trim().replace(/\s+/g, ' ');
    const key = label.toLocaleLowerCase('sv');
    if (!label || seen.has(key)) continue;
    seen.add(key);
    labels.push(label);
  }
  return labels;
}

/** Two label lists hold the same labels in the same order. */
export function isSameLabelList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, index) => label === b[index]);
}
