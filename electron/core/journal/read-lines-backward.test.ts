// The backward line reader under the admin page's query: every whole line once, last first, across its 1 MB
// reads and a line longer than a read; the unterminated piece at the end (a torn write) is not a line.
import { afterAll, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { forEachLineBackward } from './read-lines-backward';

const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

async function fileOf(text: string): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-read-backward-'));
  directories.push(directory);
  const file = path.join(directory, 'lines.txt');
  await writeFile(file, text);
  return file;
}

it('gives every whole line last first across read boundaries, a 3 MB line included, without the torn tail', async () => {
  const lines = [
    ...Array.from({ length: 20_000 }, (_, index) => `line ${index} ${'天'.repeat(index % 97)}`),
    'x'.repeat(3 * 1024 * 1024),
    '',
    'after the long one',
  ];
  const file = await fileOf(`${lines.join('\n')}\n{"seq":99,"torn`);
  const seen: string[] = [];
  await forEachLineBackward(file, (bytes) => void seen.push(bytes.toString('utf8')));
  expect(seen).toEqual([...lines].reverse());
});

it('stops when asked and reads nothing of an empty file', async () => {
  const file = await fileOf('a\nb\nc\n');
  const seen: string[] = [];
  await forEachLineBackward(file, (bytes) => {
    seen.push(bytes.toString());
    return seen.length < 2;
  });
  expect(seen).toEqual(['c', 'b']);
  let count = 0;
  await forEachLineBackward(await fileOf(''), () => void count++);
  expect(count).toBe(0);
});
