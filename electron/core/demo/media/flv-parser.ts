// Parses an FLV file (or a growing FLV byte stream) into its header and tags; pure, no I/O.

/** FLV tag types (FLV spec, E.4.1). */
export const FlvTagType = { audio: 8, video: 9, script: 18 } as const;
export type FlvTagType = (typeof FlvTagType)[keyof typeof FlvTagType];

/** Video codec ids found in the low nibble of a video tag's first byte. */
export const FlvVideoCodec = { avc: 7, hevc: 12 } as const;

/** AAC sound format id in the high nibble of an audio tag's first byte. */
const aacSoundFormat = 10;

/** AVCPacketType values (the byte after the frame type/codec byte of an AVC video tag). */
export const AvcPacketType = { sequenceHeader: 0, nalu: 1, endOfSequence: 2 } as const;

/** The 9-byte FLV file header. */
export interface FlvHeader {
  readonly version: number;
  readonly hasAudio: boolean;
  readonly hasVideo: boolean;
  /** Offset of the first PreviousTagSize field (9 for every FLV version 1 file). */
  readonly headerSize: number;
}

/** One FLV tag. `data` is the tag body (after the 11-byte tag header), sharing memory with the input. */
export interface FlvTag {
  readonly type: FlvTagType;
  /** Decode timestamp in milliseconds, including the extended (upper 8 bits) byte. */
  readonly timestamp: number;
  readonly data: Buffer;
  /** Video tags: frame type 1 (key frame). Always false for audio and script tags. */
  readonly isKeyframe: boolean;
  /**
   * A decoder configuration rather than media: an AVC/HEVC sequence header (AVCPacketType 0)
   * or an AAC AudioSpecificConfig (AACPacketType 0).
   */
  readonly isSequenceHeader: boolean;
  /** AVC end-of-sequence marker (AVCPacketType 2): ffmpeg writes one at the end of a file. */
  readonly isEndOfSequence: boolean;
  /** Video codec id (7 = AVC, 12 = HEVC); undefined for audio and script tags. */
  readonly codecId: number | undefined;
}

/** The result of parsing: the header, every complete tag, and how many bytes of a partial tag follow. */
export interface FlvFile {
  readonly header: FlvHeader;
  readonly tags: readonly FlvTag[];
  /** Bytes of an incomplete trailing tag (0 for a complete file; > 0 while a stream is still arriving). */
  readonly trailingBytes: number;
}

/** Thrown when the input is not FLV or a tag header is inconsistent. */
export class FlvParseError extends Error {
  override readonly name = 'FlvParseError';
}

const fileHeaderSize = 9;
const previousTagSizeBytes = 4;
const tagHeaderSize = 11;

/** Parses the 9-byte FLV header; throws FlvParseError if the signature is not 'FLV'. */
export function parseFlvHeader(buffer: Buffer): FlvHeader {
  if (buffer.length < fileHeaderSize || buffer.toString('latin1', 0, 3) !== 'FLV') {
    throw new FlvParseError('not an FLV stream (missing "FLV" signature)');
  }
  const flags = buffer.readUInt8(4);
  const headerSize = buffer.readUInt32BE(5);
  if (headerSize < fileHeaderSize) throw new FlvParseError(`invalid FLV header size ${headerSize}`);
  return {
    version: buffer.readUInt8(3),
    hasAudio: (flags & 0x04) !== 0,
    hasVideo: (flags & 0x01) !== 0,
    headerSize,
  };
}

/**
 * Parses an FLV buffer into header and tags. Tags of unknown types are skipped (the spec reserves them);
 * an incomplete last tag is not an error but is reported in `trailingBytes`, so the same function serves
 * whole files and the accumulated bytes of a live stream.
 */
export function parseFlv(buffer: Buffer): FlvFile {
  const header = parseFlvHeader(buffer);
  const tags: FlvTag[] = [];
  // Skip the header and PreviousTagSize0.
  let offset = header.headerSize + previousTagSizeBytes;
  while (offset + tagHeaderSize <= buffer.length) {
    const typeByte = buffer.readUInt8(offset) & 0x1f; // upper bits: reserved + encryption filter flag
    const dataSize = buffer.readUIntBE(offset + 1, 3);
    const timestamp = (buffer.readUIntBE(offset + 4, 3) | (buffer.readUInt8(offset + 7) << 24)) >>> 0;
    const dataStart = offset + tagHeaderSize;
    const dataEnd = dataStart + dataSize;
    if (dataEnd + previousTagSizeBytes > buffer.length) break;
    const previousTagSize = buffer.readUInt32BE(dataEnd);
    if (previousTagSize !== tagHeaderSize + dataSize) {
      throw new FlvParseError(
        `PreviousTagSize ${previousTagSize} at offset ${dataEnd} does not match tag size ${tagHeaderSize + dataSize}`,
      );
    }
    if (typeByte === FlvTagType.audio || typeByte === FlvTagType.video || typeByte === FlvTagType.script) {
      tags.push(describeTag(typeByte, timestamp, buffer.subarray(dataStart, dataEnd)));
    }
    offset = dataEnd + previousTagSizeBytes;
  }
  return { header, tags, trailingBytes: buffer.length - offset };
}

/** Builds an FlvTag, reading the codec flags from the first bytes of its body. */
export function describeTag(type: FlvTagType, timestamp: number, data: Buffer): FlvTag {
  let isKeyframe = false;
  let isSequenceHeader = false;
  let isEndOfSequence = false;
  let codecId: number | undefined;
  if (type === FlvTagType.video && data.length >= 1) {
    isKeyframe = data[0]! >> 4 === 1;
    codecId = data[0]! & 0x0f;
    // AVC and (legacy, codec id 12) HEVC share the AVCPacketType layout.
    if ((codecId === FlvVideoCodec.avc || codecId === FlvVideoCodec.hevc) && data.length >= 2) {
      isSequenceHeader = data[1] === AvcPacketType.sequenceHeader;
      isEndOfSequence = data[1] === AvcPacketType.endOfSequence;
    }
  } else if (type === FlvTagType.audio && data.length >= 2) {
    isSequenceHeader = data[0]! >> 4 === aacSoundFormat && data[1] === 0;
  }
  return { type, timestamp, data, isKeyframe, isSequenceHeader, isEndOfSequence, codecId };
}
