/**
 * The e-mail for a mention ("E-post när någon nämner mig", issue #11 §3), composed purely from what the sender read.
 *
 * Invariants:
 * - On a board that may hold client data (Board.holdsClientData) the mail names neither the card nor the board: it
 *   carries only the link, so no client's case leaves Tillit in a mail. Elsewhere it names the card and the board.
 * - It never quotes the comment: the comment is read in Tillit, where access and the read log apply.
 * - Tillit stores no language per person, so the mail is in Swedish first and then in English.
 */
export type MentionEmailInput = {
  /** Who wrote the comment, as the team sees the name; null for a removed account. */
  actorName: string | null;
  boardName: string;
  /** The card's current title ('' once the team's retention rule cleared it). */
  cardTitle: string;
  holdsClientData: boolean;
  /** The absolute link to the card on its board. */
  link: string;
};

export type MentionEmail = { subject: string; text: string };

export function composeMentionEmail(input: MentionEmailInput): MentionEmail {
  const isNamed = !input.holdsClientData && input.cardTitle.trim() !== '';
  const who = { sv: input.actorName ?? 'Någon', en: input.actorName ?? 'Someone' };
  const subject = isNamed
    ? `${who.sv} nämnde dig i en kommentar: ${input.cardTitle} / mentioned you in a comment`
    : `${who.sv} nämnde dig i en kommentar i Tillit / mentioned you in a comment`;
  const sv = isNamed
    ? `${who.sv} nämnde dig i en kommentar på kortet ”${input.cardTitle}” på tavlan ${input.boardName}.`
    : `${who.sv} nämnde dig i en kommentar på ett kort i Tillit.${input.holdsClientData ? ' Tavlan kan innehålla uppgifter om klienter, därför står kortet inte i det här meddelandet.' : ''}`;
  const en = isNamed
    ? `${who.en} mentioned you in a comment on the card “${input.cardTitle}” on the board ${input.boardName}.`
    : `${who.en} mentioned you in a comment on a card in Tillit.${input.holdsClientData ? ' The board may hold client data, so this message does not name the card.' : ''}`;
  const text = [
    sv,
    `Öppna kortet: ${input.link}`,
    '',
    'Du får det här meddelandet för att du har valt e-post när någon nämner dig. Du stänger av det på ditt konto i Tillit.',
    '',
    '—',
    '',
    en,
    `Open the card: ${input.link}`,
    '',
    'You get this message because you chose e-mail when someone mentions you. Switch it off on your account in Tillit.',
    '',
  ].join('\n');
  return { subject, text };
}
