// A live stream through the wvp connector plays: the double answers play with the media server's internal address
// (as wvp does), the connector rewrites its host to where the wall reaches Node-Media-Server, and that URL serves FLV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startNodeMediaServer,
  type NodeMediaServer,
} from '../../../../../tests/support/wvp/node-media-server';
import { startWvpDouble, type WvpDouble } from '../../../../../tests/support/wvp/wvp-double';
import { createWvpConnector } from './wvp-connector';
import { testEnv, wvpPlatform } from './wvp-test-platform';

describe('wvp connector playing through Node-Media-Server', () => {
  let media: NodeMediaServer;
  let double: WvpDouble;

  beforeAll(async () => {
    media = await startNodeMediaServer();
    await media.publish('cam-01');
    // The platform knows its media server by an internal address the wall cannot reach.
    double = await startWvpDouble({
      channelCount: 20,
      streamUrlFor: () => 'http://10.20.30.40:80/live/cam-01.flv',
    });
  }, 30_000);
  afterAll(async () => {
    await double?.close();
    await media?.close();
  });

  it('hands out the rewritten HTTP-FLV address, which serves the stream, and stops it on release', async () => {
    const wallSide = new URL(media.httpUrl).host;
    const connector = createWvpConnector(
      wvpPlatform(double.url, { stream: 'flv', hostRewrite: [{ from: '10.20.30.40:80', to: wallSide }] }),
      { workspaceDir: '.', env: testEnv },
    );
    const channel = double.control.channels.find((candidate) => candidate.online)!;
    const stream = await connector.openLive(
      { cameraId: 'wvp-1', platformCameraId: String(channel.gbId) },
      'main',
    );
    expect(stream).toMatchObject({ url: media.flvUrl('cam-01'), kind: 'http-flv' });
    const controller = new AbortController();
    const response = await fetch(stream.url, { signal: controller.signal });
    const { value } = await response.body!.getReader().read();
    controller.abort();
    expect(Buffer.from(value!.subarray(0, 3)).toString('latin1')).toBe('FLV');
    await stream.release();
    expect(double.control.counters.playStops).toHaveLength(1);
    connector.dispose();
    await connector.whenDisposed();
  });
});
