// `npm start` / `npm run serve`: build when the sources are newer than out/, then run the Electron app if its
// binary is available, else (or with --browser) the browser host, opening the windows in a local Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((arg) => arg !== '--browser');

/** Newest modification time of the files under the given paths. */
function newest(paths) {
  let latest = 0;
  const visit = (file) => {
    if (!existsSync(file)) return;
    const info = statSync(file);
    if (!info.isDirectory()) return void (latest = Math.max(latest, info.mtimeMs));
    for (const name of readdirSync(file)) if (name !== 'node_modules') visit(path.join(file, name));
  };
  for (const file of paths) visit(path.join(root, file));
  return latest;
}

function buildIfNeeded() {
  const outputs = [
    'out/main/index.js',
    'out/main/cli.js',
    'out/preload/index.cjs',
    'out/renderer/index.html',
  ];
  const builtAt = Math.min(
    ...outputs.map((file) =>
      existsSync(path.join(root, file)) ? statSync(path.join(root, file)).mtimeMs : 0,
    ),
  );
  const sourcesAt = newest(['electron', 'renderer', 'shared', 'electron.vite.config.ts', 'package.json']);
  if (builtAt > sourcesAt) return;
  console.log('[tianmu] building (the sources changed since the last build)…');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary's path, or null with the reason. `require('electron')` downloads it when missing. */
function findElectron() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const binary = probe.status === 0 ? probe.stdout.trim() : '';
  if (binary && existsSync(binary)) return { binary, reason: null };
  return { binary: null, reason: 'the Electron binary is not available here (and could not be downloaded)' };
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

buildIfNeeded();
const electron = forceBrowser ? null : findElectron();
if (electron?.binary) {
  run(electron.binary, ['.', ...passThrough]);
} else {
  if (electron) console.log(`[tianmu] ${electron.reason}: starting the browser host instead.`);
  run(process.execPath, [path.join(root, 'out/main/cli.js'), 'serve', '--open', ...passThrough]);
}
