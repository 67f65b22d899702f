import { describe, expect, it } from 'vitest';
import { isForeignOrigin } from './origin';

const headers = (values: Record<string, string>) => new Headers(values);

describe('isForeignOrigin', () => {
  it('accepts the exact origin of the site, default ports included', () => {
    expect(isForeignOrigin('POST', headers({ host: 'localhost:3000', origin: 'http://localhost:3000' }), false)).toBe(false);
    expect(isForeignOrigin('POST', headers({ host: 'tillit.kommun.se', origin: 'https://tillit.kommun.se' }), true)).toBe(false);
    expect(isForeignOrigin('POST', headers({ host: 'tillit.kommun.se', origin: 'https://tillit.kommun.se:443' }), true)).toBe(false);
  });

  it('refuses another scheme on the same host and port', () => {
    expect(isForeignOrigin('POST', headers({ host: 'localhost:3000', origin: 'https://localhost:3000' }), false)).toBe(true);
    expect(isForeignOrigin('POST', headers({ host: 'tillit.kommun.se', origin: 'http://tillit.kommun.se' }), true)).toBe(true);
  });

  it('refuses another host or port, a malformed origin and "null"', () => {
    expect(isForeignOrigin('POST', headers({ host: 'localhost:3000', origin: 'http://evil.example' }), false)).toBe(true);
    expect(isForeignOrigin('POST', headers({ host: 'localhost:3000', origin: 'http://localhost:3001' }), false)).toBe(true);
    expect(isForeignOrigin('POST', headers({ host: 'localhost:3000', origin: 'null' }), false)).toBe(true);
    expect(isForeignOrigin('PUT', headers({ origin: 'http://localhost:3000' }), false)).toBe(true);
  });

  it('without Origin trusts the browser’s Sec-Fetch-Site; reads are never refused', () => {
    expect(isForeignOrigin('POST', headers({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }), false)).toBe(true);
    expect(isForeignOrigin('POST', headers({ host: 'localhost:3000', 'sec-fetch-site': 'same-origin' }), false)).toBe(false);
    expect(isForeignOrigin('POST', headers({ host: 'localhost:3000' }), false)).toBe(false);
    expect(isForeignOrigin('GET', headers({ host: 'localhost:3000', origin: 'http://evil.example' }), false)).toBe(false);
  });
});
