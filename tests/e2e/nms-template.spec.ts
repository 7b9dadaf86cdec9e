// Tiles play from a real third-party media server through a static URL template of the ZLMediaKit kind: a
// Node-Media-Server fed by ffmpeg over RTMP serves WS-FLV at ws://host:port/live/<stream>.flv (ZLMediaKit's own
// template would be ws://host/{app}/{stream}.live.flv); the workspace's platform names only that template, the
// Content-Security-Policy allows its host, and the wall's tiles decode advancing frames from it.
import { writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';
import { tempDemoWorkspace, type TempWorkspace } from '../support/temp-workspace';
import { videoCounts } from '../support/video-page';
import { startNodeMediaServer, type NodeMediaServer } from '../support/wvp/node-media-server';

let mediaServer: NodeMediaServer | undefined;
let workspace: TempWorkspace | undefined;
let host: RunningHost | undefined;

const cameraIds = ['nms-01', 'nms-02'];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  mediaServer = await startNodeMediaServer();
  await mediaServer.publish('cam-01', path.resolve('resources/media/clips/cam-01.flv'));
  await mediaServer.publish('cam-02', path.resolve('resources/media/clips/cam-02.flv'));
  workspace = await tempDemoWorkspace();
  const file = (name: string) => path.join(workspace!.workspaceDir, name);
  const readJson = async (name: string) => JSON.parse(await readFile(file(name), 'utf8'));
  const writeJson = (name: string, value: unknown) => writeFile(file(name), JSON.stringify(value, null, 2));

  // A static platform: a URL template and nothing else (no connector), as a room wires a media server today.
  const template = mediaServer.wsFlvUrl('{streamId}');
  const platforms = await readJson('platforms.json');
  platforms.platforms.push({
    id: 'nms',
    name: 'Node-Media-Server（ZLMediaKit 式模板）',
    vendor: 'zlmediakit',
    kind: 'ws-flv',
    url: { main: template, sub: template },
  });
  await writeJson('platforms.json', platforms);
  const cameras = await readJson('cameras.json');
  cameras.cameras.push(
    ...cameraIds.map((id, index) => ({
      ...cameras.cameras[index],
      id,
      name: `NMS 相机 ${index + 1}`,
      platform: 'nms',
      streamId: `cam-0${index + 1}`,
    })),
  );
  await writeJson('cameras.json', cameras);
  const tile = (cameraId: string) => ({ kind: 'video.camera', options: { cameraId, profile: 'sub' } });
  const clock = { kind: 'clock', options: {} };
  await writeJson('scenarios/nms-template.json', {
    id: 'nms-template',
    name: { zh: 'NMS 模板', en: 'NMS template' },
    mode: 'normal',
    displays: {
      left: { layout: { rows: 2, columns: 2, merges: [] }, cells: [...cameraIds.map(tile), clock, clock] },
      right: { layout: { rows: 1, columns: 1, merges: [] }, cells: [clock] },
    },
  });
  const manifest = await readJson('workspace.json');
  await writeJson('workspace.json', { ...manifest, defaultScenario: 'nms-template' });
  host = await startHost(['--workspace', workspace.workspaceDir]);
});

test.afterAll(async () => {
  await host?.stop();
  await mediaServer?.close();
  await workspace?.remove();
});

/** Decoded frames of the picture a tile shows (its visible player layer). */
function shownFrames(page: Page, cameraId: string): Promise<number> {
  return page
    .locator(`[data-testid="video-tile"][data-camera-id="${cameraId}"] .video-layer`)
    .evaluateAll((layers) => {
      const shown = layers.find((layer) => (layer as HTMLElement).style.visibility === 'visible');
      return shown?.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
    });
}

test('tiles on a ZLMediaKit-style template play Node-Media-Server WS-FLV with advancing frames', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to connect/i.test(message.text())) refusals.push(message.text());
  });
  const response = await page.goto(host!.urls.get('wall:left')!);
  // The template's host is in the page's connect-src: the wall may open the media server's WebSocket.
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain(new URL(mediaServer!.wsFlvUrl('x')).origin);

  for (const cameraId of cameraIds) {
    const tile = page.locator(`[data-testid="video-tile"][data-camera-id="${cameraId}"]`);
    await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
  }
  const urls = await page.evaluate(() =>
    (window as unknown as { __tianmuVideo: { statistics(): { url: string }[] } }).__tianmuVideo
      .statistics()
      .map((entry) => entry.url),
  );
  expect(urls.sort()).toEqual(['cam-01', 'cam-02'].map((stream) => mediaServer!.wsFlvUrl(stream)));

  // Frames advance at about the clips' 25 fps on both tiles.
  const before = await Promise.all(cameraIds.map((id) => shownFrames(page, id)));
  await page.waitForTimeout(4_000);
  const after = await Promise.all(cameraIds.map((id) => shownFrames(page, id)));
  for (const [index, cameraId] of cameraIds.entries()) {
    expect(after[index]! - before[index]!, `${cameraId}: about 100 frames in 4 s`).toBeGreaterThan(50);
  }
  await expect(page.locator('[data-testid="video-tile"][data-frozen="true"]')).toHaveCount(0);
  expect((await videoCounts(page)).players).toBe(2);
  expect(refusals).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/nms-template.png' });
});
