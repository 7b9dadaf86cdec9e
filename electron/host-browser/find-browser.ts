// Finds a local Chrome/Chromium to open the wall windows in (the browser host on machines without Electron).
import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** `TIANMU_BROWSER`, then the usual install places; null when none is found. */
export function findBrowser(environment: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnvironment = environment.TIANMU_BROWSER;
  if (fromEnvironment) return existsSync(fromEnvironment) ? fromEnvironment : null;
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}
