// Whether the Electron binary exists on this machine. Never downloads: it only looks where npm put it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ElectronBinary {
  readonly path: string | null;
  /** Why Electron specs are skipped when the binary is missing. */
  readonly reason: string;
}

export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = override
    ? path.join(override, relative ?? 'electron')
    : relative
      ? path.join(packageDir, 'dist', relative)
      : null;
  if (candidate && existsSync(candidate)) return { path: candidate, reason: '' };
  return {
    path: null,
    reason:
      'the Electron binary is not downloaded on this machine (only the npm registry is reachable); ' +
      'the same wall runs through the browser host in the other specs',
  };
}
