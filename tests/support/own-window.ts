// A Chromium window of our own, as the browser host opens one per wall display, that a test can minimise.
//
// Playwright's own pages cannot be hidden: it turns on focus emulation for every page it creates, which keeps
// `document.visibilityState` 'visible' whatever happens to the window. Here Chromium is started by hand
// (headless, whose windows still have states) and attached over CDP with `noDefaults`, which leaves focus
// emulation off, so minimising the window hides the page exactly as minimising a wall window does.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { findChromium } from './find-chromium';

export interface OwnWindow {
  readonly page: Page;
  /** Minimises the window (the page becomes hidden) and waits until the page says so. */
  minimise(): Promise<void>;
  /** Restores the window and waits until the page is visible again. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Opens `url` in a new Chromium window of 1920 × 1080 CSS pixels. */
export async function openOwnWindow(url: string): Promise<OwnWindow> {
  const executablePath = findChromium().executablePath ?? chromium.executablePath();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'tianmu-own-window-'));
  const child = spawn(
    executablePath,
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      '--window-size=1920,1080',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The browser host's wall window flags (electron/host-browser/browser-host.ts).
      '--autoplay-policy=no-user-gesture-required',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      'about:blank',
    ],
    // Its own process group, so that closing can end its helper processes too (see `close`).
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let browser: Browser | undefined;
  const close = async () => {
    // The process first: `browser.close()` on a CDP connection waited up to a minute here for contexts it did
    // not create. Once Chromium is gone, closing the connection is immediate.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    // Helper processes (network, renderer, GPU) can outlive the browser process by seconds on a loaded
    // machine, the network service with its WebSockets still open: a media server then still counted this
    // window's connections. End whatever is left of the group.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    await browser?.close().catch(() => undefined);
    // Dying helpers may still be writing into the profile for a moment.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    } catch (error) {
      console.warn(`[own-window] could not remove ${profile}: ${String(error)}`);
    }
  };
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 20_000);
      child.stderr!.on('data', (chunk) => {
        output += chunk;
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited with ${code}:\n${output}`));
      });
    });
    browser = await chromium.connectOverCDP(endpoint, { noDefaults: true });
    const context = browser.contexts()[0]!;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    const session: CDPSession = await context.newCDPSession(page);
    const { windowId } = await session.send('Browser.getWindowForTarget');
    const setState = async (windowState: 'minimized' | 'normal', visibility: 'hidden' | 'visible') => {
      await session.send('Browser.setWindowBounds', { windowId, bounds: { windowState } });
      await page.waitForFunction(
        // Runs in the page; typed without DOM types because tests/support also compiles for Node.
        (expected) =>
          (globalThis as unknown as { document: { visibilityState: string } }).document.visibilityState ===
          expected,
        visibility,
      );
    };
    return {
      page,
      minimise: () => setState('minimized', 'hidden'),
      restore: () => setState('normal', 'visible'),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
