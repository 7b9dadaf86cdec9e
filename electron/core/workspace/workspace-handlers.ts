// Requests answered straight from the workspace: the hello and the district map.
import type { HandlerGroup } from '../session';
import type { WallService } from '../wall/wall-service';
import type { Workspace } from './load-workspace';

export function workspaceHandlers(
  workspace: Workspace,
  wall: WallService,
  connection: { isInsecureLan: boolean } = { isInsecureLan: false },
): HandlerGroup<'session.hello' | 'map.district'> {
  // Where the core listens and its key file are no window's business.
  const { server: _server, ...manifest } = workspace.manifest;
  return {
    async 'session.hello'({ role }, { session }) {
      session.role = role;
      return {
        protocolVersion: 1,
        serverTime: Date.now(),
        manifest,
        ...(connection.isInsecureLan ? { insecureLan: true } : {}),
        wall: workspace.wall,
        scenarios: wall.scenarios.summaries(),
        indicators: [...workspace.indicators],
        state: wall.state,
        stateHash: wall.stateHash,
      };
    },
    async 'map.district'() {
      return workspace.district;
    },
  };
}
