// The browser host over TLS (the LAN set-up, on 127.0.0.1 with the test-only certificate): the wall's pages,
// protocol socket and demo streams all arrive over https:// and wss://, so nothing is blocked as mixed content.
import { test, expect } from '@playwright/test';
import { startHost, type RunningHost } from '../support/browser-host';

let host: RunningHost;

// The certificate is self-signed (tests/fixtures/tls): this browser is told to accept it, as a room's
// machines trust the room's CA.
test.use({ ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  host = await startHost([
    '--tls-cert',
    'tests/fixtures/tls/certificate.pem',
    '--tls-key',
    'tests/fixtures/tls/key.pem',
  ]);
});
test.afterAll(async () => {
  await host?.stop();
});

test('a wall display over HTTPS plays every tile from wss:// streams, without an insecure banner', async ({
  browser,
}) => {
  expect(host.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(host.output()).toMatch(/TLS certificate\s+SHA-256 [0-9a-f]{64}/);
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const insecure: string[] = [];
  page.on('console', (message) => {
    if (/mixed content|insecure/i.test(message.text())) insecure.push(message.text());
  });
  const streams: string[] = [];
  page.on('websocket', (socket) => streams.push(socket.url()));
  await page.goto(host.urls.get('wall:right')!);
  await expect(page.getByTestId('video-tile')).toHaveCount(9);
  await expect
    .poll(
      () =>
        page.$$eval(
          '[data-testid="video-tile"] video',
          (videos) =>
            videos.filter(
              (video) => (video as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames > 0,
            ).length,
        ),
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(9);
  const media = streams.filter((url) => url.includes('/media/'));
  expect(media.length).toBeGreaterThan(0);
  for (const url of streams) expect(url).toMatch(/^wss:\/\//);
  await expect(page.getByTestId('insecure-lan-banner')).toHaveCount(0);
  expect(insecure).toEqual([]);
  await page.close();
});
