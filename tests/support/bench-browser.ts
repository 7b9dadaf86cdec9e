// The Chromium the benchmarks measure, and a way to open pages in it. By default the pages are driven over a
// bare DevTools pipe (plain-cdp.ts) so that the figures are the wall's own; `playwright` drives them through
// Playwright instead, to show what its instrumentation costs.
import { chromium } from 'playwright-core';
import { findChromium } from './find-chromium';
import { launchPlainChromium, type PlainPage } from './plain-cdp';

export type BenchDriver = 'plain' | 'playwright';

/** `--driver=playwright` on a bench's command line; else the plain pipe. */
export function benchDriverFrom(argv: readonly string[]): BenchDriver {
  return argv.includes('--driver=playwright') ? 'playwright' : 'plain';
}

export interface BenchBrowser {
  openPage(url: string, viewport: { width: number; height: number }): Promise<PlainPage>;
  close(): Promise<void>;
}

/** Chromium switches every bench uses: autoplay, software rendering, and no background services. */
const benchSwitches = [
  '--autoplay-policy=no-user-gesture-required',
  '--disable-gpu',
  '--no-sandbox',
  // A component updater or model service starting mid-run added ~57 MB to the video bench's minute-5
  // memory figure, none of it the tiles'.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBenchBrowser(driver: BenchDriver): Promise<BenchBrowser> {
  const { executablePath } = findChromium();
  if (driver === 'plain') {
    if (!executablePath) throw new Error('the benchmarks need an installed Chromium (or TIANMU_CHROMIUM)');
    const browser = await launchPlainChromium(executablePath, benchSwitches);
    return { openPage: (url, viewport) => browser.newPage(url, viewport), close: () => browser.close() };
  }
  const browser = await chromium.launch({ executablePath, args: benchSwitches });
  return {
    async openPage(url, viewport) {
      const page = await browser.newPage({ viewport });
      await page.goto(url);
      const session = await page.context().newCDPSession(page);
      return {
        evaluate: (expression) => page.evaluate(expression),
        send: async <T>(method: string, params?: Record<string, unknown>) =>
          (await session.send(method as 'Runtime.evaluate', params as never)) as T,
        listen(event, listener) {
          session.on(event as 'Runtime.consoleAPICalled', listener as never);
          return () => void session.off(event as 'Runtime.consoleAPICalled', listener as never);
        },
        waitFor: async (expression, timeout) =>
          void (await page.waitForFunction(expression, undefined, { timeout })),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}
