/** @module Address guard: keeps http.Request away from loopback, private and link-local addresses (SSRF). */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Resolves a hostname to every address it has, as `node:dns` `lookup(host, { all: true })` does. */
export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

const RANGES: { cidr: string; family: 'ipv4' | 'ipv6'; why: string }[] = [
  { cidr: '0.0.0.0/8', family: 'ipv4', why: 'a "this network" address' },
  { cidr: '10.0.0.0/8', family: 'ipv4', why: 'a private address' },
  { cidr: '100.64.0.0/10', family: 'ipv4', why: 'a carrier-grade NAT address' },
  { cidr: '127.0.0.0/8', family: 'ipv4', why: 'a loopback address' },
  { cidr: '169.254.0.0/16', family: 'ipv4', why: 'a link-local address (cloud metadata lives here)' },
  { cidr: '172.16.0.0/12', family: 'ipv4', why: 'a private address' },
  { cidr: '192.0.0.0/24', family: 'ipv4', why: 'an IETF protocol address' },
  { cidr: '192.168.0.0/16', family: 'ipv4', why: 'a private address' },
  { cidr: '198.18.0.0/15', family: 'ipv4', why: 'a benchmarking address' },
  { cidr: '224.0.0.0/4', family: 'ipv4', why: 'a multicast address' },
  { cidr: '240.0.0.0/4', family: 'ipv4', why: 'a reserved address' },
  { cidr: '::/128', family: 'ipv6', why: 'the unspecified address' },
  { cidr: '::1/128', family: 'ipv6', why: 'a loopback address' },
  { cidr: '::/96', family: 'ipv6', why: 'an IPv4-compatible address' },
  { cidr: 'fc00::/7', family: 'ipv6', why: 'a private (unique local) address' },
  { cidr: 'fe80::/10', family: 'ipv6', why: 'a link-local address' },
  { cidr: 'fec0::/10', family: 'ipv6', why: 'a site-local address' },
  { cidr: 'ff00::/8', family: 'ipv6', why: 'a multicast address' },
];

const blockLists = RANGES.map((range) => {
  const list = new BlockList();
  const [network, prefix] = range.cidr.split('/');
  list.addSubnet(network!, Number(prefix), range.family);
  return { list, range };
});

/** An IPv4 address hidden in an IPv6 one (`::ffff:127.0.0.1`, NAT64 `64:ff9b::7f00:1`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const match = /^(?:::ffff:(?:0:)?|64:ff9b::)(.+)$/.exec(lower);
  if (!match) return undefined;
  const tail = match[1]!;
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!hex) return undefined;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why `address` (an IP literal) may not be called, or undefined when it is a public address. */
export function blockedReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4 !== undefined) return blockedReason(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { list, range } of blockLists) {
    if (range.family === type && list.check(bare, type)) return range.why;
  }
  return undefined;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/**
 * Parse `raw` and refuse it when it is not http(s) or when any address its host resolves to is
 * not public. Every address is checked: a name with one public and one private address is refused.
 */
export async function checkUrl(raw: string, lookup: LookupAll = systemLookup): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `"${raw}" is not a valid URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `Only http and https URLs can be called, not ${url.protocol.replace(/:$/, '')}.` };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = (await lookup(host)).map((entry) => entry.address);
    } catch (error) {
      return { ok: false, message: `The host ${host} could not be resolved: ${error instanceof Error ? error.message : String(error)}.` };
    }
  }
  if (addresses.length === 0) return { ok: false, message: `The host ${host} has no address.` };
  for (const address of addresses) {
    const why = blockedReason(address);
    if (why !== undefined) {
      const via = address === host ? '' : ` (${host} resolves to ${address})`;
      return {
        ok: false,
        message: `Refused to call ${url.origin}: ${address} is ${why}${via}. Weft does not call loopback, private or link-local addresses unless the server runs with WEFT_HTTP_ALLOW_PRIVATE=true.`,
      };
    }
  }
  return { ok: true, url };
}
