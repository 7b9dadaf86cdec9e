// Snapshots reach the workspace only as real PNGs of bounded size, under snapshots/.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '@shared/protocol';
import { saveSnapshot } from './snapshot';

/** A 1×1 PNG. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
let workspace: string;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'tianmu-snapshot-'));
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('saveSnapshot', () => {
  it('writes the PNG under snapshots/ named by camera and local time', async () => {
    const result = await saveSnapshot(workspace, 'cam-0001', tinyPng, {
      maxBytes: 1024,
      now: () => new Date(2026, 10, 21, 8, 3, 21, 7),
    });
    expect(result).toEqual({ file: 'snapshots/cam-0001-20261121-080321-007.png', bytes: tinyPng.length });
    expect(await readFile(path.join(workspace, result.file))).toEqual(tinyPng);
    expect(await readdir(path.join(workspace, 'snapshots'))).toEqual(['cam-0001-20261121-080321-007.png']);
  });

  it('refuses bytes that are not a PNG, an oversized image, and ids that could escape the folder', async () => {
    await expect(
      saveSnapshot(workspace, 'cam-1', Buffer.from('GIF89a...'), { maxBytes: 1024 }),
    ).rejects.toThrow(/not a PNG/);
    await expect(saveSnapshot(workspace, 'cam-1', tinyPng, { maxBytes: 10 })).rejects.toThrow(/more than 10/);
    await expect(saveSnapshot(workspace, '../x', tinyPng, { maxBytes: 1024 })).rejects.toThrow(/cannot name/);
    await expect(readdir(workspace)).resolves.toEqual([]);
  });

  it('lands 8 concurrent snapshots of one camera in the same millisecond as 8 whole files', async () => {
    const now = () => new Date(2026, 10, 21, 8, 3, 21, 7);
    // Eight different images (the last byte differs), so a file holding another's bytes shows.
    const images = Array.from({ length: 8 }, (_, index) => Buffer.concat([tinyPng, Buffer.from([index])]));
    const results = await Promise.all(
      images.map((png) => saveSnapshot(workspace, 'cam-0001', png, { maxBytes: 1024, now })),
    );
    expect(new Set(results.map((result) => result.file)).size).toBe(8);
    for (const [index, result] of results.entries())
      expect(await readFile(path.join(workspace, result.file))).toEqual(images[index]);
    const names = await readdir(path.join(workspace, 'snapshots'));
    expect(names).toHaveLength(8);
    expect(names.every((name) => /^cam-0001-20261121-080321-007(-\d+)?\.png$/.test(name))).toBe(true);
  });

  it('answers a failing write without any server path, and logs the detail on the server', async () => {
    // snapshots/ is a file here, so the folder cannot be made.
    await writeFile(path.join(workspace, 'snapshots'), 'in the way');
    const logged: string[] = [];
    const error = await saveSnapshot(workspace, 'cam-0001', tinyPng, {
      maxBytes: 1024,
      log: (line) => logged.push(line),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toBe('the snapshot of cam-0001 could not be saved');
    expect((error as ProtocolError).message).not.toMatch(/[/\\]/);
    expect(logged.join('\n')).toContain(workspace);
  });
});
