// A camera the ZLMediaKit double lists plays for real: the connector's live URL, filled from a playUrl template
// pointing at Node-Media-Server (fed by ffmpeg over RTMP), serves FLV with video tags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformSchema } from '@shared/model/camera';
import {
  startNodeMediaServer,
  type NodeMediaServer,
} from '../../../../../tests/support/wvp/node-media-server';
import { startZlmDouble, type ZlmDouble } from '../../../../../tests/support/zlm/zlm-double';
import { zlmVodPublisher, type ZlmVodPublisher } from '../../../../../tests/support/zlm/zlm-vod-publisher';
import { createZlmediakitConnector } from './zlmediakit-connector';

/** The FLV tag types among the first `bytes` bytes of a live HTTP-FLV stream. */
async function tagTypes(url: string, bytes: number): Promise<number[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.getReader();
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < bytes) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    length += value.length;
  }
  controller.abort();
  const start = Buffer.concat(chunks);
  expect(start.subarray(0, 3).toString('latin1')).toBe('FLV');
  const types: number[] = [];
  for (let offset = 13; offset + 11 <= start.length; offset += 11 + start.readUIntBE(offset + 1, 3) + 4) {
    types.push(start[offset]! & 0x1f);
  }
  return types;
}

describe('ZLMediaKit connector playing through Node-Media-Server', () => {
  let media: NodeMediaServer;
  let zlm: ZlmDouble;
  let vod: ZlmVodPublisher;

  beforeAll(async () => {
    media = await startNodeMediaServer();
    await media.publish('cam-01');
    vod = zlmVodPublisher(media);
    zlm = await startZlmDouble({ vod });
    zlm.control.addStream('live', 'cam-01');
  }, 30_000);
  afterAll(async () => {
    await zlm?.close();
    await vod?.close();
    await media?.close();
  });

  const connect = () => {
    const platform = platformSchema.parse({
      id: 'zlm',
      name: 'ZLMediaKit',
      vendor: 'zlmediakit',
      kind: 'http-flv',
      connector: {
        type: 'zlmediakit',
        apiUrl: zlm.url,
        secret: { env: 'ZLM_SECRET' },
        apps: ['live'],
        playUrl: `${media.httpUrl}/{app}/{stream}.flv`,
        streamOrigins: [media.httpUrl],
        areas: { fallback: { street: 'street-1', grid: 'grid-1' } },
      },
    });
    return createZlmediakitConnector(platform, {
      workspaceDir: '/nowhere',
      env: { ZLM_SECRET: zlm.secret },
    });
  };

  it('lists the stream as a camera whose live URL serves FLV video', async () => {
    const connector = connect();
    const [camera] = (await connector.listCameras()).cameras;
    expect(camera).toMatchObject({ platformCameraId: 'live/cam-01', status: 'online' });
    const live = await connector.openLive(
      { cameraId: 'zlm-cam-01', platformCameraId: camera!.platformCameraId },
      'sub',
    );
    expect(live.url).toBe(media.flvUrl('cam-01'));
    expect(await tagTypes(live.url, 4096)).toContain(9);
    connector.dispose();
  });

  it('plays a recording back as FLV video from the media server, and stops pushing it when stopped', async () => {
    const connector = connect();
    const start = Date.now() - 30 * 60_000;
    zlm.control.addRecording('live', 'cam-01', start, 3_600_000);
    const camera = { cameraId: 'zlm-cam-01', platformCameraId: 'live/cam-01' };
    const playback = await connector.playback!.start(camera, start + 5_000);
    expect(playback.url.startsWith(`${media.httpUrl}/playback/cam-01-`)).toBe(true);
    expect(await tagTypes(playback.url, 4096)).toContain(9);
    expect(vod.publishing.size).toBe(1);
    await playback.stop();
    expect(vod.publishing.size).toBe(0);
    connector.dispose();
  });
});
