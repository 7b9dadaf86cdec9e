// Keeps the wall state on disk so the wall comes back exactly after a restart, a crash or a power cut:
// every change is written atomically (temporary file, fsync, rename) and the file it replaces is kept as the
// last good copy. A damaged file never stops the wall: the last good copy, else the default scenario, is used.
// Only a file that validated (loaded, or written here) may become the last good copy.
import { copyFile, link, mkdir, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { describeIssues } from '@shared/protocol/validation';
import { wallStateSchema, type WallSnapshot, type WallState } from '@shared/model/wall';
import { writeFileAtomic } from '../files/atomic-file';
import { upgradeSavedWallState } from './wall-state-migrations';

export const stateFileName = 'wall-state.json';
export const lastGoodFileName = 'wall-state.last-good.json';

/**
 * The format of the state file: the state plus a marker that says what the file is. The state also carries
 * `previous`, the newest 返回 entry, which is how builds from before the 返回 history kept it: rolled back to
 * such a build, the room still resumes its wall (with one level of 返回). This build reads `history` and
 * ignores `previous` (see wall-state-migrations.ts).
 */
interface StateFile {
  format: 'tianmu-wall-state/1';
  savedAt: string;
  state: WallState & { previous: WallSnapshot | null };
}

export interface LoadedWallState {
  /** The state to start with, or null when neither file holds a usable one. */
  readonly state: WallState | null;
  readonly source: 'current' | 'last-good' | 'none';
  /** One line per file that could not be used, for the log. */
  readonly problems: readonly string[];
  /** One line per change made to bring the used file to this build's shape (then worth saving again). */
  readonly notes: readonly string[];
}

export interface WallStateStoreOptions {
  directory: string;
  log?: (line: string) => void;
}

export class WallStateStore {
  readonly directory: string;
  private readonly log: (line: string) => void;
  /** Writes run one after another; each writes the newest state not yet written (later ones coalesce). */
  private chain: Promise<void> = Promise.resolve();
  private latest: WallState | null = null;
  private writtenVersion = -1;
  private hasDirectory = false;
  /**
   * Whether the current file on disk validated: it was loaded, or this store wrote it. A file that did not
   * (damaged, refused, or never read) must not replace the last good copy the wall may have resumed from.
   */
  private isCurrentFileGood = false;

  constructor(options: WallStateStoreOptions) {
    this.directory = options.directory;
    this.log = options.log ?? ((line) => console.log(line));
  }

  get statePath(): string {
    return path.join(this.directory, stateFileName);
  }

  get lastGoodPath(): string {
    return path.join(this.directory, lastGoodFileName);
  }

  /**
   * Reads the saved state. `check` judges a schema-valid state against the workspace (a scenario, display or
   * camera that no longer exists) and returns why it is unusable, or null.
   */
  async load(check: (state: WallState) => string | null): Promise<LoadedWallState> {
    await this.removeStaleTemporaries();
    const problems: string[] = [];
    this.isCurrentFileGood = false;
    for (const [source, file] of [
      ['current', this.statePath],
      ['last-good', this.lastGoodPath],
    ] as const) {
      const result = await readStateFile(file, check);
      if ('state' in result) {
        this.isCurrentFileGood = source === 'current';
        const notes = result.notes.map((note) => `${file}: ${note}`);
        return { state: result.state, source, problems, notes };
      }
      if (result.problem !== null) problems.push(`${file}: ${result.problem}`);
    }
    return { state: null, source: 'none', problems, notes: [] };
  }

  /** Saves `state` (coalescing with saves still waiting); resolves once it, or a newer state, is on disk. */
  save(state: WallState): Promise<void> {
    if (!this.latest || state.version >= this.latest.version) this.latest = state;
    const step = this.chain.then(() => this.writeLatest());
    // A failed write is logged and does not block the next one.
    this.chain = step.catch((error: unknown) => {
      this.log(`[wall] could not save the wall state to ${this.statePath}: ${(error as Error).message}`);
    });
    return this.chain;
  }

  /** Resolves when every save asked for so far has finished. */
  flushed(): Promise<void> {
    return this.chain;
  }

  private async writeLatest(): Promise<void> {
    const state = this.latest;
    if (!state || state.version === this.writtenVersion) return;
    if (!this.hasDirectory) {
      await mkdir(this.directory, { recursive: true });
      this.hasDirectory = true;
    }
    const file: StateFile = {
      format: 'tianmu-wall-state/1',
      savedAt: new Date().toISOString(),
      state: { ...state, previous: state.history.at(-1) ?? null },
    };
    // A directory in the file's place fails every save: say so plainly, before writing anything beside it.
    if ((await stat(this.statePath).catch(() => null))?.isDirectory())
      throw new Error('it is a directory, not a file');
    await writeFileAtomic(this.statePath, `${JSON.stringify(file)}\n`, {
      beforeReplace: () => (this.isCurrentFileGood ? this.keepLastGood() : undefined),
    });
    this.isCurrentFileGood = true;
    this.writtenVersion = state.version;
  }

  /**
   * Deletes the temporary files of saves that never finished (the process was killed between writing and
   * renaming). Files of a process still running are left alone: it may be saving right now.
   */
  private async removeStaleTemporaries(): Promise<void> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    for (const name of names) {
      const pid = temporaryFilePid(name);
      if (pid !== null && !isProcessRunning(pid))
        await unlink(path.join(this.directory, name)).catch(() => undefined);
    }
  }

  /**
   * The file about to be replaced becomes the last good copy. A hard link keeps the current file in place the
   * whole time (a crash between two renames would otherwise leave no current file); copy where links fail.
   */
  private async keepLastGood(): Promise<void> {
    const staging = `${this.lastGoodPath}.${process.pid}.tmp`;
    await unlink(staging).catch(() => undefined);
    try {
      await link(this.statePath, staging);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      await copyFile(this.statePath, staging);
    }
    try {
      await rename(staging, this.lastGoodPath);
    } catch (error) {
      await unlink(staging).catch(() => undefined);
      throw error;
    }
  }
}

/** Temporary files of this store: the new state (atomic-file.ts names it) and the last good copy's staging link. */
const temporaryFilePatterns = [
  /^\.wall-state\.json\.(\d+)\.[0-9a-f]+\.tmp$/,
  /^wall-state\.last-good\.json\.(\d+)\.tmp$/,
];

/** The pid in the name of one of this store's temporary files, or null for any other file. */
function temporaryFilePid(name: string): number | null {
  for (const pattern of temporaryFilePatterns) {
    const match = pattern.exec(name);
    if (match) return Number(match[1]);
  }
  return null;
}

/** Whether a process with this pid exists (EPERM: it does, owned by someone else). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Reads and validates one state file. Never throws: whatever goes wrong (an unreadable file, a parser or a
 * validation that gives up, even a stack overflow) is a problem with this file, and the caller tries the next.
 */
async function readStateFile(
  file: string,
  check: (state: WallState) => string | null,
): Promise<{ state: WallState; notes: readonly string[] } | { problem: string | null }> {
  try {
    return await readStateFileOrThrow(file, check);
  } catch (error) {
    return { problem: `could not be used (${String(error)})` };
  }
}

async function readStateFileOrThrow(
  file: string,
  check: (state: WallState) => string | null,
): Promise<{ state: WallState; notes: readonly string[] } | { problem: string | null }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: null };
    return { problem: code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || (data as StateFile).format !== 'tianmu-wall-state/1') {
    return { problem: 'not a Tianmu wall state file' };
  }
  const upgraded = upgradeSavedWallState((data as StateFile).state);
  const parsed = wallStateSchema.safeParse(upgraded.state);
  if (!parsed.success) return { problem: `state.${describeIssues(parsed.error, 2)}` };
  const problem = check(parsed.data);
  return problem === null ? { state: parsed.data, notes: upgraded.notes } : { problem };
}
