// The wvp connector when wvp is down: connections refused, HTTP 500 (its database gone) or no answer at all (a hung
// JVM). Each call fails within its timeout as unreachable, the health goes down with the reason, and the first
// answer after wvp is back brings it up again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWvpDouble, type WvpDouble, type WvpOutage } from '../../../../../tests/support/wvp/wvp-double';
import { createWvpConnector, type WvpConnector } from './wvp-connector';
import { testEnv, wvpPlatform } from './wvp-test-platform';

describe('wvp connector during an outage', () => {
  let double: WvpDouble;
  let connector: WvpConnector;

  beforeAll(async () => {
    double = await startWvpDouble({ channelCount: 50 });
    connector = createWvpConnector(wvpPlatform(double.url), {
      workspaceDir: '.',
      env: testEnv,
      requestTimeoutMs: 400,
      alarmPollMs: 60_000,
    });
    await connector.listCameras();
  });
  afterEach(() => double.control.up());
  afterAll(async () => {
    connector.dispose();
    await connector.whenDisposed();
    await double.close();
  });

  const outages: [string, WvpOutage, RegExp][] = [
    ['refused', { mode: 'refuse' }, /^无法连接 wvp（连接被拒绝，ECONNREFUSED）$/],
    ['500', { mode: 'error' }, /^wvp 服务异常：Failed to obtain JDBC Connection$/],
    ['hang', { mode: 'hang' }, /^wvp 在 0\.4 秒内未响应$/],
  ];

  for (const [name, outage, problem] of outages) {
    it(`goes down when wvp is ${name}, names why, and recovers when it is back`, async () => {
      await double.control.down(outage);
      const failure = await connector.listCameras().catch((error: unknown) => error);
      expect(failure).toMatchObject({ name: 'ConnectorError', reason: 'unreachable' });
      expect((failure as Error).message).toMatch(problem);
      expect(connector.health()).toMatchObject({ state: 'down' });
      expect(connector.health().problem).toMatch(problem);
      await double.control.up();
      // The first call after the restart succeeds (not a stale keep-alive socket's UND_ERR_SOCKET).
      expect((await connector.listCameras()).cameras).toHaveLength(50);
      expect(connector.health().state).toBe('connected');
      expect(connector.health().problem).toBeUndefined();
    });
  }

  it('ends a request in flight when disposed, instead of waiting for its timeout', async () => {
    const patient = createWvpConnector(wvpPlatform(double.url), {
      workspaceDir: '.',
      env: testEnv,
      requestTimeoutMs: 60_000,
    });
    await patient.listCameras();
    await double.control.down({ mode: 'hang' });
    const listing = patient.listCameras().catch((error: unknown) => error);
    // The request is on its way to a wvp that will never answer; only the dispose can end it within 60 s.
    patient.dispose();
    expect(await listing).toMatchObject({ reason: 'unreachable', message: 'wvp 连接已关闭' });
  });
});
