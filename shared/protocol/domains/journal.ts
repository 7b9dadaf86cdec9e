// Protocol messages of the audit page (审计日志): the journal filtered and paged, newest first, and its CSV
// export. Administrators only; every call is itself journaled (留痕 applies to auditors too).
import { z } from 'zod';
import { journalQuerySchema, journalRecordSchema } from '../../model/journal';

/** Most records one page may ask for: a page is read while the core waits for nothing else of it. */
export const journalPageSizeLimit = 200;
/** Most records one CSV export holds (about 3 MB of text); narrow the filter for more. */
export const journalExportLimit = 10_000;

/** What the audit page filters by: user, camera or other target, action, result, time range (epoch ms). */
export const journalFilterSchema = journalQuerySchema
  .pick({
    userId: true,
    cameraId: true,
    targetKind: true,
    targetId: true,
    action: true,
    result: true,
    fromMs: true,
    toMs: true,
    isDrill: true,
  })
  .refine(({ fromMs, toMs }) => fromMs === undefined || toMs === undefined || fromMs < toMs, {
    message: 'the time range ends before it starts',
    path: ['toMs'],
  });
export type JournalFilter = z.infer<typeof journalFilterSchema>;

export const journalRequests = {
  /** One page of matching records, newest first; `cursor` is the previous page's `nextCursor`. */
  'journal.query': {
    access: 'administer',
    params: z.object({
      filter: journalFilterSchema.default({}),
      pageSize: z.number().int().min(1).max(journalPageSizeLimit).default(50),
      cursor: z.number().int().positive().optional(),
    }),
    result: z.object({
      records: z.array(journalRecordSchema),
      nextCursor: z.number().int().positive().nullable(),
      /** Matches from the cursor on; a lower bound when `isTotalExact` is false (the count stops early). */
      total: z.number().int().nonnegative(),
      isTotalExact: z.boolean(),
      /** Matching lines left out because they are not well-formed records (hand-edited: run journal verify). */
      malformed: z.number().int().nonnegative(),
    }),
  },
  /** The newest `journalExportLimit` matching records as CSV (UTF-8 with BOM, formulas defused). */
  'journal.export': {
    access: 'administer',
    params: z.object({ filter: journalFilterSchema.default({}) }),
    result: z.object({
      csv: z.string(),
      count: z.number().int().nonnegative(),
      /** More records matched than the export holds. */
      isTruncated: z.boolean(),
    }),
  },
} as const;

export const journalEvents = {} as const;
