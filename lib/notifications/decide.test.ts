import { describe, expect, it } from 'vitest';
import { decideNotificationRecipients, isNotificationKind } from './decide';

describe('who is notified', () => {
  it('tells each mentioned member once, in order, never the actor', () => {
    expect(decideNotificationRecipients({ candidateIds: ['b', 'a', 'b', 'c'], memberIds: ['a', 'b', 'c'], actorId: 'c' })).toEqual(['b', 'a']);
  });

  it('leaves out people who are not on the team (another team, removed)', () => {
    expect(decideNotificationRecipients({ candidateIds: ['a', 'outsider'], memberIds: ['a'], actorId: null })).toEqual(['a']);
  });

  it('leaves out those already told (an edited comment does not notify twice)', () => {
    expect(decideNotificationRecipients({ candidateIds: ['a', 'b'], memberIds: ['a', 'b'], actorId: null, alreadyNotifiedIds: ['a'] })).toEqual(['b']);
  });

  it('tells no one when nobody is left', () => {
    expect(decideNotificationRecipients({ candidateIds: ['x'], memberIds: ['x'], actorId: 'x' })).toEqual([]);
    expect(decideNotificationRecipients({ candidateIds: [], memberIds: ['x'], actorId: null })).toEqual([]);
  });

  it('knows its kinds', () => {
    expect(isNotificationKind('mentioned')).toBe(true);
    expect(isNotificationKind('awaited-done')).toBe(true);
    expect(isNotificationKind('assigned')).toBe(false);
  });
});
