import { describe, expect, it } from 'vitest';
import { checkWebhookUrlShape, isPublicAddress, parseAllowList, pickDeliveryAddress } from './address-policy';

const none = parseAllowList(undefined);

describe('webhook address policy (SSRF)', () => {
  it('allows public unicast addresses only', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) expect(isPublicAddress(address), address).toBe(true);
    for (const address of [
      '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '2002:a00:1::1', 'ff02::1', 'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it('picks the address to connect to only when every resolved address is allowed', () => {
    expect(pickDeliveryAddress('hooks.example.se', ['93.184.215.14'], none)).toBe('93.184.215.14');
    expect(pickDeliveryAddress('hooks.example.se', ['10.0.0.7'], none)).toBeNull();
    // A name with one public and one internal address could be used to reach either: refused.
    expect(pickDeliveryAddress('rebind.example', ['93.184.215.14', '127.0.0.1'], none)).toBeNull();
    expect(pickDeliveryAddress('nothing.example', [], none)).toBeNull();
  });

  it('lets an operator allow hosts by name or address, and internal ranges by CIDR', () => {
    const allow = parseAllowList(' Hooks.Kommun.Local. , 127.0.0.1, 10.20.0.0/16, [::1] ,,');
    expect(pickDeliveryAddress('hooks.kommun.local', ['192.168.5.5'], allow)).toBe('192.168.5.5');
    expect(pickDeliveryAddress('intranet.example', ['10.20.3.4'], allow)).toBe('10.20.3.4');
    expect(pickDeliveryAddress('intranet.example', ['10.21.3.4'], allow)).toBeNull();
    expect(pickDeliveryAddress('127.0.0.1', ['127.0.0.1'], allow)).toBe('127.0.0.1');
    expect(pickDeliveryAddress('::1', ['::1'], allow)).toBe('::1');
    // An allowed address is a host, not a range: a name that resolves there is still refused.
    expect(pickDeliveryAddress('localhost', ['127.0.0.1'], allow)).toBeNull();
  });

  it('checks the URL itself: http(s), no credentials, https unless allowed', () => {
    const allow = parseAllowList('127.0.0.1,hooks.kommun.local');
    expect(checkWebhookUrlShape('https://hooks.example.se/tillit', none)).toMatchObject({ ok: true });
    expect(checkWebhookUrlShape('not a url', none)).toEqual({ ok: false, problem: 'invalid' });
    expect(checkWebhookUrlShape('ftp://hooks.example.se/', none)).toEqual({ ok: false, problem: 'scheme' });
    expect(checkWebhookUrlShape('file:///etc/passwd', none)).toEqual({ ok: false, problem: 'scheme' });
    expect(checkWebhookUrlShape('https://user:secret@hooks.example.se/', none)).toEqual({ ok: false, problem: 'credentials' });
    expect(checkWebhookUrlShape('http://hooks.example.se/', none)).toEqual({ ok: false, problem: 'insecure' });
    expect(checkWebhookUrlShape('http://127.0.0.1:3709/hook', allow)).toMatchObject({ ok: true });
    expect(checkWebhookUrlShape('http://hooks.kommun.local/hook', allow)).toMatchObject({ ok: true });
  });
});
