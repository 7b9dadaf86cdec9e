// Signing out of a console: the browser host's cookie, this connection's session, then the login page.
import type { CoreClient } from '../transport/core-client';

/** Ends the session (cookie and connection) and reloads at the login page (no start ticket in the address). */
export async function signOut(client: CoreClient): Promise<void> {
  if (window.tianmu?.host !== 'electron') {
    await fetch('/auth/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
  }
  await client.request('auth.logout', {}).catch(() => undefined);
  history.replaceState(null, '', `${location.pathname}#/login`);
  location.reload();
}
