// MQTT brokers for tests: the embedded aedes broker (stoppable and restartable on one port) and Debian's
// mosquitto started as a child process with its own temporary configuration.
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Aedes } from 'aedes';

export interface TestBroker {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface AedesBroker extends TestBroker {
  readonly broker: Aedes;
  /** Listens again on the same port after `stop()`. */
  start(): Promise<void>;
}

export async function startAedes(): Promise<AedesBroker> {
  const broker = await Aedes.createBroker();
  let server: net.Server | undefined;
  let sockets = new Set<net.Socket>();
  let port = 0;
  const start = async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      broker.handle(socket);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  };
  await start();
  return {
    broker,
    get port() {
      return port;
    },
    get url() {
      return `mqtt://127.0.0.1:${port}`;
    },
    start,
    async stop() {
      for (const socket of sockets) socket.destroy();
      sockets = new Set();
      const current = server;
      server = undefined;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
}

export const mosquittoPath = '/usr/sbin/mosquitto';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts mosquitto in the foreground on 127.0.0.1; undefined when the binary is absent. */
export async function startMosquitto(): Promise<TestBroker | undefined> {
  if (!existsSync(mosquittoPath)) return undefined;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'tianmu-mosquitto-'));
  // Started as root, mosquitto switches to the `mosquitto` user: its files must be readable/writable by it.
  chmodSync(directory, 0o777);
  const port = await freePort();
  const config = path.join(directory, 'mosquitto.conf');
  writeFileSync(
    config,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', ''].join(
      '\n',
    ),
  );
  chmodSync(config, 0o644);
  const child: ChildProcess = spawn(mosquittoPath, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk) => (log += chunk));
  const deadline = Date.now() + 5_000;
  for (;;) {
    const isUp = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (isUp) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      rmSync(directory, { recursive: true, force: true });
      throw new Error(`mosquitto did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
