// End-to-end tests: Playwright drives Chromium against the browser host (the built app, started by the tests).
import { defineConfig } from '@playwright/test';
import { findChromium } from './tests/support/find-chromium';

const chromium = findChromium();
if (!process.env.TIANMU_CHROMIUM_ANNOUNCED) {
  process.env.TIANMU_CHROMIUM_ANNOUNCED = '1';
  console.log(`[e2e] Chromium: ${chromium.executablePath ?? 'bundled'} (${chromium.source})`);
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  // Two cores decode the video of every test: one worker keeps timings honest.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: {
      executablePath: chromium.executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
