// Reads a platform secret named in platforms.json (an environment variable or a file), so passwords and API
// secrets stay out of the workspace files, which are copied and versioned.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Secret } from '@shared/model/camera-connectors';

/**
 * The secret's value: the environment variable's, or the first line of the file (relative to the workspace
 * folder unless absolute). Rejects with a message naming the variable or file when it is missing or empty.
 */
export async function readSecret(
  secret: Secret,
  workspaceDir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string> {
  if ('env' in secret) {
    const value = env[secret.env]?.trim();
    if (!value) throw new Error(`环境变量 ${secret.env} 未设置（平台密钥）`);
    return value;
  }
  const file = path.resolve(workspaceDir, secret.file);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`无法读取密钥文件 ${secret.file}：${error.code ?? error.message}`);
  });
  const value = text.split(/\r?\n/, 1)[0]?.trim();
  if (!value) throw new Error(`密钥文件 ${secret.file} 的第一行是空的`);
  return value;
}
