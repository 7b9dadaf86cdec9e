// Where windows may navigate, which links may open outside the app, which permissions pages get, and which
// refused certificate the shell may accept after all: deny by default.
import { X509Certificate } from 'node:crypto';

/** The origin of `url` (`http://127.0.0.1:4310`), or null when it is not a URL or has an opaque origin. */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Whether a window may navigate to `url`: only pages of the app's own origin (the core's HTTP server).
 * Everything else — other hosts, `file:`, `data:`, `javascript:`, `about:blank` — is refused.
 */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  const target = originOf(url);
  return target !== null && target === originOf(appOrigin);
}

/**
 * Whether `url` may be handed to the operating system (`shell.openExternal`): https only, no credentials in
 * the URL, and a host (with its port, if not 443) exactly equal to an entry of `allowedHosts`.
 * Never pass anything else: openExternal on a crafted URL can start local programs.
 */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return allowedHosts.some((host) => host.toLowerCase() === parsed.host);
}

/** Permissions the app's own pages may use. Everything else (camera, geolocation, notifications…) is denied. */
const grantedToApp: ReadonlySet<string> = new Set(['fullscreen']);

/**
 * The permission decision for `setPermissionRequestHandler` and `setPermissionCheckHandler`. Electron grants
 * every permission by default; this denies all of them except those in `grantedToApp`, and those only to
 * the app's origin. `requestingOrigin` may be an origin or a full URL.
 */
export function decidePermission(permission: string, requestingOrigin: string, appOrigin: string): boolean {
  if (!grantedToApp.has(permission)) return false;
  const origin = originOf(requestingOrigin);
  return origin !== null && origin === originOf(appOrigin);
}

/**
 * Whether a certificate Chromium refused (`app.on('certificate-error')`) is the core's own, compared by the
 * SHA-256 of its DER encoding with `ownFingerprint256` (hex, from the core). Windows open the core by loopback
 * (127.0.0.1), which a LAN certificate need not name and whose issuer the machine may not trust; the exact
 * certificate, whose key only the core holds, is trusted instead. Without TLS (null), or for any other
 * certificate, or for data that is not a certificate: false.
 */
export function isOwnCertificate(certificatePem: string, ownFingerprint256: string | null): boolean {
  if (ownFingerprint256 === null) return false;
  try {
    const fingerprint = new X509Certificate(certificatePem).fingerprint256.replaceAll(':', '').toLowerCase();
    return fingerprint === ownFingerprint256.toLowerCase();
  } catch {
    return false;
  }
}
