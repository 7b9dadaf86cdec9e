// Cross-checks users.json against the workspace: one id per user, and every street and grid a user is given
// exists in the district map. Used by the workspace loader and by the `user` CLI, so both refuse the same mistakes.
import type { User } from '@shared/model/user';
import type { DistrictMap } from '@shared/model/workspace';

/** A problem in one field of users.json (dotted path inside the file). */
export interface UsersProblem {
  readonly field: string;
  readonly problem: string;
}

/** The first problem of the users' ids and areas, or null. */
export function checkUsers(users: readonly User[], district: DistrictMap): UsersProblem | null {
  const streets = new Set<string>();
  const grids = new Set<string>();
  for (const feature of district.features) {
    if (feature.properties.kind === 'street') streets.add(feature.properties.id);
    if (feature.properties.kind === 'grid') grids.add(feature.properties.id);
  }
  const seen = new Set<string>();
  for (const [index, user] of users.entries()) {
    if (seen.has(user.id)) return { field: `users.${index}.id`, problem: `duplicate id '${user.id}'` };
    seen.add(user.id);
    for (const [position, street] of (user.areas.streets ?? []).entries()) {
      if (!streets.has(street))
        return {
          field: `users.${index}.areas.streets.${position}`,
          problem: `no street '${street}' in district.geojson`,
        };
    }
    for (const [position, grid] of (user.areas.grids ?? []).entries()) {
      if (!grids.has(grid))
        return {
          field: `users.${index}.areas.grids.${position}`,
          problem: `no grid '${grid}' in district.geojson`,
        };
    }
  }
  return null;
}
