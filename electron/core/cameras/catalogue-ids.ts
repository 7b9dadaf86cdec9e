// Wall ids of platform cameras, and which ids a workspace may name before the platform has listed them.
import type { Platform } from '@shared/model/camera';

/** Longest wall id (idSchema). */
const maxIdLength = 64;

/** Platforms whose connector lists cameras (wvp, ZLMediaKit): their cameras are not in cameras.json. */
export function listingPlatforms(platforms: readonly Platform[]): Platform[] {
  return platforms.filter(
    (platform) => platform.connector !== undefined && platform.connector.type !== 'onvif',
  );
}

/**
 * A platform camera's wall id: `<platformId>-<platform id lowercased>`, every character an id may not hold
 * replaced by `_` (ZLMediaKit's `app/stream` → `app_stream`), cut to the 64 an id may have. Null when nothing is
 * left (an empty platform id).
 */
export function platformCameraWallId(platformId: string, platformCameraId: string): string | null {
  const sanitised = platformCameraId
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .replace(/^[-_]+/, '');
  if (sanitised.length === 0) return null;
  return `${platformId}-${sanitised}`.slice(0, maxIdLength);
}

/**
 * Which camera ids scenarios, saved walls and commands may name: the cameras of cameras.json, and any id of a
 * listing platform (`<platformId>-…`) even before its platform has listed it — a platform down at start must not
 * refuse the workspace; such a tile shows its camera as 状态未知 until the listing names it.
 */
export function workspaceCameraIds(
  cameraIds: Iterable<string>,
  platforms: readonly Platform[],
): (cameraId: string) => boolean {
  const known = new Set(cameraIds);
  const prefixes = listingPlatforms(platforms).map((platform) => `${platform.id}-`);
  return (cameraId) =>
    known.has(cameraId) ||
    prefixes.some((prefix) => cameraId.startsWith(prefix) && cameraId.length > prefix.length);
}
