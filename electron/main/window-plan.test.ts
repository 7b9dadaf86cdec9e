import { describe, expect, it } from 'vitest';
import type { Display } from 'electron';
import type { PlannedWindow } from '@shared/layout/plan-windows';
import { diffWindowPlans, toPhysicalDisplays, windowKey, windowUrl } from './window-plan';
import { errorPageUrl } from './error-page';

const wall = (
  wallDisplayId: string,
  physicalDisplayId: string,
  x: number,
  fullscreen = true,
): PlannedWindow => ({
  role: 'wall',
  wallDisplayId,
  physicalDisplayId,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  fullscreen,
});
const consoleOn = (physicalDisplayId: string, x = 0): PlannedWindow => ({
  role: 'console',
  physicalDisplayId,
  bounds: { x, y: 0, width: 1536, height: 832 },
  fullscreen: false,
});

describe('toPhysicalDisplays', () => {
  it('turns Electron displays into planner displays', () => {
    const display = {
      id: 2528732444,
      bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
      workArea: { x: 1920, y: 0, width: 1920, height: 1040 },
      scaleFactor: 1.5,
    } as Display;
    expect(toPhysicalDisplays([display], 2528732444)).toEqual([
      {
        id: '2528732444',
        bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
        workArea: { x: 1920, y: 0, width: 1920, height: 1040 },
        isPrimary: true,
        scaleFactor: 1.5,
      },
    ]);
    expect(toPhysicalDisplays([display], 1)[0]!.isPrimary).toBe(false);
  });
});

describe('windowKey and windowUrl', () => {
  it('routes in the hash of the core origin', () => {
    expect(windowKey(wall('left', '1', 0))).toBe('wall:left');
    expect(windowKey(consoleOn('1'))).toBe('console');
    expect(windowUrl('http://127.0.0.1:4310', wall('left', '1', 0))).toBe(
      'http://127.0.0.1:4310/#/wall/left',
    );
    expect(windowUrl('http://127.0.0.1:4310/', consoleOn('1'))).toBe('http://127.0.0.1:4310/#/console');
  });
});

describe('diffWindowPlans', () => {
  const current = new Map<string, PlannedWindow>([
    ['wall:left', wall('left', '2', 1920)],
    ['wall:right', wall('right', '3', 3840)],
    ['console', consoleOn('1')],
  ]);

  it('keeps everything for the same plan', () => {
    expect(diffWindowPlans(current, [...current.values()]).map((change) => change.kind)).toEqual([
      'keep',
      'keep',
      'keep',
    ]);
  });

  it('closes surplus windows first, then creates missing ones', () => {
    const next = [wall('left', '2', 1920), wall('centre', '3', 3840)];
    expect(diffWindowPlans(current, next).map((change) => [change.kind, change.key])).toEqual([
      ['close', 'wall:right'],
      ['close', 'console'],
      ['keep', 'wall:left'],
      ['create', 'wall:centre'],
    ]);
  });

  it('recreates a wall window that changes display or mode, or a full-screen one that changes size', () => {
    const next = [wall('left', '3', 3840), wall('right', '1', 0, false), consoleOn('1')];
    expect(diffWindowPlans(current, next).map((change) => change.kind)).toEqual([
      'recreate',
      'recreate',
      'keep',
    ]);
    const resized = { ...wall('left', '2', 1920), bounds: { x: 1920, y: 0, width: 2560, height: 1440 } };
    expect(diffWindowPlans(current, [resized])[2]).toMatchObject({ kind: 'recreate', key: 'wall:left' });
  });

  it('moves tiled windows, and the console only when its display changes', () => {
    const tiled = new Map<string, PlannedWindow>([
      ['wall:left', wall('left', '1', 0, false)],
      ['console', consoleOn('1')],
    ]);
    const next = [
      { ...wall('left', '1', 0, false), bounds: { x: 10, y: 0, width: 800, height: 450 } },
      consoleOn('1', 100),
    ];
    expect(diffWindowPlans(tiled, next).map((change) => change.kind)).toEqual(['move', 'keep']);
    expect(diffWindowPlans(tiled, [wall('left', '1', 0, false), consoleOn('2', 1920)])[1]!.kind).toBe('move');
  });
});

describe('errorPageUrl', () => {
  it('escapes the text and forbids scripts', () => {
    const url = errorPageUrl('Crash <b>', 'a "detail" & <script>alert(1)</script>');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
    expect(html).toContain('Crash &lt;b&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain("default-src 'none'");
  });
});
