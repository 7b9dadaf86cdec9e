// Fuzz test of every protocol request on a real core: generated and mutated params must each get a valid result
// or a clear refusal, refused commands must leave the wall as it was, and the core must stay up, bounded, and
// able to start again on what it saved. Seeded: the same cases every run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ProtocolError, requestSchemas, type RequestName, type ProtocolErrorCode } from '@shared/protocol';
import { scenarioPackFormat } from '@shared/model/scenario-pack';
import { createCore, type Core, type CoreSession } from './index';
import { validExamples, type Examples } from './protocol-examples';
import { loadWorkspace } from './workspace/load-workspace';
import {
  badValue,
  deeplyNested,
  describePath,
  describeThrown,
  describeValue,
  mutated,
  oddIds,
  valuePaths,
  withValueAt,
} from './fuzz-values';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seed = 20261207;
/** Longest a request may take to settle; far above any real answer, so only a hang reaches it. */
const requestTimeoutMs = 5_000;
const refusalCodes: readonly ProtocolErrorCode[] = [
  'bad-request',
  'unknown-request',
  'not-found',
  'rejected',
  'unsupported',
];
/** Windows refuses these as file names (any case, any extension): an id that becomes a file must not be one. */
const windowsDeviceName = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** Values put at every place of every valid example, besides the random ones. */
const sharpValues: readonly unknown[] = [
  deeplyNested(1_900, 'array'),
  deeplyNested(1_500, 'array'),
  deeplyNested(1_200, 'array'),
  deeplyNested(800, 'array'),
  deeplyNested(1_900, 'object'),
  1e308,
  -1e308,
  8.64e15,
  -0,
  Number.NaN,
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'con',
  '',
  'x'.repeat(100_000),
  '../../etc/passwd',
  null,
  undefined,
  [],
  JSON.parse('{"__proto__": {"polluted": true}}'),
];

/** One request that did not end as it must: which request, with what, and what happened. */
interface Failure {
  readonly request: string;
  readonly input: string;
  readonly outcome: string;
}

describe('protocol fuzz: every request, generated and mutated params', () => {
  let base: string;
  let workspaceDir: string;
  let stateDir: string;
  let core: Core;
  let examples: Examples;
  let packScenario: Record<string, unknown>;
  const failures: Failure[] = [];
  const uncaught: string[] = [];
  /** Listeners each topic had before the fuzz first asked for it (the core's own level watcher is one). */
  const topicsAsked = new Map<string, number>();
  const collectGarbage = exposedGc();
  let heapBefore = 0;
  const onUncaught = (error: unknown) =>
    uncaught.push(`uncaught: ${String((error as Error)?.stack ?? error)}`);
  const onRejection = (error: unknown) =>
    uncaught.push(`unhandled rejection: ${String((error as Error)?.stack ?? error)}`);

  const start = () =>
    createCore(workspaceDir, {
      clipsDir: path.join(root, 'resources/media/clips'),
      accessToken: null,
      // Every in-process session is the console, signed in as the demo's admin by its start ticket.
      consoleUser: 'admin',
      stateDir,
      extraMediaPorts: 0,
      log: () => undefined,
    });

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onRejection);
    base = await mkdtemp(path.join(os.tmpdir(), 'tianmu-fuzz-'));
    workspaceDir = path.join(base, 'workspace');
    stateDir = path.join(base, 'state');
    await cp(path.join(root, 'resources/demo'), workspaceDir, { recursive: true });
    // A scenario whose file is not named after its id, as a workspace may have: an import must never take its file.
    await rename(
      path.join(workspaceDir, 'scenarios/major-event.json'),
      path.join(workspaceDir, 'scenarios/event.json'),
    );
    core = await start();
    const session = core.connect(() => undefined);
    const incidentId = await firstIncidentId(session);
    const exported = (await session.request('scenario.exportPack', { scenarioIds: ['daily'] })) as {
      pack: { scenarios: Record<string, unknown>[] };
    };
    packScenario = { ...exported.pack.scenarios[0]!, id: 'fuzz-imported' };
    const packText = JSON.stringify({ ...exported.pack, scenarios: [packScenario] });
    session.close();
    examples = validExamples({ incidentId, packText });
    collectGarbage();
    heapBefore = process.memoryUsage().heapUsed;
  }, 30_000);

  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onRejection);
    await core?.close().catch(() => undefined);
    await rm(base, { recursive: true, force: true });
  });

  /** Sends one request and returns what went wrong, or null when it ended as it must. */
  async function check(session: CoreSession, name: string, params: unknown): Promise<string | null> {
    const hashBefore = core.wall.stateHash;
    const topics = (params as { topics?: unknown })?.topics;
    if (name === 'topic.subscribe' && Array.isArray(topics))
      for (const topic of topics)
        if (typeof topic === 'string' && !topicsAsked.has(topic))
          topicsAsked.set(topic, core.hub.subscriberCount(topic));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), requestTimeoutMs);
    });
    let settled: { result: unknown } | { error: unknown } | 'timeout';
    try {
      settled = await Promise.race([
        session.request(name, params).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        ),
        timeout,
      ]);
    } catch (error) {
      settled = { error }; // thrown synchronously
    } finally {
      clearTimeout(timer);
    }
    if (settled === 'timeout') return `no answer within ${requestTimeoutMs} ms`;
    if ('error' in settled) {
      const problem = refusalProblem(settled.error);
      const isHashChanged = name === 'wall.command' && core.wall.stateHash !== hashBefore;
      if (problem) return isHashChanged ? `${problem}; and the wall state hash changed` : problem;
      if (isHashChanged)
        return `refused (${(settled.error as Error).message}) but the wall state hash changed`;
      return null;
    }
    const schema = requestSchemas[name as RequestName]?.result;
    const parsed = schema?.safeParse(settled.result);
    if (!parsed?.success) return `result does not match its schema: ${parsed?.error.message.slice(0, 200)}`;
    return resultProblem(name, settled.result);
  }

  /** What is wrong with an error that answered a request: only a ProtocolError refusal is an answer. */
  function refusalProblem(error: unknown): string | null {
    if (!(error instanceof ProtocolError)) return describeThrown(error);
    if (!refusalCodes.includes(error.code))
      return `ProtocolError '${error.code}': ${error.message.slice(0, 160)}`;
    if (error.message.trim() === '') return `ProtocolError '${error.code}' with an empty message`;
    const serverPaths = [workspaceDir, stateDir, base, root, os.tmpdir() + path.sep, os.homedir() + path.sep];
    const leaked = serverPaths.find(
      (serverPath) => serverPath.length > 1 && error.message.includes(serverPath),
    );
    if (leaked) return `ProtocolError '${error.code}' names a server path: ${error.message.slice(0, 160)}`;
    return null;
  }

  /** Checks beyond the result schema that a fuzzed request cannot get around. */
  function resultProblem(name: string, result: unknown): string | null {
    if (name === 'topic.subscribe') {
      const topics = (result as { snapshots: { topic: string }[] }).snapshots.map(
        (snapshot) => snapshot.topic,
      );
      if (new Set(topics).size !== topics.length)
        return `answered ${topics.length} snapshots for ${new Set(topics).size} distinct topics`;
    }
    if (name === 'scenario.importPack') {
      const { imported, replaced } = result as { imported: string[]; replaced: string[] };
      const device = [...imported, ...replaced].find((id) => windowsDeviceName.test(id));
      if (device) return `imported scenario '${device}', a Windows device name as a file name`;
    }
    return null;
  }

  async function record(session: CoreSession, name: string, params: unknown, input: string): Promise<void> {
    const outcome = await check(session, name, params);
    if (outcome) failures.push({ request: name, input, outcome });
    if (name === 'scenario.importPack' && outcome === null) {
      const problem = await workspaceProblem();
      if (problem) failures.push({ request: name, input, outcome: problem });
    }
  }

  /** After an import: the workspace on disk still loads, with every scenario the core lists. */
  async function workspaceProblem(): Promise<string | null> {
    const listed = core.wall.scenarios.summaries().map((scenario) => scenario.id);
    try {
      const onDisk = new Set((await loadWorkspace(workspaceDir)).scenarios.map((scenario) => scenario.id));
      const lost = listed.filter((id) => !onDisk.has(id));
      return lost.length > 0 ? `scenario(s) ${lost.join(', ')} no longer on disk after the import` : null;
    } catch (error) {
      return `workspace no longer loads after the import: ${(error as Error).message.slice(0, 160)}`;
    }
  }

  function failuresOf(name: string): string[] {
    return grouped(failures.filter((failure) => failure.request === name));
  }

  it.each(Object.keys(requestSchemas))(
    '%s answers generated and mutated params with a valid result or a clear refusal',
    async (name) => {
      const session = core.connect(() => undefined);
      try {
        const valid = examples[name as RequestName] as readonly unknown[];
        expect(valid.length, `a valid example of ${name}`).toBeGreaterThan(0);
        for (const [index, example] of valid.entries()) {
          await record(session, name, example, `valid example ${index}`);
          for (const place of valuePaths(example))
            for (const value of sharpValues)
              await record(
                session,
                name,
                withValueAt(example, place, value),
                `example ${index}: ${describePath(place)} = ${describeValue(value)}`,
              );
        }
        const random = fc.oneof(
          badValue().map((value) => ({ value, description: `params = ${describeValue(value)}` })),
          fc.tuple(fc.constantFrom(...oddIds, 'command', 'topics', 'id'), badValue()).map(([key, value]) => ({
            value: { [key]: value },
            description: `params = { ${key}: ${describeValue(value)} }`,
          })),
        );
        for (const { value, description } of fc.sample(random, { seed, numRuns: 40 }))
          await record(session, name, value, description);
        for (const [index, example] of valid.entries())
          for (const { value, description } of fc.sample(mutated(example), {
            seed: seed + index,
            numRuns: 60,
          }))
            await record(session, name, value, `example ${index}: ${description}`);
      } finally {
        session.close();
      }
      expect(failuresOf(name)).toEqual([]);
    },
    60_000,
  );

  it('scenario.importPack refuses, or imports without losing a scenario, packs with one field mutated', async () => {
    const session = core.connect(() => undefined);
    const packOf = (scenario: unknown, replaceExisting = false) => ({
      text: JSON.stringify({
        format: scenarioPackFormat,
        exportedAt: '2026-12-07T00:00:00Z',
        scenarios: [scenario],
      }),
      replaceExisting,
    });
    try {
      // Ids that are file names already: the renamed scenario's file, every other file, and odd ids.
      for (const id of ['event', 'major-event', 'daily', 'fire', ...oddIds.filter((id) => id.length < 80)])
        for (const replaceExisting of [false, true])
          await record(
            session,
            'scenario.importPack',
            packOf({ ...packScenario, id }, replaceExisting),
            `pack scenario id = ${describeValue(id)}, replaceExisting ${replaceExisting}`,
          );
      for (const { value, description } of fc.sample(mutated(packScenario), { seed, numRuns: 80 }))
        await record(session, 'scenario.importPack', packOf(value), `pack scenarios.0: ${description}`);
    } finally {
      session.close();
    }
    expect(grouped(failures.filter((failure) => failure.input.startsWith('pack ')))).toEqual([]);
  }, 60_000);

  it('still answers, keeps no subscription or session of a closed window, and keeps its heap bounded', async () => {
    const session = core.connect(() => undefined);
    const hello = await session.request('session.hello', { role: 'console' });
    expect.soft(requestSchemas['session.hello'].result.safeParse(hello).success).toBe(true);
    const stats = (await session.request('feeds.stats', {})) as { sessions: unknown[] };
    session.close();
    // Every fuzz session was closed: only this one was open, and no topic kept a listener of theirs.
    expect.soft(stats.sessions).toHaveLength(1);
    const kept = [...topicsAsked].filter(([topic, before]) => core.hub.subscriberCount(topic) > before);
    expect.soft(kept.map(([topic]) => topic)).toEqual([]);
    collectGarbage();
    const growthMegabytes = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    expect.soft(growthMegabytes).toBeLessThan(64);
    expect.soft(uncaught).toEqual([]);
  });

  it('starts again on the workspace and state it saved, with the same wall state hash', async () => {
    const hash = core.wall.stateHash;
    await core.close();
    core = await start();
    expect(core.wall.stateHash).toBe(hash);
  }, 30_000);
});

/** `failures` as one line per distinct outcome of a request, with how often and the first input that caused it. */
function grouped(failures: readonly Failure[]): string[] {
  const groups = new Map<string, { count: number; input: string }>();
  for (const failure of failures) {
    const key = `${failure.request} → ${failure.outcome.replace(/\d{3,}/g, 'N')}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, input: failure.input });
  }
  return [...groups].map(([key, { count, input }]) => `${key} ×${count} (first: ${input})`);
}

/** The first demo incident's id (the demo raises some at start). */
async function firstIncidentId(session: CoreSession): Promise<string> {
  const { incidents } = (await session.request('incidents.list', {})) as { incidents: { id: string }[] };
  if (!incidents[0]) throw new Error('the demo raised no incident to fuzz incident requests with');
  return incidents[0].id;
}

/** Node's gc() without --expose-gc on the command line: vitest runs tests in a worker whose flags we do not set. */
function exposedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
}
