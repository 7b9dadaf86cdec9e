// The core's sign-in: which credential a connection carries (a session cookie, the console's start ticket, the
// wall's machine token, nothing), auth.login / logout / me, the end of sessions, and the one permission guard.
import { randomBytes } from 'node:crypto';
import type { WhoAmI } from '@shared/protocol';
import { ProtocolError } from '@shared/protocol';
import type { Principal, User } from '@shared/model/user';
import type { CoreSession, HandlerGroup, SessionGuard, SessionIdentity } from '../session';
import type { Workspace } from '../workspace/load-workspace';
import { isSameToken } from '../server/request-guard';
import { AuthService, type LoginRefusal, type SessionLookup } from './auth-service';
import type { AuthEvent } from './auth-event';
import type { Audit } from './audit';

/** The session cookie of the browser host: HttpOnly, SameSite=Strict, Path=/ (see README). */
export const sessionCookieName = 'tianmu_session';

/** The principal of a console on a workspace without users.json (loopback only): everything, with a warning. */
export const localAdmin: Principal = {
  kind: 'user',
  userId: 'local-admin',
  role: 'admin',
  areas: { all: true },
};

export interface SignInOptions {
  readonly workspace: Workspace;
  /**
   * A user of users.json the local console starts signed in as (the embedded demo: `operator`), through a
   * start ticket in its URL. Without users.json the ticket signs in as `localAdmin` (loopback only).
   */
  readonly consoleUser?: string | null;
  /** The wall's machine token (today's per-start access token); null: no credential checks at all (tests). */
  readonly machineToken: string | null;
  /** Whether the core listens on loopback only: without users.json, consoles are served there only. */
  readonly isLoopback: boolean;
  readonly audit: Audit;
  readonly sessions: () => Iterable<CoreSession>;
  /** A connection's user signed out or their session ended (the window stays): what it held as them ends too. */
  readonly signedOut?: (session: CoreSession) => void;
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
}

/** What a credential presented at connection time stands for. */
export type Credentials = {
  readonly token?: string | null;
  readonly cookie?: string | null;
  readonly address: string;
};

export class SignIn {
  readonly service: AuthService | null;
  /** The console's start ticket (printed in its URL), or null when the console starts at the login page. */
  readonly consoleTicket: string | null;
  readonly consolePrincipal: Principal | null;
  /** Shown on the console while it is signed in by the start ticket. */
  readonly consoleNotice: string | null;
  private readonly users: ReadonlyMap<string, User>;

  constructor(private readonly options: SignInOptions) {
    const users = options.workspace.users;
    this.users = new Map((users?.users ?? []).map((user) => [user.id, user]));
    const clock = options.clock ?? Date.now;
    this.service = users ? new AuthService({ users: users.users, policy: users.policy, clock }) : null;
    const log = options.log ?? (() => undefined);
    if (!users) {
      // No users: on this machine only, the console is the local administrator, as before there were users.
      this.consolePrincipal = options.isLoopback ? localAdmin : null;
      this.consoleNotice = '未配置用户（users.json）：本机控制台以本地管理员身份运行，不记录具体人员';
      if (!options.isLoopback)
        log('[auth] no users.json: consoles are not served off loopback; add users first');
    } else if (options.consoleUser) {
      const user = this.users.get(options.consoleUser);
      if (!user) throw new Error(`users.json has no user '${options.consoleUser}' to sign the console in as`);
      this.consolePrincipal = { kind: 'user', userId: user.id, role: user.role, areas: user.areas };
      this.consoleNotice = `演示：已以 ${user.displayName} 登录`;
    } else {
      this.consolePrincipal = null;
      this.consoleNotice = null;
    }
    this.consoleTicket = this.consolePrincipal ? randomBytes(16).toString('hex') : null;
  }

  /**
   * Who a new connection is; 'refused' for a token that is neither the machine token nor the start ticket
   * (a stale URL). No credential at all is an anonymous connection: public requests only.
   */
  identify(credentials: Credentials): SessionIdentity | 'refused' {
    const { token, cookie, address } = credentials;
    if (this.options.machineToken === null) return { principal: this.consolePrincipal, address };
    if (token) {
      if (isSameToken(token, this.options.machineToken))
        return { principal: { kind: 'machine', nodeId: 'wall' }, address };
      if (this.consoleTicket !== null && isSameToken(token, this.consoleTicket))
        return { principal: this.consolePrincipal, address };
      return 'refused';
    }
    if (cookie && this.service) {
      const { session } = this.settle(cookie, this.service.session(cookie), { window: 'console', address });
      if (session) return { principal: AuthService.principalOf(session), authToken: cookie, address };
    }
    return { principal: null, address };
  }

  /** How often the core's timer calls sweep(): 30 s, or a quarter of a lock time under two minutes. */
  get sweepIntervalMs(): number {
    const lockMinutes = this.options.workspace.users?.policy.lockAfterIdleMinutes;
    return lockMinutes === undefined ? 30_000 : Math.min(30_000, (lockMinutes * 60_000) / 4);
  }

  /** Checks a password; the answer a window gets, or a 无权限-free refusal naming the wait or the lock. */
  async login(userId: string, password: string, address: string, window: string) {
    if (!this.service) throw new ProtocolError('rejected', '此工作区未配置用户（users.json），无需登录');
    const result = await this.service.login(userId, password, { address, window });
    this.journalAuth(result.events, { window, address });
    if (!result.ok) throw new ProtocolError('rejected', refusalText(result.refusal));
    // Saving the rehashed password to users.json is left to `tianmu user passwd` for now.
    if (result.rehashed)
      this.options.log?.(`[auth] ${result.rehashed.userId}: password hash could be upgraded`);
    return result.session;
  }

  /** The signed-in answer for a session. */
  whoAmI(session: CoreSession): WhoAmI {
    const principal = session.principal;
    const nobody = { user: null, expiresAt: null, notice: null, isLocked: false, lockAfterIdleMs: null };
    if (!principal) return { kind: 'none', ...nobody };
    if (principal.kind === 'machine') return { kind: 'machine', ...nobody };
    const user = this.users.get(principal.userId);
    // Start tickets (the demo, the local administrator) have no AuthService session: they neither expire nor lock.
    const signedIn = session.authToken ? (this.service?.session(session.authToken).session ?? null) : null;
    const policy = this.options.workspace.users?.policy;
    return {
      kind: 'user',
      user: {
        id: principal.userId,
        displayName: user?.displayName ?? '本地管理员',
        role: principal.role,
        areas: principal.areas,
      },
      expiresAt: signedIn?.expiresAt ?? null,
      notice: session.authToken ? null : this.consoleNotice,
      isLocked: signedIn !== null && signedIn.lockedAt !== null,
      lockAfterIdleMs: signedIn && policy ? policy.lockAfterIdleMinutes * 60_000 : null,
    };
  }

  /**
   * Unlocks the session behind `token` with its user's password. A wrong one answers like sign-in does (and the
   * tenth locks the account and ends the session: the console goes to the login page).
   */
  async unlock(token: string, password: string, actor: { window: string; address: string }): Promise<void> {
    if (!this.service) throw new ProtocolError('rejected', '此工作区未配置用户（users.json），无需解锁');
    const result = await this.service.unlock(token, password, actor);
    this.journalAuth(result.events, actor);
    if (result.ok) {
      for (const session of this.options.sessions()) {
        if (session.authToken !== token || !session.isLocked) continue;
        session.isLocked = false;
        session.send('auth.unlocked', {});
      }
      return;
    }
    if (result.isEnded) this.endConnections(token, 'revoked');
    const text = result.refusal === null ? '会话已结束，请重新登录' : refusalText(result.refusal);
    throw new ProtocolError('rejected', result.refusal?.reason === 'invalid-credentials' ? '密码错误' : text);
  }

  /** Signs out the session behind `token` and drops it from every connection that carries it. */
  logout(token: string, actor: { window: string; address: string }): void {
    const events = this.service?.logout(token) ?? [];
    this.journalAuth(events, actor);
    this.endConnections(token, 'logout');
  }

  /**
   * Ends the connections whose session expired while they sent nothing (a console left open): called on a
   * timer by the core, so an idle console goes to the login page without waiting for its next request.
   */
  sweep(): void {
    if (!this.service) return;
    for (const session of [...this.options.sessions()]) {
      if (!session.authToken) continue;
      const token = session.authToken;
      this.settle(token, this.service.session(token), { window: session.role, address: session.address });
    }
    this.journalAuth(this.service.sweep(), { window: 'core', address: 'local' });
  }

  readonly guard: SessionGuard = {
    refresh: (session) => {
      if (!session.authToken || !this.service) return;
      const token = session.authToken;
      this.settle(token, this.service.touch(token), { window: session.role, address: session.address });
    },
    refused: (session, name, reason) =>
      this.options.audit.record(session, {
        action: 'refused',
        target: { kind: 'request', id: name },
        result: 'refused',
        reason,
      }),
  };

  /** auth.login (binds this connection), auth.logout, auth.me, auth.activity, auth.unlock. */
  handlers(): HandlerGroup<'auth.login' | 'auth.logout' | 'auth.me' | 'auth.activity' | 'auth.unlock'> {
    return {
      'auth.login': async ({ userId, password }, { session }) => {
        const signedIn = await this.login(userId, password, session.address, session.role);
        session.principal = AuthService.principalOf(signedIn);
        session.authToken = signedIn.token;
        session.isLocked = false;
        return this.whoAmI(session);
      },
      'auth.logout': async (_params, { session }) => {
        if (session.authToken)
          this.logout(session.authToken, { window: session.role, address: session.address });
        session.principal = null;
        session.authToken = null;
        session.isLocked = false;
        this.options.signedOut?.(session);
        return {};
      },
      'auth.me': async (_params, { session }) => this.whoAmI(session),
      'auth.activity': async (_params, { session }) => {
        const token = session.authToken;
        if (!token || !this.service) return { isLocked: false };
        const actor = { window: session.role, address: session.address };
        const { session: signedIn } = this.settle(token, this.service.activity(token), actor);
        return { isLocked: signedIn !== null && signedIn.lockedAt !== null };
      },
      'auth.unlock': async ({ password }, { session }) => {
        if (!session.authToken) throw new ProtocolError('rejected', '未登录，无需解锁');
        await this.unlock(session.authToken, password, { window: session.role, address: session.address });
        return this.whoAmI(session);
      },
    };
  }

  /**
   * Acts on a session lookup: journals its events, ends the connections of a session that ended, and locks the
   * connections of a locked one (each told once with auth.locked).
   */
  private settle(token: string, lookup: SessionLookup, actor: { window: string; address: string }) {
    this.journalAuth(lookup.events, actor);
    if (!lookup.session) {
      this.endConnections(token, 'expired');
    } else if (lookup.session.lockedAt !== null) {
      for (const session of this.options.sessions()) {
        if (session.authToken !== token || session.isLocked) continue;
        session.isLocked = true;
        session.send('auth.locked', {});
      }
    }
    return lookup;
  }

  private endConnections(token: string, reason: 'expired' | 'revoked' | 'logout'): void {
    for (const session of this.options.sessions()) {
      if (session.authToken !== token) continue;
      session.principal = null;
      session.authToken = null;
      session.isLocked = false;
      this.options.signedOut?.(session);
      session.send('auth.sessionEnded', { reason });
    }
  }

  private journalAuth(events: readonly AuthEvent[], actor: { window: string; address: string }): void {
    for (const event of events) this.options.audit.auth(event, actor);
  }
}

/** 锁定至 HH:MM and its kin: what the login page shows (time of day on the core's clock). */
export function refusalText(refusal: LoginRefusal): string {
  const time = (at: number, seconds = false) =>
    new Date(at).toLocaleTimeString('zh-CN', {
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hour12: false,
    });
  switch (refusal.reason) {
    case 'invalid-credentials':
      return '用户名或密码错误';
    case 'throttled':
      return `尝试过于频繁，请于 ${time(refusal.retryAt, true)} 后重试`;
    case 'locked':
      return `连续输错密码，账户已锁定至 ${time(refusal.until)}`;
    case 'disabled':
      return '账户已停用，请联系管理员';
  }
}
