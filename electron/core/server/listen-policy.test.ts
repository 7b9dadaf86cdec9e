// Off loopback the core serves TLS or, only when told --insecure-lan, plain HTTP flagged on every screen.
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, listenPolicy, parseListenAddress } from './listen-policy';

describe('listenPolicy', () => {
  const offLoopback = ['0.0.0.0', '192.168.1.20', '10.0.0.5', '::', 'fe80::1', 'wall.example.cn'];
  const loopback = ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'];

  it.each(offLoopback)('refuses plain HTTP on %s, naming the flags that fix it', (address) => {
    const decision = listenPolicy({ address, tls: false, insecure: false });
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.reason).toContain(`on ${address} without TLS`);
      expect(decision.reason).toContain('--tls-cert');
      expect(decision.reason).toContain('--insecure-lan');
    }
  });

  it.each(offLoopback)('serves HTTPS on %s with a certificate', (address) => {
    expect(listenPolicy({ address, tls: true, insecure: false })).toEqual({
      ok: true,
      scheme: 'https',
      isInsecureLan: false,
    });
  });

  it.each(offLoopback)('serves plain HTTP on %s with --insecure-lan, flagged for the banner', (address) => {
    expect(listenPolicy({ address, tls: false, insecure: true })).toEqual({
      ok: true,
      scheme: 'http',
      isInsecureLan: true,
    });
  });

  it.each(loopback)('serves plain HTTP on loopback %s, unflagged', (address) => {
    expect(listenPolicy({ address, tls: false, insecure: false })).toEqual({
      ok: true,
      scheme: 'http',
      isInsecureLan: false,
    });
    expect(listenPolicy({ address, tls: true, insecure: false })).toMatchObject({ scheme: 'https' });
  });

  it('does not take look-alike names for loopback', () => {
    expect(isLoopbackHost('localhost.evil.example')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    expect(isLoopbackHost('::2')).toBe(false);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('[::1]')).toBe(true);
  });
});

describe('parseListenAddress', () => {
  it('reads IPv4, bracketed IPv6 and names with a port', () => {
    expect(parseListenAddress('0.0.0.0:7443')).toEqual({ host: '0.0.0.0', port: 7443 });
    expect(parseListenAddress('[::]:7443')).toEqual({ host: '::', port: 7443 });
    expect(parseListenAddress('192.168.1.20:443')).toEqual({ host: '192.168.1.20', port: 443 });
    expect(parseListenAddress('localhost:0')).toEqual({ host: 'localhost', port: 0 });
  });

  it('refuses a missing port, a bad port, unbracketed or bad IPv6, naming the field', () => {
    expect(() => parseListenAddress('0.0.0.0')).toThrow("--listen: '0.0.0.0' is not ADDRESS:PORT");
    expect(() => parseListenAddress('0.0.0.0:70000')).toThrow('no valid port');
    expect(() => parseListenAddress('::1:7300')).toThrow('is not ADDRESS:PORT');
    expect(() => parseListenAddress('[wall]:7300', 'server.listen')).toThrow(
      "server.listen: 'wall' is not an IPv6 address",
    );
  });
});
