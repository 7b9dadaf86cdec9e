// Wall commands go through the window's client as `wall.command`; the outcome is what the operator is told.
import { describe, expect, it } from 'vitest';
import { createApp, effectScope } from 'vue';
import type { WallCommand } from '@shared/model/wall';
import { windowContextKey, type WindowContext } from './context';
import { useWallCommands } from './use-wall-commands';

function withCommands(
  request: (name: string, params: unknown) => Promise<unknown>,
  canCommand?: () => boolean,
) {
  const app = createApp({});
  app.provide(windowContextKey, { client: { request }, canCommand } as unknown as WindowContext);
  const scope = effectScope();
  const commands = app.runWithContext(() =>
    scope.run(() => useWallCommands({ failed: (message) => `操作失败：${message}` })),
  )!;
  return { commands, scope };
}

describe('useWallCommands', () => {
  it('sends a command as wall.command and tells the success text', async () => {
    const sent: unknown[] = [];
    const { commands, scope } = withCommands(async (name, params) => {
      sent.push({ name, params });
      return { version: 7 };
    });
    const command: WallCommand = { type: 'cell.restore', displayId: 'left' };
    const running = commands.run(command, '还原');
    expect(commands.isBusy.value).toBe(true);
    expect(await running).toBe(true);
    expect(sent).toEqual([{ name: 'wall.command', params: { command } }]);
    expect(commands.outcome.value).toEqual({ text: '还原', isError: false });
    expect(commands.isBusy.value).toBe(false);
    expect(await commands.execute(command)).toBe(7);
    scope.stop();
  });

  it('tells the core refusal as a failure instead of throwing', async () => {
    const { commands, scope } = withCommands(async () => {
      throw new Error('unknown display: nowhere');
    });
    expect(await commands.run({ type: 'cell.restore', displayId: 'nowhere' }, '还原')).toBe(false);
    expect(commands.outcome.value).toEqual({ text: '操作失败：unknown display: nowhere', isError: true });
    expect(commands.isBusy.value).toBe(false);
    await expect(commands.execute({ type: 'cell.restore', displayId: 'nowhere' })).rejects.toThrow('nowhere');
    scope.stop();
  });

  it("says whether the window's caller may command: a wall window or a viewer may not, a window without the fact may", () => {
    const request = async () => ({ version: 1 });
    const wallWindow = withCommands(request, () => false);
    const operator = withCommands(request, () => true);
    const fixture = withCommands(request);
    expect(wallWindow.commands.canCommand()).toBe(false);
    expect(operator.commands.canCommand()).toBe(true);
    expect(fixture.commands.canCommand()).toBe(true);
    for (const { scope } of [wallWindow, operator, fixture]) scope.stop();
  });
});
