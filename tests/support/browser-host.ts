// Starts the built browser host (`node out/main/cli.js serve`) for a test file and reads its window URLs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningHost {
  readonly origin: string;
  /** URL per window: `console`, `wall:left`, `wall:right`, … */
  readonly urls: ReadonlyMap<string, string>;
  readonly output: () => string;
  /** Process id of the host (the core): for `kill -9` fault injection and CPU measurements. */
  readonly pid: number;
  stop(): Promise<void>;
  /** Kills the host with `signal` (e.g. SIGKILL, as a power cut would) and waits until it is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the host. Without `--state-dir` in `extraArgs` the wall state goes to a fresh temp folder (removed on
 * stop), so every test file starts from the default scenario whatever an earlier run left behind.
 */
export async function startHost(extraArgs: string[] = []): Promise<RunningHost> {
  const ownStateDir = extraArgs.includes('--state-dir')
    ? null
    : mkdtempSync(path.join(os.tmpdir(), 'tianmu-host-state-'));
  const stateArgs = ownStateDir ? ['--state-dir', ownStateDir] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(root, 'out/main/cli.js'),
      'serve',
      '--port',
      '0',
      '--displays',
      '2',
      ...stateArgs,
      ...extraArgs,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`browser host did not start in 20 s:\n${output}`)),
      20_000,
    );
    const check = () => {
      if (output.includes('press Ctrl+C')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${output}`));
    });
  });

  const urls = new Map<string, string>();
  for (const line of output.split('\n')) {
    const wall = /wall display '([^']+)'\s+(\S+)/.exec(line);
    if (wall) urls.set(`wall:${wall[1]}`, wall[2]!);
    const console = /^\s+console\s+(\S+)/.exec(line);
    if (console) urls.set('console', console[1]!);
  }
  const origin = new URL(urls.get('console')!).origin;
  return {
    origin,
    urls,
    output: () => output,
    pid: child.pid!,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownStateDir) rmSync(ownStateDir, { recursive: true, force: true });
    },
  };
}
