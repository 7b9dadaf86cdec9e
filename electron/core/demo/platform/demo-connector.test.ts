import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Camera, Platform } from '@shared/model/camera';
import { ConnectorError } from '../../cameras/connector';
import type { FlvFile } from '../media/flv-parser';
import { DemoConnector, demoCameraDirectory } from './demo-connector';
import { PtzPosition, viewId } from './ptz-position';

const clipsDir = fileURLToPath(new URL('../../../../resources/media/clips', import.meta.url));
const platform: Platform = {
  id: 'demo',
  name: '演示',
  vendor: 'demo',
  kind: 'ws-flv',
  url: { main: 'ws://{origin}/media/live/{streamId}.flv', sub: 'ws://{origin}/media/live/{streamId}.flv' },
};
const camera = (id: string, streamId: string): Camera => ({
  id,
  name: id,
  street: 'waitan',
  grid: 'waitan-05',
  position: [121.5, 31.2],
  tags: ['人流'],
  platform: 'demo',
  streamId,
  isOnline: true,
});
const cameras = [camera('cam-0017', 'ptz-01'), camera('cam-0051', 'ptz-02'), camera('cam-0001', 'cam-01')];

describe('PtzPosition', () => {
  let time = 0;
  const now = () => time;
  beforeEach(() => (time = 0));

  it('starts at the wide centre view', () => {
    expect(viewId(new PtzPosition(now).view())).toBe('c1r1z0');
  });

  it('turns one view left after holding left at half speed for 1.5 s, and no further once stopped', () => {
    const position = new PtzPosition(now);
    position.start({ direction: 'left', speed: 0.5 });
    time = 1_000;
    expect(position.view().column).toBe(0); // 1 − 0.75 = 0.25 → column 0
    position.stop();
    time = 10_000;
    expect(position.view()).toEqual({ column: 0, row: 1, zoom: 0 });
  });

  it('stops at the edge of the scene however long a direction is held', () => {
    const position = new PtzPosition(now);
    position.start({ direction: 'down-right', speed: 1 });
    time = 60_000;
    expect(position.view()).toEqual({ column: 2, row: 2, zoom: 0 });
  });

  it('zooms in while zoom-in is held and out again with zoom-out', () => {
    const position = new PtzPosition(now);
    position.start({ direction: 'zoom-in', speed: 1 });
    time = 1_000;
    expect(position.view().zoom).toBe(1);
    position.start({ direction: 'zoom-out', speed: 1 });
    time = 2_000;
    expect(position.view().zoom).toBe(0);
  });

  it('centres on a clicked point: the right edge of a wide picture is one view to the right', () => {
    const position = new PtzPosition(now);
    position.centre({ x: 1, y: 0.5 });
    expect(position.view()).toEqual({ column: 2, row: 1, zoom: 0 });
  });

  it('zooms into a dragged box around its centre', () => {
    const position = new PtzPosition(now);
    position.areaZoom({ x: 0, y: 0, width: 0.2, height: 0.2 }, true);
    expect(position.view()).toEqual({ column: 0, row: 0, zoom: 1 });
  });
});

describe('DemoConnector', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function connect() {
    const published = new Map<string, string[]>();
    const shown = (id: string) => published.get(id)!.at(-1);
    const media = {
      publish(id: string, clip: FlvFile) {
        const views = [clipName(clip)];
        published.set(id, views);
        return { replaceClip: (next: FlvFile) => views.push(clipName(next)) } as never;
      },
    };
    // Which view file a parsed clip came from: the connector parses each file once and caches it.
    const names = new Map<FlvFile, string>();
    const clipName = (clip: FlvFile) => {
      if (!names.has(clip)) names.set(clip, `view-${names.size}`);
      return names.get(clip)!;
    };
    const connector = new DemoConnector({
      cameras,
      platform,
      nextHost: () => '127.0.0.1:9',
      clipsDir,
      media,
    });
    const directory = demoCameraDirectory(connector, cameras);
    return { connector, directory, published, shown };
  }

  it('publishes one live stream per PTZ head and marks only heads as PTZ in its directory', () => {
    const { directory, published } = connect();
    expect([...published.keys()]).toEqual(['ptz-01', 'ptz-02']);
    expect(directory.find('cam-0017')?.hasPtz).toBe(true);
    expect(directory.find('cam-0001')?.hasPtz).toBe(false);
    expect(directory.find('cam-9999')).toBeUndefined();
  });

  it('switches the head’s stream to the next view while a direction is held and counts moves and stops', async () => {
    const { connector, directory, published } = connect();
    const { ref } = directory.find('cam-0017')!;
    await connector.ptz.move(ref, { direction: 'right', speed: 1 });
    vi.advanceTimersByTime(250);
    await connector.ptz.move(ref, { direction: 'right', speed: 1 });
    vi.advanceTimersByTime(250);
    await connector.ptz.stop(ref);
    const stats = connector.ptzStats()['ptz-01']!;
    expect(stats).toMatchObject({ moves: 2, stops: 1, view: 'c2r1z0' });
    expect(published.get('ptz-01')).toHaveLength(2); // the wide centre, then one switch to the right
    connector.dispose();
  });

  it('goes to a preset and says which presets exist', async () => {
    const { connector, directory } = connect();
    const { ref } = directory.find('cam-0051')!;
    expect((await connector.ptz.presets(ref)).map((preset) => preset.name)).toEqual([
      '全景',
      '西侧近景',
      '东侧近景',
    ]);
    await connector.ptz.goToPreset(ref, '3');
    expect(connector.ptzStats()['ptz-02']!.view).toBe('c2r1z1');
    await expect(connector.ptz.goToPreset(ref, '9')).rejects.toThrow('预置位 9 不存在');
  });

  it('refuses to steer a fixed camera, naming it', async () => {
    const { connector, directory } = connect();
    const { ref } = directory.find('cam-0001')!;
    await expect(connector.ptz.move(ref, { direction: 'up', speed: 1 })).rejects.toThrow(ConnectorError);
    await expect(connector.ptz.move(ref, { direction: 'up', speed: 1 })).rejects.toThrow(
      'cam-0001 为固定枪机',
    );
  });

  it('has a view clip for every position and zoom of both heads (make-clips.sh ptz)', () => {
    const missing: string[] = [];
    for (const head of ['ptz-01', 'ptz-02'])
      for (const zoom of [0, 1])
        for (const row of [0, 1, 2])
          for (const column of [0, 1, 2]) {
            const file = path.join(clipsDir, 'ptz', `${head}-${viewId({ column, row, zoom })}.flv`);
            if (!existsSync(file)) missing.push(path.basename(file));
          }
    expect(missing).toEqual([]);
  });
});
