// Protocol messages of the wall: commands that change it, and the state broadcast after every change.
import { z } from 'zod';
import { wallCommandSchema, wallStateSchema } from '../../model/wall';

export const wallRequests = {
  'wall.command': {
    params: z.object({ command: wallCommandSchema }),
    result: z.object({ version: z.number().int() }),
  },
} as const;

export const wallEvents = {
  'wall.stateChanged': z.object({ state: wallStateSchema }),
} as const;
