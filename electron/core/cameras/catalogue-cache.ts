// The catalogue's cache of each platform's last full listing, in the writable state folder: a start while a
// platform is down still lists its cameras (as 状态未知) instead of an empty tree.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { cameraStatusSchema } from '@shared/model/camera-platform';
import { writeFileAtomic } from '../files/atomic-file';
import { FileKindError, maxJsonFileBytes, readTextFile } from '../files/read-text-file';
import type { PlatformCamera } from './connector';

const platformCameraSchema = z.object({
  platformCameraId: z.string().min(1).max(200),
  name: z.string().max(200),
  position: z
    .object({
      lonLat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
      crs: z.enum(['wgs84', 'gcj02', 'bd09']),
    })
    .optional(),
  status: cameraStatusSchema,
  hasPtz: z.boolean(),
  civilCode: z.string().max(40).optional(),
  businessGroup: z.string().max(64).optional(),
});

const cacheSchema = z.object({
  version: z.literal(1),
  platformId: z.string(),
  listedAt: z.number().int().nonnegative(),
  cameras: z.array(platformCameraSchema).max(200_000),
});

export interface CachedListing {
  readonly listedAt: number;
  readonly cameras: readonly PlatformCamera[];
}

/** `<stateDir>/cameras/<platformId>.json`. */
export function cacheFile(stateDir: string, platformId: string): string {
  return path.join(stateDir, 'cameras', `${platformId}.json`);
}

/**
 * The cached listing of a platform, or null when there is none or it is unusable (the reason is logged: a bad
 * cache costs the start-while-down listing, never the start).
 */
export async function readCachedListing(
  stateDir: string,
  platformId: string,
  log: (line: string) => void,
): Promise<CachedListing | null> {
  const file = cacheFile(stateDir, platformId);
  let text: string;
  try {
    text = await readTextFile(file, maxJsonFileBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || error instanceof FileKindError)
      log(`[cameras] cache of '${platformId}' unreadable: ${(error as Error).message}`);
    return null;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    log(`[cameras] cache of '${platformId}' is not JSON (${(error as Error).message}): ignored`);
    return null;
  }
  const parsed = cacheSchema.safeParse(data);
  if (!parsed.success || parsed.data.platformId !== platformId) {
    const issue = parsed.success ? 'platformId: another platform' : describeIssue(parsed.error);
    log(`[cameras] cache of '${platformId}' unusable (${issue}): ignored`);
    return null;
  }
  return { listedAt: parsed.data.listedAt, cameras: parsed.data.cameras };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

/** Replaces a platform's cached listing atomically (temporary file, fsync, rename). */
export async function writeCachedListing(
  stateDir: string,
  platformId: string,
  listing: CachedListing,
): Promise<void> {
  const file = cacheFile(stateDir, platformId);
  await mkdir(path.dirname(file), { recursive: true });
  const text = JSON.stringify({ version: 1, platformId, ...listing });
  await writeFileAtomic(file, text);
}
