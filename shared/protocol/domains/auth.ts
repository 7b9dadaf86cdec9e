// Protocol messages of sign-in: who this connection is, signing in and out, and the end of a session.
import { z } from 'zod';
import { idSchema } from '../../model/common';
import { areasSchema, roleSchema } from '../../model/user';

/** The signed-in user as a window shows it (never the password hash). */
export const signedInUserSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  role: roleSchema,
  areas: areasSchema,
});
export type SignedInUser = z.infer<typeof signedInUserSchema>;

/**
 * Who this connection is: a user (with when the session ends, null for a start ticket of the local console),
 * a wall machine, or nobody. `notice` is shown on every console screen (the demo's automatic sign-in, a
 * workspace without users).
 */
export const whoAmISchema = z.object({
  kind: z.enum(['user', 'machine', 'none']),
  user: signedInUserSchema.nullable(),
  expiresAt: z.number().nullable(),
  notice: z.string().nullable(),
  /** The console is locked (no input for the workspace's lock time): only the password opens it again. */
  isLocked: z.boolean(),
  /** After how long without input the console locks; null: it does not (machines, start tickets, nobody). */
  lockAfterIdleMs: z.number().nullable(),
});
export type WhoAmI = z.infer<typeof whoAmISchema>;

export const authRequests = {
  /** Signs this connection in (the Electron bridge; the browser host sets its cookie with POST /auth/session). */
  'auth.login': {
    access: 'public',
    params: z.object({ userId: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    result: whoAmISchema,
  },
  /** Ends this connection's session (and the session itself). */
  'auth.logout': {
    access: 'public',
    params: z.object({}),
    result: z.object({}),
  },
  'auth.me': {
    access: 'public',
    params: z.object({}),
    result: whoAmISchema,
  },
  /**
   * "Still here": the person used this console (pointer, keys) since the last report; the lock clock starts again.
   * Public so that a locked console's report is ignored, not journaled as a refusal; it never unlocks.
   */
  'auth.activity': {
    access: 'public',
    params: z.object({}),
    result: z.object({ isLocked: z.boolean() }),
  },
  /** Unlocks this connection's locked session with its user's password (the same check and throttle as sign-in). */
  'auth.unlock': {
    access: 'public',
    params: z.object({ password: z.string().min(1).max(256) }),
    result: whoAmISchema,
  },
} as const;

export const authEvents = {
  /** This connection's session ended: it may call public requests only until it signs in again. */
  'auth.sessionEnded': z.object({ reason: z.enum(['expired', 'revoked', 'logout']) }),
  /** This connection's session locked (no input for the lock time): public requests only until auth.unlock. */
  'auth.locked': z.object({}),
  /** The session was unlocked (here or in another window of the same session). */
  'auth.unlocked': z.object({}),
} as const;
