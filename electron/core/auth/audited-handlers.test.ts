// A journaled wall command: its record is written while its state is saved (the two flushes overlap), and it is
// answered only once both are durable; a command the wall rejects is journaled as failed, never as done.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JournalInput } from '@shared/model/journal';
import type { WallState } from '@shared/model/wall';
import { loadWorkspace, type Workspace } from '../workspace/load-workspace';
import { WallService } from '../wall/wall-service';
import { wallHandlers } from '../wall/wall-handlers';
import type { CoreSession } from '../session';
import { Audit } from './audit';
import { withAudit } from './audited-handlers';

const demo = fileURLToPath(new URL('../../../resources/demo', import.meta.url));
let workspace: Workspace;

beforeAll(async () => {
  workspace = await loadWorkspace(path.resolve(demo));
});

/** A promise settled by hand, and whether it has settled. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((settle, fail) => ((resolve = settle), (reject = fail)));
  return { promise, resolve, reject };
}

/** Lets every pending microtask and immediate run (the journal's group commit waits for one immediate). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A wall whose saves and a journal whose appends finish only when the test says so. */
function harness() {
  const saves: Array<ReturnType<typeof deferred<void>>> = [];
  const appends: Array<{ input: JournalInput; done: ReturnType<typeof deferred<unknown>> }> = [];
  const wall = new WallService(workspace, {
    persist: (_state: WallState) => {
      const save = deferred<void>();
      saves.push(save);
      return save.promise;
    },
  });
  const audit = new Audit({
    append: (input) => {
      const done = deferred<unknown>();
      appends.push({ input, done });
      return done.promise;
    },
  });
  const handlers = withAudit(wallHandlers(wall) as Parameters<typeof withAudit>[0], audit, (cameraId) =>
    workspace.cameras.cameras.find((camera) => camera.id === cameraId),
  );
  const session = {
    role: 'console',
    address: '127.0.0.1',
    principal: { kind: 'user', userId: 'operator', role: 'operator', areas: { all: true } },
  } as unknown as CoreSession;
  let answer: unknown = 'pending';
  const command = (scenarioId: string) =>
    handlers['wall.command']({ command: { type: 'scenario.activate', scenarioId } }, { session }).then(
      (value) => (answer = value),
      (error: Error) => (answer = error),
    );
  return { saves, appends, command, answer: () => answer };
}

describe('a journaled wall command', () => {
  it("writes the command's record while its state is still being saved, and answers once both are durable", async () => {
    const { saves, appends, command, answer } = harness();
    const answered = command('fire');
    await settle();
    // The state's save has started and not finished: the record is already on its way, not queued behind it.
    expect(saves).toHaveLength(1);
    expect(appends.map(({ input }) => input.action)).toEqual(['command', 'scenario.switched']);
    expect(appends[0]!.input).toMatchObject({
      actor: { userId: 'operator' },
      target: { kind: 'scenario', id: 'fire' },
      result: 'ok',
    });
    saves[0]!.resolve();
    await settle();
    expect(answer()).toBe('pending'); // the state is on disk, the record is not yet
    appends[0]!.done.resolve(undefined);
    await answered;
    expect(answer()).toMatchObject({ version: expect.any(Number), stateHash: expect.any(String) });
  });

  it('waits for the state too when the record is durable first', async () => {
    const { saves, appends, command, answer } = harness();
    const answered = command('fire');
    await settle();
    appends[0]!.done.resolve(undefined);
    await settle();
    expect(answer()).toBe('pending');
    saves[0]!.resolve();
    await answered;
    expect(answer()).toMatchObject({ version: expect.any(Number) });
  });

  it('journals a command the wall rejects as failed and never as done', async () => {
    const { saves, appends, command, answer } = harness();
    await command('no-such-scenario');
    expect(answer()).toBeInstanceOf(Error);
    expect(saves).toHaveLength(0);
    expect(appends.map(({ input }) => [input.action, input.result])).toEqual([['command', 'failed']]);
  });

  it('fails the command, without a second record, when its record cannot be written', async () => {
    const { saves, appends, command, answer } = harness();
    const answered = command('fire');
    await settle();
    saves[0]!.resolve();
    appends[0]!.done.reject(new Error('disk full'));
    await answered;
    expect((answer() as Error).message).toBe('disk full');
    expect(appends.map(({ input }) => [input.action, input.result])).toEqual([
      ['command', 'ok'],
      ['scenario.switched', 'ok'],
    ]);
  });

  it('still journals the command of a handler that does not say when it applied it, after its answer', async () => {
    const records: JournalInput[] = [];
    const audit = new Audit({ append: async (input) => records.push(input) });
    const handlers = withAudit(
      { 'wall.command': async () => ({ version: 7, stateHash: 'h' }) } as unknown as Parameters<
        typeof withAudit
      >[0],
      audit,
      (cameraId) => workspace.cameras.cameras.find((camera) => camera.id === cameraId),
    );
    const session = { role: 'console', address: 'ipc', principal: null } as unknown as CoreSession;
    const answer = await handlers['wall.command'](
      { command: { type: 'scenario.activate', scenarioId: 'fire' } },
      { session },
    );
    expect(answer).toEqual({ version: 7, stateHash: 'h' });
    expect(records.map((input) => [input.action, input.result])).toEqual([
      ['command', 'ok'],
      ['scenario.switched', 'ok'],
    ]);
  });
});
