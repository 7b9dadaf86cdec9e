// Password hashing with scrypt from node:crypto (no native module to rebuild for Electron or arm64): hash, verify in
// constant time, and tell when a stored hash was made with weaker parameters than today's.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHash } from '@shared/model/user';

/** scrypt's cost parameters. */
export interface PasswordParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * Today's parameters: N = 2^15, r = 8, p = 1 uses 32 MiB and took 280–300 ms per hash on the 2-core project
 * machine (shared with other work; about 100 ms on an idle desktop). That is slow enough to make guessing a leaked
 * hash expensive and fast enough for a sign-in; libuv's 4 threads bound concurrent hashes to 128 MiB. OWASP's
 * 2^17 would cost 4× the time and memory per sign-in; raising these later rehashes each user at their next sign-in.
 */
export const passwordParameters: PasswordParameters = { N: 2 ** 15, r: 8, p: 1 };

/** Salt and key lengths in bytes (16-byte salts never repeat in practice; 32 bytes is SHA-256's strength). */
export const saltBytes = 16;
export const keyBytes = 32;

/** Longest password accepted (characters): enough for any passphrase, short of a denial of service. */
export const maxPasswordLength = 256;

/** Shortest password the CLI accepts for a new or changed password. */
export const minPasswordLength = 8;

function options(parameters: PasswordParameters): ScryptOptions {
  // Node refuses when 128·N·r exceeds maxmem (default 32 MiB, exactly today's need): leave room.
  return { N: parameters.N, r: parameters.r, p: parameters.p, maxmem: 256 * parameters.N * parameters.r };
}

/** The same password typed with composed or decomposed characters (输入法, macOS) must give the same hash. */
function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

function derive(
  password: string,
  salt: Buffer,
  parameters: PasswordParameters,
  length: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passwordBytes(password), salt, length, options(parameters), (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes `password` with a fresh random salt. */
export async function hashPassword(
  password: string,
  parameters: PasswordParameters = passwordParameters,
): Promise<PasswordHash> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, parameters, keyBytes);
  return { algorithm: 'scrypt', ...parameters, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/**
 * Hashes with a given salt, blocking: for the demo generator, whose files must be byte-identical on every run.
 * Never for a real password (the salt must be random) and never on the core's event loop.
 */
export function hashPasswordWithSalt(
  password: string,
  salt: Buffer,
  parameters: PasswordParameters = passwordParameters,
): PasswordHash {
  const key = scryptSync(passwordBytes(password), salt, keyBytes, options(parameters));
  return { algorithm: 'scrypt', ...parameters, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** True when `password` matches `stored`; the key comparison takes the same time wherever the keys differ. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (password.length > maxPasswordLength) return false;
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(password, Buffer.from(stored.salt, 'base64'), stored, expected.length);
  return timingSafeEqual(key, expected);
}

/** True when `stored` was made with weaker parameters than `current` (then rehash at the next sign-in). */
export function needsRehash(stored: PasswordHash, current: PasswordParameters = passwordParameters): boolean {
  return (
    stored.N < current.N ||
    stored.r < current.r ||
    stored.p < current.p ||
    Buffer.from(stored.hash, 'base64').length < keyBytes
  );
}
