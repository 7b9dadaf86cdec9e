// The wall reducer: the only way the wall state changes. Pure: (state, command) → next state, or a rejection.
import type { Scenario, WallCommand, WallState, DisplayContent } from '@shared/model/wall';
import { layoutCells } from '@shared/layout/grid';
import { ProtocolError } from '@shared/protocol/envelope';
import { patrolKey, patrolStep, runningPatrol, type PatrolState } from '@shared/model/patrol';

/** What the reducer needs to know about the workspace to judge a command. */
export interface WallContext {
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly displayIds: readonly string[];
  readonly hasCamera: (cameraId: string) => boolean;
  readonly now: number;
}

function copyDisplays(displays: Record<string, DisplayContent>): Record<string, DisplayContent> {
  return structuredClone(displays);
}

/** The wall as a scenario defines it, before any operator change. */
export function initialWallState(scenario: Scenario, now: number): WallState {
  return {
    version: 1,
    scenarioId: scenario.id,
    displays: copyDisplays(scenario.displays),
    previous: null,
    changedAt: now,
  };
}

export function applyWallCommand(state: WallState, command: WallCommand, context: WallContext): WallState {
  const next = (
    changes: Pick<WallState, 'scenarioId' | 'displays' | 'previous'> & Pick<Partial<WallState>, 'patrols'>,
  ): WallState => ({
    ...changes,
    version: state.version + 1,
    changedAt: context.now,
  });

  switch (command.type) {
    case 'scenario.activate': {
      const scenario = context.scenarios.get(command.scenarioId);
      if (!scenario) throw new ProtocolError('not-found', `unknown scenario '${command.scenarioId}'`);
      return next({
        scenarioId: scenario.id,
        displays: copyDisplays(scenario.displays),
        // Keep what the wall showed (including operator changes) so 返回 restores it exactly.
        previous: { scenarioId: state.scenarioId, displays: copyDisplays(state.displays) },
      });
    }
    case 'scenario.return': {
      if (!state.previous) throw new ProtocolError('rejected', 'there is no previous wall to return to');
      return next({
        scenarioId: state.previous.scenarioId,
        displays: copyDisplays(state.previous.displays),
        previous: null,
      });
    }
    case 'cell.assign': {
      const content = state.displays[command.displayId];
      if (!content) throw new ProtocolError('not-found', `unknown display '${command.displayId}'`);
      const cellCount = layoutCells(content.layout).length;
      if (command.cellIndex >= cellCount) {
        throw new ProtocolError(
          'rejected',
          `display '${command.displayId}' has ${cellCount} cells, not ${command.cellIndex + 1}`,
        );
      }
      if (command.widget.kind === 'video.camera' && !context.hasCamera(command.widget.options.cameraId)) {
        throw new ProtocolError('not-found', `unknown camera '${command.widget.options.cameraId}'`);
      }
      const displays = copyDisplays(state.displays);
      displays[command.displayId]!.cells[command.cellIndex] = structuredClone(command.widget);
      if (command.widget.kind === 'video.patrol') {
        for (const cameraId of command.widget.options.cameraIds) {
          if (!context.hasCamera(cameraId))
            throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
        }
      }
      // A new widget in the cell starts its patrol afresh.
      const patrols = { ...state.patrols };
      delete patrols[patrolKey(command.displayId, command.cellIndex)];
      return next({ scenarioId: state.scenarioId, displays, previous: state.previous, patrols });
    }
    case 'patrol.pause':
    case 'patrol.resume':
    case 'patrol.advance': {
      const widget = state.displays[command.displayId]?.cells[command.cellIndex];
      if (widget?.kind !== 'video.patrol') {
        throw new ProtocolError(
          'rejected',
          `cell ${command.cellIndex} of display '${command.displayId}' is not a patrol`,
        );
      }
      const key = patrolKey(command.displayId, command.cellIndex);
      const current = state.patrols?.[key] ?? runningPatrol;
      const step = patrolStep(current, widget.options.dwellSeconds, context.now);
      const changed: PatrolState =
        command.type === 'patrol.pause'
          ? { step, since: context.now, isPaused: true }
          : command.type === 'patrol.resume'
            ? { step, since: context.now, isPaused: false }
            : { step: step + 1, since: context.now, isPaused: current.isPaused };
      return next({
        scenarioId: state.scenarioId,
        displays: state.displays,
        previous: state.previous,
        patrols: { ...state.patrols, [key]: changed },
      });
    }
  }
}
