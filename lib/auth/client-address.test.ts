import { describe, expect, it } from 'vitest';
import { clientAddressFromForwardedFor, normalizeAddress, shortenUserAgent } from './client-address';

describe('clientAddressFromForwardedFor', () => {
  it('takes the entry the nearest trusted proxy wrote, ignoring what the client wrote before it', () => {
    expect(clientAddressFromForwardedFor('198.51.100.7', 0)).toBe('198.51.100.7');
    expect(clientAddressFromForwardedFor('6.6.6.6, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddressFromForwardedFor('6.6.6.6, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
    // More hops configured than entries: the leftmost is all there is.
    expect(clientAddressFromForwardedFor('198.51.100.7', 3)).toBe('198.51.100.7');
  });

  it('has nothing to say without the header', () => {
    expect(clientAddressFromForwardedFor(null, 0)).toBeNull();
    expect(clientAddressFromForwardedFor(' , ', 1)).toBeNull();
  });

  it('normalises mapped IPv4, brackets and ports', () => {
    expect(normalizeAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(normalizeAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(normalizeAddress('10.1.2.3:5000')).toBe('10.1.2.3');
    expect(normalizeAddress('::1')).toBe('::1');
    expect(normalizeAddress('x'.repeat(100))).toHaveLength(64);
  });

  it('keeps at most 300 characters of a user agent', () => {
    expect(shortenUserAgent('a'.repeat(400))).toHaveLength(300);
    expect(shortenUserAgent(undefined)).toBeNull();
  });
});
