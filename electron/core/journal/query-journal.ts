// Reading the journal for people: the admin page's filtered list (user, camera, action, time), newest first,
// a page at a time, and its CSV export, safe to open in a spreadsheet.
import path from 'node:path';
import {
  journalQuerySchema,
  journalRecordSchema,
  type JournalQuery,
  type JournalRecord,
} from '@shared/model/journal';
import { dayFileStart, journalDirectory, listDayFiles } from './journal-files';
import { forEachLineBackward } from './read-lines-backward';

const dayMs = 86_400_000;

/** One page of matches and how to go on. */
export interface JournalPage {
  /** Newest first (in seq order). */
  records: JournalRecord[];
  /** Pass as `beforeSeq` for the next, older page; null when nothing older matches. */
  nextCursor: number | null;
  /** Matches from the cursor on (this page and older): exact, or a lower bound when `isTotalExact` is false. */
  total: number;
  isTotalExact: boolean;
  /** Lines read to answer (the cost). */
  scannedLines: number;
  /** Matching lines that are JSON but not records (edited by hand; verify names them), left out when checked. */
  malformed: number;
}

export interface JournalPageOptions {
  /** Lines the scan may read past a full page to count the rest (default `defaultCountBudget`). */
  countBudget?: number;
  /** Leave out (and count) matches that fail the record schema, for answers a window validates. */
  isSchemaChecked?: boolean;
}

/**
 * After a page is full, how many more lines the scan may read to count the rest. Counting everything would
 * read all 180 days for an unfiltered query; past this budget the total is a lower bound ("至少").
 */
export const defaultCountBudget = 10_000;

/**
 * The records matching every given filter, newest first (in seq order), at most `limit`, older than `beforeSeq`
 * when given. Files are streamed from their end in 1 MB reads (a turn of the event loop between reads) and the
 * scan stops once the page is full: day files older than the time range are not opened.
 */
export async function queryJournal(stateDir: string, query: JournalQuery): Promise<JournalRecord[]> {
  return (await queryJournalPage(stateDir, query, { countBudget: 0 })).records;
}

/** `queryJournal`, plus a cursor and a total counted within `countBudget` more lines. */
export async function queryJournalPage(
  stateDir: string,
  query: JournalQuery,
  { countBudget = defaultCountBudget, isSchemaChecked = false }: JournalPageOptions = {},
): Promise<JournalPage> {
  const filter = journalQuerySchema.parse(query);
  const matches = (record: JournalRecord): boolean =>
    (filter.userId === undefined || record.actor?.userId === filter.userId) &&
    (filter.cameraId === undefined ||
      (record.target?.kind === 'camera' && record.target.id === filter.cameraId)) &&
    (filter.targetKind === undefined || record.target?.kind === filter.targetKind) &&
    (filter.targetId === undefined || record.target?.id === filter.targetId) &&
    (filter.action === undefined || record.action === filter.action) &&
    (filter.result === undefined || record.result === filter.result) &&
    (filter.fromMs === undefined || record.ms >= filter.fromMs) &&
    (filter.toMs === undefined || record.ms < filter.toMs) &&
    (filter.isDrill === undefined || (record.isDrill ?? false) === filter.isDrill);
  // Byte needles every matching line must hold (the writer's own JSON.stringify of the value): a line without
  // one is skipped without parsing, which is what makes a narrow filter over months cheap.
  const needles = [
    filter.userId === undefined ? null : `"userId":${JSON.stringify(filter.userId)}`,
    filter.action === undefined ? null : `"action":${JSON.stringify(filter.action)}`,
    filter.cameraId === undefined ? null : `"id":${JSON.stringify(filter.cameraId)}`,
    filter.targetId === undefined ? null : `"id":${JSON.stringify(filter.targetId)}`,
    filter.result === undefined ? null : `"result":"${filter.result}"`,
  ]
    .filter((needle) => needle !== null)
    .map((needle) => Buffer.from(needle));
  const page: JournalPage = {
    records: [],
    nextCursor: null,
    total: 0,
    isTotalExact: true,
    scannedLines: 0,
    malformed: 0,
  };
  let linesLeft = Number.POSITIVE_INFINITY;
  const files = (await listDayFiles(stateDir)).reverse();
  for (const file of files) {
    // A record goes to its UTC day's file or, when the clock went back, to a later one: never to an earlier
    // one. So a file (and every older one) whose day ended before `fromMs` holds nothing newer.
    if (filter.fromMs !== undefined && dayFileStart(file)! + dayMs <= filter.fromMs) break;
    let isStopped = false;
    await forEachLineBackward(path.join(journalDirectory(stateDir), file), (bytes) => {
      if (linesLeft-- <= 0) {
        page.isTotalExact = false;
        return !(isStopped = true);
      }
      page.scannedLines++;
      // Lines start `{"seq":N,`: records at or past the cursor are skipped without parsing.
      if (filter.beforeSeq !== undefined && leadingSeq(bytes) >= filter.beforeSeq) return true;
      for (const needle of needles) if (bytes.indexOf(needle) === -1) return true;
      let record: JournalRecord | null;
      try {
        record = JSON.parse(bytes.toString('utf8')) as JournalRecord;
      } catch {
        return true; // not a record: verify reports it, a list shows what is whole
      }
      if (record === null || typeof record !== 'object' || !matches(record)) return true;
      if (isSchemaChecked && !journalRecordSchema.safeParse(record).success) {
        page.malformed++;
        return true;
      }
      page.total++;
      if (page.records.length < filter.limit) {
        page.records.push(record);
        if (page.records.length === filter.limit) linesLeft = countBudget;
      } else page.nextCursor ??= page.records.at(-1)!.seq;
      return true;
    });
    if (isStopped) break;
  }
  // The budget ran out before a match past the page was seen: there may be more.
  if (!page.isTotalExact && page.nextCursor === null && page.records.length > 0)
    page.nextCursor = page.records.at(-1)!.seq;
  return page;
}

/** The seq at the start of a journal line (`{"seq":123,…`), or -1 when the line does not start so. */
function leadingSeq(bytes: Buffer): number {
  const prefix = 7; // {"seq":
  let value = 0;
  let index = prefix;
  for (; index < bytes.length && index < prefix + 16; index++) {
    const digit = bytes[index]! - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return index === prefix || bytes.toString('latin1', 0, prefix) !== '{"seq":' ? -1 : value;
}

const csvColumns = [
  'seq',
  'time',
  'user',
  'role',
  'window',
  'address',
  'action',
  'target',
  'target id',
  'result',
  'reason',
  'from',
  'to',
  'drill',
  'detail',
  'hash',
] as const;

/**
 * RFC 4180 CSV (CRLF, fields quoted when needed, a UTF-8 BOM so spreadsheets read the Chinese). Every text cell
 * starting with `=`, `+`, `-`, `@`, tab, CR, LF or NUL — also after leading spaces — gets a leading `'`, so a
 * user name or reason cannot run as a formula in the spreadsheet that opens the export (CSV injection). Records
 * come from lines parsed without the schema, so no column is trusted to be a number or a time.
 */
export function journalCsv(records: readonly JournalRecord[]): string {
  const rows = [csvColumns.join(',')];
  for (const record of records) {
    const cells: unknown[] = [
      record.seq,
      record.ts,
      record.actor?.userId,
      record.actor?.role,
      record.actor?.window,
      record.actor?.address,
      record.action,
      record.target?.kind,
      record.target?.id,
      record.result,
      record.reason,
      record.period?.from,
      record.period?.to,
      record.isDrill ? 'yes' : '',
      record.detail === undefined ? '' : JSON.stringify(record.detail),
      record.hash,
    ];
    rows.push(cells.map((cell) => quote(text(cell))).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** A cell as defused text. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  const cell = typeof value === 'string' ? value : String(value);
  return /^ *[=+\-@\t\r\n\0]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
