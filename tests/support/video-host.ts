// The browser host of a video spec file: a fresh video workspace (video-workspace.ts) served with fault
// injection on, started before the file's tests and stopped after them.
import { test } from '@playwright/test';
import { startHost, type RunningHost } from './browser-host';
import { createVideoWorkspace, type VideoScenario, type VideoWorkspace } from './video-workspace';

export interface VideoHost {
  readonly host: RunningHost;
  readonly workspace: VideoWorkspace;
}

/** Registers the spec file's `beforeAll`/`afterAll`; read `host` and `workspace` inside its tests. */
export function useVideoHost(scenario: VideoScenario): VideoHost {
  let host: RunningHost | undefined;
  let workspace: VideoWorkspace | undefined;
  test.beforeAll(async () => {
    workspace = createVideoWorkspace(scenario);
    host = await startHost(['--workspace', workspace.directory, '--fault-injection']);
  });
  test.afterAll(async () => {
    await host?.stop();
    workspace?.remove();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the video host is started in beforeAll: use it inside tests');
    return value;
  };
  return {
    get host() {
      return started(host);
    },
    get workspace() {
      return started(workspace);
    },
  };
}
