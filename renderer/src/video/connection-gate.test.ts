// The handshake gate: a bounded number of places, first come first served, and no place lost or leaked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionGate } from './connection-gate';

/** Whether a pass's `granted` has resolved, after pending microtasks ran. */
async function isGranted(granted: Promise<void>): Promise<boolean> {
  let done = false;
  void granted.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('ConnectionGate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('admits up to its limit at once and the rest in arrival order as places free up', async () => {
    const gate = new ConnectionGate(2);
    const passes = Array.from({ length: 5 }, () => gate.enter());
    expect(gate.pending).toBe(2);
    expect(gate.queued).toBe(3);
    expect(await Promise.all(passes.map((pass) => isGranted(pass.granted)))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);

    passes[1]!.release();
    expect(await isGranted(passes[2]!.granted)).toBe(true);
    expect(await isGranted(passes[3]!.granted)).toBe(false);
    expect(gate.pending).toBe(2);

    passes[0]!.release();
    passes[2]!.release();
    expect(await isGranted(passes[3]!.granted)).toBe(true);
    expect(await isGranted(passes[4]!.granted)).toBe(true);
    expect(gate.queued).toBe(0);
  });

  it('counts a release once, however often it is called', () => {
    const gate = new ConnectionGate(1);
    const first = gate.enter();
    const second = gate.enter();
    const third = gate.enter();
    first.release();
    first.release();
    first.release();
    expect(gate.pending).toBe(1);
    expect(gate.queued).toBe(1);
    second.release();
    third.release();
    expect(gate.pending).toBe(0);
  });

  it('forgets a caller that gives up while waiting', async () => {
    const gate = new ConnectionGate(1);
    const first = gate.enter();
    const quitter = gate.enter();
    const patient = gate.enter();
    quitter.release();
    expect(gate.queued).toBe(1);
    first.release();
    expect(await isGranted(patient.granted)).toBe(true);
    expect(await isGranted(quitter.granted)).toBe(false);
    expect(gate.pending).toBe(1);
  });

  it('takes the place back from a handshake that hangs past the hold limit', async () => {
    const gate = new ConnectionGate(1, 3_000);
    gate.enter();
    const next = gate.enter();
    vi.advanceTimersByTime(2_999);
    expect(await isGranted(next.granted)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await isGranted(next.granted)).toBe(true);
    expect(gate.pending).toBe(1);
  });
});
