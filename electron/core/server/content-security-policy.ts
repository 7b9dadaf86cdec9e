// The renderer's Content-Security-Policy, computed from what the workspace configures: pages may connect to the
// core's own origin, the demo media server's addresses, the camera platforms' stream hosts and the base-map
// tile hosts, and to nothing else (a script injected through a backend string cannot send data away).
import type { BaseMapCatalogue } from '@shared/model/base-map';
import type { Platform } from '@shared/model/camera';

export interface ContentSecurityPolicyInput {
  /** `host:port` of every address the demo media server answers on (`{origin}` in platform templates). */
  readonly mediaHosts: readonly string[];
  /** The core's scheme: under TLS the media addresses are https:// and wss:// (default http). */
  readonly scheme?: 'http' | 'https';
  readonly platforms: readonly Platform[];
  readonly baseMaps: BaseMapCatalogue;
}

/** The policy's directives; `connect-src` as described above, the rest fixed. */
export function contentSecurityPolicy(input: ContentSecurityPolicyInput): string {
  const connect = new Set<string>(["'self'"]);
  const isTls = input.scheme === 'https';
  for (const host of input.mediaHosts) {
    connect.add(`${isTls ? 'https' : 'http'}://${host}`);
    connect.add(`${isTls ? 'wss' : 'ws'}://${host}`);
  }
  for (const platform of input.platforms) {
    if (platform.url)
      for (const template of [platform.url.main, platform.url.sub]) addSource(connect, template);
    const connector = platform.connector;
    if (connector && 'streamOrigins' in connector)
      for (const origin of connector.streamOrigins) connect.add(origin);
  }
  for (const baseMap of input.baseMaps.baseMaps) if ('url' in baseMap) addSource(connect, baseMap.url);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "media-src 'self' blob:",
    `connect-src ${[...connect].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The CSP source of a URL template: its scheme and host, with a placeholder in the first label as `*`
 * (`https://t{0-7}.tianditu.gov.cn/…` → `https://*.tianditu.gov.cn`). `{origin}` is the demo media server,
 * listed by address; a template whose host is otherwise templated allows its scheme only.
 */
export function templateSource(template: string): string | null {
  const match = /^(https?|wss?):\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(template);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  const authority = match[2]!.toLowerCase();
  if (authority === '{origin}') return null;
  if (!authority.includes('{')) return `${scheme}://${authority}`;
  const wildcard = authority.replace(/^[^.:]*\{[^}]*\}[^.:]*\./, '*.');
  return wildcard.includes('{') ? `${scheme}:` : `${scheme}://${wildcard}`;
}

function addSource(sources: Set<string>, template: string): void {
  const source = templateSource(template);
  if (source) sources.add(source);
}
