// The real Electron app: runs only where the Electron binary exists (skipped, saying why, elsewhere).
import { test, expect, _electron as electron } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../support/electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = findElectronBinary();

if (!binary.path) console.log(`[e2e] Electron specs skipped: ${binary.reason}`);
test.skip(!binary.path, binary.reason);

test('Electron opens the console and one window per wall display, all playing the demo', async () => {
  const app = await electron.launch({ executablePath: binary.path!, args: [root], cwd: root });
  try {
    await expect.poll(() => app.windows().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const urls = app.windows().map((window) => window.url());
    expect(urls.some((url) => url.includes('#/console'))).toBe(true);
    expect(urls.filter((url) => url.includes('#/wall/'))).toHaveLength(2);
    const wall = app.windows().find((window) => window.url().includes('#/wall/right'))!;
    // The bridge, not the WebSocket: the preload exposed window.tianmu and nothing else of Node.
    expect(
      await wall.evaluate(() => [
        typeof (window as { tianmu?: { request?: unknown } }).tianmu?.request,
        typeof (window as { require?: unknown }).require,
      ]),
    ).toEqual(['function', 'undefined']);
    await expect
      .poll(() =>
        wall.$$eval(
          'video',
          (videos) => videos.filter((video) => video.getVideoPlaybackQuality().totalVideoFrames > 0).length,
        ),
      )
      .toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});
