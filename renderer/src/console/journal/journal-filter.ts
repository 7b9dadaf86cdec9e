// The audit page's filter form as the core's journal filter: blank fields dropped, the time range's local
// date-times (as <input type="datetime-local"> gives them) turned into epoch milliseconds.
import type { JournalFilter } from '@shared/protocol';

/** The form: every field as the inputs hold it (an empty string means "any"). */
export interface JournalForm {
  userId: string;
  cameraId: string;
  action: string;
  result: '' | 'ok' | 'refused' | 'failed';
  /** `YYYY-MM-DDTHH:mm` in the browser's time zone, or ''. */
  from: string;
  to: string;
}

export const emptyJournalForm = (): JournalForm => ({
  userId: '',
  cameraId: '',
  action: '',
  result: '',
  from: '',
  to: '',
});

/** The filter the form asks for; a time that does not parse is left out (the input allows none). */
export function journalFilterOf(form: JournalForm): JournalFilter {
  const filter: JournalFilter = {};
  const userId = form.userId.trim();
  const cameraId = form.cameraId.trim();
  if (userId) filter.userId = userId;
  if (cameraId) filter.cameraId = cameraId;
  if (form.action) filter.action = form.action;
  if (form.result) filter.result = form.result;
  // A local date-time without an offset parses in the browser's zone: what the operator typed.
  const fromMs = form.from ? new Date(form.from).getTime() : Number.NaN;
  const toMs = form.to ? new Date(form.to).getTime() : Number.NaN;
  if (Number.isFinite(fromMs)) filter.fromMs = fromMs;
  if (Number.isFinite(toMs)) filter.toMs = toMs;
  return filter;
}

/** `第 a–b 条，共 N 条` figures: the page's first and last position and the total so far as known. */
export function pageFigures(
  offset: number,
  shown: number,
  total: number,
  isTotalExact: boolean,
): { first: number; last: number; total: number; isTotalExact: boolean } {
  return { first: shown === 0 ? 0 : offset + 1, last: offset + shown, total: offset + total, isTotalExact };
}
