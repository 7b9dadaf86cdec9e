// Builds a throw-away copy of the demo workspace for the video end-to-end specs: a 4×4 wall of cameras, a
// 4×4 wall of patrols, a faults wall (an HEVC camera served as MPEG-TS, a camera to stall, one to snapshot, an
// HTTP-FLV one to refuse), an HLS wall (a camera on the demo server's live HLS beside one on WS-FLV), a
// visibility wall (2×2 cameras) and a block-patrol wall (a 2×2 block paging through 10 cameras; on the right, a
// 2×2 block over only 3 cameras).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const demoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'demo');

export type VideoScenario =
  'video-16' | 'patrol-16' | 'video-faults' | 'video-hls' | 'video-4' | 'patrol-block';

export interface VideoWorkspace {
  readonly directory: string;
  remove(): void;
}

const grid = (cells: unknown[]) => ({ layout: { rows: 4, columns: 4, merges: [] }, cells });
const camera = (cameraId: string) => ({ kind: 'video.camera', options: { cameraId, profile: 'sub' } });
const clockDisplay = { layout: { rows: 1, columns: 1, merges: [] }, cells: [{ kind: 'clock', options: {} }] };
/** Demo cameras cam-0001 … cam-0240 cycle through the six demo streams cam-01 … cam-06. */
const cameraId = (index: number) => `cam-${String(index + 1).padStart(4, '0')}`;

/** A workspace whose wall opens on `scenario` (left display; the right one shows a clock). */
export function createVideoWorkspace(scenario: VideoScenario): VideoWorkspace {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'tianmu-video-'));
  // Without users.json: the console is the local administrator, as these specs need (trust-boundary.spec
  // signs in against users of its own).
  cpSync(demoDir, directory, {
    recursive: true,
    filter: (source) => !/\.(ts|md)$/.test(source) && path.basename(source) !== 'users.json',
  });
  const readJson = (file: string) => JSON.parse(readFileSync(path.join(directory, file), 'utf8'));
  const writeJson = (file: string, value: unknown) =>
    writeFileSync(path.join(directory, file), JSON.stringify(value, null, 2));

  const platforms = readJson('platforms.json');
  platforms.platforms.push({
    id: 'demo-ts',
    name: '演示 MPEG-TS 文件',
    vendor: 'demo',
    kind: 'http-ts',
    url: { main: 'http://{origin}/media/file/{streamId}', sub: 'http://{origin}/media/file/{streamId}' },
  });
  platforms.platforms.push({
    id: 'demo-http',
    name: '演示 HTTP-FLV',
    vendor: 'demo',
    kind: 'http-flv',
    url: {
      main: 'http://{origin}/media/live/{streamId}.flv',
      sub: 'http://{origin}/media/live/{streamId}.flv',
    },
  });
  writeJson('platforms.json', platforms);

  const cameras = readJson('cameras.json');
  cameras.cameras.push({
    ...cameras.cameras[0],
    id: 'cam-hevc',
    name: 'H.265 测试相机',
    platform: 'demo-ts',
    streamId: 'hevc-sample.m2t',
  });
  cameras.cameras.push({
    ...cameras.cameras[0],
    id: 'cam-hls',
    name: 'HLS 测试相机',
    // The demo workspace's built-in HLS platform: live HLS of the same demo streams.
    platform: 'demo-hls',
    streamId: 'cam-01',
  });
  cameras.cameras.push({
    ...cameras.cameras[0],
    id: 'cam-http',
    name: 'HTTP-FLV 测试相机',
    platform: 'demo-http',
    streamId: 'cam-05',
  });
  writeJson('cameras.json', cameras);

  const blockPatrol = (cameraIds: string[]) => ({
    kind: 'video.patrol',
    options: { cameraIds, dwellSeconds: 6, profile: 'sub', block: { rows: 2, columns: 2 } },
  });
  const clock = { kind: 'clock', options: {} };
  const scenarios: Record<VideoScenario, unknown> = {
    'video-16': grid(Array.from({ length: 16 }, (_, index) => camera(cameraId(index)))),
    'patrol-16': grid(
      Array.from({ length: 16 }, (_, index) => ({
        kind: 'video.patrol',
        options: {
          cameraIds: [0, 1, 2, 3].map((offset) => cameraId(index * 4 + offset)),
          dwellSeconds: 3600,
          profile: 'sub',
        },
      })),
    ),
    // cam-0001 → stream cam-01 (snapshot), cam-0006 → stream cam-06 (stalled by the test), cam-http → stream
    // cam-05 over HTTP-FLV (refused with 403 by the test).
    'video-faults': {
      layout: { rows: 2, columns: 2, merges: [] },
      cells: [camera('cam-hevc'), camera('cam-0006'), camera('cam-0001'), camera('cam-http')],
    },
    // cam-hls → stream cam-01 over HLS, cam-0002 → stream cam-02 over WS-FLV.
    'video-hls': {
      layout: { rows: 2, columns: 2, merges: [] },
      cells: [
        camera('cam-hls'),
        camera('cam-0002'),
        { kind: 'clock', options: {} },
        { kind: 'clock', options: {} },
      ],
    },
    'video-4': {
      layout: { rows: 2, columns: 2, merges: [] },
      cells: [0, 1, 2, 3].map((index) => camera(cameraId(index))),
    },
    // The block in the merged top-left 2×2 of a 3×3 grid: cam-0001 … cam-0010, 6 s a page (3 pages; the last
    // wraps around: cam-0009, cam-0010, cam-0001, cam-0002); clocks in the other five cells. The display has
    // panels (below).
    'patrol-block': {
      layout: { rows: 3, columns: 3, merges: [{ row: 0, column: 0, rowSpan: 2, columnSpan: 2 }] },
      cells: [
        blockPatrol(Array.from({ length: 10 }, (_, index) => cameraId(index))),
        ...Array(5).fill(clock),
      ],
    },
  };
  /** The right display: a clock, or for the block-patrol wall a 2×2 block over a group of three (one tile empty). */
  const right =
    scenario === 'patrol-block'
      ? { layout: { rows: 1, columns: 1, merges: [] }, cells: [blockPatrol([10, 11, 12].map(cameraId))] }
      : clockDisplay;
  writeJson(`scenarios/${scenario}.json`, {
    id: scenario,
    name: { zh: `视频测试 ${scenario}`, en: `Video test ${scenario}` },
    mode: 'normal',
    displays: { left: scenarios[scenario], right },
  });
  if (scenario === 'patrol-block') {
    // The left display is one output over 2 × 2 panels: its 20 px bezels run through the block's merged cell.
    const wall = readJson('wall.json');
    wall.displays[0].panels = { rows: 2, columns: 2, bezel: { horizontal: 20, vertical: 20 } };
    writeJson('wall.json', wall);
  }
  const manifest = readJson('workspace.json');
  writeJson('workspace.json', { ...manifest, defaultScenario: scenario });
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
