// Requests answered straight from the workspace: the hello and the district map.
import type { HandlerGroup } from '../session';
import type { WallService } from '../wall/wall-service';
import type { Workspace } from './load-workspace';

export function workspaceHandlers(
  workspace: Workspace,
  wall: WallService,
  historyLength: number,
): HandlerGroup<'session.hello' | 'map.district'> {
  return {
    async 'session.hello'({ role }, { session }) {
      session.role = role;
      return {
        protocolVersion: 1,
        serverTime: Date.now(),
        manifest: workspace.manifest,
        wall: workspace.wall,
        scenarios: wall.scenarios.summaries(),
        indicators: [...workspace.indicators],
        state: wall.state,
        stateHash: wall.stateHash,
        historyLength,
      };
    },
    async 'map.district'() {
      return workspace.district;
    },
  };
}
