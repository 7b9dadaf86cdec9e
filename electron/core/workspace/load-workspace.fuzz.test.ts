// Fuzz test of the workspace loader: the demo's files, each with one field mutated or the whole file replaced
// (deep nesting, not JSON, a BOM, huge numbers, special files), must load or be refused by a WorkspaceError
// that names the file and the field — never another error, never a stack overflow, never a hang. Seeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from './load-workspace';
import { WorkspaceError } from '../files/workspace-error';
import {
  deeplyNested,
  describePath,
  describeThrown,
  describeValue,
  mutated,
  valuePaths,
  withValueAt,
} from '../fuzz-values';

const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/demo');
const seed = 20261207;
/** Longest one load may take; a normal load of the demo takes a few tens of milliseconds. */
const loadTimeoutMs = 5_000;

/** Optional files the demo does not have, written valid so that they are fuzzed too. */
const optionalFiles: Record<string, unknown> = {
  'sources.json': { sources: [{ id: 'demo', kind: 'demo' }] },
  'basemaps.json': {
    default: 'tianditu-vec',
    baseMaps: [
      {
        id: 'tianditu-vec',
        type: 'wmts',
        name: { zh: '天地图矢量', en: 'Tianditu' },
        crs: 'cgcs2000',
        url: 'https://t{0-7}.tianditu.gov.cn/vec_w/wmts?tk={token}',
        layer: 'vec',
        matrixSet: 'w',
        tokenEnv: 'TIANMU_TIANDITU_TOKEN',
      },
    ],
  },
};

/** Values put at some places of every file. */
const sharpValues: readonly unknown[] = [
  deeplyNested(2_000, 'array'),
  deeplyNested(2_000, 'object'),
  1e308,
  -1e308,
  8.64e15,
  -0,
  'constructor',
  '__proto__',
  'con',
  '',
  '../../etc/passwd',
  null,
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

/** Whole-file replacements: text that is not the file at all, or is it in a form a careless editor leaves. */
function replacements(original: string): Array<{ text: string; description: string; isWholeFile: true }> {
  const nested = (depth: number, open: string, close: string) =>
    open.repeat(depth) + '0' + close.repeat(depth);
  const cases: Array<[string, string]> = [
    [nested(2_000, '[', ']'), 'array nested 2,000 levels'],
    [nested(100_000, '[', ']'), 'array nested 100,000 levels'],
    [nested(2_000, '{"a":', '}'), 'object nested 2,000 levels'],
    ['', 'empty'],
    ['not json', 'not JSON'],
    [original.slice(0, original.length / 2), 'cut in half'],
    ['\u0000\u0001\u00ff\u0002', 'binary'],
    ['\ufeff' + original, 'a UTF-8 BOM before the original'],
    ['1e999', '1e999 (Infinity)'],
    ['null', 'null'],
    ['[]', 'an array'],
    [original.replace(/(:\s*)-?\d+(\.\d+)?/, '$11e999'), 'first number → 1e999'],
    [
      original.replace(/^\s*\{/, '{"__proto__": {"polluted": true}, "constructor": 1,'),
      '__proto__ key first',
    ],
  ];
  return cases.map(([text, description]) => ({ text, description, isWholeFile: true }));
}

interface Case {
  readonly file: string;
  readonly text: string;
  readonly description: string;
  /** True when the file is not valid JSON of its own shape at all: then '' is a fair field. */
  readonly isWholeFile: boolean;
}

describe('workspace loader fuzz: the demo with one file mutated', () => {
  let directory: string;
  const originals = new Map<string, string>();
  const failures: string[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-workspace-fuzz-'));
    await cp(demo, directory, { recursive: true });
    for (const [file, content] of Object.entries(optionalFiles))
      await writeFile(path.join(directory, file), JSON.stringify(content, null, 2));
    const scenarios = (await readdir(path.join(directory, 'scenarios'))).map((name) => `scenarios/${name}`);
    for (const file of [
      'workspace.json',
      'wall.json',
      'cameras.json',
      'platforms.json',
      'indicators.json',
      'district.geojson',
      ...Object.keys(optionalFiles),
      ...scenarios,
    ])
      originals.set(file, await readFile(path.join(directory, file), 'utf8'));
    // The untouched copy loads: every refusal below comes from the one mutation.
    await loadWorkspace(directory);
  });

  afterAll(() => rm(directory, { recursive: true, force: true }));

  /** Loads with `file` replaced by `text`, puts the original back, and notes what went wrong, if anything. */
  async function check(testCase: Case): Promise<void> {
    const target = path.join(directory, testCase.file);
    await writeFile(target, testCase.text);
    try {
      const outcome = await settle(() => loadWorkspace(directory));
      const problem =
        outcome === 'timeout' ? `no answer within ${loadTimeoutMs} ms` : refusalProblem(testCase, outcome);
      if (problem) failures.push(`${testCase.file}: ${testCase.description} → ${problem}`);
    } finally {
      await writeFile(target, originals.get(testCase.file)!);
    }
  }

  /** What is wrong with how one load ended: only success or a WorkspaceError naming file and field will do. */
  function refusalProblem(testCase: Case, outcome: { error?: unknown }): string | null {
    if (!('error' in outcome)) return null;
    const error = outcome.error;
    if (!(error instanceof WorkspaceError)) return describeThrown(error);
    if (!originals.has(error.file) && !error.file.startsWith('scenarios/'))
      return `WorkspaceError names no workspace file: ${error.message.slice(0, 160)}`;
    if (!error.message.startsWith(error.file))
      return `message does not start with the file: ${error.message}`;
    if (error.message.includes(directory))
      return `message names the absolute path: ${error.message.slice(0, 160)}`;
    if (error.problem.trim() === '') return `WorkspaceError without a problem: ${error.message}`;
    if (!testCase.isWholeFile && error.field === '')
      return `WorkspaceError names no field: ${error.message.slice(0, 160)}`;
    if (testCase.text.startsWith('\ufeff') && !/BOM|byte.order.mark|U\+FEFF/i.test(error.problem))
      return `refused a BOM without naming it: ${JSON.stringify(error.message.slice(0, 120))}`;
    return null;
  }

  async function settle(load: () => Promise<unknown>): Promise<{ error?: unknown } | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        load().then(
          () => ({}),
          (error: unknown) => ({ error }),
        ),
        new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), loadTimeoutMs))),
      ]);
    } catch (error) {
      return { error };
    } finally {
      clearTimeout(timer);
    }
  }

  it('loads or refuses, naming file and field, every file with one field mutated or the whole file replaced', async () => {
    for (const [file, original] of originals) {
      for (const replacement of replacements(original)) await check({ file, ...replacement });
      const json = JSON.parse(original) as unknown;
      // The root is covered by the whole-file replacements above; two places inside each file besides.
      const places = fc.sample(fc.constantFrom(...valuePaths(json).slice(1)), { seed, numRuns: 2 });
      for (const place of places)
        for (const value of sharpValues)
          await check({
            file,
            text: JSON.stringify(withValueAt(json, place, value)),
            description: `${describePath(place)} = ${describeValue(value)}`,
            isWholeFile: false,
          });
      for (const { value, description } of fc.sample(mutated(json), { seed, numRuns: 8 }))
        await check({
          file,
          text: JSON.stringify(value) ?? 'undefined',
          description,
          isWholeFile: description.startsWith('(root) ='),
        });
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it.runIf(process.platform !== 'win32')(
    'refuses at once a workspace file that is a FIFO, without waiting for a writer',
    async () => {
      const cameras = path.join(directory, 'cameras.json');
      await rm(cameras);
      execFileSync('mkfifo', [cameras]);
      try {
        const outcome = await settle(() => loadWorkspace(directory));
        expect(outcome).not.toBe('timeout');
        expect((outcome as { error?: unknown }).error).toBeInstanceOf(WorkspaceError);
      } finally {
        // A reader blocked in open() gets its end of file once a writer comes and goes.
        const writer = await open(cameras, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
        await writer?.close();
        await rm(cameras);
        await writeFile(cameras, originals.get('cameras.json')!);
      }
    },
    3 * loadTimeoutMs,
  );

  it.runIf(process.platform !== 'win32')(
    'refuses a PMTiles base map that is a FIFO, without waiting for a writer',
    async () => {
      const catalogue = path.join(directory, 'basemaps.json');
      const tiles = path.join(directory, 'maps/fifo.pmtiles');
      await mkdir(path.dirname(tiles), { recursive: true });
      execFileSync('mkfifo', [tiles]);
      await writeFile(
        catalogue,
        JSON.stringify({
          default: 'local',
          baseMaps: [
            {
              id: 'local',
              type: 'pmtiles',
              name: { zh: '本地', en: 'Local' },
              crs: 'gcj02',
              file: 'maps/fifo.pmtiles',
            },
          ],
        }),
      );
      try {
        const outcome = await settle(() => loadWorkspace(directory));
        expect(outcome).not.toBe('timeout');
        expect((outcome as { error?: unknown }).error).toBeInstanceOf(WorkspaceError);
      } finally {
        const writer = await open(tiles, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
        await writer?.close();
        await rm(tiles);
        await writeFile(catalogue, originals.get('basemaps.json')!);
      }
    },
    3 * loadTimeoutMs,
  );
});
