// Where the app's own files are when it runs from a checkout (out/main/*.js → the repository root).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, out/ and resources/. */
export function appRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function defaultPaths(root = appRoot()) {
  return {
    workspace: path.join(root, 'resources', 'demo'),
    clips: path.join(root, 'resources', 'media', 'clips'),
    renderer: path.join(root, 'out', 'renderer'),
  };
}
