// The console and a wall page as the wvp end-to-end spec drives them: sign in, send wall.command from the signed-in
// console's own session, put a camera on a left-display cell, open a cell's preview, and count a tile's frames.
import { expect, type Browser, type Locator, type Page } from '@playwright/test';

/** A console signed in as `userId` (operator 值班员 张三 unless named), in a context of its own when `browser` given. */
export async function openConsole(
  consoleUrl: string,
  target: Page | Browser,
  userId = 'operator',
  password = 'demo-operator',
): Promise<Page> {
  const page = 'newContext' in target ? await (await target.newContext()).newPage() : target;
  await page.goto(consoleUrl);
  await page.getByTestId('login-user').fill(userId);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('console')).toBeVisible({ timeout: 15_000 });
  return page;
}

/** A wall.command sent from a signed-in console page over a WebSocket of its own (its session cookie rides along). */
export async function wallCommand(desk: Page, command: Record<string, unknown>): Promise<void> {
  const answer = await desk.evaluate(
    (params) =>
      new Promise<{ ok: boolean; error?: { message: string } }>((resolve, reject) => {
        // tests/support has no DOM types: the page's location is read through globalThis.
        const host = (globalThis as unknown as { location: { host: string } }).location.host;
        const socket = new WebSocket(`ws://${host}/ws`);
        socket.onerror = () => reject(new Error('no WebSocket'));
        socket.onopen = () =>
          socket.send(JSON.stringify({ type: 'request', id: 1, name: 'wall.command', params }));
        socket.onmessage = (message) => {
          const envelope = JSON.parse(String(message.data));
          if (envelope.type === 'response') {
            socket.close();
            resolve(envelope);
          }
        };
      }),
    { command },
  );
  expect(answer.ok, answer.error?.message).toBe(true);
}

export const cameraCell = (cellIndex: number, cameraId: string) => ({
  type: 'cell.assign',
  displayId: 'left',
  cellIndex,
  widget: { kind: 'video.camera', options: { cameraId, profile: 'sub' } },
});
export const clockCell = (cellIndex: number) => ({
  type: 'cell.assign',
  displayId: 'left',
  cellIndex,
  widget: { kind: 'clock', options: {} },
});

/** Decoded frames of the picture a tile shows (its visible player layer). */
export function shownFrames(page: Page, cameraId: string): Promise<number> {
  return page
    .locator(`[data-testid="video-tile"][data-camera-id="${cameraId}"] .video-layer`)
    .evaluateAll((layers) => {
      const shown = layers.find(
        (layer) => (layer as unknown as { style: { visibility: string } }).style.visibility === 'visible',
      );
      return shown?.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
    });
}

/**
 * Puts a camera on the left display's cell; returns the ms from the command to the tile's first decoded frame and
 * the tile states seen on the way (a slow start shows whether it retried).
 */
export async function showAndTimeFirstFrame(
  desk: Page,
  wall: Page,
  cellIndex: number,
  cameraId: string,
): Promise<{ ms: number; states: string }> {
  const asked = Date.now();
  await wallCommand(desk, cameraCell(cellIndex, cameraId));
  const tile = wall.locator(`[data-testid="video-tile"][data-camera-id="${cameraId}"]`).first();
  const states: string[] = [];
  await expect
    .poll(
      async () => {
        const state = await tile.getAttribute('data-state', { timeout: 1_000 }).catch(() => null);
        if (state && states.at(-1) !== state) states.push(state);
        return shownFrames(wall, cameraId);
      },
      { timeout: 30_000, intervals: [50] },
    )
    .toBeGreaterThan(0);
  return { ms: Date.now() - asked, states: states.join('→') };
}

/** Selects the left display's cell on the console's mimic and opens its preview. */
export async function previewLeftCell(desk: Page, cellIndex: number, cameraId: string): Promise<Locator> {
  await desk
    .locator(
      `[data-testid="mimic-display"][data-display-id="left"] [data-testid="mimic-cell"][data-cell-index="${cellIndex}"]`,
    )
    .click({ position: { x: 10, y: 30 } });
  await desk.getByTestId('tile-preview-toggle').click();
  const tile = desk.getByTestId('tile-preview').getByTestId('video-tile');
  await expect(tile).toHaveAttribute('data-camera-id', cameraId);
  return tile;
}
