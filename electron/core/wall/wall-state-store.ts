// Keeps the wall state on disk so the wall comes back exactly after a restart, a crash or a power cut:
// every change is written atomically (temporary file, fsync, rename) and the file it replaces is kept as the
// last good copy. A damaged file never stops the wall: the last good copy, else the default scenario, is used.
import { copyFile, link, mkdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { describeIssues } from '@shared/protocol/validation';
import { wallStateSchema, type WallSnapshot, type WallState } from '@shared/model/wall';
import { syncDirectory, writeTemporary } from './atomic-file';
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
    const problems: string[] = [];
    for (const [source, file] of [
      ['current', this.statePath],
      ['last-good', this.lastGoodPath],
    ] as const) {
      const result = await readStateFile(file, check);
      if ('state' in result) {
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
    const temporary = await writeTemporary(this.statePath, `${JSON.stringify(file)}\n`);
    await this.keepLastGood();
    await rename(temporary, this.statePath);
    await syncDirectory(this.directory);
    this.writtenVersion = state.version;
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
    await rename(staging, this.lastGoodPath);
  }
}

async function readStateFile(
  file: string,
  check: (state: WallState) => string | null,
): Promise<{ state: WallState; notes: readonly string[] } | { problem: string | null }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? null : `cannot be read (${code})` };
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
