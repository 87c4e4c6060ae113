import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { invalid } from './errors.ts';

/**
 * Where webhooks may point. By default only at public addresses, so that a webhook cannot make the server call
 * into its own network (SSRF): loopback, private, carrier-grade NAT, link-local (and with it the cloud metadata
 * address 169.254.169.254), unique-local, multicast and reserved ranges are refused. WEBHOOK_ALLOW_PRIVATE=1
 * lifts the rule for tests and local integrations. The sender checks again at delivery time, after resolving
 * the name, and connects to the address it checked (src/events/post.ts).
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
// The IPv6 forms that carry an IPv4 address are refused whole, whatever address they carry: IPv4-compatible
// (`::/96`, which holds `::` and `::1`), IPv4-translated (SIIT, `::ffff:0:0:0/96`), NAT64 (well-known and
// local-use), Teredo and 6to4 (both deprecated). A host or gateway that translates them would reach the IPv4
// address inside, private ones included. (IPv4-mapped `::ffff:0:0/96` is checked as the IPv4 address it holds.)
// Then the ranges no public receiver has: site-local (`fec0::/10`, deprecated but still routed inside some
// networks), ORCHID, documentation (`2001:db8::/32`, `3fff::/20`), SRv6 segment ids (`5f00::/16`).
for (const [network, prefix] of [
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:2::', 48],
  ['2001:10::', 28],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
  ['5f00::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address (v4, v6, or v4-mapped v6) is a public one a webhook may reach. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export const privateRefusal = (address: string) =>
  `${address} is not a public address (WEBHOOK_ALLOW_PRIVATE=1 allows private ones)`;

/** The URL's host as an address, when it is an IP literal (`[::1]` → `::1`); undefined for a name. */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : undefined;
}

const MAX_URL = 2000;

/** A webhook URL's form: absolute http(s), with a host and no credentials. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`url must be an absolute http:// or https:// URL, got "${raw}"`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(`url must be http:// or https://, got ${url.protocol}`, 'url');
  if (url.username !== '' || url.password !== '')
    throw invalid('url must not carry credentials (user:password@)', 'url');
  if (raw.length > MAX_URL) throw invalid(`url is longer than ${MAX_URL} characters`, 'url');
  return url;
}

/**
 * A webhook URL that passes the address rule now: its literal address, or every address its name resolves to
 * that the sender could use, must be public unless private ones are allowed.
 */
export async function checkTargetUrl(raw: string, allowPrivate: boolean): Promise<string> {
  const url = parseTargetUrl(raw);
  if (allowPrivate) return url.toString();
  const literal = literalAddress(url);
  let addresses: string[];
  if (literal !== undefined) addresses = [literal];
  else {
    try {
      addresses = (await lookup(url.hostname, { all: true })).map((a) => a.address);
    } catch {
      throw invalid(`url: cannot resolve ${url.hostname}`, 'url');
    }
  }
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined) throw invalid(`url: ${url.hostname} → ${privateRefusal(refused)}`, 'url');
  return url.toString();
}
