// Syslog forwarding against real collectors started here: RFC 5424 messages in octet-counting frames over TCP and
// TLS, delivered after the collector comes back, and a bounded queue while it is away.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { Journal } from './journal';
import { SyslogForwarder, formatSyslogMessage } from './syslog-forwarder';
import type { JournalRecord } from '@shared/model/journal';

/** A collector: splits octet-counted frames and keeps each message. */
function collect(socket: net.Socket, messages: string[]): void {
  let buffer = Buffer.alloc(0);
  socket.on('data', (data: Buffer) => {
    buffer = Buffer.concat([buffer, data]);
    for (;;) {
      const space = buffer.indexOf(0x20);
      if (space === -1) return;
      const length = Number(buffer.subarray(0, space).toString('latin1'));
      if (buffer.length < space + 1 + length) return;
      messages.push(buffer.subarray(space + 1, space + 1 + length).toString('utf8'));
      buffer = buffer.subarray(space + 1 + length);
    }
  });
}

/** RFC 5424: PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG. */
const rfc5424 =
  /^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z) ([\x21-\x7e]{1,255}) ([\x21-\x7e]{1,48}) ([\x21-\x7e]{1,128}) ([\x21-\x7e]{1,32}) (\[[^\]]*\]) \uFEFF(.*)$/su;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: net.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as net.AddressInfo).port;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function journalWith(forwarder: SyslogForwarder): Promise<Journal> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'tianmu-journal-syslog-'));
  const journal = await Journal.open({ stateDir, forwarder, log: () => undefined });
  cleanups.push(async () => {
    await journal.close();
    await rm(stateDir, { recursive: true, force: true });
  });
  return journal;
}

const refusal = {
  actor: { userId: 'street-a-operator', role: 'operator', address: '10.0.0.7' },
  action: 'refused' as const,
  target: { kind: 'camera', id: 'cam-0042' },
  result: 'refused' as const,
  reason: '无权限: cam-0042 不在 "街道A" 的区域内',
};

describe('SyslogForwarder', () => {
  it('delivers each record as a parseable RFC 5424 frame over TCP', async () => {
    const messages: string[] = [];
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => (sockets.push(socket), collect(socket, messages)));
    const port = await listen(server);
    const forwarder = new SyslogForwarder({
      host: '127.0.0.1',
      port,
      protocol: 'tcp',
      hostname: 'wall-pc-1',
    });
    const journal = await journalWith(forwarder);
    const stored = await journal.append(refusal);
    await journal.append({
      ...refusal,
      action: 'login',
      result: 'ok',
      reason: undefined,
      target: { kind: 'session' },
    });
    await until(() => messages.length === 2);
    for (const socket of sockets) cleanups.push(() => void socket.destroy());

    const match = rfc5424.exec(messages[0]!)!;
    expect(match).not.toBeNull();
    // facility 13 (log audit) × 8 + severity 4 (warning) for a refusal; 6 (informational) for ok
    expect(match[1]).toBe('108');
    expect(rfc5424.exec(messages[1]!)![1]).toBe('110');
    expect(match.slice(2, 7)).toEqual([stored.ts, 'wall-pc-1', 'tianmu', String(process.pid), 'refused']);
    expect(match[7]).toBe(
      `[tianmu@32473 seq="1" hash="${stored.hash}" result="refused" user="street-a-operator"]`,
    );
    expect(JSON.parse(match[8]!)).toEqual(stored);
  });

  it('escapes quotes, backslashes and brackets in structured data', () => {
    const record = {
      seq: 1,
      ts: '2026-12-01T00:00:00.000Z',
      action: 'login',
      result: 'ok',
      hash: 'f'.repeat(64),
      actor: { userId: 'a"b\\c]d' },
    } as JournalRecord;
    expect(formatSyslogMessage(record, '{}', { hostname: 'h' })).toContain('user="a\\"b\\\\c\\]d"]');
  });

  it('queues while the collector is down and delivers in order once it listens', async () => {
    const probe = net.createServer();
    const port = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    cleanups.pop();
    const forwarder = new SyslogForwarder({
      host: '127.0.0.1',
      port,
      protocol: 'tcp',
      reconnectMs: { first: 20, last: 100 },
    });
    const journal = await journalWith(forwarder);
    for (let index = 0; index < 5; index++) await journal.append(refusal);
    expect(forwarder.queued).toBe(5);

    const messages: string[] = [];
    const server = net.createServer((socket) => {
      cleanups.push(() => void socket.destroy());
      collect(socket, messages);
    });
    await listen(server, port);
    await until(() => messages.length === 5);
    expect(messages.map((message) => /seq="(\d+)"/.exec(message)![1])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('keeps only the newest messages when the queue is full, counting the dropped', async () => {
    const forwarder = new SyslogForwarder({
      host: '127.0.0.1',
      port: 9,
      protocol: 'tcp',
      queueLimit: 3,
      reconnectMs: { first: 60_000, last: 60_000 },
    });
    const journal = await journalWith(forwarder);
    for (let index = 0; index < 5; index++) await journal.append(refusal);
    expect({ queued: forwarder.queued, dropped: forwarder.stats.dropped }).toEqual({ queued: 3, dropped: 2 });
  });

  it('delivers over TLS to a collector with its own certificate', async (context) => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'tianmu-syslog-tls-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=collector.test',
          '-addext',
          'subjectAltName=DNS:collector.test',
          '-keyout',
          path.join(directory, 'key.pem'),
          '-out',
          path.join(directory, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
    } catch {
      context.skip('openssl is not installed');
    }
    const [key, cert] = await Promise.all([
      readFile(path.join(directory, 'key.pem')),
      readFile(path.join(directory, 'cert.pem')),
    ]);
    const messages: string[] = [];
    const server = tls.createServer({ key, cert }, (socket) => {
      cleanups.push(() => void socket.destroy());
      collect(socket, messages);
    });
    const port = await listen(server);
    const forwarder = new SyslogForwarder({
      host: '127.0.0.1',
      port,
      protocol: 'tls',
      tls: { ca: cert, servername: 'collector.test' },
    });
    const journal = await journalWith(forwarder);
    const stored = await journal.append(refusal);
    await until(() => messages.length === 1);
    expect(JSON.parse(rfc5424.exec(messages[0]!)![8]!)).toEqual(stored);
  });
});
