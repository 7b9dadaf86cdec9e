import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAssignments, parseLaunchOptions, resolveAppPaths } from './launch-options';

const dev = { isPackaged: false, cwd: '/home/dev/tianmu' };
const packaged = { isPackaged: true, cwd: '/' };

describe('parseLaunchOptions', () => {
  it('defaults: demo workspace, console on, devtools in development only', () => {
    expect(parseLaunchOptions(['electron', '.'], {}, dev)).toEqual({
      workspaceDir: null,
      kiosk: false,
      devTools: true,
      console: true,
      assignments: {},
      insecureLan: false,
    });
    expect(parseLaunchOptions(['/opt/tianmu/tianmu'], {}, packaged).devTools).toBe(false);
  });

  it('reads --workspace=DIR, --workspace DIR and TIANMU_WORKSPACE, resolved against the working directory', () => {
    expect(parseLaunchOptions(['x', '--workspace=walls/a'], {}, dev).workspaceDir).toBe(
      path.resolve('/home/dev/tianmu', 'walls/a'),
    );
    expect(parseLaunchOptions(['x', '--workspace', '/srv/wall'], {}, dev).workspaceDir).toBe(
      path.resolve('/srv/wall'),
    );
    expect(parseLaunchOptions(['x'], { TIANMU_WORKSPACE: '/srv/env' }, dev).workspaceDir).toBe(
      path.resolve('/srv/env'),
    );
    // The command line wins over the environment.
    expect(
      parseLaunchOptions(['x', '--workspace=/srv/cli'], { TIANMU_WORKSPACE: '/srv/env' }, dev).workspaceDir,
    ).toBe(path.resolve('/srv/cli'));
  });

  it('reads --kiosk (no devtools unless asked), --devtools, --no-console and --assign', () => {
    const options = parseLaunchOptions(
      ['x', '--kiosk', '--no-console', '--assign=left:11,right:12'],
      {},
      dev,
    );
    expect(options).toMatchObject({
      kiosk: true,
      devTools: false,
      console: false,
      assignments: { left: '11', right: '12' },
    });
    expect(parseLaunchOptions(['x', '--kiosk', '--devtools'], {}, packaged).devTools).toBe(true);
  });
});

describe('parseAssignments', () => {
  it('refuses malformed pairs', () => {
    expect(() => parseAssignments('left')).toThrow(/WALL_DISPLAY:PHYSICAL_DISPLAY/);
    expect(() => parseAssignments('left:1:2')).toThrow();
    expect(parseAssignments(undefined)).toEqual({});
  });
});

describe('resolveAppPaths', () => {
  it('uses resources/ of the checkout in development', () => {
    expect(
      resolveAppPaths({ appRoot: '/repo', isPackaged: false, resourcesPath: '/ignored', workspaceDir: null }),
    ).toEqual({
      workspace: path.join('/repo', 'resources', 'demo'),
      clips: path.join('/repo', 'resources', 'media', 'clips'),
      renderer: path.join('/repo', 'out', 'renderer'),
      preload: path.join('/repo', 'out', 'preload', 'index.cjs'),
    });
  });

  it('uses extraResources beside app.asar when packaged, and an explicit workspace when given', () => {
    const paths = resolveAppPaths({
      appRoot: '/opt/Tianmu/resources/app.asar',
      isPackaged: true,
      resourcesPath: '/opt/Tianmu/resources',
      workspaceDir: '/srv/wall',
    });
    expect(paths).toEqual({
      workspace: '/srv/wall',
      clips: path.join('/opt/Tianmu/resources', 'media', 'clips'),
      renderer: path.join('/opt/Tianmu/resources/app.asar', 'out', 'renderer'),
      preload: path.join('/opt/Tianmu/resources/app.asar', 'out', 'preload', 'index.cjs'),
    });
  });
});

describe('parseLaunchOptions --insecure-lan', () => {
  it('allows plain HTTP off loopback only when the switch is on this start’s command line', () => {
    expect(parseLaunchOptions(['x', '--insecure-lan'], {}, dev).insecureLan).toBe(true);
    expect(parseLaunchOptions(['x'], { TIANMU_INSECURE_LAN: '1' }, dev).insecureLan).toBe(false);
  });
});
