import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents } from './security';

const appOrigin = 'http://127.0.0.1:4310';

describe('hardenSession', () => {
  it('installs deny-by-default permission handlers', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: vi.fn((handler) => (handlers.request = handler)),
      setPermissionCheckHandler: vi.fn((handler) => (handlers.check = handler)),
      setDevicePermissionHandler: vi.fn((handler) => (handlers.device = handler)),
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
});
