// One controller per camera (云台控制权): the first operator to steer takes the lease, it expires after 15 s
// idle, a higher role may take it over, and a head is never left turning — the lease stops it when its holder's
// window goes away or when moves stop arriving. Pure bookkeeping: the handlers call the platform.
import type { PtzHolder } from '@shared/protocol';
import type { Role } from '@shared/model/user';
import type { PtzDirection } from '@shared/model/camera-platform';

/** A lease ends after this long without a move, stop, preset or gesture from its holder. */
export const leaseIdleMs = 15_000;
/**
 * A held direction is re-sent every 260 ms by the console (ptz-pacing.ts); two missed in a row means the
 * console is gone or stuck, so the core stops the head itself. (The console's own stop after 500 ms without
 * input is the rule; this is the core's backstop, loose enough that a loaded machine's late timer does
 * not stop a head mid-hold.)
 */
export const moveIdleMs = 750;

/** Who may take a lease from whom: only a strictly higher role takes over; viewers never steer. */
const rank: Record<Role, number> = { viewer: 0, operator: 1, trainer: 2, admin: 3 };

/** What the lease writes to the journal: one record per act, never one per repeated move. */
export interface PtzLeaseRecord<Owner> {
  readonly cameraId: string;
  /** Whose act it is (the holder for an expiry or an automatic stop). */
  readonly owner: Owner;
  readonly act: 'lease.taken' | 'lease.taken-over' | 'lease.released' | 'move' | 'auto-stop';
  readonly detail?: Readonly<Record<string, string>>;
}

/** Timers, injectable so tests drive them (vitest fake timers work with the default too). */
export interface LeaseTimers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: LeaseTimers = {
  set: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    timer.unref?.();
    return timer;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PtzLeaseOptions<Owner> {
  /** Stops the camera's head at its platform (the lease's own stop: idle moves, expiry, a window gone). */
  readonly stop: (cameraId: string) => void;
  /** The holder changed: pushed to every window. */
  readonly changed: (cameraId: string, holder: PtzHolder | null) => void;
  readonly journal: (record: PtzLeaseRecord<Owner>) => void;
  readonly timers?: LeaseTimers;
}

/** Refused: another person holds the camera and the caller's role is not higher. */
export class PtzLeaseRefused extends Error {
  constructor(readonly holder: PtzHolder) {
    super(`云台由 ${holder.displayName} 控制`);
    this.name = 'PtzLeaseRefused';
  }
}

interface Lease<Owner> {
  owner: Owner;
  holder: PtzHolder;
  /** The direction held now, or null while the head is still. */
  moving: PtzDirection | null;
  idleTimer: unknown;
  moveTimer: unknown;
}

/**
 * The leases of every camera. `Owner` is what identifies a holder's window (a CoreSession in the core): its
 * leases end with it (`releaseAll`).
 */
export class PtzLeases<Owner> {
  private readonly leases = new Map<string, Lease<Owner>>();
  private readonly timers: LeaseTimers;

  constructor(private readonly options: PtzLeaseOptions<Owner>) {
    this.timers = options.timers ?? realTimers;
  }

  holderOf(cameraId: string): PtzHolder | null {
    return this.leases.get(cameraId)?.holder ?? null;
  }

  /**
   * Takes (or keeps) the lease of a camera for `owner`; throws PtzLeaseRefused naming the holder when another
   * person holds it and the caller's role is not higher. Every call counts as activity (the 15 s start again).
   */
  take(cameraId: string, owner: Owner, holder: PtzHolder): PtzHolder {
    if (rank[holder.role] === 0) throw new PtzLeaseRefused(this.holderOf(cameraId) ?? holder);
    const lease = this.leases.get(cameraId);
    if (!lease) {
      this.leases.set(cameraId, { owner, holder, moving: null, idleTimer: undefined, moveTimer: undefined });
      this.options.journal({ cameraId, owner, act: 'lease.taken' });
      this.options.changed(cameraId, holder);
    } else if (lease.owner !== owner) {
      // The same person from another window keeps their lease; another person needs a higher role.
      const isSamePerson = lease.holder.userId === holder.userId;
      if (!isSamePerson && rank[holder.role] <= rank[lease.holder.role])
        throw new PtzLeaseRefused(lease.holder);
      const previous = lease.holder;
      lease.owner = owner;
      lease.holder = holder;
      if (!isSamePerson) {
        this.options.journal({
          cameraId,
          owner,
          act: 'lease.taken-over',
          detail: { from: previous.userId, fromRole: previous.role },
        });
        this.options.changed(cameraId, holder);
      }
    }
    this.touch(cameraId);
    return holder;
  }

  /** The holder's move reached the platform: a hold starts (journaled once) or continues (moveIdleMs more). */
  moved(cameraId: string, direction: PtzDirection): void {
    const lease = this.leases.get(cameraId);
    if (!lease) return;
    if (lease.moving !== direction)
      this.options.journal({ cameraId, owner: lease.owner, act: 'move', detail: { direction } });
    lease.moving = direction;
    this.timers.clear(lease.moveTimer);
    lease.moveTimer = this.timers.set(
      () => this.autoStop(cameraId, `no move for ${moveIdleMs} ms`),
      moveIdleMs,
    );
  }

  /** The holder stopped the head (its stop reached the platform). */
  stopped(cameraId: string): void {
    const lease = this.leases.get(cameraId);
    if (!lease) return;
    lease.moving = null;
    this.timers.clear(lease.moveTimer);
    lease.moveTimer = undefined;
  }

  /** Is the head of this camera moving under a lease now? */
  isMoving(cameraId: string): boolean {
    return (this.leases.get(cameraId)?.moving ?? null) !== null;
  }

  /** The owner's window went away: each of its heads is stopped and its leases end. */
  releaseAll(owner: Owner, reason = 'window closed'): void {
    for (const [cameraId, lease] of [...this.leases]) if (lease.owner === owner) this.end(cameraId, reason);
  }

  /** Ends every lease (the core closes), stopping heads that still move. */
  dispose(): void {
    for (const cameraId of [...this.leases.keys()]) this.end(cameraId, 'core closed');
  }

  private touch(cameraId: string): void {
    const lease = this.leases.get(cameraId)!;
    this.timers.clear(lease.idleTimer);
    lease.idleTimer = this.timers.set(() => this.end(cameraId, 'idle 15 s'), leaseIdleMs);
  }

  private autoStop(cameraId: string, reason: string): void {
    const lease = this.leases.get(cameraId);
    if (!lease || lease.moving === null) return;
    lease.moving = null;
    lease.moveTimer = undefined;
    this.options.stop(cameraId);
    this.options.journal({ cameraId, owner: lease.owner, act: 'auto-stop', detail: { reason } });
  }

  private end(cameraId: string, reason: string): void {
    const lease = this.leases.get(cameraId);
    if (!lease) return;
    if (lease.moving !== null) this.autoStop(cameraId, reason);
    this.timers.clear(lease.idleTimer);
    this.timers.clear(lease.moveTimer);
    this.leases.delete(cameraId);
    this.options.journal({ cameraId, owner: lease.owner, act: 'lease.released', detail: { reason } });
    this.options.changed(cameraId, null);
  }
}
