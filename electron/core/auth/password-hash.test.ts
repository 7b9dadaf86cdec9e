import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  hashPasswordWithSalt,
  needsRehash,
  passwordParameters,
  verifyPassword,
} from './password-hash';

/** Cheap parameters: the behaviour is the same, the tests stay fast. */
const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  it("hashes with today's parameters, a 16-byte salt and a 32-byte key, and verifies the password", async () => {
    const stored = await hashPassword('正确的密码 horse', passwordParameters);
    expect(stored).toMatchObject({ algorithm: 'scrypt', N: 32_768, r: 8, p: 1 });
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(stored.hash, 'base64')).toHaveLength(32);
    expect(await verifyPassword('正确的密码 horse', stored)).toBe(true);
  });

  it('refuses a wrong password, one differing in case and an empty one', async () => {
    const stored = await hashPassword('demo-operator', cheap);
    expect(await verifyPassword('demo-operatoR', stored)).toBe(false);
    expect(await verifyPassword('demo-operator ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('gives two hashes of one password different salts', async () => {
    const [first, second] = await Promise.all([hashPassword('same', cheap), hashPassword('same', cheap)]);
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
  });

  it('accepts the same Chinese password typed composed or decomposed (NFC)', async () => {
    const stored = await hashPassword('Café 天幕', cheap);
    expect(await verifyPassword('Cafe\u0301 天幕', stored)).toBe(true);
  });

  it('refuses a password longer than 256 characters without hashing it', async () => {
    const long = 'x'.repeat(257);
    const stored = hashPasswordWithSalt(long, Buffer.alloc(16, 1), cheap);
    expect(await verifyPassword(long, stored)).toBe(false);
  });

  it('asks for a rehash when the stored parameters are weaker than today', async () => {
    expect(needsRehash(await hashPassword('pw', cheap))).toBe(true);
    expect(needsRehash(await hashPassword('pw', cheap), cheap)).toBe(false);
    expect(needsRehash({ ...(await hashPassword('pw', cheap)), r: 4 }, cheap)).toBe(true);
  });

  it('hashes the same password and salt to the same bytes (what the demo generator relies on)', () => {
    const salt = Buffer.alloc(16, 7);
    expect(hashPasswordWithSalt('demo', salt, cheap)).toEqual(hashPasswordWithSalt('demo', salt, cheap));
  });
});
