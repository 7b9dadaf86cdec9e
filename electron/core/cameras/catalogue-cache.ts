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

const headerSchema = z.object({
  version: z.literal(1),
  platformId: z.string(),
  listedAt: z.number().int().nonnegative(),
});

/** Cameras parsed or written between two turns of the event loop (a 26,000-camera file never holds the core). */
const chunk = 1_000;
const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface CachedListing {
  readonly listedAt: number;
  readonly cameras: readonly PlatformCamera[];
}

/** `<stateDir>/cameras/<platformId>.json`. */
export function cacheFile(stateDir: string, platformId: string): string {
  return path.join(stateDir, 'cameras', `${platformId}.json`);
}

/**
 * The cached listing of a platform, or null when there is none or its header is unusable (the reason is logged:
 * a bad cache costs the start-while-down listing, never the start); a bad camera line is skipped and counted.
 */
export async function readCachedListing(
  stateDir: string,
  platformId: string,
  log: (line: string) => void,
  yieldTurn: () => Promise<void> = immediate,
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
  // JSON lines: a header, then one camera a line, parsed a chunk at a time; a bad line costs that camera only.
  const lines = text.split('\n');
  let header: z.infer<typeof headerSchema>;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(lines[0]!));
    if (!parsed.success) throw new Error(describeIssue(parsed.error));
    if (parsed.data.platformId !== platformId) throw new Error('platformId: another platform');
    header = parsed.data;
  } catch (error) {
    log(`[cameras] cache of '${platformId}' unusable (${(error as Error).message}): ignored`);
    return null;
  }
  const cameras: PlatformCamera[] = [];
  let skipped = 0;
  let firstProblem = '';
  for (let index = 1; index < lines.length; index++) {
    if (index % chunk === 0) await yieldTurn();
    const line = lines[index]!;
    if (line.length === 0) continue;
    let parsed;
    try {
      parsed = platformCameraSchema.safeParse(JSON.parse(line));
    } catch (error) {
      parsed = { success: false as const, problem: (error as Error).message };
    }
    if (parsed.success) cameras.push(parsed.data);
    else {
      skipped += 1;
      firstProblem ||= `line ${index + 1}: ${'error' in parsed ? describeIssue(parsed.error) : parsed.problem}`;
    }
  }
  if (skipped > 0)
    log(`[cameras] cache of '${platformId}': ${skipped} unusable cameras skipped (${firstProblem})`);
  return { listedAt: header.listedAt, cameras };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

/** Replaces a platform's cached listing atomically (temporary file, fsync, rename), written a chunk at a time. */
export async function writeCachedListing(
  stateDir: string,
  platformId: string,
  listing: CachedListing,
  yieldTurn: () => Promise<void> = immediate,
): Promise<void> {
  const file = cacheFile(stateDir, platformId);
  const parts = [JSON.stringify({ version: 1, platformId, listedAt: listing.listedAt })];
  for (let start = 0; start < listing.cameras.length; start += chunk) {
    const cameras = listing.cameras.slice(start, start + chunk);
    parts.push(cameras.map((camera) => JSON.stringify(camera)).join('\n'));
    await yieldTurn();
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, parts.join('\n') + '\n');
}
