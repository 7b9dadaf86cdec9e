// The one atomic writer: a reader sees the old file or the new one, and a failed write replaces nothing and
// leaves no temporary file behind.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic, writeFilesAtomic } from './atomic-file';

let directory: string | undefined;

afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

describe('writeFileAtomic', () => {
  it('replaces a file with new text or bytes and leaves nothing else in its folder', async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'tianmu-atomic-'));
    const target = path.join(directory, 'state.json');
    await writeFile(target, 'old');
    await writeFileAtomic(target, '{"new":true}');
    expect(await readFile(target, 'utf8')).toBe('{"new":true}');
    await writeFileAtomic(target, new Uint8Array([137, 80, 78, 71]));
    expect([...(await readFile(target))]).toEqual([137, 80, 78, 71]);
    expect(await readdir(directory)).toEqual(['state.json']);
  });

  it('keeps the old file when the step before the replacement fails', async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'tianmu-atomic-'));
    const target = path.join(directory, 'state.json');
    await writeFile(target, 'old');
    const failing = writeFileAtomic(target, 'new', {
      beforeReplace: () => {
        throw new Error('no last good copy');
      },
    });
    await expect(failing).rejects.toThrow('no last good copy');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(directory)).toEqual(['state.json']);
  });
});

describe('writeFilesAtomic', () => {
  it('replaces none of several files when one of them cannot be written', async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'tianmu-atomic-'));
    await writeFile(path.join(directory, 'a.json'), 'old a');
    // A folder where the temporary file should go: writing the second file fails.
    await mkdir(path.join(directory, 'missing'));
    const files = [
      { target: path.join(directory, 'a.json'), content: 'new a' },
      { target: path.join(directory, 'missing', 'no-such-folder', 'b.json'), content: 'new b' },
    ];
    await expect(writeFilesAtomic(files)).rejects.toThrow();
    expect(await readFile(path.join(directory, 'a.json'), 'utf8')).toBe('old a');
    expect((await readdir(directory)).sort()).toEqual(['a.json', 'missing']);
  });
});
