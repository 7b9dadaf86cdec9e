// One journal record as one line of bytes: how it is written (fixed key order, hash last) and how a verifier
// reads the chain fields back from the bytes without parsing the JSON, so a million records verify in seconds.
import { hash as digest } from 'node:crypto';
import type { JournalRecord } from '@shared/model/journal';

/** The `prev` of a journal's very first record. */
export const genesisHash = '0'.repeat(64);

/** `,"hash":"` + 64 hex digits + `"}`: every line ends with exactly these 75 bytes before its newline. */
const hashSuffixLength = 75;
const hashSuffixStart = Buffer.from(',"hash":"');
const seqPrefix = Buffer.from('{"seq":');
const prevPrefix = Buffer.from(',"prev":"');

/**
 * SHA-256 (hex) of a line's bytes up to, not including, `,"hash":` — every byte of the record except its own
 * hash, which is derived from them. The next record's `prev` carries it, so the chain covers every byte.
 */
export function hashOfBody(body: Uint8Array): string {
  return digest('sha256', body, 'hex');
}

/**
 * Writes `record` (without seq, prev and hash) as a line with them: `{"seq":…,"prev":…, …,"hash":…}\n`. The key
 * order is fixed by this function, and JSON escapes every newline inside strings, so one record is one line.
 */
export function serializeRecord(
  seq: number,
  prev: string,
  fields: Omit<JournalRecord, 'seq' | 'prev' | 'hash'>,
): { record: JournalRecord; line: Buffer } {
  const ordered = {
    seq,
    prev,
    ts: fields.ts,
    ms: fields.ms,
    action: fields.action,
    actor: fields.actor,
    target: fields.target,
    result: fields.result,
    reason: fields.reason,
    period: fields.period,
    detail: fields.detail,
    isDrill: fields.isDrill,
  };
  const json = JSON.stringify(ordered);
  const body = Buffer.from(json.slice(0, -1), 'utf8');
  const hash = hashOfBody(body);
  const line = Buffer.concat([body, Buffer.from(`,"hash":"${hash}"}\n`, 'latin1')]);
  // The record as its line reads back: JSON drops undefined members, so they are dropped here too.
  const record = { ...ordered, hash } as Record<string, unknown>;
  for (const key of ['reason', 'period', 'detail', 'isDrill'])
    if (record[key] === undefined) delete record[key];
  return { record: record as JournalRecord, line };
}

/** The chain fields of one line, read from its bytes. */
export interface LineFields {
  readonly seq: number;
  readonly prev: string;
  /** The hash the line states. */
  readonly hash: string;
  /** The hash its bytes give: differs from `hash` when the record was changed. */
  readonly actualHash: string;
  /** Offset of the action's first letter in the line, or -1 when the line is not laid out as this build writes. */
  readonly actionStart: number;
}

/**
 * Reads seq, prev and hash from a line (without its newline) and hashes its body; null when the line does not
 * have a record's shape (`{"seq":N,"prev":"<64 hex>", … ,"hash":"<64 hex>"}`): torn, or not a record at all.
 */
export function readLineFields(line: Buffer): LineFields | null {
  const length = line.length;
  if (length < seqPrefix.length + hashSuffixLength + 1) return null;
  if (!startsWith(line, seqPrefix, 0)) return null;
  let position = seqPrefix.length;
  let seq = 0;
  const digitsStart = position;
  while (
    position < length &&
    line[position]! >= 0x30 &&
    line[position]! <= 0x39 &&
    position - digitsStart < 15
  )
    seq = seq * 10 + (line[position++]! - 0x30);
  if (position === digitsStart || !startsWith(line, prevPrefix, position)) return null;
  const prevStart = position + prevPrefix.length;
  if (prevStart + 65 > length - hashSuffixLength || line[prevStart + 64] !== 0x22) return null;
  const bodyEnd = length - hashSuffixLength;
  if (!startsWith(line, hashSuffixStart, bodyEnd)) return null;
  if (line[length - 2] !== 0x22 || line[length - 1] !== 0x7d) return null;
  // Neither field is checked for hex here: a stored hash equal to the computed one is hex, and a prev equal to
  // the previous record's hash is too; anything else fails those comparisons and is reported as changed.
  const prev = line.toString('latin1', prevStart, prevStart + 64);
  const hash = line.toString('latin1', bodyEnd + hashSuffixStart.length, length - 2);
  return {
    seq,
    prev,
    hash,
    actualHash: hashOfBody(line.subarray(0, bodyEnd)),
    actionStart: actionOffset(line, prevStart + 65),
  };
}

const tsPrefix = Buffer.from(',"ts":"');
const msPrefix = Buffer.from('","ms":');
const actionPrefix = Buffer.from(',"action":"');
const isoLength = 24; // 2026-12-01T08:00:00.000Z

/** Where the action starts after `,"ts":"…","ms":N,"action":"`, found without scanning the line. */
function actionOffset(line: Buffer, at: number): number {
  if (!startsWith(line, tsPrefix, at)) return -1;
  let position = at + tsPrefix.length + isoLength;
  if (!startsWith(line, msPrefix, position)) return -1;
  position += msPrefix.length;
  while (line[position] === 0x2d || (line[position]! >= 0x30 && line[position]! <= 0x39)) position++;
  return startsWith(line, actionPrefix, position) ? position + actionPrefix.length : -1;
}

function startsWith(line: Buffer, prefix: Buffer, at: number): boolean {
  if (at + prefix.length > line.length) return false;
  for (let index = 0; index < prefix.length; index++) if (line[at + index] !== prefix[index]) return false;
  return true;
}
