// Requests answered by the wall service.
import type { HandlerGroup } from '../session';
import type { WallService } from './wall-service';

export function wallHandlers(wall: WallService): HandlerGroup<'wall.command'> {
  return {
    async 'wall.command'({ command }) {
      return { version: wall.execute(command).version };
    },
  };
}
