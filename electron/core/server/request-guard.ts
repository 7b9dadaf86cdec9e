// Who may talk to the core's listeners: requests must name the core's own host (DNS rebinding), and browser
// requests must come from the core's own origin (any other web page the operator has open).
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The names a listener on `listenHost` answers to: that address, `localhost`, `127.0.0.1` and `[::1]`
 * (lower case, IPv6 in brackets). A page from a DNS name that merely resolves to us (DNS rebinding) sends its
 * own name in `Host`, so naming the addresses is enough; more names (a LAN host name) can be added.
 */
export function ownHostNames(listenHost: string, moreNames: readonly string[] = []): ReadonlySet<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  for (const name of [listenHost, ...moreNames]) names.add(bracketed(name.toLowerCase()));
  return names;
}

/**
 * Whether a `Host` header names one of `names` with `port`. A listener on every address (0.0.0.0, ::) is
 * reached through any of the machine's addresses, so it also accepts any IP literal (never a DNS name: that
 * is what a rebinding page sends).
 */
export function isOwnHost(header: string | undefined, names: ReadonlySet<string>, port: number): boolean {
  if (!header) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+):(\d{1,5})$/i.exec(header.trim());
  if (!match || Number(match[2]) !== port) return false;
  const name = match[1]!.toLowerCase();
  if (names.has(name)) return true;
  const isWildcard = names.has('0.0.0.0') || names.has('[::]');
  return isWildcard && isIP(name.replace(/^\[|\]$/g, '')) !== 0;
}

/** Whether an `Origin` header is the core's own: http(s) on one of `names` with `port` (never `null`). */
export function isOwnOrigin(header: string | undefined, names: ReadonlySet<string>, port: number): boolean {
  if (!header) return false;
  let url: URL;
  try {
    url = new URL(header);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.origin !== header.toLowerCase().replace(/\/$/, '')) return false; // no path, user or query
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return isOwnHost(`${url.hostname}:${url.port || defaultPort}`, names, port);
}

/**
 * Whether a browser says the request comes from another site (`Sec-Fetch-Site: cross-site`). Pages of the
 * core's own origin reach its other ports as `same-site`; clients that are not browsers send nothing.
 */
export function isCrossSite(request: IncomingMessage): boolean {
  return request.headers['sec-fetch-site'] === 'cross-site';
}

/** Compares a presented token with the expected one in time that does not depend on where they differ. */
export function isSameToken(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  // Equal-length digests: timingSafeEqual needs equal lengths, and the length of the token leaks nothing.
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** IPv6 in brackets and written the shortest way, as a Host header has it (`FE80:0:0:0:0:0:0:1` → `[fe80::1]`). */
function bracketed(name: string): string {
  const bare = name.replace(/^\[|\]$/g, '');
  return isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname : name;
}
