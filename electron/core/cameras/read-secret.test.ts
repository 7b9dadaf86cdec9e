// Platform secrets come from the environment or a file's first line, and a missing one is named.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSecret } from './read-secret';

let folder: string | undefined;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('readSecret', () => {
  it('reads an environment variable and names it when it is not set', async () => {
    await expect(readSecret({ env: 'ZLM_SECRET' }, '/nowhere', { ZLM_SECRET: ' abc \n' })).resolves.toBe(
      'abc',
    );
    await expect(readSecret({ env: 'ZLM_SECRET' }, '/nowhere', {})).rejects.toThrow(
      '环境变量 ZLM_SECRET 未设置',
    );
  });

  it("reads a file's first line relative to the workspace and names a missing file", async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'tianmu-secret-'));
    await writeFile(path.join(folder, 'zlm.secret'), 'from-file\r\nsecond line\n');
    await expect(readSecret({ file: 'zlm.secret' }, folder)).resolves.toBe('from-file');
    await expect(readSecret({ file: 'gone.secret' }, folder)).rejects.toThrow(
      '无法读取密钥文件 gone.secret：ENOENT',
    );
  });
});
