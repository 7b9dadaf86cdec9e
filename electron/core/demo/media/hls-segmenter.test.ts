// Live HLS from a demo clip looping in simulated time: segments at key frames, a sliding window, discontinuities.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAvcDecoderConfig, splitNalUnits, toAnnexB } from './avc';
import { parseFlv } from './flv-parser';
import { HlsSegmenter } from './hls-segmenter';
import { LiveStream } from './live-stream';

const clipsDir = fileURLToPath(new URL('../../../../resources/media/clips', import.meta.url));
const clipPath = join(clipsDir, 'cam-01.flv');

/** cam-01 as a live stream on a clock the test moves, feeding a segmenter. */
function simulated() {
  let now = 0;
  let pending: (() => void) | null = null;
  const clock = {
    now: () => now,
    schedule(callback: () => void) {
      pending = callback;
      return () => (pending = null);
    },
  };
  const live = new LiveStream('cam-01', parseFlv(readFileSync(clipPath)), { clock });
  const segmenter = new HlsSegmenter({ wallClock: () => 1_763_683_200_000 + now });
  const subscribe = () =>
    live.subscribe(
      (chunk) => segmenter.write(chunk),
      () => segmenter.endSession(),
    );
  subscribe();
  return {
    live,
    segmenter,
    subscribe,
    /** Lets `milliseconds` of stream time pass, in 20 ms steps. */
    advance(milliseconds: number) {
      for (const end = now + milliseconds; now < end;) {
        now += 20;
        const run = pending;
        pending = null;
        run?.();
      }
    },
  };
}

const playlistLines = (segmenter: HlsSegmenter) => segmenter.playlist()!.trim().split('\n');
const tagValue = (lines: string[], tag: string) =>
  Number(lines.find((line) => line.startsWith(tag))!.slice(tag.length));

describe('HlsSegmenter', () => {
  it('cuts the 1 s GOPs into 1 s segments and lists the last six, numbered on', () => {
    const { segmenter, advance } = simulated();
    expect(segmenter.playlist()).toBeNull();
    advance(900);
    expect(segmenter.playlist(), 'nothing before the second key frame').toBeNull();
    advance(12_200);
    const lines = playlistLines(segmenter);
    expect(lines.slice(0, 3)).toEqual(['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:1']);
    expect(tagValue(lines, '#EXT-X-MEDIA-SEQUENCE:')).toBe(7);
    expect(tagValue(lines, '#EXT-X-DISCONTINUITY-SEQUENCE:')).toBe(0);
    expect(lines.filter((line) => line.startsWith('#EXTINF:'))).toEqual(Array(6).fill('#EXTINF:1.000,'));
    expect(lines.filter((line) => !line.startsWith('#'))).toEqual(
      [7, 8, 9, 10, 11, 12].map((sequence) => `segment-${sequence}.ts`),
    );
    // Across the clip's loop (10 s) the timestamps run on: no discontinuity, and the wall-clock dates too.
    expect(lines).not.toContain('#EXT-X-DISCONTINUITY');
    expect(lines.find((line) => line.startsWith('#EXT-X-PROGRAM-DATE-TIME:'))).toBe(
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(1_763_683_200_000 + 7_000).toISOString()}`,
    );
    // Six more are kept for players still fetching them; older ones are gone.
    expect(segmenter.segment(1)).toBeDefined();
    expect(segmenter.segment(0)).toBeUndefined();
    expect(segmenter.segmentCount).toBe(12);
  });

  it('makes segments that start with a key frame carrying its SPS and PPS, 25 frames each', () => {
    const { segmenter, advance } = simulated();
    advance(3_100);
    const segment = segmenter.segment(1)!.bytes;
    expect(segment.length % 188).toBe(0);
    // The video PID's payloads back to back (TS and adaptation headers removed): PES header, then Annex B.
    const payloads: Buffer[] = [];
    for (let offset = 0; offset < segment.length; offset += 188) {
      const packet = segment.subarray(offset, offset + 188);
      if ((((packet[1]! & 0x1f) << 8) | packet[2]!) !== 0x100) continue;
      payloads.push(packet.subarray(packet[3]! & 0x20 ? 5 + packet[4]! : 4));
    }
    const bytes = Buffer.concat(payloads);
    // Start codes followed by NAL types: access unit delimiter (9), SPS (7), PPS (8), IDR slice (5).
    const types: number[] = [];
    for (let index = 0; index + 4 < bytes.length; index++) {
      if (bytes[index] === 0 && bytes[index + 1] === 0 && bytes[index + 2] === 0 && bytes[index + 3] === 1)
        types.push(bytes[index + 4]! & 0x1f);
    }
    expect(types.slice(0, 4)).toEqual([9, 7, 8, 5]);
    expect(types.filter((type) => type === 9)).toHaveLength(25);
    expect(types.filter((type) => type === 7)).toHaveLength(1);
  });

  it('after a new publishing session goes on numbering, marks a discontinuity, and counts it once it slides out', () => {
    const { live, segmenter, subscribe, advance } = simulated();
    advance(4_100); // segments 0–3 done, the fifth under way
    live.restart(); // ends the subscription: the unfinished segment is dropped
    subscribe();
    advance(3_100);
    let lines = playlistLines(segmenter);
    const marked = lines.indexOf('#EXT-X-DISCONTINUITY');
    expect(marked).toBeGreaterThan(0);
    expect(lines.slice(marked).find((line) => !line.startsWith('#'))).toBe('segment-4.ts');
    expect(tagValue(lines, '#EXT-X-DISCONTINUITY-SEQUENCE:')).toBe(0);
    advance(6_000);
    lines = playlistLines(segmenter);
    expect(lines).not.toContain('#EXT-X-DISCONTINUITY');
    expect(tagValue(lines, '#EXT-X-DISCONTINUITY-SEQUENCE:')).toBe(1);
    expect(tagValue(lines, '#EXT-X-MEDIA-SEQUENCE:')).toBe(
      Number(/\d+/.exec(lines.find((line) => !line.startsWith('#'))!)![0]),
    );
  });

  it('holds a stalled stream at its last segment, and waits for segments before a first playlist', async () => {
    const { live, segmenter, advance } = simulated();
    const ready = segmenter.waitForSegments(2, 10_000);
    advance(2_100);
    await expect(ready).resolves.toBe(true);
    live.stall();
    const before = segmenter.playlist();
    advance(5_000);
    expect(segmenter.playlist()).toBe(before);
    await expect(segmenter.waitForSegments(50, 10)).resolves.toBe(false);
    const cancelled = segmenter.waitForSegments(50, 10_000);
    segmenter.cancelWaits();
    await expect(cancelled).resolves.toBe(false);
  });
});

describe('avc', () => {
  const record = Buffer.from([1, 0x4d, 0x40, 0x1e, 0xff, 0xe1, 0, 3, 0x67, 0xaa, 0xbb, 1, 0, 2, 0x68, 0xcc]);

  it('reads SPS, PPS and the length size from a decoder configuration record', () => {
    const config = parseAvcDecoderConfig(record);
    expect(config.lengthSize).toBe(4);
    expect(config.sps.map((set) => [...set])).toEqual([[0x67, 0xaa, 0xbb]]);
    expect(config.pps.map((set) => [...set])).toEqual([[0x68, 0xcc]]);
    expect(() => parseAvcDecoderConfig(record.subarray(0, 9))).toThrow(/beyond the record/);
  });

  it('turns length-prefixed NAL units into Annex B, adding SPS and PPS before an IDR picture only', () => {
    const config = parseAvcDecoderConfig(record);
    const idr = splitNalUnits(Buffer.from([0, 0, 0, 2, 0x65, 0x01]), 4);
    const delta = splitNalUnits(Buffer.from([0, 0, 0, 2, 0x41, 0x02]), 4);
    expect([...toAnnexB(idr, config)]).toEqual([
      0, 0, 0, 1, 0x09, 0xf0, 0, 0, 0, 1, 0x67, 0xaa, 0xbb, 0, 0, 0, 1, 0x68, 0xcc, 0, 0, 0, 1, 0x65, 0x01,
    ]);
    expect([...toAnnexB(delta, config)]).toEqual([0, 0, 0, 1, 0x09, 0xf0, 0, 0, 0, 1, 0x41, 0x02]);
    expect(() => splitNalUnits(Buffer.from([0, 0, 0, 9, 0x41]), 4)).toThrow(/beyond the frame/);
  });
});
