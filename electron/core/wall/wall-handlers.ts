// Requests answered by the wall service.
import type { HandlerGroup } from '../session';
import type { WallService } from './wall-service';

export function wallHandlers(wall: WallService): HandlerGroup<'wall.command' | 'wall.state'> {
  return {
    async 'wall.command'({ command }, { onApplied }) {
      const state = wall.execute(command);
      const stateHash = wall.stateHash;
      // Acknowledge only what is on disk: after this answer the change (and, with the journal on, its record,
      // written while the state is saved) survives a crash or a power cut.
      await Promise.all([wall.saved(), onApplied?.()]);
      return { version: state.version, stateHash };
    },
    async 'wall.state'() {
      return { state: wall.state, stateHash: wall.stateHash };
    },
  };
}
