// The wvp double's play answer points at a real media server: Node-Media-Server fed by ffmpeg serves the FLV a tile
// would play, and the derived ws_flv is that server's WS-FLV address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeMediaServer, type NodeMediaServer } from './node-media-server';
import { md5Hex, startWvpDouble, type WvpDouble } from './wvp-double';

/** Reads the first `bytes` bytes of a live HTTP-FLV stream, then hangs up. */
async function readStart(url: string, bytes: number): Promise<Buffer> {
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
  return Buffer.concat(chunks);
}

describe('wvp double playing through Node-Media-Server', () => {
  let media: NodeMediaServer;
  let double: WvpDouble;

  beforeAll(async () => {
    media = await startNodeMediaServer();
    await media.publish('cam-01');
    double = await startWvpDouble({ channelCount: 100, streamUrlFor: () => media.flvUrl('cam-01') });
  }, 30_000);
  afterAll(async () => {
    await double?.close();
    await media?.close();
  });

  it('answers play with the media server’s FLV URL, which serves an FLV with video tags', async () => {
    const login = await fetch(`${double.url}/api/user/login?username=admin&password=${md5Hex('admin')}`);
    const token = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
    const channel = double.control.channels.find((candidate) => candidate.online)!;
    const answer = await fetch(`${double.url}/api/common/channel/play?channelId=${channel.gbId}`, {
      headers: { 'access-token': token },
    });
    const content = ((await answer.json()) as { data: { flv: string; ws_flv: string } }).data;
    expect(content.flv).toBe(media.flvUrl('cam-01'));
    expect(content.ws_flv).toBe(media.wsFlvUrl('cam-01'));
    const start = await readStart(content.flv, 4096);
    expect(start.subarray(0, 3).toString('latin1')).toBe('FLV');
    // After the 9-byte header and the 4-byte previous-tag size, tags follow; one of the first is video (type 9).
    const tagTypes: number[] = [];
    for (let offset = 13; offset + 11 <= start.length;) {
      tagTypes.push(start[offset]! & 0x1f);
      offset += 11 + start.readUIntBE(offset + 1, 3) + 4;
    }
    expect(tagTypes).toContain(9);
  });
});
