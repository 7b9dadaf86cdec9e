// Test helpers for the wvp connector's tests: a platforms.json entry pointing at a wvp double, parsed by the real
// schema (so defaults apply as in a workspace), and a wait for the next event of a connector.
import type { Event } from '@shared/base/emitter';
import { platformSchema, type Platform } from '@shared/model/camera';

export const testPassword = 'admin';
export const testEnv = { WVP_PASSWORD: testPassword };

export function wvpPlatform(baseUrl: string, connector: Record<string, unknown> = {}): Platform {
  return platformSchema.parse({
    id: 'wvp-district',
    name: '区 GB28181 平台',
    vendor: 'wvp',
    kind: 'ws-flv',
    connector: {
      type: 'wvp',
      baseUrl,
      username: 'admin',
      password: { env: 'WVP_PASSWORD' },
      areas: { fallback: { street: 'waitan', grid: 'waitan-01' } },
      streamOrigins: ['ws://127.0.0.1:18000'],
      ...connector,
    },
  });
}

/** The first value `event` fires for which `accept` holds. */
export function nextEvent<T>(event: Event<T>, accept: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const subscription = event((value) => {
      if (!accept(value)) return;
      subscription.dispose();
      resolve(value);
    });
  });
}

/** Resolves once `condition` holds (checked every 10 ms); the test's own timeout bounds it. */
export function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (condition() ? resolve() : setTimeout(check, 10));
    check();
  });
}
