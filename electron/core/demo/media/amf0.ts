// Minimal AMF0 reader/writer for FLV script tags (onMetaData), enough to rewrite a file's metadata as live.

/** A decoded AMF0 value. Objects and ECMA arrays both decode to plain objects. */
export type Amf0Value =
  | number
  | boolean
  | string
  | null
  | undefined
  | Date
  | readonly Amf0Value[]
  | { readonly [key: string]: Amf0Value };

const marker = {
  number: 0x00,
  boolean: 0x01,
  string: 0x02,
  object: 0x03,
  null: 0x05,
  undefined: 0x06,
  ecmaArray: 0x08,
  objectEnd: 0x09,
  strictArray: 0x0a,
  date: 0x0b,
  longString: 0x0c,
} as const;

/** Thrown for truncated or unsupported AMF0 data. */
export class Amf0Error extends Error {
  override readonly name = 'Amf0Error';
}

/** Decodes every top-level AMF0 value in `buffer` (a script tag body is a name followed by a value). */
export function decodeAmf0(buffer: Buffer): Amf0Value[] {
  const reader = new Reader(buffer);
  const values: Amf0Value[] = [];
  while (reader.offset < buffer.length) values.push(reader.value());
  return values;
}

/** Encodes values one after another; plain objects become ECMA arrays at the top level, objects inside. */
export function encodeAmf0(values: readonly Amf0Value[]): Buffer {
  const parts: Buffer[] = [];
  for (const value of values) writeValue(parts, value, true);
  return Buffer.concat(parts);
}

/**
 * Rewrites an onMetaData script tag body for a live stream: duration 0 and no file size, as live
 * servers announce it (players treat a non-zero duration as seekable VOD). Returns undefined when the body
 * is not an onMetaData tag or cannot be decoded, so the caller can drop it.
 */
export function rewriteMetadataForLive(body: Buffer): Buffer | undefined {
  let values: Amf0Value[];
  try {
    values = decodeAmf0(body);
  } catch {
    return undefined;
  }
  const [name, metadata] = values;
  if (name !== 'onMetaData' || !isPlainObject(metadata)) return undefined;
  const live: { [key: string]: Amf0Value } = { ...metadata, duration: 0 };
  delete live['filesize'];
  return encodeAmf0(['onMetaData', live]);
}

function isPlainObject(value: Amf0Value): value is { readonly [key: string]: Amf0Value } {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value);
}

class Reader {
  offset = 0;

  constructor(private readonly buffer: Buffer) {}

  value(): Amf0Value {
    const type = this.uint8();
    switch (type) {
      case marker.number:
        return this.double();
      case marker.boolean:
        return this.uint8() !== 0;
      case marker.string:
        return this.utf8(this.uint16());
      case marker.longString:
        return this.utf8(this.uint32());
      case marker.object:
        return this.properties();
      case marker.ecmaArray:
        this.uint32(); // approximate count; the object-end marker is authoritative
        return this.properties();
      case marker.strictArray: {
        const count = this.uint32();
        const items: Amf0Value[] = [];
        for (let index = 0; index < count; index++) items.push(this.value());
        return items;
      }
      case marker.date: {
        const time = this.double();
        this.need(2); // time zone, unused by the spec
        this.offset += 2;
        return new Date(time);
      }
      case marker.null:
        return null;
      case marker.undefined:
        return undefined;
      default:
        throw new Amf0Error(`unsupported AMF0 type 0x${type.toString(16)} at offset ${this.offset - 1}`);
    }
  }

  private properties(): { [key: string]: Amf0Value } {
    const result: { [key: string]: Amf0Value } = {};
    for (;;) {
      const key = this.utf8(this.uint16());
      if (key === '' && this.buffer[this.offset] === marker.objectEnd) {
        this.offset += 1;
        return result;
      }
      result[key] = this.value();
    }
  }

  private need(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) throw new Amf0Error('truncated AMF0 data');
  }

  private uint8(): number {
    this.need(1);
    return this.buffer.readUInt8(this.offset++);
  }

  private uint16(): number {
    this.need(2);
    const value = this.buffer.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  private uint32(): number {
    this.need(4);
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  private double(): number {
    this.need(8);
    const value = this.buffer.readDoubleBE(this.offset);
    this.offset += 8;
    return value;
  }

  private utf8(length: number): string {
    this.need(length);
    const value = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

function writeValue(parts: Buffer[], value: Amf0Value, topLevel: boolean): void {
  if (typeof value === 'number') {
    const buffer = Buffer.alloc(9);
    buffer.writeUInt8(marker.number, 0);
    buffer.writeDoubleBE(value, 1);
    parts.push(buffer);
  } else if (typeof value === 'boolean') {
    parts.push(Buffer.from([marker.boolean, value ? 1 : 0]));
  } else if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    const long = text.length > 0xffff;
    const header = Buffer.alloc(long ? 5 : 3);
    header.writeUInt8(long ? marker.longString : marker.string, 0);
    if (long) header.writeUInt32BE(text.length, 1);
    else header.writeUInt16BE(text.length, 1);
    parts.push(header, text);
  } else if (value === null) {
    parts.push(Buffer.from([marker.null]));
  } else if (value === undefined) {
    parts.push(Buffer.from([marker.undefined]));
  } else if (value instanceof Date) {
    const buffer = Buffer.alloc(11);
    buffer.writeUInt8(marker.date, 0);
    buffer.writeDoubleBE(value.getTime(), 1);
    parts.push(buffer);
  } else if (Array.isArray(value)) {
    const header = Buffer.alloc(5);
    header.writeUInt8(marker.strictArray, 0);
    header.writeUInt32BE(value.length, 1);
    parts.push(header);
    for (const item of value as readonly Amf0Value[]) writeValue(parts, item, false);
  } else {
    const entries = Object.entries(value as { readonly [key: string]: Amf0Value });
    if (topLevel) {
      // onMetaData is conventionally an ECMA array (what ffmpeg writes and players expect).
      const header = Buffer.alloc(5);
      header.writeUInt8(marker.ecmaArray, 0);
      header.writeUInt32BE(entries.length, 1);
      parts.push(header);
    } else {
      parts.push(Buffer.from([marker.object]));
    }
    for (const [key, item] of entries) {
      const name = Buffer.from(key, 'utf8');
      const length = Buffer.alloc(2);
      length.writeUInt16BE(name.length, 0);
      parts.push(length, name);
      writeValue(parts, item, false);
    }
    parts.push(Buffer.from([0, 0, marker.objectEnd]));
  }
}
