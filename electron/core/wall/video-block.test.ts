import { describe, expect, it } from 'vitest';
import type { DisplayContent, WallState } from '@shared/model/wall';
import type { WidgetConfig } from '@shared/model/widget';
import { videoBlock, videoDisplayId } from './video-block';

const video: WidgetConfig = { kind: 'video.camera', options: { cameraId: 'cam-1', profile: 'auto' } };
const map: WidgetConfig = { kind: 'map.incidents', options: { layers: ['district'] } };
const clock: WidgetConfig = { kind: 'clock', options: { showDate: true } };

const grid = (
  rows: number,
  columns: number,
  cells: WidgetConfig[],
  merges: DisplayContent['layout']['merges'] = [],
) => ({
  layout: { rows, columns, merges },
  cells,
});

describe('video block', () => {
  it('fills a 2 × 2 block of a 3 × 3 video display for four cameras', () => {
    expect(videoBlock(grid(3, 3, Array(9).fill(video)), 4)).toEqual([0, 1, 3, 4]);
  });

  it('skips a merged map and a clock to find a block of video tiles', () => {
    // 3 × 3 with the top-left 2 × 2 merged into a map: cells are map, 1 (0,2), 2 (1,2), 3 (2,0), 4 (2,1), 5 (2,2).
    const content = grid(
      3,
      3,
      [map, clock, video, video, video, video],
      [{ row: 0, column: 0, rowSpan: 2, columnSpan: 2 }],
    );
    expect(videoBlock(content, 2)).toEqual([3, 4]);
    expect(videoBlock(content, 4)).toEqual([2, 3, 4, 5]);
  });

  it('fills a single row when the display has one', () => {
    expect(videoBlock(grid(1, 4, Array(4).fill(video)), 3)).toEqual([0, 1, 2]);
    expect(videoBlock(grid(1, 4, [clock, clock, clock, clock]), 2)).toEqual([]);
  });

  it('picks the display with the most video tiles', () => {
    const state = {
      displays: { left: grid(2, 2, [map, video, clock, clock]), right: grid(2, 2, Array(4).fill(video)) },
    } as unknown as WallState;
    expect(videoDisplayId(state, ['left', 'right'])).toBe('right');
    expect(videoDisplayId(state, ['left'])).toBe('left');
    expect(videoDisplayId(state, ['missing'])).toBeUndefined();
  });
});
