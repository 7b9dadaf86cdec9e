// The one journal (留痕): an append-only, hash-chained JSON-lines file per UTC day in the state folder. An
// append resolves once its line is written and fdatasync'ed; appends that arrive together share one write and
// one fdatasync (group commit). The newest seq and hash are kept in journal.head, outside the day files.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import {
  journalInputSchema,
  type JournalInput,
  type JournalQuery,
  type JournalRecord,
} from '@shared/model/journal';
import { describeIssues } from '@shared/protocol/validation';
import { genesisHash, serializeRecord } from './journal-line';
import { dayFileName, journalDirectory, readHead, writeHead, type JournalHead } from './journal-files';
import { recoverTail, removeStaleTemporaries } from './journal-tail';
import { applyRetention, defaultRetentionDays } from './journal-retention';
import { queryJournal } from './query-journal';
import { syncDirectory } from '../files/atomic-file';

/** Receives each record once it is durable (the syslog forwarder); must not throw or block. */
export interface JournalForwarder {
  send(record: JournalRecord, line: string): void;
  close(): Promise<void>;
}

export interface JournalOptions {
  /** The writable state folder: the journal goes to `<stateDir>/journal/`, the head beside it. */
  stateDir: string;
  /** Days a record is kept (default 180); day files are removed only once all their records are older. */
  retentionDays?: number;
  /** The clock (tests move it). */
  now?: () => number;
  log?: (line: string) => void;
  forwarder?: JournalForwarder;
  /** Most records written by one write + fdatasync (default 4,096). */
  maxBatch?: number;
  /** Shortest time between two writes of journal.head (default 1,000 ms; see scheduleHead). */
  headIntervalMs?: number;
}

/** A bad record from a caller: names the field and the problem. */
export class JournalInputError extends Error {
  override readonly name = 'JournalInputError';
}

interface Pending {
  readonly input: ReturnType<typeof journalInputSchema.parse>;
  readonly ms: number;
  readonly resolve: (record: JournalRecord) => void;
  readonly reject: (error: unknown) => void;
}

const hourMs = 3_600_000;

export class Journal {
  /** Records stored, and writes (each followed by one fdatasync) that stored them. */
  readonly stats = { appends: 0, batches: 0 };
  private queue: Pending[] = [];
  private isFlushing = false;
  private isClosed = false;
  private handle: FileHandle | null = null;
  private headWanted: JournalHead | null = null;
  private headWriting: Promise<void> | null = null;
  private headTimer: NodeJS.Timeout | null = null;
  private lastHeadWrite = -Infinity;
  private flushed: Promise<void> = Promise.resolve();
  private readonly retentionTimer: NodeJS.Timeout;

  private constructor(
    private readonly options: Required<Omit<JournalOptions, 'forwarder'>> & Pick<JournalOptions, 'forwarder'>,
    /** The newest durable record: the chain resumes from it. */
    private last: { seq: number; hash: string },
    /** The day file being written and its size (a failed write is cut back to it). */
    private file: { name: string | null; size: number },
  ) {
    // Daily removal even when nothing is written: checked hourly, never keeping the process alive.
    this.retentionTimer = setInterval(() => void this.removeOldFiles(), hourMs);
    this.retentionTimer.unref();
  }

  /**
   * Opens (or creates) the journal of a state folder: quarantines a torn tail and notes the recovery, notes a
   * tail missing behind the head (and chains on from the head, so the gap stays visible), applies retention.
   */
  static async open(options: JournalOptions): Promise<Journal> {
    const settings = {
      retentionDays: defaultRetentionDays,
      now: () => Date.now(),
      log: (line: string) => console.log(line),
      maxBatch: 4_096,
      headIntervalMs: 1_000,
      ...options,
      stateDir: path.resolve(options.stateDir),
    };
    const { stateDir, log } = settings;
    await mkdir(journalDirectory(stateDir), { recursive: true });
    await removeStaleTemporaries(stateDir);
    const tail = await recoverTail(stateDir, settings.now());
    const head = await readHead(stateDir);
    const onDisk = tail.last ? { seq: tail.last.seq, hash: tail.last.hash } : { seq: 0, hash: genesisHash };
    const notes: Array<{ reason: string; detail: Record<string, string | number> }> = [];
    let resume = onDisk;
    if (head.state === 'present' && head.value.seq > onDisk.seq) {
      // Records the head saw durable are gone: chain on from the head so verify keeps showing the gap.
      resume = { seq: head.value.seq, hash: head.value.hash };
      notes.push({
        reason: `the head names record ${head.value.seq}, the files end at ${onDisk.seq}`,
        detail: { headSeq: head.value.seq, lastSeq: onDisk.seq },
      });
    } else if (head.state === 'present' && head.value.seq === onDisk.seq && head.value.hash !== onDisk.hash) {
      resume = { seq: onDisk.seq, hash: head.value.hash };
      notes.push({
        reason: `record ${onDisk.seq} is not the record the head names`,
        detail: { headSeq: head.value.seq },
      });
    } else if (head.state !== 'present' && onDisk.seq > 0) {
      notes.push({ reason: `journal.head ${head.state === 'bad' ? 'unreadable' : 'missing'}`, detail: {} });
    }
    if (tail.damage) notes.push({ reason: tail.damage, detail: {} });
    // A new journal gets its head at once: from then on a missing head is itself a finding.
    if (head.state !== 'present' && onDisk.seq === 0)
      await writeHead(stateDir, { seq: 0, hash: genesisHash });

    const journal = new Journal(settings, resume, { name: tail.file, size: tail.size });
    await journal.removeOldFiles();
    const system = { role: 'system', window: 'core' };
    if (tail.recovered) {
      log(
        `[journal] torn last line of ${tail.recovered.file} (${tail.recovered.bytes} bytes) moved to ${tail.recovered.quarantine}`,
      );
      await journal.append({
        actor: system,
        action: 'journal.recovered',
        target: { kind: 'journal', id: tail.recovered.file },
        result: 'ok',
        detail: { torn: tail.recovered.bytes, quarantine: tail.recovered.quarantine, resumedAt: onDisk.seq },
      });
    }
    for (const note of notes) {
      log(
        `[journal] TAMPERING OR DAMAGE: ${note.reason}; the chain continues and verify will show the break`,
      );
      await journal.append({
        actor: system,
        action: 'journal.tail-missing',
        target: { kind: 'journal' },
        result: 'failed',
        reason: note.reason,
        detail: note.detail,
      });
    }
    return journal;
  }

  get stateDir(): string {
    return this.options.stateDir;
  }

  /** Seq of the newest durable record (0 for an empty journal). */
  get lastSeq(): number {
    return this.last.seq;
  }

  /**
   * Appends one record. Resolves with the stored record once its line is on disk (written and fdatasync'ed);
   * rejects with a JournalInputError for a bad record, or with the write's error (then nothing was stored).
   */
  append(input: JournalInput): Promise<JournalRecord> {
    if (this.isClosed) return Promise.reject(new Error('the journal is closed'));
    const parsed = journalInputSchema.safeParse(input);
    if (!parsed.success)
      return Promise.reject(new JournalInputError(`journal record: ${describeIssues(parsed.error)}`));
    const ms = this.options.now();
    return new Promise((resolve, reject) => {
      this.queue.push({ input: parsed.data, ms, resolve, reject });
      if (!this.isFlushing) {
        this.isFlushing = true;
        // Appends made in the same turn of the event loop join this write.
        this.flushed = new Promise((done) => setImmediate(() => void this.flush().finally(done)));
      }
    });
  }

  /** Records of the admin page's query, newest first (see query-journal.ts). */
  query(filter: JournalQuery): Promise<JournalRecord[]> {
    return queryJournal(this.options.stateDir, filter);
  }

  /** Writes what is queued, then the head; the forwarder is closed; later appends are refused. */
  async close(): Promise<void> {
    this.isClosed = true;
    clearInterval(this.retentionTimer);
    await this.flushed;
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = null;
    await this.headWriting;
    if (this.headWanted) await this.writeHead();
    await this.handle?.close();
    this.handle = null;
    await this.options.forwarder?.close();
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      try {
        await this.writeBatch(batch);
      } catch (error) {
        // writeBatch rejects its own failed writes; anything else still answers every caller.
        for (const pending of batch) pending.reject(error);
      }
    }
    this.isFlushing = false;
  }

  /** One write and one fdatasync per day file touched (one, except across midnight). */
  private async writeBatch(batch: Pending[]): Promise<void> {
    let index = 0;
    while (index < batch.length) {
      // Never back to an older file, even when the clock goes back: the files stay in seq order.
      const name = laterName(dayFileName(batch[index]!.ms), this.file.name);
      let seq = this.last.seq;
      let prev = this.last.hash;
      const lines: Buffer[] = [];
      const records: JournalRecord[] = [];
      const start = index;
      for (; index < batch.length && laterName(dayFileName(batch[index]!.ms), name) === name; index++) {
        const { input, ms } = batch[index]!;
        const { record, line } = serializeRecord(++seq, prev, {
          ...input,
          ts: new Date(ms).toISOString(),
          ms,
        });
        prev = record.hash;
        lines.push(line);
        records.push(record);
      }
      const segment = batch.slice(start, index);
      try {
        await this.writeLines(name, Buffer.concat(lines));
      } catch (error) {
        for (const pending of segment) pending.reject(error);
        continue;
      }
      this.last = { seq, hash: prev };
      this.stats.appends += segment.length;
      this.scheduleHead({ seq, hash: prev, file: name, ts: records.at(-1)!.ts });
      for (const [position, pending] of segment.entries()) {
        pending.resolve(records[position]!);
        this.options.forwarder?.send(
          records[position]!,
          lines[position]!.toString('utf8', 0, lines[position]!.length - 1),
        );
      }
    }
  }

  private async writeLines(name: string, bytes: Buffer): Promise<void> {
    if (this.file.name !== name || !this.handle) await this.openFile(name);
    const handle = this.handle!;
    try {
      await handle.write(bytes, 0, bytes.length, null);
      await handle.datasync();
    } catch (error) {
      // Cut a partial write back, so the file still ends with the last durable record.
      await handle.truncate(this.file.size).catch(() => undefined);
      throw error;
    }
    this.file.size += bytes.length;
    this.stats.batches++;
  }

  private async openFile(name: string): Promise<void> {
    const isNewDay = this.file.name !== name;
    await this.handle?.close();
    this.handle = null;
    const directory = journalDirectory(this.options.stateDir);
    const handle = await open(path.join(directory, name), 'a');
    this.handle = handle;
    this.file = { name, size: (await handle.stat()).size };
    if (isNewDay) {
      await syncDirectory(directory);
      void this.removeOldFiles();
    }
  }

  /**
   * The head follows the durable records (never ahead of them), written atomically at most once per
   * `headIntervalMs`: each write costs two fsyncs, which would otherwise compete with every append and with the
   * wall's own saves. Between two writes the head may trail the files; close() writes the newest.
   */
  private scheduleHead(head: JournalHead): void {
    this.headWanted = head;
    if (this.headWriting || this.headTimer) return;
    const wait = this.lastHeadWrite + this.options.headIntervalMs - performance.now();
    if (wait <= 0) {
      this.headWriting = this.writeHead();
      return;
    }
    this.headTimer = setTimeout(() => {
      this.headTimer = null;
      this.headWriting ??= this.writeHead();
    }, wait);
  }

  private async writeHead(): Promise<void> {
    const head = this.headWanted;
    this.headWanted = null;
    if (head)
      await writeHead(this.options.stateDir, head).catch((error: Error) =>
        this.options.log(`[journal] could not write journal.head: ${error.message}`),
      );
    this.lastHeadWrite = performance.now();
    this.headWriting = null;
    if (this.headWanted && !this.isClosed) this.scheduleHead(this.headWanted);
  }

  private async removeOldFiles(): Promise<void> {
    try {
      const removed = await applyRetention(
        this.options.stateDir,
        this.options.retentionDays,
        this.options.now(),
      );
      if (removed.length > 0) this.options.log(`[journal] retention removed ${removed.join(', ')}`);
    } catch (error) {
      this.options.log(`[journal] retention failed: ${(error as Error).message}`);
    }
  }
}

function laterName(name: string, current: string | null): string {
  return current !== null && current > name ? current : name;
}
