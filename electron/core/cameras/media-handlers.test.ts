// What a display may show next: every scenario's cells on it, the 返回 wall's and its current ones.
import { describe, expect, it } from 'vitest';
import type { Scenario, WallSnapshot, WallState } from '@shared/model/wall';
import type { WidgetConfig } from '@shared/model/widget';
import { upcomingCells } from './media-handlers';

const camera = (cameraId: string): WidgetConfig => ({
  kind: 'video.camera',
  options: { cameraId, profile: 'auto' },
});
const layout = { rows: 1, columns: 1, merges: [] };

function contentOf(displays: Record<string, WidgetConfig[]>) {
  return Object.fromEntries(
    Object.entries(displays).map(([displayId, cells]) => [displayId, { layout, cells }]),
  );
}

function scenario(id: string, displays: Record<string, WidgetConfig[]>): Scenario {
  return {
    version: 2,
    id,
    name: { zh: id, en: id },
    mode: 'normal',
    triggers: [],
    displays: contentOf(displays),
  };
}

function snapshot(scenarioId: string, displays: Record<string, WidgetConfig[]>): WallSnapshot {
  return { scenarioId, displays: contentOf(displays), maximized: {}, cellState: {} };
}

describe('upcomingCells', () => {
  it("lists each scenario's cells of the display, then the 返回 wall's, then the current ones", () => {
    const daily = scenario('daily', { left: [camera('cam-1')], right: [camera('cam-2')] });
    const flood = scenario('flood', { right: [camera('cam-3')] });
    // An operator dragged cam-8 onto 日常 before switching to 防汛防台, and cam-9 onto 防汛防台 since.
    const state: WallState = {
      ...snapshot('flood', { right: [camera('cam-9')] }),
      version: 3,
      changedAt: 0,
      history: [snapshot('daily', { left: [camera('cam-1')], right: [camera('cam-8')] })],
    };
    expect(upcomingCells('right', [daily, flood], state)).toEqual([
      [camera('cam-2')],
      [camera('cam-3')],
      [camera('cam-8')],
      [camera('cam-9')],
    ]);
    expect(upcomingCells('left', [daily, flood], state)).toEqual([[camera('cam-1')], [camera('cam-1')]]);
  });
});
