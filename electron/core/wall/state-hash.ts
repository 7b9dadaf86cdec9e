// The wall state hash: one short string that is equal exactly when two walls show the same thing, so tests
// and operators can check that 返回 and a restart restored the wall exactly.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@shared/model/canonical-json';
import type { WallState } from '@shared/model/wall';
import { snapshotOf } from './wall-reducer';

/**
 * SHA-256 (hex) of the canonical JSON of what the wall shows and where 返回 would take it: the snapshot
 * (scenario, displays, maximised cells, widget state, patrols) plus the whole 返回 history, in order. Version
 * and time are left out: they count changes, they are not what is on the wall.
 */
export function wallStateHash(state: WallState): string {
  return createHash('sha256')
    .update(canonicalJson({ ...snapshotOf(state), history: state.history }))
    .digest('hex');
}
