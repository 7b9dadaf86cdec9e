import { describe, expect, it } from 'vitest';
import type { JournalInput } from '@shared/model/journal';
import type { CoreSession } from '../session';
import { Audit } from './audit';

function audit() {
  const clock = { now: Date.UTC(2026, 11, 7, 8, 0) };
  const records: JournalInput[] = [];
  return {
    audit: new Audit({ append: async (input) => records.push(input) }, () => clock.now),
    clock,
    records,
  };
}

const session = (principal: CoreSession['principal']) =>
  ({ role: 'console', address: '192.0.2.10', principal }) as unknown as CoreSession;

describe('Audit', () => {
  it('journals one 调阅 per camera and session, from its first stream URL to the session closing', async () => {
    const { audit: log, clock, records } = audit();
    const operator = session({ kind: 'user', userId: 'operator', role: 'operator', areas: { all: true } });
    log.viewStarted(operator, 'cam-0001');
    clock.now += 5_000;
    log.viewStarted(operator, 'cam-0001'); // the same camera again (another profile, a reconnect): one view
    log.viewStarted(operator, 'cam-0002');
    clock.now += 60_000;
    log.sessionClosed(operator);
    await Promise.resolve();
    expect(records).toEqual([
      {
        actor: { userId: 'operator', role: 'operator', window: 'console', address: '192.0.2.10' },
        action: 'camera.viewed',
        target: { kind: 'camera', id: 'cam-0001' },
        result: 'ok',
        period: { from: '2026-12-07T08:00:00.000Z', to: '2026-12-07T08:01:05.000Z' },
      },
      expect.objectContaining({
        target: { kind: 'camera', id: 'cam-0002' },
        period: { from: '2026-12-07T08:00:05.000Z', to: '2026-12-07T08:01:05.000Z' },
      }),
    ]);
  });

  it('records no views of a wall machine: it plays the wall, nobody views through it', async () => {
    const { audit: log, records } = audit();
    const wall = session({ kind: 'machine', nodeId: 'wall' });
    log.viewStarted(wall, 'cam-0001');
    log.sessionClosed(wall);
    await Promise.resolve();
    expect(records).toEqual([]);
  });

  it("journals the core's own acts with the system as actor", async () => {
    const { audit: log, records } = audit();
    log.system({
      action: 'scenario.switched',
      target: { kind: 'scenario', id: 'flood-typhoon' },
      result: 'ok',
    });
    await Promise.resolve();
    expect(records).toEqual([
      expect.objectContaining({ actor: { role: 'system', window: 'core' }, action: 'scenario.switched' }),
    ]);
  });
});
