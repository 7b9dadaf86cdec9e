// The line reader under the journal: lines cut by its 1 MB reads, a line longer than a read, and a last line
// without its newline all come out whole, with their offsets.
import { afterAll, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { forEachLine } from './read-lines';

const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

it('gives every line whole across read boundaries, a 3 MB line included, and the unterminated last piece', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-read-lines-'));
  directories.push(directory);
  const lines = [
    ...Array.from({ length: 20_000 }, (_, index) => `line ${index} ${'天'.repeat(index % 97)}`),
    'x'.repeat(3 * 1024 * 1024),
    'after the long one',
  ];
  const text = `${lines.join('\n')}\nno newline at the end`;
  const file = path.join(directory, 'lines.txt');
  await writeFile(file, text);

  const seen: Array<{ text: string; offset: number; number: number; hasNewline: boolean }> = [];
  await forEachLine(file, (line) => {
    seen.push({
      text: line.bytes.toString('utf8'),
      offset: line.offset,
      number: line.number,
      hasNewline: line.hasNewline,
    });
  });
  expect(seen.map((line) => line.text)).toEqual([...lines, 'no newline at the end']);
  expect(seen.map((line) => line.hasNewline).filter((hasNewline) => !hasNewline)).toHaveLength(1);
  const bytes = Buffer.from(text);
  for (const line of [seen[0]!, seen[12_345]!, seen[20_001]!, seen.at(-1)!])
    expect(bytes.subarray(line.offset, line.offset + Buffer.byteLength(line.text)).toString('utf8')).toBe(
      line.text,
    );
  expect(seen.at(-1)!.number).toBe(lines.length + 1);
});
