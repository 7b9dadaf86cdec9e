// The wall reducer: the only way the wall state changes. Pure: (state, command) → next state, or a rejection.
import {
  maxCellStateBytes,
  type DisplayContent,
  type Scenario,
  type WallCommand,
  type WallSnapshot,
  type WallState,
} from '@shared/model/wall';
import { layoutCells } from '@shared/layout/grid';
import { ProtocolError } from '@shared/protocol/envelope';

/** What the reducer needs to know about the workspace to judge a command. */
export interface WallContext {
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly displayIds: readonly string[];
  readonly hasCamera: (cameraId: string) => boolean;
  readonly now: number;
}

/** What a scenario shows, before any operator change. */
function snapshotOfScenario(scenario: Scenario): WallSnapshot {
  return {
    scenarioId: scenario.id,
    displays: structuredClone(scenario.displays),
    maximized: {},
    cellState: {},
  };
}

/**
 * Everything in `state` except its bookkeeping (version, time, previous). Generic on purpose: a field added
 * to the snapshot schema is kept by a switch and restored by 返回 without touching this reducer.
 */
export function snapshotOf(state: WallState): WallSnapshot {
  const { version: _version, changedAt: _changedAt, previous: _previous, ...snapshot } = state;
  return structuredClone(snapshot);
}

/** The wall as a scenario defines it, before any operator change. */
export function initialWallState(scenario: Scenario, now: number): WallState {
  return { ...snapshotOfScenario(scenario), version: 1, previous: null, changedAt: now };
}

/** The display and cell a command names, or a rejection that says which one is wrong. */
function checkCell(state: WallState, displayId: string, cellIndex: number): DisplayContent {
  const content = state.displays[displayId];
  if (!content) throw new ProtocolError('not-found', `unknown display '${displayId}'`);
  const cellCount = layoutCells(content.layout).length;
  if (cellIndex >= cellCount) {
    throw new ProtocolError(
      'rejected',
      `display '${displayId}' has ${cellCount} cells, not ${cellIndex + 1}`,
    );
  }
  return content;
}

export function applyWallCommand(state: WallState, command: WallCommand, context: WallContext): WallState {
  const next = (snapshot: WallSnapshot, previous: WallSnapshot | null): WallState => ({
    ...snapshot,
    version: state.version + 1,
    previous,
    changedAt: context.now,
  });
  const current = snapshotOf(state);

  switch (command.type) {
    case 'scenario.activate': {
      const scenario = context.scenarios.get(command.scenarioId);
      if (!scenario) throw new ProtocolError('not-found', `unknown scenario '${command.scenarioId}'`);
      // Keep what the wall showed (operator changes, maximised cells, widget state) so 返回 restores it exactly.
      return next(snapshotOfScenario(scenario), current);
    }
    case 'scenario.return': {
      if (!state.previous) throw new ProtocolError('rejected', 'there is no previous wall to return to');
      return next(structuredClone(state.previous), null);
    }
    case 'cell.assign': {
      checkCell(state, command.displayId, command.cellIndex);
      if (command.widget.kind === 'video.camera' && !context.hasCamera(command.widget.options.cameraId)) {
        throw new ProtocolError('not-found', `unknown camera '${command.widget.options.cameraId}'`);
      }
      current.displays[command.displayId]!.cells[command.cellIndex] = structuredClone(command.widget);
      // The old widget's runtime state (a patrol position, a map view) means nothing to the new one.
      delete current.cellState[`${command.displayId}/${command.cellIndex}`];
      return next(current, state.previous);
    }
    case 'cell.maximize': {
      checkCell(state, command.displayId, command.cellIndex);
      current.maximized[command.displayId] = command.cellIndex;
      return next(current, state.previous);
    }
    case 'cell.restore': {
      if (!state.displays[command.displayId])
        throw new ProtocolError('not-found', `unknown display '${command.displayId}'`);
      delete current.maximized[command.displayId];
      return next(current, state.previous);
    }
    case 'cell.setState': {
      checkCell(state, command.displayId, command.cellIndex);
      const key = `${command.displayId}/${command.cellIndex}`;
      if (command.state === null) delete current.cellState[key];
      else {
        const bytes = new TextEncoder().encode(JSON.stringify(command.state)).byteLength;
        if (bytes > maxCellStateBytes) {
          throw new ProtocolError('rejected', `cell state of ${bytes} bytes is over ${maxCellStateBytes}`);
        }
        current.cellState[key] = structuredClone(command.state);
      }
      return next(current, state.previous);
    }
  }
}
