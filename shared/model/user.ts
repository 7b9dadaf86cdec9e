// The people who may use the room (`users.json`): their role, the areas whose cameras they see, their password
// hash; and the principals the core checks requests against (a signed-in user, or a wall node's machine).
import { z } from 'zod';
import { idSchema } from './common';

/**
 * What a user may do. `viewer` reads (wall, console, leader view) and commands nothing; `operator` commands the
 * wall (值班员); `trainer` commands it too and will run drills; `admin` also manages users and reads the journal.
 */
export const roleSchema = z.enum(['viewer', 'operator', 'trainer', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** How many streets or grids one user may be given (a district has tens of streets and hundreds of grids). */
const maxAreaIds = 1_000;

/**
 * The cameras a user sees: the whole district (`{ all: true }`), or the cameras of some streets (街镇) and grids
 * (网格), matched against each camera's own `street` and `grid`.
 */
export const areasSchema = z
  .strictObject({
    all: z.literal(true).optional(),
    streets: z.array(idSchema).max(maxAreaIds).optional(),
    grids: z.array(idSchema).max(maxAreaIds).optional(),
  })
  .superRefine((areas, context) => {
    const listed = (areas.streets?.length ?? 0) + (areas.grids?.length ?? 0);
    if (areas.all && (areas.streets || areas.grids)) {
      context.addIssue({
        code: 'custom',
        message: '`all: true` sees the whole district: give it alone, without streets or grids',
      });
    } else if (!areas.all && listed === 0) {
      context.addIssue({ code: 'custom', message: 'give `all: true` or at least one street or grid' });
    }
  });
export type Areas = z.infer<typeof areasSchema>;

/** The part of a camera that decides who sees it (a camera's `street` and `grid`). */
export interface CameraArea {
  readonly street: string;
  readonly grid: string;
}

/** Is the camera inside these areas? `{ all: true }` is the whole district; otherwise its street or its grid. */
export function areasInclude(areas: Areas, camera: CameraArea): boolean {
  if (areas.all) return true;
  return (areas.streets?.includes(camera.street) ?? false) || (areas.grids?.includes(camera.grid) ?? false);
}

const base64Schema = (minimumBytes: number) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64 text')
    .refine((text) => Math.floor((text.length * 3) / 4) - (text.match(/=/g)?.length ?? 0) >= minimumBytes, {
      message: `at least ${minimumBytes} bytes`,
    });

/** Memory one password check may take (today's parameters take 32 MiB). */
const maxHashMemory = 256 * 1024 * 1024;

/**
 * An scrypt password hash (RFC 7914) with its own parameters, so a later build can raise them and rehash a
 * user's password when that user next signs in. Bounds keep a hostile file from asking for gigabytes.
 */
export const passwordHashSchema = z
  .strictObject({
    algorithm: z.literal('scrypt'),
    /** CPU/memory cost, a power of two; memory used is 128 · N · r bytes. */
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20)
      .refine((value) => (value & (value - 1)) === 0, { message: 'N is a power of two' }),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64Schema(16),
    hash: base64Schema(16),
  })
  .superRefine((hash, context) => {
    // Each bound alone still allows 128 · 2^20 · 32 bytes = 4 GiB per check: bound the product.
    if (128 * hash.N * hash.r > maxHashMemory)
      context.addIssue({
        code: 'custom',
        path: ['N'],
        message: 'N and r need more than 256 MiB (128 · N · r) per check',
      });
  });
export type PasswordHash = z.infer<typeof passwordHashSchema>;

/** One user. Unknown keys are refused (not dropped): a misspelt `disabled` must not leave an account open. */
export const userSchema = z.strictObject({
  id: idSchema,
  displayName: z.string().trim().min(1).max(40),
  role: roleSchema,
  areas: areasSchema,
  password: passwordHashSchema,
  disabled: z.boolean().optional(),
});
export type User = z.infer<typeof userSchema>;

/** Sign-in limits; every field has a default, so the block and each field are optional. */
export const authPolicySchema = z.strictObject({
  /** Wrong passwords in a row that lock an account. */
  lockAfterFailures: z.number().int().min(3).max(100).default(10),
  /** How long a locked account stays locked. */
  lockMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** A session ends this long after sign-in, however busy. */
  sessionHours: z
    .number()
    .min(0.25)
    .max(7 * 24)
    .default(12),
  /** A session ends after this long without a request. */
  idleMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /**
   * The console locks after this long without the person's input (pointer, keys), and unlocks with the password;
   * the wall keeps playing. Fractions are allowed (0.5 = 30 s), down to 15 s: shorter would lock a person who is
   * reading. Not to be confused with `lockMinutes`, how long an account stays locked after wrong passwords.
   */
  lockAfterIdleMinutes: z
    .number()
    .min(0.25)
    .max(24 * 60)
    .default(10),
});
export type AuthPolicy = z.infer<typeof authPolicySchema>;

/** The workspace's optional `users.json`. */
export const usersFileSchema = z.strictObject({
  version: z.literal(1),
  policy: authPolicySchema.default(authPolicySchema.parse({})),
  users: z.array(userSchema).max(10_000),
});
export type UsersFile = z.infer<typeof usersFileSchema>;

/** Who makes a request: a signed-in user, or a wall node (a machine, not a person). */
export type Principal =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: Role;
      readonly areas: Areas;
    }
  | {
      readonly kind: 'machine';
      /** The wall node (one per wall PC or browser-host wall window set). */
      readonly nodeId: string;
    };
