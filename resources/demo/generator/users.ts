// The demo's users, one per role plus a street operator, with passwords published in the README (demo only).
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { usersFileSchema } from '../../../shared/model/user';
import { hashPasswordWithSalt } from '../../../electron/core/auth/password-hash';

type UsersFileInput = z.input<typeof usersFileSchema>;

/** Demo users and their passwords (published: never use these anywhere else). */
export const demoUsers = [
  {
    id: 'operator',
    displayName: '值班员 张三',
    role: 'operator',
    areas: { all: true },
    password: 'demo-operator',
  },
  { id: 'viewer', displayName: '观察员 李四', role: 'viewer', areas: { all: true }, password: 'demo-viewer' },
  {
    id: 'trainer',
    displayName: '演练员 王五',
    role: 'trainer',
    areas: { all: true },
    password: 'demo-trainer',
  },
  { id: 'admin', displayName: '管理员 赵六', role: 'admin', areas: { all: true }, password: 'demo-admin' },
  {
    id: 'waitan-operator',
    displayName: '外滩街道 陈七',
    role: 'operator',
    areas: { streets: ['waitan'] },
    password: 'demo-waitan',
  },
] as const;

/**
 * users.json of the demo. Salts come from the seed and the user id (not random) so that the file is
 * byte-identical on every run; that is acceptable only because these passwords are public anyway.
 */
export function buildUsers(seed: number): UsersFileInput {
  return {
    version: 1,
    policy: { lockAfterFailures: 10, lockMinutes: 15, sessionHours: 12, idleMinutes: 60 },
    users: demoUsers.map(({ password, areas, ...user }) => {
      const salt = createHash('sha256')
        .update(`tianmu-demo-user:${seed}:${user.id}`)
        .digest()
        .subarray(0, 16);
      return {
        ...user,
        areas: 'streets' in areas ? { streets: [...areas.streets] } : { all: true as const },
        password: hashPasswordWithSalt(password, salt),
      };
    }),
  };
}
