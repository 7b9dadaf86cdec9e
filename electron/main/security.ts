// Applies the navigation and permission policies to Electron sessions and webContents (deny by default).
// Electron objects are passed in; only their types are imported here.
import type { Session, WebContents } from 'electron';
import { decidePermission, isAllowedExternalUrl, isAllowedNavigation } from './navigation-policy';

/**
 * Replaces Electron's grant-everything default: permission requests and checks are decided by
 * `decidePermission`, and device access (HID, serial, USB) is always refused.
 */
export function hardenSession(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
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
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, policy.appOrigin)) return;
    event.preventDefault();
    log(`refused redirect to ${event.url}`);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
