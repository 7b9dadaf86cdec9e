import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hardenSession, hardenWebContents, trustOwnCertificate } from './security';

const appOrigin = 'http://127.0.0.1:4310';

describe('hardenSession', () => {
  it('installs deny-by-default permission handlers', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: vi.fn((handler) => (handlers.request = handler)),
      setPermissionCheckHandler: vi.fn((handler) => (handlers.check = handler)),
      setDevicePermissionHandler: vi.fn((handler) => (handlers.device = handler)),
      setDisplayMediaRequestHandler: vi.fn((handler) => (handlers.displayMedia = handler)),
    };
    hardenSession(session as never, appOrigin);

    const request = handlers.request as unknown as (...args: unknown[]) => void;
    const answer = vi.fn();
    const contents = { getURL: () => `${appOrigin}/#/console` };
    request(contents, 'media', answer, { requestingUrl: `${appOrigin}/#/console` });
    request(contents, 'fullscreen', answer, { requestingUrl: `${appOrigin}/#/console` });
    request(contents, 'fullscreen', answer, { requestingUrl: 'https://evil.example/' });
    request(contents, 'fullscreen', answer, { requestingUrl: '' });
    expect(answer.mock.calls).toEqual([[false], [true], [false], [true]]);

    const check = handlers.check as unknown as (...args: unknown[]) => boolean;
    expect(check(null, 'geolocation', appOrigin, {})).toBe(false);
    expect(check(null, 'fullscreen', appOrigin, {})).toBe(true);
    expect((handlers.device as unknown as () => boolean)()).toBe(false);
    // Screen capture: answered with no stream at all, for any frame.
    const captured = vi.fn();
    (handlers.displayMedia as unknown as (...args: unknown[]) => void)({ frame: null }, captured);
    expect(captured.mock.calls).toEqual([[null]]);
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('hardenWebContents', () => {
  function setup() {
    const contents = new FakeContents();
    const openExternal = vi.fn(async () => {});
    hardenWebContents(contents as never, {
      appOrigin,
      externalHosts: ['docs.example.cn'],
      openExternal,
      log: () => {},
    });
    return { contents, openExternal };
  }

  it('denies every new window; allow-listed https links go to the system browser', () => {
    const { contents, openExternal } = setup();
    expect(contents.openHandler!({ url: 'https://docs.example.cn/manual' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'http://docs.example.cn/manual' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: `${appOrigin}/#/console` })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://docs.example.cn/manual']]);
  });

  it('blocks navigation and redirects away from the app origin, and webviews', () => {
    const { contents } = setup();
    const inside = navigationEvent(`${appOrigin}/#/wall/left`);
    const outside = navigationEvent('https://evil.example/');
    const redirect = navigationEvent('file:///etc/passwd');
    const webview = navigationEvent('');
    contents.emit('will-navigate', inside);
    contents.emit('will-navigate', outside);
    contents.emit('will-redirect', redirect);
    contents.emit('will-attach-webview', webview);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(outside.preventDefault).toHaveBeenCalled();
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('blocks a frame inside the page from navigating off the app origin', () => {
    const { contents } = setup();
    const frameOut = { ...navigationEvent('https://evil.example/'), isMainFrame: false };
    const frameIn = { ...navigationEvent(`${appOrigin}/#/console`), isMainFrame: false };
    const main = { ...navigationEvent('https://evil.example/'), isMainFrame: true }; // will-navigate decides
    contents.emit('will-frame-navigate', frameOut);
    contents.emit('will-frame-navigate', frameIn);
    contents.emit('will-frame-navigate', main);
    expect(frameOut.preventDefault).toHaveBeenCalled();
    expect(frameIn.preventDefault).not.toHaveBeenCalled();
    expect(main.preventDefault).not.toHaveBeenCalled();
  });
});

describe('trustOwnCertificate', () => {
  const fixtures = fileURLToPath(new URL('../../tests/fixtures/tls', import.meta.url));
  const own = readFileSync(path.join(fixtures, 'certificate.pem'), 'utf8');
  const other = readFileSync(path.join(fixtures, 'other-certificate.pem'), 'utf8');
  const fingerprint = new X509Certificate(own).fingerprint256.replaceAll(':', '').toLowerCase();

  function certificateError(app: EventEmitter, data: string) {
    const event = { preventDefault: vi.fn() };
    const callback = vi.fn();
    app.emit(
      'certificate-error',
      event,
      {},
      'https://127.0.0.1:7443/',
      'net::ERR_CERT_AUTHORITY_INVALID',
      { data },
      callback,
    );
    return { event, callback };
  }

  it('accepts the core’s own certificate and refuses any other, as Chromium would', () => {
    const app = new EventEmitter();
    trustOwnCertificate(app as never, fingerprint, () => {});
    const ownCase = certificateError(app, own);
    expect(ownCase.event.preventDefault).toHaveBeenCalled();
    expect(ownCase.callback.mock.calls).toEqual([[true]]);
    const otherCase = certificateError(app, other);
    expect(otherCase.event.preventDefault).not.toHaveBeenCalled();
    expect(otherCase.callback.mock.calls).toEqual([[false]]);
  });

  it('accepts nothing when the core serves no TLS', () => {
    const app = new EventEmitter();
    trustOwnCertificate(app as never, null, () => {});
    expect(certificateError(app, own).callback.mock.calls).toEqual([[false]]);
  });
});
