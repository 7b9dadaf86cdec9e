// Requests answered straight from the workspace: the hello and the district map.
import type { HandlerGroup } from '../session';
import type { WallState } from '@shared/model/wall';
import type { ScenarioSummary } from '@shared/protocol';
import type { Workspace } from './load-workspace';

/** What the hello reads of the wall service (a shape, not an import: core/wall already imports this folder). */
export interface WallFacts {
  readonly state: WallState;
  readonly stateHash: string;
  readonly scenarios: { summaries(): ScenarioSummary[] };
}

export function workspaceHandlers(
  workspace: Workspace,
  wall: WallFacts,
  historyLength: number,
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
        historyLength,
      };
    },
    async 'map.district'() {
      return workspace.district;
    },
  };
}
