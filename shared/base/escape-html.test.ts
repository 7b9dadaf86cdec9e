// Backend strings reach ECharts tooltips as HTML: every special character must come out as text.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;',
    );
  });

  it('leaves ordinary Chinese text alone', () => {
    expect(escapeHtml('小时降雨量 mm/h')).toBe('小时降雨量 mm/h');
  });
});
