// The MPEG-TS writer read back packet by packet, as a demuxer (hls.js, ffmpeg) would read it.
import { describe, expect, it } from 'vitest';
import { crc32Mpeg2, pmtPid, TsMuxer, tsPacketSize, videoPid, type TsAccessUnit } from './ts-muxer';

interface Packet {
  readonly pid: number;
  readonly isUnitStart: boolean;
  readonly continuity: number;
  readonly hasPayload: boolean;
  readonly isRandomAccess: boolean;
  readonly pcr: number | null;
  readonly payload: Buffer;
}

function readPackets(bytes: Buffer): Packet[] {
  expect(bytes.length % tsPacketSize).toBe(0);
  const packets: Packet[] = [];
  for (let offset = 0; offset < bytes.length; offset += tsPacketSize) {
    const packet = bytes.subarray(offset, offset + tsPacketSize);
    expect(packet[0]).toBe(0x47);
    const control = (packet[3]! >> 4) & 0x3;
    let payloadStart = 4;
    let isRandomAccess = false;
    let pcr: number | null = null;
    if (control & 0x2) {
      const length = packet[4]!;
      if (length > 0) {
        const flags = packet[5]!;
        isRandomAccess = (flags & 0x40) !== 0;
        if (flags & 0x10) pcr = packet.readUInt32BE(6) * 2 + (packet[10]! >> 7);
      }
      payloadStart = 5 + length;
    }
    packets.push({
      pid: ((packet[1]! & 0x1f) << 8) | packet[2]!,
      isUnitStart: (packet[1]! & 0x40) !== 0,
      continuity: packet[3]! & 0x0f,
      hasPayload: (control & 0x1) !== 0,
      isRandomAccess,
      pcr,
      payload: packet.subarray(payloadStart),
    });
  }
  return packets;
}

/** A PTS or DTS from its 5-byte PES form. */
function readTimestamp(bytes: Buffer, offset: number): number {
  return (
    ((bytes[offset]! >> 1) & 0x07) * 2 ** 30 +
    (bytes[offset + 1]! << 22) +
    ((bytes[offset + 2]! >> 1) << 15) +
    (bytes[offset + 3]! << 7) +
    (bytes[offset + 4]! >> 1)
  );
}

/** The PES packets of the video PID, reassembled. */
function readPes(packets: Packet[]) {
  const units: { pts: number; dts: number; data: Buffer; isRandomAccess: boolean; pcr: number | null }[] = [];
  for (const packet of packets.filter((candidate) => candidate.pid === videoPid)) {
    if (packet.isUnitStart) {
      const header = packet.payload;
      expect(header.readUIntBE(0, 3)).toBe(1);
      expect(header[3]).toBe(0xe0);
      const flags = header[7]! >> 6;
      const pts = readTimestamp(header, 9);
      const dts = flags === 3 ? readTimestamp(header, 14) : pts;
      units.push({
        pts,
        dts,
        data: header.subarray(9 + header[8]!),
        isRandomAccess: packet.isRandomAccess,
        pcr: packet.pcr,
      });
    } else {
      const last = units.at(-1)!;
      last.data = Buffer.concat([last.data, packet.payload]);
    }
  }
  return units;
}

const unit = (dtsMs: number, size: number, isKeyframe = false, compositionMs = 0): TsAccessUnit => ({
  dtsMs,
  compositionMs,
  isKeyframe,
  annexB: Buffer.alloc(size, dtsMs & 0xff),
});

describe('TsMuxer', () => {
  it('starts each segment with a PAT and a PMT whose CRCs check out, naming one H.264 stream', () => {
    const packets = readPackets(new TsMuxer().segment([unit(0, 10, true)]));
    const [pat, pmt] = packets;
    expect(pat!.pid).toBe(0);
    expect(pmt!.pid).toBe(pmtPid);
    for (const table of [pat!, pmt!]) {
      const section = table.payload.subarray(1); // after the pointer field
      const length = 3 + (((section[1]! & 0x0f) << 8) | section[2]!);
      // CRC-32/MPEG-2 over a section including its CRC is 0.
      expect(crc32Mpeg2(section.subarray(0, length))).toBe(0);
    }
    const patSection = pat!.payload.subarray(1);
    expect(((patSection[10]! & 0x1f) << 8) | patSection[11]!).toBe(pmtPid);
    const pmtSection = pmt!.payload.subarray(1);
    expect(pmtSection[12]).toBe(0x1b); // stream_type H.264
    expect(((pmtSection[13]! & 0x1f) << 8) | pmtSection[14]!).toBe(videoPid);
  });

  it('writes one PES per frame with 90 kHz PTS/DTS, a PCR and the random access flag on key frames', () => {
    const frames = [unit(0, 3000, true), unit(40, 500), unit(80, 184 * 2 - 14, false, 40)];
    const pes = readPes(readPackets(new TsMuxer(1_000).segment(frames)));
    expect(pes).toHaveLength(3);
    expect(pes.map((entry) => entry.dts)).toEqual([90_000, 93_600, 97_200]);
    expect(pes.map((entry) => entry.pts)).toEqual([90_000, 93_600, 100_800]);
    expect(pes.map((entry) => entry.pcr)).toEqual([90_000, 93_600, 97_200]);
    expect(pes.map((entry) => entry.isRandomAccess)).toEqual([true, false, false]);
    pes.forEach((entry, index) => expect(entry.data.equals(frames[index]!.annexB)).toBe(true));
  });

  it('keeps continuity counters running per PID across segments, wrapping at 16', () => {
    const muxer = new TsMuxer();
    const packets = [
      ...readPackets(muxer.segment([unit(0, 5000, true), unit(40, 900)])),
      ...readPackets(muxer.segment([unit(80, 4000, true)])),
    ];
    for (const pid of [0, pmtPid, videoPid]) {
      const counters = packets.filter((packet) => packet.pid === pid).map((packet) => packet.continuity);
      expect(counters.length).toBeGreaterThan(1);
      counters.forEach((counter, index) => expect(counter).toBe(index % 16));
    }
  });

  it('wraps timestamps at 2^33 (about 26.5 hours of 90 kHz ticks)', () => {
    const wrapAtMs = 2 ** 33 / 90;
    const [pes] = readPes(readPackets(new TsMuxer(0).segment([unit(Math.ceil(wrapAtMs) + 10, 20, true)])));
    expect(pes!.dts).toBe(Math.round((Math.ceil(wrapAtMs) + 10) * 90) - 2 ** 33);
  });
});
