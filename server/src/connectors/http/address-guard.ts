/** @module Address guard: keeps http.Request away from loopback, private and link-local addresses (SSRF). */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type TcpSocketConnectOpts } from 'node:net';

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

/** Why an address may not be called, or undefined when it may (the default policy: `blockedReason`). */
export type AddressPolicy = (address: string) => string | undefined;

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

const ALLOW_HINT = 'Weft does not call loopback, private or link-local addresses unless the server runs with WEFT_HTTP_ALLOW_PRIVATE=true.';

/** The first address of `host` that `policy` refuses, as a sentence, or undefined when all may be called. */
function refusal(target: string, host: string, addresses: readonly string[], policy: AddressPolicy): string | undefined {
  for (const address of addresses) {
    const why = policy(address);
    if (why !== undefined) {
      const via = address === host ? '' : ` (${host} resolves to ${address})`;
      return `Refused to call ${target}: ${address} is ${why}${via}. ${ALLOW_HINT}`;
    }
  }
  return undefined;
}

/**
 * Parse `raw` and refuse it when it is not http(s) or when any address its host resolves to is
 * not public. Every address is checked: a name with one public and one private address is refused.
 */
export async function checkUrl(raw: string, lookup: LookupAll = systemLookup, policy: AddressPolicy = blockedReason): Promise<UrlCheck> {
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
  const refused = refusal(url.origin, host, addresses, policy);
  return refused === undefined ? { ok: true, url } : { ok: false, message: refused };
}

/** A connection refused by the guard at connect time; its message says why. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_WEFT_ADDRESS_REFUSED';
}

type ConnectLookup = NonNullable<TcpSocketConnectOpts['lookup']>;

/**
 * A `lookup` for `net.connect` (an undici `Agent`'s `connect.lookup`) that resolves the host once
 * and hands the socket only addresses `policy` accepts. The socket connects to exactly the address
 * checked, so a name that answers a public address to `checkUrl` and a private one a moment later
 * (DNS rebinding) is refused instead of reached.
 */
export function guardedLookup(lookup: LookupAll = systemLookup, policy: AddressPolicy = blockedReason): ConnectLookup {
  return ((hostname: string, options: { all?: boolean; family?: number | string }, callback: (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void) => {
    const host = hostname.replace(/^\[|\]$/g, '');
    const resolved = isIP(host) !== 0 ? Promise.resolve([{ address: host, family: isIP(host) }]) : lookup(host);
    resolved.then((entries) => {
      const wanted = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
      const usable = entries.filter((entry) => wanted === 0 || entry.family === wanted);
      if (usable.length === 0) {
        callback(Object.assign(new Error(`The host ${host} has no address.`), { code: 'ENOTFOUND' }), '', 0);
        return;
      }
      // Every address is checked, not only the one used: the socket may try the next one.
      const refused = refusal(host, host, entries.map((entry) => entry.address), policy);
      if (refused !== undefined) {
        callback(new AddressRefusedError(refused), '', 0);
        return;
      }
      if (options.all === true) callback(null, usable.map(({ address, family }) => ({ address, family })));
      else callback(null, usable[0]!.address, usable[0]!.family);
    }, (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 0));
  }) as ConnectLookup;
}
