// `npm run bench:switch-bytes`: bytes the core sends each window of the demo wall (both displays and the console)
// over its protocol socket in the seconds after a scenario switch, against the same seconds without a switch
// (the reference: live updates only), and how much of it is topic history. Runs the built browser host and
// Chromium over a bare DevTools pipe with the Network domain on (it copies each frame to this driver: figures are
// bytes, not times); not part of `npm test`.
import { launchBenchBrowser } from '../../support/bench-browser';
import { startHost } from '../../support/browser-host';
import { connectToCore } from '../../support/core-requests';
import type { PlainPage } from '../../support/plain-cdp';

const switches = Number(process.env.TIANMU_BENCH_SWITCHES ?? 4);
/** Bytes counted this long after each switch (and in each reference period of the same length). */
const windowMs = 10_000;
const viewport = { width: 1920, height: 1080 };

interface Received {
  bytes: number;
  /** Bytes of the `topic.subscribe` answers' history arrays. */
  historyBytes: number;
  historyPoints: number;
  /** Topics answered, and those answered with a non-empty history. */
  topics: number;
  topicsWithHistory: number;
}

const nothingReceived: Received = {
  bytes: 0,
  historyBytes: 0,
  historyPoints: 0,
  topics: 0,
  topicsWithHistory: 0,
};

/** Counts what a page receives on the core's protocol socket (`/ws`), not on the media sockets. */
async function countProtocolBytes(page: PlainPage): Promise<() => Received> {
  const protocolSockets = new Set<string>();
  const received: Received = { ...nothingReceived };
  page.listen('Network.webSocketCreated', (params) => {
    if (new URL(String(params.url)).pathname === '/ws') protocolSockets.add(String(params.requestId));
  });
  page.listen('Network.webSocketFrameReceived', (params) => {
    if (!protocolSockets.has(String(params.requestId))) return;
    const payload = String((params.response as { payloadData: string }).payloadData);
    received.bytes += Buffer.byteLength(payload);
    const message = JSON.parse(payload) as { result?: { snapshots?: Array<{ history: unknown[] }> } };
    for (const snapshot of message.result?.snapshots ?? []) {
      received.historyBytes += Buffer.byteLength(JSON.stringify(snapshot.history));
      received.historyPoints += snapshot.history.length;
      received.topics++;
      if (snapshot.history.length > 0) received.topicsWithHistory++;
    }
  });
  await page.send('Network.enable', { maxTotalBufferSize: 0 });
  // The page was open before: reload so that its protocol socket is created under watch.
  await page.send('Page.reload');
  await page.waitFor(`document.readyState === 'complete'`);
  return () => {
    const taken = { ...received };
    Object.assign(received, nothingReceived);
    return taken;
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kilobytes = (bytes: number) => Math.round(bytes / 1024);

async function main(): Promise<void> {
  const host = await startHost();
  const browser = await launchBenchBrowser('plain');
  const core = await connectToCore(host.urls.get('console')!);
  try {
    const windowIds = [...host.urls.keys()].sort();
    const takers: Record<string, () => Received> = {};
    for (const id of windowIds) {
      const page = await browser.openPage(host.urls.get(id)!, viewport);
      takers[id] = await countProtocolBytes(page);
    }
    const hello = await core.request<{ scenarios: Array<{ id: string }> }>('session.hello', {
      role: 'console',
    });
    const scenarioIds = hello.scenarios.map((scenario) => scenario.id);
    const currentScenario = async () =>
      (await core.request<{ state: { scenarioId: string } }>('wall.state', {})).state.scenarioId;
    await delay(windowMs);
    const take = () => Object.fromEntries(windowIds.map((id) => [id, takers[id]!()]));
    take();

    const periods: Array<{
      kind: 'reference' | 'switch';
      scenarioId?: string;
      windows: Record<string, Received>;
    }> = [];
    for (let index = 0; index < switches; index++) {
      await delay(windowMs);
      periods.push({ kind: 'reference', windows: take() });
      const current = await currentScenario();
      const target = scenarioIds.filter((id) => id !== current)[index % (scenarioIds.length - 1)]!;
      await core.request('wall.command', { command: { type: 'scenario.activate', scenarioId: target } });
      await delay(windowMs);
      periods.push({ kind: 'switch', scenarioId: target, windows: take() });
    }

    const mean = (kind: 'reference' | 'switch', field: keyof Received) => {
      const chosen = periods.filter((period) => period.kind === kind);
      const total = chosen.reduce(
        (sum, period) => sum + windowIds.reduce((all, id) => all + period.windows[id]![field], 0),
        0,
      );
      return total / chosen.length;
    };
    const result = {
      bench: 'switch-bytes',
      windowSeconds: windowMs / 1_000,
      switches,
      perSwitchAllWindows: {
        kilobytes: kilobytes(mean('switch', 'bytes')),
        historyKilobytes: kilobytes(mean('switch', 'historyBytes')),
        historyPoints: Math.round(mean('switch', 'historyPoints')),
        topics: Math.round(mean('switch', 'topics')),
        topicsWithHistory: Math.round(mean('switch', 'topicsWithHistory')),
      },
      referenceAllWindows: { kilobytes: kilobytes(mean('reference', 'bytes')) },
      periods: periods.map((period) => ({
        ...period,
        windows: Object.fromEntries(
          Object.entries(period.windows).map(([id, received]) => [
            id,
            {
              kilobytes: kilobytes(received.bytes),
              historyPoints: received.historyPoints,
              topics: received.topics,
              topicsWithHistory: received.topicsWithHistory,
            },
          ]),
        ),
      })),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    core.close();
    await browser.close();
    await host.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
