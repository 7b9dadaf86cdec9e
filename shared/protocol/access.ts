// Who may call each request: the access levels requests declare beside their schemas, and the one rule that
// says which caller reaches which level. The core checks it before every handler; the renderer hides with it.
import type { Role } from '../model/user';

/**
 * - `public`: anyone, a connection with no credential included (hello of the login page, sign-in).
 * - `wall`: wall machines and every signed-in user: read the wall and play what it shows.
 * - `view`: any signed-in user (not a wall machine).
 * - `operate`: operators, trainers and admins: command the wall, acknowledge, import.
 * - `train`: trainers and admins (drills).
 * - `administer`: admins only (users, the journal).
 */
export const accessLevels = ['public', 'wall', 'view', 'operate', 'train', 'administer'] as const;
export type Access = (typeof accessLevels)[number];

/** Who calls, as far as access levels care: a user's role, a wall machine, or nobody signed in. */
export type Caller = { readonly kind: 'user'; readonly role: Role } | { readonly kind: 'machine' } | null;

const rolesByAccess: Record<Exclude<Access, 'public' | 'wall'>, ReadonlySet<Role>> = {
  view: new Set(['viewer', 'operator', 'trainer', 'admin']),
  operate: new Set(['operator', 'trainer', 'admin']),
  train: new Set(['trainer', 'admin']),
  administer: new Set(['admin']),
};

/** May this caller call a request declared with `access`? */
export function mayCall(caller: Caller, access: Access): boolean {
  if (access === 'public') return true;
  if (caller === null) return false;
  if (access === 'wall') return true;
  return caller.kind === 'user' && rolesByAccess[access].has(caller.role);
}

/** Why `mayCall` said no, for the 无权限 answer (Chinese, the operator reads it). */
export function refusalReason(caller: Caller, access: Access): string {
  if (caller === null) return '未登录';
  if (caller.kind === 'machine') return '大屏节点只能显示，不能操作';
  const needs: Record<Access, string> = {
    public: '',
    wall: '',
    view: '需要登录用户',
    operate: '需要值班员及以上角色',
    train: '需要演练员或管理员角色',
    administer: '需要管理员角色',
  };
  return `${needs[access]}（当前角色：${caller.role}）`;
}
