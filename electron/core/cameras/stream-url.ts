// Builds a camera's stream URL from its platform's template.
import type { Platform } from '@shared/model/camera';

/**
 * Fills `{streamId}`, `{profile}` and `{origin}` (the core's host:port, for the demo server) in a template.
 * Only for platforms with templates (the workspace check requires them where there is no wvp/ZLMediaKit connector).
 */
export function resolveStreamUrl(
  platform: Platform,
  streamId: string,
  profile: 'main' | 'sub',
  origin: string,
): string {
  if (!platform.url) throw new Error(`platform '${platform.id}' has no URL templates`);
  return platform.url[profile]
    .replaceAll('{streamId}', encodeURIComponent(streamId))
    .replaceAll('{profile}', profile)
    .replaceAll('{origin}', origin);
}
