import { describe, expect, it } from 'vitest';
import { clientAddress, CLIENT_ADDRESS_HEADER, isForwardedHttps, normalizeAddress, resolveClientAddress, shortenUserAgent } from './client-address';

describe('resolveClientAddress', () => {
  it('ignores X-Forwarded-For without a trusted proxy: the connection is the client', () => {
    expect(resolveClientAddress('6.6.6.6', '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(resolveClientAddress('6.6.6.6, 7.7.7.7', '198.51.100.7', 0)).toBe('198.51.100.7');
    expect(resolveClientAddress(undefined, undefined, 0)).toBeNull();
  });

  it('takes the entry the outermost trusted proxy wrote, ignoring what the client wrote before it', () => {
    expect(resolveClientAddress('198.51.100.7', '10.0.0.1', 1)).toBe('198.51.100.7');
    expect(resolveClientAddress('6.6.6.6, 198.51.100.7', '10.0.0.1', 1)).toBe('198.51.100.7');
    expect(resolveClientAddress('6.6.6.6, 198.51.100.7, 10.0.0.2', '10.0.0.1', 2)).toBe('198.51.100.7');
    // More hops configured than entries: the leftmost is all there is.
    expect(resolveClientAddress('198.51.100.7', '10.0.0.1', 3)).toBe('198.51.100.7');
  });

  it('falls back to the connection when a trusted proxy sent no header', () => {
    expect(resolveClientAddress(null, '10.0.0.1', 1)).toBe('10.0.0.1');
    expect(resolveClientAddress(' , ', '10.0.0.1', 1)).toBe('10.0.0.1');
  });

  it('is read back only from the header server.ts sets', () => {
    const headers = new Headers({ 'x-forwarded-for': '6.6.6.6', [CLIENT_ADDRESS_HEADER]: '::ffff:10.1.2.3' });
    expect(clientAddress(headers)).toBe('10.1.2.3');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '6.6.6.6' }))).toBeNull();
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(isForwardedHttps('https', 0)).toBe(false);
    expect(isForwardedHttps('https', 1)).toBe(true);
    expect(isForwardedHttps('http', 1)).toBe(false);
    expect(isForwardedHttps('https, http', 1)).toBe(false);
    expect(isForwardedHttps(null, 1)).toBe(false);
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
