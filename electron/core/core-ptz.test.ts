// PTZ through the composed core: a console that closes mid-move has its head stopped and its lease freed (the
// composition root wires the session close to the leases), and every window hears who holds the camera.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { JournalRecord } from '@shared/model/journal';
import { createCore, type Core } from './index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('PTZ in the core', () => {
  let core: Core;
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-core-ptz-'));
    core = await createCore(path.join(root, 'resources/demo'), {
      clipsDir: path.join(root, 'resources/media/clips'),
      stateDir,
      consoleUser: 'operator',
      extraMediaPorts: 0,
      log: () => undefined,
    });
  }, 30_000);

  afterAll(async () => {
    await core?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  async function journaled(predicate: (record: JournalRecord) => boolean): Promise<JournalRecord[]> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const records = (await core.journal!.query({ action: 'camera.controlled' })).filter(predicate);
      if (records.length > 0) return records;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return [];
  }

  it('stops a turning head and frees the camera when the holder’s console closes', async () => {
    const holders: Array<string | null> = [];
    const watcher = core.connect((name, payload) => {
      if (name === 'ptz.leaseChanged')
        holders.push((payload as { holder: { displayName: string } | null }).holder?.displayName ?? null);
    });
    const operatorWindow = core.connect(() => undefined);
    const answer = (await operatorWindow.request('ptz.move', {
      cameraId: 'cam-0017',
      direction: 'left',
      speed: 0.5,
    })) as {
      holder: { displayName: string };
    };
    expect(answer.holder.displayName).toBe('值班员 张三');
    expect(holders).toEqual(['值班员 张三']);

    operatorWindow.close();
    expect(holders).toEqual(['值班员 张三', null]);
    const stops = await journaled((record) => (record.detail as { act?: string })?.act === 'auto-stop');
    expect(stops).toEqual([
      expect.objectContaining({
        target: { kind: 'camera', id: 'cam-0017' },
        detail: { act: 'auto-stop', reason: 'window closed' },
      }),
    ]);
    const state = (await watcher.request('ptz.state', { cameraId: 'cam-0017' })) as { holder: unknown };
    expect(state.holder).toBeNull();
    watcher.close();
  });

  it('answers unsupported, with the reason, for a fixed camera', async () => {
    const operatorWindow = core.connect(() => undefined);
    await expect(
      operatorWindow.request('ptz.move', { cameraId: 'cam-0001', direction: 'up', speed: 1 }),
    ).rejects.toThrow('不支持：该摄像机为固定枪机，没有云台');
    operatorWindow.close();
  });
});
