import { describe, expect, it } from 'vitest';
import { findMentionQuery, findMentions, insertMention, suggestMembers } from './mentions';

const members = [
  { id: 'anna', name: 'Anna' },
  { id: 'anna-a', name: 'Anna Andersson' },
  { id: 'bo', name: 'Bo Ek' },
  { id: 'orjan', name: 'Örjan Åkesson' },
];

describe('mentions in a comment', () => {
  it('finds members by name, case-insensitively, longest name first, each once in order', () => {
    expect(findMentions('@bo ek och @Anna Andersson, kolla. Tack @BO EK!', members)).toEqual(['bo', 'anna-a']);
    expect(findMentions('Hej @Anna, se @Anna Andersson', members)).toEqual(['anna', 'anna-a']);
    expect(findMentions('@örjan åkesson', members)).toEqual(['orjan']);
  });

  it('needs the @ to begin a word and the name to end one', () => {
    expect(findMentions('anna@kommun.se', members)).toEqual([]);
    expect(findMentions('@Annalena hörde av sig', members)).toEqual([]);
    expect(findMentions('(@Anna)', members)).toEqual(['anna']);
    expect(findMentions('@@Anna', members)).toEqual([]);
  });

  it('mentions no one who is not a member, and no one in code', () => {
    expect(findMentions('@Okänd Person', members)).toEqual([]);
    expect(findMentions('skriv `@Anna` för att nämna', members)).toEqual([]);
    expect(findMentions('```\n@Bo Ek\n```\nmen @Anna', members)).toEqual(['anna']);
  });

  it('ignores empty names', () => {
    expect(findMentions('@ hej', [{ id: 'x', name: '  ' }])).toEqual([]);
  });
});

describe('the mention being typed', () => {
  it('is the @ before the caret and what follows it', () => {
    expect(findMentionQuery('Hej @An', 7)).toEqual({ start: 4, query: 'An' });
    expect(findMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(findMentionQuery('Hej @Anna And', 13)).toEqual({ start: 4, query: 'Anna And' });
  });

  it('is none in an e-mail address, across a line, or after a finished word run', () => {
    expect(findMentionQuery('anna@kom', 8)).toBeNull();
    expect(findMentionQuery('@Anna\nhej', 9)).toBeNull();
    expect(findMentionQuery('@a b c d', 8)).toBeNull();
    expect(findMentionQuery('@ x', 3)).toBeNull();
    expect(findMentionQuery('ingen', 5)).toBeNull();
  });

  it('suggests members whose name or a word of it begins with the query, in name order', () => {
    expect(suggestMembers(members, 'an').map((m) => m.id)).toEqual(['anna', 'anna-a']);
    expect(suggestMembers(members, 'ek').map((m) => m.id)).toEqual(['bo']);
    expect(suggestMembers(members, '').map((m) => m.id)).toEqual(['anna', 'anna-a', 'bo', 'orjan']);
    expect(suggestMembers(members, 'Å').map((m) => m.id)).toEqual(['orjan']);
    expect(suggestMembers(members, 'x')).toEqual([]);
  });

  it('inserts the chosen name and puts the caret after it', () => {
    expect(insertMention('Hej @An tack', 4, 7, 'Anna Andersson')).toEqual({ text: 'Hej @Anna Andersson tack', caret: 20 });
    expect(insertMention('@', 0, 1, 'Bo Ek')).toEqual({ text: '@Bo Ek ', caret: 7 });
  });
});
