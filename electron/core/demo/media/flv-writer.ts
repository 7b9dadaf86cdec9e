// Serialises FLV headers and tags (with rewritten timestamps) for live streaming; pure, no I/O.

import type { FlvTagType } from './flv-parser';

/** Which tracks the FLV header announces; players wait for every announced track before playing. */
export interface FlvHeaderOptions {
  readonly hasVideo?: boolean;
  readonly hasAudio?: boolean;
}

/**
 * The 9-byte FLV header followed by PreviousTagSize0 (13 bytes). Defaults to video only: announcing an
 * audio track that never comes makes some players wait for it.
 */
export function writeFlvHeader(options: FlvHeaderOptions = {}): Buffer {
  const { hasVideo = true, hasAudio = false } = options;
  const buffer = Buffer.alloc(13);
  buffer.write('FLV', 0, 'latin1');
  buffer.writeUInt8(1, 3); // version
  buffer.writeUInt8((hasAudio ? 0x04 : 0) | (hasVideo ? 0x01 : 0), 4);
  buffer.writeUInt32BE(9, 5); // header size
  buffer.writeUInt32BE(0, 9); // PreviousTagSize0
  return buffer;
}

/** Largest tag body the 24-bit DataSize field can describe. */
const maxDataSize = 0xffffff;

/**
 * One FLV tag: 11-byte tag header, body, 4-byte PreviousTagSize. The timestamp is written as the 24-bit
 * field plus the extended byte (bits 24-31) and wraps at 2^32 ms (about 49.7 days) like every FLV muxer.
 */
export function writeFlvTag(type: FlvTagType, timestamp: number, data: Buffer): Buffer {
  if (data.length > maxDataSize) throw new RangeError(`FLV tag body too large: ${data.length} bytes`);
  const wrapped = Math.floor(timestamp) >>> 0;
  const buffer = Buffer.allocUnsafe(11 + data.length + 4);
  buffer.writeUInt8(type, 0);
  buffer.writeUIntBE(data.length, 1, 3);
  buffer.writeUIntBE(wrapped & 0xffffff, 4, 3);
  buffer.writeUInt8(wrapped >>> 24, 7);
  buffer.writeUIntBE(0, 8, 3); // stream id, always 0
  data.copy(buffer, 11);
  buffer.writeUInt32BE(11 + data.length, 11 + data.length);
  return buffer;
}
