// Makes the ZLMediaKit double's MP4 playbacks real video: each loadMP4File stream is a clip pushed by ffmpeg to
// Node-Media-Server at the same app/stream, from the requested seek_ms, and stopped when the stream is closed.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeMediaServer } from '../wvp/node-media-server';
import type { ZlmVodHooks } from './zlm-double';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface ZlmVodPublisher extends ZlmVodHooks {
  /** Streams being pushed now (`app/stream`). */
  readonly publishing: ReadonlySet<string>;
  close(): Promise<void>;
}

/** True once the media server serves the stream's FLV header. */
async function servesFlv(url: string): Promise<boolean> {
  const controller = new AbortController();
  try {
    const response = await fetch(url, { signal: controller.signal });
    if (response.status !== 200 || !response.body) return false;
    const { value } = await response.body.getReader().read();
    return value !== undefined && Buffer.from(value.subarray(0, 3)).toString('latin1') === 'FLV';
  } catch {
    return false;
  } finally {
    controller.abort();
  }
}

/** Every recording plays `clip` (default the demo's cam-01.mp4; the double's files are only names). */
export function zlmVodPublisher(
  media: NodeMediaServer,
  clip = path.join(root, 'resources', 'media', 'clips', 'cam-01.mp4'),
): ZlmVodPublisher {
  const children = new Map<string, ChildProcess>();
  const stop = (key: string) => {
    children.get(key)?.kill('SIGTERM');
    children.delete(key);
  };
  return {
    get publishing() {
      return new Set(children.keys());
    },
    async loaded(stream) {
      const key = `${stream.app}/${stream.stream}`;
      stop(key);
      const seconds = ((stream.vod?.seekMs ?? 0) / 1000).toFixed(3);
      const ffmpeg = spawn(
        'ffmpeg',
        [
          '-loglevel',
          'error',
          '-re',
          '-ss',
          seconds,
          '-stream_loop',
          '-1',
          '-i',
          clip,
          '-c',
          'copy',
          '-f',
          'flv',
          `${media.rtmpUrl}/${key}`,
        ],
        { stdio: 'ignore' },
      );
      children.set(key, ffmpeg);
      const deadline = Date.now() + 15_000;
      while (!(await servesFlv(`${media.httpUrl}/${key}.flv`))) {
        if (Date.now() > deadline) throw new Error(`zlm vod publisher: ${key} not served within 15 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    closed(stream) {
      stop(`${stream.app}/${stream.stream}`);
    },
    async close() {
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      children.clear();
    },
  };
}
