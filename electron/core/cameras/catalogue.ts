// The camera catalogue: the cameras of cameras.json merged with those the platforms list, each with its wall id,
// street and grid, map position and live status; cached per platform so a start while a platform is down still
// lists its cameras (状态未知). The core's directory of cameras: who serves which camera.
import { Emitter } from '@shared/base/emitter';
import type { Disposable } from '@shared/base/disposable';
import { convertPosition } from '@shared/geo/china-coordinates';
import type { Camera, Platform } from '@shared/model/camera';
import type { AreaMapping } from '@shared/model/camera-connectors';
import type { CameraStatus, ConnectorHealth } from '@shared/model/camera-platform';
import type { Crs, LonLat } from '@shared/model/common';
import { readCachedListing, writeCachedListing } from './catalogue-cache';
import { platformCameraWallId } from './catalogue-ids';
import type {
  CameraConnector,
  CameraDirectory,
  ConnectorCameraRef,
  PlatformCamera,
  StatusChange,
} from './connector';

/** A camera of the catalogue: as cameras.json files it, plus its live status. */
export interface CatalogueCamera extends Camera {
  readonly status: CameraStatus;
}

export interface CameraStatusChange {
  readonly cameraId: string;
  readonly status: CameraStatus;
}

/** What changed in the catalogue: cameras a listing added or dropped, and status changes (batched). */
export interface CatalogueChange {
  readonly added: readonly CatalogueCamera[];
  readonly removed: readonly string[];
  readonly status: readonly CameraStatusChange[];
}

/** A platform whose connector lists its cameras (wvp, ZLMediaKit). */
export interface ListingPlatform {
  readonly platform: Platform;
  readonly connector: CameraConnector;
}

export interface CameraCatalogueOptions {
  /** The coordinate system of cameras.json: platform positions are converted to it. */
  readonly crs: Crs;
  /** cameras.json's cameras, kept as filed (a platform camera with the same id is skipped). */
  readonly cameras: readonly Camera[];
  /** The connector of each template platform (by platform id), which plays cameras.json's cameras. */
  readonly staticConnectors: ReadonlyMap<string, CameraConnector & { hasPtz(streamId: string): boolean }>;
  readonly platforms: readonly ListingPlatform[];
  /** Writable state folder for the per-platform caches; null keeps none. */
  readonly stateDir: string | null;
  readonly log: (line: string) => void;
  readonly now?: () => number;
  /** Where to put a camera its platform gives no position (default: the grid's centre, else [0, 0]). */
  readonly placeOf?: (street: string, grid: string) => LonLat | undefined;
  /** Lets other work run between two pages of a listing (default: one `setImmediate`). */
  readonly yieldTurn?: () => Promise<void>;
  /** Status changes are sent together at most this often (ms, default 500: a flip reaches a tree within 2 s). */
  readonly statusBatchMs?: number;
  /** A failed listing is tried again after this long (ms, default 30 s, never later than the refresh). */
  readonly retryMs?: number;
}

/** Most pages one listing reads: a platform whose `next` never ends cannot hold the catalogue forever. */
const maxPages = 5_000;

interface PlatformState {
  readonly entry: ListingPlatform;
  readonly refreshMs: number;
  /** Civil-code prefixes longest first, for the longest-prefix match. */
  readonly civilCodes: readonly (readonly [string, string])[];
  readonly areas: AreaMapping;
  cameras: Map<string, CatalogueCamera>;
  /** platformCameraId → wall id. */
  wallIds: Map<string, string>;
  listing: Promise<void> | null;
  listedAt?: number;
  skipped: number;
  problem?: string;
  timer?: NodeJS.Timeout;
}

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));

export class CameraCatalogue implements CameraDirectory, Disposable {
  private readonly staticCameras = new Map<string, CatalogueCamera>();
  private readonly states = new Map<string, PlatformState>();
  private readonly changed = new Emitter<CatalogueChange>();
  private readonly healthChanged = new Emitter<readonly ConnectorHealth[]>();
  private readonly subscriptions: Disposable[] = [];
  private pendingStatus = new Map<string, CameraStatus>();
  private statusTimer: NodeJS.Timeout | undefined;
  private allCameras: CatalogueCamera[] | null = null;
  private isDisposed = false;
  private readonly now: () => number;
  private readonly yieldTurn: () => Promise<void>;
  /** Cameras added, removed or changed status (status batched, see `statusBatchMs`). */
  readonly onChanged = this.changed.event;
  /** Every platform's health, whenever one changes (for the console's source strip). */
  readonly onHealth = this.healthChanged.event;

  constructor(private readonly options: CameraCatalogueOptions) {
    this.now = options.now ?? Date.now;
    this.yieldTurn = options.yieldTurn ?? immediate;
    for (const camera of options.cameras)
      this.staticCameras.set(camera.id, {
        ...camera,
        status: camera.isOnline ? 'online' : 'offline',
      });
    for (const entry of options.platforms) {
      const connector = entry.platform.connector;
      if (!connector || connector.type === 'onvif') continue;
      const civilCodes = Object.entries(connector.areas.civilCodes).sort(([a], [b]) => b.length - a.length);
      this.states.set(entry.platform.id, {
        entry,
        refreshMs: connector.refreshMinutes * 60_000,
        civilCodes,
        areas: connector.areas,
        cameras: new Map(),
        wallIds: new Map(),
        listing: null,
        skipped: 0,
      });
    }
  }

  /** Loads every platform's cache (its cameras as 状态未知) and starts the listings, without waiting for them. */
  async start(): Promise<void> {
    for (const [platformId, state] of this.states) {
      const { connector } = state.entry;
      this.subscriptions.push(
        connector.onStatus((changes) => this.applyStatus(state, changes)),
        connector.onHealth((health) => {
          // A platform back after a failed listing is listed at once, not at the next retry.
          if (health.state === 'connected' && state.problem !== undefined) void this.refresh(platformId);
          this.healthChanged.fire(this.health());
        }),
      );
      if (this.options.stateDir === null) continue;
      const cached = await readCachedListing(
        this.options.stateDir,
        platformId,
        this.options.log,
        this.yieldTurn,
      );
      if (!cached) continue;
      state.cameras = new Map();
      state.wallIds = new Map();
      for (const [index, camera] of cached.cameras.entries()) {
        if (index % 1_000 === 999) await this.yieldTurn();
        this.admit(state, camera, 'unknown', state.cameras);
      }
      this.allCameras = null;
    }
    for (const platformId of this.states.keys()) void this.refresh(platformId);
  }

  /**
   * Lists a platform's cameras again, a page at a time with a turn of the event loop between pages, and applies
   * the difference. A listing already running is joined; a failed one marks its cameras 状态未知.
   */
  refresh(platformId: string): Promise<void> {
    const state = this.states.get(platformId);
    if (!state) return Promise.resolve();
    state.listing ??= this.list(state).finally(() => {
      state.listing = null;
      this.schedule(platformId, state);
    });
    return state.listing;
  }

  private schedule(platformId: string, state: PlatformState): void {
    if (this.isDisposed) return;
    clearTimeout(state.timer);
    const delay =
      state.problem === undefined
        ? state.refreshMs
        : Math.min(this.options.retryMs ?? 30_000, state.refreshMs);
    state.timer = setTimeout(() => void this.refresh(platformId), delay);
    state.timer.unref();
  }

  private async list(state: PlatformState): Promise<void> {
    const { connector, platform } = state.entry;
    const listed = new Map<string, CatalogueCamera>();
    const wallIds = new Map<string, string>();
    let skipped = 0;
    try {
      let next: string | undefined;
      let pages = 0;
      do {
        const page = await connector.listCameras(next);
        skipped += page.skipped;
        for (const camera of page.cameras)
          if (!this.admit(state, camera, camera.status, listed, wallIds)) skipped += 1;
        next = page.next;
        pages += 1;
        // Other requests, feeds and timers run between two pages: 26,000 channels never hold the core.
        await this.yieldTurn();
      } while (next !== undefined && pages < maxPages && !this.isDisposed);
    } catch (error) {
      state.problem = (error as Error).message;
      this.options.log(`[cameras] listing of '${platform.id}' failed: ${state.problem}`);
      this.queueStatus(
        [...state.cameras.values()].map((camera) => [camera.id, 'unknown']),
        state,
      );
      this.healthChanged.fire(this.health());
      return;
    }
    if (this.isDisposed) return;
    state.problem = undefined;
    state.skipped = skipped;
    state.listedAt = this.now();
    this.replace(state, listed, wallIds);
    this.healthChanged.fire(this.health());
    if (this.options.stateDir !== null) {
      const cameras = [...listed.keys()].map((id) => this.sources.get(id)!);
      await writeCachedListing(
        this.options.stateDir,
        platform.id,
        { listedAt: state.listedAt, cameras },
        this.yieldTurn,
      ).catch((error: unknown) =>
        this.options.log(`[cameras] cache of '${platform.id}' not written: ${(error as Error).message}`),
      );
    }
  }

  /** The platform's record of each catalogue camera, for the cache. */
  private readonly sources = new Map<string, PlatformCamera>();

  /** Files a platform camera under its wall id and areas; false when it cannot have one or repeats one. */
  private admit(
    state: PlatformState,
    source: PlatformCamera,
    status: CameraStatus,
    into: Map<string, CatalogueCamera>,
    wallIds: Map<string, string> = state.wallIds,
  ): boolean {
    const platformId = state.entry.platform.id;
    const id = platformCameraWallId(platformId, source.platformCameraId);
    if (id === null || into.has(id) || this.staticCameras.has(id)) return false;
    const street =
      (source.civilCode !== undefined
        ? state.civilCodes.find(([code]) => source.civilCode!.startsWith(code))?.[1]
        : undefined) ?? state.areas.fallback.street;
    const grid =
      (source.businessGroup !== undefined
        ? Object.hasOwn(state.areas.businessGroups, source.businessGroup)
          ? state.areas.businessGroups[source.businessGroup]
          : undefined
        : undefined) ?? state.areas.fallback.grid;
    const position = source.position
      ? convertPosition([...source.position.lonLat], source.position.crs, this.options.crs)
      : (this.options.placeOf?.(street, grid) ?? ([0, 0] as LonLat));
    into.set(id, {
      id,
      name: source.name.slice(0, 120) || source.platformCameraId.slice(0, 120),
      street,
      grid,
      position,
      tags: source.hasPtz ? ['ptz'] : [],
      platform: platformId,
      streamId: source.platformCameraId,
      isOnline: status === 'online',
      status,
    });
    wallIds.set(source.platformCameraId, id);
    this.sources.set(id, source);
    return true;
  }

  /** Puts a new listing in place and tells listeners what it added, removed and changed. */
  private replace(
    state: PlatformState,
    listed: Map<string, CatalogueCamera>,
    wallIds: Map<string, string>,
  ): void {
    const added: CatalogueCamera[] = [];
    const status: CameraStatusChange[] = [];
    for (const [id, camera] of listed) {
      const before = state.cameras.get(id);
      if (!before) added.push(camera);
      else if (before.status !== camera.status) status.push({ cameraId: id, status: camera.status });
    }
    const removed = [...state.cameras.keys()].filter((id) => !listed.has(id));
    for (const id of removed) this.sources.delete(id);
    state.cameras = listed;
    state.wallIds = wallIds;
    this.allCameras = null;
    for (const change of status) this.pendingStatus.delete(change.cameraId);
    if (added.length > 0 || removed.length > 0 || status.length > 0)
      this.changed.fire({ added, removed, status });
  }

  private applyStatus(state: PlatformState, changes: readonly StatusChange[]): void {
    const updates: [string, CameraStatus][] = [];
    for (const change of changes) {
      const id = state.wallIds.get(change.platformCameraId);
      if (id !== undefined) updates.push([id, change.status]);
    }
    this.queueStatus(updates, state);
  }

  /** Applies status changes now and sends them together after `statusBatchMs`. */
  private queueStatus(updates: readonly [string, CameraStatus][], state: PlatformState): void {
    let isChanged = false;
    for (const [id, status] of updates) {
      const camera = state.cameras.get(id);
      if (!camera || camera.status === status) continue;
      state.cameras.set(id, { ...camera, status, isOnline: status === 'online' });
      this.pendingStatus.set(id, status);
      isChanged = true;
    }
    if (!isChanged) return;
    this.allCameras = null;
    this.statusTimer ??= setTimeout(() => this.flushStatus(), this.options.statusBatchMs ?? 500);
  }

  /** Sends the status changes waiting for their batch (tests call it instead of waiting). */
  flushStatus(): void {
    clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    if (this.pendingStatus.size === 0) return;
    const status = [...this.pendingStatus].map(([cameraId, value]) => ({ cameraId, status: value }));
    this.pendingStatus = new Map();
    this.changed.fire({ added: [], removed: [], status });
  }

  /** A camera by wall id, static or listed. */
  get(cameraId: string): CatalogueCamera | undefined {
    const fixed = this.staticCameras.get(cameraId);
    if (fixed) return fixed;
    for (const state of this.states.values()) {
      const camera = state.cameras.get(cameraId);
      if (camera) return camera;
    }
    return undefined;
  }

  /** Every camera: cameras.json's first, then each platform's in listing order. */
  all(): readonly CatalogueCamera[] {
    this.allCameras ??= [
      ...this.staticCameras.values(),
      ...[...this.states.values()].flatMap((state) => [...state.cameras.values()]),
    ];
    return this.allCameras;
  }

  get crs(): Crs {
    return this.options.crs;
  }

  /** Whether a camera's platform starts live streams on demand (they must be released; never prefetched). */
  isOnDemandLive(cameraId: string): boolean {
    return this.find(cameraId)?.connector.capabilities.onDemandLive ?? false;
  }

  find(
    cameraId: string,
  ): { connector: CameraConnector; ref: ConnectorCameraRef; hasPtz: boolean } | undefined {
    const camera = this.get(cameraId);
    if (!camera) return undefined;
    const listed = this.states.get(camera.platform)?.entry.connector;
    const template = listed ? undefined : this.options.staticConnectors.get(camera.platform);
    const connector = listed ?? template;
    if (!connector) return undefined;
    // A listed camera says whether it has a head (tagged at listing); a template one as its ONVIF device entry.
    const hasPtz = template?.hasPtz(camera.streamId) ?? camera.tags.includes('ptz');
    return { connector, ref: { cameraId, platformCameraId: camera.streamId }, hasPtz };
  }

  /** Each listing platform's health, with the catalogue's own count, skipped records and last listing. */
  health(): ConnectorHealth[] {
    return [...this.states.values()].map((state) => {
      const health = state.entry.connector.health();
      const listed = {
        ...health,
        cameras: state.cameras.size,
        skipped: state.skipped,
        ...(state.listedAt !== undefined ? { listedAt: state.listedAt } : {}),
      };
      if (state.problem === undefined || health.state !== 'connected') return listed;
      return { ...listed, state: 'degraded' as const, problem: state.problem.slice(0, 500) };
    });
  }

  dispose(): void {
    this.isDisposed = true;
    clearTimeout(this.statusTimer);
    for (const state of this.states.values()) clearTimeout(state.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
    this.healthChanged.dispose();
  }
}
