// The one way a window sends wall commands (console panels, map clicks → tiles): through the core, which validates,
// applies and broadcasts them; with the busy flag and the outcome of the last one for the window to show.
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import type { WallCommand } from '@shared/model/wall';
import { useWindowContext } from './context';

/** What the operator is told after a command: the success text, or the failure with the core's reason. */
export interface CommandOutcome {
  readonly text: string;
  readonly isError: boolean;
}

export interface WallCommandOptions {
  /** The failure text for the core's reason (e.g. "操作失败：{message}"). */
  failed(message: string): string;
  /** Forget the outcome after this long (a message over a map); kept until the next one when absent. */
  forgetAfterMs?: number;
}

export interface WallCommands {
  /** Sends one command; resolves with the wall state's new version, rejects with the core's refusal. */
  execute(command: WallCommand): Promise<number>;
  /**
   * Sends a command (or runs another request to the core) and records the outcome: `success` when it was
   * applied, the failure otherwise. Never throws; true when it succeeded.
   */
  run(action: WallCommand | (() => Promise<unknown>), success: string): Promise<boolean>;
  /** Records an outcome that came from elsewhere (a panel's own request). */
  report(text: string, isError: boolean): void;
  /** True while a `run` is under way: buttons that send commands wait for it. */
  readonly isBusy: Ref<boolean>;
  readonly outcome: ShallowRef<CommandOutcome | null>;
  /** Whether this window's caller may command the wall at all (see WindowContext.canCommand). */
  canCommand(): boolean;
}

export function useWallCommands(options: WallCommandOptions): WallCommands {
  const context = useWindowContext();
  const { client } = context;
  const isBusy = ref(false);
  const outcome = shallowRef<CommandOutcome | null>(null);
  let forgetTimer: ReturnType<typeof setTimeout> | undefined;
  onScopeDispose(() => clearTimeout(forgetTimer));

  async function execute(command: WallCommand): Promise<number> {
    const { version } = await client.request('wall.command', { command });
    return version;
  }

  function report(text: string, isError: boolean): void {
    clearTimeout(forgetTimer);
    outcome.value = { text, isError };
    if (options.forgetAfterMs !== undefined)
      forgetTimer = setTimeout(() => (outcome.value = null), options.forgetAfterMs);
  }

  async function run(action: WallCommand | (() => Promise<unknown>), success: string): Promise<boolean> {
    isBusy.value = true;
    try {
      await (typeof action === 'function' ? action() : execute(action));
      report(success, false);
      return true;
    } catch (error) {
      report(options.failed(error instanceof Error ? error.message : String(error)), true);
      return false;
    } finally {
      isBusy.value = false;
    }
  }

  return { execute, run, report, isBusy, outcome, canCommand: () => context.canCommand?.() ?? true };
}
