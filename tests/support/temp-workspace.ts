// Private copies of the demo workspace for tests that write into it (scenario packs) or beside it (wall state).
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TempWorkspace {
  readonly workspaceDir: string;
  readonly stateDir: string;
  remove(): Promise<void>;
}

/**
 * A copy of resources/demo (without any saved state) and an empty state folder, in one temp folder. Without
 * `withUsers` the copy has no users.json, so its console is the local administrator (loopback), as specs that
 * are not about sign-in need; with it, the console starts at the login page.
 */
export async function tempDemoWorkspace(options: { withUsers?: boolean } = {}): Promise<TempWorkspace> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'tianmu-e2e-'));
  const workspaceDir = path.join(base, 'workspace');
  await cp(path.join(root, 'resources', 'demo'), workspaceDir, {
    recursive: true,
    filter: (source) =>
      !source.includes(`${path.sep}.state`) &&
      (options.withUsers === true || path.basename(source) !== 'users.json'),
  });
  return {
    workspaceDir,
    stateDir: path.join(base, 'state'),
    remove: () => rm(base, { recursive: true, force: true }),
  };
}
