// Ids that name a member of every plain object (`constructor`, `__proto__`, `toString`, `hasOwnProperty`) must
// be refused as unknown, like any other id the wall does not have, and leave the wall exactly as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wallCommandSchema } from '@shared/model/wall';
import { ProtocolError } from '@shared/protocol/envelope';
import { loadWorkspace, type Workspace } from '../workspace/load-workspace';
import { WallService } from './wall-service';

const demo = fileURLToPath(new URL('../../../resources/demo', import.meta.url));
let workspace: Workspace;

beforeAll(async () => {
  workspace = await loadWorkspace(path.resolve(demo));
});

const inheritedIds = ['constructor', '__proto__', 'toString', 'hasOwnProperty'] as const;

/** Every wall command that names a display, with `displayId` as that display. */
function commandsNaming(displayId: string): unknown[] {
  return [
    { type: 'cell.assign', displayId, cellIndex: 0, widget: { kind: 'empty', options: {} } },
    { type: 'cell.maximize', displayId, cellIndex: 0 },
    { type: 'cell.restore', displayId },
    { type: 'cell.setState', displayId, cellIndex: 0, state: { zoom: 12 } },
    { type: 'cell.setState', displayId, cellIndex: 0, state: null },
    { type: 'camera.show', cameraId: 'cam-0001', displayId, cellIndex: 0 },
    { type: 'camera.show', cameraId: 'cam-0001', displayId },
    { type: 'patrol.pause', displayId, cellIndex: 0 },
    { type: 'patrol.resume', displayId, cellIndex: 0 },
    { type: 'patrol.advance', displayId, cellIndex: 0 },
    { type: 'scenario.activate', scenarioId: displayId },
    { type: 'camera.show', cameraId: displayId },
  ];
}

/** What the wall answers a raw command: its error, or 'applied'. */
function answer(wall: WallService, raw: unknown): { code: string; message: string } | 'applied' {
  const parsed = wallCommandSchema.safeParse(raw);
  if (!parsed.success) return { code: 'bad-request', message: parsed.error.message };
  try {
    wall.execute(parsed.data);
    return 'applied';
  } catch (error) {
    // Anything but a ProtocolError is an internal error (a TypeError from a function taken for a display).
    if (!(error instanceof ProtocolError)) return { code: 'internal', message: String(error) };
    return { code: error.code, message: error.message };
  }
}

describe('wall commands with ids inherited by every object', () => {
  for (const id of inheritedIds) {
    it(`refuses '${id}' as a display, scenario or camera id in every command and leaves the state hash as it was`, () => {
      const wall = new WallService(workspace, { now: () => 1_000 });
      const hash = wall.stateHash;
      for (const command of commandsNaming(id)) {
        const result = answer(wall, command);
        expect(result, JSON.stringify(command)).not.toBe('applied');
        if (result === 'applied') continue;
        expect(['not-found', 'bad-request'], `${JSON.stringify(command)}: ${result.message}`).toContain(
          result.code,
        );
        if (result.code === 'not-found') expect(result.message).toContain(`'${id}'`);
        expect(wall.stateHash).toBe(hash);
      }
      expect(wall.state.version).toBe(1);
    });
  }
});
