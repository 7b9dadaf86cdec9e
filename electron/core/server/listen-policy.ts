// Where the core may listen and how: loopback is private to this machine, anything else is the LAN, where
// the core serves HTTPS and WSS only — unless the operator explicitly accepts plain HTTP (`--insecure-lan`),
// which every window then shows as a red 不安全连接 banner.
import { isIP } from 'node:net';

/** An address and port to listen on, as given by `--listen` or the workspace's `server.listen`. */
export interface ListenAddress {
  /** An IP literal (IPv6 without brackets) or a host name. */
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `ADDRESS:PORT` (`0.0.0.0:7443`, `192.168.1.20:443`, `[::]:7443`, `localhost:7300`). Throws an Error
 * naming `field` and the problem.
 */
export function parseListenAddress(text: string, field = '--listen'): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]\s]+)):(\d{1,5})$/i.exec(text.trim());
  if (!match) throw new Error(`${field}: '${text}' is not ADDRESS:PORT (IPv6 in brackets: [::]:7443)`);
  const host = (match[1] ?? match[2])!;
  const port = Number(match[3]);
  if (port > 65_535) throw new Error(`${field}: '${text}' has no valid port (0–65535)`);
  if (match[1] !== undefined && isIP(host) !== 6)
    throw new Error(`${field}: '${host}' is not an IPv6 address`);
  return { host, port };
}

/**
 * Whether `host` can only be reached from this machine: `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped
 * loopback. Every other name or address — including the wildcards 0.0.0.0 and `::`, which take every
 * interface — is the LAN.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  const ipv4 = mapped ? mapped[1]! : name;
  if (isIP(ipv4) === 4) return ipv4.startsWith('127.');
  // The URL parser writes every spelling of an IPv6 address the shortest way (0:0:0:0:0:0:0:1 → [::1]).
  return isIP(name) === 6 && new URL(`http://[${name}]/`).hostname === '[::1]';
}

export interface ListenPolicyInput {
  /** The listen address. */
  readonly address: string;
  /** Whether a certificate and key were given. */
  readonly tls: boolean;
  /** `--insecure-lan`: the operator accepts plain HTTP off loopback. */
  readonly insecure: boolean;
}

export type ListenDecision =
  | {
      readonly ok: true;
      readonly scheme: 'http' | 'https';
      /** Plain HTTP off loopback: every window must say 不安全连接. */
      readonly isInsecureLan: boolean;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The decision for one listen address: TLS whenever it is given; plain HTTP on loopback; plain HTTP off
 * loopback only with `insecure`, and then flagged. Refusals say what to do instead.
 */
export function listenPolicy(input: ListenPolicyInput): ListenDecision {
  if (input.tls) return { ok: true, scheme: 'https', isInsecureLan: false };
  if (isLoopbackHost(input.address)) return { ok: true, scheme: 'http', isInsecureLan: false };
  if (input.insecure) return { ok: true, scheme: 'http', isInsecureLan: true };
  return {
    ok: false,
    reason:
      `refusing to listen on ${input.address} without TLS: other machines would see every stream, token ` +
      `and password in clear. Give a certificate and key (--tls-cert FILE --tls-key FILE, or the workspace's ` +
      `server.tls), listen on 127.0.0.1, or accept plain HTTP with --insecure-lan (every window then shows ` +
      `不安全连接)`,
  };
}
