// Sign-in and sessions: checks passwords, issues session tokens, ends sessions (expiry, sign-out, revocation),
// locks a console left without input and unlocks it with the password, and slows down and locks repeated failures.
// Pure apart from hashing: time comes from an injected clock, there are no timers (the caller may call sweep() on
// its own), and every outcome is returned as events for the journal.
import { createHash, randomBytes } from 'node:crypto';
import type { Areas, AuthPolicy, PasswordHash, Principal, Role, User } from '@shared/model/user';
import type { AuthEvent, LoginFailure, LoginOrigin, RevokeReason } from './auth-event';
import { LoginThrottle } from './login-throttle';
import {
  hashPassword,
  keyBytes,
  needsRehash,
  passwordParameters,
  saltBytes,
  verifyPassword,
  type PasswordParameters,
} from './password-hash';

/** A signed-in user's session. Only its holder gets `token`; `id` names it in the journal. */
export interface Session {
  readonly token: string;
  readonly id: string;
  readonly userId: string;
  readonly role: Role;
  readonly areas: Areas;
  readonly createdAt: number;
  /** Absolute end, however busy the session is. */
  readonly expiresAt: number;
  /** End if no request comes before; moved on by touch(). */
  readonly idleExpiresAt: number;
  /** The person's last input the console reported (activity()), or sign-in / unlock. */
  readonly lastInputAt: number;
  /** Since when the console is locked (`lastInputAt` + the lock time), null while open. */
  readonly lockedAt: number | null;
}

/** A refused sign-in and what the caller must tell (and make) the user wait for. */
export type LoginRefusal =
  | { readonly reason: 'invalid-credentials'; readonly retryAt: number }
  | { readonly reason: 'throttled'; readonly retryAt: number }
  | { readonly reason: 'locked'; readonly until: number }
  | { readonly reason: 'disabled' };

export type LoginResult = { readonly events: AuthEvent[] } & (
  | {
      readonly ok: true;
      readonly session: Session;
      /** The password was rehashed with today's parameters: the caller saves it to users.json. */
      readonly rehashed?: { readonly userId: string; readonly password: PasswordHash };
    }
  | { readonly ok: false; readonly refusal: LoginRefusal }
);

/** An unlock: the session again, or the refusal (null: no session any more) and whether the session ended. */
export type UnlockResult = { readonly events: AuthEvent[] } & (
  | { readonly ok: true; readonly session: Session }
  | { readonly ok: false; readonly refusal: LoginRefusal | null; readonly isEnded: boolean }
);

/** A session looked up by token: null when there is none (any more); events say if it just expired. */
export interface SessionLookup {
  readonly session: Session | null;
  readonly events: AuthEvent[];
}

export interface AuthServiceOptions {
  readonly users: readonly User[];
  readonly policy: AuthPolicy;
  /** Milliseconds since 1970 (Date.now in the core, a variable in tests). */
  readonly clock: () => number;
  /** Hash parameters for new hashes and rehashing (tests use cheaper ones). */
  readonly passwordParameters?: PasswordParameters;
}

const minute = 60_000;

/** Ids are lowercase; what the user types is trimmed, lower-cased and bounded before it is looked up or journaled. */
function claimedId(typed: string): string {
  return typed.trim().toLowerCase().slice(0, 64);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  private users = new Map<string, User>();
  /** By SHA-256 of the token, so the lookup's timing says nothing about a token's characters. */
  private readonly sessions = new Map<string, Session>();
  private readonly throttle: LoginThrottle;
  private readonly parameters: PasswordParameters;
  /** Checked for unknown ids, so they cost what a real user costs (no timing difference). */
  private readonly decoy: PasswordHash;

  constructor(private readonly options: AuthServiceOptions) {
    this.parameters = options.passwordParameters ?? passwordParameters;
    this.throttle = new LoginThrottle(options.policy.lockAfterFailures, options.policy.lockMinutes * minute);
    this.decoy = {
      algorithm: 'scrypt',
      ...this.parameters,
      salt: randomBytes(saltBytes).toString('base64'),
      hash: randomBytes(keyBytes).toString('base64'),
    };
    for (const user of options.users) this.users.set(user.id, user);
  }

  /** Signs in; at most one password check per id runs at a time, and a locked or waiting id is not checked at all. */
  async login(typedId: string, password: string, from: LoginOrigin): Promise<LoginResult> {
    const userId = claimedId(typedId);
    const checked = await this.check(userId, password, from, (reason, at) => ({
      type: 'login.failed',
      at,
      userId,
      reason,
      from,
    }));
    if (!checked.ok) return checked;
    const { user, at } = checked;
    let rehashed: { userId: string; password: PasswordHash } | undefined;
    if (needsRehash(user.password, this.parameters)) {
      rehashed = { userId, password: await hashPassword(password, this.parameters) };
      this.users.set(userId, { ...user, password: rehashed.password });
    }
    const session = this.openSession(user, at);
    return {
      ok: true,
      session,
      ...(rehashed ? { rehashed } : {}),
      events: [{ type: 'login', at, userId, role: user.role, sessionId: session.id, from }],
    };
  }

  /**
   * The person's input reached the console (pointer, keys): the lock clock starts again. Ignored while locked
   * (only the password unlocks) and for unknown tokens; may itself find the session just locked or expired.
   */
  activity(token: string): SessionLookup {
    const lookup = this.lookup(token, false);
    const session = lookup.session;
    if (!session || session.lockedAt !== null) return lookup;
    const touched: Session = { ...session, lastInputAt: this.options.clock() };
    this.sessions.set(digest(token), touched);
    return { session: touched, events: lookup.events };
  }

  /**
   * Unlocks a locked console with its user's password: the same scrypt check and the same throttle as sign-in,
   * so wrong passwords here count toward the account lock, and the lock they start ends this session too.
   */
  async unlock(token: string, password: string, from: LoginOrigin): Promise<UnlockResult> {
    const lookup = this.lookup(token, false);
    const session = lookup.session;
    if (!session) return { ok: false, refusal: null, isEnded: true, events: lookup.events };
    if (session.lockedAt === null) return { ok: true, session, events: lookup.events };
    const { userId, id: sessionId } = session;
    const checked = await this.check(userId, password, from, (reason, at) => ({
      type: 'unlock.failed',
      at,
      userId,
      sessionId,
      reason,
      from,
    }));
    if (!checked.ok) {
      const isAccountLocked = checked.refusal.reason === 'locked' || checked.refusal.reason === 'disabled';
      const ended = isAccountLocked ? this.revoke(token, 'account-locked') : [];
      const events = [...lookup.events, ...checked.events, ...ended];
      return { ok: false, refusal: checked.refusal, isEnded: isAccountLocked, events };
    }
    const current = this.sessions.get(digest(token));
    if (!current) return { ok: false, refusal: null, isEnded: true, events: lookup.events };
    const at = checked.at;
    const unlocked: Session = {
      ...current,
      lockedAt: null,
      lastInputAt: at,
      idleExpiresAt: Math.min(at + this.options.policy.idleMinutes * minute, current.expiresAt),
    };
    this.sessions.set(digest(token), unlocked);
    return {
      ok: true,
      session: unlocked,
      events: [...lookup.events, { type: 'unlocked', at, userId, sessionId, from }],
    };
  }

  /** The session of `token` without counting it as activity (null when unknown, ended or expired). */
  session(token: string): SessionLookup {
    return this.lookup(token, false);
  }

  /** The session of `token`, counting a request: its idle expiry moves on (not while locked; nor the lock's clock). */
  touch(token: string): SessionLookup {
    return this.lookup(token, true);
  }

  /** The principal a session acts as. */
  static principalOf(session: Session): Principal {
    return { kind: 'user', userId: session.userId, role: session.role, areas: session.areas };
  }

  /** The holder signs out. */
  logout(token: string): AuthEvent[] {
    const key = digest(token);
    const session = this.sessions.get(key);
    if (!session) return [];
    this.sessions.delete(key);
    return [{ type: 'logout', at: this.options.clock(), userId: session.userId, sessionId: session.id }];
  }

  /** Ends one session (an administrator's decision). */
  revoke(token: string, reason: RevokeReason = 'revoked'): AuthEvent[] {
    const key = digest(token);
    const session = this.sessions.get(key);
    if (!session) return [];
    this.sessions.delete(key);
    return [
      { type: 'revoked', at: this.options.clock(), userId: session.userId, sessionId: session.id, reason },
    ];
  }

  /** Ends every session of a user (disabled, password changed, removed). */
  revokeUser(userId: string, reason: RevokeReason = 'revoked'): AuthEvent[] {
    const at = this.options.clock();
    const events: AuthEvent[] = [];
    for (const [key, session] of this.sessions) {
      if (session.userId !== userId) continue;
      this.sessions.delete(key);
      events.push({ type: 'revoked', at, userId, sessionId: session.id, reason });
    }
    return events;
  }

  /**
   * Takes a new user list (users.json was edited): sessions of users removed, disabled, with a new password, or
   * with another role or other areas end (a session carries the role and areas it was opened with).
   */
  replaceUsers(users: readonly User[]): AuthEvent[] {
    const next = new Map(users.map((user) => [user.id, user]));
    const events: AuthEvent[] = [];
    for (const [userId, before] of this.users) {
      const after = next.get(userId);
      const reason: RevokeReason | null = !after
        ? 'user-removed'
        : after.disabled
          ? 'user-disabled'
          : after.password.hash !== before.password.hash || after.password.salt !== before.password.salt
            ? 'password-changed'
            : after.role !== before.role || JSON.stringify(after.areas) !== JSON.stringify(before.areas)
              ? 'user-changed'
              : null;
      if (reason) events.push(...this.revokeUser(userId, reason));
    }
    this.users = next;
    return events;
  }

  /** Ends every expired session: the caller's own timer calls this so that expiries are journaled on time. */
  sweep(): AuthEvent[] {
    const now = this.options.clock();
    const events: AuthEvent[] = [];
    for (const [key, session] of this.sessions) {
      const event = this.expiry(session, now);
      if (event) {
        this.sessions.delete(key);
        events.push(event);
      }
    }
    return events;
  }

  /** How many sessions are open (for tests and status pages). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /**
   * The password check sign-in and unlock share: a locked or waiting id is refused unchecked, at most one check
   * per id runs at a time, a wrong password counts toward the lock (events made by `failed`).
   */
  private async check(
    userId: string,
    password: string,
    from: LoginOrigin,
    failed: (reason: LoginFailure, at: number) => AuthEvent,
  ): Promise<
    | { readonly ok: true; readonly user: User; readonly at: number }
    | { readonly ok: false; readonly refusal: LoginRefusal; readonly events: AuthEvent[] }
  > {
    const now = this.options.clock();
    const refuse = (refusal: LoginRefusal, reason: LoginFailure, at: number, more: AuthEvent[] = []) => ({
      ok: false as const,
      refusal,
      events: [failed(reason, at), ...more],
    });
    const state = this.throttle.state(userId, now);
    if (state.kind === 'locked') return refuse({ reason: 'locked', until: state.until }, 'locked', now);
    if (state.kind === 'wait')
      return refuse({ reason: 'throttled', retryAt: state.retryAt }, 'throttled', now);

    this.throttle.begin(userId);
    const user = this.users.get(userId);
    let isMatch: boolean;
    try {
      isMatch = (await verifyPassword(password, user?.password ?? this.decoy)) && user !== undefined;
    } catch (error) {
      this.throttle.ended(userId);
      throw error;
    }
    const at = this.options.clock();
    if (!user || !isMatch) {
      const next = this.throttle.failed(userId, at);
      if (next.kind === 'locked') {
        const locked: AuthEvent = {
          type: 'locked',
          at,
          userId,
          until: next.until,
          failures: next.failures,
          from,
        };
        return refuse({ reason: 'locked', until: next.until }, 'invalid-credentials', at, [locked]);
      }
      const retryAt = next.kind === 'wait' ? next.retryAt : at;
      return refuse({ reason: 'invalid-credentials', retryAt }, 'invalid-credentials', at);
    }
    // Only the right password learns that the account is disabled.
    if (user.disabled) {
      this.throttle.ended(userId);
      return refuse({ reason: 'disabled' }, 'disabled', at);
    }
    this.throttle.succeeded(userId);
    return { ok: true, user, at };
  }

  private openSession(user: User, now: number): Session {
    const token = randomBytes(32).toString('base64url');
    const key = digest(token);
    const policy = this.options.policy;
    const expiresAt = now + policy.sessionHours * 60 * minute;
    const session: Session = {
      token,
      id: key.slice(0, 16),
      userId: user.id,
      role: user.role,
      areas: user.areas,
      createdAt: now,
      expiresAt,
      idleExpiresAt: Math.min(now + policy.idleMinutes * minute, expiresAt),
      lastInputAt: now,
      lockedAt: null,
    };
    this.sessions.set(key, session);
    return session;
  }

  private expiry(session: Session, now: number): AuthEvent | null {
    const reason = now >= session.expiresAt ? 'absolute' : now >= session.idleExpiresAt ? 'idle' : null;
    return reason && { type: 'expired', at: now, userId: session.userId, sessionId: session.id, reason };
  }

  private lookup(token: string, isRequest: boolean): SessionLookup {
    const key = digest(token);
    const found = this.sessions.get(key);
    if (!found) return { session: null, events: [] };
    const now = this.options.clock();
    const expired = this.expiry(found, now);
    if (expired) {
      this.sessions.delete(key);
      return { session: null, events: [expired] };
    }
    let session = found;
    const events: AuthEvent[] = [];
    // The lock falls due exactly `lockAfterIdleMinutes` after the last input, whoever looks first.
    const lockAt = session.lastInputAt + this.options.policy.lockAfterIdleMinutes * minute;
    if (session.lockedAt === null && now >= lockAt) {
      session = { ...session, lockedAt: lockAt };
      const { userId, id: sessionId, lastInputAt: idleSince } = session;
      events.push({ type: 'session.locked', at: now, userId, sessionId, idleSince });
    }
    // A locked console's requests (its widgets' background calls, refused anyway) do not keep it alive.
    if (isRequest && session.lockedAt === null)
      session = {
        ...session,
        idleExpiresAt: Math.min(now + this.options.policy.idleMinutes * minute, session.expiresAt),
      };
    if (session !== found) this.sessions.set(key, session);
    return { session, events };
  }
}
