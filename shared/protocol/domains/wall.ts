// Protocol messages of the wall: commands that change it, and the state broadcast after every change.
import { z } from 'zod';
import { wallCommandSchema, wallStateSchema } from '../../model/wall';

/** SHA-256 hex of the canonical wall snapshot plus its 返回 history (see electron/core/wall/state-hash.ts). */
export const stateHashSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const wallRequests = {
  /** Applies a command; answers once the new state is saved (it survives a power cut from then on). */
  'wall.command': {
    access: 'operate',
    params: z.object({ command: wallCommandSchema }),
    result: z.object({ version: z.number().int(), stateHash: stateHashSchema }),
  },
  'wall.state': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ state: wallStateSchema, stateHash: stateHashSchema }),
  },
} as const;

export const wallEvents = {
  'wall.stateChanged': z.object({ state: wallStateSchema, stateHash: stateHashSchema }),
} as const;
