// Forwards each journal record to a syslog collector, as rooms under 等保 2.0 send their logs to a central
// server: RFC 5424 messages, octet-counting framing (RFC 6587 over TCP, RFC 5425 over TLS), reconnecting with
// backoff, queued (bounded) while the collector is away. The journal file stays the record of truth.
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import type { JournalRecord } from '@shared/model/journal';
import type { JournalForwarder } from './journal';

export interface SyslogOptions {
  host: string;
  port: number;
  protocol: 'tcp' | 'tls';
  /** TLS settings (CA of the collector, client certificate, server name). */
  tls?: Pick<tls.ConnectionOptions, 'ca' | 'cert' | 'key' | 'servername' | 'rejectUnauthorized'>;
  /** Syslog facility (default 13, "log audit"). */
  facility?: number;
  /** HOSTNAME of the messages (default this machine's name). */
  hostname?: string;
  /** APP-NAME (default `tianmu`). */
  appName?: string;
  /**
   * SD-ID of the structured data (default `tianmu@32473`: 32473 is the documentation enterprise number of
   * RFC 5612; a room with its own IANA number sets it here).
   */
  structuredDataId?: string;
  /** Most messages kept while the collector is unreachable (default 10,000); the oldest are dropped first. */
  queueLimit?: number;
  /** Reconnect delays: doubling from the first to the last (default 500 ms to 30 s), with jitter. */
  reconnectMs?: { first: number; last: number };
  log?: (line: string) => void;
}

const severityOfResult = { ok: 6, refused: 4, failed: 3 } as const;

/** Printable US-ASCII without spaces, at most `max` characters, or the NILVALUE `-` (RFC 5424 §6). */
function headerField(value: string, max: number): string {
  const cleaned = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return cleaned.length > 0 ? cleaned : '-';
}

/** An SD-PARAM value: `"`, `\` and `]` escaped (RFC 5424 §6.3.3). */
function parameterValue(value: string): string {
  return value.replace(/["\\\]]/g, (character) => `\\${character}`);
}

/**
 * One RFC 5424 message for a record: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] BOM MSG`, the MSG
 * being the record's own JSON line (UTF-8), so a collector keeps exactly the bytes the chain hashed.
 */
export function formatSyslogMessage(
  record: JournalRecord,
  line: string,
  options: Pick<SyslogOptions, 'facility' | 'hostname' | 'appName' | 'structuredDataId'> = {},
): string {
  const priority = (options.facility ?? 13) * 8 + severityOfResult[record.result];
  const structured =
    `[${headerField(options.structuredDataId ?? 'tianmu@32473', 32)}` +
    ` seq="${record.seq}" hash="${record.hash}" result="${parameterValue(record.result)}"` +
    (record.actor.userId ? ` user="${parameterValue(record.actor.userId)}"` : '') +
    (record.isDrill ? ' drill="true"' : '') +
    ']';
  return [
    `<${priority}>1`,
    record.ts,
    headerField(options.hostname ?? os.hostname(), 255),
    headerField(options.appName ?? 'tianmu', 48),
    headerField(String(process.pid), 128),
    headerField(record.action, 32),
    structured,
    `\uFEFF${line}`,
  ].join(' ');
}

/** Octet-counting framing: the message's length in bytes, a space, the message. */
export function frameSyslogMessage(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'latin1'), body]);
}

export class SyslogForwarder implements JournalForwarder {
  /** Messages handed to the socket, dropped because the queue was full, waiting now. */
  readonly stats = { sent: 0, dropped: 0 };
  private readonly queue: Buffer[] = [];
  private socket: net.Socket | null = null;
  private isConnected = false;
  private isClosing = false;
  private isWaitingForDrain = false;
  private delayMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private hasReportedOutage = false;

  constructor(private readonly options: SyslogOptions) {
    this.delayMs = options.reconnectMs?.first ?? 500;
    this.connect();
  }

  get queued(): number {
    return this.queue.length;
  }

  get connected(): boolean {
    return this.isConnected;
  }

  send(record: JournalRecord, line: string): void {
    if (this.isClosing) return;
    if (this.queue.length >= (this.options.queueLimit ?? 10_000)) {
      this.queue.shift();
      this.stats.dropped++;
    }
    this.queue.push(frameSyslogMessage(formatSyslogMessage(record, line, this.options)));
    this.drain();
  }

  /** Sends what is queued (waiting at most `timeoutMs` for the collector), then disconnects. */
  async close(timeoutMs = 2_000): Promise<void> {
    this.isClosing = true;
    const deadline = Date.now() + timeoutMs;
    while ((this.queue.length > 0 || this.isWaitingForDrain) && this.isConnected && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    if (socket && !socket.destroyed) await new Promise<void>((resolve) => socket.end(resolve));
    socket?.destroy();
  }

  private connect(): void {
    const { host, port } = this.options;
    const socket =
      this.options.protocol === 'tls'
        ? tls.connect({ host, port, ...this.options.tls })
        : net.connect({ host, port });
    this.socket = socket;
    socket.setKeepAlive(true, 30_000);
    socket.once(this.options.protocol === 'tls' ? 'secureConnect' : 'connect', () => {
      this.isConnected = true;
      this.hasReportedOutage = false;
      this.delayMs = this.options.reconnectMs?.first ?? 500;
      this.drain();
    });
    socket.on('error', (error) => {
      if (!this.hasReportedOutage)
        this.options.log?.(`[journal] syslog ${host}:${port} unreachable: ${error.message}`);
      this.hasReportedOutage = true;
    });
    socket.on('close', () => {
      this.isConnected = false;
      this.isWaitingForDrain = false;
      if (this.socket === socket) this.socket = null;
      if (!this.isClosing) this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const last = this.options.reconnectMs?.last ?? 30_000;
    const delay = this.delayMs * (0.75 + Math.random() * 0.5);
    this.delayMs = Math.min(last, this.delayMs * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Hands queued frames to the socket until its buffer is full; TCP syslog has no acknowledgement. */
  private drain(): void {
    const socket = this.socket;
    if (!socket || !this.isConnected || this.isWaitingForDrain) return;
    while (this.queue.length > 0) {
      const frame = this.queue.shift()!;
      this.stats.sent++;
      if (!socket.write(frame)) {
        this.isWaitingForDrain = true;
        socket.once('drain', () => {
          this.isWaitingForDrain = false;
          this.drain();
        });
        return;
      }
    }
  }
}
