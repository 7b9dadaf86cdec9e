// Starts the built browser host (`node out/main/cli.js serve`) for a test file and reads its window URLs.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningHost {
  readonly origin: string;
  /** URL per window: `console`, `wall:left`, `wall:right`, … */
  readonly urls: ReadonlyMap<string, string>;
  readonly output: () => string;
  /** Process id of the host (the core), for CPU measurements. */
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startHost(extraArgs: string[] = []): Promise<RunningHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'out/main/cli.js'), 'serve', '--port', '0', '--displays', '2', ...extraArgs],
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
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
