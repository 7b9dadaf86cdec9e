// The words under a tile's badge.
import { describe, expect, it } from 'vitest';
import { clockTime, stateDetails } from './tile-labels';

const zh = (text: { zh: string }) => text.zh;

describe('stateDetails', () => {
  it('says when a stalled tile tries again and when its last frame was', () => {
    const lastFrameAt = Date.UTC(2026, 11, 7, 8, 0, 0);
    const lines = stateDetails('stalled', { reconnectAttempt: 3, lastFrameAt, detail: null }, zh);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('3');
    expect(lines[1]).toContain(clockTime(lastFrameAt));
  });

  it('names an unsupported codec and says nothing more for a tile that plays', () => {
    const none = { reconnectAttempt: 0, lastFrameAt: null };
    expect(stateDetails('unsupported', { ...none, detail: 'hvc1' }, zh)).toEqual(['hvc1']);
    expect(stateDetails('playing', { ...none, detail: 'hvc1' }, zh)).toEqual([]);
  });
});
