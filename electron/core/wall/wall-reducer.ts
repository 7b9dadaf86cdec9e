// The wall reducer: the only way the wall state changes. Pure: (state, command) → next state, or a rejection.
import {
  maxCellStateBytes,
  wallHistoryDepth,
  wallUndoDepth,
  type DisplayContent,
  type Scenario,
  type WallCommand,
  type WallSnapshot,
  type WallState,
} from '@shared/model/wall';
import type { Camera } from '@shared/model/camera';
import type { Crs, LonLat } from '@shared/model/common';
import { layoutCells } from '@shared/layout/grid';
import { nearestCameras } from '@shared/geo/nearest-cameras';
import { ProtocolError } from '@shared/protocol/envelope';
import { canonicalJson } from '@shared/model/canonical-json';
import { ownValue } from '@shared/base/own-property';
import { videoBlock, videoDisplayId } from './video-block';
import { patrolKey, patrolStep, runningPatrol, type PatrolState } from '@shared/model/patrol';
import { clearCell, moveCell, setDisplayLayout } from './wall-edits';

/** What the reducer needs to know about the workspace to judge a command. */
export interface WallContext {
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly displayIds: readonly string[];
  readonly hasCamera: (cameraId: string) => boolean;
  readonly now: number;
  /** The camera catalogue and its coordinate system, for commands that search cameras by place. */
  readonly cameras?: { readonly crs: Crs; readonly cameras: readonly Camera[] };
  /** Where an incident is (WGS-84), for 调阅周边视频. */
  readonly incidentPosition?: (incidentId: string) => LonLat | undefined;
}

/** A camera tile with the default profile (sub or main chosen by tile size). */
function cameraWidget(cameraId: string) {
  return { kind: 'video.camera' as const, options: { cameraId, profile: 'auto' as const } };
}

/** The display cameras from the map go to: the one asked for, else the one with the most video tiles. */
function targetDisplay(state: WallState, context: WallContext, displayId: string | undefined): string {
  const id = displayId ?? videoDisplayId(state, context.displayIds);
  if (id === undefined) throw new ProtocolError('rejected', 'no display of the wall shows video tiles');
  if (!ownValue(state.displays, id)) throw new ProtocolError('not-found', `unknown display '${id}'`);
  return id;
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
 * Everything in `state` except its bookkeeping (version, time, 返回 history, 撤销 stack). Generic on purpose: a
 * field added to the snapshot schema is kept by a switch and restored by 返回 without touching this reducer.
 */
export function snapshotOf(state: WallState): WallSnapshot {
  const { version: _version, changedAt: _changedAt, history: _history, undo: _undo, ...snapshot } = state;
  return structuredClone(snapshot);
}

/**
 * Commands that edit what the cells show, which 撤销 can undo. Switches and 返回 have 返回; maximising, widget
 * state and patrol control are moments of viewing, not edits (a map's pans would flood the stack).
 */
const undoableCommands: ReadonlySet<WallCommand['type']> = new Set([
  'display.setLayout',
  'cell.move',
  'cell.clear',
  'cell.assign',
  'camera.show',
  'incident.showNearestCameras',
]);

/** The wall as a scenario defines it, before any operator change. */
export function initialWallState(scenario: Scenario, now: number): WallState {
  return { ...snapshotOfScenario(scenario), version: 1, history: [], changedAt: now };
}

/**
 * Whether two snapshots show the same wall. An empty patrol map is the same as none (a cell that lost its
 * patrol leaves `{}` behind).
 */
function isSameWall(first: WallSnapshot, second: WallSnapshot): boolean {
  const comparable = ({ patrols, ...rest }: WallSnapshot) =>
    canonicalJson(patrols && Object.keys(patrols).length > 0 ? { ...rest, patrols } : rest);
  return comparable(first) === comparable(second);
}

/** A cell got another widget: the old one's runtime state (a patrol position, a map view) means nothing now. */
function forgetCellRuntime(snapshot: WallSnapshot, displayId: string, cellIndex: number): void {
  const key = patrolKey(displayId, cellIndex);
  delete snapshot.cellState[key];
  if (snapshot.patrols) delete snapshot.patrols[key];
}

/** The display a command names, or a rejection naming it. Own entries only: `constructor` is no display. */
function checkDisplay(state: WallState, displayId: string): DisplayContent {
  const content = ownValue(state.displays, displayId);
  if (!content) throw new ProtocolError('not-found', `unknown display '${displayId}'`);
  return content;
}

/** The display and cell a command names, or a rejection that says which one is wrong. */
function checkCell(state: WallState, displayId: string, cellIndex: number): DisplayContent {
  const content = checkDisplay(state, displayId);
  const cellCount = layoutCells(content.layout).length;
  if (cellIndex >= cellCount) {
    throw new ProtocolError(
      'rejected',
      `display '${displayId}' has ${cellCount} cells, not ${cellIndex + 1}`,
    );
  }
  return content;
}

/**
 * Applies one command. Returns `state` itself when the command changes nothing (activating the scenario the
 * wall already shows, untouched): the caller then has nothing to save or broadcast.
 */
export function applyWallCommand(state: WallState, command: WallCommand, context: WallContext): WallState {
  // Entries are never mutated, so the history and the 撤销 stack are shared between successive states. An edit
  // pushes the wall it changes onto the 撤销 stack; a switch or 返回 starts it afresh (undefined: no key at all).
  const undoAfter = undoableCommands.has(command.type)
    ? [...(state.undo ?? []), snapshotOf(state)].slice(-wallUndoDepth)
    : command.type === 'scenario.activate' || command.type === 'scenario.return'
      ? undefined
      : state.undo;
  const next = (
    snapshot: WallSnapshot,
    history: readonly WallSnapshot[] = state.history,
    undo: readonly WallSnapshot[] | undefined = undoAfter,
  ): WallState => ({
    ...snapshot,
    version: state.version + 1,
    history: [...history],
    ...(undo && undo.length > 0 ? { undo: [...undo] } : {}),
    changedAt: context.now,
  });
  const current = snapshotOf(state);

  switch (command.type) {
    case 'scenario.activate': {
      const scenario = context.scenarios.get(command.scenarioId);
      if (!scenario) throw new ProtocolError('not-found', `unknown scenario '${command.scenarioId}'`);
      const target = snapshotOfScenario(scenario);
      // The scenario is already on the wall exactly as its preset says (a double click, two consoles, a
      // confirmed suggestion racing a click): nothing to switch, and no duplicate for 返回 to step through.
      // With operator changes on it, activating it again resets it to the preset and 返回 undoes the reset.
      if (isSameWall(current, target)) return state;
      // Keep what the wall showed (operator changes, maximised cells, widget state) so 返回 restores it
      // exactly; beyond the depth the oldest entry drops.
      return next(target, [...state.history, current].slice(-wallHistoryDepth));
    }
    case 'scenario.return': {
      const last = state.history.at(-1);
      if (!last) throw new ProtocolError('rejected', 'there is no previous wall to return to');
      return next(structuredClone(last), state.history.slice(0, -1));
    }
    case 'wall.undo': {
      const last = state.undo?.at(-1);
      if (!last) throw new ProtocolError('rejected', 'there is no live edit to undo');
      return next(structuredClone(last), state.history, state.undo!.slice(0, -1));
    }
    case 'display.setLayout': {
      checkDisplay(state, command.displayId);
      setDisplayLayout(current, command.displayId, command.layout);
      return next(current);
    }
    case 'cell.move': {
      checkCell(state, command.displayId, command.cellIndex);
      checkCell(state, command.toDisplayId, command.toCellIndex);
      if (command.displayId === command.toDisplayId && command.cellIndex === command.toCellIndex)
        return state;
      moveCell(current, command, { displayId: command.toDisplayId, cellIndex: command.toCellIndex });
      return next(current);
    }
    case 'cell.clear': {
      checkCell(state, command.displayId, command.cellIndex);
      clearCell(current, command.displayId, command.cellIndex);
      return next(current);
    }
    case 'cell.assign': {
      checkCell(state, command.displayId, command.cellIndex);
      if (command.widget.kind === 'video.camera' && !context.hasCamera(command.widget.options.cameraId)) {
        throw new ProtocolError('not-found', `unknown camera '${command.widget.options.cameraId}'`);
      }
      if (command.widget.kind === 'video.patrol') {
        for (const cameraId of command.widget.options.cameraIds) {
          if (!context.hasCamera(cameraId))
            throw new ProtocolError('not-found', `unknown camera '${cameraId}'`);
        }
      }
      current.displays[command.displayId]!.cells[command.cellIndex] = structuredClone(command.widget);
      // The old widget's runtime state (a patrol position, a map view) means nothing to the new one.
      forgetCellRuntime(current, command.displayId, command.cellIndex);
      return next(current);
    }
    case 'cell.maximize': {
      checkCell(state, command.displayId, command.cellIndex);
      current.maximized[command.displayId] = command.cellIndex;
      return next(current);
    }
    case 'cell.restore': {
      checkDisplay(state, command.displayId);
      delete current.maximized[command.displayId];
      return next(current);
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
      return next(current);
    }
    case 'camera.show': {
      if (!context.hasCamera(command.cameraId)) {
        throw new ProtocolError('not-found', `unknown camera '${command.cameraId}'`);
      }
      const displayId = targetDisplay(state, context, command.displayId);
      const content = state.displays[displayId]!;
      const cellIndex = command.cellIndex ?? videoBlock(content, 1)[0];
      const cellCount = layoutCells(content.layout).length;
      if (cellIndex === undefined || cellIndex >= cellCount) {
        throw new ProtocolError(
          'rejected',
          `display '${displayId}' has no tile ${cellIndex ?? ''} for a camera`,
        );
      }
      current.displays[displayId]!.cells[cellIndex] = cameraWidget(command.cameraId);
      forgetCellRuntime(current, displayId, cellIndex);
      return next(current);
    }
    case 'incident.showNearestCameras': {
      const position = context.incidentPosition?.(command.incidentId);
      if (!position) throw new ProtocolError('not-found', `unknown incident '${command.incidentId}'`);
      const catalogue = context.cameras ?? { crs: 'wgs84' as const, cameras: [] };
      const found = nearestCameras(catalogue.cameras, {
        position,
        count: command.count,
        radiusMetres: command.radiusMetres,
        cameraCrs: catalogue.crs,
      });
      if (found.length === 0) {
        throw new ProtocolError(
          'not-found',
          `no online camera within ${command.radiusMetres} m of incident '${command.incidentId}'`,
        );
      }
      const displayId = targetDisplay(state, context, command.displayId);
      const block = videoBlock(state.displays[displayId]!, found.length);
      if (block.length === 0)
        throw new ProtocolError('rejected', `display '${displayId}' has no video tiles`);
      // Nearest camera in the block's first tile; a smaller display shows as many of them as it has tiles.
      block.forEach((cellIndex, order) => {
        current.displays[displayId]!.cells[cellIndex] = cameraWidget(found[order]!.camera.id);
        forgetCellRuntime(current, displayId, cellIndex);
      });
      return next(current);
    }
    case 'patrol.pause':
    case 'patrol.resume':
    case 'patrol.advance': {
      const widget = checkDisplay(state, command.displayId).cells[command.cellIndex];
      if (widget?.kind !== 'video.patrol') {
        throw new ProtocolError(
          'rejected',
          `cell ${command.cellIndex} of display '${command.displayId}' is not a patrol`,
        );
      }
      const key = patrolKey(command.displayId, command.cellIndex);
      const patrol = (state.patrols && ownValue(state.patrols, key)) ?? runningPatrol;
      const step = patrolStep(patrol, widget.options.dwellSeconds, context.now);
      const changed: PatrolState =
        command.type === 'patrol.pause'
          ? { step, since: context.now, isPaused: true }
          : command.type === 'patrol.resume'
            ? { step, since: context.now, isPaused: false }
            : { step: step + 1, since: context.now, isPaused: patrol.isPaused };
      current.patrols = { ...current.patrols, [key]: changed };
      return next(current);
    }
  }
}
