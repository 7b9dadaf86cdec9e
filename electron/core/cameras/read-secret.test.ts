// Platform secrets from the environment or a file beside the workspace, never from platforms.json itself.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSecret } from './read-secret';

describe('readSecret', () => {
  let workspaceDir: string;
  beforeAll(async () => {
    workspaceDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-secret-'));
    await writeFile(path.join(workspaceDir, 'wvp.secret'), 'p@ss word \r\nsecond line\n');
    await writeFile(path.join(workspaceDir, 'empty.secret'), '\n');
  });
  afterAll(() => rm(workspaceDir, { recursive: true, force: true }));

  it('reads an environment variable, trimmed', async () => {
    const env = { WVP_PASSWORD: ' secret\n' };
    expect(await readSecret({ env: 'WVP_PASSWORD' }, { workspaceDir, env })).toBe('secret');
  });

  it('names the variable when it is not set', async () => {
    await expect(readSecret({ env: 'WVP_PASSWORD' }, { workspaceDir, env: {} })).rejects.toThrow(
      '环境变量 WVP_PASSWORD 未设置',
    );
  });

  it('reads the first line of a file relative to the workspace folder', async () => {
    expect(await readSecret({ file: 'wvp.secret' }, { workspaceDir })).toBe('p@ss word');
  });

  it('names a missing file and an empty one', async () => {
    await expect(readSecret({ file: 'missing.secret' }, { workspaceDir })).rejects.toThrow(
      '无法读取密钥文件 missing.secret（ENOENT）',
    );
    await expect(readSecret({ file: 'empty.secret' }, { workspaceDir })).rejects.toThrow(
      '密钥文件 empty.secret 的第一行为空',
    );
  });
});
