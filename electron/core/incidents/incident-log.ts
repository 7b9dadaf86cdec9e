// Keeps incidents in the writable state folder so they survive a restart, a crash and `kill -9`: every changed
// incident is appended as one JSON line (the last line of an id wins), and at start the file is read and rewritten
// atomically as one line per incident. A torn last line (the write a power cut interrupted) and damaged lines are
// skipped and counted, never fatal: the alarm loop must come back.
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { incidentSchema, type Incident } from '@shared/model/incident';
import { writeFileAtomic } from '../files/atomic-file';

export const incidentLogFileName = 'incidents.jsonl';

export interface LoadedIncidents {
  /** The newest saved record of every incident, in the order they were last changed. */
  readonly incidents: Incident[];
  /** Lines that were not a valid incident (a torn last line included). */
  readonly skipped: number;
}

/** Reads a log's text: the last valid line of each id wins; anything else is skipped and counted. */
export function parseIncidentLog(text: string): LoadedIncidents {
  const byId = new Map<string, Incident>();
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed;
    try {
      parsed = incidentSchema.safeParse(JSON.parse(line));
    } catch {
      skipped++;
      continue;
    }
    if (!parsed.success) {
      skipped++;
      continue;
    }
    byId.delete(parsed.data.id);
    byId.set(parsed.data.id, parsed.data);
  }
  return { incidents: [...byId.values()], skipped };
}

export interface IncidentLogOptions {
  readonly directory: string;
  /** Rewrite the file once it holds this many lines more than incidents (default 20,000). */
  readonly compactAfterLines?: number;
  readonly log?: (line: string) => void;
}

/** The append-only file of incident changes. Appends are queued in order; `sync` waits until they are durable. */
export class IncidentLog {
  private handle: FileHandle | null = null;
  private queue: Promise<void> = Promise.resolve();
  private lines = 0;
  private readonly file: string;
  private readonly log: (line: string) => void;
  private failure: Error | null = null;
  /** The line last written per incident: a source re-sending the same record (every poll) writes nothing. */
  private written = new Map<string, string>();

  private constructor(
    private readonly options: IncidentLogOptions,
    private readonly current: () => readonly Incident[],
  ) {
    this.file = path.join(options.directory, incidentLogFileName);
    this.log = options.log ?? (() => undefined);
  }

  /**
   * Reads what was saved (nothing for a first start) and rewrites it as one line per incident, so a torn line
   * is gone before anything is appended after it. `current` gives what the store holds, for later rewrites.
   */
  static async open(
    options: IncidentLogOptions,
    current: () => readonly Incident[],
  ): Promise<{ log: IncidentLog; loaded: LoadedIncidents }> {
    await mkdir(options.directory, { recursive: true });
    const log = new IncidentLog(options, current);
    let text = '';
    try {
      text = await readFile(log.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const loaded = parseIncidentLog(text);
    if (loaded.skipped > 0)
      log.log(
        `[incidents] ${incidentLogFileName}: skipped ${loaded.skipped} damaged line(s) (a torn last write?)`,
      );
    await log.rewrite(loaded.incidents);
    return { log, loaded };
  }

  /** Appends the changed incidents (in order, after every earlier append). */
  append(incidents: readonly Incident[]): void {
    const lines: string[] = [];
    for (const incident of incidents) {
      const line = JSON.stringify(incident);
      if (this.written.get(incident.id) === line) continue;
      this.written.set(incident.id, line);
      lines.push(line + '\n');
    }
    if (lines.length === 0) return;
    this.enqueue(async () => {
      await this.handle!.write(lines.join(''));
      this.lines += lines.length;
      const threshold = this.options.compactAfterLines ?? 20_000;
      if (this.lines > this.current().length + threshold) await this.rewrite(this.current());
    });
  }

  /** Resolves once every append so far is on the disk (an operator's step is answered after it). */
  sync(): Promise<void> {
    this.enqueue(async () => {
      await this.handle!.datasync();
    });
    return this.queue.then(() => {
      if (this.failure) throw this.failure;
    });
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = null;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: Error) => {
      // A full disk must not stop the alarm loop: the store keeps working and the failure is logged and reported.
      this.failure = error;
      this.log(`[incidents] could not save incidents: ${error.message}`);
    });
  }

  private async rewrite(incidents: readonly Incident[]): Promise<void> {
    await this.handle?.close();
    const lines = incidents.map((incident) => JSON.stringify(incident));
    await writeFileAtomic(this.file, lines.map((line) => line + '\n').join(''));
    this.written = new Map(incidents.map((incident, index) => [incident.id, lines[index]!]));
    this.handle = await open(this.file, 'a');
    this.lines = incidents.length;
    this.failure = null;
  }
}
