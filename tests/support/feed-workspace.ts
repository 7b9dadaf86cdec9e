// A private copy of the demo workspace whose rain and tide indicators come from a test's own feed server
// (with a short staleness limit), and whose left display shows every vital-sign widget kind.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/demo');

export interface FeedWorkspace {
  readonly directory: string;
  remove(): Promise<void>;
}

export interface FeedWorkspaceOptions {
  /** ws:// URL of the Tianmu feed server that owns `rain-1h` and `tide-bund`. */
  feedUrl: string;
  staleAfterSeconds: number;
}

export async function createFeedWorkspace(options: FeedWorkspaceOptions): Promise<FeedWorkspace> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-feed-workspace-'));
  // Without users.json: the console is the local administrator (loopback), as before sign-in existed.
  await cp(demo, directory, { recursive: true, filter: (source) => path.basename(source) !== 'users.json' });
  const owned = ['rain-1h', 'tide-bund'];

  const catalogue = JSON.parse(await readFile(path.join(directory, 'indicators.json'), 'utf8'));
  for (const indicator of catalogue.indicators) {
    if (owned.includes(indicator.id)) indicator.staleAfterSeconds = options.staleAfterSeconds;
  }
  await writeFile(path.join(directory, 'indicators.json'), JSON.stringify(catalogue, null, 2));

  await writeFile(
    path.join(directory, 'sources.json'),
    JSON.stringify({
      sources: [
        {
          id: 'test-feed',
          name: { zh: '测试水文数据', en: 'Test hydrology feed' },
          kind: 'tianmu-ws',
          url: options.feedUrl,
          heartbeatTimeoutMs: 1_500,
          backoff: { initialMs: 200, maxMs: 800 },
        },
        { id: 'demo', kind: 'demo', exclude: owned, incidents: false },
      ],
    }),
  );

  const daily = JSON.parse(await readFile(path.join(directory, 'scenarios/daily.json'), 'utf8'));
  daily.displays.left = {
    layout: { rows: 2, columns: 2, merges: [] },
    cells: [
      { kind: 'vitals.kpi', options: { indicatorIds: ['rain-1h', 'tide-bund', 'aqi'], title: '城市体征' } },
      { kind: 'warnings.board', options: { limit: 8 } },
      { kind: 'vitals.gauge', options: { indicatorId: 'rain-1h' } },
      { kind: 'vitals.trend', options: { indicatorIds: ['rain-1h'], minutes: 5 } },
    ],
  };
  daily.displays.right = {
    layout: { rows: 1, columns: 2, merges: [] },
    cells: [
      {
        kind: 'vitals.ranking',
        options: {
          indicatorIds: ['hotline-12345', 'grid-work-orders', 'elevator-entrapments'],
          title: '民生工单',
        },
      },
      { kind: 'clock', options: { showDate: true } },
    ],
  };
  await writeFile(path.join(directory, 'scenarios/daily.json'), JSON.stringify(daily, null, 2));
  return { directory, remove: () => rm(directory, { recursive: true, force: true }) };
}
