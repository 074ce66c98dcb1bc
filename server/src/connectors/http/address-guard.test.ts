import { describe, expect, it } from 'vitest';
import { blockedReason, checkUrl, type LookupAll } from './address-guard.ts';

const resolvesTo = (...addresses: string[]): LookupAll => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['::1', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
    ['fc00::1', 'private'], ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'],
    ['0.0.0.0', 'this network'], ['::', 'unspecified'], ['100.64.0.1', 'carrier-grade'], ['224.0.0.1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['64:ff9b::a9fe:a9fe', 'link-local'], ['[::1]', 'loopback'],
  ])('refuses %s (%s)', (address, why) => {
    expect(blockedReason(address)).toContain(why);
  });

  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('lets %s through', (address) => {
    expect(blockedReason(address)).toBeUndefined();
  });
});

describe('checkUrl', () => {
  it('accepts a public host', async () => {
    expect(await checkUrl('https://api.example.com/x', resolvesTo('93.184.216.34'))).toMatchObject({ ok: true });
  });

  it('refuses a host when any of its addresses is private, and names both', async () => {
    const result = await checkUrl('http://sneaky.example.com/', resolvesTo('93.184.216.34', '10.0.0.5'));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/sneaky\.example\.com resolves to 10\.0\.0\.5.*WEFT_HTTP_ALLOW_PRIVATE/);
  });

  it('refuses IP literals in any spelling the URL parser accepts', async () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://0x7f000001/', 'http://2130706433/', 'http://[::1]/', 'http://[::ffff:169.254.169.254]/', 'http://0/']) {
      expect(await checkUrl(url, resolvesTo('8.8.8.8')), url).toMatchObject({ ok: false });
    }
  });

  it('refuses other protocols, bad URLs and unresolvable hosts', async () => {
    expect(await checkUrl('file:///etc/passwd', resolvesTo())).toMatchObject({ ok: false, message: expect.stringContaining('http and https') });
    expect(await checkUrl('not a url', resolvesTo())).toMatchObject({ ok: false, message: expect.stringContaining('not a valid URL') });
    const failing: LookupAll = async () => { throw new Error('ENOTFOUND'); };
    expect(await checkUrl('http://nowhere.invalid/', failing)).toMatchObject({ ok: false, message: expect.stringContaining('could not be resolved') });
  });
});
