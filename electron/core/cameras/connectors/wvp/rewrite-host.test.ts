// A platform's internal media-server address rewritten to where the wall reaches it.
import { describe, expect, it } from 'vitest';
import { rewriteHost } from './rewrite-host';

describe('rewriteHost', () => {
  const url = 'ws://10.20.30.40:80/rtp/34020000001320000001_1.live.flv?token=a';

  it('replaces host and port when the rule names the port', () => {
    expect(rewriteHost(url, [{ from: '10.20.30.40:80', to: '127.0.0.1:18000' }])).toBe(
      'ws://127.0.0.1:18000/rtp/34020000001320000001_1.live.flv?token=a',
    );
  });

  it('keeps the port when the rule names the host only', () => {
    expect(rewriteHost(url, [{ from: '10.20.30.40', to: 'media.example.gov.cn' }])).toBe(
      'ws://media.example.gov.cn:80/rtp/34020000001320000001_1.live.flv?token=a',
    );
  });

  it('leaves other hosts and unparsable URLs alone', () => {
    expect(rewriteHost(url, [{ from: '10.20.30.41', to: 'x' }])).toBe(url);
    expect(rewriteHost('not a url', [{ from: 'a', to: 'b' }])).toBe('not a url');
  });
});
