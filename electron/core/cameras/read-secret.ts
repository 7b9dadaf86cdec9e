// Reads a platform secret (a password, an api-key) from where platforms.json points: an environment variable or
// a file, so the secret itself never sits in the workspace files, which are copied and versioned.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Secret } from '@shared/model/camera-connectors';

/** Why a secret could not be read, in words an operator can act on (shown on the console's source strip). */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

export interface ReadSecretOptions {
  /** A relative `file` is read against this folder. */
  readonly workspaceDir: string;
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The secret's value: the variable's value, or the file's first line, trimmed. Read at each use (not cached), so a
 * rotated password is picked up at the next sign-in without a restart. An unset variable, a missing or empty file
 * rejects with a SecretError naming the variable or file.
 */
export async function readSecret(secret: Secret, options: ReadSecretOptions): Promise<string> {
  if ('env' in secret) {
    const value = (options.env ?? process.env)[secret.env]?.trim();
    if (!value) throw new SecretError(`环境变量 ${secret.env} 未设置`);
    return value;
  }
  const file = path.resolve(options.workspaceDir, secret.file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new SecretError(`无法读取密钥文件 ${secret.file}（${code}）`);
  }
  const value = text.split(/\r?\n/, 1)[0]?.trim();
  if (!value) throw new SecretError(`密钥文件 ${secret.file} 的第一行为空`);
  return value;
}
