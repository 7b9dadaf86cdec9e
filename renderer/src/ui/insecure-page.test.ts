// A page served over plain HTTP from another machine knows it by itself.
import { describe, expect, it } from 'vitest';
import { isPlainHttpOffLoopback } from './insecure-page';

describe('isPlainHttpOffLoopback', () => {
  it('is true for http:// from a LAN address or name', () => {
    expect(isPlainHttpOffLoopback({ protocol: 'http:', hostname: '192.168.1.20' })).toBe(true);
    expect(isPlainHttpOffLoopback({ protocol: 'http:', hostname: 'wall.room.cn' })).toBe(true);
    expect(isPlainHttpOffLoopback({ protocol: 'http:', hostname: '[fe80::1]' })).toBe(true);
    expect(isPlainHttpOffLoopback({ protocol: 'http:', hostname: '127.0.0.1.nip.io' })).toBe(true);
  });

  it('is false over https and for this machine’s own loopback', () => {
    expect(isPlainHttpOffLoopback({ protocol: 'https:', hostname: '192.168.1.20' })).toBe(false);
    expect(isPlainHttpOffLoopback({ protocol: 'http:', hostname: '127.0.0.1' })).toBe(false);
    expect(isPlainHttpOffLoopback({ protocol: 'http:', hostname: 'localhost' })).toBe(false);
    expect(isPlainHttpOffLoopback({ protocol: 'http:', hostname: '[::1]' })).toBe(false);
  });
});
