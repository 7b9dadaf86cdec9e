// The demo's users, one per role plus a street operator and a street leader (a viewer), with passwords published in the README (demo only).
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { PasswordHash, usersFileSchema } from '../../../shared/model/user';
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
  {
    // The leader view's demo user: reads only, the cameras of one street (豫园街道).
    id: 'leader',
    displayName: '领导 孙九',
    role: 'viewer',
    areas: { streets: ['yuyuan'] },
    password: 'demo-leader',
  },
] as const;

/** scrypt is slow on purpose (0.3 s a hash): the generator's tests build the demo several times per run. */
const hashes = new Map<string, PasswordHash>();

function demoHash(id: string, password: string): PasswordHash {
  let hash = hashes.get(id);
  if (!hash) {
    // Derived from the id, not random, so that the file is byte-identical on every run; acceptable only because
    // these passwords are public anyway.
    const salt = createHash('sha256').update(`tianmu-demo-user:${id}`).digest().subarray(0, 16);
    hash = hashPasswordWithSalt(password, salt);
    hashes.set(id, hash);
  }
  return hash;
}

/** users.json of the demo (the same for every seed: the users do not depend on the district's shape). */
export function buildUsers(): UsersFileInput {
  return {
    version: 1,
    policy: {
      lockAfterFailures: 10,
      lockMinutes: 15,
      sessionHours: 12,
      idleMinutes: 60,
      lockAfterIdleMinutes: 10,
    },
    users: demoUsers.map(({ password, areas, ...user }) => ({
      ...user,
      areas: 'streets' in areas ? { streets: [...areas.streets] } : { all: true as const },
      password: demoHash(user.id, password),
    })),
  };
}
