// Tests of the FLV parser and writer: handcrafted bytes, round trips, and a real generated clip.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { decodeAmf0, encodeAmf0, rewriteMetadataForLive } from './amf0';
import { FlvParseError, FlvTagType, parseFlv, parseFlvHeader } from './flv-parser';
import { writeFlvHeader, writeFlvTag } from './flv-writer';
import { makeSyntheticClip } from '../../../../tests/support/media/synthetic-clip';

const realClip = fileURLToPath(new URL('../../../../resources/media/clips/cam-01.flv', import.meta.url));

describe('parseFlv', () => {
  it('parses a handcrafted buffer with a 32-bit (extended) timestamp', () => {
    // prettier-ignore
    const bytes = Buffer.from([
      0x46, 0x4c, 0x56, 0x01, 0x01, 0x00, 0x00, 0x00, 0x09, // 'FLV', v1, video only, header size 9
      0x00, 0x00, 0x00, 0x00, // PreviousTagSize0
      0x09, 0x00, 0x00, 0x05, 0x23, 0x45, 0x67, 0x01, 0x00, 0x00, 0x00, // video, 5 bytes, ts 0x01234567
      0x17, 0x00, 0x00, 0x00, 0x00, // key frame, AVC, sequence header
      0x00, 0x00, 0x00, 0x10, // PreviousTagSize = 16
      0x09, 0x00, 0x00, 0x02, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00, // video, 2 bytes, ts 40
      0x27, 0x01, // inter frame, AVC NALU
      0x00, 0x00, 0x00, 0x0d,
    ]);
    const file = parseFlv(bytes);
    expect(file.header).toEqual({ version: 1, hasAudio: false, hasVideo: true, headerSize: 9 });
    expect(file.trailingBytes).toBe(0);
    expect(file.tags).toHaveLength(2);
    expect(file.tags[0]).toMatchObject({
      type: FlvTagType.video,
      timestamp: 0x01234567,
      isKeyframe: true,
      isSequenceHeader: true,
      codecId: 7,
    });
    expect(file.tags[1]).toMatchObject({ timestamp: 40, isKeyframe: false, isSequenceHeader: false });
    expect([...file.tags[1]!.data]).toEqual([0x27, 0x01]);
  });

  it('reports an incomplete last tag instead of failing (a stream still arriving)', () => {
    const whole = makeSyntheticClip({ frames: 3 });
    const file = parseFlv(whole.subarray(0, whole.length - 7));
    expect(file.trailingBytes).toBeGreaterThan(0);
    expect(file.tags.length).toBe(parseFlv(whole).tags.length - 1);
  });

  it('rejects data that is not FLV, and inconsistent PreviousTagSize fields', () => {
    expect(() => parseFlvHeader(Buffer.from('GIF89a....'))).toThrow(FlvParseError);
    const corrupt = Buffer.from(makeSyntheticClip({ frames: 2 }));
    corrupt.writeUInt32BE(999, 13 + 11 + corrupt.readUIntBE(14, 3));
    expect(() => parseFlv(corrupt)).toThrow(/PreviousTagSize/);
  });

  it('recognises AAC sequence headers and the AVC end of sequence', () => {
    const bytes = Buffer.concat([
      writeFlvHeader({ hasAudio: true, hasVideo: true }),
      writeFlvTag(FlvTagType.audio, 0, Buffer.from([0xaf, 0x00, 0x12, 0x10])),
      writeFlvTag(FlvTagType.audio, 23, Buffer.from([0xaf, 0x01, 0x21])),
      writeFlvTag(FlvTagType.video, 40, Buffer.from([0x17, 0x02, 0, 0, 0])),
    ]);
    const { header, tags } = parseFlv(bytes);
    expect(header.hasAudio).toBe(true);
    expect(tags.map((tag) => [tag.type, tag.isSequenceHeader, tag.isEndOfSequence])).toEqual([
      [FlvTagType.audio, true, false],
      [FlvTagType.audio, false, false],
      [FlvTagType.video, false, true],
    ]);
  });
});

describe('writeFlvTag / writeFlvHeader', () => {
  it('round-trips through the parser, including timestamps above 24 bits', () => {
    const timestamps = [0, 40, 0xffffff, 0x1000000, 0x7fffffff];
    const bytes = Buffer.concat([
      writeFlvHeader(),
      ...timestamps.map((timestamp, index) =>
        writeFlvTag(FlvTagType.video, timestamp, Buffer.from([index === 0 ? 0x17 : 0x27, 1, 0, 0, 0, index])),
      ),
    ]);
    const file = parseFlv(bytes);
    expect(file.header).toMatchObject({ hasVideo: true, hasAudio: false });
    expect(file.tags.map((tag) => tag.timestamp)).toEqual(timestamps);
    expect(file.tags.map((tag) => tag.data[5])).toEqual([0, 1, 2, 3, 4]);
    expect(file.tags.map((tag) => tag.isKeyframe)).toEqual([true, false, false, false, false]);
  });

  it('re-serialises a parsed file byte for byte', () => {
    const original = makeSyntheticClip({ frames: 7, firstTimestamp: 1000 });
    const { tags } = parseFlv(original);
    const rebuilt = Buffer.concat([
      writeFlvHeader(),
      ...tags.map((tag) => writeFlvTag(tag.type, tag.timestamp, tag.data)),
    ]);
    expect(rebuilt.equals(original)).toBe(true);
  });

  it('wraps timestamps at 2^32 ms like every FLV muxer', () => {
    const [tag] = parseFlv(
      Buffer.concat([writeFlvHeader(), writeFlvTag(9, 2 ** 32 + 5, Buffer.from([0x27, 1]))]),
    ).tags;
    expect(tag!.timestamp).toBe(5);
  });
});

describe('AMF0 metadata', () => {
  it('round-trips values and rewrites onMetaData as live', () => {
    const encoded = encodeAmf0([
      'onMetaData',
      { duration: 10, filesize: 5, encoder: 'x', nested: { ok: true } },
    ]);
    expect(decodeAmf0(encoded)).toEqual([
      'onMetaData',
      { duration: 10, filesize: 5, encoder: 'x', nested: { ok: true } },
    ]);
    const live = decodeAmf0(rewriteMetadataForLive(encoded)!);
    expect(live).toEqual(['onMetaData', { duration: 0, encoder: 'x', nested: { ok: true } }]);
    expect(rewriteMetadataForLive(encodeAmf0(['onCuePoint', {}]))).toBeUndefined();
    expect(rewriteMetadataForLive(Buffer.from([0x02, 0x00]))).toBeUndefined();
  });
});

describe('a generated clip (resources/media/clips/cam-01.flv)', () => {
  it('has metadata, an AVC sequence header, 250 frames and a key frame every 25 frames', () => {
    const { header, tags, trailingBytes } = parseFlv(readFileSync(realClip));
    expect(trailingBytes).toBe(0);
    expect(header).toMatchObject({ hasVideo: true, hasAudio: false });
    expect(tags[0]!.type).toBe(FlvTagType.script);
    const metadata = decodeAmf0(tags[0]!.data);
    expect(metadata[0]).toBe('onMetaData');
    expect(metadata[1]).toMatchObject({ width: 640, height: 360, framerate: 25, videocodecid: 7 });
    expect(tags[1]).toMatchObject({ type: FlvTagType.video, isSequenceHeader: true, codecId: 7 });
    const frames = tags.filter(
      (tag) => tag.type === FlvTagType.video && !tag.isSequenceHeader && !tag.isEndOfSequence,
    );
    expect(frames).toHaveLength(250);
    const keyframes = frames.flatMap((tag, index) => (tag.isKeyframe ? [index] : []));
    expect(keyframes).toEqual([0, 25, 50, 75, 100, 125, 150, 175, 200, 225]);
    expect(frames.map((tag) => tag.timestamp)).toEqual(frames.map((_, index) => index * 40));
  });
});
