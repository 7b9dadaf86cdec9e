// The wall reducer: the only way the wall state changes. Pure: (state, command) → next state, or a rejection.
import type { Scenario, WallCommand, WallState, DisplayContent } from '@shared/model/wall';
import type { Camera } from '@shared/model/camera';
import type { Crs, LonLat } from '@shared/model/common';
import { layoutCells } from '@shared/layout/grid';
import { nearestCameras } from '@shared/geo/nearest-cameras';
import { ProtocolError } from '@shared/protocol/envelope';
import { videoBlock, videoDisplayId } from './video-block';

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
  if (!state.displays[id]) throw new ProtocolError('not-found', `unknown display '${id}'`);
  return id;
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
  const next = (changes: Pick<WallState, 'scenarioId' | 'displays' | 'previous'>): WallState => ({
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
      return next({ scenarioId: state.scenarioId, displays, previous: state.previous });
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
      const displays = copyDisplays(state.displays);
      displays[displayId]!.cells[cellIndex] = cameraWidget(command.cameraId);
      return next({ scenarioId: state.scenarioId, displays, previous: state.previous });
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
      const displays = copyDisplays(state.displays);
      // Nearest camera in the block's first tile; a smaller display shows as many of them as it has tiles.
      block.forEach((cellIndex, order) => {
        displays[displayId]!.cells[cellIndex] = cameraWidget(found[order]!.camera.id);
      });
      return next({ scenarioId: state.scenarioId, displays, previous: state.previous });
    }
  }
}
