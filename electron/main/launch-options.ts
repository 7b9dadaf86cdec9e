// How the shell was started: command-line switches and environment → launch options and file locations.
import path from 'node:path';

export interface LaunchOptions {
  /** `--workspace=DIR` or `TIANMU_WORKSPACE`, resolved against the working directory; null: the embedded demo. */
  workspaceDir: string | null;
  /** `--kiosk`: full-screen wall windows are locked in kiosk mode. */
  kiosk: boolean;
  /** `--devtools`, or a development run without `--kiosk`. */
  devTools: boolean;
  /** False with `--no-console` (a wall-only machine). */
  console: boolean;
  /** `--assign=WALL_DISPLAY:PHYSICAL_DISPLAY,…` (physical ids as Electron's `screen` reports them). */
  assignments: Record<string, string>;
  /**
   * `--insecure-lan`: the workspace's `server.listen` may be off loopback without `server.tls`; every window
   * then shows 不安全连接. A switch, never a workspace setting: it must be chosen on each start.
   */
  insecureLan: boolean;
}

/** The value of `--name=value` or `--name value`, or undefined. */
function switchValue(argv: readonly string[], name: string): string | undefined {
  for (const [index, argument] of argv.entries()) {
    if (argument.startsWith(`--${name}=`)) return argument.slice(name.length + 3);
    if (argument === `--${name}`) {
      const next = argv[index + 1];
      if (next !== undefined && !next.startsWith('--')) return next;
    }
  }
  return undefined;
}

/** Parses `--assign=left:2528732444,right:2528732445` into wall display id → physical display id. */
export function parseAssignments(value: string | undefined): Record<string, string> {
  const assignments: Record<string, string> = {};
  if (!value) return assignments;
  for (const pair of value.split(',')) {
    const [wallDisplayId, physicalDisplayId, ...rest] = pair.trim().split(':');
    if (!wallDisplayId || !physicalDisplayId || rest.length > 0) {
      throw new Error(`--assign: '${pair}' is not WALL_DISPLAY:PHYSICAL_DISPLAY`);
    }
    assignments[wallDisplayId] = physicalDisplayId;
  }
  return assignments;
}

/** Reads the launch options from `process.argv` and `process.env`. */
export function parseLaunchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  context: { isPackaged: boolean; cwd: string },
): LaunchOptions {
  const workspace = switchValue(argv, 'workspace') ?? env.TIANMU_WORKSPACE;
  const kiosk = argv.includes('--kiosk');
  return {
    workspaceDir: workspace ? path.resolve(context.cwd, workspace) : null,
    kiosk,
    devTools: argv.includes('--devtools') || (!context.isPackaged && !kiosk),
    console: !argv.includes('--no-console'),
    assignments: parseAssignments(switchValue(argv, 'assign')),
    insecureLan: argv.includes('--insecure-lan'),
  };
}

export interface AppPaths {
  workspace: string;
  clips: string;
  renderer: string;
  preload: string;
}

/**
 * Where the shell's files are. `appRoot` is the folder holding package.json and out/ (in a package, inside
 * app.asar — Electron's fs reads it, so the core serves the renderer from there). The demo workspace and
 * its clips are extraResources: beside app.asar in `process.resourcesPath` when packaged, under resources/
 * in a checkout.
 */
export function resolveAppPaths(context: {
  appRoot: string;
  isPackaged: boolean;
  resourcesPath: string;
  workspaceDir: string | null;
}): AppPaths {
  const resources = context.isPackaged ? context.resourcesPath : path.join(context.appRoot, 'resources');
  return {
    workspace: context.workspaceDir ?? path.join(resources, 'demo'),
    clips: path.join(resources, 'media', 'clips'),
    renderer: path.join(context.appRoot, 'out', 'renderer'),
    preload: path.join(context.appRoot, 'out', 'preload', 'index.cjs'),
  };
}
