// The real Electron app: runs only where the Electron binary exists (skipped, saying why, elsewhere).
import { test, expect, _electron as electron } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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

test('Electron with a TLS server block loads its windows over https (its own certificate only) and plays', async () => {
  // The demo workspace with the test-only certificate (tests/fixtures/tls), on loopback: TLS is what is tested.
  const directory = mkdtempSync(path.join(os.tmpdir(), 'tianmu-electron-tls-'));
  const workspace = path.join(directory, 'workspace');
  cpSync(path.join(root, 'resources/demo'), workspace, { recursive: true });
  cpSync(path.join(root, 'tests/fixtures/tls'), path.join(workspace, 'tls'), { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(workspace, 'workspace.json'), 'utf8'));
  manifest.server = {
    listen: '127.0.0.1:0',
    tls: { certificate: 'tls/certificate.pem', key: 'tls/key.pem' },
  };
  writeFileSync(path.join(workspace, 'workspace.json'), JSON.stringify(manifest));
  const app = await electron.launch({
    executablePath: binary.path!,
    args: [root, `--workspace=${workspace}`],
    cwd: root,
  });
  try {
    await expect.poll(() => app.windows().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const wall = app.windows().find((window) => window.url().includes('#/wall/right'))!;
    expect(wall.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    await expect
      .poll(() =>
        wall.$$eval(
          'video',
          (videos) => videos.filter((video) => video.getVideoPlaybackQuality().totalVideoFrames > 0).length,
        ),
      )
      .toBeGreaterThan(0);
    await expect(wall.getByTestId('insecure-lan-banner')).toHaveCount(0);
  } finally {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  }
});
