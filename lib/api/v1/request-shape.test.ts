import { describe, expect, it } from 'vitest';
import { canonicalJson, compilePathTemplate, hashApiRequest, matchPathTemplate } from './request-shape';

describe('API request helpers', () => {
  it('matches path templates segment by segment and decodes parameters', () => {
    const move = compilePathTemplate('/boards/{boardId}/cards/{cardId}/move');
    expect(matchPathTemplate(move, '/boards/b1/cards/c%2D1/move')).toEqual({ boardId: 'b1', cardId: 'c-1' });
    expect(matchPathTemplate(move, '/boards/b1/cards/c1/move/')).toEqual({ boardId: 'b1', cardId: 'c1' });
    expect(matchPathTemplate(move, '/boards/b1/cards/c1/x/move')).toBeNull();
    expect(matchPathTemplate(move, '/boards/b1/cards//move')).toBeNull();
    expect(matchPathTemplate(compilePathTemplate('/boards/{boardId}'), '/boards/%E0%A4%A')).toEqual({ boardId: '' });
  });

  it('hashes the same request the same, whatever the key order, and any other difference differently', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    const a = hashApiRequest('POST', '/boards/b1/intake', { title: 'Ärende', demand: 'VALUE' });
    expect(hashApiRequest('post', '/boards/b1/intake', { demand: 'VALUE', title: 'Ärende' })).toBe(a);
    expect(hashApiRequest('POST', '/boards/b1/intake', { demand: 'FAILURE', title: 'Ärende' })).not.toBe(a);
    expect(hashApiRequest('POST', '/boards/b2/intake', { demand: 'VALUE', title: 'Ärende' })).not.toBe(a);
  });
});
