// Finds the Chromium the end-to-end tests drive: an env variable, then Debian's, then other usual places,
// then Playwright's own download — and says which it used.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const usualPlaces = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export interface ChromiumChoice {
  readonly executablePath: string | undefined;
  readonly source: string;
}

export function findChromium(environment: NodeJS.ProcessEnv = process.env): ChromiumChoice {
  const fromEnvironment = environment.TIANMU_CHROMIUM ?? environment.CHROMIUM_PATH;
  if (fromEnvironment) {
    if (!existsSync(fromEnvironment))
      throw new Error(`TIANMU_CHROMIUM points to '${fromEnvironment}', which does not exist`);
    return { executablePath: fromEnvironment, source: 'TIANMU_CHROMIUM' };
  }
  const found = usualPlaces.find((place) => existsSync(place));
  if (found) return { executablePath: found, source: 'installed browser' };
  let ownPath: string | undefined;
  try {
    ownPath = chromium.executablePath();
  } catch {
    ownPath = undefined;
  }
  if (ownPath && existsSync(ownPath))
    return { executablePath: undefined, source: `Playwright's own Chromium (${ownPath})` };
  throw new Error(
    "no Chromium found: install Debian's chromium (apt-get install chromium), set TIANMU_CHROMIUM, or run `npx playwright install chromium`",
  );
}
