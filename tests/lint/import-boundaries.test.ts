// The import rules of ARCHITECTURE.md are enforced by ESLint: a forbidden import fails `npm run lint`.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => /^(@typescript-eslint\/)?no-restricted-imports$/.test(message.ruleId ?? ''))
    .map((message) => message.message);
}

// The first lintText loads every plugin and parser (seconds on a busy two-core machine), hence the timeout.
describe('import boundaries', { timeout: 30_000 }, () => {
  it.each([
    [
      'electron/core/wall/example.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      /only electron\/main or electron\/preload/,
    ],
    [
      'shared/model/example.ts',
      "import { readFile } from 'node:fs';\nexport const x = readFile;\n",
      /no Node built-ins/,
    ],
    [
      'renderer/src/widgets/vitals-kpi/example.ts',
      "import Map from 'ol/Map';\nexport const x = Map;\n",
      /only renderer\/src\/map may import 'ol'/,
    ],
    [
      'renderer/src/wall/example.ts',
      "import mpegts from 'mpegts.js';\nexport const x = mpegts;\n",
      /only renderer\/src\/video/,
    ],
    [
      'renderer/src/console/example.ts',
      "import * as echarts from 'echarts';\nexport const x = echarts;\n",
      /only renderer\/src\/charts/,
    ],
    [
      'renderer/src/widgets/clock/example.ts',
      "import { useSessionStore } from '../../stores/session-store';\nexport const x = useSessionStore;\n",
      /composables, not stores/,
    ],
    [
      'renderer/src/widgets/clock/example.ts',
      "import { emptyKind } from '../empty/index';\nexport const x = emptyKind;\n",
      /never import each other/,
    ],
    [
      'renderer/src/video/example.ts',
      "import { FakeTilePlayer } from '../../../tests/support/renderer/fake-tile-player';\nexport const x = FakeTilePlayer;\n",
      /production code never imports tests\//,
    ],
    [
      'electron/core/feeds/example.ts',
      "import { TyphoonScript } from '../demo/world/typhoon-script';\nexport const x = TyphoonScript;\n",
      /only the composition root \(electron\/core\/index.ts\) imports core\/demo/,
    ],
    [
      'electron/core/server/example.ts',
      "import type { MediaServer } from '../demo/media/media-server';\nexport type X = MediaServer;\n",
      /only the composition root \(electron\/core\/index.ts\) imports core\/demo/,
    ],
  ])('%s: a forbidden import is an error', async (filePath, code, expected) => {
    const errors = await importErrors(filePath, code);
    expect(errors.join('\n')).toMatch(expected);
  });

  it.each([
    ['electron/main/example.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['renderer/src/map/example.ts', "import Map from 'ol/Map';\nexport const x = Map;\n"],
    ['renderer/src/video/example.ts', "import mpegts from 'mpegts.js';\nexport const x = mpegts;\n"],
    [
      'renderer/src/charts/example.ts',
      "import * as echarts from 'echarts/core';\nexport const x = echarts;\n",
    ],
    [
      'renderer/src/widgets/clock/example.ts',
      "import { useNow } from '../../data/use-now';\nexport const x = useNow;\n",
    ],
    [
      'renderer/src/video/example.test.ts',
      "import { FakeTilePlayer } from '../../../tests/support/renderer/fake-tile-player';\nexport const x = FakeTilePlayer;\n",
    ],
    [
      'electron/core/index.ts',
      "import { createDemoWorld } from './demo/start-demo-world';\nexport const x = createDemoWorld;\n",
    ],
    [
      'electron/core/demo/world/example.ts',
      "import type { SourceSink } from '../../feeds/source-sink';\nexport type X = SourceSink;\n",
    ],
  ])('%s: an allowed import passes', async (filePath, code) => {
    expect(await importErrors(filePath, code)).toEqual([]);
  });
});
