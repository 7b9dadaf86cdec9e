// Reading the journal for people: the admin page's filtered list (user, camera, action, time), newest first,
// and its CSV export, safe to open in a spreadsheet.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { journalQuerySchema, type JournalQuery, type JournalRecord } from '@shared/model/journal';
import { dayFileStart, journalDirectory, listDayFiles } from './journal-files';

const dayMs = 86_400_000;

/**
 * The records matching every given filter, newest first (in seq order), at most `limit`. Day files older than
 * the time range are not read; a file is read whole (a busy day is tens of MB) and walked from its end.
 */
export async function queryJournal(stateDir: string, query: JournalQuery): Promise<JournalRecord[]> {
  const filter = journalQuerySchema.parse(query);
  const matches = (record: JournalRecord): boolean =>
    (filter.userId === undefined || record.actor.userId === filter.userId) &&
    (filter.cameraId === undefined ||
      (record.target.kind === 'camera' && record.target.id === filter.cameraId)) &&
    (filter.targetKind === undefined || record.target.kind === filter.targetKind) &&
    (filter.targetId === undefined || record.target.id === filter.targetId) &&
    (filter.action === undefined || record.action === filter.action) &&
    (filter.result === undefined || record.result === filter.result) &&
    (filter.fromMs === undefined || record.ms >= filter.fromMs) &&
    (filter.toMs === undefined || record.ms < filter.toMs) &&
    (filter.isDrill === undefined || (record.isDrill ?? false) === filter.isDrill);
  const found: JournalRecord[] = [];
  const files = (await listDayFiles(stateDir)).reverse();
  for (const file of files) {
    // A record goes to its UTC day's file or, when the clock went back, to a later one: never to an earlier
    // one. So a file (and every older one) whose day ended before `fromMs` holds nothing newer.
    if (filter.fromMs !== undefined && dayFileStart(file)! + dayMs <= filter.fromMs) break;
    const text = await readFile(path.join(journalDirectory(stateDir), file), 'utf8');
    const lines = text.split('\n');
    for (let index = lines.length - 1; index >= 0; index--) {
      const line = lines[index]!;
      if (line.length === 0) continue;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch {
        continue; // a torn tail: verify reports it, a list shows what is whole
      }
      if (matches(record)) {
        found.push(record);
        if (found.length >= filter.limit) return found;
      }
    }
  }
  return found;
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
 * RFC 4180 CSV (CRLF, fields quoted when needed, a UTF-8 BOM so spreadsheets read the Chinese). A text cell
 * starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so a user name or reason cannot
 * run as a formula in the spreadsheet that opens the export (CSV injection).
 */
export function journalCsv(records: readonly JournalRecord[]): string {
  const rows = [csvColumns.join(',')];
  for (const record of records) {
    const cells: Array<string | number> = [
      record.seq,
      record.ts,
      text(record.actor.userId),
      text(record.actor.role),
      text(record.actor.window),
      text(record.actor.address),
      text(record.action),
      text(record.target.kind),
      text(record.target.id),
      record.result,
      text(record.reason),
      record.period?.from ?? '',
      record.period?.to ?? '',
      record.isDrill ? 'yes' : '',
      record.detail === undefined ? '' : text(JSON.stringify(record.detail)),
      record.hash,
    ];
    rows.push(cells.map((cell) => (typeof cell === 'number' ? String(cell) : quote(cell))).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** A text cell defused against formula injection. */
function text(value: string | undefined): string {
  if (value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
