// What the video end-to-end specs read from a wall page and from the demo media server (fault control).
import type { Page } from '@playwright/test';
import type { RunningHost } from './browser-host';

/** Counts that must match the tiles on screen when nothing leaks. */
export interface VideoCounts {
  readonly players: number;
  readonly engines: number;
  readonly videoElements: number;
  /** `<video>` elements actually in the document. */
  readonly videosInDocument: number;
}

export function videoCounts(page: Page): Promise<VideoCounts> {
  return page.evaluate(() => {
    // Runs in the page; typed without DOM types because tests/support also compiles for Node.
    // window.__tianmuVideo: see renderer/src/video/player-count.ts.
    const page = globalThis as unknown as {
      __tianmuVideo?: Omit<VideoCounts, 'videosInDocument'>;
      document: { querySelectorAll(selector: string): { length: number } };
    };
    const counts = page.__tianmuVideo;
    return {
      players: counts?.players ?? -1,
      engines: counts?.engines ?? -1,
      videoElements: counts?.videoElements ?? -1,
      videosInDocument: page.document.querySelectorAll('video').length,
    };
  });
}

/** Decoded-frame count of every `<video>` in the page. */
export function decodedFrames(page: Page): Promise<number[]> {
  return page.$$eval('video', (videos) =>
    videos.map((video) => video.getVideoPlaybackQuality().totalVideoFrames),
  );
}

/** `data-state` of every video tile, in page order. */
export function tileStates(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="video-tile"]', (tiles) => tiles.map((tile) => tile.dataset.state ?? ''));
}

/** The test-only fault control of the host's demo media server (`--fault-injection`). */
export function mediaControl(host: RunningHost) {
  // The fault control answers to the core's access token: the wall windows' (the console has its own ticket).
  const wallUrl = [...host.urls].find(([key]) => key.startsWith('wall:'))![1];
  const token = new URL(wallUrl).searchParams.get('token') ?? '';
  const url = (route: string) => `${host.origin}/test/media/${route}?token=${encodeURIComponent(token)}`;
  // Node's fetch may reuse a kept-alive socket the host is just closing ("other side closed"): ask again once.
  const request = (route: string, init?: RequestInit) =>
    fetch(url(route), init).catch(() => fetch(url(route), init));
  const post = async (route: string) => {
    const response = await request(route, { method: 'POST' });
    if (!response.ok) throw new Error(`fault control ${route}: HTTP ${response.status}`);
  };
  return {
    stopServer: () => post('server/stop'),
    startServer: () => post('server/start'),
    stall: (streamId: string) => post(`streams/${streamId}/stall`),
    resume: (streamId: string) => post(`streams/${streamId}/resume`),
    restart: (streamId: string) => post(`streams/${streamId}/restart`),
    /** New viewers of the stream get HTTP 403, as from a media server's auth hook (`permit` ends it). */
    forbid: (streamId: string) => post(`streams/${streamId}/forbid`),
    permit: (streamId: string) => post(`streams/${streamId}/permit`),
    async connections(): Promise<number> {
      const response = await request('stats');
      return ((await response.json()) as { connections: number }).connections;
    },
  };
}

/** Mean brightness (0–255) and mean colourfulness (0–1: max − min of RGB over 255) of a PNG, measured in the page. */
export interface PictureFigures {
  readonly brightness: number;
  /** Chroma rather than HSV saturation, so near-black pixels of a dark tile do not count as colourful. */
  readonly saturation: number;
}

/** How bright and how colourful a screenshot is (e.g. of one tile): a greyed frozen frame has no colour. */
export function pictureFigures(page: Page, png: Buffer): Promise<PictureFigures> {
  return page.evaluate(async (base64) => {
    // Runs in the page (DOM types are not available to tests/support, which compiles for Node).
    const scope = globalThis as unknown as {
      Image: new () => { src: string; width: number; height: number; decode(): Promise<void> };
      document: {
        createElement(tag: 'canvas'): {
          width: number;
          height: number;
          getContext(kind: '2d'): {
            drawImage(image: unknown, x: number, y: number): void;
            getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
          };
        };
      };
    };
    const image = new scope.Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = scope.document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let brightness = 0;
    let saturation = 0;
    const pixels = data.length / 4;
    for (let index = 0; index < data.length; index += 4) {
      const red = data[index]!;
      const green = data[index + 1]!;
      const blue = data[index + 2]!;
      brightness += (red + green + blue) / 3;
      saturation += (Math.max(red, green, blue) - Math.min(red, green, blue)) / 255;
    }
    return { brightness: brightness / pixels, saturation: saturation / pixels };
  }, png.toString('base64'));
}
