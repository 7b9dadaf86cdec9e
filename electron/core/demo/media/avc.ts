// H.264 in FLV to H.264 in MPEG-TS: the decoder configuration record, length-prefixed NAL units and Annex B.
// Pure, no I/O.

/** NAL unit types used here (ITU-T H.264, table 7-1). */
export const NalUnitType = { idr: 5, sps: 7, pps: 8, accessUnitDelimiter: 9 } as const;

/** SPS and PPS from an AVCDecoderConfigurationRecord, and the size of the NAL unit length prefixes. */
export interface AvcDecoderConfig {
  readonly lengthSize: number;
  readonly sps: readonly Buffer[];
  readonly pps: readonly Buffer[];
}

/** Thrown when an AVC configuration or frame does not have the shape ISO/IEC 14496-15 gives it. */
export class AvcParseError extends Error {
  override readonly name = 'AvcParseError';
}

/** Parses an AVCDecoderConfigurationRecord (the body of an FLV AVC sequence header after its 5-byte prefix). */
export function parseAvcDecoderConfig(record: Buffer): AvcDecoderConfig {
  if (record.length < 7 || record[0] !== 1) throw new AvcParseError('not an AVCDecoderConfigurationRecord');
  const lengthSize = (record[4]! & 0x03) + 1;
  let offset = 6; // version, profile, compatibility, level, length size, SPS count
  const readSets = (count: number): Buffer[] => {
    const sets: Buffer[] = [];
    for (let index = 0; index < count; index++) {
      if (offset + 2 > record.length) throw new AvcParseError('parameter set length beyond the record');
      const length = record.readUInt16BE(offset);
      offset += 2;
      if (offset + length > record.length) throw new AvcParseError('parameter set beyond the record');
      sets.push(record.subarray(offset, offset + length));
      offset += length;
    }
    return sets;
  };
  const sps = readSets(record[5]! & 0x1f);
  if (offset >= record.length) throw new AvcParseError('no PPS count in the record');
  const ppsCount = record[offset]!;
  offset += 1;
  const pps = readSets(ppsCount);
  if (sps.length === 0 || pps.length === 0) throw new AvcParseError('the record has no SPS or no PPS');
  return { lengthSize, sps, pps };
}

/** Splits length-prefixed NAL units (the body of an FLV AVC NALU packet after its 5-byte prefix). */
export function splitNalUnits(data: Buffer, lengthSize: number): Buffer[] {
  const units: Buffer[] = [];
  let offset = 0;
  while (offset + lengthSize <= data.length) {
    const length = data.readUIntBE(offset, lengthSize);
    offset += lengthSize;
    if (offset + length > data.length) throw new AvcParseError('NAL unit beyond the frame');
    if (length > 0) units.push(data.subarray(offset, offset + length));
    offset += length;
  }
  if (offset !== data.length) throw new AvcParseError('trailing bytes after the last NAL unit');
  return units;
}

const startCode = Buffer.from([0, 0, 0, 1]);
/** An access unit delimiter for "any slice type" (primary_pic_type 7): MPEG-TS wants one per access unit. */
const accessUnitDelimiter = Buffer.from([0x09, 0xf0]);

const nalType = (unit: Buffer) => unit[0]! & 0x1f;

/**
 * One access unit in Annex B byte-stream form, as MPEG-TS carries H.264 (ISO/IEC 13818-1 2.14): an access
 * unit delimiter first, and the SPS and PPS before an IDR picture when the frame does not carry them (FLV
 * keeps them only in the sequence header, but a TS segment must be decodable on its own).
 */
export function toAnnexB(units: readonly Buffer[], config: AvcDecoderConfig): Buffer {
  const hasIdr = units.some((unit) => nalType(unit) === NalUnitType.idr);
  const hasSps = units.some((unit) => nalType(unit) === NalUnitType.sps);
  const body = units.filter((unit) => nalType(unit) !== NalUnitType.accessUnitDelimiter);
  const all = [accessUnitDelimiter, ...(hasIdr && !hasSps ? [...config.sps, ...config.pps] : []), ...body];
  return Buffer.concat(all.flatMap((unit) => [startCode, unit]));
}
