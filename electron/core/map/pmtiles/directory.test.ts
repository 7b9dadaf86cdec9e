// Directory decoding from hand-made bytes: the spec's columns, contiguous offsets, and every kind of damage refused.
import { describe, expect, it } from 'vitest';
import { decodeDirectory, findEntry } from './directory';

/** Little-endian base-128 varints of small numbers. */
function varints(...values: number[]): Uint8Array {
  const bytes: number[] = [];
  for (let value of values) {
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
  }
  return Uint8Array.from(bytes);
}

describe('PMTiles directories', () => {
  it('decodes delta tile ids, run lengths, lengths and offsets (0 = right after the previous entry)', () => {
    // Entries: id 5 run 3 at 0+100; id 9 run 1 contiguous (100+20); id 20 a leaf at 7+300 (explicit offset + 1).
    const directory = decodeDirectory(varints(3, 5, 4, 11, 3, 1, 0, 100, 20, 300, 1, 0, 8));
    expect([...directory.tileIds]).toEqual([5, 9, 20]);
    expect([...directory.runLengths]).toEqual([3, 1, 0]);
    expect([...directory.lengths]).toEqual([100, 20, 300]);
    expect([...directory.offsets]).toEqual([0, 100, 7]);
  });

  it('finds tiles in runs, leaves for ids past a leaf entry, and nothing in gaps', () => {
    const directory = decodeDirectory(varints(3, 5, 4, 11, 3, 1, 0, 100, 20, 300, 1, 0, 8));
    expect(findEntry(directory, 4)).toBeNull();
    expect(findEntry(directory, 5)).toEqual({ kind: 'tile', offset: 0, length: 100 });
    expect(findEntry(directory, 7)).toEqual({ kind: 'tile', offset: 0, length: 100 });
    expect(findEntry(directory, 8)).toBeNull();
    expect(findEntry(directory, 9)).toEqual({ kind: 'tile', offset: 100, length: 20 });
    expect(findEntry(directory, 10)).toBeNull();
    expect(findEntry(directory, 20)).toEqual({ kind: 'leaf', offset: 7, length: 300 });
    expect(findEntry(directory, 5_000_000)).toEqual({ kind: 'leaf', offset: 7, length: 300 });
  });

  it('reads tile ids and offsets beyond 32 bits exactly', () => {
    const big = 2 ** 40 + 3;
    const directory = decodeDirectory(varints(1, big, 1, 10, big + 1));
    expect(directory.tileIds[0]).toBe(big);
    expect(directory.offsets[0]).toBe(big);
  });

  it.each([
    ['an empty directory', varints(0), /no entries/],
    ['a count larger than the bytes can hold', varints(1000, 1, 1, 1, 1), /claims 1000 entries/],
    ['a directory cut short', varints(2, 1, 1, 1, 1, 5, 5, 200), /ends inside offset 1/],
    ['a first entry "after the previous one"', varints(1, 1, 1, 10, 0), /first entry/],
    ['a length of 0', varints(1, 1, 1, 0, 1), /length 0/],
    ['a tile id twice', varints(2, 1, 0, 1, 1, 10, 10, 1, 0), /twice/],
    ['a run overlapping the next entry', varints(2, 1, 2, 5, 1, 10, 10, 1, 0), /overlaps tile id 3/],
    ['a varint longer than 8 bytes', Uint8Array.from([1, ...Array(9).fill(0xff), 1]), /longer than 8 bytes/],
  ])('refuses %s', (_case, bytes, message) => {
    expect(() => decodeDirectory(bytes)).toThrow(message);
  });
});
