// The directory cache: bounded by weight, least recently used out first.
import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('drops the least recently used entries once the weight is over the limit', () => {
    const cache = new LruCache<string, string>(10, (value) => value.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect(cache.get('a')).toBe('aaaa');
    cache.set('c', 'cccc');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
    expect(cache.weight).toBe(8);
  });

  it('replaces an entry under the same key and never keeps one heavier than the limit', () => {
    const cache = new LruCache<string, string>(10, (value) => value.length);
    cache.set('a', 'aa');
    cache.set('a', 'aaa');
    expect(cache.weight).toBe(3);
    cache.set('huge', 'x'.repeat(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.weight).toBe(0);
  });
});
