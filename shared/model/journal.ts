// The journal's record (留痕): who did what to which thing, when, and how it ended — the one history that audit
// pages, drill replay and after-action reports read. The hash chain itself lives in electron/core/journal/.
import { z } from 'zod';
import { boundedJsonSchema } from './bounded-json';

/**
 * The kinds of record the core writes (issue 16). Add a kind here when a new fact is journaled; a file may hold
 * kinds a newer build added (`journalRecordSchema` reads any well-formed action), but `append` takes only these.
 */
export const journalActions = [
  'login',
  'login.failed',
  'logout',
  'session.expired',
  'session.locked',
  'session.unlocked',
  'account.locked',
  'user.changed',
  'command',
  'scenario.switched',
  'schedule.dismissed',
  'scenario.saved',
  'camera.viewed',
  'camera.controlled',
  'incident.acknowledged',
  'incident.dispatched',
  'incident.started',
  'incident.closed',
  'incident.merged',
  'report',
  'import',
  'export',
  'refused',
  'drill.started',
  'drill.ended',
  'journal.queried',
  'journal.started',
  'journal.recovered',
  'journal.tail-missing',
] as const;
export const journalActionSchema = z.enum(journalActions);
export type JournalAction = z.infer<typeof journalActionSchema>;

/** Lowercase words joined by '.' or '-' (`camera.viewed`): also what a syslog MSGID may hold. */
const actionPattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
const shortText = z.string().max(128);

/** Who acted: a person (user and role), a wall node (window), or the core itself (`role: 'system'`). */
export const journalActorSchema = z.object({
  userId: shortText.optional(),
  /** `viewer`, `operator`, `trainer`, `admin` for people, `wall` for wall nodes, `system` for the core. */
  role: z.string().max(32).optional(),
  /** Which window: `console`, `leader`, `wall:left`, … */
  window: shortText.optional(),
  /** The caller's network address (`127.0.0.1`, or the LAN address of a leader's phone). */
  address: z.string().max(64).optional(),
});
export type JournalActor = z.infer<typeof journalActorSchema>;

/** What was acted on. Queries by camera match `kind: 'camera'` and its id. */
export const journalTargetSchema = z.object({
  /** `camera`, `scenario`, `incident`, `wall`, `user`, `session`, `report`, `workspace`, `journal`, … */
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'a target kind is a lowercase word')
    .max(32),
  id: shortText.optional(),
});
export type JournalTarget = z.infer<typeof journalTargetSchema>;

export const journalResultSchema = z.enum(['ok', 'refused', 'failed']);
export type JournalResult = z.infer<typeof journalResultSchema>;

/** From when to when something was watched (调阅: a camera viewed on a console, later a playback). */
export const journalPeriodSchema = z
  .object({ from: z.iso.datetime(), to: z.iso.datetime() })
  .refine(({ from, to }) => Date.parse(from) <= Date.parse(to), 'the period ends before it starts');

/** Free-form facts of one record (the command itself, a reason code): small JSON, so a line stays short. */
export const journalDetailSchema = boundedJsonSchema({ maxDepth: 8, maxNodes: 256 });

/** What a caller hands to `journal.append`; the journal adds seq, time and the chain. */
export const journalInputSchema = z
  .object({
    actor: journalActorSchema,
    action: journalActionSchema,
    target: journalTargetSchema,
    result: journalResultSchema,
    /** Why it was refused or failed (无权限: the camera is outside the caller's areas). */
    reason: z.string().min(1).max(500).optional(),
    period: journalPeriodSchema.optional(),
    detail: journalDetailSchema.optional(),
    /** Records made during a drill (演练): reports keep them apart from real events. */
    isDrill: z.boolean().optional(),
  })
  .superRefine((input, context) => {
    if (input.result !== 'ok' && input.reason === undefined)
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `a '${input.result}' record needs a reason`,
      });
    if (input.action === 'camera.viewed' && input.period === undefined)
      context.addIssue({
        code: 'custom',
        path: ['period'],
        message: 'camera.viewed needs the period watched',
      });
  });
export type JournalInput = z.input<typeof journalInputSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');

/**
 * One stored record, in the key order of its line. `prev` is the `hash` of the record before it (64 zeros for
 * the first record of a journal); `hash` is the SHA-256 of this record's line up to `,"hash":`.
 */
export const journalRecordSchema = z.object({
  seq: z.number().int().positive(),
  prev: sha256Hex,
  /** ISO time in UTC, and the same instant in epoch milliseconds for range queries. */
  ts: z.iso.datetime(),
  ms: z.number().int(),
  action: z.string().max(32).regex(actionPattern),
  actor: journalActorSchema,
  target: journalTargetSchema,
  result: journalResultSchema,
  reason: z.string().max(500).optional(),
  period: journalPeriodSchema.optional(),
  detail: z.json().optional(),
  isDrill: z.boolean().optional(),
  hash: sha256Hex,
});
export type JournalRecord = z.infer<typeof journalRecordSchema>;

/** A query of the admin page: every filter optional, newest first, at most `limit` records. */
export const journalQuerySchema = z.object({
  userId: shortText.optional(),
  /** Records about this camera (`target.kind === 'camera'`). */
  cameraId: shortText.optional(),
  targetKind: z.string().max(32).optional(),
  targetId: shortText.optional(),
  action: z.string().max(32).optional(),
  result: journalResultSchema.optional(),
  /** Epoch milliseconds, inclusive. */
  fromMs: z.number().optional(),
  /** Epoch milliseconds, exclusive. */
  toMs: z.number().optional(),
  /** Drill records only (true), real ones only (false), or both. */
  isDrill: z.boolean().optional(),
  /** Only records older than this seq: the cursor of the next page (the last seq of the page shown). */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100_000).default(500),
});
export type JournalQuery = z.input<typeof journalQuerySchema>;
