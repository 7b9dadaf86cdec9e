// Applies the navigation and permission policies to Electron sessions and webContents (deny by default).
// Electron objects are passed in; only their types are imported here.
import type { App, Certificate, Event, Session, WebContents } from 'electron';
import {
  decidePermission,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isOwnCertificate,
} from './navigation-policy';

/**
 * Replaces Electron's grant-everything default: permission requests and checks are decided by
 * `decidePermission`, device access (HID, serial, USB) and screen capture (`getDisplayMedia`) are always refused.
 */
export function hardenSession(
  session: Pick<
    Session,
    | 'setPermissionRequestHandler'
    | 'setPermissionCheckHandler'
    | 'setDevicePermissionHandler'
    | 'setDisplayMediaRequestHandler'
  >,
  appOrigin: string,
): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(decidePermission(permission, details.requestingUrl || contents.getURL(), appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin, appOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  // No page of ours captures screens: answer every request with no stream (the page's promise rejects).
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}

export interface WebContentsPolicy {
  appOrigin: string;
  /** Hosts whose https links may open in the system browser (default none). */
  externalHosts: readonly string[];
  /** `shell.openExternal`. */
  openExternal: (url: string) => Promise<void>;
  log?: (message: string) => void;
}

/**
 * Locks one webContents down: no new windows (allow-listed https links go to the system browser instead),
 * no navigation or redirect away from the app's origin, no <webview>.
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'setWindowOpenHandler' | 'on'>,
  policy: WebContentsPolicy,
): void {
  const log = policy.log ?? ((message: string) => console.warn(message));
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, policy.externalHosts)) {
      policy.openExternal(url).catch((error: unknown) => log(`openExternal ${url} failed: ${String(error)}`));
    } else log(`refused to open a window for ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, policy.appOrigin)) return;
    event.preventDefault();
    log(`refused navigation to ${event.url}`);
  });
  // Frames inside a page (none today; the CSP allows only our own) navigate through this one, not will-navigate.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || isAllowedNavigation(event.url, policy.appOrigin)) return;
    event.preventDefault();
    log(`refused frame navigation to ${event.url}`);
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, policy.appOrigin)) return;
    event.preventDefault();
    log(`refused redirect to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Chromium refuses a certificate its machine does not trust or that does not name the host (the core under
 * TLS, opened by loopback): accept exactly the core's own certificate (`isOwnCertificate`), refuse the rest
 * as Chromium would. `ownFingerprint256` is null without TLS: then everything refused stays refused.
 */
export function trustOwnCertificate(
  app: Pick<App, 'on'>,
  ownFingerprint256: string | null,
  log: (message: string) => void = (message) => console.warn(message),
): void {
  app.on(
    'certificate-error',
    (
      event: Event,
      _contents: WebContents,
      url: string,
      error: string,
      certificate: Certificate,
      callback: (isTrusted: boolean) => void,
    ) => {
      if (isOwnCertificate(certificate.data, ownFingerprint256)) {
        event.preventDefault();
        callback(true);
        return;
      }
      log(`refused the certificate of ${url}: ${error}`);
      callback(false);
    },
  );
}
