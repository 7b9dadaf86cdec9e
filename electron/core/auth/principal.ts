// What a principal may do and see: commanding the wall by role, cameras by area. Pure decisions the later
// permission check calls; the core, not the UI, is the boundary.
import type { Camera } from '@shared/model/camera';
import { areasInclude, type CameraArea, type Principal, type Role } from '@shared/model/user';

/** Roles that may command the wall (switch scenarios, put cameras on tiles, control patrols). */
const commandingRoles: ReadonlySet<Role> = new Set(['operator', 'trainer', 'admin']);

/**
 * May this principal send commands? Viewers read only; a wall node (machine) reads the wall and plays what it
 * shows but never commands, so a stolen wall credential cannot switch the wall.
 */
export function canCommand(principal: Principal): boolean {
  return principal.kind === 'user' && commandingRoles.has(principal.role);
}

/** May this principal manage users and read the journal? */
export function canAdminister(principal: Principal): boolean {
  return principal.kind === 'user' && principal.role === 'admin';
}

export type { CameraArea };
// The area rule lives in shared/ so the leader view offers exactly the cameras this check lets through.
export { areasInclude };

/** What the wall shows now, as far as camera permission is concerned. */
export interface WallView {
  /** True when the camera is on the shared wall (a tile, or in a patrol a tile runs). */
  readonly isShown: (cameraId: string) => boolean;
}

/**
 * May this principal see (get stream URLs of, find in trees and searches) the camera?
 * - A user sees the cameras of their areas, and also whatever the shared wall shows: the room already sees it,
 *   and a console mimic or a leader view that could not play a wall tile would be of no use.
 * - A machine (wall node) sees exactly what the wall shows: it plays the wall, nothing else.
 */
export function maySeeCamera(
  principal: Principal,
  camera: CameraArea & Pick<Camera, 'id'>,
  wall: WallView,
): boolean {
  if (principal.kind === 'machine') return wall.isShown(camera.id);
  return areasInclude(principal.areas, camera) || wall.isShown(camera.id);
}
