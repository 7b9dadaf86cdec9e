// Walks a journal's whole chain from its anchor to its head and names the first bad record: changed (its bytes
// no longer give its hash), deleted, inserted or reordered (seq or prev out of line), or cut off (the head names
// a record the files no longer hold). A torn last line (a power cut mid-write) is reported, not counted as bad.
import path from 'node:path';
import { genesisHash, readLineFields, type LineFields } from './journal-line';
import { journalDirectory, listDayFiles, readAnchor, readHead } from './journal-files';
import { forEachLine } from './read-lines';

export type JournalProblemKind =
  'changed' | 'deleted' | 'inserted' | 'reordered' | 'cut-off' | 'head' | 'anchor';

/** The first bad record (or side file) found. */
export interface JournalProblem {
  readonly kind: JournalProblemKind;
  /** The seq of the first bad (or first missing) record. */
  readonly seq: number | null;
  /** Day file and 1-based line where it shows. */
  readonly file: string | null;
  readonly line: number | null;
  readonly message: string;
}

/** A last line without its newline, or not a record: where a write stopped when the power went. */
export interface TornTail {
  readonly file: string;
  readonly line: number;
  readonly offset: number;
  readonly bytes: number;
}

export interface VerifyResult {
  /** True when the chain is whole from its anchor to its head (a torn tail alone does not make it false). */
  readonly ok: boolean;
  readonly records: number;
  readonly files: readonly string[];
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly headSeq: number | null;
  readonly torn: TornTail | null;
  /** `journal.recovered` records: torn tails quarantined at earlier starts. */
  readonly recoveries: number;
  readonly problem: JournalProblem | null;
}

/** How many records after the first break are read to tell a reordering from an insertion or a deletion. */
const lookaheadRecords = 64;
const recoveredAction = 'journal.recovered"';

/** Whether the record's action is `journal.recovered` (checked at its offset: rare, and cheap to rule out). */
function isRecovery(line: Buffer, actionStart: number): boolean {
  return (
    actionStart > 0 &&
    line[actionStart] === 0x6a &&
    line.toString('latin1', actionStart, actionStart + recoveredAction.length) === recoveredAction
  );
}

interface Located extends LineFields {
  readonly file: string;
  readonly line: number;
}

/** Verifies the journal of `stateDir`, streaming every day file once. */
export async function verifyJournal(stateDir: string): Promise<VerifyResult> {
  const files = await listDayFiles(stateDir);
  const [head, anchor] = await Promise.all([readHead(stateDir), readAnchor(stateDir)]);
  let records = 0;
  let recoveries = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let lastFile: string | null = null;
  let torn: TornTail | null = null;
  let problem: JournalProblem | null = null;
  let expected: { seq: number; prev: string } | null = null;
  /** A line that is not a record: bad, unless nothing follows it (then it is the torn tail). */
  let unshaped: { file: string; line: number; offset: number; bytes: number } | null = null;
  let broken: { at: Located; expected: { seq: number; prev: string } } | null = null;
  const following: Located[] = [];
  const hashAtHead = { seq: head.state === 'present' ? head.value.seq : -1, hash: null as string | null };

  const result = (): VerifyResult => ({
    ok: problem === null,
    records,
    files,
    firstSeq,
    lastSeq,
    headSeq: head.state === 'present' ? head.value.seq : null,
    torn,
    recoveries,
    problem,
  });
  const fail = (
    kind: JournalProblemKind,
    at: { seq: number | null; file: string | null; line: number | null },
    message: string,
  ) => {
    problem = { kind, seq: at.seq, file: at.file, line: at.line, message };
    return result();
  };

  if (anchor.state === 'bad')
    return fail('anchor', { seq: null, file: null, line: null }, `anchor note unreadable: ${anchor.problem}`);
  if (head.state === 'bad')
    return fail('head', { seq: null, file: null, line: null }, `head unreadable: ${head.problem}`);

  for (const file of files) {
    await forEachLine(path.join(journalDirectory(stateDir), file), (line) => {
      const fields = line.hasNewline || line.bytes.length > 0 ? readLineFields(line.bytes) : null;
      if (broken) {
        if (fields && line.hasNewline) following.push({ ...fields, file, line: line.number });
        return following.length < lookaheadRecords;
      }
      if (unshaped) {
        problem = {
          kind: 'changed',
          seq: expected?.seq ?? null,
          file: unshaped.file,
          line: unshaped.line,
          message: `${unshaped.file}:${unshaped.line} is not a journal record (changed or damaged)`,
        };
        return false;
      }
      if (!fields || !line.hasNewline) {
        unshaped = {
          file,
          line: line.number,
          offset: line.offset,
          bytes: line.bytes.length + (line.hasNewline ? 1 : 0),
        };
        return;
      }
      records++;
      if (isRecovery(line.bytes, fields.actionStart)) recoveries++;
      if (firstSeq === null) {
        firstSeq = fields.seq;
        expected = startOfChain(fields, anchor.state === 'present' ? anchor.value : null);
      }
      const wanted: { seq: number; prev: string } = expected!;
      const isInLine =
        fields.hash === fields.actualHash && fields.seq === wanted.seq && fields.prev === wanted.prev;
      if (!isInLine) {
        broken = { at: { ...fields, file, line: line.number }, expected: wanted };
        records--;
        return;
      }
      if (
        anchor.state === 'present' &&
        fields.seq === anchor.value.seq &&
        fields.prev !== anchor.value.prev
      ) {
        problem = {
          kind: 'changed',
          seq: fields.seq,
          file,
          line: line.number,
          message: `record ${fields.seq} (${file}:${line.number}) does not start where the anchor note says the kept chain starts`,
        };
        return false;
      }
      if (fields.seq === hashAtHead.seq) hashAtHead.hash = fields.hash;
      lastSeq = fields.seq;
      lastFile = file;
      expected = { seq: fields.seq + 1, prev: fields.hash };
    });
    if (problem) return result();
    if (broken && following.length >= lookaheadRecords) break;
  }

  if (broken) {
    const { at, expected: wanted } = broken as { at: Located; expected: { seq: number; prev: string } };
    problem = classifyBreak(at, wanted, following);
    return result();
  }
  if (unshaped) {
    const { file, line, offset, bytes } = unshaped as {
      file: string;
      line: number;
      offset: number;
      bytes: number;
    };
    torn = { file, line, offset, bytes };
  }
  const where = { seq: null, file: null, line: null };
  if (head.state === 'absent') {
    if (records > 0) return fail('head', where, 'journal.head is missing: a cut-off tail could not be seen');
    // Every journal has its head from its first start: nothing at all is a wrong folder, not an empty journal.
    return fail('head', where, `no journal in ${stateDir} (no journal.head, no day files)`);
  }
  const lastWhole = (lastSeq as number | null) ?? 0;
  if (head.value.seq > lastWhole)
    return fail(
      'cut-off',
      { seq: lastWhole + 1, file: lastFile, line: null },
      `cut off: the head names record ${head.value.seq}, the files end at ${lastWhole === 0 ? 'no record' : `record ${lastWhole}`}; record ${lastWhole + 1} is the first missing`,
    );
  if (head.value.seq > 0 && hashAtHead.hash !== head.value.hash)
    return fail(
      'changed',
      { seq: head.value.seq, file: null, line: null },
      `record ${head.value.seq} is not the record the head names (its hash differs): the chain was rewritten`,
    );
  return result();
}

/** Where the chain must start: the anchor left by retention, or seq 1 from the genesis hash. */
function startOfChain(
  first: LineFields,
  anchor: { seq: number; prev: string } | null,
): { seq: number; prev: string } {
  if (!anchor) return { seq: 1, prev: genesisHash };
  // Files older than the anchor are still there when a start stopped between writing the anchor and deleting
  // them: they are verified too, and the chain must still pass the anchor.
  if (first.seq < anchor.seq) return { seq: first.seq, prev: first.prev };
  return { seq: anchor.seq, prev: anchor.prev };
}

/** Names the kind of the first break from the record where it shows and a few records after it. */
function classifyBreak(
  at: Located,
  expected: { seq: number; prev: string },
  following: readonly Located[],
): JournalProblem {
  const place = `${at.file}:${at.line}`;
  const problem = (kind: JournalProblemKind, seq: number, message: string): JournalProblem => ({
    kind,
    seq,
    file: at.file,
    line: at.line,
    message,
  });
  if (at.hash !== at.actualHash)
    return problem(
      'changed',
      at.seq,
      `record ${at.seq} (${place}) was changed: its bytes do not give its hash`,
    );
  const isExpected = (record: Located) => record.seq === expected.seq && record.prev === expected.prev;
  // A record in the expected record's place that does not chain: the real one right after it means an insertion.
  if (at.seq === expected.seq && following[0] && isExpected(following[0]))
    return problem(
      'inserted',
      at.seq,
      `record ${at.seq} (${place}) was inserted: it does not follow record ${at.seq - 1}, the record after it does`,
    );
  if (at.seq === expected.seq)
    return problem(
      'changed',
      at.seq,
      `record ${at.seq} (${place}) does not follow record ${at.seq - 1}: one of them was replaced`,
    );
  if (at.seq < expected.seq)
    return problem(
      'inserted',
      at.seq,
      `record ${at.seq} (${place}) was inserted: record ${expected.seq} was expected here`,
    );
  const missing = following.find((record) => record.seq === expected.seq);
  if (!missing) {
    const count = at.seq - expected.seq;
    return problem(
      'deleted',
      expected.seq,
      `record ${expected.seq}${count > 1 ? `–${at.seq - 1}` : ''} deleted: ${place} holds record ${at.seq} where ${expected.seq} was expected`,
    );
  }
  // The expected record comes later: this one either belongs after another (moved) or belongs nowhere (inserted).
  const isMoved = at.prev === missing.hash || following.some((record) => record.hash === at.prev);
  return isMoved
    ? problem(
        'reordered',
        at.seq,
        `record ${at.seq} (${place}) is out of order: record ${expected.seq} comes after it (${missing.file}:${missing.line})`,
      )
    : problem(
        'inserted',
        at.seq,
        `record ${at.seq} (${place}) was inserted: it follows no record of the chain`,
      );
}

/** The CLI's lines for a result. */
export function describeVerifyResult(result: VerifyResult): string[] {
  const lines: string[] = [];
  const range = result.firstSeq === null ? 'no records' : `records ${result.firstSeq}–${result.lastSeq}`;
  lines.push(
    `${result.records} records in ${result.files.length} files (${range}), head at ${result.headSeq ?? 'none'}`,
  );
  if (result.recoveries > 0)
    lines.push(`${result.recoveries} torn tail(s) recovered at earlier starts (journal.recovered records)`);
  if (result.torn)
    lines.push(
      `torn last line: ${result.torn.file}:${result.torn.line} (${result.torn.bytes} bytes at offset ${result.torn.offset}) — a write cut by a power loss or kill; the next start quarantines it and the chain resumes`,
    );
  lines.push(
    result.problem
      ? `journal BAD — ${result.problem.kind}: ${result.problem.message}`
      : 'journal ok: the chain is whole',
  );
  return lines;
}
