import { beforeAll, describe, expect, it } from 'vitest';
import { authPolicySchema, type User } from '@shared/model/user';
import type { JournalInput } from '@shared/model/journal';
import type { CoreSession } from '../session';
import type { Workspace } from '../workspace/load-workspace';
import { hashPassword } from './password-hash';
import { Audit } from './audit';
import { SignIn, localAdmin, refusalText } from './sign-in';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const minute = 60_000;
let users: User[];

beforeAll(async () => {
  users = [
    {
      id: 'operator',
      displayName: '值班员 张三',
      role: 'operator',
      areas: { all: true },
      password: await hashPassword('demo-operator', cheap),
    },
    {
      id: 'viewer',
      displayName: '观察员 李四',
      role: 'viewer',
      areas: { streets: ['waitan'] },
      password: await hashPassword('demo-viewer', cheap),
    },
  ];
});

/** A SignIn over these users (or none), an injected clock, a journal that keeps what it is given. */
function signInWith(options: { withUsers?: boolean; consoleUser?: string; isLoopback?: boolean } = {}) {
  const clock = { now: Date.UTC(2026, 11, 7, 8, 0) };
  const records: JournalInput[] = [];
  const sessions: CoreSession[] = [];
  const policy = authPolicySchema.parse({ lockAfterFailures: 3, lockMinutes: 15, idleMinutes: 30 });
  const workspace = {
    users: options.withUsers === false ? null : { version: 1, policy, users },
  } as Workspace;
  const signIn = new SignIn({
    workspace,
    consoleUser: options.consoleUser ?? null,
    machineToken: 'wall-token',
    isLoopback: options.isLoopback ?? true,
    audit: new Audit({ append: async (input) => records.push(input) }, () => clock.now),
    sessions: () => sessions,
    clock: () => clock.now,
  });
  return { signIn, clock, records, sessions };
}

/** The parts of a CoreSession the sign-in reads and writes. */
function fakeSession(identity: { principal: CoreSession['principal']; authToken?: string | null }) {
  const sent: Array<{ name: string; payload: unknown }> = [];
  const session = {
    role: 'console',
    address: '192.0.2.10',
    principal: identity.principal,
    authToken: identity.authToken ?? null,
    send: (name: string, payload: unknown) => sent.push({ name, payload }),
  } as unknown as CoreSession;
  return { session, sent };
}

describe('SignIn: which credential a connection carries', () => {
  it('makes the wall token a machine, the start ticket the demo operator, a stale token a refusal', () => {
    const { signIn } = signInWith({ consoleUser: 'operator' });
    const address = '127.0.0.1';
    expect(signIn.identify({ token: 'wall-token', address })).toEqual({
      principal: { kind: 'machine', nodeId: 'wall' },
      address,
    });
    expect(signIn.identify({ token: signIn.consoleTicket, address })).toMatchObject({
      principal: { kind: 'user', userId: 'operator', role: 'operator' },
    });
    expect(signIn.consoleNotice).toBe('演示：已以 值班员 张三 登录');
    expect(signIn.identify({ token: 'yesterdays-token', address })).toBe('refused');
    expect(signIn.identify({ address })).toEqual({ principal: null, address });
    expect(signIn.identify({ cookie: 'not-a-session', address })).toEqual({ principal: null, address });
  });

  it('gives a workspace with users and no console user no ticket: the console starts at the login page', () => {
    expect(signInWith().signIn.consoleTicket).toBeNull();
  });

  it('signs a console in as the local administrator without users.json on loopback only, with a warning', () => {
    const local = signInWith({ withUsers: false }).signIn;
    expect(local.consolePrincipal).toEqual(localAdmin);
    expect(local.consoleNotice).toContain('未配置用户');
    const lan = signInWith({ withUsers: false, isLoopback: false }).signIn;
    expect(lan.consoleTicket).toBeNull();
    expect(lan.consolePrincipal).toBeNull();
  });

  it('reads a session cookie as that user', async () => {
    const { signIn } = signInWith();
    const session = await signIn.login('viewer', 'demo-viewer', '192.0.2.10', 'console');
    expect(signIn.identify({ cookie: session.token, address: '192.0.2.10' })).toMatchObject({
      principal: { kind: 'user', userId: 'viewer', role: 'viewer', areas: { streets: ['waitan'] } },
      authToken: session.token,
    });
  });
});

describe('SignIn: refusals and the end of sessions', () => {
  it('answers the third wrong password with the lock and its time, journaled as account.locked', async () => {
    const { signIn, clock, records } = signInWith();
    const attempt = () => signIn.login('operator', 'wrong', '192.0.2.10', 'console');
    await expect(attempt()).rejects.toThrow('用户名或密码错误');
    await expect(attempt()).rejects.toThrow('用户名或密码错误');
    clock.now += 1_000; // the wait after two failures
    const lockedText = refusalText({ reason: 'locked', until: clock.now + 15 * minute });
    await expect(attempt()).rejects.toThrow(lockedText);
    // Locked: even the right password is refused, with the same time.
    await expect(signIn.login('operator', 'demo-operator', '192.0.2.10', 'console')).rejects.toThrow(
      lockedText,
    );
    expect(refusalText({ reason: 'locked', until: clock.now })).toMatch(
      /^连续输错密码，账户已锁定至 \d\d:\d\d$/,
    );
    expect(records.map((record) => record.action)).toEqual([
      'login.failed',
      'login.failed',
      'login.failed',
      'account.locked',
      'login.failed',
    ]);
    expect(records[0]).toMatchObject({
      actor: { userId: 'operator', window: 'console', address: '192.0.2.10' },
    });
  });

  it('ends an idle session before the next request: anonymous again, told so, journaled', async () => {
    const { signIn, clock, records, sessions } = signInWith();
    const signedIn = await signIn.login('operator', 'demo-operator', '192.0.2.10', 'console');
    const { session, sent } = fakeSession({
      principal: { kind: 'user', userId: 'operator', role: 'operator', areas: { all: true } },
      authToken: signedIn.token,
    });
    sessions.push(session);
    signIn.guard.refresh(session);
    expect(session.principal).not.toBeNull();
    clock.now += 31 * minute;
    signIn.guard.refresh(session);
    expect(session.principal).toBeNull();
    expect(sent).toEqual([{ name: 'auth.sessionEnded', payload: { reason: 'expired' } }]);
    expect(records.map((record) => record.action)).toEqual(['login', 'session.expired']);
  });

  it('ends a session that went idle without any request at the next sweep (an idle console)', async () => {
    const { signIn, clock, records, sessions } = signInWith();
    const signedIn = await signIn.login('operator', 'demo-operator', '192.0.2.10', 'console');
    const { session, sent } = fakeSession({
      principal: { kind: 'user', userId: 'operator', role: 'operator', areas: { all: true } },
      authToken: signedIn.token,
    });
    sessions.push(session);
    signIn.sweep();
    expect(sent).toEqual([]);
    clock.now += 31 * minute;
    signIn.sweep();
    expect(session.principal).toBeNull();
    expect(sent).toEqual([{ name: 'auth.sessionEnded', payload: { reason: 'expired' } }]);
    expect(records.map((record) => record.action)).toEqual(['login', 'session.expired']);
  });

  it('journals a refused request with the actor it came from', () => {
    const { signIn, records } = signInWith();
    const { session } = fakeSession({
      principal: { kind: 'user', userId: 'viewer', role: 'viewer', areas: { all: true } },
    });
    signIn.guard.refused(session, 'wall.command', '需要值班员及以上角色');
    expect(records).toEqual([
      {
        actor: { userId: 'viewer', role: 'viewer', window: 'console', address: '192.0.2.10' },
        action: 'refused',
        target: { kind: 'request', id: 'wall.command' },
        result: 'refused',
        reason: '无权限：需要值班员及以上角色',
      },
    ]);
  });
});
