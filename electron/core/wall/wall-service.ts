// Holds the current wall state, applies validated commands through the reducer and tells listeners.
import type { LonLat } from '@shared/model/common';
import type { WallCommand, WallState } from '@shared/model/wall';
import type { Workspace } from '../workspace/load-workspace';
import { applyWallCommand, initialWallState, type WallContext } from './wall-reducer';

export type WallStateListener = (state: WallState) => void;

export class WallService {
  private current: WallState;
  private readonly listeners = new Set<WallStateListener>();
  private readonly scenarios: WallContext['scenarios'];
  private readonly cameraIds: ReadonlySet<string>;

  constructor(
    private readonly workspace: Workspace,
    private readonly now: () => number = Date.now,
    /** Where an incident is, for 调阅周边视频 (the incident store's lookup). */
    private readonly incidentPosition: (incidentId: string) => LonLat | undefined = () => undefined,
  ) {
    this.scenarios = new Map(workspace.scenarios.map((scenario) => [scenario.id, scenario]));
    this.cameraIds = new Set(workspace.cameras.cameras.map((camera) => camera.id));
    this.current = initialWallState(this.scenarios.get(workspace.manifest.defaultScenario)!, this.now());
  }

  get state(): WallState {
    return this.current;
  }

  /** Applies a command (already schema-validated at the edge); throws a ProtocolError when it is rejected. */
  execute(command: WallCommand): WallState {
    this.current = applyWallCommand(this.current, command, {
      scenarios: this.scenarios,
      displayIds: this.workspace.wall.displays.map((display) => display.id),
      hasCamera: (cameraId) => this.cameraIds.has(cameraId),
      now: this.now(),
      cameras: this.workspace.cameras,
      incidentPosition: this.incidentPosition,
    });
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  onChanged(listener: WallStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
