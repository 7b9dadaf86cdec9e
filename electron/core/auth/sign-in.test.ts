import { beforeAll, describe, expect, it } from 'vitest';
import { authPolicySchema, type User } from '@shared/model/user';
import type { JournalInput } from '@shared/model/journal';
import type { RequestHandlers } from '@shared/protocol';
import { CoreSession, type SessionContext } from '../session';
import { FeedHub } from '../feeds/feed-hub';
import type { Workspace } from '../workspace/load-workspace';
import { hashPassword } from './password-hash';
import { Audit } from './audit';
import { SignIn, localAdmin, refusalText } from './sign-in';
import { AuthService } from './auth-service';

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
    signIn.guard.refused(session, 'wall.command', '无权限：需要值班员及以上角色');
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

describe('SignIn: the console lock', () => {
  /** A real CoreSession of a signed-in operator, whose wall.command handler only counts its calls. */
  async function lockedConsoleSetup() {
    const context = signInWith();
    const { signIn, sessions } = context;
    const signedIn = await signIn.login('operator', 'demo-operator', '192.0.2.10', 'console');
    const sent: Array<{ name: string; payload: unknown }> = [];
    const commands: unknown[] = [];
    const handlers = {
      ...signIn.handlers(),
      'wall.command': async (params: unknown) => {
        commands.push(params);
        return { state: null };
      },
    } as unknown as RequestHandlers<SessionContext>;
    const session = new CoreSession(
      handlers,
      new FeedHub({ now: () => context.clock.now }),
      (name, payload) => sent.push({ name, payload }),
      {},
      {
        principal: AuthService.principalOf(signedIn),
        authToken: signedIn.token,
        address: '192.0.2.10',
      },
      signIn.guard,
    );
    session.role = 'console';
    sessions.push(session);
    const command = () =>
      session.request('wall.command', { command: { type: 'scenario.activate', scenarioId: 'fire' } });
    return { ...context, session, sent, commands, command, signedInAt: context.clock.now };
  }

  it('locks the console after 10 minutes without input: told once, commands refused with 已锁定 and journaled once', async () => {
    const { signIn, clock, records, session, sent, commands, command, signedInAt } =
      await lockedConsoleSetup();
    await command();
    expect(commands).toHaveLength(1);
    clock.now = signedInAt + 10 * minute;
    signIn.sweep();
    expect(sent).toEqual([{ name: 'auth.locked', payload: {} }]);
    await expect(command()).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringMatching(/^已锁定/),
    });
    // Its widgets retry: each request is journaled once per lock, not once per retry.
    await expect(command()).rejects.toMatchObject({ code: 'locked' });
    expect(commands).toHaveLength(1);
    // The lock screen still learns who is signed in, and that the console is locked.
    expect(await session.request('auth.me', {})).toMatchObject({
      kind: 'user',
      user: { id: 'operator', displayName: '值班员 张三' },
      isLocked: true,
      lockAfterIdleMs: 10 * minute,
    });
    expect(records.map((record) => record.action)).toEqual(['login', 'session.locked', 'refused']);
    expect(records[2]).toMatchObject({
      actor: { userId: 'operator', role: 'operator', window: 'console' },
      target: { kind: 'request', id: 'wall.command' },
      reason: '已锁定：请输入密码解锁',
    });
    expect(sent).toHaveLength(1);
  });

  it('keeps the console open while the person reports input, and unlocks only with the right password', async () => {
    const { clock, records, session, sent, commands, command, signedInAt } = await lockedConsoleSetup();
    clock.now = signedInAt + 9 * minute;
    expect(await session.request('auth.activity', {})).toEqual({ isLocked: false });
    clock.now = signedInAt + 18 * minute;
    await command();
    clock.now = signedInAt + 19 * minute;
    await expect(command()).rejects.toMatchObject({ code: 'locked' });
    // The lock screen's input is no password.
    expect(await session.request('auth.activity', {})).toEqual({ isLocked: true });

    await expect(session.request('auth.unlock', { password: 'wrong' })).rejects.toThrow('密码错误');
    await expect(command()).rejects.toMatchObject({ code: 'locked' });
    expect(await session.request('auth.unlock', { password: 'demo-operator' })).toMatchObject({
      isLocked: false,
    });
    await command();
    expect(commands).toHaveLength(2);
    expect(sent.map((event) => event.name)).toEqual(['auth.locked', 'auth.unlocked']);
    expect(records.map((record) => [record.action, record.result])).toEqual([
      ['login', 'ok'],
      ['session.locked', 'ok'],
      ['refused', 'refused'],
      ['session.unlocked', 'refused'],
      ['session.unlocked', 'ok'],
    ]);
  });

  it('sends a console whose wrong unlock passwords lock the account to the login page', async () => {
    const { clock, records, session, sent, signedInAt } = await lockedConsoleSetup();
    clock.now = signedInAt + 10 * minute;
    await expect(session.request('auth.unlock', { password: 'wrong' })).rejects.toThrow('密码错误');
    await expect(session.request('auth.unlock', { password: 'wrong' })).rejects.toThrow('密码错误');
    clock.now += 1_000;
    // The third wrong password (this workspace locks after three) locks the account.
    await expect(session.request('auth.unlock', { password: 'wrong' })).rejects.toThrow(/账户已锁定至/);
    expect(session.principal).toBeNull();
    expect(sent.map((event) => event.name)).toEqual(['auth.locked', 'auth.sessionEnded']);
    expect(records.map((record) => record.action)).toContain('account.locked');
  });

  it('never locks a wall window (a machine) nor a console signed in by the start ticket', async () => {
    const { signIn, clock } = signInWith({ consoleUser: 'operator' });
    const wall = fakeSession({ principal: { kind: 'machine', nodeId: 'wall' } });
    clock.now += 60 * minute;
    signIn.guard.refresh(wall.session);
    expect(wall.session.isLocked).toBeFalsy();
    expect(signIn.whoAmI(wall.session)).toMatchObject({ kind: 'machine', isLocked: false });
    const ticket = fakeSession({ principal: signIn.consolePrincipal });
    expect(signIn.whoAmI(ticket.session)).toMatchObject({
      kind: 'user',
      isLocked: false,
      lockAfterIdleMs: null,
    });
  });
});
