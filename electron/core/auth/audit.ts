// What the trust boundary writes to the journal (留痕): sign-ins and their failures, refusals, commands,
// scenario switches, imports, acknowledgements and cameras viewed (调阅), each with its actor.
import type { JournalActor, JournalInput } from '@shared/model/journal';
import type { CoreSession } from '../session';
import type { PlaybackViewing } from '../cameras/playback-sessions';
import type { AuthEvent } from './auth-event';

/** The journal as the audit sees it: `append` validates and chains (electron/core/journal/journal.ts). */
export interface JournalSink {
  append(input: JournalInput): Promise<unknown>;
}

/** A record about one session's act; the actor is filled in from the session. */
export type SessionRecord = Omit<JournalInput, 'actor'>;

const iso = (at: number) => new Date(at).toISOString();

/** Who acted, as the journal names it: user and role, or the wall machine; window and address. */
export function actorOf(session: CoreSession): JournalActor {
  const principal = session.principal;
  const window = session.role;
  if (!principal) return { window, address: session.address };
  if (principal.kind === 'machine')
    return { userId: principal.nodeId, role: 'wall', window, address: session.address };
  return { userId: principal.userId, role: principal.role, window, address: session.address };
}

export class Audit {
  /** Open views (调阅) per session: camera → when its first stream URL was issued. */
  private readonly views = new Map<CoreSession, Map<string, number>>();

  constructor(
    private readonly journal: JournalSink | null,
    private readonly clock: () => number = Date.now,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Appends without waiting: a failure is logged (the journal itself reports lost durability). */
  record(session: CoreSession, record: SessionRecord): void {
    this.write({ ...record, actor: actorOf(session) });
  }

  /** Appends and waits until the record is durable (wall commands: answered once state and record are saved). */
  async recordDurably(session: CoreSession, record: SessionRecord): Promise<void> {
    await this.append({ ...record, actor: actorOf(session) });
  }

  /** A record of the core's own act (an automatic scenario switch); `userId` names the part that acted (`schedule`). */
  system(record: SessionRecord, userId?: string): void {
    this.write({ ...record, actor: { ...(userId ? { userId } : {}), role: 'system', window: 'core' } });
  }

  /** One AuthService outcome. */
  auth(event: AuthEvent, from: { window: string; address: string }): void {
    const actor = { window: from.window, address: from.address };
    switch (event.type) {
      case 'login':
        this.write({
          actor: { ...actor, userId: event.userId, role: event.role },
          action: 'login',
          target: { kind: 'session', id: event.sessionId },
          result: 'ok',
        });
        return;
      case 'login.failed':
        this.write({
          actor: { ...actor, userId: event.userId },
          action: 'login.failed',
          target: { kind: 'user', id: event.userId },
          result: 'refused',
          reason: event.reason,
        });
        return;
      case 'locked':
        this.write({
          actor: { ...actor, userId: event.userId },
          action: 'account.locked',
          target: { kind: 'user', id: event.userId },
          result: 'ok',
          detail: { until: iso(event.until), failures: event.failures },
        });
        return;
      case 'logout':
        this.write({
          actor: { ...actor, userId: event.userId },
          action: 'logout',
          target: { kind: 'session', id: event.sessionId },
          result: 'ok',
        });
        return;
      case 'session.locked':
        this.write({
          actor: { ...actor, userId: event.userId },
          action: 'session.locked',
          target: { kind: 'session', id: event.sessionId },
          result: 'ok',
          detail: { idleSince: iso(event.idleSince) },
        });
        return;
      case 'unlocked':
      case 'unlock.failed':
        // A wrong password at the lock screen is a refused unlock (it counts toward the account lock).
        this.write({
          actor: { ...actor, userId: event.userId },
          action: 'session.unlocked',
          target: { kind: 'session', id: event.sessionId },
          ...(event.type === 'unlocked'
            ? { result: 'ok' as const }
            : { result: 'refused' as const, reason: event.reason }),
        });
        return;
      case 'expired':
      case 'revoked':
        this.write({
          actor: { ...actor, userId: event.userId },
          action: 'session.expired',
          target: { kind: 'session', id: event.sessionId },
          result: 'ok',
          detail: { reason: event.reason, type: event.type },
        });
    }
  }

  /**
   * A user's window got a camera's stream URL: a view starts (the first URL of that camera in this session).
   * It ends when the session closes (the window closed or reloaded); wall machines' plays are not views.
   */
  viewStarted(session: CoreSession, cameraId: string): void {
    if (session.principal?.kind !== 'user') return;
    let open = this.views.get(session);
    if (!open) this.views.set(session, (open = new Map()));
    if (!open.has(cameraId)) open.set(cameraId, this.clock());
  }

  /** The session closed: each camera it viewed is one 调阅 record from its first URL to now. */
  sessionClosed(session: CoreSession): void {
    const open = this.views.get(session);
    this.views.delete(session);
    if (!open) return;
    const to = iso(this.clock());
    for (const [cameraId, from] of open)
      this.record(session, {
        action: 'camera.viewed',
        target: { kind: 'camera', id: cameraId },
        result: 'ok',
        period: { from: iso(from), to },
      });
  }

  /**
   * A playback ended: one 调阅 record of the recording — who, which camera, from when to when it was watched, and
   * which recorded time (one stretch per seek).
   */
  playbackViewed(session: CoreSession, viewing: PlaybackViewing): void {
    if (session.principal?.kind !== 'user') return;
    this.record(session, {
      action: 'camera.viewed',
      target: { kind: 'camera', id: viewing.cameraId },
      result: 'ok',
      period: { from: iso(viewing.watchedFrom), to: iso(viewing.watchedTo) },
      detail: {
        playback: true,
        recorded: viewing.recorded.map(({ from, to }) => ({ from: iso(from), to: iso(to) })),
      },
    });
  }

  /** Fire and forget: a failed append is logged by append and goes no further. */
  private write(input: JournalInput): void {
    this.append(input).catch(() => undefined);
  }

  private async append(input: JournalInput): Promise<void> {
    if (!this.journal) return;
    try {
      await this.journal.append(input);
    } catch (error) {
      this.log(`[journal] record not written (${input.action}): ${(error as Error).message}`);
      throw error;
    }
  }
}
