// The serve command's server flags (--listen, --port, --tls-cert, --tls-key, --name, --insecure-lan) turned into
// the core's options; the listen policy itself (TLS off loopback) is the core's, server/listen-policy.ts.
import path from 'node:path';
import { parseListenAddress } from '../core/server/listen-policy';
import type { CoreOptions } from '../core/index';

/** The flags as parseArgs gives them. */
export interface ServeFlagValues {
  listen?: string | undefined;
  port?: string | undefined;
  'tls-cert'?: string | undefined;
  'tls-key'?: string | undefined;
  name?: string[] | undefined;
  'insecure-lan'?: boolean | undefined;
}

/** Port of `serve` on 127.0.0.1 when neither a flag nor the workspace's `server.listen` names one. */
export const defaultServePort = 7300;

export type ServeServerOptions = Pick<
  CoreOptions,
  'host' | 'port' | 'defaultPort' | 'tls' | 'names' | 'insecureLan'
>;

/**
 * Checks the flags' combinations and shapes; paths are resolved against `cwd`. Throws an Error naming the flag.
 * Without --listen or --port, the workspace's `server.listen` decides (else 127.0.0.1:7300).
 */
export function serveServerOptions(values: ServeFlagValues, cwd: string): ServeServerOptions {
  if (values.listen !== undefined && values.port !== undefined)
    throw new Error('give --listen ADDRESS:PORT or --port N, not both');
  const options: { -readonly [K in keyof ServeServerOptions]: ServeServerOptions[K] } = {
    defaultPort: defaultServePort,
  };
  if (values.listen !== undefined) {
    const { host, port } = parseListenAddress(values.listen, '--listen');
    options.host = host;
    options.port = port;
  } else if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d{1,5}$/.test(values.port) || port > 65_535)
      throw new Error(`--port: '${values.port}' is not a port`);
    options.host = '127.0.0.1';
    options.port = port;
  }
  const certificate = values['tls-cert'];
  const key = values['tls-key'];
  if ((certificate === undefined) !== (key === undefined))
    throw new Error('give both --tls-cert FILE and --tls-key FILE (the certificate and its private key)');
  if (certificate !== undefined && key !== undefined)
    options.tls = { certificateFile: path.resolve(cwd, certificate), keyFile: path.resolve(cwd, key) };
  if (values.name !== undefined && values.name.length > 0) {
    for (const name of values.name)
      if (!/^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$/.test(name))
        throw new Error(`--name: '${name}' is not a host name or an IP address`);
    options.names = values.name;
  }
  if (values['insecure-lan']) options.insecureLan = true;
  return options;
}
