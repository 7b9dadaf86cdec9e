import { beforeAll, describe, expect, it } from 'vitest';
import { authPolicySchema, type User } from '@shared/model/user';
import { AuthService } from './auth-service';
import { hashPassword } from './password-hash';

/** Cheap hash parameters: the service's behaviour is the same, the tests stay fast. */
const cheap = { N: 2 ** 10, r: 8, p: 1 };
const policy = authPolicySchema.parse({
  lockAfterFailures: 10,
  lockMinutes: 15,
  sessionHours: 12,
  idleMinutes: 30,
  // The sign-in and session tests are not about the console lock (its own tests below set it).
  lockAfterIdleMinutes: 24 * 60,
});
const minute = 60_000;
const from = { address: '192.0.2.10', window: 'console' };

let operator: User;
let streetOperator: User;
let retired: User;

beforeAll(async () => {
  operator = {
    id: 'operator',
    displayName: '值班员 张三',
    role: 'operator',
    areas: { all: true },
    password: await hashPassword('demo-operator', cheap),
  };
  streetOperator = {
    id: 'waitan-operator',
    displayName: '外滩街道 陈七',
    role: 'operator',
    areas: { streets: ['waitan'] },
    password: await hashPassword('demo-waitan', cheap),
  };
  retired = { ...operator, id: 'retired', displayName: '退休 老王', disabled: true };
});

/** A service on a clock the test moves by hand. */
function service(users: User[] = [operator, streetOperator, retired], lockAfterIdleMinutes?: number) {
  const clock = { now: Date.UTC(2026, 11, 7, 8, 0) };
  const auth = new AuthService({
    users,
    policy: lockAfterIdleMinutes === undefined ? policy : { ...policy, lockAfterIdleMinutes },
    clock: () => clock.now,
    passwordParameters: cheap,
  });
  return { auth, clock };
}

describe('AuthService sign-in', () => {
  it('opens a session with a random 32-byte token, the role and the areas, and reports a login event', async () => {
    const { auth, clock } = service();
    const result = await auth.login('waitan-operator', 'demo-waitan', from);
    if (!result.ok) throw new Error('expected a session');
    expect(Buffer.from(result.session.token, 'base64url')).toHaveLength(32);
    expect(result.session).toMatchObject({
      userId: 'waitan-operator',
      role: 'operator',
      areas: { streets: ['waitan'] },
      expiresAt: clock.now + 12 * 60 * minute,
    });
    expect(result.events).toEqual([
      {
        type: 'login',
        at: clock.now,
        userId: 'waitan-operator',
        role: 'operator',
        sessionId: result.session.id,
        from,
      },
    ]);
    expect(result.events[0]).not.toHaveProperty('token');
    const again = await auth.login('waitan-operator', 'demo-waitan', from);
    expect(again.ok && again.session.token).not.toBe(result.session.token);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const { auth } = service();
    const unknown = await auth.login('nobody', 'demo-operator', from);
    const wrong = await auth.login('operator', 'not-the-password', from);
    expect(unknown).toMatchObject({ ok: false, refusal: { reason: 'invalid-credentials' } });
    expect(wrong).toMatchObject({ ok: false, refusal: { reason: 'invalid-credentials' } });
    expect(unknown.events.map((event) => event.type)).toEqual(['login.failed']);
    expect(wrong.events.map((event) => event.type)).toEqual(['login.failed']);
  });

  it('accepts the id typed with capitals and spaces', async () => {
    const { auth } = service();
    expect((await auth.login('  Operator ', 'demo-operator', from)).ok).toBe(true);
  });

  it('refuses a disabled user with the right password as disabled, and with a wrong one as invalid', async () => {
    const { auth } = service();
    expect(await auth.login('retired', 'demo-operator', from)).toMatchObject({
      ok: false,
      refusal: { reason: 'disabled' },
      events: [{ type: 'login.failed', reason: 'disabled', userId: 'retired' }],
    });
    expect(await auth.login('retired', 'guess', from)).toMatchObject({
      ok: false,
      refusal: { reason: 'invalid-credentials' },
    });
  });

  it('slows repeated wrong passwords down: 0, 0, 1, 2, 4 s before the next attempt, refusing earlier ones', async () => {
    const { auth, clock } = service();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const result = await auth.login('operator', 'wrong', from);
      if (result.ok || result.refusal.reason !== 'invalid-credentials')
        throw new Error('expected a wrong password');
      waits.push((result.refusal.retryAt - clock.now) / 1_000);
      if (result.refusal.retryAt > clock.now) {
        clock.now = result.refusal.retryAt - 1;
        // Even the right password is not checked before the time: the caller must honour the delay.
        expect(await auth.login('operator', 'demo-operator', from)).toMatchObject({
          ok: false,
          refusal: { reason: 'throttled', retryAt: clock.now + 1 },
          events: [{ type: 'login.failed', reason: 'throttled' }],
        });
        clock.now += 1;
      }
    }
    expect(waits).toEqual([0, 0, 1, 2, 4]);
    expect((await auth.login('operator', 'demo-operator', from)).ok).toBe(true);
  });

  it('locks the account after ten wrong passwords for 15 minutes, then lets the right password in', async () => {
    const { auth, clock } = service();
    let last;
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      last = await auth.login('operator', `wrong-${attempt}`, from);
      if (!last.ok && last.refusal.reason === 'invalid-credentials') clock.now = last.refusal.retryAt;
    }
    const lockedAt = clock.now;
    expect(last).toMatchObject({
      ok: false,
      refusal: { reason: 'locked', until: lockedAt + 15 * minute },
      events: [
        { type: 'login.failed', reason: 'invalid-credentials' },
        { type: 'locked', userId: 'operator', until: lockedAt + 15 * minute, failures: 10, from },
      ],
    });
    clock.now = lockedAt + 15 * minute - 1;
    expect(await auth.login('operator', 'demo-operator', from)).toMatchObject({
      ok: false,
      refusal: { reason: 'locked' },
      events: [{ type: 'login.failed', reason: 'locked' }],
    });
    clock.now = lockedAt + 15 * minute;
    expect((await auth.login('operator', 'demo-operator', from)).ok).toBe(true);
  });

  it('locks an unknown id like a real one, so locking does not tell which accounts exist', async () => {
    const { auth, clock } = service();
    let last;
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      last = await auth.login('nobody', 'wrong', from);
      if (!last.ok && last.refusal.reason === 'invalid-credentials') clock.now = last.refusal.retryAt;
    }
    expect(last).toMatchObject({ ok: false, refusal: { reason: 'locked' } });
  });

  it('checks one attempt per id at a time: a parallel guess is refused as throttled', async () => {
    const { auth } = service();
    const [first, second] = await Promise.all([
      auth.login('operator', 'wrong-1', from),
      auth.login('operator', 'wrong-2', from),
    ]);
    expect(first).toMatchObject({ ok: false, refusal: { reason: 'invalid-credentials' } });
    expect(second).toMatchObject({ ok: false, refusal: { reason: 'throttled' } });
  });

  it('rehashes a password made with weaker parameters at sign-in and hands the new hash to the caller', async () => {
    const weak = { ...operator, password: await hashPassword('demo-operator', { N: 2 ** 10, r: 4, p: 1 }) };
    const { auth } = service([weak]);
    const result = await auth.login('operator', 'demo-operator', from);
    if (!result.ok || !result.rehashed) throw new Error('expected a rehash');
    expect(result.rehashed.password).toMatchObject({ N: 2 ** 10, r: 8, p: 1 });
    const again = await auth.login('operator', 'demo-operator', from);
    expect(again.ok && again.rehashed).toBe(undefined);
  });
});

describe('AuthService sessions', () => {
  async function signedIn() {
    const context = service();
    const result = await context.auth.login('operator', 'demo-operator', from);
    if (!result.ok) throw new Error('expected a session');
    return { ...context, session: result.session };
  }

  it('ends a session idle for 30 minutes, and touch keeps a busy one alive', async () => {
    const { auth, clock, session } = await signedIn();
    clock.now += 29 * minute;
    expect(auth.touch(session.token).session?.userId).toBe('operator');
    clock.now += 29 * minute;
    expect(auth.session(session.token).session?.userId).toBe('operator');
    clock.now += 1 * minute;
    expect(auth.touch(session.token)).toEqual({
      session: null,
      events: [{ type: 'expired', at: clock.now, userId: 'operator', sessionId: session.id, reason: 'idle' }],
    });
    expect(auth.touch(session.token)).toEqual({ session: null, events: [] });
  });

  it('ends a session 12 hours after sign-in however busy', async () => {
    const { auth, clock, session } = await signedIn();
    for (let hour = 0; hour < 12 * 4 - 1; hour += 1) {
      clock.now += 15 * minute;
      expect(auth.touch(session.token).session).not.toBe(null);
    }
    clock.now = session.expiresAt;
    expect(auth.touch(session.token).events).toMatchObject([{ type: 'expired', reason: 'absolute' }]);
  });

  it('reports expired sessions on sweep, for the caller’s own timer', async () => {
    const { auth, clock, session } = await signedIn();
    expect(auth.sweep()).toEqual([]);
    clock.now += 30 * minute;
    expect(auth.sweep()).toMatchObject([{ type: 'expired', sessionId: session.id, reason: 'idle' }]);
    expect(auth.sessionCount).toBe(0);
  });

  it('ends a session on logout and on revoke, once', async () => {
    const { auth, session } = await signedIn();
    expect(auth.logout(session.token)).toMatchObject([
      { type: 'logout', userId: 'operator', sessionId: session.id },
    ]);
    expect(auth.touch(session.token).session).toBe(null);
    expect(auth.logout(session.token)).toEqual([]);
    const second = await auth.login('operator', 'demo-operator', from);
    if (!second.ok) throw new Error('expected a session');
    expect(auth.revoke(second.session.token)).toMatchObject([{ type: 'revoked', reason: 'revoked' }]);
    expect(auth.session(second.session.token).session).toBe(null);
  });

  it("revokes every session of a user and no one else's", async () => {
    const { auth, session } = await signedIn();
    await auth.login('operator', 'demo-operator', from);
    const other = await auth.login('waitan-operator', 'demo-waitan', from);
    const events = auth.revokeUser('operator', 'user-disabled');
    expect(events.map((event) => [event.type, event.userId])).toEqual([
      ['revoked', 'operator'],
      ['revoked', 'operator'],
    ]);
    expect(auth.session(session.token).session).toBe(null);
    expect(other.ok && auth.session(other.session.token).session?.userId).toBe('waitan-operator');
  });

  it('ends the sessions of users disabled, given a new password, new areas or removed when users.json changes', async () => {
    const { auth } = service();
    const tokens: Record<string, string> = {};
    for (const [id, password] of [
      ['operator', 'demo-operator'],
      ['waitan-operator', 'demo-waitan'],
    ]) {
      const result = await auth.login(id!, password!, from);
      if (result.ok) tokens[id!] = result.session.token;
    }
    const events = auth.replaceUsers([
      { ...operator, disabled: true },
      { ...streetOperator, areas: { all: true } },
    ]);
    expect(events.map((event) => event.type === 'revoked' && [event.userId, event.reason])).toEqual([
      ['operator', 'user-disabled'],
      ['waitan-operator', 'user-changed'],
    ]);
    expect(await auth.login('operator', 'demo-operator', from)).toMatchObject({
      refusal: { reason: 'disabled' },
    });
    const renewed = await auth.login('waitan-operator', 'demo-waitan', from);
    expect(renewed.ok && renewed.session.areas).toEqual({ all: true });
    const newPassword = { ...streetOperator, password: await hashPassword('new-password', cheap) };
    expect(auth.replaceUsers([newPassword])).toMatchObject([{ type: 'revoked', reason: 'password-changed' }]);
    expect(auth.replaceUsers([])).toEqual([]);
  });

  it('gives the principal a session acts as', async () => {
    const { session } = await signedIn();
    expect(AuthService.principalOf(session)).toEqual({
      kind: 'user',
      userId: 'operator',
      role: 'operator',
      areas: { all: true },
    });
  });
});

describe('AuthService console lock', () => {
  /** Signed in as the operator on a workspace whose consoles lock after 10 minutes without input. */
  async function signedIn() {
    const context = service(undefined, 10);
    const result = await context.auth.login('operator', 'demo-operator', from);
    if (!result.ok) throw new Error('expected a session');
    return { ...context, session: result.session, signedInAt: context.clock.now };
  }

  it('locks exactly 10 minutes after the last input, and reports the lock once', async () => {
    const { auth, clock, session, signedInAt } = await signedIn();
    clock.now = signedInAt + 10 * minute - 1;
    expect(auth.session(session.token)).toMatchObject({ session: { lockedAt: null }, events: [] });
    clock.now += 1;
    expect(auth.session(session.token)).toEqual({
      session: expect.objectContaining({ lockedAt: signedInAt + 10 * minute }),
      events: [
        {
          type: 'session.locked',
          at: clock.now,
          userId: 'operator',
          sessionId: session.id,
          idleSince: signedInAt,
        },
      ],
    });
    expect(auth.touch(session.token).events).toEqual([]);
    expect(auth.touch(session.token).session?.lockedAt).toBe(signedInAt + 10 * minute);
  });

  it('counts the input the console reports, not its background requests', async () => {
    const { auth, clock, session, signedInAt } = await signedIn();
    clock.now = signedInAt + 9 * minute;
    auth.activity(session.token);
    clock.now = signedInAt + 15 * minute;
    auth.touch(session.token);
    clock.now = signedInAt + 19 * minute - 1;
    expect(auth.touch(session.token).session?.lockedAt).toBe(null);
    clock.now += 1;
    expect(auth.touch(session.token).session?.lockedAt).toBe(signedInAt + 19 * minute);
    // Input at the lock screen is no password: the console stays locked.
    clock.now += minute;
    expect(auth.activity(session.token).session?.lockedAt).toBe(signedInAt + 19 * minute);
  });

  it('unlocks with the right password, reports it, and locks again 10 minutes later', async () => {
    const { auth, clock, session, signedInAt } = await signedIn();
    clock.now = signedInAt + 12 * minute;
    const result = await auth.unlock(session.token, 'demo-operator', from);
    expect(result).toMatchObject({ ok: true, session: { lockedAt: null, lastInputAt: clock.now } });
    expect(result.events).toEqual([
      expect.objectContaining({ type: 'session.locked', idleSince: signedInAt }),
      { type: 'unlocked', at: clock.now, userId: 'operator', sessionId: session.id, from },
    ]);
    clock.now += 10 * minute;
    expect(auth.touch(session.token).session?.lockedAt).toBe(clock.now);
  });

  it('counts wrong unlock passwords with the sign-in failures: the tenth locks the account and ends the session', async () => {
    const { auth, clock, session, signedInAt } = await signedIn();
    clock.now = signedInAt + 10 * minute;
    // Five wrong passwords at the login page (someone else's window), five at the lock screen.
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await auth.login('operator', `guess-${attempt}`, from)).ok).toBe(false);
      clock.now += 31_000;
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      const wrong = await auth.unlock(session.token, `guess-${attempt}`, from);
      expect(wrong).toMatchObject({ ok: false, refusal: { reason: 'invalid-credentials' }, isEnded: false });
      expect(wrong.events.at(-1)).toMatchObject({ type: 'unlock.failed', sessionId: session.id });
      clock.now += 31_000;
    }
    const tenth = await auth.unlock(session.token, 'guess-9', from);
    expect(tenth).toMatchObject({ ok: false, refusal: { reason: 'locked' }, isEnded: true });
    expect(tenth.events.map((event) => event.type)).toEqual(['unlock.failed', 'locked', 'revoked']);
    expect(tenth.events[2]).toMatchObject({ reason: 'account-locked', sessionId: session.id });
    expect(auth.session(session.token).session).toBe(null);
    expect(await auth.login('operator', 'demo-operator', from)).toMatchObject({
      ok: false,
      refusal: { reason: 'locked' },
    });
  });

  it('refuses an unlock too soon after a wrong one without checking it, as sign-in does', async () => {
    const { auth, clock, session, signedInAt } = await signedIn();
    clock.now = signedInAt + 10 * minute;
    for (let attempt = 0; attempt < 3; attempt++) await auth.unlock(session.token, 'wrong', from);
    const early = await auth.unlock(session.token, 'demo-operator', from);
    expect(early).toMatchObject({ ok: false, refusal: { reason: 'throttled' } });
    expect(auth.session(session.token).session?.lockedAt).not.toBe(null);
  });

  it('ends a locked session at its absolute expiry, and its requests do not keep it alive', async () => {
    const { auth, clock, session, signedInAt } = await signedIn();
    clock.now = signedInAt + 29 * minute;
    expect(auth.touch(session.token).session?.lockedAt).not.toBe(null);
    clock.now = signedInAt + 30 * minute;
    expect(auth.touch(session.token).events).toMatchObject([{ type: 'expired', reason: 'idle' }]);
    const busy = await signedIn();
    busy.clock.now = busy.session.expiresAt;
    expect(busy.auth.activity(busy.session.token).events).toMatchObject([
      { type: 'expired', reason: 'absolute' },
    ]);
  });
});
