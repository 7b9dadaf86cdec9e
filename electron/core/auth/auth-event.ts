// What sign-in and sessions report for the journal: every outcome of the AuthService is one of these events.
import type { Role } from '@shared/model/user';

/** Where a sign-in comes from: the peer's address and the window kind (console, leader, drill …). */
export interface LoginOrigin {
  readonly address: string;
  readonly window: string;
}

/** Why a sign-in was refused. Unknown user and wrong password are the same reason, on purpose. */
export type LoginFailure = 'invalid-credentials' | 'disabled' | 'locked' | 'throttled';

/** Why a session ended before its time. */
export type RevokeReason =
  | 'revoked'
  | 'user-disabled'
  | 'password-changed'
  | 'user-changed'
  | 'user-removed'
  /** Wrong passwords at a locked console locked the account: whoever sits there is sent to the login page. */
  | 'account-locked';

/**
 * One auth outcome, for the journal. `at` is the injected clock's time (ms since 1970); `userId` on a failure
 * is the id as typed (trimmed, lower-cased, at most 64 characters), which may name no user. `sessionId` is a
 * digest of the token, safe to record: the token itself never leaves the service except to its holder.
 */
export type AuthEvent =
  | {
      readonly type: 'login';
      readonly at: number;
      readonly userId: string;
      readonly role: Role;
      readonly sessionId: string;
      readonly from: LoginOrigin;
    }
  | {
      readonly type: 'login.failed';
      readonly at: number;
      readonly userId: string;
      readonly reason: LoginFailure;
      readonly from: LoginOrigin;
    }
  | {
      readonly type: 'locked';
      readonly at: number;
      readonly userId: string;
      readonly until: number;
      readonly failures: number;
      readonly from: LoginOrigin;
    }
  | { readonly type: 'logout'; readonly at: number; readonly userId: string; readonly sessionId: string }
  | {
      readonly type: 'expired';
      readonly at: number;
      readonly userId: string;
      readonly sessionId: string;
      readonly reason: 'absolute' | 'idle';
    }
  | {
      /** The console locked: no input for the policy's `lockAfterIdleMinutes` since `idleSince`. */
      readonly type: 'session.locked';
      readonly at: number;
      readonly userId: string;
      readonly sessionId: string;
      readonly idleSince: number;
    }
  | {
      readonly type: 'unlocked';
      readonly at: number;
      readonly userId: string;
      readonly sessionId: string;
      readonly from: LoginOrigin;
    }
  | {
      readonly type: 'unlock.failed';
      readonly at: number;
      readonly userId: string;
      readonly sessionId: string;
      readonly reason: LoginFailure;
      readonly from: LoginOrigin;
    }
  | {
      readonly type: 'revoked';
      readonly at: number;
      readonly userId: string;
      readonly sessionId: string;
      readonly reason: RevokeReason;
    };
