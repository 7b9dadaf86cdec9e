// A minimal MPEG-TS writer for one H.264 video track (ISO/IEC 13818-1): PAT, PMT and one PES per frame, for
// the demo server's HLS segments. Pure, no I/O.

export const tsPacketSize = 188;
/** PIDs as most muxers (ffmpeg included) choose them. */
export const pmtPid = 0x1000;
export const videoPid = 0x100;
/** stream_type of H.264 video in a PMT. */
const streamTypeH264 = 0x1b;
/** 90 kHz PTS/DTS/PCR base units wrap at 2^33. */
const timestampModulo = 2 ** 33;

/** One H.264 frame in Annex B form, with its decode time and composition offset in milliseconds. */
export interface TsAccessUnit {
  readonly dtsMs: number;
  /** PTS − DTS (FLV's composition time). */
  readonly compositionMs: number;
  readonly isKeyframe: boolean;
  readonly annexB: Buffer;
}

/**
 * Writes TS segments of one H.264 track. The continuity counters carry over from one segment to the next,
 * as for one continuous stream cut into segments; `timestampOffsetMs` is added to every PTS/DTS/PCR so that
 * a negative composition offset never gives a negative PTS.
 */
export class TsMuxer {
  private readonly continuity = new Map<number, number>();

  constructor(private readonly timestampOffsetMs = 1_000) {}

  /** A segment: PAT and PMT, then one PES packet per access unit (PCR with each). */
  segment(units: readonly TsAccessUnit[]): Buffer {
    const packets: Buffer[] = [this.tablePacket(0, patSection()), this.tablePacket(pmtPid, pmtSection())];
    for (const unit of units) packets.push(...this.pes(unit));
    return Buffer.concat(packets);
  }

  private nextContinuity(pid: number): number {
    const next = ((this.continuity.get(pid) ?? -1) + 1) & 0x0f;
    this.continuity.set(pid, next);
    return next;
  }

  /** One packet carrying a PSI section (pointer field 0), stuffed with 0xFF. */
  private tablePacket(pid: number, section: Buffer): Buffer {
    const packet = Buffer.alloc(tsPacketSize, 0xff);
    packet[0] = 0x47;
    packet[1] = 0x40 | (pid >> 8); // payload_unit_start_indicator
    packet[2] = pid & 0xff;
    packet[3] = 0x10 | this.nextContinuity(pid); // payload only
    packet[4] = 0; // pointer_field
    section.copy(packet, 5);
    return packet;
  }

  /** The TS packets of one PES packet; the first has an adaptation field with the PCR. */
  private pes(unit: TsAccessUnit): Buffer[] {
    const dts = toClock(unit.dtsMs + this.timestampOffsetMs);
    const pts = toClock(unit.dtsMs + unit.compositionMs + this.timestampOffsetMs);
    const hasDts = pts !== dts;
    const header = Buffer.alloc(hasDts ? 19 : 14);
    header.writeUIntBE(0x000001, 0, 3);
    header[3] = 0xe0; // stream_id: video stream 0
    header.writeUInt16BE(0, 4); // PES_packet_length 0: unbounded, allowed for video in TS
    header[6] = 0x80; // '10', no scrambling, no priority, no alignment flag, no copyright, original
    header[7] = hasDts ? 0xc0 : 0x80; // PTS_DTS_flags
    header[8] = hasDts ? 10 : 5; // PES_header_data_length
    writeTimestamp(header, 9, hasDts ? 0x3 : 0x2, pts);
    if (hasDts) writeTimestamp(header, 14, 0x1, dts);
    const payload = Buffer.concat([header, unit.annexB]);

    const packets: Buffer[] = [];
    let offset = 0;
    let isFirst = true;
    while (offset < payload.length) {
      const packet = Buffer.alloc(tsPacketSize, 0xff);
      packet[0] = 0x47;
      packet[1] = (isFirst ? 0x40 : 0) | (videoPid >> 8);
      packet[2] = videoPid & 0xff;
      // Adaptation field: the PCR (and random access flag) in the first packet, stuffing in the last.
      const adaptation = isFirst ? pcrAdaptationField(dts, unit.isKeyframe) : null;
      const room = tsPacketSize - 4 - (adaptation ? 1 + adaptation.length : 0);
      const remaining = payload.length - offset;
      let headerEnd = 4;
      if (adaptation || remaining < room) {
        const field = stuffedAdaptationField(adaptation, Math.max(0, room - remaining));
        packet[3] = 0x30 | this.nextContinuity(videoPid); // adaptation field and payload
        field.copy(packet, 4);
        headerEnd = 4 + field.length;
      } else {
        packet[3] = 0x10 | this.nextContinuity(videoPid);
      }
      const take = Math.min(remaining, tsPacketSize - headerEnd);
      payload.copy(packet, headerEnd, offset, offset + take);
      offset += take;
      isFirst = false;
      packets.push(packet);
    }
    return packets;
  }
}

/** Milliseconds to the 90 kHz clock, modulo 2^33. */
function toClock(milliseconds: number): number {
  return ((Math.round(milliseconds * 90) % timestampModulo) + timestampModulo) % timestampModulo;
}

/** A 33-bit PTS or DTS in its 5-byte PES form with a 4-bit prefix ('0010' PTS only, '0011' PTS, '0001' DTS). */
function writeTimestamp(target: Buffer, offset: number, prefix: number, value: number): void {
  const high = Math.floor(value / 2 ** 30) & 0x07; // bits 32..30
  const low = value % 2 ** 30; // fits in 30 bits: plain bit operations are safe
  target[offset] = (prefix << 4) | (high << 1) | 1;
  target[offset + 1] = (low >> 22) & 0xff;
  target[offset + 2] = (((low >> 15) & 0x7f) << 1) | 1;
  target[offset + 3] = (low >> 7) & 0xff;
  target[offset + 4] = ((low & 0x7f) << 1) | 1;
}

/** Adaptation field contents (flags and PCR), without the length byte. */
function pcrAdaptationField(pcrBase: number, isRandomAccess: boolean): Buffer {
  const field = Buffer.alloc(7);
  field[0] = 0x10 | (isRandomAccess ? 0x40 : 0); // PCR_flag, random_access_indicator
  const high = Math.floor(pcrBase / 2); // bits 32..1
  field.writeUInt32BE(high >>> 0, 1);
  field[5] = ((pcrBase & 1) << 7) | 0x7e; // last base bit, 6 reserved bits, extension bit 8 = 0
  field[6] = 0; // extension bits 7..0
  return field;
}

/**
 * An adaptation field with its length byte: `contents` (or just flags = 0) followed by `stuffing` 0xFF bytes.
 * One byte of stuffing is the length byte alone (adaptation_field_length 0).
 */
function stuffedAdaptationField(contents: Buffer | null, stuffing: number): Buffer {
  if (!contents) {
    if (stuffing === 1) return Buffer.from([0]);
    const field = Buffer.alloc(stuffing, 0xff);
    field[0] = stuffing - 1;
    field[1] = 0; // no flags
    return field;
  }
  const field = Buffer.alloc(1 + contents.length + stuffing, 0xff);
  field[0] = contents.length + stuffing;
  contents.copy(field, 1);
  return field;
}

/** The program association section: program 1 at the PMT PID. */
function patSection(): Buffer {
  const body = Buffer.from([
    0x00, // table_id
    0xb0, 0x0d, // section_syntax_indicator, '0', reserved, section_length 13
    0x00, 0x01, // transport_stream_id
    0xc1, // reserved, version 0, current_next_indicator
    0x00, 0x00, // section_number, last_section_number
    0x00, 0x01, // program_number 1
    0xe0 | (pmtPid >> 8), pmtPid & 0xff,
  ]); // prettier-ignore
  return withCrc(body);
}

/** The program map section: one H.264 stream, which also carries the PCR. */
function pmtSection(): Buffer {
  const body = Buffer.from([
    0x02, // table_id
    0xb0, 0x12, // section_length 18
    0x00, 0x01, // program_number
    0xc1,
    0x00, 0x00,
    0xe0 | (videoPid >> 8), videoPid & 0xff, // PCR_PID
    0xf0, 0x00, // program_info_length 0
    streamTypeH264,
    0xe0 | (videoPid >> 8), videoPid & 0xff,
    0xf0, 0x00, // ES_info_length 0
  ]); // prettier-ignore
  return withCrc(body);
}

function withCrc(section: Buffer): Buffer {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32Mpeg2(section));
  return Buffer.concat([section, crc]);
}

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index << 24;
    for (let bit = 0; bit < 8; bit++) value = value & 0x80000000 ? (value << 1) ^ 0x04c11db7 : value << 1;
    table[index] = value >>> 0;
  }
  return table;
})();

/** CRC-32/MPEG-2 of PSI sections: polynomial 0x04C11DB7, initial 0xFFFFFFFF, no reflection, no final XOR. */
export function crc32Mpeg2(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = ((crc << 8) ^ crcTable[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc >>> 0;
}
