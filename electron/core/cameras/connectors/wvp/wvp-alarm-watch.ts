// Alarms from wvp, whichever version: master's /api/alarm/list polled (newest first), 2.7.4's /api/alarm/all polled
// (oldest first, so from the newest time seen) plus its /api/emit event stream. Re-deliveries — the same alarm on
// two polls, or on a poll and the stream — are dropped by the alarm's id. Upstream: vmanager/alarm/AlarmController
// (master 768d740), gb28181/controller/AlarmController + SseController (v2.7.4-20260107).
import { Backoff } from '@shared/base/backoff';
import { ConnectorError } from '../../connector';
import type { WvpHttp } from './wvp-http';
import { formatWvpTime, fromDeviceAlarm, fromMasterAlarm, pageSchema, type WvpAlarm } from './wvp-records';

export type WvpVersion = 'master' | '2.7.4';

export interface AlarmWatchOptions {
  readonly http: WvpHttp;
  readonly version: WvpVersion;
  readonly pollMs: number;
  /** Identifies this wall at /api/emit (wvp keeps one stream per browserId; a second replaces the first). */
  readonly browserId: string;
  readonly deliver: (alarms: readonly WvpAlarm[]) => void;
  /**
   * Silence after which the event stream counts as dead and is opened again (default 15 s; wvp sends a keepalive
   * every second, and a half-open connection — a NAT or proxy that dropped it — raises no error by itself).
   */
  readonly silenceMs?: number;
}

/** Alarm ids remembered for de-duplication; older ones age out (a poll page holds far fewer). */
const rememberedIds = 5_000;
const pageSize = 100;
/** Pages read per 2.7.4 poll at most (an alarm storm beyond 1,000 alarms a poll is read over several polls). */
const maxPagesPerPoll = 10;

export class AlarmWatch {
  private readonly seen = new Set<string>();
  private isSeeded = false;
  /** 2.7.4: the newest alarm time seen, the next poll's startTime (wvp times are to the second). */
  private newestTime: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly streamAbort = new AbortController();
  private isStopped = false;

  constructor(private readonly options: AlarmWatchOptions) {}

  start(): void {
    void this.pollLoop();
    if (this.options.version === '2.7.4') void this.streamLoop();
  }

  stop(): void {
    this.isStopped = true;
    clearTimeout(this.timer);
    this.streamAbort.abort();
  }

  /**
   * One poll. The first one only learns which alarms already exist (history is not news); later ones deliver
   * the alarms not seen before, oldest first. Failures are left to the HTTP layer's health and the next poll.
   */
  async poll(): Promise<void> {
    const alarms = this.options.version === 'master' ? await this.pollMaster() : await this.pollAll();
    const fresh = alarms.filter((alarm) => this.remember(alarm.id)).sort(byTimeThenId);
    for (const alarm of alarms) this.newestTime = Math.max(this.newestTime ?? 0, alarm.time);
    if (!this.isSeeded) {
      this.isSeeded = true;
      return;
    }
    if (fresh.length > 0) this.options.deliver(fresh);
  }

  /** master: the newest page is enough between two polls (AlarmMapper orders by alarm_time desc). */
  private async pollMaster(): Promise<WvpAlarm[]> {
    const page = pageSchema.safeParse(
      await this.options.http.get('/api/alarm/list', { page: 1, count: pageSize }),
    );
    if (!page.success) throw new ConnectorError('malformed', 'wvp 的报警列表不是分页结果');
    return page.data.list.map(fromMasterAlarm).filter((alarm) => alarm !== undefined);
  }

  /** 2.7.4: oldest first, so read from the newest time seen (or, the first time, the last page). */
  private async pollAll(): Promise<WvpAlarm[]> {
    const startTime = this.newestTime === undefined ? undefined : formatWvpTime(this.newestTime);
    let pageNumber = 1;
    if (startTime === undefined) {
      const first = pageSchema.safeParse(
        await this.options.http.get('/api/alarm/all', { page: 1, count: 1 }),
      );
      pageNumber = Math.max(1, Math.ceil((first.success ? (first.data.total ?? 0) : 0) / pageSize));
    }
    const alarms: WvpAlarm[] = [];
    for (let read = 0; read < maxPagesPerPoll; read += 1, pageNumber += 1) {
      const answer = await this.options.http.get('/api/alarm/all', {
        page: pageNumber,
        count: pageSize,
        startTime,
      });
      const page = pageSchema.safeParse(answer);
      if (!page.success) throw new ConnectorError('malformed', 'wvp 的报警列表不是分页结果');
      alarms.push(...page.data.list.map(fromDeviceAlarm).filter((alarm) => alarm !== undefined));
      if (!page.data.hasNextPage) break;
    }
    return alarms;
  }

  /** True the first time an id is seen. */
  private remember(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > rememberedIds) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  private async pollLoop(): Promise<void> {
    if (this.isStopped) return;
    try {
      await this.poll();
    } catch {
      // The HTTP layer has told the connector's health; the next poll tries again.
    }
    if (!this.isStopped) this.timer = setTimeout(() => void this.pollLoop(), this.options.pollMs);
  }

  /** 2.7.4's /api/emit: reconnects with backoff; alarms from it skip the poll's wait. */
  private async streamLoop(): Promise<void> {
    const backoff = new Backoff({ initialMs: 1_000, maxMs: 30_000 });
    while (!this.isStopped) {
      try {
        await this.readStream(() => backoff.reset());
      } catch {
        // Refused, dropped or silent: the polls go on meanwhile, and the stream is opened again below.
      }
      if (this.isStopped) return;
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, backoff.next());
        this.streamAbort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)), {
          once: true,
        });
      });
    }
  }

  private async readStream(onOpen: () => void): Promise<void> {
    const silence = new AbortController();
    const silenceMs = this.options.silenceMs ?? 15_000;
    let watchdog = setTimeout(() => silence.abort(), silenceMs);
    try {
      const response = await this.options.http.openStream(
        '/api/emit',
        { browserId: this.options.browserId },
        AbortSignal.any([this.streamAbort.signal, silence.signal]),
      );
      onOpen();
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body!) {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => silence.abort(), silenceMs);
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  /** SseController's events: `keepalive` (data `alive`) and `message` with a DeviceAlarm as JSON. */
  private onEvent(block: string): void {
    const lines = block.split('\n');
    const event =
      lines
        .find((line) => line.startsWith('event:'))
        ?.slice(6)
        .trim() ?? 'message';
    if (event !== 'message') return;
    const data = lines
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5))
      .join('\n');
    let alarm: WvpAlarm | undefined;
    try {
      alarm = fromDeviceAlarm(JSON.parse(data));
    } catch {
      return;
    }
    if (!alarm || !this.remember(alarm.id)) return;
    this.newestTime = Math.max(this.newestTime ?? 0, alarm.time);
    this.options.deliver([alarm]);
  }
}

/** Oldest first; alarms of the same second in the order wvp numbered them. */
function byTimeThenId(left: WvpAlarm, right: WvpAlarm): number {
  return left.time - right.time || Number(left.id) - Number(right.id) || left.id.localeCompare(right.id);
}
