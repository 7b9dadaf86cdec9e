// Journal bench (`npm run bench:journal`): appends per second with the promised durability (each append written
// and fdatasync'ed before it resolves), one at a time and in bursts, beside a bare write+fdatasync loop on the
// same disk; `verify` over 1,000,000 records beside a bare read-and-hash of the same files; and the p95 of a
// wall command with a journal append per command versus without, in the same run. Prints one JSON object.
import { mkdtemp, open, rm } from 'node:fs/promises';
import { hash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../../electron/core/index';
import { Journal } from '../../../electron/core/journal/journal';
import { verifyJournal } from '../../../electron/core/journal/verify-journal';
import { journalDirectory, listDayFiles } from '../../../electron/core/journal/journal-files';
import { forEachLine } from '../../../electron/core/journal/read-lines';
import type { JournalInput } from '../../../shared/model/journal';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sequentialCount = Number(process.env.BENCH_SEQUENTIAL ?? 1_000);
const burstSize = Number(process.env.BENCH_BURST ?? 100);
const burstCount = Number(process.env.BENCH_BURSTS ?? 100);
const verifyRecords = Number(process.env.BENCH_VERIFY_RECORDS ?? 1_000_000);
const commandRounds = Number(process.env.BENCH_COMMANDS ?? 500);

/** Nearest-rank percentile of unsorted samples. */
function percentile(samples: readonly number[], share: number): number {
  const sorted = [...samples].sort((first, second) => first - second);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

const record = (index: number): JournalInput => ({
  actor: { userId: `operator-${index % 12}`, role: 'operator', window: 'console', address: '127.0.0.1' },
  action: index % 4 === 0 ? 'camera.viewed' : 'command',
  target:
    index % 4 === 0
      ? { kind: 'camera', id: `cam-${String(index % 240).padStart(4, '0')}` }
      : { kind: 'wall', id: 'left' },
  result: 'ok',
  ...(index % 4 === 0
    ? { period: { from: '2026-12-01T08:00:00.000Z', to: '2026-12-01T08:05:00.000Z' } }
    : {}),
  detail: { command: { type: 'cell.assign', displayId: 'left', cellIndex: index % 16 } },
});

async function temporary(name: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `tianmu-bench-journal-${name}-`));
}

/**
 * Sequential appends beside the floor measured in the same blocks: one ~300-byte line written and fdatasync'ed
 * at a time on the same disk, no journal. Blocks alternate, so both see the same load from other work.
 */
async function sequentialRates() {
  const directory = await temporary('append');
  const journal = await Journal.open({ stateDir: directory, log: () => undefined });
  const bare = await open(path.join(directory, 'bare.log'), 'a');
  const line = Buffer.from(`${'x'.repeat(299)}\n`);
  const samples = { journal: [] as number[], bare: [] as number[] };
  const seconds = { journal: 0, bare: 0 };
  const block = 50;
  for (let done = 0; done < sequentialCount; done += block) {
    let started = performance.now();
    for (let index = done; index < done + block; index++) {
      const before = performance.now();
      await journal.append(record(index));
      samples.journal.push(performance.now() - before);
    }
    seconds.journal += (performance.now() - started) / 1_000;
    started = performance.now();
    for (let index = 0; index < block; index++) {
      const before = performance.now();
      await bare.write(line, 0, line.length, null);
      await bare.datasync();
      samples.bare.push(performance.now() - before);
    }
    seconds.bare += (performance.now() - started) / 1_000;
  }
  await bare.close();
  await journal.close();
  await rm(directory, { recursive: true, force: true });
  const summary = (name: 'journal' | 'bare') => ({
    perSecond: round(samples[name].length / seconds[name], 0),
    p50Ms: round(percentile(samples[name], 0.5)),
    p95Ms: round(percentile(samples[name], 0.95)),
  });
  return {
    appends: samples.journal.length,
    journal: summary('journal'),
    bareWriteAndFdatasync: summary('bare'),
  };
}

/** Bursts of appends made together: group commit writes each burst with one write and one fdatasync. */
async function burstRates() {
  const directory = await temporary('burst');
  const journal = await Journal.open({ stateDir: directory, log: () => undefined });
  const burstSamples: number[] = [];
  const started = performance.now();
  for (let burst = 0; burst < burstCount; burst++) {
    const before = performance.now();
    await Promise.all(
      Array.from({ length: burstSize }, (_, index) => journal.append(record(burst * burstSize + index))),
    );
    burstSamples.push(performance.now() - before);
  }
  const seconds = (performance.now() - started) / 1_000;
  const batches = journal.stats.batches;
  await journal.close();
  await rm(directory, { recursive: true, force: true });
  return {
    appends: burstSize * burstCount,
    burstSize,
    perSecond: round((burstSize * burstCount) / seconds, 0),
    fdatasyncsPerBurst: round(batches / burstCount),
    p95BurstMs: round(percentile(burstSamples, 0.95)),
  };
}

/** Reference for verify: stream the same files and hash every line, with no chain logic. */
async function bareReadAndHash(stateDir: string): Promise<number> {
  let lines = 0;
  for (const file of await listDayFiles(stateDir))
    await forEachLine(path.join(journalDirectory(stateDir), file), (line) => {
      hash('sha256', line.bytes, 'hex');
      lines++;
    });
  return lines;
}

async function verifyRate() {
  const directory = await temporary('verify');
  const clock = { ms: Date.UTC(2026, 5, 1) };
  const journal = await Journal.open({ stateDir: directory, now: () => clock.ms, log: () => undefined });
  const writeStarted = performance.now();
  const chunk = 10_000;
  for (let written = 0; written < verifyRecords; written += chunk) {
    clock.ms += 3_600_000; // spread over days: the chain crosses many day files
    await Promise.all(
      Array.from({ length: Math.min(chunk, verifyRecords - written) }, (_, index) =>
        journal.append(record(written + index)),
      ),
    );
  }
  await journal.close();
  const writeSeconds = (performance.now() - writeStarted) / 1_000;
  // Three alternating rounds of each, the median kept: the machine's load changes between single runs.
  const rates = { verify: [] as number[], bare: [] as number[] };
  let result = await verifyJournal(directory);
  let bareLines = 0;
  for (let round = 0; round < 3; round++) {
    let started = performance.now();
    result = await verifyJournal(directory);
    rates.verify.push(result.records / ((performance.now() - started) / 1_000));
    started = performance.now();
    bareLines = await bareReadAndHash(directory);
    rates.bare.push(bareLines / ((performance.now() - started) / 1_000));
  }
  await rm(directory, { recursive: true, force: true });
  if (!result.ok || result.records !== verifyRecords || bareLines !== verifyRecords)
    throw new Error(`verify did not pass the bench journal: ${JSON.stringify(result.problem)}`);
  return {
    records: result.records,
    files: result.files.length,
    recordsPerSecond: round(percentile(rates.verify, 0.5), 0),
    bareReadAndHashPerSecond: round(percentile(rates.bare, 0.5), 0),
    shareOfBare: round(percentile(rates.verify, 0.5) / percentile(rates.bare, 0.5)),
    writtenInBurstsOf10000PerSecond: round(verifyRecords / writeSeconds, 0),
  };
}

/**
 * p50 and p95 of `wall.command` through a session of the core as wired: one core with its journal off, one with
 * it on (each command answered once its state and its `command` record are durable — the record written while
 * the state is saved; the `scenario.switched` record is not awaited), commands alternating between the two in
 * one run. 500 per core by default: at 200 the p95 is the 10th-slowest command and swings with other disk work.
 */
async function commandLatency() {
  const start = async (isJournalOff: boolean) => {
    const stateDir = await temporary(isJournalOff ? 'core-off' : 'core-on');
    const core = await createCore(path.join(root, 'resources/demo'), {
      clipsDir: path.join(root, 'resources/media/clips'),
      accessToken: null,
      consoleUser: 'operator',
      isJournalOff,
      stateDir,
      extraMediaPorts: 0,
      log: () => undefined,
    });
    return { core, stateDir, session: core.connect(() => undefined) };
  };
  const cores = { off: await start(true), on: await start(false) };
  const scenarios = ['fire', 'daily'];
  const samples = { off: [] as number[], on: [] as number[] };
  const modes = ['off', 'on'] as const;
  try {
    for (let index = 0; index < 10; index++)
      for (const mode of modes)
        await cores[mode].session.request('wall.command', {
          command: { type: 'scenario.activate', scenarioId: scenarios[index % 2] },
        });
    // Rounds alternate which core goes first, so neither always follows the other's disk writes.
    for (let round = 0; round < commandRounds; round++)
      for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) {
        const command = { type: 'scenario.activate', scenarioId: scenarios[round % 2]! };
        const before = performance.now();
        await cores[mode].session.request('wall.command', { command });
        samples[mode].push(performance.now() - before);
      }
  } finally {
    for (const { core, session, stateDir } of Object.values(cores)) {
      session.close();
      await core.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  }
  const at = (mode: (typeof modes)[number], share: number) => round(percentile(samples[mode], share));
  return {
    commandsPerMode: commandRounds,
    p50MsWithoutJournal: at('off', 0.5),
    p50MsWithJournal: at('on', 0.5),
    p95MsWithoutJournal: at('off', 0.95),
    p95MsWithJournal: at('on', 0.95),
    ratio: round(at('on', 0.95) / at('off', 0.95)),
    p50Ratio: round(at('on', 0.5) / at('off', 0.5)),
  };
}

async function main(): Promise<void> {
  process.stderr.write('sequential appends beside bare write+fdatasync…\n');
  const sequential = await sequentialRates();
  process.stderr.write('bursts…\n');
  const bursts = await burstRates();
  process.stderr.write(`verify over ${verifyRecords} records…\n`);
  const verify = await verifyRate();
  process.stderr.write('wall commands with and without the journal…\n');
  const commands = await commandLatency();
  const result = {
    durability:
      "an append resolves after its line is written and fdatasync'ed; appends arriving together share one write + fdatasync",
    appends: {
      sequential: {
        ...sequential,
        journalShareOfBare: round(sequential.journal.perSecond / sequential.bareWriteAndFdatasync.perSecond),
      },
      bursts,
    },
    verify,
    commands,
    targets: {
      verifyAtLeast200000PerSecond: verify.recordsPerSecond >= 200_000,
      commandP95AtMost1_2x: commands.ratio <= 1.2,
    },
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      loadAverage: os.loadavg().map((load) => round(load)),
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
