import { describe, expect, it } from 'vitest';
import { composeMentionEmail } from './mention-email';

const base = { actorName: 'Ada Andersson', boardName: 'Försörjningsstöd', cardTitle: 'Ansökan från Karin Berg, 19800101-1234', link: 'https://tillit.example/boards/b1?card=c1' };

describe('composeMentionEmail', () => {
  it('names the card, the board and the author on a board without client data, in Swedish and English, with the link', () => {
    const mail = composeMentionEmail({ ...base, holdsClientData: false });
    expect(mail.subject).toContain(base.cardTitle);
    expect(mail.text).toContain(`på kortet ”${base.cardTitle}” på tavlan Försörjningsstöd`);
    expect(mail.text).toContain(`on the card “${base.cardTitle}” on the board Försörjningsstöd`);
    expect(mail.text).toContain('Ada Andersson nämnde dig');
    expect(mail.text).toContain(`Öppna kortet: ${base.link}`);
    expect(mail.text).toContain(`Open the card: ${base.link}`);
  });

  it('carries only the link on a board that may hold client data: neither the card’s title nor the board’s name', () => {
    const mail = composeMentionEmail({ ...base, holdsClientData: true });
    for (const part of [mail.subject, mail.text]) {
      expect(part).not.toContain('Karin');
      expect(part).not.toContain('19800101');
      expect(part).not.toContain('Försörjningsstöd');
    }
    expect(mail.text).toContain(base.link);
    expect(mail.text).toContain('Tavlan kan innehålla uppgifter om klienter');
    expect(mail.text).toContain('The board may hold client data');
  });

  it('writes a card whose title retention cleared, and a removed author, without blanks', () => {
    const mail = composeMentionEmail({ ...base, actorName: null, cardTitle: '', holdsClientData: false });
    expect(mail.subject).toBe('Någon nämnde dig i en kommentar i Tillit / mentioned you in a comment');
    expect(mail.text).not.toContain('””');
    expect(mail.text).toContain('Someone mentioned you');
  });
});
