import { describe, expect, it } from 'vitest';
import { emptyJournalForm, journalFilterOf, pageFigures } from './journal-filter';

describe('journalFilterOf', () => {
  it('asks for nothing when the form is blank (every record)', () => {
    expect(journalFilterOf(emptyJournalForm())).toEqual({});
  });

  it('trims the user and camera and turns the local time range into epoch milliseconds', () => {
    const filter = journalFilterOf({
      ...emptyJournalForm(),
      userId: ' operator ',
      cameraId: 'cam-0001',
      action: 'scenario.switched',
      result: 'ok',
      from: '2026-12-07T08:00',
      to: '2026-12-07T09:30',
    });
    expect(filter).toEqual({
      userId: 'operator',
      cameraId: 'cam-0001',
      action: 'scenario.switched',
      result: 'ok',
      fromMs: new Date(2026, 11, 7, 8, 0).getTime(),
      toMs: new Date(2026, 11, 7, 9, 30).getTime(),
    });
  });
});

describe('pageFigures', () => {
  it('counts the second page of 50 from 51, the total from the first record', () => {
    expect(pageFigures(50, 50, 120, true)).toEqual({ first: 51, last: 100, total: 170, isTotalExact: true });
  });

  it('shows 0–0 for an empty result', () => {
    expect(pageFigures(0, 0, 0, true)).toMatchObject({ first: 0, last: 0, total: 0 });
  });
});
