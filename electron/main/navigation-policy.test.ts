import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decidePermission,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isOwnCertificate,
} from './navigation-policy';

const app = 'http://127.0.0.1:4310';

describe('isAllowedNavigation', () => {
  it.each([
    ['http://127.0.0.1:4310/#/wall/left', true],
    ['http://127.0.0.1:4310/', true],
    ['http://127.0.0.1:4310/index.html?x=1', true],
    ['http://127.0.0.1:4311/', false],
    ['https://127.0.0.1:4310/', false],
    ['http://localhost:4310/', false],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<h1>x</h1>', false],
    ['javascript:alert(1)', false],
    ['about:blank', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url, app)).toBe(allowed);
  });

  it('accepts the app origin written with a trailing slash', () => {
    expect(isAllowedNavigation('http://127.0.0.1:4310/#/console', `${app}/`)).toBe(true);
  });
});

describe('isAllowedExternalUrl', () => {
  const hosts = ['docs.example.cn', 'portal.example.cn:8443'];
  it.each([
    ['https://docs.example.cn/manual', true],
    ['https://DOCS.example.cn/manual', true],
    ['https://portal.example.cn:8443/x', true],
    ['https://portal.example.cn/x', false],
    ['http://docs.example.cn/manual', false],
    ['https://evil.docs.example.cn/', false],
    ['https://docs.example.cn.evil.com/', false],
    ['https://user:pass@docs.example.cn/', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['ms-settings:', false],
    ['nonsense', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(allowed);
  });

  it('allows nothing with an empty list', () => {
    expect(isAllowedExternalUrl('https://docs.example.cn/', [])).toBe(false);
  });
});

describe('decidePermission', () => {
  it('grants fullscreen to the app origin only', () => {
    expect(decidePermission('fullscreen', app, app)).toBe(true);
    expect(decidePermission('fullscreen', `${app}/#/console`, app)).toBe(true);
    expect(decidePermission('fullscreen', 'https://example.com', app)).toBe(false);
    expect(decidePermission('fullscreen', '', app)).toBe(false);
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'clipboard-read',
    'hid',
    'unknown',
    'display-capture',
  ])('denies %s even to the app', (permission) => {
    expect(decidePermission(permission, app, app)).toBe(false);
  });
});

describe('isOwnCertificate', () => {
  const fixtures = fileURLToPath(new URL('../../tests/fixtures/tls', import.meta.url));
  const own = readFileSync(path.join(fixtures, 'certificate.pem'), 'utf8');
  const other = readFileSync(path.join(fixtures, 'other-certificate.pem'), 'utf8');
  const ownFingerprint = new X509Certificate(own).fingerprint256.replaceAll(':', '').toLowerCase();

  it('accepts exactly the core’s certificate (a window opening the core by 127.0.0.1 under TLS)', () => {
    expect(isOwnCertificate(own, ownFingerprint)).toBe(true);
    expect(isOwnCertificate(own, ownFingerprint.toUpperCase())).toBe(true);
  });

  it('refuses any other certificate for the same address, garbage, and everything without TLS', () => {
    expect(isOwnCertificate(other, ownFingerprint)).toBe(false);
    expect(isOwnCertificate('not a certificate', ownFingerprint)).toBe(false);
    expect(isOwnCertificate('', ownFingerprint)).toBe(false);
    expect(isOwnCertificate(own, null)).toBe(false);
  });
});
