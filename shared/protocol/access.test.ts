import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accessLevels, mayCall, refusalReason, type Access, type Caller } from './access';
import { requestSchemas, type RequestDeclaration } from './messages';

const viewer: Caller = { kind: 'user', role: 'viewer' };
const operator: Caller = { kind: 'user', role: 'operator' };
const trainer: Caller = { kind: 'user', role: 'trainer' };
const admin: Caller = { kind: 'user', role: 'admin' };
const machine: Caller = { kind: 'machine' };

describe('the permission table', () => {
  it('has an access level for every request', () => {
    for (const [name, declaration] of Object.entries(requestSchemas))
      expect(accessLevels, name).toContain((declaration as RequestDeclaration).access);
  });

  it('makes a request without an access level a type error', () => {
    // @ts-expect-error — `access` is missing: the protocol cannot declare a request without it.
    const undeclared: RequestDeclaration = { params: z.object({}), result: z.object({}) };
    expect(undeclared).toBeDefined();
  });

  it.each<[string, Caller, Record<Access, boolean>]>([
    [
      'nobody signed in',
      null,
      { public: true, wall: false, view: false, operate: false, train: false, administer: false },
    ],
    [
      'a wall machine',
      machine,
      { public: true, wall: true, view: false, operate: false, train: false, administer: false },
    ],
    [
      'a viewer',
      viewer,
      { public: true, wall: true, view: true, operate: false, train: false, administer: false },
    ],
    [
      'an operator',
      operator,
      { public: true, wall: true, view: true, operate: true, train: false, administer: false },
    ],
    [
      'a trainer',
      trainer,
      { public: true, wall: true, view: true, operate: true, train: true, administer: false },
    ],
    [
      'an admin',
      admin,
      { public: true, wall: true, view: true, operate: true, train: true, administer: true },
    ],
  ])('%s reaches exactly its levels', (_who, caller, expected) => {
    const reached = Object.fromEntries(accessLevels.map((access) => [access, mayCall(caller, access)]));
    expect(reached).toEqual(expected);
  });

  it('lets a wall machine read and play, never command, and a viewer command nothing', () => {
    expect(requestSchemas['wall.command'].access).toBe('operate');
    expect(mayCall(machine, requestSchemas['wall.command'].access)).toBe(false);
    expect(mayCall(viewer, requestSchemas['wall.command'].access)).toBe(false);
    expect(mayCall(machine, requestSchemas['media.resolve'].access)).toBe(true);
    expect(mayCall(machine, requestSchemas['session.hello'].access)).toBe(true);
  });

  it('leaves a connection without credential only the public requests: hello-free sign-in', () => {
    const open = Object.entries(requestSchemas)
      .filter(([, declaration]) => mayCall(null, declaration.access))
      .map(([name]) => name)
      .sort();
    // auth.activity and auth.unlock act only on the connection's own session (nothing without one).
    expect(open).toEqual(['auth.activity', 'auth.login', 'auth.logout', 'auth.me', 'auth.unlock']);
  });

  it('says why in Chinese', () => {
    expect(refusalReason(null, 'wall')).toBe('未登录');
    expect(refusalReason(machine, 'operate')).toContain('大屏节点');
    expect(refusalReason(viewer, 'operate')).toContain('viewer');
  });
});
