// Where and how the core listens, from the command line (serve --listen, --tls-cert/--tls-key, --insecure-lan)
// over the workspace's `server` block (the Electron app), with the checks of listen-policy.ts applied once.
import { isIP } from 'node:net';
import path from 'node:path';
import type { Platform } from '@shared/model/camera';
import type { ServerSettings } from '@shared/model/workspace';
import { listenPolicy, parseListenAddress, type ListenAddress } from './listen-policy';
import { readTlsIdentity, type TlsFiles, type TlsIdentity } from './tls-identity';

/** What the command line (or a test) says; each field overrides the workspace's. */
export interface ServerOverrides {
  /** Listen address (`--listen`; `--port N` is 127.0.0.1:N). */
  readonly listen?: ListenAddress | undefined;
  /** `--tls-cert` and `--tls-key`, relative to the working directory. */
  readonly tls?: { readonly certificateFile: string; readonly keyFile: string } | undefined;
  readonly names?: readonly string[] | undefined;
  /** `--insecure-lan`: plain HTTP off loopback, announced on every screen. Never read from a file. */
  readonly insecureLan?: boolean | undefined;
  /** Where to listen when neither `listen` nor the workspace say (default: defaultListen). */
  readonly defaultListen?: ListenAddress | undefined;
}

/** The settings the core starts its listeners with. */
export interface ResolvedServerSettings {
  readonly listen: ListenAddress;
  readonly tls: TlsFiles | null;
  readonly names: readonly string[];
  readonly scheme: 'http' | 'https';
  /** Plain HTTP off loopback (`--insecure-lan`): every window shows 不安全连接. */
  readonly isInsecureLan: boolean;
}

/** The core's default: loopback, any free port — never reachable from another machine. */
export const defaultListen: ListenAddress = { host: '127.0.0.1', port: 0 };

/**
 * Merges the overrides over the workspace's block (its paths are relative to `workspaceDir`) and applies the
 * listen policy. Throws an Error naming the setting when the address is malformed or when the policy refuses
 * (off loopback without TLS and without --insecure-lan).
 */
export function resolveServerSettings(
  overrides: ServerOverrides,
  workspace: ServerSettings | undefined,
  workspaceDir: string,
): ResolvedServerSettings {
  const listen =
    overrides.listen ??
    (workspace?.listen
      ? parseListenAddress(workspace.listen, 'workspace.json server.listen')
      : (overrides.defaultListen ?? defaultListen));
  let tls: TlsFiles | null = null;
  if (overrides.tls) {
    tls = { ...overrides.tls, certificateField: '--tls-cert', keyField: '--tls-key' };
  } else if (workspace?.tls) {
    tls = {
      certificateFile: path.resolve(workspaceDir, workspace.tls.certificate),
      keyFile: path.resolve(workspaceDir, workspace.tls.key),
      certificateField: 'workspace.json server.tls.certificate',
      keyField: 'workspace.json server.tls.key',
    };
  }
  const decision = listenPolicy({
    address: listen.host,
    tls: tls !== null,
    insecure: overrides.insecureLan ?? false,
  });
  if (!decision.ok) throw new Error(decision.reason);
  return {
    listen,
    tls,
    names: overrides.names ?? workspace?.names ?? [],
    scheme: decision.scheme,
    isInsecureLan: decision.isInsecureLan,
  };
}

/**
 * The host name stream URLs give for the demo media server (`{origin}`): other machines must reach it too.
 * A wildcard listener is named by the first configured name, else the certificate's first, else loopback
 * (then only this machine plays the demo streams); any other listener by its own address.
 */
export function advertisedHost(
  listenHost: string,
  names: readonly string[],
  certificateNames: readonly string[],
): string {
  const isWildcard = listenHost === '0.0.0.0' || listenHost === '::';
  const host = isWildcard ? (names[0] ?? certificateNames[0] ?? loopbackOf(listenHost)) : listenHost;
  const bare = host.replace(/^\[|\]$/g, '');
  // IPv6 in brackets, written the shortest way, as in a URL (0:0:0:0:0:0:0:1 → [::1]).
  return isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname : host;
}

function loopbackOf(listenHost: string): string {
  return listenHost === '::' ? '::1' : '127.0.0.1';
}

/**
 * A platform whose templates name the demo media server (`ws://{origin}/…`, `http://{origin}/…`) with the
 * core's scheme: pages served over HTTPS may not open ws:// or http:// (mixed content), so under TLS the demo
 * streams are wss:// and https:// on the same ports. Other platforms' URLs are the platform's business.
 */
export function withCoreScheme(platform: Platform, scheme: 'http' | 'https'): Platform {
  if (scheme === 'http' || platform.url === undefined) return platform;
  const upgrade = (template: string) => template.replace(/^(ws|http):\/\/\{origin\}/i, '$1s://{origin}');
  return {
    ...platform,
    url: { main: upgrade(platform.url.main), sub: upgrade(platform.url.sub) },
  };
}

/** How the core listens, as the CLI prints it and the Electron shell trusts it. */
export interface CoreServerFacts {
  readonly scheme: 'http' | 'https';
  /** Plain HTTP off loopback (`--insecure-lan`). */
  readonly isInsecureLan: boolean;
  /** `ADDRESS:PORT` as bound. */
  readonly listen: string;
  /** The names other machines may use (configured, then the certificate's). */
  readonly names: readonly string[];
  /** The served certificate (under TLS): the Electron shell accepts exactly this one. */
  readonly certificate: {
    readonly fingerprint256: string;
    readonly spkiSha256: string;
    readonly validTo: string;
  } | null;
}

/** Everything the core's listeners need, decided and read before any of them starts. */
export interface PreparedServer {
  readonly settings: ResolvedServerSettings;
  readonly tls: TlsIdentity | null;
  /** Names the listeners answer to besides their address and loopback: configured, then the certificate's. */
  readonly names: readonly string[];
  /** The host stream URLs name the demo media ports by (advertisedHost). */
  readonly mediaHostName: string;
  /** A platform with the core's scheme (withCoreScheme). */
  readonly withCoreScheme: (platform: Platform) => Platform;
}

/**
 * Resolves the settings (`resolveServerSettings`, refusing off loopback without TLS) and reads the certificate
 * pair; throws before anything listens.
 */
export async function prepareServer(
  options: {
    host?: string | undefined;
    port?: number | undefined;
    defaultPort?: number | undefined;
    tls?: ServerOverrides['tls'];
    names?: readonly string[] | undefined;
    insecureLan?: boolean | undefined;
  },
  workspace: {
    readonly manifest: { readonly server?: ServerSettings | undefined };
    readonly directory: string;
  },
): Promise<PreparedServer> {
  const settings = resolveServerSettings(
    {
      listen:
        options.host !== undefined || options.port !== undefined
          ? { host: options.host ?? '127.0.0.1', port: options.port ?? 0 }
          : undefined,
      defaultListen: { host: '127.0.0.1', port: options.defaultPort ?? 0 },
      tls: options.tls,
      names: options.names,
      insecureLan: options.insecureLan,
    },
    workspace.manifest.server,
    workspace.directory,
  );
  const tls = settings.tls ? await readTlsIdentity(settings.tls) : null;
  return {
    settings,
    tls,
    names: [...settings.names, ...(tls?.names ?? [])],
    mediaHostName: advertisedHost(settings.listen.host, settings.names, tls?.names ?? []),
    withCoreScheme: (platform) => withCoreScheme(platform, settings.scheme),
  };
}

/** The facts of a prepared server once it listens at `origin`. */
export function serverFacts(server: PreparedServer, origin: string): CoreServerFacts {
  const host = server.settings.listen.host;
  return {
    scheme: server.settings.scheme,
    isInsecureLan: server.settings.isInsecureLan,
    listen: `${host.includes(':') ? `[${host}]` : host}:${new URL(origin).port}`,
    names: server.names,
    certificate: server.tls
      ? {
          fingerprint256: server.tls.fingerprint256,
          spkiSha256: server.tls.spkiSha256,
          validTo: server.tls.validTo,
        }
      : null,
  };
}
